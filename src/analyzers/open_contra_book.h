#pragma once
// The open Centre Point depth of one side over time, for the unmatched analyzer (SPEC 3.7):
// events are applied in time order and each order contributes its latest state, when that
// state is open (leavesquantity > 0 and not a cancellation), at its price. Prices are indexed by
// Fenwick trees over the side's distinct prices, so an event and every query cost O(log n).

#include <cstdint>
#include <optional>
#include <vector>

namespace mdp::analyzers {

class OpenContraBook {
  public:
    // `prices`: every price an event of this side can carry (any order, duplicates allowed).
    explicit OpenContraBook(std::vector<int64_t> prices);

    // Order `order` (a caller-chosen id, 0 .. order_slots - 1) is now in this state.
    void set_state(uint32_t order, bool open, int64_t price, int64_t leaves);

    int64_t open_orders() const { return total_count_; }
    int64_t open_quantity() const { return total_leaves_; }
    std::optional<int64_t> lowest_price() const;
    std::optional<int64_t> highest_price() const;
    // Sum of leaves at prices <= limit / >= limit.
    int64_t quantity_at_or_below(int64_t limit) const;
    int64_t quantity_at_or_above(int64_t limit) const;

  private:
    struct Contribution {
        bool open = false;
        uint32_t price_index = 0;
        int64_t leaves = 0;
    };
    void add(std::vector<int64_t>& tree, size_t index, int64_t delta);
    int64_t prefix(const std::vector<int64_t>& tree, size_t count) const;  // first `count` prices
    size_t first_with_prefix_count(int64_t target) const;  // smallest k with prefix(k+1) >= target

    std::vector<int64_t> prices_;  // distinct, ascending
    std::vector<int64_t> count_tree_;
    std::vector<int64_t> leaves_tree_;
    std::vector<Contribution> orders_;
    int64_t total_count_ = 0;
    int64_t total_leaves_ = 0;
};

}  // namespace mdp::analyzers
