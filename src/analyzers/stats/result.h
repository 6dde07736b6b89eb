#pragma once
// Result types shared by the mdp::stats tests: a statistic with its two-sided p-value, and a
// confidence interval. NaN marks a value SciPy 1.10 reports as nan (or refuses to compute).

#include <limits>

namespace mdp::stats {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A test statistic and its two-sided p-value. Both NaN when the test is undefined.
struct TestResult {
    double statistic = kNaN;
    double p_value = kNaN;
};

// A two-sided confidence interval. Both bounds NaN when undefined.
struct ConfidenceInterval {
    double lower = kNaN;
    double upper = kNaN;
};

}  // namespace mdp::stats
