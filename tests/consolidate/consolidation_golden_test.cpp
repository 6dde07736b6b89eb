// The consolidated statistics against SciPy 1.10 (fixtures/consolidation_golden.json, made by
// scripts/golden/generate_consolidation_fixtures.py): synthetic partitions hold the fixture's
// differences; consolidation's pooled and per-security one-sample t tests, CIs, effect sizes,
// dark-better counts, the ANOVA and the Holm-adjusted Welch pairs must match SciPy.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "consolidate/consolidator.h"
#include "consolidated_csv.h"

namespace mdp::consolidate {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;

double json_value(const nlohmann::json& v) {
    if (v.is_null()) return std::nan("");
    if (v.is_string()) return v.get<std::string>() == "inf" ? INFINITY : -INFINITY;
    return v.get<double>();
}

class ConsolidationGoldenTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::ifstream in(fs::path(MDP_CONSOLIDATE_FIXTURES) / "consolidation_golden.json");
        ASSERT_TRUE(in) << "missing fixture";
        golden_ = nlohmann::json::parse(in);
        ASSERT_EQ(golden_["scipy_version"].get<std::string>().substr(0, 4), "1.10");
        dir_ = fresh_scratch_dir();
        registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(dir_));
        reg.load();
        std::map<PartitionKey, std::vector<SyntheticOrder>> partitions;
        for (const auto& o : golden_["orders"]) {
            const PartitionKey key{*CivilDate::parse(o["date"].get<std::string>()),
                                   o["security"].get<SecurityCode>()};
            SyntheticOrder order{o["orderid"].get<std::string>(), {}};
            for (const auto& d : o["diffs"]) order.differences.push_back(json_value(d));
            partitions[key].push_back(order);
        }
        for (auto& [key, orders] : partitions) {
            std::sort(orders.begin(), orders.end(),
                      [](const auto& a, const auto& b) { return a.orderid < b.orderid; });
            write_synthetic_partition(dir_, reg, key, orders, {"TIMING_MISMATCH"});
        }
        reg.save();
        summary_ = consolidate(reg, dir_);
    }

    void expect_tests(const std::map<std::string, std::string>& row, const nlohmann::json& want) {
        const std::string where =
            row.at("metric") + (row.count("security") ? " " + row.at("security") : "");
        EXPECT_EQ(row.at("n"), std::to_string(want["n"].get<int>())) << where;
        for (const char* column : {"mean", "median", "sd", "cohens_d", "t_statistic", "p_value"}) {
            EXPECT_TRUE(near(cell_number(row.at(column)), json_value(want[column]), 1e-9))
                << where << " " << column;
        }
        // The fixture's bounds use a Newton-refined t quantile (docs/statistics.md).
        for (const char* column : {"ci_lower", "ci_upper"}) {
            EXPECT_TRUE(near(cell_number(row.at(column)), json_value(want[column]), 1e-9))
                << where << " " << column;
        }
        if (want["dark_better_count"].is_null()) {
            EXPECT_EQ(row.at("dark_better_count"), "") << where;
        } else {
            EXPECT_EQ(row.at("dark_better_count"),
                      std::to_string(want["dark_better_count"].get<int>()))
                << where;
        }
        EXPECT_TRUE(
            near(cell_number(row.at("dark_better_pct")), json_value(want["dark_better_pct"])))
            << where;
    }

    nlohmann::json golden_;
    fs::path dir_;
    ConsolidationSummary summary_;
};

TEST_F(ConsolidationGoldenTest, PooledOneSampleTestsMatchSciPy) {
    const Table pooled = read_table(dir_ / "consolidated/pooled_tests.csv");
    ASSERT_EQ(pooled.rows.size(), golden_["pooled"].size());
    for (size_t i = 0; i < pooled.rows.size(); ++i) {
        EXPECT_EQ(pooled.rows[i].at("metric"), golden_["pooled"][i]["metric"]);
        expect_tests(pooled.rows[i], golden_["pooled"][i]);
    }
}

TEST_F(ConsolidationGoldenTest, PerSecurityTestsMatchSciPy) {
    const Table table = read_table(dir_ / "consolidated/per_security_tests.csv");
    ASSERT_EQ(table.rows.size(), golden_["per_security"].size());
    for (size_t i = 0; i < table.rows.size(); ++i) {
        const auto& want = golden_["per_security"][i];
        EXPECT_EQ(table.rows[i].at("security"), std::to_string(want["security"].get<int>()));
        EXPECT_EQ(table.rows[i].at("metric"), want["metric"]);
        expect_tests(table.rows[i], want);
    }
}

TEST_F(ConsolidationGoldenTest, AnovaAcrossSecuritiesMatchesSciPy) {
    const Table table = read_table(dir_ / "consolidated/cross_security_anova.csv");
    ASSERT_EQ(table.rows.size(), golden_["anova"].size());
    for (size_t i = 0; i < table.rows.size(); ++i) {
        const auto& want = golden_["anova"][i];
        const auto& row = table.rows[i];
        EXPECT_EQ(row.at("metric"), want["metric"]);
        EXPECT_EQ(row.at("securities"), std::to_string(want["securities"].get<int>()));
        EXPECT_EQ(row.at("n"), std::to_string(want["n"].get<int>()));
        EXPECT_TRUE(near(cell_number(row.at("f_statistic")), json_value(want["f_statistic"])))
            << want["metric"];
        EXPECT_TRUE(near(cell_number(row.at("p_value")), json_value(want["p_value"])))
            << want["metric"];
    }
    // The fixture has a single-order security: excluded, and counted as such.
    EXPECT_EQ(table.rows[0].at("securities_excluded"), "1");
}

// Rows of cross_security_pairwise.csv against a list of SciPy pairs; returns how many rows
// Holm's adjustment changed.
size_t expect_pairs(const Table& table, const nlohmann::json& golden) {
    EXPECT_EQ(table.rows.size(), golden.size());
    size_t adjusted_differs = 0;
    for (size_t i = 0; i < table.rows.size() && i < golden.size(); ++i) {
        const auto& want = golden[i];
        const auto& row = table.rows[i];
        const std::string where =
            row.at("metric") + " " + row.at("security_a") + "/" + row.at("security_b");
        EXPECT_EQ(row.at("metric"), want["metric"]);
        EXPECT_EQ(row.at("security_a"), std::to_string(want["security_a"].get<int>()));
        EXPECT_EQ(row.at("security_b"), std::to_string(want["security_b"].get<int>()));
        EXPECT_TRUE(near(cell_number(row.at("t_statistic")), json_value(want["t_statistic"])))
            << where;
        EXPECT_TRUE(near(cell_number(row.at("p_value")), json_value(want["p_value"]))) << where;
        EXPECT_TRUE(near(cell_number(row.at("p_holm")), json_value(want["p_holm"]))) << where;
        if (row.at("p_holm") != row.at("p_value")) ++adjusted_differs;
    }
    return adjusted_differs;
}

TEST_F(ConsolidationGoldenTest, WelchPairsWithHolmAdjustmentMatchSciPy) {
    // The fixture has fewer than 50 securities: the default top:50 compares every pair.
    const Table table = read_table(dir_ / "consolidated/cross_security_pairwise.csv");
    ASSERT_GT(table.rows.size(), 50U);
    EXPECT_GT(expect_pairs(table, golden_["pairwise"]), 10U);
}

// --pairwise top:3: only the pairs of the 3 securities with the most set-A orders, and Holm's
// family is those pairs (so p_holm differs from the all-pairs table).
TEST_F(ConsolidationGoldenTest, TopKPairsAreThePairsOfTheBusiestSecuritiesWithHolmOverThem) {
    registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(dir_));
    reg.load();
    ConsolidationOptions options;
    options.pairwise = *PairwiseRule::parse("top:3");
    consolidate(reg, dir_, options);
    const Table table = read_table(dir_ / "consolidated/cross_security_pairwise.csv");
    ASSERT_FALSE(golden_["pairwise_top3"].empty());
    expect_pairs(table, golden_["pairwise_top3"]);
    for (const auto& row : table.rows) {
        for (const char* column : {"security_a", "security_b"}) {
            EXPECT_TRUE(row.at(column) == "101" || row.at(column) == "777" || row.at(column) == "205")
                << row.at(column);
        }
    }
    options.pairwise = *PairwiseRule::parse("none");
    consolidate(reg, dir_, options);
    EXPECT_TRUE(read_table(dir_ / "consolidated/cross_security_pairwise.csv").rows.empty());
}

TEST(PairwiseRule, ParsesAllNoneAndTopK) {
    EXPECT_EQ(PairwiseRule::parse("all")->kind, PairwiseRule::Kind::kAll);
    EXPECT_EQ(PairwiseRule::parse("none")->kind, PairwiseRule::Kind::kNone);
    EXPECT_EQ(PairwiseRule::parse("top:50")->top, 50U);
    EXPECT_EQ(PairwiseRule::parse("top:7")->to_string(), "top:7");
    EXPECT_EQ(PairwiseRule{}.to_string(), "top:50");  // the default
    for (const char* bad : {"", "top", "top:", "top:1", "top:x", "top:5x", "some", "top:-3"}) {
        EXPECT_FALSE(PairwiseRule::parse(bad)) << bad;
    }
}

}  // namespace
}  // namespace mdp::consolidate
