#pragma once
// Support for the golden tests of mdp_stats: loads the SciPy fixtures written by
// scripts/golden/generate_stats_fixtures.py and compares values with the SPEC 3.5 tolerance
// (1e-9 relative; 1e-12 absolute when the expected value is below 1e-300), NaN matching NaN
// and infinities matching by sign. Keeps a running count of the comparisons and the worst
// relative error, reported at the end of the test run.

#include <iomanip>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mdp::stats::testing {

inline constexpr double kRelTol = 1e-9;
inline constexpr double kAbsTolTiny = 1e-12;
inline constexpr double kTinyThreshold = 1e-300;

// Loads tests/analyzers/stats/fixtures/<name>.
nlohmann::json load_fixture(const std::string& name);

// A fixture number: JSON number, or "nan" / "inf" / "-inf".
double num(const nlohmann::json& v);
std::vector<double> nums(const nlohmann::json& v);

// Whether actual agrees with expected under the tolerance above.
bool agrees(double actual, double expected);

// Relative error |a - e| / |e| (0 when both are equal, including equal infinities or NaNs).
double relative_error(double actual, double expected);

enum class Kind { kPValue, kOther };

// Records one comparison (for the totals) and returns whether it agrees.
bool check(double actual, double expected, Kind kind);

struct Totals {
    long p_values = 0;
    long others = 0;
    double worst_p_rel = 0.0;
    double worst_other_rel = 0.0;
    std::string worst_p_where;
    std::string worst_other_where;
};
Totals& totals();
void set_context(const std::string& where);

}  // namespace mdp::stats::testing

// EXPECT that `actual` agrees with the fixture value `expected` (a double), naming the case.
#define MDP_EXPECT_GOLDEN(actual, expected, kind, what)                               \
    EXPECT_TRUE(::mdp::stats::testing::check((actual), (expected), (kind)))           \
        << (what) << ": actual " << std::setprecision(17) << (actual) << " expected " \
        << (expected) << " rel.err "                                                  \
        << ::mdp::stats::testing::relative_error((actual), (expected))
