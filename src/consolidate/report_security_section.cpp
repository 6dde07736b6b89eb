#include "consolidate/report_security_section.h"

#include <algorithm>
#include <cmath>

#include "consolidate/report_cells.h"
#include "consolidate/report_palette.h"
#include "consolidate/svg_charts.h"

namespace mdp::consolidate {

namespace {

std::string forest_key() {
    const auto item = [](const char* color, bool filled, const std::string& text) {
        return "<span><span class=\"swatch" + std::string(filled ? "" : " hollow") +
               "\" style=\"background:" + color + ";border-color:" + color + "\"></span>" + text +
               "</span>";
    };
    return "<div class=\"key\">" +
           item(palette::kGood, true, "filled green: interval above 0, dark cheaper") +
           item(palette::kBad, true, "filled red: interval below 0, lit cheaper") +
           item(palette::kNeutral, false, "hollow grey: interval includes 0") + "</div>";
}

std::string ci_text(const MetricTestRow& t) {
    return std::isnan(t.ci_lower)
               ? "\u2013"
               : "[" + display_fixed(t.ci_lower, 2) + ", " + display_fixed(t.ci_upper, 2) + "]";
}

std::string security_table(const std::vector<SecurityTestRow>& rows) {
    std::string out =
        "<div class=\"table-wrap\"><table id=\"securities-table\" data-sortable><thead><tr>" +
        sortable_header("security", false) + sortable_header("matched sweeps", true, "descending") +
        sortable_header("with saving", true) + sortable_header("mean (bps)", true) +
        sortable_header("median (bps)", true) + sortable_header("95% CI", true) +
        sortable_header("p&nbsp;(t&nbsp;vs&nbsp;0)", true) + sortable_header("dark cheaper", true) +
        sortable_header("verdict", false) + "</tr></thead><tbody>";
    for (size_t i = 0; i < rows.size() && i < kReportSecurityRows; ++i) {
        const MetricTestRow& t = rows[i].test;
        const Verdict verdict = saving_verdict(t);
        out += "<tr>" + table_cell(std::to_string(rows[i].security)) +
               sortable_cell(display_count(static_cast<int64_t>(rows[i].matched_sweeps)),
                             static_cast<double>(rows[i].matched_sweeps)) +
               sortable_cell(display_count(static_cast<int64_t>(t.n)), static_cast<double>(t.n)) +
               sortable_cell(display_fixed(t.mean, 2), t.mean) +
               sortable_cell(display_fixed(t.median, 2), t.median) +
               sortable_cell(ci_text(t), t.ci_lower) +
               sortable_cell(display_p_value(t.p_value), t.p_value) +
               sortable_cell(t.n > 0 ? display_fixed(t.dark_better_pct, 1) + "%" : "\u2013",
                             t.dark_better_pct) +
               "<td><span class=\"verdict " + verdict.css_class + "\">" + verdict.text +
               "</span></td></tr>";
    }
    return out + "</tbody></table></div>";
}

}  // namespace

std::vector<SecurityTestRow> securities_by_sample_size(std::vector<SecurityTestRow> rows) {
    std::sort(rows.begin(), rows.end(), [](const SecurityTestRow& a, const SecurityTestRow& b) {
        if (a.matched_sweeps != b.matched_sweeps) return a.matched_sweeps > b.matched_sweeps;
        if (a.test.n != b.test.n) return a.test.n > b.test.n;
        return a.security < b.security;
    });
    return rows;
}

Verdict saving_verdict(const MetricTestRow& test) {
    if (!std::isfinite(test.ci_lower) || !std::isfinite(test.ci_upper)) {
        return {"too few orders", "none"};
    }
    if (test.ci_lower > 0) return {"dark cheaper", "good"};
    if (test.ci_upper < 0) return {"lit cheaper", "bad"};
    return {"no clear difference", "none"};
}

std::string security_section(const ReportData& d, int chart_width) {
    std::string out =
        "<section id=\"savings\"><h2>Saving by security</h2><p class=\"lede\">"
        "Mean saving per security, in basis points of the arrival midpoint: real \u2212 "
        "simulated cost (<a href=\"#g-exec_cost_arrival_bps\"><code>exec_cost_arrival_diff_bps"
        "</code></a>), so positive means the simulated Centre Point execution would have been "
        "cheaper. Bars are 95% confidence intervals. Securities are ordered by how many matched "
        "sweeps they have, most first: estimates from more orders are more reliable.</p>";
    const std::vector<SecurityTestRow> rows = securities_by_sample_size(d.security_headline);
    std::vector<ForestRow> forest;
    for (const SecurityTestRow& r : rows) {
        if (forest.size() == kForestPlotSecurities) break;
        if (r.test.n == 0) continue;
        const Verdict verdict = saving_verdict(r.test);
        forest.push_back({std::to_string(r.security), r.test.mean, r.test.ci_lower, r.test.ci_upper,
                          r.test.n, verdict.css_class != std::string("none")});
    }
    if (forest.empty()) {
        return out + "<p>No matched sweep with a defined saving was consolidated.</p></section>";
    }
    out += forest_key();
    out += forest_plot_svg(forest, chart_width,
                           "mean saving, bps of the arrival midpoint (real \u2212 simulated)");
    size_t with_saving = 0;
    for (const SecurityTestRow& r : rows) with_saving += r.test.n > 0 ? 1 : 0;
    if (with_saving > forest.size()) {
        out += "<p class=\"note\">The plot shows the " + std::to_string(forest.size()) +
               " securities with the most matched sweeps, of " + std::to_string(with_saving) +
               " with a defined saving.</p>";
    }
    out +=
        "<h3>Every security</h3><p class=\"note\">Ordered by matched sweeps, most first. "
        "Click a column heading to sort by it, again to reverse. \u201cWith saving\u201d "
        "counts the matched sweeps whose saving is defined (a usable quote at arrival).</p>";
    out += security_table(rows);
    if (rows.size() > kReportSecurityRows) {
        out += "<p class=\"note\">The " + std::to_string(kReportSecurityRows) +
               " securities with the most matched sweeps, of " + std::to_string(rows.size()) +
               "; all are in <code>per_security_tests.csv</code>.</p>";
    }
    return out + "</section>";
}

}  // namespace mdp::consolidate
