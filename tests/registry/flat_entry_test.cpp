#include "registry/flat_entry.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mdp::registry {
namespace {

using nlohmann::json;

TEST(FlatEntry, ReadsEveryField) {
    const json j = json::parse(R"({"key":"2024-01-02/5","date":"2024-01-02","security":5,
        "status":"failed","attempts":3,"inputs":{"orders":{"rows":1,"bytes":2}},
        "results":{"m":4},"started_at":"2024-01-02T10:00:00.000Z","completed_at":null,
        "duration_sec":2.5,"last_error":"oops","unknown":[1]})");
    FlatEntry e;
    read_flat_entry(j, e);
    EXPECT_EQ(e.key, (PartitionKey{CivilDate{2024, 1, 2}, 5}));
    EXPECT_EQ(e.status, PartitionStatus::kFailed);
    EXPECT_EQ(e.attempts, 3U);
    ASSERT_EQ(e.inputs.size(), 1U);
    EXPECT_EQ(e.inputs[0].second, (InputCounts{1, 2}));
    ASSERT_EQ(e.results.size(), 1U);
    EXPECT_EQ(e.results[0], (std::pair<std::string, int64_t>{"m", 4}));
    EXPECT_EQ(e.started_ms, 1'704'189'600'000);
    EXPECT_EQ(e.completed_ms, kNoTime);
    EXPECT_EQ(e.duration_sec, 2.5);
    EXPECT_EQ(e.last_error, "oops");
}

TEST(FlatEntry, RejectsInconsistentOrMistypedEntries) {
    FlatEntry e;
    for (const char* bad :
         {R"({"key":"2024-01-02/5","date":"2024-01-01"})", R"({"key":"2024-01-02/5","security":4})",
          R"({"security":4})", R"({"key":5})", R"({"key":"2024-01-02/5","status":"done"})",
          R"({"key":"2024-01-02/5","attempts":-1})",
          R"({"key":"2024-01-02/5","inputs":{"o":{"rows":1}}})",
          R"({"key":"2024-01-02/5","started_at":"2024-01-02"})",
          R"({"key":"2024-01-02/5","results":{"m":"x"}})", "[]"}) {
        EXPECT_THROW(read_flat_entry(json::parse(bad), e), std::invalid_argument) << bad;
    }
}

}  // namespace
}  // namespace mdp::registry
