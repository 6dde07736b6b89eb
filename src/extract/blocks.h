#pragma once
// What flows through the extraction pipeline: the reader cuts the input into InputBlocks of whole
// lines, the router turns each into a RoutedBlock (rows grouped by partition, rejected lines
// set aside), and the writer consumes RoutedBlocks in input order.

#include <cstdint>
#include <string>
#include <vector>

#include "common/partition_key.h"
#include "extract/buffer_pool.h"
#include "extract/input/content_hasher.h"
#include "extract/routing/reject_kind.h"

namespace mdp::extract {

struct InputBlock {
    uint64_t index = 0;         // position in the sequence of blocks of one input
    uint64_t end_offset = 0;    // input byte offset just past this block's last byte
    Buffer data;                // whole lines; only the input's final line may lack '\n'
    // A line longer than the reader's block size is not held in memory: `data` then holds the
    // first bytes of that one line (terminator removed) and `oversized_line_length` its length.
    uint64_t oversized_line_length = 0;
    uint64_t raw_end = 0;  // bytes of the stored (maybe compressed) file read by then: for progress
    // XXH3-128 of the decoded input from offset 0 to end_offset (from the reader's start for a
    // pipe): what a checkpoint at this block records, and a resume reads again and compares.
    Hash128 decoded_hash;
};

// The rows of one partition found in one block: a contiguous run of their original text in the
// block's routed text.
struct RowGroup {
    PartitionKey key;
    size_t offset = 0;
    size_t length = 0;
    uint64_t rows = 0;
};

struct RejectedLine {
    uint64_t line_in_block = 0;    // 0-based index of the line within its block
    uint64_t offset_in_block = 0;  // byte offset of the line's start within its block
    RejectKind kind = RejectKind::kFieldCount;
    std::string reason;
    std::string text;            // the line without its terminator, possibly cut (see reason)
};

struct RoutedBlock {
    uint64_t index = 0;
    uint64_t end_offset = 0;
    uint64_t raw_end = 0;
    Hash128 decoded_hash;        // the InputBlock's
    uint64_t lines = 0;          // lines in the block, accepted and rejected
    Buffer text;                 // every accepted row, grouped: groups[0]'s rows, then groups[1]'s...
    std::vector<RowGroup> groups;
    std::vector<RejectedLine> rejects;

    std::string_view text_of(const RowGroup& group) const { return text.view().substr(group.offset, group.length); }
};

}  // namespace mdp::extract
