#include "analyzers/open_contra_book.h"

#include <algorithm>
#include <stdexcept>

namespace mdp::analyzers {

OpenContraBook::OpenContraBook(std::vector<int64_t> prices) : prices_(std::move(prices)) {
    std::sort(prices_.begin(), prices_.end());
    prices_.erase(std::unique(prices_.begin(), prices_.end()), prices_.end());
    count_tree_.assign(prices_.size() + 1, 0);
    leaves_tree_.assign(prices_.size() + 1, 0);
}

void OpenContraBook::add(std::vector<int64_t>& tree, size_t index, int64_t delta) {
    for (size_t i = index + 1; i < tree.size(); i += i & (~i + 1)) tree[i] += delta;
}

int64_t OpenContraBook::prefix(const std::vector<int64_t>& tree, size_t count) const {
    int64_t sum = 0;
    for (size_t i = count; i > 0; i -= i & (~i + 1)) sum += tree[i];
    return sum;
}

size_t OpenContraBook::first_with_prefix_count(int64_t target) const {
    size_t pos = 0;
    size_t step = 1;
    while (step * 2 < count_tree_.size()) step *= 2;
    int64_t remaining = target;
    for (; step > 0; step /= 2) {
        if (pos + step < count_tree_.size() && count_tree_[pos + step] < remaining) {
            pos += step;
            remaining -= count_tree_[pos];
        }
    }
    return pos;  // 0-based price index
}

void OpenContraBook::set_state(uint32_t order, bool open, int64_t price, int64_t leaves) {
    if (order >= orders_.size()) orders_.resize(order + 1);
    Contribution& c = orders_[order];
    if (c.open) {
        add(count_tree_, c.price_index, -1);
        add(leaves_tree_, c.price_index, -c.leaves);
        --total_count_;
        total_leaves_ -= c.leaves;
    }
    c.open = open && leaves > 0;
    if (!c.open) return;
    const auto it = std::lower_bound(prices_.begin(), prices_.end(), price);
    if (it == prices_.end() || *it != price) {
        throw std::logic_error("OpenContraBook: price not registered");
    }
    c.price_index = static_cast<uint32_t>(it - prices_.begin());
    c.leaves = leaves;
    add(count_tree_, c.price_index, 1);
    add(leaves_tree_, c.price_index, leaves);
    ++total_count_;
    total_leaves_ += leaves;
}

std::optional<int64_t> OpenContraBook::lowest_price() const {
    if (total_count_ == 0) return std::nullopt;
    return prices_[first_with_prefix_count(1)];
}

std::optional<int64_t> OpenContraBook::highest_price() const {
    if (total_count_ == 0) return std::nullopt;
    return prices_[first_with_prefix_count(total_count_)];
}

int64_t OpenContraBook::quantity_at_or_below(int64_t limit) const {
    const auto n = std::upper_bound(prices_.begin(), prices_.end(), limit) - prices_.begin();
    return prefix(leaves_tree_, static_cast<size_t>(n));
}

int64_t OpenContraBook::quantity_at_or_above(int64_t limit) const {
    const auto n = std::lower_bound(prices_.begin(), prices_.end(), limit) - prices_.begin();
    return total_leaves_ - prefix(leaves_tree_, static_cast<size_t>(n));
}

}  // namespace mdp::analyzers
