#pragma once
// Why did a set-B sweep find no dark liquidity? (SPEC 3.7.) The liquidity is the partition's
// Centre Point orders on the opposite side, the same pool the simulator draws from. For each
// set-B order: the contra depth open at its arrival (each contra's latest state at or before
// the arrival, open when leavesquantity > 0 and its changereason is not a cancellation 1/9), the
// contras arriving during its life (arrival, first lit fill], and the first SPEC 3.7 root-cause
// rule that holds. Events are swept once in time order (O(n log n) overall).

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/centre_point_orders.h"
#include "analyzers/sweep_qualification.h"

namespace mdp::analyzers {

enum class RootCause {
    kInstantLitExecution,
    kNoLiquidityAtAll,
    kTimingMismatch,
    kTimingMismatchNoPriceOverlap,
    kPriceIncompatible,
    kInsufficientQuantity,
    kSimulationMiss,
};
inline constexpr std::array<RootCause, 7> kRootCauses{
    RootCause::kInstantLitExecution, RootCause::kNoLiquidityAtAll,
    RootCause::kTimingMismatch,      RootCause::kTimingMismatchNoPriceOverlap,
    RootCause::kPriceIncompatible,   RootCause::kInsufficientQuantity,
    RootCause::kSimulationMiss};

std::string_view to_string(RootCause cause);

// time_to_lit_execution_sec below this is an instant lit execution.
inline constexpr double kInstantLitSeconds = 0.1;

struct UnmatchedDiagnosis {
    int64_t order_id = 0;
    int32_t side = 0;
    int64_t order_quantity = 0;
    int64_t limit_price = 0;
    int64_t arrival_time = 0;    // ns
    int64_t first_lit_time = 0;  // ns, first real trade
    int64_t contra_depth_at_arrival = 0;
    int64_t contra_orders_at_arrival = 0;
    std::optional<int64_t> best_contra_price_at_arrival;
    bool price_overlap = false;
    int64_t potential_fill_qty_at_arrival = 0;
    int64_t contra_arrivals_during_life = 0;
    int64_t contra_qty_arrived_during_life = 0;
    std::optional<int64_t> earliest_compatible_contra_time;  // ns
    double dark_vs_lit_timing_advantage_sec = 0;             // NaN without a compatible arrival
    double time_to_lit_execution_sec = 0;
    RootCause root_cause = RootCause::kSimulationMiss;
    std::string root_cause_detail;
};

// The first rule of SPEC 3.7 that holds (the other fields of `d` must be filled in).
RootCause classify_root_cause(const UnmatchedDiagnosis& d);

// One diagnosis per sweep of `unmatched` (set B), in the same order.
std::vector<UnmatchedDiagnosis> diagnose_unmatched(
    const CentrePointOrders& orders, std::span<const QualifyingSweep* const> unmatched);

}  // namespace mdp::analyzers
