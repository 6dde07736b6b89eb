// One-way ANOVA: the two-group identity F = t^2 and SciPy's constant-group conventions.

#include "analyzers/stats/anova.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "analyzers/stats/t_tests.h"

namespace mdp::stats {
namespace {

TestResult anova(const std::vector<std::vector<double>>& data) {
    std::vector<std::span<const double>> groups(data.begin(), data.end());
    return f_oneway(groups);
}

TEST(Anova, TwoGroupsEqualStudentTSquared) {
    const std::vector<double> a{1.0, 2.0, 3.0};
    const std::vector<double> b{4.0, 5.0, 6.0, 8.0};
    const TestResult f = anova({a, b});
    const TestResult t = ttest_ind_student(a, b);
    EXPECT_NEAR(f.statistic, t.statistic * t.statistic, 1e-12);
    EXPECT_NEAR(f.p_value, t.p_value, 1e-14);
    EXPECT_NEAR(anova({{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}}).statistic, 13.5, 1e-12);
}

TEST(Anova, DegenerateLayouts) {
    const TestResult same = anova({{3.0, 3.0}, {3.0, 3.0, 3.0}});
    EXPECT_TRUE(std::isnan(same.statistic) && std::isnan(same.p_value));
    const TestResult different = anova({{3.0, 3.0}, {4.0, 4.0, 4.0}});
    EXPECT_EQ(different.statistic, std::numeric_limits<double>::infinity());
    EXPECT_EQ(different.p_value, 0.0);
    EXPECT_TRUE(std::isnan(anova({{1.0}, {2.0}}).p_value));
    EXPECT_TRUE(std::isnan(anova({{1.0, 2.0}, {}}).p_value));
    EXPECT_TRUE(std::isnan(anova({{1.0, 2.0}}).p_value));
}

}  // namespace
}  // namespace mdp::stats
