#include "analyzers/order_cells.h"

namespace mdp::analyzers {

std::vector<std::string> metric_columns(std::string_view prefix) {
    std::vector<std::string> names;
    for (const auto name : kExecutionMetricNames) {
        names.push_back(std::string(prefix) + "_" + std::string(name));
    }
    return names;
}

void write_arrival_cells(CsvWriter& out, const CpOrder& order) {
    out.integer(order.order_id)
        .integer(order.arrival_time)
        .integer(order.side)
        .integer(order.quantity)
        .integer(order.limit_price)
        .integer(order.national.bid)
        .integer(order.national.offer)
        .number(order.national.midpoint())
        .number(order.national.spread());
}

void write_metric_cells(CsvWriter& out, const ExecutionMetrics& m) {
    out.number(m.qty_filled)
        .number(m.fill_rate_pct)
        .number(m.num_fills)
        .number(m.avg_fill_size)
        .number(m.vwap)
        .number(m.exec_cost_arrival_bps)
        .number(m.exec_cost_vw_bps)
        .number(m.effective_spread_pct)
        .number(m.exec_time_sec)
        .number(m.time_to_first_fill_sec)
        .number(m.vw_exec_time_sec)
        .number(m.market_drift_bps)
        .integer(m.first_trade_time)
        .integer(m.last_trade_time)
        .number(m.midpoint_at_last_fill);
}

}  // namespace mdp::analyzers
