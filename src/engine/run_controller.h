#pragma once
// The brain of a run, executed by the flow graph's one serial node: it decides which item
// starts next (biggest first, if it fits in the memory budget and a worker is free), schedules
// retries, notices a stop request, makes every RunListener call and keeps the counts.
//
// It knows nothing about TBB: the graph wiring (task_runner.cpp) feeds it RunEvents one at a
// time and carries out what it asks through a ControllerOutput.

#include <atomic>
#include <chrono>
#include <exception>
#include <variant>

#include "common/progress_meter.h"
#include "engine/engine_options.h"
#include "engine/partition_task.h"
#include "engine/run_listener.h"
#include "engine/work_source.h"

namespace mdp::engine {

using EngineClock = std::chrono::steady_clock;

struct RunBegins {};
struct AttemptOutcome {
    WorkItem item;  // as it was started: previous_attempts does not count this attempt yet
    bool succeeded = false;
    TaskResult result;
    std::string error;  // one line, when !succeeded
    bool permanent = false;  // the failure cannot change on retry (PermanentTaskError)
    double seconds = 0;
};
struct RetryDue {
    WorkItem item;  // previous_attempts counts the failed attempt
};
struct Tick {};
using RunEvent = std::variant<RunBegins, AttemptOutcome, RetryDue, Tick>;

// What the controller asks the graph to do.
class ControllerOutput {
  public:
    virtual ~ControllerOutput() = default;
    // Hands an admitted item to a worker.
    virtual void start(const WorkItem& item) = 0;
    // Feeds `event` back to the controller once `due` has passed, without holding a worker.
    virtual void deliver_later(EngineClock::time_point due, RunEvent event) = 0;
    // The run is over: deliver every pending delayed event now rather than at its due time.
    virtual void deliver_all_now() = 0;
};

class RunController {
  public:
    // `progress` may be null.
    RunController(WorkSource& source, RunListener& listener, const EngineOptions& options,
                  ProgressMeter* progress);

    void handle(const RunEvent& event, ControllerOutput& out);

    // Valid once the graph is idle.
    RunSummary summary() const;
    // "412/750 partitions, 3 failed": items finished (completed or failed for good) so far.
    // Thread-safe.
    std::string progress_detail() const;
    // The first exception a listener call threw (the run stopped because of it), or null.
    std::exception_ptr listener_error() const { return listener_error_; }

  private:
    void on_begin(ControllerOutput& out);
    void on_outcome(const AttemptOutcome& outcome, ControllerOutput& out);
    void on_retry_due(const RetryDue& due, ControllerOutput& out);
    void on_tick(ControllerOutput& out);

    bool stopping();
    void admit(ControllerOutput& out);
    void finish_if_done(ControllerOutput& out);
    void advance_progress(const WorkItem& item);
    template <typename Call>
    void notify(Call&& call);

    WorkSource& source_;
    RunListener& listener_;
    const EngineOptions& options_;
    ProgressMeter* progress_;

    size_t running_ = 0;
    uint64_t memory_in_use_ = 0;  // estimated memory of the running items
    size_t waiting_for_retry_ = 0;
    size_t completed_ = 0;
    size_t failed_ = 0;
    // Copies of the counts for the progress display, which draws from other threads.
    std::atomic<size_t> finished_items_{0};
    std::atomic<size_t> failed_items_{0};
    bool stop_seen_ = false;
    bool finished_ = false;
    EngineClock::time_point last_checkpoint_{};
    std::exception_ptr listener_error_;
};

}  // namespace mdp::engine
