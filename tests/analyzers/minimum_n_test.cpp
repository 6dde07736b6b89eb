// SPEC 3.5 minimum numbers of pairs: below each statistic's minimum its cells are empty, never
// zero (paired t, Cohen's d and the CI need 2 pairs, Pearson and Spearman 3, Wilcoxon 10).

#include <gtest/gtest.h>

#include "analyzers/partition_analysis.h"
#include "analyzers/partition_builder.h"

namespace mdp::analyzers {
namespace {

using namespace testing;

constexpr int64_t kT0 = 1709600000000000000;
int64_t ms(int64_t m) { return kT0 + m * 1000000; }

// n qualifying buy sweeps, each with one sell CP contra arriving inside its window, so set A
// has n orders; prices and contra sizes vary so no difference is constant.
CsvContent tests_for_set_a_of(size_t n) {
    const auto dir = scratch_dir("minimum_n_" + std::to_string(n));
    std::vector<OrderLine> orders;
    std::vector<TradeLine> trades;
    for (size_t i = 0; i < n; ++i) {
        const auto k = static_cast<int64_t>(i);
        const int64_t sweep = 1000 + k;
        const int64_t contra = 2000 + k;
        const int64_t t = 1000 * (k + 1);
        orders.push_back(
            {sweep, ms(t), 10050, 1, 6, 100, 100, 2048, 9990, 10010, 9990, 10010, 3 * k});
        orders.push_back(
            {sweep, ms(t + 500), 10050, 1, 3, 100, 0, 2048, 9990, 10010, 9990, 10010, 3 * k + 2});
        orders.push_back({contra, ms(t + 100 + k), 10000, 2, 6, 10 + 7 * k, 10 + 7 * k, 64,
                          9990 + k, 10010 + 3 * k, 9990, 10010, 3 * k + 1});
        trades.push_back(
            {sweep, ms(t + 500 - 13 * k), 10010 + (k * k) % 7, 100, 1, 9990, 10010, 1});
    }
    write_orders(dir / "p/orders.csv", orders, 7);
    write_trades(dir / "p/trades.csv", trades, 7);
    const auto result = analyze_partition(dir / "p", dir / "stats",
                                          PartitionKey{*CivilDate::parse("2024-03-05"), 7}, {});
    EXPECT_EQ(result.at("matched"), static_cast<int64_t>(n));
    return read_csv(dir / "stats/matched/sweep_order_statistical_tests.csv");
}

void expect_cells(const CsvContent& t, size_t row, std::initializer_list<const char*> columns,
                  bool present) {
    for (const char* c : columns) {
        if (present) {
            EXPECT_NE(t.cell(row, c), "") << c << " should be present";
        } else {
            EXPECT_EQ(t.cell(row, c), "") << c << " should be empty";
        }
    }
}

size_t cost_row(const CsvContent& t) { return t.find_row("metric_name", "exec_cost_arrival_bps"); }

TEST(MinimumN, OnePair) {
    const CsvContent t = tests_for_set_a_of(1);
    const size_t r = cost_row(t);
    EXPECT_EQ(t.cell(r, "n_pairs"), "1");
    expect_cells(t, r,
                 {"paired_t_statistic", "paired_t_pvalue", "wilcoxon_statistic", "wilcoxon_pvalue",
                  "pearson_r", "pearson_pvalue", "spearman_rho", "spearman_pvalue", "cohens_d",
                  "mean_diff_ci_lower", "mean_diff_ci_upper"},
                 false);
    expect_cells(t, r, {"mean_diff"}, true);
    EXPECT_EQ(t.cell(r, "significance"), "N/A");
}

TEST(MinimumN, TwoPairs) {
    const CsvContent t = tests_for_set_a_of(2);
    const size_t r = cost_row(t);
    EXPECT_EQ(t.cell(r, "n_pairs"), "2");
    expect_cells(t, r,
                 {"paired_t_statistic", "paired_t_pvalue", "cohens_d", "mean_diff",
                  "mean_diff_ci_lower", "mean_diff_ci_upper"},
                 true);
    expect_cells(t, r,
                 {"wilcoxon_statistic", "wilcoxon_pvalue", "pearson_r", "pearson_pvalue",
                  "spearman_rho", "spearman_pvalue"},
                 false);
}

TEST(MinimumN, NinePairs) {
    const CsvContent t = tests_for_set_a_of(9);
    const size_t r = cost_row(t);
    EXPECT_EQ(t.cell(r, "n_pairs"), "9");
    expect_cells(
        t, r,
        {"paired_t_statistic", "paired_t_pvalue", "pearson_r", "pearson_pvalue", "spearman_rho",
         "spearman_pvalue", "cohens_d", "mean_diff", "mean_diff_ci_lower", "mean_diff_ci_upper"},
        true);
    expect_cells(t, r, {"wilcoxon_statistic", "wilcoxon_pvalue"}, false);
}

TEST(MinimumN, TenPairsAddWilcoxon) {
    const CsvContent t = tests_for_set_a_of(10);
    const size_t r = cost_row(t);
    EXPECT_EQ(t.cell(r, "n_pairs"), "10");
    expect_cells(t, r, {"wilcoxon_statistic", "wilcoxon_pvalue"}, true);
}

}  // namespace
}  // namespace mdp::analyzers
