#pragma once
// simulation/simulated_fills.csv (SPEC 3.6): every simulated fill, sorted by sweep order id and
// then in simulation order (contra arrival order).

#include <span>
#include <string>
#include <vector>

#include "analyzers/dark_pool_simulation.h"

namespace mdp::analyzers {

// `fills_by_sweep`: each sweep's fills in simulation order, the sweeps in orderid order.
std::string simulated_fills_csv(std::span<const std::span<const SimulatedFill>> fills_by_sweep);

}  // namespace mdp::analyzers
