#include "analyzers/order_comparison.h"

namespace mdp::analyzers {

OrderArrival arrival_of(const CpOrder& order) {
    return OrderArrival{order.side, order.quantity, order.arrival_time, order.national};
}

std::vector<Fill> real_fills(std::span<const TradeRow> trades) {
    std::vector<Fill> fills;
    fills.reserve(trades.size());
    for (const TradeRow& t : trades) {
        fills.push_back(Fill{t.quantity, 2 * t.price, t.trade_time,
                             Quote{t.national_bid, t.national_offer}.midpoint()});
    }
    return fills;
}

std::vector<Fill> simulated_fills(std::span<const SimulatedFill> fills) {
    std::vector<Fill> out;
    out.reserve(fills.size());
    for (const SimulatedFill& f : fills) {
        out.push_back(Fill{f.quantity, f.quote.midpoint_x2(), f.timestamp, f.midpoint()});
    }
    return out;
}

OrderComparison compare_order(const CpOrder& order, std::span<const TradeRow> trades,
                              std::span<const SimulatedFill> fills) {
    OrderComparison c;
    c.order = &order;
    const OrderArrival arrival = arrival_of(order);
    c.real = compute_execution_metrics(arrival, real_fills(trades));
    c.sim = compute_execution_metrics(arrival, simulated_fills(fills));
    c.differences = metric_differences(c.real, c.sim);
    c.dark_pool_better = dark_pool_better(c.real, c.sim);
    return c;
}

}  // namespace mdp::analyzers
