#pragma once
// The 11 execution metrics that are compared between real and simulated execution (SPEC 3.4,
// in SPEC order): their names, the name of their difference column, the summary group, and the
// direction in which a value is better (SPEC 3.4: lower for costs, spreads and times; higher
// for qty_filled and fill_rate_pct; neutral for vwap, num_fills and avg_fill_size).

#include <array>
#include <string_view>

#include "analyzers/execution_metrics.h"

namespace mdp::analyzers {

enum class BetterDirection { kLower, kHigher, kNeutral };

std::string_view to_string(BetterDirection direction);

struct ComparedMetric {
    std::string_view name;             // e.g. exec_cost_arrival_bps
    std::string_view difference_name;  // e.g. exec_cost_arrival_diff_bps
    std::string_view group;            // Fill, Efficiency, Price, Cost, Timing
    BetterDirection direction;
    // How a better simulated value is described in an interpretation ("cheaper", "faster").
    std::string_view better_word;
    double ExecutionMetrics::*member;
};

inline constexpr std::array<ComparedMetric, 11> kComparedMetrics{{
    {"qty_filled", "qty_diff", "Fill", BetterDirection::kHigher, "fills more",
     &ExecutionMetrics::qty_filled},
    {"fill_rate_pct", "fill_rate_diff_pct", "Fill", BetterDirection::kHigher,
     "fills a larger share", &ExecutionMetrics::fill_rate_pct},
    {"num_fills", "num_fills_diff", "Efficiency", BetterDirection::kNeutral, "",
     &ExecutionMetrics::num_fills},
    {"avg_fill_size", "avg_fill_size_diff", "Efficiency", BetterDirection::kNeutral, "",
     &ExecutionMetrics::avg_fill_size},
    {"vwap", "vwap_diff", "Price", BetterDirection::kNeutral, "", &ExecutionMetrics::vwap},
    {"exec_cost_arrival_bps", "exec_cost_arrival_diff_bps", "Cost", BetterDirection::kLower,
     "cheaper", &ExecutionMetrics::exec_cost_arrival_bps},
    {"exec_cost_vw_bps", "exec_cost_vw_diff_bps", "Cost", BetterDirection::kLower, "cheaper",
     &ExecutionMetrics::exec_cost_vw_bps},
    {"effective_spread_pct", "effective_spread_diff_pct", "Cost", BetterDirection::kLower,
     "tighter", &ExecutionMetrics::effective_spread_pct},
    {"exec_time_sec", "exec_time_diff_sec", "Timing", BetterDirection::kLower, "faster",
     &ExecutionMetrics::exec_time_sec},
    {"time_to_first_fill_sec", "time_to_first_fill_diff_sec", "Timing", BetterDirection::kLower,
     "faster", &ExecutionMetrics::time_to_first_fill_sec},
    {"vw_exec_time_sec", "vw_exec_time_diff_sec", "Timing", BetterDirection::kLower, "faster",
     &ExecutionMetrics::vw_exec_time_sec},
}};

}  // namespace mdp::analyzers
