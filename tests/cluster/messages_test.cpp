#include "cluster/messages.h"

#include <gtest/gtest.h>

#include "common/wire_format.h"

namespace mdp::cluster {
namespace {

TEST(Messages, BatchRoundTrips) {
    Batch batch;
    batch.items.push_back(RemoteItem{engine::WorkItem{"2024-01-02/ABC", 123, 456, 2}, std::string("\0x\xff", 3)});
    batch.items.push_back(RemoteItem{engine::WorkItem{"2024-01-03/XYZ", 1ULL << 40, 7, 0}, ""});
    batch.exhausted = true;
    EXPECT_EQ(decode_batch(encode_batch(batch)), batch);
    EXPECT_EQ(decode_batch(encode_batch(Batch{})), Batch{});
}

TEST(Messages, ReportsRoundTripInOrder) {
    std::vector<Report> reports(4);
    reports[0].kind = Report::Kind::kStarted;
    reports[0].item = engine::WorkItem{"a", 1, 2, 0};
    reports[0].attempt = 1;
    reports[1].kind = Report::Kind::kCompleted;
    reports[1].item = reports[0].item;
    reports[1].seconds = 0.125;
    reports[1].counts = {{"matched", 5}, {"unmatched", -1}};
    reports[2].kind = Report::Kind::kFailed;
    reports[2].item = engine::WorkItem{"b", 3, 4, 1};
    reports[2].attempt = 2;
    reports[2].text = "disk full";
    reports[2].will_retry = true;
    reports[3].kind = Report::Kind::kWarning;
    reports[3].text = "big";
    EXPECT_EQ(decode_reports(encode_reports(reports)), reports);
}

TEST(Messages, WorkerDoneAndCountsRoundTrip) {
    WorkerDone done{"node7", 8, 10, 2, 3, true, "cannot open"};
    EXPECT_EQ(decode_worker_done(encode_worker_done(done)), done);
    EXPECT_EQ(decode_u32(encode_u32(4000000000U)), 4000000000U);
}

TEST(Messages, TruncatedOrPaddedMessagesAreRejected) {
    Batch batch;
    batch.items.push_back(RemoteItem{engine::WorkItem{"id", 1, 1, 0}, "payload"});
    const std::string bytes = encode_batch(batch);
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
        EXPECT_THROW(decode_batch(bytes.substr(0, cut)), WireError) << cut;
    }
    EXPECT_THROW(decode_batch(bytes + "x"), WireError);
    EXPECT_THROW(decode_u32("abc"), WireError);
}

}  // namespace
}  // namespace mdp::cluster
