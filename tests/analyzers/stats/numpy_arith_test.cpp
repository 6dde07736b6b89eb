// NumPy-order summation and BLAS norm kernels.

#include "analyzers/stats/numpy_arith.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace mdp::stats::detail {
namespace {

TEST(NumpyArith, MeanRoundsLikeNumpy) {
    // np.mean([0.1, 0.1, 0.1]) == 0.10000000000000002: sequential sum 0.30000000000000004 / 3.
    EXPECT_EQ(np_mean(std::vector<double>{0.1, 0.1, 0.1}), 0.30000000000000004 / 3.0);
    EXPECT_NE(np_mean(std::vector<double>{0.1, 0.1, 0.1}), 0.1);
    // Below 8 elements the sum is sequential: 1e16 + 1 loses the 1.
    EXPECT_EQ(np_sum(std::vector<double>{1e16, 1.0, -1e16}), 0.0);
    // From 8 elements on, eight partial sums combined pairwise: ((1e16 + 1) + (-1e16 + 1))
    // rounds both inner sums to +-1e16 and gives 0 (a sequential sum would give 1).
    const std::vector<double> x{1e16, 1.0, -1e16, 1.0, 0.0, 0.0, 0.0, 0.0};
    EXPECT_EQ(np_sum(x), 0.0);
}

TEST(NumpyArith, Nrm2AvoidsOverflowAndUnderflow) {
    EXPECT_EQ(blas_nrm2(std::vector<double>{3.0, 4.0}), 5.0);
    EXPECT_DOUBLE_EQ(blas_nrm2(std::vector<double>{3e200, 4e200}), 5e200);
    EXPECT_DOUBLE_EQ(blas_nrm2(std::vector<double>{3e-200, 4e-200}), 5e-200);
    EXPECT_EQ(blas_nrm2(std::vector<double>{}), 0.0);
}

TEST(NumpyArith, Variances) {
    const std::vector<double> x{1.0, 2.0, 3.0, 4.0};
    EXPECT_DOUBLE_EQ(scipy_var_ddof1(x), 5.0 / 3.0);
    EXPECT_DOUBLE_EQ(numpy_var_ddof1(x), 5.0 / 3.0);
    EXPECT_TRUE(std::isnan(scipy_var_ddof1(std::vector<double>{1.0})));
}

}  // namespace
}  // namespace mdp::stats::detail
