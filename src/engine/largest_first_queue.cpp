#include "engine/largest_first_queue.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace mdp::engine {

bool starts_before(const WorkItem& a, const WorkItem& b) {
    if (a.size_bytes != b.size_bytes) return a.size_bytes > b.size_bytes;
    return a.id < b.id;
}

LargestFirstQueue::LargestFirstQueue(std::vector<WorkItem> items) : initial_(std::move(items)) {
    std::sort(initial_.begin(), initial_.end(),
              [](const WorkItem& a, const WorkItem& b) { return starts_before(b, a); });
}

bool LargestFirstQueue::next_is_given_back() const {
    if (given_back_.empty()) return false;
    if (initial_.empty()) return true;
    return !starts_before(initial_.back(), *given_back_.begin());
}

const WorkItem* LargestFirstQueue::next() const {
    if (next_is_given_back()) return &*given_back_.begin();
    if (!initial_.empty()) return &initial_.back();
    return nullptr;
}

WorkItem LargestFirstQueue::take() {
    if (next_is_given_back()) {
        auto node = given_back_.extract(given_back_.begin());
        return std::move(node.value());
    }
    if (initial_.empty()) throw std::logic_error("LargestFirstQueue::take() on an empty queue");
    WorkItem item = std::move(initial_.back());
    initial_.pop_back();
    return item;
}

void LargestFirstQueue::give_back(WorkItem item) { given_back_.insert(std::move(item)); }

}  // namespace mdp::engine
