// t tests: hand examples and SciPy's zero-variance conventions.

#include "analyzers/stats/t_tests.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace mdp::stats {
namespace {

TEST(TTests, OneSampleHandExample) {
    const std::vector<double> x{1.0, 2.0, 3.0, 4.0, 5.0};
    const TestResult zero = ttest_1samp(x, 3.0);
    EXPECT_EQ(zero.statistic, 0.0);
    EXPECT_EQ(zero.p_value, 1.0);
    // mean 3, sd sqrt(2.5), se = sqrt(0.5): t = 3 / sqrt(0.5).
    const TestResult r = ttest_1samp(x, 0.0);
    EXPECT_NEAR(r.statistic, 3.0 / std::sqrt(0.5), 1e-12);
    EXPECT_NEAR(r.p_value, 0.013235599563682695, 1e-14);  // SciPy: 2 * P(T_4 > 4.2426)
}

TEST(TTests, ZeroVarianceFollowsScipy) {
    const std::vector<double> a{3.0, 4.0, 5.0};
    const std::vector<double> b{1.0, 2.0, 3.0};
    const TestResult inf = ttest_rel(a, b);
    EXPECT_EQ(inf.statistic, std::numeric_limits<double>::infinity());
    EXPECT_EQ(inf.p_value, 0.0);
    const TestResult nan = ttest_rel(a, a);
    EXPECT_TRUE(std::isnan(nan.statistic));
    EXPECT_TRUE(std::isnan(nan.p_value));
    const std::vector<double> one{1.0};
    EXPECT_TRUE(std::isnan(ttest_1samp(one).p_value));
    EXPECT_THROW(ttest_rel(a, one), std::invalid_argument);
}

TEST(TTests, TwoSampleStudentAndWelch) {
    const std::vector<double> a{1.0, 2.0, 3.0};
    const std::vector<double> b{4.0, 5.0, 6.0};
    // Equal variances and sizes: Student and Welch agree, t = -3 / sqrt(2/3), df = 4.
    const TestResult s = ttest_ind_student(a, b);
    const TestResult w = ttest_ind_welch(a, b);
    EXPECT_NEAR(s.statistic, -3.0 / std::sqrt(2.0 / 3.0), 1e-12);
    EXPECT_NEAR(w.statistic, s.statistic, 1e-12);
    EXPECT_NEAR(w.p_value, s.p_value, 1e-12);
    const std::vector<double> c1{2.0, 2.0};
    const std::vector<double> c2{3.0, 3.0, 3.0};
    EXPECT_EQ(ttest_ind_welch(c1, c2).statistic, -std::numeric_limits<double>::infinity());
    EXPECT_EQ(ttest_ind_welch(c1, c2).p_value, 0.0);
    EXPECT_TRUE(std::isnan(ttest_ind_student(std::vector<double>{1.0}, b).p_value));
}

}  // namespace
}  // namespace mdp::stats
