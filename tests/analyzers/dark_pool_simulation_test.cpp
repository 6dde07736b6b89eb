// The indexed simulation (arrival queues with skip pointers) against a direct transcription of
// SPEC 3.3 that scans every contra for every sweep, on random partitions.

#include "analyzers/dark_pool_simulation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "analyzers/centre_point_orders.h"
#include "analyzers/sweep_qualification.h"

namespace mdp::analyzers {
namespace {

struct NaiveFill {
    int64_t sweep, contra, time, quantity, midpoint_x2;
    friend bool operator==(const NaiveFill&, const NaiveFill&) = default;
};

std::vector<NaiveFill> naive(const CentrePointOrders& orders,
                             const std::vector<QualifyingSweep>& sweeps) {
    const auto cp = orders.orders();
    std::vector<int64_t> ledger;
    for (const auto& o : cp) ledger.push_back(std::max<int64_t>(o.quantity, 0));
    std::vector<size_t> by_arrival(sweeps.size());
    for (size_t i = 0; i < by_arrival.size(); ++i) by_arrival[i] = i;
    std::sort(by_arrival.begin(), by_arrival.end(), [&](size_t a, size_t b) {
        return arrives_before(cp[sweeps[a].order], cp[sweeps[b].order]);
    });
    std::vector<size_t> contras(cp.size());
    for (size_t i = 0; i < cp.size(); ++i) contras[i] = i;
    std::sort(contras.begin(), contras.end(),
              [&](size_t a, size_t b) { return arrives_before(cp[a], cp[b]); });
    std::vector<NaiveFill> fills;
    for (const size_t s : by_arrival) {
        const auto& sweep = sweeps[s];
        const CpOrder& so = cp[sweep.order];
        int64_t left = std::min(so.post_arrival_leaves, ledger[sweep.order]);
        for (const size_t c : contras) {
            if (left <= 0) break;
            const CpOrder& co = cp[c];
            if (c == sweep.order || co.side == so.side || (co.side != 1 && co.side != 2)) continue;
            if (co.arrival_time < sweep.first_execution_time ||
                co.arrival_time > sweep.last_execution_time || ledger[c] <= 0) {
                continue;
            }
            const Quote q = co.national.usable() ? co.national : co.exchange;
            if (!q.usable()) continue;
            const int64_t qty = std::min(left, ledger[c]);
            fills.push_back({so.order_id, co.order_id, co.arrival_time, qty, q.midpoint_x2()});
            left -= qty;
            ledger[c] -= qty;
            ledger[sweep.order] -= qty;
        }
    }
    return fills;
}

TEST(DarkPoolSimulation, MatchesDirectTranscriptionOfSpec) {
    uint64_t total_fills = 0;
    for (uint64_t seed = 1; seed <= 30; ++seed) {
        std::mt19937_64 rng(seed);
        std::vector<OrderEvent> events;
        std::vector<TradeRow> trades;
        uint32_t row = 0;
        const int types[] = {64, 256, 2048, 2048, 4096, 4098};
        for (int64_t id = 1; id <= 80; ++id) {
            const int type = types[rng() % 6];
            const int64_t t = static_cast<int64_t>(rng() % 200);
            const int32_t side = static_cast<int32_t>(1 + rng() % 2);
            const int64_t qty = 100 * static_cast<int64_t>(1 + rng() % 5);
            const bool bad_quote = rng() % 5 == 0;
            const int64_t nb = bad_quote ? 0 : 9990;
            const int64_t eb = rng() % 2 == 0 ? 0 : 9980;
            const int64_t leaves = type == 2048 ? qty - 100 * static_cast<int64_t>(rng() % 2) : qty;
            events.push_back({id, t, static_cast<int64_t>(rng() % 3), 10000, qty, qty, nb, 10010,
                              eb, 10020, side, 6, type, row++});
            events.push_back(
                {id, t, 100, 10000, qty, leaves, nb, 10010, eb, 10020, side, 3, type, row++});
            if (type == 2048) {
                events.push_back(
                    {id, t + 50, 200, 10000, qty, 0, nb, 10010, eb, 10020, side, 3, type, row++});
                trades.push_back(
                    {id, t + static_cast<int64_t>(rng() % 60), 10010, qty, 9990, 10010, 1, row++});
            }
        }
        const CentrePointOrders orders(events);
        const SweepQualification q = qualify_sweeps(orders, trades);
        ASSERT_FALSE(q.qualifying.empty());
        const DarkPoolSimulation sim = simulate_dark_pool(orders, q.qualifying, nullptr);
        std::vector<NaiveFill> indexed;
        // Re-order the indexed fills into simulation order (sweeps by arrival) to compare.
        std::vector<size_t> by_arrival(q.qualifying.size());
        for (size_t i = 0; i < by_arrival.size(); ++i) by_arrival[i] = i;
        const auto cp = orders.orders();
        std::sort(by_arrival.begin(), by_arrival.end(), [&](size_t a, size_t b) {
            return arrives_before(cp[q.qualifying[a].order], cp[q.qualifying[b].order]);
        });
        for (const size_t s : by_arrival) {
            for (const auto& f : sim.fills[s]) {
                indexed.push_back({f.sweep_order_id, f.contra_order_id, f.timestamp, f.quantity,
                                   f.quote.midpoint_x2()});
            }
        }
        EXPECT_EQ(indexed, naive(orders, q.qualifying)) << "seed " << seed;
        total_fills += indexed.size();
    }
    EXPECT_GT(total_fills, 100U);  // the comparison is not vacuous
}

}  // namespace
}  // namespace mdp::analyzers
