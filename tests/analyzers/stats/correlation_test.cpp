// Pearson and Spearman edge cases.

#include "analyzers/stats/correlation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace mdp::stats {
namespace {

TEST(Correlation, PearsonEdgeCases) {
    const TestResult two = pearsonr(std::vector<double>{1.0, 2.0}, std::vector<double>{3.0, 1.0});
    EXPECT_EQ(two.statistic, -1.0);
    EXPECT_EQ(two.p_value, 1.0);
    const TestResult constant =
        pearsonr(std::vector<double>{2.0, 2.0, 2.0}, std::vector<double>{1.0, 2.0, 3.0});
    EXPECT_TRUE(std::isnan(constant.statistic));
    EXPECT_TRUE(std::isnan(constant.p_value));
    EXPECT_TRUE(std::isnan(pearsonr(std::vector<double>{1.0}, std::vector<double>{1.0}).p_value));
    const TestResult line =
        pearsonr(std::vector<double>{1.0, 2.0, 3.0, 4.0}, std::vector<double>{2.0, 4.0, 6.0, 8.0});
    EXPECT_NEAR(line.statistic, 1.0, 1e-15);
    EXPECT_LT(line.p_value, 1e-7);
}

TEST(Correlation, PearsonMatchesHandValue) {
    // r = 0.8 for these data; t = r sqrt(3) / 0.6, p = 2 P(T_3 > 2.3094) = 0.104088...
    const TestResult r = pearsonr(std::vector<double>{1.0, 2.0, 3.0, 4.0, 5.0},
                                  std::vector<double>{1.0, 3.0, 2.0, 5.0, 4.0});
    EXPECT_NEAR(r.statistic, 0.8, 1e-15);
    EXPECT_NEAR(r.p_value, 0.10408803866182785, 1e-14);
}

TEST(Correlation, SpearmanPerfectAndDegenerate) {
    const TestResult perfect =
        spearmanr(std::vector<double>{1.0, 2.0, 3.0}, std::vector<double>{10.0, 20.0, 35.0});
    EXPECT_EQ(perfect.statistic, 1.0);
    EXPECT_EQ(perfect.p_value, 0.0);
    const TestResult two = spearmanr(std::vector<double>{1.0, 2.0}, std::vector<double>{3.0, 4.0});
    EXPECT_NEAR(two.statistic, 1.0, 1e-15);
    EXPECT_TRUE(std::isnan(two.p_value));  // df = 0
    const TestResult ties =
        spearmanr(std::vector<double>{1.0, 1.0, 2.0, 3.0}, std::vector<double>{1.0, 2.0, 2.0, 3.0});
    EXPECT_NEAR(ties.statistic, 5.0 / 6.0, 1e-15);  // ranks 1.5,1.5,3,4 vs 1,2.5,2.5,4
}

}  // namespace
}  // namespace mdp::stats
