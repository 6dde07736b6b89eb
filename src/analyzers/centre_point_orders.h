#pragma once
// The Centre Point orders of a partition and their states (SPEC 3.1). Events of one order are
// ordered by (timestamp, sequence), ties by input order; the arrival state is the first event,
// the post-arrival state the last event with the arrival timestamp, the final state the last
// event. An order is a Centre Point order when its arrival state's exchangeordertype is 64,
// 256, 2048, 4096 or 4098 (the type an order was entered with; lit orders are only counted).

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "analyzers/partition_rows.h"
#include "analyzers/quote.h"

namespace mdp::analyzers {

inline constexpr int32_t kSideBuy = 1;
inline constexpr int32_t kSideSell = 2;
inline constexpr int32_t kChangeReasonTraded = 3;
inline constexpr int32_t kChangeReasonNewOrder = 6;
inline constexpr int32_t kChangeReasonCancelled1 = 1;
inline constexpr int32_t kChangeReasonCancelled9 = 9;
inline constexpr int32_t kExchangeOrderTypeSweep = 2048;

bool is_centre_point_type(int32_t exchange_order_type);

// One Centre Point order, summarised from its events.
struct CpOrder {
    int64_t order_id = 0;
    int32_t side = 0;  // arrival side
    int32_t exchange_order_type = 0;
    int64_t arrival_time = 0;
    int64_t arrival_sequence = 0;
    uint32_t arrival_row = 0;  // input row of the arrival event (final tie-break)
    int64_t quantity = 0;      // arrival quantity (order quantity, starting ledger)
    int64_t limit_price = 0;   // arrival price
    Quote national;            // arrival national_bid / national_offer
    Quote exchange;            // arrival bid / offer
    int64_t post_arrival_leaves = 0;
    int32_t final_change_reason = 0;
    int64_t final_leaves = 0;
    bool entered_in_partition = false;  // some event has changereason 6
    uint32_t first_event = 0;           // this order's events: events()[first_event, end_event)
    uint32_t end_event = 0;

    bool is_sweep() const { return exchange_order_type == kExchangeOrderTypeSweep; }
};

// Arrival order of SPEC 3.3: (timestamp, sequence), ties by input order.
inline bool arrives_before(const CpOrder& a, const CpOrder& b) {
    if (a.arrival_time != b.arrival_time) return a.arrival_time < b.arrival_time;
    if (a.arrival_sequence != b.arrival_sequence) return a.arrival_sequence < b.arrival_sequence;
    return a.arrival_row < b.arrival_row;
}

class CentrePointOrders {
  public:
    // Consumes the partition's order events (all of them; lit orders are dropped after
    // classification).
    explicit CentrePointOrders(std::vector<OrderEvent> events);

    // Sorted by order_id.
    std::span<const CpOrder> orders() const { return orders_; }
    // The events of all Centre Point orders, grouped per order and ordered within it.
    std::span<const OrderEvent> events() const { return events_; }
    std::span<const OrderEvent> events_of(const CpOrder& order) const {
        return std::span<const OrderEvent>(events_).subspan(order.first_event,
                                                            order.end_event - order.first_event);
    }

    // Index into orders() of a Centre Point order id; -1 when there is none.
    int64_t find(int64_t order_id) const;

    uint64_t order_event_count() const { return order_event_count_; }
    uint64_t sweep_count() const { return sweep_count_; }

  private:
    std::vector<CpOrder> orders_;
    std::vector<OrderEvent> events_;
    std::unordered_map<int64_t, uint32_t> index_;
    uint64_t order_event_count_ = 0;
    uint64_t sweep_count_ = 0;
};

}  // namespace mdp::analyzers
