// Measures LineRouter::route, the parallel stage of extraction (field scan, key parsing, local
// date lookup, grouping by partition), on blocks of generated orders lines, keeping whole lines
// or a --columns projection, with or without the checks of the analysed columns (a full run's
// extraction, docs/validation.md): its bytes/s per core bounds how fast one input can be partitioned.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysed_columns.h"
#include "common/csv_header.h"
#include "extract/blocks.h"
#include "extract/routing/line_router.h"
#include "extract/routing/market_time_zone.h"
#include "sample_lines.h"

namespace {

using mdp::extract::InputBlock;
using mdp::extract::Buffer;
using mdp::extract::BufferPool;
using mdp::extract::LineRouter;
using mdp::extract::LocalDateCache;
using mdp::extract::MarketTimeZone;
using mdp::extract::RoutedBlock;
using mdp::extract::RoutingRules;

// An example --columns selection of ten order fields; with the two key columns, which are always
// kept, partition files get 12 of the 29 columns.
const std::vector<std::string> kProjectedColumns{
    "order_id",          "price",        "side",
    "changereason",      "quantity",     "leavesquantity",
    "exchangeordertype", "national_bid", "national_offer",
    "sequence"};

const MarketTimeZone& sydney() {
    static const MarketTimeZone zone = MarketTimeZone::load("Australia/Sydney");
    return zone;
}

// The rules plan_input (src/extract/input_plan.cpp) builds from an orders header.
RoutingRules orders_routing_rules(std::string_view header_line,
                                  const std::vector<std::string>& keep_columns, bool check) {
    const mdp::CsvHeader header = mdp::CsvHeader::parse(header_line, "orders.csv");
    RoutingRules rules;
    rules.field_count = header.field_count();
    rules.timestamp_column = header.find("timestamp").value();
    rules.security_column = header.find("security_code").value();
    for (size_t i = 0; i < header.field_count() && !keep_columns.empty(); ++i) {
        const bool wanted = std::find(keep_columns.begin(), keep_columns.end(),
                                      header.names()[i]) != keep_columns.end();
        if (wanted || i == rules.timestamp_column || i == rules.security_column) {
            rules.kept_columns.push_back(i);
        }
    }
    for (const mdp::AnalysedColumn& column : mdp::kOrderColumns) {
        const auto index = mdp::find_column(header, "orders.csv", column);
        if (!check || !index || *index == rules.timestamp_column || *index == rules.security_column) continue;
        rules.checked_columns.push_back({*index, column.type, header.names()[*index]});
    }
    rules.zone = &sydney();
    return rules;
}

// state.range(0): block size in bytes (whole lines, at most that many).
void BM_LineRouterRoute(benchmark::State& state, const std::vector<std::string>& keep_columns,
                        bool check = false) {
    const mdp::bench::SampleOrders& sample = mdp::bench::sample_orders();
    const std::string_view block_text =
        mdp::bench::whole_lines_prefix(sample.rows, static_cast<size_t>(state.range(0)));
    const auto rows = static_cast<int64_t>(std::count(block_text.begin(), block_text.end(), '\n'));
    const LineRouter router(orders_routing_rules(sample.header, keep_columns, check));
    LocalDateCache dates(sydney());  // one per routing thread, kept across blocks

    BufferPool pool(block_text.size() + 1);  // the routed text is recycled as in the extractor
    RoutedBlock routed =
        router.route(InputBlock{0, block_text.size(), Buffer::holding(block_text), 0, 0, {}}, dates, pool);
    if (!routed.rejects.empty() || routed.lines != static_cast<uint64_t>(rows)) {
        state.SkipWithError("the sample block has rejected lines");
        return;
    }
    for (auto _ : state) {
        // The reader's copy of the block and the freeing of the previous result are not routing.
        state.PauseTiming();
        routed = RoutedBlock{};
        InputBlock block{0, block_text.size(), Buffer::holding(block_text), 0, 0, {}};
        state.ResumeTiming();
        routed = router.route(std::move(block), dates, pool);
        benchmark::DoNotOptimize(routed.groups.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(block_text.size()));
    state.SetItemsProcessed(state.iterations() * rows);  // rows/s
    state.counters["partitions"] = static_cast<double>(routed.groups.size());
}

const std::vector<std::string> kWholeLine{};

BENCHMARK_CAPTURE(BM_LineRouterRoute, whole_line, kWholeLine)
    ->Arg(1 << 20)
    ->Arg(8 << 20)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LineRouterRoute, whole_line_analysed_columns_checked, kWholeLine, true)
    ->Arg(1 << 20)
    ->Arg(8 << 20)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LineRouterRoute, projected_12_of_29_columns, kProjectedColumns)
    ->Arg(1 << 20)
    ->Arg(8 << 20)
    ->Unit(benchmark::kMillisecond);

}  // namespace
