#include "registry/snapshot_reader.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "registry_test_util.h"

namespace mdp::registry {
namespace {

using namespace test;

struct Collected {
    std::vector<PartitionKey> keys;
    std::vector<FlatEntry> entries;
};

nlohmann::json read(const fs::path& path, Collected& out) {
    return read_snapshot(path, [&](const FlatEntry& e) {
        out.keys.push_back(e.key);
        out.entries.push_back(e);
    });
}

TEST(SnapshotReader, StreamsEntriesAndKeepsTheOtherFieldsAsJson) {
    const auto dir = scratch("reader_ok");
    const fs::path file = dir / "s.json";
    // Hand-formatted, fields in a different order, extra fields at every level.
    spit(file, R"({
  "generation": 3, "format": 1,
  "settings": {"a": [1, 2, {"b": null}]},
  "partitions": [
    {"status": "completed", "security": 5, "date": "2024-01-02", "key": "2024-01-02/5",
     "future": {"nested": [1, {"x": 2}]}, "also_future": [[]],
     "inputs": {"orders": {"bytes": 20, "rows": 10, "extra": 1}},
     "results": {"matched": -3}, "attempts": 2, "duration_sec": 1,
     "started_at": "2024-01-03T00:00:00.000Z", "completed_at": null, "last_error": "x"},
    {"key": "2024-01-02/6", "duration_sec": 0.5}
  ],
  "extraction_progress": {}
})");
    Collected c;
    const auto header = read(file, c);
    EXPECT_EQ(header.at("generation"), 3);
    EXPECT_EQ(header.at("settings"), nlohmann::json::parse(R"({"a": [1, 2, {"b": null}]})"));
    EXPECT_TRUE(header.at("extraction_progress").is_object());
    EXPECT_FALSE(header.contains("partitions"));
    ASSERT_EQ(c.entries.size(), 2U);
    const FlatEntry& e = c.entries[0];
    EXPECT_EQ(e.key, (PartitionKey{CivilDate{2024, 1, 2}, 5}));
    EXPECT_EQ(e.status, PartitionStatus::kCompleted);
    EXPECT_EQ(e.attempts, 2U);
    ASSERT_EQ(e.inputs.size(), 1U);
    EXPECT_EQ(e.inputs[0].first, "orders");
    EXPECT_EQ(e.inputs[0].second, (InputCounts{10, 20}));
    ASSERT_EQ(e.results.size(), 1U);
    EXPECT_EQ(e.results[0].second, -3);
    EXPECT_EQ(e.started_ms, 1'704'240'000'000);
    EXPECT_EQ(e.completed_ms, kNoTime);
    EXPECT_EQ(e.duration_sec, 1.0);
    EXPECT_EQ(e.last_error, "x");
    EXPECT_EQ(c.entries[1].key.security, 6U);
    EXPECT_EQ(c.entries[1].duration_sec, 0.5);
    EXPECT_EQ(c.entries[1].status, PartitionStatus::kPending);
}

TEST(SnapshotReader, BadEntriesAreInputErrorsNamingTheEntry) {
    const auto dir = scratch("reader_bad");
    const fs::path file = dir / "s.json";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"key":"2024-01-02/5","date":"2024-01-03"})", "has \"date\" 2024-01-03"},
        {R"({"key":"2024-01-02/5","security":6})", "has \"security\" 6"},
        {R"({"date":"2024-01-02"})", "without a valid \"key\""},
        {R"({"key":"2024-13-02/5"})", "bad partition key"},
        {R"({"key":"2024-01-02/5","inputs":{"orders":{"rows":1}}})", "lacks"},
        {R"({"key":"2024-01-02/5","attempts":"two"})", "unexpected a string"},
        {R"({"key":"2024-01-02/5","started_at":"yesterday"})", "bad time"},
        {R"({"key":"2024-01-02/5","results":{"m":1.5}})", "unexpected"},
    };
    for (const auto& [entry, message] : cases) {
        spit(file, R"({"format":1,"partitions":[{"key":"2024-01-01/1"},)" + entry + "]}");
        Collected c;
        try {
            read(file, c);
            ADD_FAILURE() << "accepted " << entry;
        } catch (const InputError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("partition entry 2"), std::string::npos) << what;
            EXPECT_NE(what.find(message), std::string::npos) << what;
        }
    }
}

TEST(SnapshotReader, NotJsonOrMissingIsAnError) {
    const auto dir = scratch("reader_not_json");
    const fs::path file = dir / "s.json";
    Collected c;
    spit(file, R"({"format":1,"partitions":[{"key":"2024-01-01/1"})");
    EXPECT_THROW(read(file, c), InputError);
    spit(file, "[1,2]");
    EXPECT_THROW(read(file, c), InputError);
    spit(file, R"({"partitions":{}})");
    EXPECT_THROW(read(file, c), InputError);
    EXPECT_THROW(read(dir / "missing.json", c), IoError);
}

}  // namespace
}  // namespace mdp::registry
