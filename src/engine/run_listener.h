#pragma once
// How the outcome of every attempt leaves the engine (this is where the app updates its
// registry). All calls come from one serial flow-graph node: never two at once, so an
// implementation may own a store that is not thread-safe. Calls should be quick: while one runs,
// no new work is started.
//
// If a call throws, the engine starts no new work, lets the running tasks finish without calling
// the listener again, and rethrows the exception from run_tasks().

#include <cstdint>
#include <string>

#include "engine/partition_task.h"

namespace mdp::engine {

class RunListener {
  public:
    virtual ~RunListener() = default;

    // `attempt` counts from 1 and includes earlier attempts: item.previous_attempts + 1. Called
    // before the task starts running the item.
    virtual void on_started(const WorkItem& item, uint32_t attempt) = 0;
    virtual void on_completed(const WorkItem& item, const TaskResult& result, double seconds) = 0;
    // `error` is one line. `will_retry` false means the item is finally failed in this run.
    virtual void on_attempt_failed(const WorkItem& item, uint32_t attempt, const std::string& error,
                                   bool will_retry) = 0;
    // Called every EngineOptions::checkpoint_interval and once when the run ends, so that the
    // listener can flush batched updates.
    virtual void on_idle_checkpoint() {}
    // Something the user should know that is not an item's outcome (e.g. an item that needs
    // more memory than the whole budget). The default prints "warning: <message>" to stderr.
    virtual void on_warning(const std::string& message);
};

}  // namespace mdp::engine
