#include "consolidate/consolidated_tables.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <span>
#include <string_view>

#include "analyzers/stats/anova.h"
#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/minimum_n.h"
#include "analyzers/stats/multiple_testing.h"
#include "analyzers/stats/t_tests.h"
#include "analyzers/unmatched_analysis.h"
#include "consolidate/table_stream.h"

namespace mdp::consolidate {

namespace fs = std::filesystem;
using analyzers::kComparedMetrics;

namespace {

void test_cells(TableRow& out, const MetricTestRow& row) {
    out.integer(static_cast<int64_t>(row.n))
        .number(row.mean)
        .number(row.median)
        .number(row.sd)
        .number(row.cohens_d)
        .number(row.t_statistic)
        .number(row.p_value)
        .number(row.ci_lower)
        .number(row.ci_upper)
        .integer(row.dark_better_count)
        .number(row.dark_better_pct);
}

// The securities of one metric that enter the cross-security tests (n >= 2).
std::vector<SecuritySample> testable(std::vector<SecuritySample> all, size_t* excluded) {
    std::vector<SecuritySample> kept;
    size_t dropped = 0;
    for (auto& sample : all) {
        if (sample.values.size() >= stats::kMinPerGroupAnova) {
            kept.push_back(std::move(sample));
        } else {
            ++dropped;
        }
    }
    if (excluded != nullptr) *excluded = dropped;
    return kept;
}

}  // namespace

size_t headline_metric() {
    for (size_t m = 0; m < kComparedMetrics.size(); ++m) {
        if (kComparedMetrics[m].difference_name == "exec_cost_arrival_diff_bps") return m;
    }
    return 0;
}

std::vector<MetricTestRow> write_pooled_tests(const DifferenceSamples& samples,
                                              const TableTarget& target) {
    TableStream out(target, pooled_tests_schema());
    std::vector<MetricTestRow> rows;
    for (size_t m = 0; m < kComparedMetrics.size(); ++m) {
        const std::vector<double> values = samples.pooled(m);
        rows.push_back(test_metric(values, kComparedMetrics[m].direction));
        out.row().text(kComparedMetrics[m].difference_name);
        test_cells(out.row(), rows.back());
        out.end_row();
    }
    out.close();
    return rows;
}

std::vector<SecurityTestRow> write_per_security_tests(const DifferenceSamples& samples,
                                                      const TableTarget& target) {
    TableStream out(target, per_security_tests_schema());
    // Metric-major computation, security-major rows: the tests of one metric are kept (a few
    // numbers per security) until every metric is done.
    std::vector<std::vector<SecurityTestRow>> per_metric(kComparedMetrics.size());
    for (size_t m = 0; m < kComparedMetrics.size(); ++m) {
        for (const SecuritySample& sample : samples.by_security(m)) {
            per_metric[m].push_back(
                {sample.security, test_metric(sample.values, kComparedMetrics[m].direction)});
        }
    }
    const size_t securities = per_metric.empty() ? 0 : per_metric[0].size();
    for (size_t s = 0; s < securities; ++s) {
        for (size_t m = 0; m < kComparedMetrics.size(); ++m) {
            const SecurityTestRow& row = per_metric[m][s];
            out.row()
                .integer(static_cast<int64_t>(row.security))
                .text(kComparedMetrics[m].difference_name);
            test_cells(out.row(), row.test);
            out.end_row();
        }
    }
    out.close();
    std::vector<SecurityTestRow> headline = per_metric[headline_metric()];
    const std::map<SecurityCode, size_t> matched = samples.orders_by_security();
    for (SecurityTestRow& row : headline) row.matched_sweeps = matched.at(row.security);
    return headline;
}

std::vector<AnovaRow> write_cross_security_anova(const DifferenceSamples& samples,
                                                 const TableTarget& target) {
    TableStream out(target, cross_security_anova_schema());
    std::vector<AnovaRow> rows;
    for (size_t m = 0; m < kComparedMetrics.size(); ++m) {
        AnovaRow row;
        const std::vector<SecuritySample> groups = testable(samples.by_security(m), &row.excluded);
        std::vector<std::span<const double>> spans;
        for (const auto& g : groups) {
            spans.emplace_back(g.values);
            row.n += g.values.size();
        }
        row.securities = groups.size();
        if (groups.size() >= 2) row.f = stats::f_oneway(spans);
        rows.push_back(row);
        out.row()
            .text(kComparedMetrics[m].difference_name)
            .integer(static_cast<int64_t>(row.securities))
            .integer(static_cast<int64_t>(row.excluded))
            .integer(static_cast<int64_t>(row.n));
        if (row.securities >= 2) {
            out.row().integer(static_cast<int64_t>(row.securities - 1));
        } else {
            out.row().empty();
        }
        out.row().number(row.f.statistic).number(row.f.p_value);
        out.end_row();
    }
    out.close();
    return rows;
}

std::set<SecurityCode> pairwise_securities(const DifferenceSamples& samples, const PairwiseRule& rule) {
    std::vector<std::pair<size_t, SecurityCode>> ranked;  // most set-A orders first, then lowest code
    for (const auto& [security, n] : samples.orders_by_security()) ranked.emplace_back(n, security);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    const size_t keep = rule.kind == PairwiseRule::Kind::kAll  ? ranked.size()
                        : rule.kind == PairwiseRule::Kind::kNone ? 0
                                                                 : std::min(rule.top, ranked.size());
    std::set<SecurityCode> chosen;
    for (size_t i = 0; i < keep; ++i) chosen.insert(ranked[i].second);
    return chosen;
}

size_t write_cross_security_pairwise(const DifferenceSamples& samples, const PairwiseRule& rule,
                                     const TableTarget& target) {
    TableStream out(target, cross_security_pairwise_schema());
    const std::set<SecurityCode> chosen = pairwise_securities(samples, rule);
    size_t written = 0;
    for (size_t m = 0; m < kComparedMetrics.size(); ++m) {
        std::vector<SecuritySample> groups = testable(samples.by_security(m), nullptr);
        std::erase_if(groups, [&](const SecuritySample& g) { return !chosen.contains(g.security); });
        std::vector<double> means;
        for (const auto& g : groups) means.push_back(stats::mean(g.values));
        std::vector<stats::TestResult> tests;
        std::vector<double> p_values;
        for (size_t a = 0; a < groups.size(); ++a) {
            for (size_t b = a + 1; b < groups.size(); ++b) {
                tests.push_back(stats::ttest_ind_welch(groups[a].values, groups[b].values));
                p_values.push_back(tests.back().p_value);
            }
            target.throw_if_stopped();
        }
        const std::vector<double> holm = stats::holm_adjust(p_values);
        size_t i = 0;
        for (size_t a = 0; a < groups.size(); ++a) {
            for (size_t b = a + 1; b < groups.size(); ++b, ++i) {
                out.row()
                    .text(kComparedMetrics[m].difference_name)
                    .integer(static_cast<int64_t>(groups[a].security))
                    .integer(static_cast<int64_t>(groups[b].security))
                    .integer(static_cast<int64_t>(groups[a].values.size()))
                    .integer(static_cast<int64_t>(groups[b].values.size()))
                    .number(means[a])
                    .number(means[b])
                    .number(means[a] - means[b])
                    .number(tests[i].statistic)
                    .number(tests[i].p_value)
                    .number(holm[i]);
                if (std::isnan(holm[i])) {
                    out.row().empty();
                } else {
                    out.row().boolean(holm[i] < 0.05);
                }
                out.end_row();
                ++written;
            }
        }
    }
    out.close();
    return written;
}

std::vector<std::string> root_cause_order(const RootCauseCounts& counts) {
    std::vector<std::string> order;
    for (const auto cause : analyzers::kRootCauses) order.emplace_back(analyzers::to_string(cause));
    std::set<std::string> others;
    for (const auto& [security, causes] : counts) {
        for (const auto& [cause, n] : causes) {
            if (std::find(order.begin(), order.end(), cause) == order.end()) others.insert(cause);
        }
    }
    order.insert(order.end(), others.begin(), others.end());
    return order;
}

std::vector<std::pair<std::string, int64_t>> write_root_causes(const RootCauseCounts& counts,
                                                               const TableTarget& target) {
    TableStream out(target, root_causes_schema());
    const std::vector<std::string> order = root_cause_order(counts);
    std::map<std::string, int64_t> overall;
    auto rows = [&](std::string_view scope, std::optional<SecurityCode> security,
                    const std::map<std::string, int64_t>& causes) {
        int64_t total = 0;
        for (const auto& [cause, n] : causes) total += n;
        for (const std::string& cause : order) {
            const auto it = causes.find(cause);
            const int64_t n = it == causes.end() ? 0 : it->second;
            out.row().text(scope);
            if (security) {
                out.row().integer(static_cast<int64_t>(*security));
            } else {
                out.row().empty();
            }
            out.row().text(cause).integer(n).number(
                total > 0 ? static_cast<double>(n) / static_cast<double>(total) * 100.0
                          : stats::kNaN);
            out.end_row();
        }
    };
    for (const auto& [security, causes] : counts) {
        for (const auto& [cause, n] : causes) overall[cause] += n;
        rows("security", security, causes);
    }
    rows("overall", std::nullopt, overall);
    out.close();
    std::vector<std::pair<std::string, int64_t>> result;
    for (const std::string& cause : order) {
        const auto it = overall.find(cause);
        result.emplace_back(cause, it == overall.end() ? 0 : it->second);
    }
    return result;
}

}  // namespace mdp::consolidate
