#pragma once
// One analysed partition's result record: its key, its summary (what consolidation reads) and
// its SPEC 3.6 files (what `export` writes back out, byte for byte). Stored in a pack
// (pack_store.h); encoded with the portable layout of common/wire_format.h, led by a format
// version so that a later version can still tell what it is reading.

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/partition_files.h"
#include "common/partition_key.h"
#include "results/partition_summary.h"

namespace mdp::results {

struct StoredFile {
    std::string path;  // relative to the partition's stats/ directory
    std::string content;
};

struct PartitionRecord {
    PartitionKey key;
    PartitionSummary summary;
    std::vector<StoredFile> files;  // the detailed comparison first (render_partition_files)
};

// The record of `results`, as bytes: built once per partition, by the worker that analysed it.
std::string encode_record(const PartitionKey& key, const PartitionSummary& summary,
                          const std::vector<analyzers::PartitionFile>& files);

// A decoded record's files as the analyzers' writer takes them (pointing into `record`).
std::vector<analyzers::PartitionFile> partition_files_of(const PartitionRecord& record);

// The same bytes from a decoded record (tools that copy records to other keys).
std::string encode_record(const PartitionRecord& record);

// Throws RecordError when `bytes` is not a record this version can read.
class RecordError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};
void decode_record(std::string_view bytes, PartitionRecord& out);

// The data lines of the detailed comparison (every line after its header, without line ends),
// checked against the summary: one line per set-A order. Throws RecordError.
std::vector<std::string_view> detailed_rows(const PartitionRecord& record, std::string_view expected_header);

}  // namespace mdp::results
