#include "analyzers/dark_pool_simulation.h"

#include <algorithm>
#include <numeric>

namespace mdp::analyzers {

namespace {

// The Centre Point orders of one side in arrival order, with a "next order that still has
// quantity" structure (a union-find over positions) so that exhausted or unpriceable contras
// are skipped in amortised constant time: the whole simulation is O(n log n).
class ArrivalQueue {
  public:
    void add(uint32_t order) { orders_.push_back(order); }

    void finish(std::span<const CpOrder> cp, std::vector<int64_t>& position) {
        std::sort(orders_.begin(), orders_.end(),
                  [&](uint32_t a, uint32_t b) { return arrives_before(cp[a], cp[b]); });
        times_.resize(orders_.size());
        for (size_t i = 0; i < orders_.size(); ++i) {
            times_[i] = cp[orders_[i]].arrival_time;
            position[orders_[i]] = static_cast<int64_t>(i);
        }
        next_.resize(orders_.size() + 1);
        std::iota(next_.begin(), next_.end(), 0U);
    }

    // First position whose arrival time is >= t.
    size_t lower(int64_t t) const {
        return static_cast<size_t>(std::lower_bound(times_.begin(), times_.end(), t) -
                                   times_.begin());
    }
    // First position whose arrival time is > t.
    size_t upper(int64_t t) const {
        return static_cast<size_t>(std::upper_bound(times_.begin(), times_.end(), t) -
                                   times_.begin());
    }

    // The first live position >= i (size() when none).
    size_t next_live(size_t i) {
        size_t root = i;
        while (next_[root] != root) root = next_[root];
        while (next_[i] != root) {
            const size_t up = next_[i];
            next_[i] = static_cast<uint32_t>(root);
            i = up;
        }
        return root;
    }

    void remove(size_t i) { next_[i] = static_cast<uint32_t>(i + 1); }

    uint32_t order_at(size_t i) const { return orders_[i]; }
    size_t size() const { return orders_.size(); }

  private:
    std::vector<uint32_t> orders_;
    std::vector<int64_t> times_;
    std::vector<uint32_t> next_;
};

}  // namespace

DarkPoolSimulation simulate_dark_pool(const CentrePointOrders& orders,
                                      std::span<const QualifyingSweep> sweeps,
                                      const NbboTimeline* nbbo) {
    const auto cp = orders.orders();
    std::vector<int64_t> ledger(cp.size());
    std::vector<int64_t> position(cp.size(), -1);
    ArrivalQueue buys;
    ArrivalQueue sells;
    for (size_t i = 0; i < cp.size(); ++i) {
        ledger[i] = std::max<int64_t>(cp[i].quantity, 0);
        if (cp[i].side == kSideBuy) buys.add(static_cast<uint32_t>(i));
        if (cp[i].side == kSideSell) sells.add(static_cast<uint32_t>(i));
    }
    buys.finish(cp, position);
    sells.finish(cp, position);
    auto queue_of = [&](int32_t side) -> ArrivalQueue* {
        if (side == kSideBuy) return &buys;
        if (side == kSideSell) return &sells;
        return nullptr;
    };
    auto use = [&](uint32_t order, int64_t quantity) {
        ledger[order] -= quantity;
        if (ledger[order] == 0) {
            if (ArrivalQueue* q = queue_of(cp[order].side)) {
                q->remove(static_cast<size_t>(position[order]));
            }
        }
    };
    for (ArrivalQueue* q : {&buys, &sells}) {
        for (size_t i = 0; i < q->size(); ++i) {
            if (ledger[q->order_at(i)] == 0) q->remove(i);
        }
    }

    std::vector<size_t> sweep_order(sweeps.size());
    std::iota(sweep_order.begin(), sweep_order.end(), size_t{0});
    std::sort(sweep_order.begin(), sweep_order.end(), [&](size_t a, size_t b) {
        return arrives_before(cp[sweeps[a].order], cp[sweeps[b].order]);
    });

    DarkPoolSimulation result;
    result.fills.resize(sweeps.size());
    for (const size_t s : sweep_order) {
        const QualifyingSweep& sweep = sweeps[s];
        const CpOrder& sweep_order_state = cp[sweep.order];
        int64_t available = std::min(sweep_order_state.post_arrival_leaves, ledger[sweep.order]);
        ArrivalQueue* contras = queue_of(sweep_order_state.side == kSideBuy    ? kSideSell
                                         : sweep_order_state.side == kSideSell ? kSideBuy
                                                                               : 0);
        if (available <= 0 || contras == nullptr) continue;
        const size_t end = contras->upper(sweep.last_execution_time);
        size_t i = contras->next_live(contras->lower(sweep.first_execution_time));
        while (i < end && available > 0) {
            const uint32_t contra = contras->order_at(i);
            const auto price = price_contra(cp[contra], nbbo);
            if (!price) {
                ++result.unpriceable_contras;
                contras->remove(i);
            } else {
                const int64_t quantity = std::min(available, ledger[contra]);
                result.fills[s].push_back(
                    SimulatedFill{sweep_order_state.order_id, cp[contra].order_id,
                                  cp[contra].arrival_time, quantity, price->quote, price->source});
                ++result.fill_count;
                available -= quantity;
                use(contra, quantity);
                use(sweep.order, quantity);
            }
            i = contras->next_live(i);
        }
    }
    return result;
}

}  // namespace mdp::analyzers
