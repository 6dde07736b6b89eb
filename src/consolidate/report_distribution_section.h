#pragma once
// The "distribution of the saving" section of report.html: a histogram of the per-order saving
// (exec_cost_arrival_diff_bps) over every matched sweep, and its quantiles beside the mean, so a
// reader sees whether the mean saving is typical or carried by a few orders.

#include <string>

#include "consolidate/report_data.h"

namespace mdp::consolidate {

std::string distribution_section(const ReportData& data, int chart_width);

}  // namespace mdp::consolidate
