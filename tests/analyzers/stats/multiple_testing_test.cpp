// Holm step-down adjustment on hand-computed examples.

#include "analyzers/stats/multiple_testing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace mdp::stats {
namespace {

TEST(Holm, HandExample) {
    // Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> max 0.06.
    const std::vector<double> p{0.01, 0.04, 0.03, 0.005};
    const std::vector<double> adj = holm_adjust(p);
    ASSERT_EQ(adj.size(), 4u);
    EXPECT_DOUBLE_EQ(adj[0], 0.03);
    EXPECT_DOUBLE_EQ(adj[1], 0.06);  // monotone: not 0.04
    EXPECT_DOUBLE_EQ(adj[2], 0.06);
    EXPECT_DOUBLE_EQ(adj[3], 0.02);
}

TEST(Holm, CappedAtOneAndNanLeftOut) {
    const std::vector<double> adj = holm_adjust(std::vector<double>{0.4, 0.9, NAN});
    EXPECT_DOUBLE_EQ(adj[0], 0.8);  // m = 2: NaN is not in the family
    EXPECT_DOUBLE_EQ(adj[1], 0.9);  // 0.9 * 1, above the running max 0.8
    EXPECT_TRUE(std::isnan(adj[2]));
    const std::vector<double> capped = holm_adjust(std::vector<double>{0.6, 0.7});
    EXPECT_EQ(capped[0], 1.0);
    EXPECT_EQ(capped[1], 1.0);
    EXPECT_TRUE(holm_adjust(std::vector<double>{}).empty());
}

}  // namespace
}  // namespace mdp::stats
