// Confidence interval of a mean and Cohen's d_z.

#include "analyzers/stats/confidence.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace mdp::stats {
namespace {

TEST(Confidence, MeanIntervalHandExample) {
    // mean 2, sd 1, n 3: 2 +- t(0.975, 2) / sqrt(3), t(0.975, 2) = 4.302652729749464.
    const ConfidenceInterval ci = mean_confidence_interval(std::vector<double>{1.0, 2.0, 3.0});
    const double half = 4.302652729749464 / std::sqrt(3.0);
    EXPECT_NEAR(ci.lower, 2.0 - half, 1e-13);
    EXPECT_NEAR(ci.upper, 2.0 + half, 1e-13);
    const ConfidenceInterval flat = mean_confidence_interval(std::vector<double>{4.0, 4.0});
    EXPECT_EQ(flat.lower, 4.0);
    EXPECT_EQ(flat.upper, 4.0);
    EXPECT_TRUE(std::isnan(mean_confidence_interval(std::vector<double>{1.0}).lower));
}

TEST(Confidence, CohensDz) {
    EXPECT_DOUBLE_EQ(cohens_dz(std::vector<double>{1.0, 2.0, 3.0}), 2.0);
    EXPECT_TRUE(std::isnan(cohens_dz(std::vector<double>{2.0, 2.0})));
    EXPECT_TRUE(std::isnan(cohens_dz(std::vector<double>{2.0})));
}

}  // namespace
}  // namespace mdp::stats
