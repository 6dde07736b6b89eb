#pragma once
// The "saving by security" section of report.html: a forest plot of each security's mean saving
// (exec_cost_arrival_diff_bps) with its 95% confidence interval, and a sortable table. Both
// come ordered by sample size (matched sweeps, most first; ties: more savings defined, then the
// lower security code), the order in which estimates become trustworthy and the one the pairwise
// table uses to choose its securities; a reader re-sorts the table by any column.

#include <string>
#include <vector>

#include "consolidate/report_data.h"

namespace mdp::consolidate {

// Securities drawn in the forest plot at most (the first by sample size); the table lists up to
// kReportSecurityRows.
inline constexpr size_t kForestPlotSecurities = 40;
inline constexpr size_t kReportSecurityRows = 200;

// `rows` in report order: by matched sweeps (descending), then n, then security.
std::vector<SecurityTestRow> securities_by_sample_size(std::vector<SecurityTestRow> rows);

// What a mean difference's 95% CI says, in words and with the palette's class: "dark cheaper"
// (good), "lit cheaper" (bad), "no clear difference", or "too few orders" below n = 2.
struct Verdict {
    const char* text;
    const char* css_class;  // "good", "bad" or "none"
};
Verdict saving_verdict(const MetricTestRow& test);

std::string security_section(const ReportData& data, int chart_width);

}  // namespace mdp::consolidate
