#pragma once
// consolidated/report.html: one self-contained page (inline CSS, inline SVG charts, no
// JavaScript, nothing fetched) for a researcher's first look at a run: partitions by status,
// the headline cost saving (exec_cost_arrival_diff_bps, real - sim) pooled and by security with
// 95% confidence intervals, every metric's pooled test, the root-cause distribution of the
// unmatched sweeps, the slowest partitions, and the failures with their errors. It holds no
// time or path, so reruns are byte-identical.

#include <string>

#include "consolidate/report_data.h"

namespace mdp::consolidate {

// Securities drawn in the forest plot at most (those with the most orders); the table below it
// lists up to kReportSecurityRows.
inline constexpr size_t kForestPlotSecurities = 40;
inline constexpr size_t kReportSecurityRows = 200;

std::string render_html_report(const ReportData& data);

}  // namespace mdp::consolidate
