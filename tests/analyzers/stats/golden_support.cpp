#include "analyzers/stats/golden_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <stdexcept>

namespace mdp::stats::testing {
namespace {

std::string& context() {
    static std::string where;
    return where;
}

// Prints the totals once every test has run.
class TotalsReporter : public ::testing::Environment {
  public:
    void TearDown() override {
        const Totals& t = totals();
        std::cout << "[golden] p-values compared: " << t.p_values
                  << ", worst relative error: " << std::setprecision(3) << t.worst_p_rel
                  << (t.worst_p_where.empty() ? "" : " (" + t.worst_p_where + ")") << "\n"
                  << "[golden] other statistics compared: " << t.others
                  << ", worst relative error: " << t.worst_other_rel
                  << (t.worst_other_where.empty() ? "" : " (" + t.worst_other_where + ")")
                  << std::endl;
    }
};

[[maybe_unused]] ::testing::Environment* const kReporter =
    ::testing::AddGlobalTestEnvironment(new TotalsReporter);

}  // namespace

nlohmann::json load_fixture(const std::string& name) {
    const std::string path =
        std::string(MDP_SOURCE_DIR) + "/tests/analyzers/stats/fixtures/" + name;
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot open fixture " + path);
    }
    return nlohmann::json::parse(in);
}

double num(const nlohmann::json& v) {
    if (v.is_number()) {
        return v.get<double>();
    }
    const std::string s = v.get<std::string>();
    if (s == "nan") {
        return std::numeric_limits<double>::quiet_NaN();
    }
    if (s == "inf") {
        return std::numeric_limits<double>::infinity();
    }
    if (s == "-inf") {
        return -std::numeric_limits<double>::infinity();
    }
    throw std::runtime_error("bad fixture number: " + s);
}

std::vector<double> nums(const nlohmann::json& v) {
    std::vector<double> out;
    out.reserve(v.size());
    for (const auto& e : v) {
        out.push_back(num(e));
    }
    return out;
}

double relative_error(double actual, double expected) {
    if (std::isnan(actual) || std::isnan(expected)) {
        return std::isnan(actual) && std::isnan(expected) ? 0.0
                                                          : std::numeric_limits<double>::infinity();
    }
    if (actual == expected) {
        return 0.0;
    }
    if (std::isinf(actual) || std::isinf(expected) || expected == 0.0) {
        return std::numeric_limits<double>::infinity();
    }
    return std::fabs(actual - expected) / std::fabs(expected);
}

bool agrees(double actual, double expected) {
    if (relative_error(actual, expected) <= kRelTol) {
        return true;
    }
    return std::isfinite(actual) && std::isfinite(expected) &&
           std::fabs(expected) < kTinyThreshold && std::fabs(actual - expected) <= kAbsTolTiny;
}

bool check(double actual, double expected, Kind kind) {
    Totals& t = totals();
    const double rel = relative_error(actual, expected);
    const bool tiny_ok = agrees(actual, expected) && rel > kRelTol;  // absolute rule applied
    const double counted = tiny_ok ? 0.0 : rel;
    if (kind == Kind::kPValue) {
        ++t.p_values;
        if (counted > t.worst_p_rel) {
            t.worst_p_rel = counted;
            t.worst_p_where = context();
        }
    } else {
        ++t.others;
        if (counted > t.worst_other_rel) {
            t.worst_other_rel = counted;
            t.worst_other_where = context();
        }
    }
    return agrees(actual, expected);
}

Totals& totals() {
    static Totals t;
    return t;
}

void set_context(const std::string& where) { context() = where; }

}  // namespace mdp::stats::testing
