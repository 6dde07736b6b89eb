#include "analyzers/contra_arrivals.h"

#include <algorithm>
#include <limits>

namespace mdp::analyzers {

namespace {

// -x without overflow (prices come from user files).
int64_t negate(int64_t x) {
    return x == std::numeric_limits<int64_t>::min() ? std::numeric_limits<int64_t>::max() : -x;
}

}  // namespace

ContraArrivals::ContraArrivals(std::vector<ContraArrival> arrivals) {
    times_.reserve(arrivals.size());
    quantity_prefix_.assign(1, 0);
    std::vector<int64_t> prices;
    std::vector<int64_t> neg_prices;
    for (const ContraArrival& a : arrivals) {
        times_.push_back(a.time);
        quantity_prefix_.push_back(quantity_prefix_.back() + a.quantity);
        prices.push_back(a.price);
        neg_prices.push_back(negate(a.price));
    }
    while (leaves_ < arrivals.size()) leaves_ *= 2;
    min_price_ = build_min_tree(prices);
    min_neg_price_ = build_min_tree(neg_prices);
}

std::vector<int64_t> ContraArrivals::build_min_tree(const std::vector<int64_t>& keys) const {
    std::vector<int64_t> tree(2 * leaves_, std::numeric_limits<int64_t>::max());
    std::copy(keys.begin(), keys.end(), tree.begin() + static_cast<std::ptrdiff_t>(leaves_));
    for (size_t node = leaves_ - 1; node >= 1; --node) {
        tree[node] = std::min(tree[2 * node], tree[2 * node + 1]);
    }
    return tree;
}

size_t ContraArrivals::begin_after(int64_t t) const {
    return static_cast<size_t>(std::upper_bound(times_.begin(), times_.end(), t) - times_.begin());
}

size_t ContraArrivals::end_until(int64_t t) const {
    return static_cast<size_t>(std::upper_bound(times_.begin(), times_.end(), t) - times_.begin());
}

ContraArrivals::Window ContraArrivals::in_interval(int64_t after, int64_t until) const {
    const size_t lo = begin_after(after);
    const size_t hi = end_until(until);
    if (hi <= lo) return {};
    return Window{static_cast<int64_t>(hi - lo), quantity_prefix_[hi] - quantity_prefix_[lo]};
}

size_t ContraArrivals::first_in_node(const std::vector<int64_t>& tree, size_t node, size_t node_lo,
                                     size_t node_hi, size_t lo, size_t hi, int64_t bound) const {
    if (node_hi <= lo || node_lo >= hi || tree[node] > bound) return hi;
    if (node_hi - node_lo == 1) return node_lo;
    const size_t mid = node_lo + (node_hi - node_lo) / 2;
    const size_t left = first_in_node(tree, 2 * node, node_lo, mid, lo, hi, bound);
    if (left < hi) return left;
    return first_in_node(tree, 2 * node + 1, mid, node_hi, lo, hi, bound);
}

size_t ContraArrivals::first_key_at_most(const std::vector<int64_t>& tree, size_t lo, size_t hi,
                                         int64_t bound) const {
    if (hi <= lo) return hi;
    return first_in_node(tree, 1, 0, leaves_, lo, hi, bound);
}

std::optional<int64_t> ContraArrivals::first_compatible(int64_t after, int64_t until, int64_t limit,
                                                        bool at_or_below) const {
    const size_t lo = begin_after(after);
    const size_t hi = end_until(until);
    const size_t i = at_or_below ? first_key_at_most(min_price_, lo, hi, limit)
                                 : first_key_at_most(min_neg_price_, lo, hi, negate(limit));
    if (i >= hi) return std::nullopt;
    return times_[i];
}

}  // namespace mdp::analyzers
