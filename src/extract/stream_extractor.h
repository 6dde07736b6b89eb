#pragma once
// Phase 1 of the pipeline: one pass over each input, every data row copied as its original text,
// in input order, into partitions/<date>/<security>/<role>.csv; bad rows into rejects/.
//
// The shape is oneTBB's fgbzip2 example: a serial stage reads blocks of whole lines in order,
// a parallel stage routes each block's lines to partition keys, a serial in-order stage appends
// them to the partition files. Memory is bounded by the block size x tokens in flight plus the
// pending-write budget, whatever the input size or partition count (plus ~100 bytes of
// bookkeeping per partition).

#include <cstdint>
#include <vector>

#include "extract/extraction_options.h"
#include "extract/output/partition_file_set.h"

namespace mdp::extract {

struct InputSummary {
    InputRole role = InputRole::kOrders;
    std::filesystem::path path;
    std::filesystem::path rejects_file;  // where its rejected rows are (when it has any)
    uint64_t bytes = 0;
    uint64_t lines = 0;     // data lines read (header excluded)
    uint64_t accepted = 0;  // rows copied into partitions
    uint64_t rejected = 0;
};

struct ExtractionResult {
    std::vector<PartitionFiles> partitions;  // sorted by key
    std::vector<InputSummary> inputs;        // in input order
    bool resumed_from_checkpoint = false;
    uint64_t bytes_read_this_run = 0;
    double seconds = 0;
};

// Runs (or resumes) an extraction. Throws InputError for unusable inputs or too many rejects,
// IoError when the output cannot be written, ResumeRefused when the directory holds another
// run, Interrupted when *stop_requested became true (a checkpoint is saved first).
ExtractionResult run_extraction(const ExtractionOptions& options);

}  // namespace mdp::extract
