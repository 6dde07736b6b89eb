#include "analyzers/unmatched_analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "analyzers/contra_arrivals.h"
#include "analyzers/number_format.h"
#include "analyzers/open_contra_book.h"

namespace mdp::analyzers {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_open(const OrderEvent& e) {
    return e.leaves_quantity > 0 && e.change_reason != kChangeReasonCancelled1 &&
           e.change_reason != kChangeReasonCancelled9;
}

std::string number_text(double x) { return format_number(x); }
std::string number_text(int64_t x) { return format_integer(x); }

std::string detail_for(const UnmatchedDiagnosis& d) {
    const bool buy = d.side == kSideBuy;
    switch (d.root_cause) {
        case RootCause::kInstantLitExecution:
            return "first lit fill " + number_text(d.time_to_lit_execution_sec) +
                   " s after arrival (under " + number_text(kInstantLitSeconds) + " s)";
        case RootCause::kNoLiquidityAtAll:
            return "no opposite Centre Point order open at arrival and none arrived before the "
                   "first lit fill";
        case RootCause::kTimingMismatch:
            return "no opposite Centre Point order open at arrival; a compatible one arrived " +
                   number_text(
                       static_cast<double>(*d.earliest_compatible_contra_time - d.arrival_time) /
                       1e9) +
                   " s after arrival and " + number_text(d.dark_vs_lit_timing_advantage_sec) +
                   " s before the first lit fill";
        case RootCause::kTimingMismatchNoPriceOverlap:
            return "no opposite Centre Point order open at arrival; " +
                   number_text(d.contra_arrivals_during_life) +
                   " arrived before the first lit fill but none at a price within the limit " +
                   number_text(d.limit_price);
        case RootCause::kPriceIncompatible:
            return number_text(d.contra_orders_at_arrival) +
                   (d.contra_orders_at_arrival == 1 ? " opposite Centre Point order"
                                                    : " opposite Centre Point orders") +
                   " open at arrival (" + number_text(d.contra_depth_at_arrival) +
                   " shares) but the best price " +
                   number_text(d.best_contra_price_at_arrival.value_or(0)) + " is " +
                   (buy ? "above" : "below") + " the limit " + number_text(d.limit_price);
        case RootCause::kInsufficientQuantity:
            return "best opposite price " +
                   number_text(d.best_contra_price_at_arrival.value_or(0)) +
                   " is within the limit but no quantity can fill at a compatible price";
        case RootCause::kSimulationMiss:
            return number_text(d.potential_fill_qty_at_arrival) +
                   " shares were open at a compatible price at arrival but the simulation "
                   "matches only contras arriving between arrival and the last fill (or their "
                   "quantity was already used)";
    }
    return "";
}

}  // namespace

std::string_view to_string(RootCause cause) {
    switch (cause) {
        case RootCause::kInstantLitExecution:
            return "INSTANT_LIT_EXECUTION";
        case RootCause::kNoLiquidityAtAll:
            return "NO_LIQUIDITY_AT_ALL";
        case RootCause::kTimingMismatch:
            return "TIMING_MISMATCH";
        case RootCause::kTimingMismatchNoPriceOverlap:
            return "TIMING_MISMATCH_NO_PRICE_OVERLAP";
        case RootCause::kPriceIncompatible:
            return "PRICE_INCOMPATIBLE";
        case RootCause::kInsufficientQuantity:
            return "INSUFFICIENT_QUANTITY";
        case RootCause::kSimulationMiss:
            return "SIMULATION_MISS";
    }
    return "UNKNOWN";
}

RootCause classify_root_cause(const UnmatchedDiagnosis& d) {
    const bool depth = d.contra_orders_at_arrival > 0;
    if (d.time_to_lit_execution_sec < kInstantLitSeconds) return RootCause::kInstantLitExecution;
    if (!depth && d.contra_arrivals_during_life == 0) return RootCause::kNoLiquidityAtAll;
    if (!depth && d.earliest_compatible_contra_time) return RootCause::kTimingMismatch;
    if (!depth) return RootCause::kTimingMismatchNoPriceOverlap;
    if (!d.price_overlap) return RootCause::kPriceIncompatible;
    if (d.potential_fill_qty_at_arrival <= 0) return RootCause::kInsufficientQuantity;
    return RootCause::kSimulationMiss;
}

std::vector<UnmatchedDiagnosis> diagnose_unmatched(
    const CentrePointOrders& orders, std::span<const QualifyingSweep* const> unmatched) {
    std::vector<UnmatchedDiagnosis> result(unmatched.size());
    if (unmatched.empty()) return result;
    const auto cp = orders.orders();
    const auto events = orders.events();

    // Per side (index 0 buy, 1 sell): the events of its Centre Point orders in time order, the
    // prices they carry, and the orders' arrivals.
    struct SideEvent {
        uint32_t event;
        uint32_t order;
    };
    std::array<std::vector<SideEvent>, 2> side_events;
    std::array<std::vector<int64_t>, 2> side_prices;
    std::array<std::vector<uint32_t>, 2> side_orders;
    for (size_t i = 0; i < cp.size(); ++i) {
        const int side = cp[i].side == kSideBuy ? 0 : cp[i].side == kSideSell ? 1 : -1;
        if (side < 0) continue;
        const auto s = static_cast<size_t>(side);
        side_orders[s].push_back(static_cast<uint32_t>(i));
        for (uint32_t e = cp[i].first_event; e < cp[i].end_event; ++e) {
            side_events[s].push_back(SideEvent{e, static_cast<uint32_t>(i)});
            side_prices[s].push_back(events[e].price);
        }
    }
    std::array<std::vector<ContraArrival>, 2> arrivals;
    for (size_t s = 0; s < 2; ++s) {
        std::sort(side_events[s].begin(), side_events[s].end(),
                  [&](const SideEvent& a, const SideEvent& b) {
                      const OrderEvent& x = events[a.event];
                      const OrderEvent& y = events[b.event];
                      if (x.timestamp != y.timestamp) return x.timestamp < y.timestamp;
                      if (x.sequence != y.sequence) return x.sequence < y.sequence;
                      return x.row < y.row;
                  });
        std::sort(side_orders[s].begin(), side_orders[s].end(),
                  [&](uint32_t a, uint32_t b) { return arrives_before(cp[a], cp[b]); });
        for (const uint32_t o : side_orders[s]) {
            arrivals[s].push_back(
                ContraArrival{cp[o].arrival_time, cp[o].limit_price, cp[o].quantity});
        }
    }
    std::array<OpenContraBook, 2> books{OpenContraBook(std::move(side_prices[0])),
                                        OpenContraBook(std::move(side_prices[1]))};
    const std::array<ContraArrivals, 2> arrival_index{ContraArrivals(std::move(arrivals[0])),
                                                      ContraArrivals(std::move(arrivals[1]))};
    std::array<size_t, 2> applied{0, 0};

    // Queries in arrival-time order, so each side's events are applied once.
    std::vector<size_t> query(unmatched.size());
    std::iota(query.begin(), query.end(), size_t{0});
    std::sort(query.begin(), query.end(), [&](size_t a, size_t b) {
        return cp[unmatched[a]->order].arrival_time < cp[unmatched[b]->order].arrival_time;
    });
    for (const size_t qi : query) {
        const QualifyingSweep& sweep = *unmatched[qi];
        const CpOrder& u = cp[sweep.order];
        UnmatchedDiagnosis& d = result[qi];
        d.order_id = u.order_id;
        d.side = u.side;
        d.order_quantity = u.quantity;
        d.limit_price = u.limit_price;
        d.arrival_time = u.arrival_time;
        d.first_lit_time = sweep.trades.front().trade_time;
        d.time_to_lit_execution_sec = static_cast<double>(d.first_lit_time - d.arrival_time) / 1e9;
        d.dark_vs_lit_timing_advantage_sec = kNaN;

        const int contra_side = u.side == kSideBuy ? 1 : u.side == kSideSell ? 0 : -1;
        if (contra_side >= 0) {
            const auto s = static_cast<size_t>(contra_side);
            while (applied[s] < side_events[s].size() &&
                   events[side_events[s][applied[s]].event].timestamp <= u.arrival_time) {
                const SideEvent& se = side_events[s][applied[s]];
                const OrderEvent& e = events[se.event];
                books[s].set_state(se.order, is_open(e), e.price, e.leaves_quantity);
                ++applied[s];
            }
            const OpenContraBook& book = books[s];
            const bool buy = u.side == kSideBuy;  // contras are sells: lower is better for u
            d.contra_orders_at_arrival = book.open_orders();
            d.contra_depth_at_arrival = book.open_quantity();
            d.best_contra_price_at_arrival = buy ? book.lowest_price() : book.highest_price();
            d.price_overlap = d.best_contra_price_at_arrival &&
                              (buy ? u.limit_price >= *d.best_contra_price_at_arrival
                                   : u.limit_price <= *d.best_contra_price_at_arrival);
            const int64_t compatible = buy ? book.quantity_at_or_below(u.limit_price)
                                           : book.quantity_at_or_above(u.limit_price);
            d.potential_fill_qty_at_arrival =
                std::max<int64_t>(0, std::min(u.quantity, compatible));

            const auto window = arrival_index[s].in_interval(u.arrival_time, d.first_lit_time);
            d.contra_arrivals_during_life = window.count;
            d.contra_qty_arrived_during_life = window.quantity;
            d.earliest_compatible_contra_time = arrival_index[s].first_compatible(
                u.arrival_time, d.first_lit_time, u.limit_price, buy);
            if (d.earliest_compatible_contra_time) {
                d.dark_vs_lit_timing_advantage_sec =
                    static_cast<double>(d.first_lit_time - *d.earliest_compatible_contra_time) /
                    1e9;
            }
        }
        d.root_cause = classify_root_cause(d);
        d.root_cause_detail = detail_for(d);
    }
    return result;
}

}  // namespace mdp::analyzers
