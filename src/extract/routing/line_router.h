#pragma once
// The parallel stage of extraction: turns a block of input lines into rows grouped by partition
// key, and rejected lines with their reason. Pure function of the block (plus a per-thread date
// cache), so blocks can be routed on any thread in any order.

#include <cstddef>
#include <string>
#include <vector>

#include "common/cell_value.h"
#include "common/csv_line_scanner.h"
#include "extract/blocks.h"
#include "extract/buffer_pool.h"
#include "extract/input/input_role.h"
#include "extract/routing/market_time_zone.h"

namespace mdp::extract {

// A column the analysis reads (common/analysed_columns.h), other than the two key columns: every
// accepted row's cell in it is of its type and in its range (docs/validation.md).
struct CheckedColumn {
    size_t index = 0;   // in the input's fields
    ValueType type = ValueType::kId;
    std::string name;   // as the reject reasons name it
};

struct RoutingRules {
    size_t field_count = 0;        // every data line must have exactly this many fields
    size_t timestamp_column = 0;
    size_t security_column = 0;
    std::vector<size_t> kept_columns;  // --columns projection; empty keeps the whole line
    std::vector<CheckedColumn> checked_columns;  // empty: only the key columns are checked
    size_t max_line_bytes = 1 << 20;
    const MarketTimeZone* zone = nullptr;
};

class LineRouter {
public:
    explicit LineRouter(RoutingRules rules);

    // The routed text comes from `pool` (one buffer per block).
    RoutedBlock route(InputBlock&& block, LocalDateCache& dates, BufferPool& pool) const;

    // The text of the header line to put at the top of each partition file (with `terminator`).
    std::string partition_header(const std::vector<std::string>& original_names,
                                 std::string_view original_line, std::string_view terminator) const;

private:
    struct LineVerdict;
    // `line` is `scanned.text` without its '\r', inside the block that begins at `block_start`.
    // With --columns, an accepted line's projection is appended to `projections`.
    LineVerdict examine(std::string_view line, const ScannedLine& scanned, LocalDateCache& dates,
                        std::string& projections, const char* block_start) const;

    RoutingRules rules_;
    size_t checked_fields_ = 0;  // fields up to the last checked column
};

}  // namespace mdp::extract
