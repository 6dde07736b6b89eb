#pragma once
// The parallel stage of extraction: turns a block of input lines into rows grouped by partition
// key, and rejected lines with their reason. Pure function of the block (plus a per-thread date
// cache), so blocks can be routed on any thread in any order.

#include <cstddef>
#include <string>
#include <vector>

#include "common/csv_line_scanner.h"
#include "extract/blocks.h"
#include "extract/buffer_pool.h"
#include "extract/input/input_role.h"
#include "extract/routing/market_time_zone.h"

namespace mdp::extract {

struct RoutingRules {
    size_t field_count = 0;        // every data line must have exactly this many fields
    size_t timestamp_column = 0;
    size_t security_column = 0;
    std::vector<size_t> kept_columns;  // --columns projection; empty keeps the whole line
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
    // `line` is `scanned.text` without its '\r'. With --columns, an accepted line's projection is
    // appended to `projections`.
    LineVerdict examine(std::string_view line, const ScannedLine& scanned, LocalDateCache& dates,
                        std::string& projections) const;

    RoutingRules rules_;
};

}  // namespace mdp::extract
