// Golden tests: every statistic and p-value of mdp_stats against SciPy 1.10 fixtures
// (scripts/golden/generate_stats_fixtures.py).

#include <gtest/gtest.h>

#include <iomanip>
#include <span>
#include <string>
#include <vector>

#include "analyzers/stats/anova.h"
#include "analyzers/stats/confidence.h"
#include "analyzers/stats/correlation.h"
#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/golden_support.h"
#include "analyzers/stats/multiple_testing.h"
#include "analyzers/stats/t_tests.h"
#include "analyzers/stats/wilcoxon.h"

namespace mdp::stats {
namespace {

using testing::Kind;
using testing::load_fixture;
using testing::num;
using testing::nums;

void expect_test(const TestResult& r, const nlohmann::json& e, const std::string& what) {
    testing::set_context(what);
    MDP_EXPECT_GOLDEN(r.statistic, num(e["statistic"]), Kind::kOther, what + " statistic");
    MDP_EXPECT_GOLDEN(r.p_value, num(e["p_value"]), Kind::kPValue, what + " p");
}

void expect_descriptive(std::span<const double> x, const nlohmann::json& e,
                        const std::vector<double>& levels, const std::string& what) {
    testing::set_context(what);
    MDP_EXPECT_GOLDEN(mean(x), num(e["mean"]), Kind::kOther, what + " mean");
    MDP_EXPECT_GOLDEN(median(x), num(e["median"]), Kind::kOther, what + " median");
    MDP_EXPECT_GOLDEN(sample_std(x), num(e["std"]), Kind::kOther, what + " std");
    MDP_EXPECT_GOLDEN(min(x), num(e["min"]), Kind::kOther, what + " min");
    MDP_EXPECT_GOLDEN(max(x), num(e["max"]), Kind::kOther, what + " max");
    const std::vector<double> q = quantiles(x, levels);
    const std::vector<double> eq = nums(e["quantiles"]);
    ASSERT_EQ(q.size(), eq.size());
    for (std::size_t i = 0; i < q.size(); ++i) {
        MDP_EXPECT_GOLDEN(q[i], eq[i], Kind::kOther, what + " q" + std::to_string(levels[i]));
        EXPECT_DOUBLE_EQ(quantile(x, levels[i]), q[i]);
    }
    if (e.contains("ranks")) {
        const std::vector<double> r = rank_average(x);
        const std::vector<double> er = nums(e["ranks"]);
        ASSERT_EQ(r.size(), er.size());
        for (std::size_t i = 0; i < r.size(); ++i) {
            EXPECT_EQ(r[i], er[i]) << what << " rank " << i;
        }
    }
}

TEST(GoldenPaired, EveryCaseMatchesScipy) {
    const nlohmann::json fx = load_fixture("paired.json");
    ASSERT_EQ(fx["scipy_version"].get<std::string>().rfind("1.10.", 0), 0u);
    const std::vector<double> levels = nums(fx["quantile_levels"]);
    std::size_t cases = 0;
    for (const auto& c : fx["cases"]) {
        const std::string name = c["name"].get<std::string>();
        SCOPED_TRACE(name);
        const std::vector<double> x = nums(c["x"]);
        const std::vector<double> y = nums(c["y"]);
        std::vector<double> d(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            d[i] = x[i] - y[i];
        }
        const auto& e = c["expected"];
        expect_test(ttest_rel(x, y), e["ttest_rel"], name + " ttest_rel");
        expect_test(ttest_1samp(d, 0.0), e["ttest_1samp_d"], name + " ttest_1samp(d)");
        expect_test(pearsonr(x, y), e["pearsonr"], name + " pearsonr");
        expect_test(spearmanr(x, y), e["spearmanr"], name + " spearmanr");

        const WilcoxonResult w = wilcoxon(x, y);
        expect_test({w.statistic, w.p_value}, e["wilcoxon"], name + " wilcoxon");
        if (e["wilcoxon"].contains("exact")) {
            EXPECT_EQ(w.exact, e["wilcoxon"]["exact"].get<bool>()) << name;
            EXPECT_EQ(w.n_used, e["wilcoxon"]["n_used"].get<std::size_t>()) << name;
        }

        testing::set_context(name + " effect size / CI");
        MDP_EXPECT_GOLDEN(cohens_dz(d), num(e["cohens_dz"]), Kind::kOther, name + " cohens_dz");
        const ConfidenceInterval ci = mean_confidence_interval(d, 0.95);
        MDP_EXPECT_GOLDEN(ci.lower, num(e["mean_ci"]["lower"]), Kind::kOther, name + " ci.lower");
        MDP_EXPECT_GOLDEN(ci.upper, num(e["mean_ci"]["upper"]), Kind::kOther, name + " ci.upper");

        for (const char* key : {"x", "y", "d"}) {
            const std::string field = std::string("descriptive_") + key;
            if (e.contains(field)) {
                const std::vector<double>& v = key[0] == 'x' ? x : (key[0] == 'y' ? y : d);
                expect_descriptive(v, e[field], levels, name + " " + key);
            }
        }
        ++cases;
    }
    EXPECT_GE(cases, 50u);
    RecordProperty("paired_cases", static_cast<int>(cases));
}

TEST(GoldenTwoSample, StudentWelchAndOneSample) {
    const nlohmann::json fx = load_fixture("two_sample.json");
    std::size_t cases = 0;
    for (const auto& c : fx["cases"]) {
        const std::string name = c["name"].get<std::string>();
        const std::vector<double> a = nums(c["a"]);
        const std::vector<double> b = nums(c["b"]);
        expect_test(ttest_ind_student(a, b), c["expected"]["student"], name + " student");
        expect_test(ttest_ind_welch(a, b), c["expected"]["welch"], name + " welch");
        expect_test(ttest_1samp(a, 1.0), c["expected"]["ttest_1samp_a_popmean_1"],
                    name + " ttest_1samp(a, 1)");
        ++cases;
    }
    EXPECT_GE(cases, 15u);
    RecordProperty("two_sample_cases", static_cast<int>(cases));
}

TEST(GoldenAnova, FOneway) {
    const nlohmann::json fx = load_fixture("anova.json");
    std::size_t cases = 0;
    for (const auto& c : fx["cases"]) {
        const std::string name = c["name"].get<std::string>();
        std::vector<std::vector<double>> storage;
        for (const auto& g : c["groups"]) {
            storage.push_back(nums(g));
        }
        std::vector<std::span<const double>> groups(storage.begin(), storage.end());
        expect_test(f_oneway(groups), c["expected"], name + " f_oneway");
        ++cases;
    }
    EXPECT_GE(cases, 15u);
    RecordProperty("anova_cases", static_cast<int>(cases));
}

TEST(GoldenHolm, AdjustedPValues) {
    const nlohmann::json fx = load_fixture("holm.json");
    for (const auto& c : fx["cases"]) {
        const std::string name = c["name"].get<std::string>();
        testing::set_context(name + " holm");
        const std::vector<double> p = nums(c["p"]);
        const std::vector<double> expected = nums(c["expected"]);
        const std::vector<double> adj = holm_adjust(p);
        ASSERT_EQ(adj.size(), expected.size()) << name;
        for (std::size_t i = 0; i < adj.size(); ++i) {
            MDP_EXPECT_GOLDEN(adj[i], expected[i], Kind::kPValue,
                              name + " holm[" + std::to_string(i) + "]");
        }
    }
}

TEST(GoldenWilcoxonPmf, MatchesScipyExactDistribution) {
    const nlohmann::json fx = load_fixture("wilcoxon_pmf.json");
    for (const auto& c : fx["cases"]) {
        const auto n = c["n"].get<std::size_t>();
        const std::vector<double> expected = nums(c["pmf"]);
        const std::vector<double> pmf = wilcoxon_signed_rank_pmf(n);
        ASSERT_EQ(pmf.size(), expected.size()) << "n=" << n;
        for (std::size_t i = 0; i < pmf.size(); ++i) {
            EXPECT_EQ(pmf[i], expected[i]) << "n=" << n << " r=" << i;  // exact dyadic values
        }
    }
}

}  // namespace
}  // namespace mdp::stats
