// The saving's distribution: NumPy-style quantiles, a histogram whose bins have round widths,
// 0 as an edge, every order counted once (in a bin or in a tail), and nothing for no orders.

#include "consolidate/saving_distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace mdp::consolidate {
namespace {

size_t counted(const SavingDistribution& d) {
    size_t n = d.below_bins + d.above_bins;
    for (const auto& b : d.bins) n += b.count;
    return n;
}

TEST(SavingDistributionTest, QuantilesAreNumPysLinearOnesAndTheMeanIsThePlainMean) {
    // np.quantile([-3, -1, 0, 2, 4, 10], [0, .01, .05, .1, .25, .5, .75, .9, .95, .99, 1])
    const SavingDistribution d = describe_saving_distribution({4, -1, 10, 0, -3, 2});
    ASSERT_EQ(d.quantiles.size(), std::size(kSavingPercentiles));
    const double expected[] = {-3, -2.9, -2.5, -2, -0.75, 1, 3.5, 7, 8.5, 9.7, 10};
    for (size_t i = 0; i < d.quantiles.size(); ++i) {
        EXPECT_NEAR(d.quantiles[i].value, expected[i], 1e-12) << d.quantiles[i].percent;
    }
    EXPECT_DOUBLE_EQ(d.mean, 2.0);
    EXPECT_EQ(d.n, 6U);
    EXPECT_EQ(d.dark_cheaper, 3U);
    EXPECT_EQ(d.real_cheaper, 2U);
}

TEST(SavingDistributionTest, BinsHaveARoundWidthZeroIsAnEdgeAndEveryOrderIsCountedOnce) {
    std::vector<double> savings;
    for (int i = 0; i < 1000; ++i) savings.push_back(-7.3 + 0.0191 * i);  // -7.3 .. 11.78
    savings.push_back(-400);  // far tails: outside the 1st..99th percentile span
    savings.push_back(900);
    const SavingDistribution d = describe_saving_distribution(savings);
    ASSERT_FALSE(d.bins.empty());
    EXPECT_EQ(counted(d), savings.size());
    EXPECT_GE(d.below_bins, 1U);
    EXPECT_GE(d.above_bins, 1U);
    const double width = d.bins[0].upper - d.bins[0].lower;
    EXPECT_EQ(width, 1.0);  // (~19 bps span) / 24 = 0.79 -> 1
    bool zero_is_an_edge = false;
    for (const auto& b : d.bins) {
        EXPECT_NEAR(b.upper - b.lower, width, 1e-9);
        EXPECT_TRUE(b.upper <= 0 || b.lower >= -1e-12) << "a bin straddles 0: " << b.lower;
        zero_is_an_edge |= std::abs(b.lower) < 1e-12;
    }
    EXPECT_TRUE(zero_is_an_edge);
}

TEST(SavingDistributionTest, IdenticalSavingsMakeOneBinAndNoOrdersMakeNothing) {
    const SavingDistribution same = describe_saving_distribution({2.5, 2.5, 2.5});
    EXPECT_EQ(counted(same), 3U);
    EXPECT_EQ(same.quantiles.front().value, 2.5);
    const SavingDistribution none = describe_saving_distribution({});
    EXPECT_EQ(none.n, 0U);
    EXPECT_TRUE(none.bins.empty());
    EXPECT_TRUE(none.quantiles.empty());
    EXPECT_TRUE(std::isnan(none.mean));
}

}  // namespace
}  // namespace mdp::consolidate
