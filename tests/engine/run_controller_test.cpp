// The controller without a flow graph: events are fed by hand and its requests recorded, so
// admission and retry decisions can be checked step by step.
#include "engine/run_controller.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "engine/largest_first_queue.h"

namespace mdp::engine {
namespace {

using namespace std::chrono_literals;

class FakeOutput : public ControllerOutput {
  public:
    void start(const WorkItem& item) override { started.push_back(item); }
    void deliver_later(EngineClock::time_point due, RunEvent event) override {
        delayed.emplace_back(due, std::move(event));
    }
    void deliver_all_now() override { ++expedited; }

    std::vector<std::string> started_ids() const {
        std::vector<std::string> ids;
        for (const auto& w : started) ids.push_back(w.id);
        return ids;
    }
    std::vector<WorkItem> started;
    std::vector<std::pair<EngineClock::time_point, RunEvent>> delayed;
    int expedited = 0;
};

class CountingListener : public RunListener {
  public:
    void on_started(const WorkItem&, uint32_t attempt) override { attempts.push_back(attempt); }
    void on_completed(const WorkItem& w, const TaskResult&, double) override {
        completed.push_back(w.id);
    }
    void on_attempt_failed(const WorkItem& w, uint32_t, const std::string& error,
                           bool will_retry) override {
        failed.push_back(w.id + (will_retry ? " retry: " : " final: ") + error);
    }
    void on_warning(const std::string& message) override { warnings.push_back(message); }
    std::vector<uint32_t> attempts;
    std::vector<std::string> completed;
    std::vector<std::string> failed;
    std::vector<std::string> warnings;
};

AttemptOutcome success(const WorkItem& w) {
    AttemptOutcome outcome;
    outcome.item = w;
    outcome.succeeded = true;
    return outcome;
}

AttemptOutcome failure(const WorkItem& w, std::string error) {
    AttemptOutcome outcome;
    outcome.item = w;
    outcome.error = std::move(error);
    return outcome;
}

size_t ticks(const FakeOutput& out) {
    size_t count = 0;
    for (const auto& [due, event] : out.delayed) count += std::holds_alternative<Tick>(event);
    return count;
}

TEST(RunController, AdmitsStrictlyBiggestFirstWithinTheMemoryBudget) {
    LargestFirstQueue queue(
        {{"a", 500, 60, 0}, {"b", 400, 50, 0}, {"c", 300, 40, 0}, {"d", 200, 10, 0}});
    CountingListener listener;
    EngineOptions options;
    options.workers = 3;
    options.memory_budget_bytes = 100;
    RunController controller(queue, listener, options, nullptr);
    FakeOutput out;

    controller.handle(RunBegins{}, out);
    // b (50) does not fit beside a (60); d would, but it does not overtake b.
    EXPECT_EQ(out.started_ids(), (std::vector<std::string>{"a"}));
    EXPECT_EQ(ticks(out), 1u);

    controller.handle(success(out.started[0]), out);
    EXPECT_EQ(out.started_ids(), (std::vector<std::string>{"a", "b", "c", "d"}));  // 50+40+10
    for (size_t i = 1; i < 4; ++i) controller.handle(success(out.started[i]), out);
    EXPECT_EQ(out.expedited, 1);  // the run is over: the pending tick is delivered now
    const RunSummary summary = controller.summary();
    EXPECT_EQ(summary.completed, 4u);
    EXPECT_EQ(summary.not_started, 0u);
}

TEST(RunController, WorkerLimitHoldsEvenWhenMemoryIsPlentiful) {
    LargestFirstQueue queue({{"a", 5, 1, 0}, {"b", 4, 1, 0}, {"c", 3, 1, 0}});
    CountingListener listener;
    EngineOptions options;
    options.workers = 2;
    RunController controller(queue, listener, options, nullptr);
    FakeOutput out;
    controller.handle(RunBegins{}, out);
    EXPECT_EQ(out.started_ids(), (std::vector<std::string>{"a", "b"}));
    controller.handle(success(out.started[1]), out);
    EXPECT_EQ(out.started_ids(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(RunController, SchedulesARetryAfterTheDelayAndCountsAttempts) {
    LargestFirstQueue queue({{"a", 5, 1, 0}});
    CountingListener listener;
    EngineOptions options;
    options.workers = 1;
    options.max_retries = 1;
    options.retry_delay = 250ms;
    RunController controller(queue, listener, options, nullptr);
    FakeOutput out;
    controller.handle(RunBegins{}, out);
    const auto before = EngineClock::now();
    controller.handle(failure(out.started[0], "first"), out);
    ASSERT_EQ(out.delayed.size(), 2u);  // the tick, then the retry
    const auto& [due, event] = out.delayed[1];
    ASSERT_TRUE(std::holds_alternative<RetryDue>(event));
    EXPECT_GE(due - before, options.retry_delay);
    EXPECT_EQ(std::get<RetryDue>(event).item.previous_attempts, 1u);
    EXPECT_EQ(out.started.size(), 1u);  // nothing runs while waiting
    EXPECT_EQ(out.expedited, 0);        // the run is not over: a retry is pending

    controller.handle(std::get<RetryDue>(event), out);
    ASSERT_EQ(out.started.size(), 2u);
    controller.handle(failure(out.started[1], "second"), out);
    EXPECT_EQ(listener.attempts, (std::vector<uint32_t>{1, 2}));
    EXPECT_EQ(listener.failed, (std::vector<std::string>{"a retry: first", "a final: second"}));
    EXPECT_EQ(controller.summary().failed, 1u);
    EXPECT_EQ(out.expedited, 1);
}

TEST(RunController, APermanentFailureIsFinalAtOnceWithoutRetries) {
    LargestFirstQueue queue({{"a", 5, 1, 0}, {"b", 4, 1, 0}});
    CountingListener listener;
    EngineOptions options;
    options.workers = 1;
    options.max_retries = 3;
    options.retry_delay = 250ms;
    RunController controller(queue, listener, options, nullptr);
    FakeOutput out;
    controller.handle(RunBegins{}, out);
    AttemptOutcome bad_data = failure(out.started[0], "bad data");
    bad_data.permanent = true;
    controller.handle(bad_data, out);
    EXPECT_EQ(listener.failed, (std::vector<std::string>{"a final: bad data"}));
    EXPECT_EQ(ticks(out), out.delayed.size());  // no retry scheduled
    ASSERT_EQ(out.started_ids(), (std::vector<std::string>{"a", "b"}));  // the next item at once
    controller.handle(failure(out.started[1], "io"), out);  // transient: retried
    EXPECT_EQ(listener.failed.back(), "b retry: io");
    EXPECT_EQ(controller.summary().failed, 1u);
}

TEST(RunController, StopRequestedCountsWaitingRetriesAsNotStarted) {
    LargestFirstQueue queue({{"a", 5, 1, 0}, {"b", 4, 1, 0}, {"c", 3, 1, 0}});
    CountingListener listener;
    std::atomic<bool> stop{false};
    EngineOptions options;
    options.workers = 2;
    options.stop_requested = &stop;
    RunController controller(queue, listener, options, nullptr);
    FakeOutput out;
    controller.handle(RunBegins{}, out);
    controller.handle(failure(out.started[0], "x"), out);  // a waits for a retry; c starts
    EXPECT_EQ(out.started_ids(), (std::vector<std::string>{"a", "b", "c"}));
    stop = true;
    controller.handle(success(out.started[1]), out);
    EXPECT_EQ(out.expedited, 0);  // c still runs
    controller.handle(success(out.started[2]), out);
    EXPECT_EQ(out.expedited, 1);  // over: the retry is delivered early...
    controller.handle(std::get<RetryDue>(out.delayed.back().second), out);
    EXPECT_EQ(out.started.size(), 3u);  // ...and not started
    const RunSummary summary = controller.summary();
    EXPECT_TRUE(summary.interrupted);
    EXPECT_EQ(summary.completed, 2u);
    EXPECT_EQ(summary.not_started, 1u);
}

TEST(RunController, AStopAfterTheLastItemIsNotAnInterruption) {
    LargestFirstQueue queue({{"a", 5, 1, 0}});
    CountingListener listener;
    std::atomic<bool> stop{false};
    EngineOptions options;
    options.stop_requested = &stop;
    RunController controller(queue, listener, options, nullptr);
    FakeOutput out;
    controller.handle(RunBegins{}, out);
    stop = true;
    controller.handle(success(out.started[0]), out);
    EXPECT_FALSE(controller.summary().interrupted);
    EXPECT_EQ(controller.summary().completed, 1u);
}

}  // namespace
}  // namespace mdp::engine
