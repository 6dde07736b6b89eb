#include "engine/task_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace mdp::engine {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

WorkItem item(std::string id, uint64_t size, uint64_t memory = 1, uint32_t previous = 0) {
    return WorkItem{std::move(id), size, memory, previous};
}

// Records every listener call, and whether two calls ever overlapped.
class RecordingListener : public RunListener {
  public:
    struct Failure {
        std::string id;
        uint32_t attempt;
        std::string error;
        bool will_retry;
        Clock::time_point at;
    };

    void on_started(const WorkItem& w, uint32_t attempt) override {
        Guard guard(*this);
        started.push_back(w.id);
        started_attempts.push_back(attempt);
        if (on_started_hook) on_started_hook(w, started.size());
    }
    void on_completed(const WorkItem& w, const TaskResult& result, double seconds) override {
        Guard guard(*this);
        completed.push_back(w.id);
        results[w.id] = result;
        EXPECT_GE(seconds, 0.0);
        if (on_completed_hook) on_completed_hook(w);
    }
    void on_attempt_failed(const WorkItem& w, uint32_t attempt, const std::string& error,
                           bool will_retry) override {
        Guard guard(*this);
        failures.push_back({w.id, attempt, error, will_retry, Clock::now()});
        if (on_failed_hook) on_failed_hook(w);
    }
    void on_idle_checkpoint() override {
        Guard guard(*this);
        ++checkpoints;
    }
    void on_warning(const std::string& message) override {
        Guard guard(*this);
        warnings.push_back(message);
    }

    std::vector<std::string> started;
    std::vector<uint32_t> started_attempts;
    std::vector<std::string> completed;
    std::map<std::string, TaskResult> results;
    std::vector<Failure> failures;
    std::vector<std::string> warnings;
    size_t checkpoints = 0;
    bool overlapped = false;
    std::chrono::microseconds hold{0};  // time spent inside each call, to widen any overlap
    std::function<void(const WorkItem&, size_t)> on_started_hook;
    std::function<void(const WorkItem&)> on_completed_hook;
    std::function<void(const WorkItem&)> on_failed_hook;

  private:
    struct Guard {
        explicit Guard(RecordingListener& l) : listener(l) {
            if (listener.in_call_.exchange(true)) listener.overlapped = true;
            if (listener.hold.count() > 0) std::this_thread::sleep_for(listener.hold);
        }
        ~Guard() { listener.in_call_.store(false); }
        RecordingListener& listener;
    };
    std::atomic<bool> in_call_{false};
};

// A task whose behaviour is chosen per id; it records concurrency, memory in use and the start
// time of every attempt.
class ScriptedTask : public PartitionTask {
  public:
    TaskResult run(const WorkItem& w) override {
        const int now_running = ++running_;
        update_max(max_running, now_running);
        const uint64_t now_memory = memory_in_use_ += w.estimated_memory_bytes;
        update_max(max_memory, now_memory);
        int attempt_here;
        {
            std::lock_guard lock(mutex_);
            attempt_here = ++attempts[w.id];
            attempt_starts[w.id].push_back(Clock::now());
            run_order.push_back(w.id);
            if (now_running > 1) overlapped_ids.push_back(w.id);
        }
        if (before_work) before_work(w);
        if (work_time.count() > 0) std::this_thread::sleep_for(work_time);
        memory_in_use_ -= w.estimated_memory_bytes;
        --running_;

        const auto always = always_fail.find(w.id);
        if (always != always_fail.end()) throw std::runtime_error(always->second);
        const auto first = fail_first.find(w.id);
        if (first != fail_first.end() && attempt_here <= first->second) {
            throw std::runtime_error("transient failure " + std::to_string(attempt_here));
        }
        TaskResult result;
        result.counts["rows"] = static_cast<int64_t>(w.size_bytes);
        return result;
    }

    std::chrono::milliseconds work_time{0};
    std::map<std::string, std::string> always_fail;  // id -> message
    std::map<std::string, int> fail_first;           // id -> attempts (in this run) that fail
    std::function<void(const WorkItem&)> before_work;

    std::atomic<int> max_running{0};
    std::atomic<uint64_t> max_memory{0};
    std::map<std::string, int> attempts;
    std::map<std::string, std::vector<Clock::time_point>> attempt_starts;
    std::vector<std::string> run_order;
    std::vector<std::string> overlapped_ids;
    std::atomic<int> running_{0};

  private:
    template <typename T, typename U>
    static void update_max(std::atomic<T>& target, U value) {
        T seen = target.load();
        while (static_cast<T>(value) > seen &&
               !target.compare_exchange_weak(seen, static_cast<T>(value))) {
        }
    }
    std::atomic<uint64_t> memory_in_use_{0};
    std::mutex mutex_;
};

EngineOptions options_with(size_t workers) {
    EngineOptions options;
    options.workers = workers;
    options.retry_delay = 10ms;
    options.tick_interval = 10ms;
    return options;
}

TEST(TaskRunner, RunsLargestFirstWithOneWorker) {
    std::vector<WorkItem> items = {item("c", 30), item("a", 10), item("e", 50),
                                   item("b", 30), item("d", 40), item("f", 0)};
    ScriptedTask task;
    RecordingListener listener;
    const RunSummary summary = run_tasks(items, task, listener, options_with(1));

    const std::vector<std::string> expected = {"e", "d", "b", "c", "a", "f"};
    EXPECT_EQ(listener.started, expected);  // ties (b, c: 30 bytes) by id
    EXPECT_EQ(task.run_order, expected);
    EXPECT_EQ(listener.completed, expected);
    EXPECT_EQ(summary.completed, 6u);
    EXPECT_EQ(summary.failed, 0u);
    EXPECT_EQ(summary.not_started, 0u);
    EXPECT_FALSE(summary.interrupted);
    EXPECT_EQ(listener.results.at("e").counts.at("rows"), 50);
    EXPECT_EQ(task.max_running.load(), 1);
}

TEST(TaskRunner, RunsUpToWorkersAtOnceAndNeverMore) {
    constexpr int kWorkers = 3;
    std::vector<WorkItem> items;
    for (int i = 0; i < 30; ++i) items.push_back(item("i" + std::to_string(i), 100 + i));
    ScriptedTask task;
    // The first kWorkers tasks wait until all of them run at once: this only ends early if the
    // engine really runs kWorkers tasks concurrently.
    std::mutex mutex;
    std::condition_variable all_in;
    int arrived = 0;
    bool reached = false;
    task.before_work = [&](const WorkItem&) {
        std::unique_lock lock(mutex);
        if (reached) return;
        if (++arrived == kWorkers) {
            reached = true;
            all_in.notify_all();
        } else {
            all_in.wait_for(lock, 20s, [&] { return reached; });
        }
    };
    task.work_time = 2ms;
    RecordingListener listener;
    const RunSummary summary = run_tasks(items, task, listener, options_with(kWorkers));

    EXPECT_TRUE(reached) << "the engine never ran " << kWorkers << " tasks at once";
    EXPECT_EQ(task.max_running.load(), kWorkers);
    EXPECT_EQ(summary.completed, 30u);
}

TEST(TaskRunner, NeverHoldsMoreEstimatedMemoryThanTheBudget) {
    std::vector<WorkItem> items;
    const uint64_t memories[] = {60, 50, 40, 30, 30, 20, 70, 10, 10, 45, 55, 25, 5, 35, 100};
    for (size_t i = 0; i < std::size(memories); ++i) {
        items.push_back(item("m" + std::to_string(i), 1000 - i, memories[i]));
    }
    ScriptedTask task;
    task.work_time = 3ms;
    RecordingListener listener;
    EngineOptions options = options_with(4);
    options.memory_budget_bytes = 100;
    const RunSummary summary = run_tasks(items, task, listener, options);

    EXPECT_LE(task.max_memory.load(), 100u);
    EXPECT_GT(task.max_memory.load(), 0u);
    EXPECT_EQ(summary.completed, std::size(memories));
    EXPECT_TRUE(listener.warnings.empty());  // nothing exceeds the whole budget
    // Biggest first even when memory holds an item back: starts follow the size order.
    std::vector<std::string> expected;
    for (size_t i = 0; i < std::size(memories); ++i) expected.push_back("m" + std::to_string(i));
    EXPECT_EQ(listener.started, expected);
}

TEST(TaskRunner, ItemBiggerThanTheBudgetWaitsAndRunsAlone) {
    std::vector<WorkItem> items = {item("a", 1000, 10), item("huge", 900, 500), item("c", 800, 10),
                                   item("d", 700, 10)};
    ScriptedTask task;
    task.work_time = 5ms;
    RecordingListener listener;
    EngineOptions options = options_with(4);
    options.memory_budget_bytes = 100;
    const RunSummary summary = run_tasks(items, task, listener, options);

    EXPECT_EQ(summary.completed, 4u);
    EXPECT_EQ(listener.started, (std::vector<std::string>{"a", "huge", "c", "d"}));
    // "huge" started only after "a" had finished, and nothing started while it ran.
    EXPECT_EQ(std::count(task.overlapped_ids.begin(), task.overlapped_ids.end(), "huge"), 0);
    const auto a_done = std::find(listener.completed.begin(), listener.completed.end(), "a");
    const auto huge_done = std::find(listener.completed.begin(), listener.completed.end(), "huge");
    ASSERT_NE(a_done, listener.completed.end());
    ASSERT_NE(huge_done, listener.completed.end());
    EXPECT_LT(a_done, huge_done);
    // c and d were held back until huge had finished (they then run side by side).
    for (const char* id : {"c", "d"}) {
        const auto done = std::find(listener.completed.begin(), listener.completed.end(), id);
        EXPECT_GT(done, huge_done) << id;
    }
    ASSERT_EQ(listener.warnings.size(), 1u);
    EXPECT_NE(listener.warnings[0].find("huge"), std::string::npos);
    EXPECT_NE(listener.warnings[0].find("alone"), std::string::npos);
}

TEST(TaskRunner, RetriesAfterTheDelayWithoutBlockingAWorker) {
    std::vector<WorkItem> items = {item("flaky", 500), item("broken", 400), item("ok1", 300),
                                   item("ok2", 200), item("ok3", 100)};
    ScriptedTask task;
    task.fail_first["flaky"] = 2;
    task.always_fail["broken"] = "cannot read partition\n  at line 7\r\nreason: bad";
    RecordingListener listener;
    EngineOptions options = options_with(1);
    options.max_retries = 2;
    options.retry_delay = 60ms;
    const RunSummary summary = run_tasks(items, task, listener, options);

    EXPECT_EQ(summary.completed, 4u);
    EXPECT_EQ(summary.failed, 1u);
    EXPECT_EQ(summary.not_started, 0u);
    EXPECT_EQ(task.attempts["flaky"], 3);
    EXPECT_EQ(task.attempts["broken"], 3);  // 1 + max_retries
    EXPECT_EQ(task.attempts["ok1"], 1);
    EXPECT_EQ(task.attempts["ok2"], 1);
    EXPECT_EQ(task.attempts["ok3"], 1);

    // Each retry started no sooner than the delay after the failed attempt was reported.
    for (const char* id : {"flaky", "broken"}) {
        std::vector<Clock::time_point> failed_at;
        for (const auto& f : listener.failures) {
            if (f.id == id) failed_at.push_back(f.at);
        }
        const auto& starts = task.attempt_starts[id];
        ASSERT_EQ(starts.size(), 3u) << id;
        ASSERT_GE(failed_at.size(), 2u) << id;
        EXPECT_GE(starts[1] - failed_at[0], options.retry_delay) << id;
        EXPECT_GE(starts[2] - failed_at[1], options.retry_delay) << id;
    }
    // While flaky waited for its retry, the single worker went on with other items.
    EXPECT_EQ(task.run_order[0], "flaky");
    EXPECT_EQ(task.run_order[1], "broken");

    // broken: two failures with a retry, then the final one; the error is one line.
    std::vector<RecordingListener::Failure> broken;
    for (const auto& f : listener.failures) {
        if (f.id == "broken") broken.push_back(f);
    }
    ASSERT_EQ(broken.size(), 3u);
    EXPECT_EQ(broken[0].attempt, 1u);
    EXPECT_TRUE(broken[0].will_retry);
    EXPECT_EQ(broken[1].attempt, 2u);
    EXPECT_TRUE(broken[1].will_retry);
    EXPECT_EQ(broken[2].attempt, 3u);
    EXPECT_FALSE(broken[2].will_retry);
    EXPECT_EQ(broken[2].error, "cannot read partition at line 7 reason: bad");
    // flaky: failed twice (both retried), then completed; attempt numbers count up.
    EXPECT_NE(std::find(listener.completed.begin(), listener.completed.end(), "flaky"),
              listener.completed.end());
    std::vector<uint32_t> flaky_attempts;
    for (size_t i = 0; i < listener.started.size(); ++i) {
        if (listener.started[i] == "flaky") flaky_attempts.push_back(listener.started_attempts[i]);
    }
    EXPECT_EQ(flaky_attempts, (std::vector<uint32_t>{1, 2, 3}));
}

TEST(TaskRunner, PreviousAttemptsCountTowardsMaxRetries) {
    std::vector<WorkItem> items = {item("two_before", 300, 1, 2), item("one_before", 200, 1, 1),
                                   item("many_before", 100, 1, 7)};
    ScriptedTask task;
    for (const auto& w : items) task.always_fail[w.id] = "still broken";
    RecordingListener listener;
    EngineOptions options = options_with(2);
    options.max_retries = 2;  // 3 attempts in all
    const RunSummary summary = run_tasks(items, task, listener, options);

    EXPECT_EQ(summary.failed, 3u);
    EXPECT_EQ(task.attempts["two_before"], 1);   // attempt 3 of 3
    EXPECT_EQ(task.attempts["one_before"], 2);   // attempts 2 and 3
    EXPECT_EQ(task.attempts["many_before"], 1);  // always at least one attempt per run
    std::map<std::string, std::vector<std::pair<uint32_t, bool>>> seen;
    for (const auto& f : listener.failures) seen[f.id].emplace_back(f.attempt, f.will_retry);
    using V = std::vector<std::pair<uint32_t, bool>>;
    EXPECT_EQ(seen["two_before"], (V{{3, false}}));
    EXPECT_EQ(seen["one_before"], (V{{2, true}, {3, false}}));
    EXPECT_EQ(seen["many_before"], (V{{8, false}}));
}

TEST(TaskRunner, ListenerCallsNeverOverlap) {
    std::vector<WorkItem> items;
    for (int i = 0; i < 120; ++i) items.push_back(item("p" + std::to_string(i), 1000 + i % 7));
    ScriptedTask task;
    task.fail_first["p3"] = 1;
    task.fail_first["p50"] = 2;
    RecordingListener listener;
    listener.hold = 200us;
    EngineOptions options = options_with(4);
    options.retry_delay = 1ms;
    options.checkpoint_interval = 1ms;
    const RunSummary summary = run_tasks(items, task, listener, options);

    EXPECT_FALSE(listener.overlapped);
    EXPECT_EQ(summary.completed, 120u);
    EXPECT_EQ(listener.started.size(), 123u);  // 120 + 3 retries
    EXPECT_EQ(listener.completed.size(), 120u);
    EXPECT_EQ(listener.failures.size(), 3u);
    EXPECT_GE(listener.checkpoints, 1u);  // at least the final one
}

TEST(TaskRunner, StopRequestTakesNoNewWorkAndLetsRunningTasksFinish) {
    std::vector<WorkItem> items;
    for (int i = 0; i < 20; ++i) items.push_back(item("s" + std::to_string(100 + i), 1000 - i));
    ScriptedTask task;
    task.work_time = 5ms;
    std::atomic<bool> stop{false};
    RecordingListener listener;
    // Set from inside the engine's serial node, the request is seen before the next start.
    listener.on_started_hook = [&](const WorkItem&, size_t count) {
        if (count == 3) stop = true;
    };
    EngineOptions options = options_with(2);
    options.stop_requested = &stop;
    const RunSummary summary = run_tasks(items, task, listener, options);

    EXPECT_TRUE(summary.interrupted);
    EXPECT_EQ(listener.started.size(), 3u);
    EXPECT_EQ(summary.completed, 3u);  // the running ones finished and were reported
    EXPECT_EQ(listener.completed.size(), 3u);
    EXPECT_EQ(summary.not_started, 17u);
    EXPECT_EQ(task.run_order.size(), 3u);
}

TEST(TaskRunner, StopFromAnotherThreadWhileTasksRun) {
    std::vector<WorkItem> items;
    for (int i = 0; i < 50; ++i) items.push_back(item("t" + std::to_string(i), 1000 - i));
    ScriptedTask task;
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable changed;
    bool started = false;
    // Every task holds its worker until the stop has been requested, so exactly the first two
    // items (one per worker) run, whatever the timing.
    task.before_work = [&](const WorkItem&) {
        std::unique_lock lock(mutex);
        started = true;
        changed.notify_all();
        changed.wait_for(lock, 20s, [&] { return stop.load(); });
    };
    std::thread stopper([&] {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return started; });
        stop = true;  // as a signal handler would
        changed.notify_all();
    });
    RecordingListener listener;
    EngineOptions options = options_with(2);
    options.stop_requested = &stop;
    const RunSummary summary = run_tasks(items, task, listener, options);
    stopper.join();

    EXPECT_TRUE(summary.interrupted);
    EXPECT_EQ(listener.started.size(), 2u);
    EXPECT_EQ(listener.completed.size(), 2u);  // both running tasks finished and were reported
    EXPECT_EQ(summary.completed, 2u);
    EXPECT_EQ(summary.not_started, 48u);
}

TEST(TaskRunner, StopDuringARetryDelayLeavesTheItemForTheNextRun) {
    std::vector<WorkItem> items = {item("fails", 10)};
    ScriptedTask task;
    task.always_fail["fails"] = "boom";
    std::atomic<bool> stop{false};
    RecordingListener listener;
    listener.on_failed_hook = [&](const WorkItem&) { stop = true; };
    EngineOptions options = options_with(1);
    options.retry_delay = 30s;  // the run must not wait for it
    options.stop_requested = &stop;
    const RunSummary summary = run_tasks(items, task, listener, options);

    EXPECT_TRUE(summary.interrupted);
    EXPECT_EQ(task.attempts["fails"], 1);
    ASSERT_EQ(listener.failures.size(), 1u);
    EXPECT_TRUE(listener.failures[0].will_retry);  // it has attempts left, for a resumed run
    EXPECT_EQ(summary.failed, 0u);
    EXPECT_EQ(summary.not_started, 1u);
}

TEST(TaskRunner, EmptyInputFinishesAtOnce) {
    ScriptedTask task;
    RecordingListener listener;
    const RunSummary summary = run_tasks({}, task, listener, options_with(2));
    EXPECT_EQ(summary.completed, 0u);
    EXPECT_EQ(summary.failed, 0u);
    EXPECT_EQ(summary.not_started, 0u);
    EXPECT_FALSE(summary.interrupted);
    EXPECT_TRUE(listener.started.empty());
    EXPECT_EQ(listener.checkpoints, 1u);  // the final flush
}

TEST(TaskRunner, ListenerExceptionStopsNewWorkAndIsRethrown) {
    std::vector<WorkItem> items;
    for (int i = 0; i < 10; ++i) items.push_back(item("x" + std::to_string(i), 100 - i));
    ScriptedTask task;
    RecordingListener listener;
    listener.on_completed_hook = [](const WorkItem& w) {
        if (w.id == "x1") throw std::runtime_error("disk full");
    };
    EngineOptions options = options_with(1);
    try {
        run_tasks(items, task, listener, options);
        FAIL() << "expected the listener's exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "disk full");
    }
    EXPECT_EQ(task.run_order, (std::vector<std::string>{"x0", "x1"}));
}

TEST(TaskRunner, NonStandardExceptionIsAFailedAttempt) {
    class ThrowsInt : public PartitionTask {
      public:
        TaskResult run(const WorkItem&) override { throw 42; }
    } task;
    RecordingListener listener;
    EngineOptions options = options_with(1);
    options.max_retries = 0;
    const RunSummary summary = run_tasks({item("a", 1)}, task, listener, options);
    EXPECT_EQ(summary.failed, 1u);
    ASSERT_EQ(listener.failures.size(), 1u);
    EXPECT_EQ(listener.failures[0].error, "unknown error");
    EXPECT_FALSE(listener.failures[0].will_retry);
}

TEST(TaskRunner, APermanentErrorFailsTheItemWithoutRetries) {
    class BadData : public PartitionTask {
      public:
        TaskResult run(const WorkItem&) override {
            ++calls;
            throw PermanentTaskError("price 'abc' is not an integer");
        }
        std::atomic<int> calls{0};
    } task;
    RecordingListener listener;
    EngineOptions options = options_with(1);
    options.max_retries = 3;
    const RunSummary summary = run_tasks({item("a", 1)}, task, listener, options);
    EXPECT_EQ(summary.failed, 1u);
    EXPECT_EQ(task.calls.load(), 1);
    ASSERT_EQ(listener.failures.size(), 1u);
    EXPECT_EQ(listener.failures[0].error, "price 'abc' is not an integer");
    EXPECT_FALSE(listener.failures[0].will_retry);
}

TEST(TaskRunner, RejectsUnusableOptions) {
    ScriptedTask task;
    RecordingListener listener;
    EngineOptions options;
    options.workers = 0;
    EXPECT_THROW(run_tasks({item("a", 1)}, task, listener, options), std::invalid_argument);
    options.workers = 1;
    options.memory_budget_bytes = 0;
    EXPECT_THROW(run_tasks({item("a", 1)}, task, listener, options), std::invalid_argument);
}

TEST(TaskRunner, ShowsProgressAndASummaryLine) {
    std::vector<WorkItem> items = {item("a", 3'000'000), item("b", 2'000'000),
                                   item("c", 1'000'000)};
    ScriptedTask task;
    RecordingListener listener;
    std::ostringstream progress;
    EngineOptions options = options_with(2);
    options.progress.out = &progress;
    options.progress.terminal = false;
    options.progress.label = "partitions";
    options.progress.item_name = "parts";
    task.always_fail["c"] = "broken";  // retried, then failed for good
    run_tasks(items, task, listener, options);
    const std::string text = progress.str();
    EXPECT_NE(text.find("partitions: done, 6.00 MB in "), std::string::npos) << text;  // failed ones count as done
    // Items finished, out of all, and how many of them failed, beside the bytes.
    EXPECT_NE(text.find("/s), 3/3 parts, 1 failed"), std::string::npos) << text;
}

}  // namespace
}  // namespace mdp::engine
