#pragma once
// The "by trading date" section of report.html: per date, its partitions (consolidated and
// failed), its matched and unmatched sweeps, and the mean saving of its matched sweeps, as a
// column chart and a sortable table. A saving that comes from one unusual day, or a day whose
// partitions failed, shows here and nowhere else.

#include <string>

#include "consolidate/report_data.h"

namespace mdp::consolidate {

// Up to this many dates the table is open; beyond it is folded under its summary line (the
// chart above it still shows every date).
inline constexpr size_t kDateRowsShownOpen = 31;

std::string date_section(const ReportData& data, int chart_width);

}  // namespace mdp::consolidate
