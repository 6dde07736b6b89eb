#include "cluster/remote_work_source.h"

#include <gtest/gtest.h>

#include "cluster/reporting_listener.h"

namespace mdp::cluster {
namespace {

class ScriptedLink : public CoordinatorLink {
  public:
    Batch request(uint32_t count) override {
        asked.push_back(count);
        if (batches.empty()) return Batch{{}, true};
        Batch batch = batches.front();
        batches.erase(batches.begin());
        return batch;
    }
    void report(const std::vector<Report>& reports) override { sent.push_back(reports); }
    bool stop_requested() override { return stop; }

    std::vector<Batch> batches;
    std::vector<uint32_t> asked;
    std::vector<std::vector<Report>> sent;
    bool stop = false;
};

RemoteItem remote(const std::string& id, uint64_t size) { return RemoteItem{engine::WorkItem{id, size, 1, 0}, id + "!"}; }

TEST(RemoteWorkSource, AsksForABatchOnlyWhenItsQueueRunsDry) {
    ScriptedLink link;
    link.batches = {Batch{{remote("a", 1), remote("b", 5)}, false}, Batch{{remote("c", 9)}, true}};
    RemoteWorkSource source(link, 2);
    ASSERT_NE(source.next(), nullptr);
    EXPECT_EQ(source.next()->id, "b");  // biggest first within the batch
    EXPECT_EQ(link.asked, (std::vector<uint32_t>{2}));
    EXPECT_EQ(source.take().id, "b");
    EXPECT_EQ(source.take().id, "a");
    EXPECT_EQ(source.payload("a"), "a!");
    EXPECT_EQ(source.next()->id, "c");
    EXPECT_EQ(source.take().id, "c");
    EXPECT_EQ(source.next(), nullptr);  // the last batch said exhausted: no more asking
    EXPECT_EQ(source.next(), nullptr);
    EXPECT_EQ(link.asked.size(), 2U);
    EXPECT_EQ(source.received(), 3U);
    EXPECT_FALSE(source.payload("zz"));
}

TEST(RemoteWorkSource, ARetryIsRunHereBeforeAskingForMore) {
    ScriptedLink link;
    link.batches = {Batch{{remote("a", 1)}, false}};
    RemoteWorkSource source(link, 1);
    ASSERT_NE(source.next(), nullptr);
    engine::WorkItem a = source.take();
    a.previous_attempts = 1;
    source.give_back(a);
    EXPECT_EQ(source.next()->id, "a");
    EXPECT_EQ(source.next()->previous_attempts, 1U);
    EXPECT_EQ(link.asked.size(), 1U);
}

TEST(ReportingListener, SendsReportsInOrderAtCheckpointsDurableFirstAndPassesOnAStop) {
    ScriptedLink link;
    int durable = 0;
    int stops = 0;
    ReportingListener listener(link, [&] { ++durable; }, [&] { ++stops; });
    const engine::WorkItem item{"a", 1, 1, 0};
    listener.on_started(item, 1);
    listener.on_idle_checkpoint();
    EXPECT_EQ(durable, 0);  // nothing completed yet: no sync needed
    listener.on_attempt_failed(item, 1, "io", true);
    listener.on_completed(item, engine::TaskResult{{{"matched", 3}}}, 0.5);
    EXPECT_EQ(link.sent.size(), 1U);
    link.stop = true;
    listener.on_idle_checkpoint();
    EXPECT_EQ(durable, 1);
    EXPECT_EQ(stops, 1);
    ASSERT_EQ(link.sent.size(), 2U);
    ASSERT_EQ(link.sent[1].size(), 2U);
    EXPECT_EQ(link.sent[1][0].kind, Report::Kind::kFailed);
    EXPECT_EQ(link.sent[1][1].kind, Report::Kind::kCompleted);
    EXPECT_EQ(link.sent[1][1].counts.at("matched"), 3);
    listener.flush();
    EXPECT_EQ(link.sent.size(), 2U);  // nothing pending: nothing sent
}

}  // namespace
}  // namespace mdp::cluster
