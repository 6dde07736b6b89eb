#include "analyzers/sweep_qualification.h"

#include <algorithm>

namespace mdp::analyzers {

SweepQualification qualify_sweeps(const CentrePointOrders& orders, std::vector<TradeRow> trades) {
    std::sort(trades.begin(), trades.end(), [](const TradeRow& a, const TradeRow& b) {
        if (a.order_id != b.order_id) return a.order_id < b.order_id;
        if (a.trade_time != b.trade_time) return a.trade_time < b.trade_time;
        return a.row < b.row;
    });
    SweepQualification result;
    const auto cp = orders.orders();
    for (size_t i = 0; i < cp.size(); ++i) {
        const CpOrder& o = cp[i];
        if (!o.is_sweep()) continue;
        if (!(o.final_change_reason == kChangeReasonTraded && o.final_leaves == 0)) {
            ++result.not_fully_filled;
            continue;
        }
        if (!o.entered_in_partition) {
            ++result.not_entered_in_partition;
            continue;
        }
        const auto first =
            std::lower_bound(trades.begin(), trades.end(), o.order_id,
                             [](const TradeRow& t, int64_t id) { return t.order_id < id; });
        auto last = first;
        while (last != trades.end() && last->order_id == o.order_id) ++last;
        if (first == last) {
            ++result.no_trades;
            continue;
        }
        if (!std::all_of(first, last,
                         [](const TradeRow& t) { return t.deal_source == kDealSourceLit; })) {
            ++result.not_all_lit;
            continue;
        }
        QualifyingSweep q;
        q.order = static_cast<uint32_t>(i);
        q.trades.assign(first, last);
        q.first_execution_time = o.arrival_time;
        q.last_execution_time = std::prev(last)->trade_time;
        result.qualifying.push_back(std::move(q));
    }
    return result;
}

}  // namespace mdp::analyzers
