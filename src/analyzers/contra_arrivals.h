#pragma once
// The arrivals of one side's Centre Point orders in time order, for the unmatched analyzer
// (SPEC 3.7, "during its life"): how many arrived in a time interval, their total quantity, and
// the first one at a price compatible with a limit. Prefix sums and min-segment trees over the
// prices (memory O(n)) make every query O(log n).

#include <cstdint>
#include <optional>
#include <vector>

namespace mdp::analyzers {

struct ContraArrival {
    int64_t time = 0;
    int64_t price = 0;
    int64_t quantity = 0;
};

class ContraArrivals {
  public:
    // `arrivals` in arrival order (time non-decreasing).
    explicit ContraArrivals(std::vector<ContraArrival> arrivals);

    struct Window {
        int64_t count = 0;
        int64_t quantity = 0;
    };
    // Arrivals with after < time <= until.
    Window in_interval(int64_t after, int64_t until) const;

    // The time of the first arrival in (after, until] whose price is <= limit
    // (`at_or_below`) or >= limit (otherwise).
    std::optional<int64_t> first_compatible(int64_t after, int64_t until, int64_t limit,
                                            bool at_or_below) const;

  private:
    size_t begin_after(int64_t t) const;
    size_t end_until(int64_t t) const;
    // Smallest i in [lo, hi) with key(i) <= bound, or hi.
    size_t first_key_at_most(const std::vector<int64_t>& tree, size_t lo, size_t hi,
                             int64_t bound) const;
    size_t first_in_node(const std::vector<int64_t>& tree, size_t node, size_t node_lo,
                         size_t node_hi, size_t lo, size_t hi, int64_t bound) const;
    std::vector<int64_t> build_min_tree(const std::vector<int64_t>& keys) const;

    std::vector<int64_t> times_;
    std::vector<int64_t> quantity_prefix_;  // size n + 1
    size_t leaves_ = 1;                     // power of two >= n
    std::vector<int64_t> min_price_;        // segment tree, key = price
    std::vector<int64_t> min_neg_price_;    // segment tree, key = -price
};

}  // namespace mdp::analyzers
