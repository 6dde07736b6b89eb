#pragma once
// Everything known about one input before its rows are read: its size, its header, which
// columns hold the partition key, and what header the partition files get. Built for every
// input up front so that a bad header in the last file fails the run before any work is done.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/csv_header.h"
#include "extract/extraction_options.h"
#include "extract/input/byte_source.h"
#include "extract/input/input_role.h"
#include "extract/routing/line_router.h"

namespace mdp::extract {

struct InputPlan {
    InputRole role = InputRole::kOrders;
    std::filesystem::path path;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    uint64_t data_offset = 0;       // byte offset of the first data line
    CsvHeader header;
    std::string partition_header;   // header line (projected if --columns) with terminator
    RoutingRules rules;             // zone left unset: the extractor owns the zone
    // A pipe (a FIFO, or `-` for standard input) can be read only once: its source stays open
    // here, with the bytes already read past the header, for the extractor to read on from.
    // Null for files, which are opened again at whatever offset a resume needs.
    std::shared_ptr<ByteSource> stream;
    std::string read_past_header;
};

// Reads and checks the header of `path`. `keep_columns` (normalised names, may be empty) selects
// the columns kept in partition files; the key columns are always kept. Unless `check` is kNone,
// the columns the analysis reads (common/analysed_columns.h) that the header has (and keeps)
// become the rules' checked columns. Throws InputError for a missing, unreadable or empty file,
// a header without the key columns or with two security columns, and, when `check` is
// kRequired, a header without a column the analysis reads or a --columns list that leaves one
// out.
InputPlan plan_input(InputRole role, const std::filesystem::path& path,
                     const std::vector<std::string>& keep_columns, size_t max_line_bytes,
                     AnalysedColumnCheck check = AnalysedColumnCheck::kNone);

// Makes a later input of a role write its rows like the role's first input: partition files
// have one header, the first input's, so an input whose columns come in another order has its
// rows rewritten in the first input's column order (as --columns projects them); an input in
// the same order is copied byte for byte. Throws InputError naming both files when the inputs
// do not have the same set of columns (names compared case-insensitively, trimmed).
void conform_to_first(InputPlan& plan, const InputPlan& first);

}  // namespace mdp::extract
