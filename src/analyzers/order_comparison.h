#pragma once
// One qualifying sweep's execution, real against simulated (SPEC 3.4): its arrival state, the
// fills of each side turned into metric inputs (real: its lit trade rows with the NBBO snapshot
// midpoints; simulated: the simulated fills at the midpoint used), the two metric sets, the 11
// differences and dark_pool_better.

#include <array>
#include <optional>
#include <span>
#include <vector>

#include "analyzers/centre_point_orders.h"
#include "analyzers/dark_pool_simulation.h"
#include "analyzers/execution_metrics.h"
#include "analyzers/sweep_qualification.h"

namespace mdp::analyzers {

OrderArrival arrival_of(const CpOrder& order);

// Real fills in (tradetime, input row) order; m_i from the trade row's national snapshots.
std::vector<Fill> real_fills(std::span<const TradeRow> trades);

// Simulated fills in simulation order; p_i = m_i = the midpoint used.
std::vector<Fill> simulated_fills(std::span<const SimulatedFill> fills);

struct OrderComparison {
    const CpOrder* order = nullptr;
    ExecutionMetrics real;
    ExecutionMetrics sim;
    std::array<double, 11> differences{};  // real - sim, kComparedMetrics order
    std::optional<bool> dark_pool_better;
};

OrderComparison compare_order(const CpOrder& order, std::span<const TradeRow> trades,
                              std::span<const SimulatedFill> fills);

}  // namespace mdp::analyzers
