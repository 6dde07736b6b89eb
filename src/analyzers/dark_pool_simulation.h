#pragma once
// The dark-pool simulation (SPEC 3.3): what if each qualifying sweep had matched at the
// midpoint in Centre Point? Sweeps are simulated one at a time in arrival order. A sweep's
// available quantity is its post-arrival leavesquantity, capped by the shared ledger; eligible
// contras are the Centre Point orders of the opposite side (any of the five types, sweeps
// included) arriving in [first_execution_time, last_execution_time], taken in arrival order
// while the sweep has quantity left. One remaining-quantity ledger per order, starting at its
// arrival quantity, is shared by all sweeps: quantity consumed once (as contra or as sweep)
// cannot be used again. Limit prices, minimum quantities and contra cancellations are not
// modelled.

#include <cstdint>
#include <span>
#include <vector>

#include "analyzers/centre_point_orders.h"
#include "analyzers/contra_midpoint.h"
#include "analyzers/nbbo_timeline.h"
#include "analyzers/sweep_qualification.h"

namespace mdp::analyzers {

struct SimulatedFill {
    int64_t sweep_order_id = 0;
    int64_t contra_order_id = 0;
    int64_t timestamp = 0;  // the contra's arrival (ns)
    int64_t quantity = 0;
    Quote quote;  // the usable quote whose midpoint is the fill price
    QuoteSource quote_source = QuoteSource::kOrderNational;

    double midpoint() const { return quote.midpoint(); }
};

struct DarkPoolSimulation {
    std::vector<std::vector<SimulatedFill>> fills;  // parallel to the qualifying sweeps
    uint64_t fill_count = 0;
    // Contras met in some sweep's window, while it had quantity left, whose quotes were all
    // unusable (each counted once; they are skipped for every sweep).
    uint64_t unpriceable_contras = 0;
};

// `nbbo` selects the file quote source; null selects the order source.
DarkPoolSimulation simulate_dark_pool(const CentrePointOrders& orders,
                                      std::span<const QualifyingSweep> sweeps,
                                      const NbboTimeline* nbbo);

}  // namespace mdp::analyzers
