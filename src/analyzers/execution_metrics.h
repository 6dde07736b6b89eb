#pragma once
// The execution metrics of SPEC 3.4 for one order and one set of fills (its real lit trades,
// or its simulated dark fills), and the real-minus-simulated differences. Units: quantities in
// shares, prices in price units (A$0.001), costs in basis points, spreads in percent of the
// arrival spread, times in seconds, first/last fill times in ns.

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "analyzers/quote.h"

namespace mdp::analyzers {

// What the metrics need of the order's arrival state.
struct OrderArrival {
    int32_t side = 0;      // 1 buy, 2 sell (anything else: side-signed metrics are NaN)
    int64_t quantity = 0;  // order quantity
    int64_t time = 0;      // ns
    Quote national;        // arrival national_bid / national_offer
};

// One fill: q_i, p_i (kept as 2 * p_i so a midpoint price stays an exact integer), t_i, m_i.
struct Fill {
    int64_t quantity = 0;
    int64_t price_x2 = 0;
    int64_t time = 0;
    double midpoint = 0;  // NaN when the fill's quote is unusable
};

struct ExecutionMetrics {
    double qty_filled = 0;
    double fill_rate_pct = 0;
    double num_fills = 0;
    double avg_fill_size = 0;
    double vwap = 0;
    double exec_cost_arrival_bps = 0;
    double exec_cost_vw_bps = 0;
    double effective_spread_pct = 0;
    double exec_time_sec = 0;
    double time_to_first_fill_sec = 0;
    double vw_exec_time_sec = 0;
    double market_drift_bps = 0;
    std::optional<int64_t> first_trade_time;  // ns
    std::optional<int64_t> last_trade_time;   // ns
    double midpoint_at_last_fill = 0;
};

// `fills` in time order (ties in input/simulation order): m_first and m_last are the midpoints
// of the first and the last fill. With no fills every value is NaN (or empty) except
// qty_filled, fill_rate_pct and num_fills, which are 0.
ExecutionMetrics compute_execution_metrics(const OrderArrival& arrival,
                                           std::span<const Fill> fills);

// The 11 differences real - sim (SPEC 3.4), in the order of kComparedMetrics.
std::array<double, 11> metric_differences(const ExecutionMetrics& real,
                                          const ExecutionMetrics& sim);

// sim exec_cost_arrival_bps < real exec_cost_arrival_bps; nullopt when either is NaN.
std::optional<bool> dark_pool_better(const ExecutionMetrics& real, const ExecutionMetrics& sim);

}  // namespace mdp::analyzers
