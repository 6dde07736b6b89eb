#pragma once
// The local work source: biggest items first (size_bytes descending, then id ascending, so
// that the order is deterministic). Starting the biggest partitions first keeps one huge
// partition from being the last thing running while every other core is idle.
//
// The initial items live in one sorted vector consumed from its end (no per-item node: a run
// may hold millions of items); items given back for a retry go to a small ordered set.

#include <set>
#include <vector>

#include "engine/work_source.h"

namespace mdp::engine {

// True if `a` should start before `b`.
bool starts_before(const WorkItem& a, const WorkItem& b);

class LargestFirstQueue final : public WorkSource {
  public:
    explicit LargestFirstQueue(std::vector<WorkItem> items);

    const WorkItem* next() const override;
    WorkItem take() override;
    void give_back(WorkItem item) override;
    size_t remaining() const override { return initial_.size() + given_back_.size(); }

  private:
    struct StartsBefore {
        bool operator()(const WorkItem& a, const WorkItem& b) const { return starts_before(a, b); }
    };
    bool next_is_given_back() const;

    std::vector<WorkItem> initial_;  // the item to start first is at the back
    std::multiset<WorkItem, StartsBefore> given_back_;
};

}  // namespace mdp::engine
