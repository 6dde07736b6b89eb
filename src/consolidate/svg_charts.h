#pragma once
// The charts of report.html as inline SVG (no JavaScript, no fonts or images to fetch): a
// stacked bar of partitions by status, a forest plot of mean differences with 95% confidence
// intervals, and labelled horizontal bars. Output is a pure function of the input, so the report
// stays byte-identical between reruns.

#include <string>
#include <vector>

namespace mdp::consolidate {

// Text for display in the report (not in the CSVs): fixed decimals, thousands separators.
std::string display_fixed(double value, int decimals);
std::string display_count(int64_t value);
// "<0.001", or three significant decimals; "–" for NaN.
std::string display_p_value(double p);
// Escapes &, <, >, " and '.
std::string html_escape(std::string_view text);
// An SVG coordinate: one decimal, "C" formatting (never a locale's comma).
std::string svg_coordinate(double v);

struct BarSegment {
    std::string label;
    double value = 0;
    std::string color;  // CSS colour
};

// One horizontal bar split into segments proportional to their values, with a legend.
std::string stacked_bar_svg(const std::vector<BarSegment>& segments, int width);

// One bar per item, longest scaled to the available width, value printed after each bar.
std::string horizontal_bars_svg(const std::vector<BarSegment>& bars, int width,
                                const std::string& value_suffix, int value_decimals);

struct ForestRow {
    std::string label;
    double mean = 0;
    double lower = 0;  // NaN when undefined: the point is drawn without a whisker
    double upper = 0;
    size_t n = 0;
    bool significant = false;  // CI excludes 0
};

// Means with 95% CI whiskers around a zero line; `axis_label` under the axis.
std::string forest_plot_svg(const std::vector<ForestRow>& rows, int width,
                            const std::string& axis_label);

}  // namespace mdp::consolidate
