#pragma once
// How run_tasks() runs: how many tasks at once, how much memory they may hold, how failures are
// retried, how the run is stopped and how progress is shown; and what it reports at the end.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <limits>
#include <optional>
#include <string>

#include "common/progress_meter.h"

namespace mdp::engine {

struct EngineProgress {
    std::ostream* out = nullptr;  // nullptr: no progress display
    std::string label = "processing";
    // kBytes: progress counts size_bytes of finished items (a better ETA when sizes vary);
    // kItems: counts items.
    ProgressUnit unit = ProgressUnit::kBytes;
    uint64_t total = 0;            // 0: the sum over the items (computed by the vector overload)
    std::optional<bool> terminal;  // default: whether `out` is a terminal
    // Every line also counts finished items: "412/750 partitions, 3 failed" (the name and the
    // total: the vector overload fills in the number of items when it is 0).
    std::string item_name = "items";
    uint64_t total_items = 0;
};

struct EngineOptions {
    size_t workers = 1;  // tasks running at once; at least 1
    // The sum of estimated_memory_bytes of running items never exceeds this, except for an item
    // bigger than the whole budget, which runs alone.
    uint64_t memory_budget_bytes = std::numeric_limits<uint64_t>::max();
    // Attempts per item = 1 + max_retries, counting the item's previous_attempts. An item always
    // gets at least one attempt per run.
    uint32_t max_retries = 2;
    std::chrono::milliseconds retry_delay{1000};
    // Set (typically from a SIGINT/SIGTERM handler) to stop: no new work starts, running tasks
    // finish, run_tasks() returns with interrupted = true.
    const std::atomic<bool>* stop_requested = nullptr;
    // How often RunListener::on_idle_checkpoint is called.
    std::chrono::milliseconds checkpoint_interval{1000};
    // How often the controller wakes up while nothing else happens: to see stop_requested while
    // only retry delays are pending, to redraw progress and to call the checkpoint.
    std::chrono::milliseconds tick_interval{100};
    EngineProgress progress;
};

struct RunSummary {
    size_t completed = 0;
    size_t failed = 0;         // failed on their last allowed attempt
    size_t not_started = 0;    // left when the run stopped: never started, or waiting for a retry
    bool interrupted = false;  // stop_requested was seen while work was left (not_started > 0)
    double seconds = 0;
};

}  // namespace mdp::engine
