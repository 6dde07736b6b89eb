#pragma once
// The statistical tables of SPEC 4, written from the collected difference samples and root-cause
// counts (column by column in docs/consolidation.md):
//   pooled_tests.csv            one row per difference metric over every set-A order;
//   per_security_tests.csv      the same per security (all its dates);
//   cross_security_anova.csv    scipy.stats.f_oneway per metric across the securities with
//                               n >= 2 present values;
//   cross_security_pairwise.csv Welch t (ttest_ind(equal_var=False)) for pairs of those
//                               securities (by default among the 50 with the most set-A
//                               orders: pairwise_rule.h), Holm-adjusted within each metric's
//                               family of pairs;
//   root_causes.csv             set-B root-cause counts per security and overall.
// Each is written to its CSV (and SQLite table, table_stream.h); every function returns what the
// HTML report shows of its table.

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzers/stats/result.h"
#include "consolidate/difference_samples.h"
#include "consolidate/metric_tests.h"
#include "consolidate/pairwise_rule.h"
#include "consolidate/table_stream.h"

namespace mdp::consolidate {

// The tables' files are named by their schemas (table_schemas.h); the report is not a table.
inline constexpr const char* kReportFile = "report.html";

// Index of exec_cost_arrival_diff_bps in analyzers::kComparedMetrics: the headline metric.
size_t headline_metric();

struct SecurityTestRow {
    SecurityCode security = 0;
    MetricTestRow test;
    size_t matched_sweeps = 0;  // set-A orders of the security, whether test.n counts them or not
};

struct AnovaRow {
    size_t securities = 0;  // groups in the test (n >= 2 each)
    size_t excluded = 0;    // securities with set-A orders but n < 2 for this metric
    size_t n = 0;
    stats::TestResult f;
};

// Root-cause counts: security -> cause -> count.
using RootCauseCounts = std::map<SecurityCode, std::map<std::string, int64_t>>;

// One row per metric, in SPEC 3.4 order.
std::vector<MetricTestRow> write_pooled_tests(const DifferenceSamples& samples,
                                              const TableTarget& target);
// Returns the headline metric's row of every security, with its number of set-A orders.
std::vector<SecurityTestRow> write_per_security_tests(const DifferenceSamples& samples,
                                                      const TableTarget& target);
// One row per metric, in SPEC 3.4 order.
std::vector<AnovaRow> write_cross_security_anova(const DifferenceSamples& samples,
                                                 const TableTarget& target);
// The securities whose pairs are compared: all, none, or the K with the most set-A orders
// (ties: the lower security code first).
std::set<SecurityCode> pairwise_securities(const DifferenceSamples& samples, const PairwiseRule& rule);
// Returns the number of pairs written: the pairs (in ascending security order) of the chosen
// securities that have n >= 2 values of the metric; Holm's family is those pairs, per metric.
size_t write_cross_security_pairwise(const DifferenceSamples& samples, const PairwiseRule& rule,
                                     const TableTarget& target);
// The known root causes in SPEC 3.7 rule order, then any other name found, alphabetically.
std::vector<std::string> root_cause_order(const RootCauseCounts& counts);
// Returns the overall counts in root_cause_order().
std::vector<std::pair<std::string, int64_t>> write_root_causes(const RootCauseCounts& counts,
                                                               const TableTarget& target);

}  // namespace mdp::consolidate
