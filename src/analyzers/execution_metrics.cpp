#include "analyzers/execution_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analyzers/metric_catalog.h"

namespace mdp::analyzers {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
__extension__ typedef __int128 Int128;

double seconds(int64_t ns) { return static_cast<double>(ns) / 1e9; }

}  // namespace

ExecutionMetrics compute_execution_metrics(const OrderArrival& arrival,
                                           std::span<const Fill> fills) {
    ExecutionMetrics m;
    const double s = arrival.side == 1 ? 1.0 : arrival.side == 2 ? -1.0 : kNaN;
    const double arrival_mid = arrival.national.midpoint();
    const double arrival_spread = arrival.national.spread();

    int64_t q_total = 0;
    Int128 price_x2_qty = 0;  // sum of 2 p_i q_i, exact
    Int128 wait_qty = 0;      // sum of q_i max(0, t_i - arrival), exact (ns * shares)
    double vw_cost = 0;       // sum of s (p_i - m_i) / m_i * 1e4 * q_i over usable m_i
    int64_t vw_cost_qty = 0;
    for (const Fill& f : fills) {
        q_total += f.quantity;
        price_x2_qty += static_cast<Int128>(f.price_x2) * f.quantity;
        wait_qty += static_cast<Int128>(std::max<int64_t>(0, f.time - arrival.time)) * f.quantity;
        if (std::isfinite(f.midpoint) && f.midpoint > 0) {
            const double p = static_cast<double>(f.price_x2) / 2.0;
            vw_cost += s * (p - f.midpoint) / f.midpoint * 1e4 * static_cast<double>(f.quantity);
            vw_cost_qty += f.quantity;
        }
    }
    const double q = static_cast<double>(q_total);
    const double n = static_cast<double>(fills.size());

    m.qty_filled = q;
    m.fill_rate_pct =
        arrival.quantity <= 0 ? 0.0 : q / static_cast<double>(arrival.quantity) * 100.0;
    m.num_fills = n;
    m.avg_fill_size = fills.empty() ? kNaN : q / n;
    m.vwap = q_total == 0 ? kNaN : static_cast<double>(price_x2_qty) / 2.0 / q;
    m.exec_cost_arrival_bps = s * (m.vwap - arrival_mid) / arrival_mid * 1e4;
    m.exec_cost_vw_bps = vw_cost_qty == 0 ? kNaN : vw_cost / static_cast<double>(vw_cost_qty);
    m.effective_spread_pct =
        arrival_spread > 0 ? 2.0 * std::abs(m.vwap - arrival_mid) / arrival_spread * 100.0 : kNaN;
    if (fills.empty()) {
        m.exec_time_sec = kNaN;
        m.time_to_first_fill_sec = kNaN;
        m.vw_exec_time_sec = kNaN;
        m.market_drift_bps = kNaN;
        m.midpoint_at_last_fill = kNaN;
        return m;
    }
    const auto [min_it, max_it] = std::minmax_element(
        fills.begin(), fills.end(), [](const Fill& a, const Fill& b) { return a.time < b.time; });
    m.first_trade_time = min_it->time;
    m.last_trade_time = max_it->time;
    m.exec_time_sec = seconds(max_it->time - min_it->time);
    m.time_to_first_fill_sec = seconds(std::max<int64_t>(0, min_it->time - arrival.time));
    m.vw_exec_time_sec = q_total == 0 ? kNaN : static_cast<double>(wait_qty) / 1e9 / q;
    const double m_first = fills.front().midpoint;
    const double m_last = fills.back().midpoint;
    m.market_drift_bps = (m_last - m_first) / m_first * 1e4;
    if (!std::isfinite(m.market_drift_bps)) m.market_drift_bps = kNaN;
    m.midpoint_at_last_fill = m_last;
    return m;
}

std::array<double, 11> metric_differences(const ExecutionMetrics& real,
                                          const ExecutionMetrics& sim) {
    std::array<double, 11> d{};
    for (size_t i = 0; i < kComparedMetrics.size(); ++i) {
        d[i] = real.*kComparedMetrics[i].member - sim.*kComparedMetrics[i].member;
    }
    return d;
}

std::optional<bool> dark_pool_better(const ExecutionMetrics& real, const ExecutionMetrics& sim) {
    if (std::isnan(real.exec_cost_arrival_bps) || std::isnan(sim.exec_cost_arrival_bps)) {
        return std::nullopt;
    }
    return sim.exec_cost_arrival_bps < real.exec_cost_arrival_bps;
}

}  // namespace mdp::analyzers
