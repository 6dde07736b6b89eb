// The per-date view: partitions of every status counted on their date, sweeps and the mean
// saving only from consolidated ones, dates in order whatever order they were added in.

#include "consolidate/date_summaries.h"

#include <gtest/gtest.h>

#include <cmath>

#include "consolidate/consolidated_tables.h"

namespace mdp::consolidate {
namespace {

using registry::PartitionStatus;

results::PartitionSummary stats_with_savings(std::vector<double> savings, int64_t unmatched) {
    results::PartitionSummary stats;
    for (const double saving : savings) {
        results::Differences d{};
        d.fill(stats::kNaN);
        d[headline_metric()] = saving;
        stats.differences.push_back(d);
    }
    stats.root_causes["NO_LIQUIDITY_AT_ALL"] = unmatched;
    return stats;
}

PartitionKey key(const char* date, SecurityCode security) {
    return PartitionKey{*CivilDate::parse(date), security};
}

TEST(DateSummariesTest, CountsPartitionsSweepsAndTheMeanSavingPerDate) {
    DateSummaries dates;
    const results::PartitionSummary a = stats_with_savings({2, 4, stats::kNaN}, 5);
    const results::PartitionSummary b = stats_with_savings({-3}, 1);
    dates.add(key("2024-04-03", 1), PartitionStatus::kCompleted, &b);
    dates.add(key("2024-04-02", 1), PartitionStatus::kCompleted, &a);
    dates.add(key("2024-04-02", 2), PartitionStatus::kFailed, nullptr);
    dates.add(key("2024-04-02", 3), PartitionStatus::kCompleted, nullptr);  // unreadable stats
    const std::vector<DateSummary> rows = dates.rows();
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].date.to_string(), "2024-04-02");
    EXPECT_EQ(rows[0].partitions, 3U);
    EXPECT_EQ(rows[0].consolidated, 1U);
    EXPECT_EQ(rows[0].failed, 1U);
    EXPECT_EQ(rows[0].matched_sweeps, 3);
    EXPECT_EQ(rows[0].unmatched_sweeps, 5);
    EXPECT_EQ(rows[0].saving_n, 2U);
    EXPECT_DOUBLE_EQ(rows[0].mean_saving_bps, 3.0);
    EXPECT_EQ(rows[0].dark_cheaper, 2U);
    EXPECT_EQ(rows[1].date.to_string(), "2024-04-03");
    EXPECT_DOUBLE_EQ(rows[1].mean_saving_bps, -3.0);
    EXPECT_EQ(rows[1].dark_cheaper, 0U);
}

TEST(DateSummariesTest, ADateWithoutConsolidatedSavingsHasNoMean) {
    DateSummaries dates;
    dates.add(key("2024-04-02", 1), PartitionStatus::kPending, nullptr);
    const std::vector<DateSummary> rows = dates.rows();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].partitions, 1U);
    EXPECT_EQ(rows[0].consolidated, 0U);
    EXPECT_TRUE(std::isnan(rows[0].mean_saving_bps));
}

}  // namespace
}  // namespace mdp::consolidate
