#pragma once
// consolidated/report.html: one self-contained page (inline CSS, inline SVG charts, one small
// inline script that only sorts tables, nothing fetched) for a researcher's first look at a run
// and for handing to a colleague: the headline cost saving (exec_cost_arrival_diff_bps, real -
// sim) pooled, as a distribution, by security (ordered by sample size, sortable) and by trading
// date; every metric's pooled test; the root causes of the unmatched sweeps; partitions by
// status, the slowest ones and the failures with their errors; where the results come from; and
// a glossary of every metric, root cause and statistic. Colours follow one palette
// (report_palette.h). It holds no wall-clock time of its own making and no path of the machine
// that made it, so re-aggregating gives byte-identical files.

#include <string>

#include "consolidate/report_data.h"

namespace mdp::consolidate {

std::string render_html_report(const ReportData& data);

}  // namespace mdp::consolidate
