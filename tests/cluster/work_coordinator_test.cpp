#include "cluster/work_coordinator.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "cluster/local_link.h"
#include "cluster/remote_work_source.h"
#include "cluster/reporting_listener.h"
#include "engine/task_runner.h"

namespace mdp::cluster {
namespace {

struct RecordingListener : engine::RunListener {
    void on_started(const engine::WorkItem& item, uint32_t attempt) override {
        log.push_back("start " + item.id + " " + std::to_string(attempt));
        ++starts[item.id];
    }
    void on_completed(const engine::WorkItem& item, const engine::TaskResult&, double) override {
        log.push_back("done " + item.id);
        ++completions[item.id];
    }
    void on_attempt_failed(const engine::WorkItem& item, uint32_t attempt, const std::string& error,
                           bool will_retry) override {
        log.push_back("fail " + item.id + " " + std::to_string(attempt) + " " + error + (will_retry ? " retry" : ""));
    }
    void on_idle_checkpoint() override { ++checkpoints; }
    std::vector<std::string> log;
    std::map<std::string, int> starts;
    std::map<std::string, int> completions;
    int checkpoints = 0;
};

std::vector<RemoteItem> items(int count) {
    std::vector<RemoteItem> out;
    for (int i = 0; i < count; ++i) {
        out.push_back(RemoteItem{engine::WorkItem{"p" + std::to_string(i), static_cast<uint64_t>(i % 7), 1, 0},
                                 "payload of p" + std::to_string(i)});
    }
    return out;
}

TEST(WorkCoordinator, HandsOutBiggestFirstWithPayloadsUntilExhausted) {
    RecordingListener listener;
    WorkCoordinator coordinator(items(5), listener, nullptr);  // sizes 0 1 2 3 4
    Batch first = coordinator.hand_out(2);
    ASSERT_EQ(first.items.size(), 2U);
    EXPECT_EQ(first.items[0].item.id, "p4");
    EXPECT_EQ(first.items[0].payload, "payload of p4");
    EXPECT_EQ(first.items[1].item.id, "p3");
    EXPECT_FALSE(first.exhausted);
    Batch rest = coordinator.hand_out(10);
    EXPECT_EQ(rest.items.size(), 3U);
    EXPECT_TRUE(rest.exhausted);
    EXPECT_TRUE(coordinator.hand_out(1).items.empty());
}

TEST(WorkCoordinator, ReplaysReportsInOrderAndCountsFinalOutcomes) {
    RecordingListener listener;
    WorkCoordinator coordinator(items(3), listener, nullptr);
    std::vector<Report> reports(4);
    reports[0].kind = Report::Kind::kStarted;
    reports[0].item.id = "p1";
    reports[0].attempt = 1;
    reports[1].kind = Report::Kind::kFailed;
    reports[1].item.id = "p1";
    reports[1].attempt = 1;
    reports[1].text = "io";
    reports[1].will_retry = true;
    reports[2].kind = Report::Kind::kFailed;
    reports[2].item.id = "p2";
    reports[2].attempt = 4;
    reports[2].text = "bad";
    reports[3].kind = Report::Kind::kCompleted;
    reports[3].item.id = "p1";
    coordinator.record(reports);
    coordinator.checkpoint();
    EXPECT_EQ(listener.log, (std::vector<std::string>{"start p1 1", "fail p1 1 io retry", "fail p2 4 bad", "done p1"}));
    EXPECT_EQ(listener.checkpoints, 1);
    const CoordinatorCounts counts = coordinator.counts();
    EXPECT_EQ(counts.completed, 1U);
    EXPECT_EQ(counts.failed, 1U);
    EXPECT_EQ(counts.not_finished(), 1U);
}

TEST(WorkCoordinator, StoppingHandsOutNothingMore) {
    RecordingListener listener;
    WorkCoordinator coordinator(items(3), listener, nullptr);
    coordinator.stop();
    const Batch batch = coordinator.hand_out(3);
    EXPECT_TRUE(batch.items.empty());
    EXPECT_TRUE(batch.exhausted);
}

TEST(WorkCoordinator, AListenerErrorStopsTheHandOut) {
    struct Failing : RecordingListener {
        void on_started(const engine::WorkItem&, uint32_t) override { throw std::runtime_error("disk full"); }
    } listener;
    WorkCoordinator coordinator(items(3), listener, nullptr);
    Report started;
    started.item.id = "p0";
    coordinator.record({started});
    ASSERT_TRUE(coordinator.listener_error());
    EXPECT_TRUE(coordinator.stopping());
    EXPECT_TRUE(coordinator.hand_out(3).items.empty());
}

// Several engines (threads here, ranks in MPI mode) pull from one coordinator through the same
// source and listener the worker ranks use: every item runs exactly once, failures are retried
// by the engine that ran them, and every outcome reaches the one listener.
class CountingTask : public engine::PartitionTask {
  public:
    explicit CountingTask(const RemoteWorkSource& source) : source_(source) {}
    engine::TaskResult run(const engine::WorkItem& item) override {
        if (source_.payload(item.id) != "payload of " + item.id) throw engine::PermanentTaskError("no payload");
        std::lock_guard lock(mutex_);
        if (item.id == "p5" && item.previous_attempts == 0) throw std::runtime_error("transient");
        if (item.id == "p9") throw engine::PermanentTaskError("bad data");
        return {};
    }

  private:
    const RemoteWorkSource& source_;
    std::mutex mutex_;
};

TEST(SharedCoordinator, EveryItemRunsOnceAcrossEnginesWithRetriesOnTheirEngine) {
    RecordingListener listener;
    WorkCoordinator coordinator(items(40), listener, nullptr);
    std::vector<std::thread> engines;
    std::atomic<size_t> requests{0};
    for (int e = 0; e < 3; ++e) {
        engines.emplace_back([&] {
            LocalLink link(coordinator);
            RemoteWorkSource source(link, 2);
            CountingTask task(source);
            ReportingListener reports(link, {}, {});
            engine::EngineOptions options;
            options.workers = 2;
            options.retry_delay = std::chrono::milliseconds(1);
            options.checkpoint_interval = std::chrono::milliseconds(1);
            engine::run_tasks(source, task, reports, options);
            reports.flush();
            requests += source.requests();
        });
    }
    for (auto& thread : engines) thread.join();
    const CoordinatorCounts counts = coordinator.counts();
    EXPECT_EQ(counts.completed, 39U);
    EXPECT_EQ(counts.failed, 1U);
    for (int i = 0; i < 40; ++i) {
        const std::string id = "p" + std::to_string(i);
        EXPECT_EQ(listener.starts[id], id == "p5" ? 2 : 1) << id;
        EXPECT_EQ(listener.completions[id], id == "p9" ? 0 : 1) << id;
    }
    // Batches of two: about one round trip per two items (plus each engine's last, empty one).
    EXPECT_LE(requests.load(), 40U / 2 + 2 * 3);
}

}  // namespace
}  // namespace mdp::cluster
