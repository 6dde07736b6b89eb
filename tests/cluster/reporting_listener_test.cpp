#include "cluster/reporting_listener.h"

#include <gtest/gtest.h>

#include "scripted_link.h"

namespace mdp::cluster {
namespace {

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
