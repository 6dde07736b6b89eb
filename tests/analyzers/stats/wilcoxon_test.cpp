// Wilcoxon signed-rank building blocks: the exact null distribution and the method switch.

#include "analyzers/stats/wilcoxon.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace mdp::stats {
namespace {

TEST(Wilcoxon, ExactPmfSmallN) {
    // Subset sums of {1, 2, 3}: 0,1,2,3,3,4,5,6.
    const std::vector<double> pmf = wilcoxon_signed_rank_pmf(3);
    EXPECT_EQ(pmf,
              (std::vector<double>{1 / 8.0, 1 / 8.0, 1 / 8.0, 2 / 8.0, 1 / 8.0, 1 / 8.0, 1 / 8.0}));
    const std::vector<double> big = wilcoxon_signed_rank_pmf(50);
    EXPECT_EQ(big.size(), 50u * 51u / 2u + 1u);
    EXPECT_EQ(std::accumulate(big.begin(), big.end(), 0.0), 1.0);
    EXPECT_EQ(big[0], std::ldexp(1.0, -50));
    EXPECT_EQ(big[3], 2 * std::ldexp(1.0, -50));  // {3}, {1,2}
}

TEST(Wilcoxon, AllPositiveExact) {
    std::vector<double> d(10);
    std::iota(d.begin(), d.end(), 1.0);
    const WilcoxonResult r = wilcoxon(d);
    EXPECT_TRUE(r.exact);
    EXPECT_EQ(r.statistic, 0.0);
    EXPECT_EQ(r.p_value, 2.0 / 1024.0);
}

TEST(Wilcoxon, ZerosSwitchToApproximationAndAllZeroIsNan) {
    std::vector<double> d{0.0, 1.0, -2.0, 3.0, 4.0, 5.0, 6.0, -7.0, 8.0, 9.0, 10.0};
    const WilcoxonResult r = wilcoxon(d);
    EXPECT_FALSE(r.exact);
    EXPECT_EQ(r.n_used, 10u);
    EXPECT_EQ(r.statistic, 9.0);  // ranks of -2 and -7 among 1..10
    const std::vector<double> zeros(12, 0.0);
    const WilcoxonResult z = wilcoxon(zeros);
    EXPECT_TRUE(std::isnan(z.statistic));
    EXPECT_TRUE(std::isnan(z.p_value));
    std::vector<double> d51(51);
    std::iota(d51.begin(), d51.end(), 1.0);
    EXPECT_FALSE(wilcoxon(d51).exact);
    d51.pop_back();
    EXPECT_TRUE(wilcoxon(d51).exact);
}

TEST(Wilcoxon, LengthMismatchThrows) {
    const std::vector<double> a{1.0, 2.0};
    const std::vector<double> b{1.0};
    EXPECT_THROW(wilcoxon(a, b), std::invalid_argument);
}

}  // namespace
}  // namespace mdp::stats
