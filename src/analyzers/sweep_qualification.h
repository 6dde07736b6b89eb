#pragma once
// The analysis universe (SPEC 3.2): sweep orders (exchangeordertype 2048) that were fully
// filled (final state changereason 3 with leavesquantity 0), entered in this partition (an
// event with changereason 6), and traded only in the lit book (at least one trade row, every
// one with dealsource 1).

#include <cstdint>
#include <vector>

#include "analyzers/centre_point_orders.h"
#include "analyzers/partition_rows.h"

namespace mdp::analyzers {

inline constexpr int32_t kDealSourceLit = 1;

struct QualifyingSweep {
    uint32_t order = 0;                // index into CentrePointOrders::orders()
    std::vector<TradeRow> trades;      // its trade rows, by (tradetime, input row)
    int64_t first_execution_time = 0;  // arrival timestamp
    int64_t last_execution_time = 0;   // max tradetime
};

struct SweepQualification {
    std::vector<QualifyingSweep> qualifying;  // by order id
    // Sweeps that fail, counted under the first SPEC 3.2 rule they fail.
    uint64_t not_fully_filled = 0;
    uint64_t not_entered_in_partition = 0;
    uint64_t no_trades = 0;
    uint64_t not_all_lit = 0;
};

// `trades` may hold the trade rows of any orders; only sweeps' rows are used.
SweepQualification qualify_sweeps(const CentrePointOrders& orders, std::vector<TradeRow> trades);

}  // namespace mdp::analyzers
