// Round axis steps (1, 2, 2.5, 5 x 10^k) and ranges that always contain 0.

#include "consolidate/axis_scale.h"

#include <gtest/gtest.h>

namespace mdp::consolidate {
namespace {

TEST(AxisScaleTest, StepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen) {
    EXPECT_DOUBLE_EQ(round_step(0.7), 1.0);
    EXPECT_DOUBLE_EQ(round_step(1.3), 2.0);
    EXPECT_DOUBLE_EQ(round_step(2.2), 2.5);
    EXPECT_DOUBLE_EQ(round_step(3), 5.0);
    EXPECT_DOUBLE_EQ(round_step(6), 10.0);
    EXPECT_DOUBLE_EQ(round_step(0.013), 0.02);
    EXPECT_DOUBLE_EQ(round_step(130), 200.0);
}

TEST(AxisScaleTest, RangeIsWidenedToWholeStepsAndContainsZero) {
    const AxisScale positive = round_axis(3, 47, 5);  // 0..47 -> step 10
    EXPECT_DOUBLE_EQ(positive.low, 0);
    EXPECT_DOUBLE_EQ(positive.high, 50);
    EXPECT_EQ(positive.ticks(), 5);
    const AxisScale both = round_axis(-7, 12, 6);
    EXPECT_LE(both.low, -7);
    EXPECT_GE(both.high, 12);
    EXPECT_DOUBLE_EQ(both.step, 5);
    const AxisScale flat = round_axis(0, 0, 5);
    EXPECT_LT(flat.low, 0);
    EXPECT_GT(flat.high, 0);
}

}  // namespace
}  // namespace mdp::consolidate
