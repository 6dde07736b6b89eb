#include "analyzers/centre_point_orders.h"

#include <algorithm>
#include <numeric>

namespace mdp::analyzers {

bool is_centre_point_type(int32_t exchange_order_type) {
    switch (exchange_order_type) {
        case 64:
        case 256:
        case 2048:
        case 4096:
        case 4098:
            return true;
        default:
            return false;
    }
}

CentrePointOrders::CentrePointOrders(std::vector<OrderEvent> events)
    : order_event_count_(events.size()) {
    // One sort groups the events per order and orders each group: (order_id, timestamp,
    // sequence, input row).
    std::vector<uint32_t> order(events.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const OrderEvent& x = events[a];
        const OrderEvent& y = events[b];
        if (x.order_id != y.order_id) return x.order_id < y.order_id;
        if (x.timestamp != y.timestamp) return x.timestamp < y.timestamp;
        if (x.sequence != y.sequence) return x.sequence < y.sequence;
        return x.row < y.row;
    });

    size_t begin = 0;
    while (begin < order.size()) {
        size_t end = begin + 1;
        while (end < order.size() && events[order[end]].order_id == events[order[begin]].order_id) {
            ++end;
        }
        const OrderEvent& arrival = events[order[begin]];
        if (is_centre_point_type(arrival.exchange_order_type)) {
            CpOrder o;
            o.order_id = arrival.order_id;
            o.side = arrival.side;
            o.exchange_order_type = arrival.exchange_order_type;
            o.arrival_time = arrival.timestamp;
            o.arrival_sequence = arrival.sequence;
            o.arrival_row = arrival.row;
            o.quantity = arrival.quantity;
            o.limit_price = arrival.price;
            o.national = Quote{arrival.national_bid, arrival.national_offer};
            o.exchange = Quote{arrival.bid, arrival.offer};
            o.first_event = static_cast<uint32_t>(events_.size());
            for (size_t i = begin; i < end; ++i) {
                const OrderEvent& e = events[order[i]];
                if (e.timestamp == arrival.timestamp) o.post_arrival_leaves = e.leaves_quantity;
                if (e.change_reason == kChangeReasonNewOrder) o.entered_in_partition = true;
                events_.push_back(e);
            }
            o.end_event = static_cast<uint32_t>(events_.size());
            const OrderEvent& last = events[order[end - 1]];
            o.final_change_reason = last.change_reason;
            o.final_leaves = last.leaves_quantity;
            if (o.is_sweep()) ++sweep_count_;
            index_.emplace(o.order_id, static_cast<uint32_t>(orders_.size()));
            orders_.push_back(o);
        }
        begin = end;
    }
}

int64_t CentrePointOrders::find(int64_t order_id) const {
    const auto it = index_.find(order_id);
    return it == index_.end() ? -1 : static_cast<int64_t>(it->second);
}

}  // namespace mdp::analyzers
