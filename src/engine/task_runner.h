#pragma once
// Runs a PartitionTask on every work item across all cores on a oneTBB flow graph: biggest items
// first, never more than `workers` at once, never more estimated memory than the budget, failed
// attempts retried after a delay, every outcome reported through one serial RunListener, and a
// clean stop (running tasks finish, nothing new starts) when stop_requested is set.
//
// The engine knows nothing about what a task does (sweeps, CSV, registries belong to the app).
// See docs/engine.md for the shape of the graph.

#include <vector>

#include "engine/engine_options.h"
#include "engine/partition_task.h"
#include "engine/run_listener.h"
#include "engine/work_source.h"

namespace mdp::engine {

// Runs every item (biggest first). Throws std::invalid_argument for unusable options (no workers,
// a zero memory budget) and rethrows the first exception a listener call threw, after the
// running tasks have finished. A task's exception never escapes: it is a failed attempt.
RunSummary run_tasks(std::vector<WorkItem> items, PartitionTask& task, RunListener& listener,
                     const EngineOptions& options);

// The same with the items coming from `source` (e.g. a coordinator's queue). Progress counts
// against options.progress.total.
RunSummary run_tasks(WorkSource& source, PartitionTask& task, RunListener& listener,
                     const EngineOptions& options);

}  // namespace mdp::engine
