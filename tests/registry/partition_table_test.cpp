#include "registry/partition_table.h"

#include <gtest/gtest.h>

#include <random>

namespace mdp::registry {
namespace {

PartitionKey key_of(int64_t days, SecurityCode security) {
    return PartitionKey{CivilDate::from_days(days), security};
}

TEST(PartitionTable, FindsEveryKeyAfterTheIndexGrows) {
    PartitionTable table;
    std::vector<PartitionKey> keys;
    for (int64_t day = 19'000; day < 19'050; ++day) {
        for (SecurityCode sec = 1; sec <= 2000; sec += 1) keys.push_back(key_of(day, sec * 7919));
    }
    std::mt19937 rng(11);
    std::shuffle(keys.begin(), keys.end(), rng);
    for (size_t i = 0; i < keys.size(); ++i) {
        const auto [index, added] = table.insert(keys[i]);
        ASSERT_TRUE(added);
        ASSERT_EQ(index, i);
    }
    EXPECT_EQ(table.size(), keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
        const auto found = table.find(keys[i]);
        ASSERT_TRUE(found);
        ASSERT_EQ(*found, i);
        ASSERT_EQ(table.key(*found), keys[i]);
    }
    EXPECT_FALSE(table.find(key_of(19'000, 1)).has_value());
    EXPECT_FALSE(table.insert(keys[5]).second);
    EXPECT_EQ(table.status_counts()[0], keys.size());

    std::vector<PartitionKey> sorted_keys;
    for (const auto index : table.sorted()) sorted_keys.push_back(table.key(index));
    std::sort(keys.begin(), keys.end());
    EXPECT_EQ(sorted_keys, keys);
}

TEST(PartitionTable, CountsOfDifferentShapesStayApart) {
    PartitionTable table;
    const auto a = table.insert(key_of(1, 1)).first;
    const auto b = table.insert(key_of(1, 2)).first;
    table.set_inputs(a, {{"trades", {1, 2}}, {"orders", {3, 4}}});
    table.set_inputs(b, {{"orders", {5, 6}}});
    table.set_results(a, {{"matched", 9}});
    table.set_results(b, {{"unmatched", 8}, {"matched", 7}});
    table.set_inputs(a, {{"orders", {30, 40}}, {"trades", {10, 20}}});  // same shape, in place
    table.set_results(b, {{"unmatched", 80}, {"matched", 70}});

    const PartitionEntry ea = table.entry(a);
    EXPECT_EQ(ea.inputs, (InputCountsMap{{"orders", {30, 40}}, {"trades", {10, 20}}}));
    EXPECT_EQ(ea.results, (ResultCounts{{"matched", 9}}));
    const PartitionEntry eb = table.entry(b);
    EXPECT_EQ(eb.inputs, (InputCountsMap{{"orders", {5, 6}}}));
    EXPECT_EQ(eb.results, (ResultCounts{{"matched", 70}, {"unmatched", 80}}));

    table.clear_results(b);
    EXPECT_TRUE(table.entry(b).results.empty());
    EXPECT_EQ(table.entry(b).inputs, (InputCountsMap{{"orders", {5, 6}}}));
    EXPECT_THROW(table.set_inputs(a, {{"x", {1, 1}}, {"x", {2, 2}}}), std::invalid_argument);
    EXPECT_THROW(table.set_results(a, {{"", 1}}), std::invalid_argument);
    EXPECT_EQ(table.entry(a), ea);  // unchanged by the refused updates

    RegistrySummary summary;
    table.add_totals(summary);
    EXPECT_EQ(summary.total, 2U);
    EXPECT_EQ(summary.inputs.at("orders"), (InputCounts{35, 46}));
    EXPECT_EQ(summary.results, (ResultCounts{{"matched", 9}}));
}

TEST(PartitionTable, SelectUsesKeyOrderAndFilters) {
    PartitionTable table;
    for (int64_t day : {5, 3, 4}) {
        for (SecurityCode sec : {9U, 2U}) table.insert(key_of(day, sec));
    }
    table.set_status(*table.find(key_of(4, 9)), PartitionStatus::kFailed);
    std::vector<PartitionKey> on_day_4;
    for (const auto i : table.select(PartitionFilter().on_date(CivilDate::from_days(4)))) {
        on_day_4.push_back(table.key(i));
    }
    EXPECT_EQ(on_day_4, (std::vector<PartitionKey>{key_of(4, 2), key_of(4, 9)}));
    const auto failed = table.select(PartitionFilter().with_status(PartitionStatus::kFailed));
    ASSERT_EQ(failed.size(), 1U);
    EXPECT_EQ(table.key(failed[0]), key_of(4, 9));
    EXPECT_EQ(table.select(PartitionFilter().for_security(2)).size(), 3U);
    EXPECT_EQ(table.status_counts()[static_cast<size_t>(PartitionStatus::kFailed)], 1U);
    EXPECT_EQ(table.status_counts()[static_cast<size_t>(PartitionStatus::kPending)], 5U);
}

TEST(PartitionTable, EntryJsonIsOneLine) {
    PartitionTable table;
    const auto i = table.insert(key_of(19'724, 42)).first;  // 2024-01-02
    table.set_inputs(i, {{"orders", {1, 2}}});
    table.set_last_error(i, "a \"quoted\" message");
    std::string out;
    table.append_json(i, out);
    EXPECT_EQ(out, R"({"key":"2024-01-02/42","date":"2024-01-02","security":42,"status":"pending",)"
                   R"("attempts":0,"inputs":{"orders":{"rows":1,"bytes":2}},"results":{},)"
                   R"("started_at":null,"completed_at":null,"duration_sec":0,)"
                   R"("last_error":"a \"quoted\" message"})");
}

}  // namespace
}  // namespace mdp::registry
