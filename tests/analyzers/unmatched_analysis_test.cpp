// The root-cause rules in order, and the O(log n) indexes of the unmatched analyzer checked
// against brute force on random data.

#include "analyzers/unmatched_analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "analyzers/contra_arrivals.h"
#include "analyzers/open_contra_book.h"

namespace mdp::analyzers {
namespace {

TEST(RootCause, FirstRuleThatHolds) {
    UnmatchedDiagnosis d;
    d.time_to_lit_execution_sec = 0.5;
    d.contra_orders_at_arrival = 1;
    d.contra_depth_at_arrival = 100;
    d.best_contra_price_at_arrival = 10000;
    d.price_overlap = true;
    // Overlap but nothing fillable (an order quantity of 0): INSUFFICIENT_QUANTITY.
    d.potential_fill_qty_at_arrival = 0;
    EXPECT_EQ(classify_root_cause(d), RootCause::kInsufficientQuantity);
    d.potential_fill_qty_at_arrival = 50;
    EXPECT_EQ(classify_root_cause(d), RootCause::kSimulationMiss);
    d.price_overlap = false;
    EXPECT_EQ(classify_root_cause(d), RootCause::kPriceIncompatible);
    // 0.099 s is instant whatever else holds.
    d.time_to_lit_execution_sec = 0.099;
    EXPECT_EQ(classify_root_cause(d), RootCause::kInstantLitExecution);
    EXPECT_EQ(to_string(RootCause::kInsufficientQuantity), "INSUFFICIENT_QUANTITY");
}

TEST(OpenContraBook, MatchesBruteForce) {
    std::mt19937_64 rng(42);
    std::vector<int64_t> prices;
    for (int i = 0; i < 30; ++i) prices.push_back(9950 + static_cast<int64_t>(rng() % 100));
    OpenContraBook book(prices);
    std::map<uint32_t, std::pair<int64_t, int64_t>> open;  // order -> (price, leaves)
    for (int step = 0; step < 2000; ++step) {
        const auto order = static_cast<uint32_t>(rng() % 50);
        const int64_t price = prices[rng() % prices.size()];
        const int64_t leaves = static_cast<int64_t>(rng() % 5) * 100;
        const bool is_open = rng() % 4 != 0;
        book.set_state(order, is_open, price, leaves);
        if (is_open && leaves > 0) {
            open[order] = {price, leaves};
        } else {
            open.erase(order);
        }
        int64_t qty = 0;
        std::optional<int64_t> lo, hi;
        for (const auto& [o, pl] : open) {
            qty += pl.second;
            lo = lo ? std::min(*lo, pl.first) : pl.first;
            hi = hi ? std::max(*hi, pl.first) : pl.first;
        }
        ASSERT_EQ(book.open_orders(), static_cast<int64_t>(open.size()));
        ASSERT_EQ(book.open_quantity(), qty);
        ASSERT_EQ(book.lowest_price(), lo);
        ASSERT_EQ(book.highest_price(), hi);
        const int64_t limit = 9940 + static_cast<int64_t>(rng() % 120);
        int64_t below = 0, above = 0;
        for (const auto& [o, pl] : open) {
            if (pl.first <= limit) below += pl.second;
            if (pl.first >= limit) above += pl.second;
        }
        ASSERT_EQ(book.quantity_at_or_below(limit), below);
        ASSERT_EQ(book.quantity_at_or_above(limit), above);
    }
}

TEST(ContraArrivals, MatchesBruteForce) {
    std::mt19937_64 rng(7);
    std::vector<ContraArrival> arrivals;
    int64_t t = 0;
    for (int i = 0; i < 300; ++i) {
        t += static_cast<int64_t>(rng() % 3);  // ties included
        arrivals.push_back(
            {t, 9950 + static_cast<int64_t>(rng() % 100), static_cast<int64_t>(rng() % 1000)});
    }
    const ContraArrivals index(arrivals);
    for (int q = 0; q < 3000; ++q) {
        const int64_t after = static_cast<int64_t>(rng() % 320) - 5;
        const int64_t until = after + static_cast<int64_t>(rng() % 60) - 5;
        const int64_t limit = 9940 + static_cast<int64_t>(rng() % 120);
        int64_t count = 0, qty = 0;
        std::optional<int64_t> below, above;
        for (const auto& a : arrivals) {
            if (a.time <= after || a.time > until) continue;
            ++count;
            qty += a.quantity;
            if (!below && a.price <= limit) below = a.time;
            if (!above && a.price >= limit) above = a.time;
        }
        const auto w = index.in_interval(after, until);
        ASSERT_EQ(w.count, count);
        ASSERT_EQ(w.quantity, qty);
        ASSERT_EQ(index.first_compatible(after, until, limit, true), below);
        ASSERT_EQ(index.first_compatible(after, until, limit, false), above);
    }
}

}  // namespace
}  // namespace mdp::analyzers
