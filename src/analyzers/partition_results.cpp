#include "analyzers/partition_results.h"

namespace mdp::analyzers {

std::map<std::string, int64_t> PartitionResults::counts() const {
    return {
        {"cp_orders", static_cast<int64_t>(facts.cp_orders)},
        {"sweeps", static_cast<int64_t>(facts.sweeps)},
        {"qualifying", static_cast<int64_t>(facts.qualifying)},
        {"matched", static_cast<int64_t>(facts.matched)},
        {"unmatched", static_cast<int64_t>(facts.unmatched)},
        {"real_fills", static_cast<int64_t>(facts.real_fills)},
        {"simulated_fills", static_cast<int64_t>(facts.simulated_fills)},
        {"order_events", static_cast<int64_t>(facts.order_rows)},
        {"trade_rows", static_cast<int64_t>(facts.trade_rows)},
    };
}

}  // namespace mdp::analyzers
