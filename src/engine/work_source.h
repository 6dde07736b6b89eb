#pragma once
// Where the items to run come from, and in which order they should start. The local engine uses
// LargestFirstQueue; a distributed coordinator (one process owning the registry, handing
// partitions to nodes) would implement the same interface on each node.
//
// Only the engine's serial controller node calls it: implementations need no locking.

#include <cstddef>

#include "engine/partition_task.h"

namespace mdp::engine {

class WorkSource {
  public:
    virtual ~WorkSource() = default;

    // The item that should start next, or nullptr if there is none. The engine starts it only if
    // it fits in the memory budget; otherwise it asks again when memory has been released.
    virtual const WorkItem* next() const = 0;
    // Removes the item next() showed and returns it.
    virtual WorkItem take() = 0;
    // Gives an item back to be run again later (a retry whose delay has passed, with
    // previous_attempts already counting the failed attempt).
    virtual void give_back(WorkItem item) = 0;
    // How many items are waiting.
    virtual size_t remaining() const = 0;
};

}  // namespace mdp::engine
