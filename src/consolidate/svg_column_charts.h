#pragma once
// Vertical-bar charts of report.html as inline SVG: one column per category (the per-date mean
// saving) and the histogram of the per-order saving. Both draw a value axis with round ticks and
// a marked zero line, and put a <title> (hover text) on every bar; the numbers themselves are in
// the tables beside them, so no information lives in the picture alone.

#include <string>
#include <vector>

#include "consolidate/saving_distribution.h"

namespace mdp::consolidate {

struct Column {
    std::string label;  // under the axis (every few columns when they are narrow)
    double value = 0;   // NaN: no bar
    std::string color;
    std::string hover;  // the bar's <title>
};

// Bars from 0 (values may be negative); `value_label` names the vertical axis.
std::string column_chart_svg(const std::vector<Column>& columns, int width,
                             const std::string& value_label);

// Orders per saving bin, bins coloured by the side of 0 they lie on (good: the dark pool
// cheaper, bad: the lit execution cheaper), with their edges on the horizontal axis.
std::string saving_histogram_svg(const std::vector<HistogramBin>& bins, int width,
                                 const std::string& axis_label);

}  // namespace mdp::consolidate
