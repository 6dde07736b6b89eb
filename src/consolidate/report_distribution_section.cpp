#include "consolidate/report_distribution_section.h"

#include "consolidate/report_cells.h"
#include "consolidate/svg_column_charts.h"

namespace mdp::consolidate {

namespace {

std::string percentile_name(double percent) {
    if (percent == 0) return "min";
    if (percent == 50) return "median";
    if (percent == 100) return "max";
    return display_fixed(percent, 0) + "%";
}

std::string quantile_table(const SavingDistribution& s) {
    std::string head = "<tr><th>saving (bps)</th>";
    std::string values = "<tr><td>per matched sweep</td>";
    for (const SavingQuantile& q : s.quantiles) {
        head += "<th>" + percentile_name(q.percent) + "</th>";
        values += table_cell(display_fixed(q.value, 2), true);
    }
    head += "<th>mean</th></tr>";
    values += table_cell("<strong>" + display_fixed(s.mean, 2) + "</strong>", true) + "</tr>";
    return "<table class=\"quantiles\" id=\"saving-quantiles\">" + head + values + "</table>";
}

}  // namespace

std::string distribution_section(const ReportData& d, int chart_width) {
    const SavingDistribution& s = d.saving_distribution;
    std::string out =
        "<section id=\"distribution\"><h2>Distribution of the saving</h2><p class=\"lede\">"
        "Saving of each matched sweep (real \u2212 simulated arrival cost, bps): how the " +
        display_count(static_cast<int64_t>(s.n)) +
        " orders spread around their mean. Bins right of 0 (green): the simulated dark "
        "execution was cheaper for those orders; left of 0 (red): the real lit execution "
        "was.</p>";
    if (s.n == 0) return out + "<p>No matched sweep with a defined saving.</p></section>";
    out += saving_histogram_svg(s.bins, chart_width, "saving per matched sweep, bps");
    if (s.below_bins + s.above_bins > 0) {
        out += "<p class=\"note\">The bins span the 1st to 99th percentile; " +
               display_count(static_cast<int64_t>(s.below_bins)) + " orders below and " +
               display_count(static_cast<int64_t>(s.above_bins)) +
               " above lie outside them and are counted in the quantiles below.</p>";
    }
    const auto n = static_cast<double>(s.n);
    out += quantile_table(s);
    out += "<p class=\"note\"><span class=\"good\">Dark cheaper</span> for " +
           display_count(static_cast<int64_t>(s.dark_cheaper)) + " orders (" +
           share_text(static_cast<double>(s.dark_cheaper), n) +
           "), <span class=\"bad\">lit "
           "cheaper</span> for " +
           display_count(static_cast<int64_t>(s.real_cheaper)) + " (" +
           share_text(static_cast<double>(s.real_cheaper), n) + "), equal for " +
           display_count(static_cast<int64_t>(s.n - s.dark_cheaper - s.real_cheaper)) + ".</p>";
    return out + "</section>";
}

}  // namespace mdp::consolidate
