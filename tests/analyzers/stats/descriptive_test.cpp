// Building blocks of mdp::stats descriptive statistics on hand-computed examples.

#include "analyzers/stats/descriptive.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace mdp::stats {
namespace {

TEST(Descriptive, QuantileUsesNumpyLinearInterpolation) {
    const std::vector<double> x{4.0, 1.0, 3.0, 2.0};
    EXPECT_DOUBLE_EQ(quantile(x, 0.0), 1.0);
    EXPECT_DOUBLE_EQ(quantile(x, 0.25), 1.75);  // index 0.75 between 1 and 2
    EXPECT_DOUBLE_EQ(quantile(x, 0.5), 2.5);
    EXPECT_DOUBLE_EQ(quantile(x, 0.9), 3.7);  // index 2.7: b - (b - a) * 0.3
    EXPECT_DOUBLE_EQ(quantile(x, 1.0), 4.0);
    const std::vector<double> five{1.0, 2.0, 3.0, 4.0, 5.0};
    EXPECT_DOUBLE_EQ(quantile(five, 0.1), 1.4);
    EXPECT_DOUBLE_EQ(quantile(five, 0.75), 4.0);
    const std::vector<double> one{10.0};
    EXPECT_EQ(quantile(one, 0.3), 10.0);
    EXPECT_TRUE(std::isnan(quantile(five, 1.5)));
    EXPECT_TRUE(std::isnan(quantile(std::vector<double>{}, 0.5)));
    const std::vector<double> qs{0.1, 0.5, 0.9};
    EXPECT_EQ(quantiles(five, qs), (std::vector<double>{1.4, 3.0, 4.6}));
}

TEST(Descriptive, MedianMeanStdMinMax) {
    const std::vector<double> x{2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0};
    EXPECT_DOUBLE_EQ(mean(x), 5.0);
    EXPECT_DOUBLE_EQ(median(x), 4.5);
    EXPECT_DOUBLE_EQ(sample_std(x), std::sqrt(32.0 / 7.0));
    EXPECT_EQ(min(x), 2.0);
    EXPECT_EQ(max(x), 9.0);
    EXPECT_EQ(median(std::vector<double>{3.0, 1.0, 2.0}), 2.0);
    EXPECT_TRUE(std::isnan(sample_std(std::vector<double>{1.0})));
    EXPECT_TRUE(std::isnan(mean(std::vector<double>{})));
    const std::vector<double> with_nan{1.0, NAN, 2.0};
    EXPECT_TRUE(std::isnan(mean(with_nan)));
    EXPECT_TRUE(std::isnan(median(with_nan)));
    EXPECT_TRUE(std::isnan(max(with_nan)));
}

TEST(Descriptive, RanksAverageTies) {
    const std::vector<double> x{10.0, 20.0, 10.0, 30.0, 20.0, 20.0};
    EXPECT_EQ(rank_average(x), (std::vector<double>{1.5, 4.0, 1.5, 6.0, 4.0, 4.0}));
    EXPECT_EQ(rank_average(std::vector<double>{3.0, -1.0, 2.0}),
              (std::vector<double>{3.0, 1.0, 2.0}));
    EXPECT_EQ(rank_average(std::vector<double>{7.0, 7.0, 7.0}),
              (std::vector<double>{2.0, 2.0, 2.0}));
    EXPECT_TRUE(rank_average(std::vector<double>{}).empty());
    const auto r = rank_average(std::vector<double>{1.0, NAN});
    EXPECT_TRUE(std::isnan(r[0]) && std::isnan(r[1]));
}

}  // namespace
}  // namespace mdp::stats
