#include "cluster/remote_work_source.h"

#include <gtest/gtest.h>

#include "scripted_link.h"

namespace mdp::cluster {
namespace {

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

}  // namespace
}  // namespace mdp::cluster
