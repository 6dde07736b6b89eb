#include "consolidate/html_report.h"

#include <algorithm>
#include <cmath>

#include "analyzers/metric_catalog.h"
#include "consolidate/report_cells.h"
#include "consolidate/report_date_section.h"
#include "consolidate/report_distribution_section.h"
#include "consolidate/report_glossary.h"
#include "consolidate/report_palette.h"
#include "consolidate/report_security_section.h"
#include "consolidate/report_style.h"
#include "consolidate/report_table_sort.h"
#include "consolidate/svg_charts.h"
#include "registry/partition_entry.h"

namespace mdp::consolidate {

namespace {

using analyzers::kComparedMetrics;

constexpr int kChartWidth = 1040;

std::string cards(const ReportData& d) {
    const MetricTestRow* h = d.pooled.empty() ? nullptr : &d.pooled[0];
    for (size_t m = 0; m < d.pooled.size(); ++m) {
        if (kComparedMetrics[m].difference_name == "exec_cost_arrival_diff_bps") h = &d.pooled[m];
    }
    const size_t completed =
        d.by_status[static_cast<size_t>(registry::PartitionStatus::kCompleted)];
    const size_t failed = d.by_status[static_cast<size_t>(registry::PartitionStatus::kFailed)];
    std::string out = "<div class=\"cards\">";
    out +=
        "<div class=\"card\"><div class=\"k\">Partitions consolidated</div><div class=\"v\">" +
        display_count(static_cast<int64_t>(d.included)) + "<span class=\"s\"> / " +
        display_count(static_cast<int64_t>(d.partitions)) + "</span></div><div class=\"s\">" +
        display_count(static_cast<int64_t>(d.securities)) + " securities \u00b7 " +
        display_count(static_cast<int64_t>(d.dates)) + " dates" +
        (failed > 0 ? " \u00b7 <span class=\"bad\">" + display_count(static_cast<int64_t>(failed)) +
                          " failed</span>"
                    : "") +
        (completed > d.included ? " \u00b7 <span class=\"caution\">" +
                                      display_count(static_cast<int64_t>(completed - d.included)) +
                                      " unreadable</span>"
                                : "") +
        "</div></div>";
    out += "<div class=\"card\"><div class=\"k\">Sweeps analysed</div><div class=\"v\">" +
           display_count(d.set_a_orders + d.set_b_orders) + "</div><div class=\"s\">" +
           display_count(d.set_a_orders) + " matched in the simulated dark pool \u00b7 " +
           display_count(d.set_b_orders) + " unmatched</div></div>";
    if (h != nullptr) {
        // Coloured only when the interval excludes 0, like every estimate on the page, and
        // said in words too.
        const Verdict verdict = saving_verdict(*h);
        out +=
            "<div class=\"card\"><div class=\"k\">Mean saving, arrival cost</div><div class=\"v " +
            std::string(verdict.css_class) + "\">" + display_fixed(h->mean, 2) +
            " <span class=\"s\">bps</span></div><div class=\"s\">95% CI [" +
            display_fixed(h->ci_lower, 2) + ", " + display_fixed(h->ci_upper, 2) + "] \u00b7 p " +
            display_p_value(h->p_value) + " \u00b7 <span class=\"" + verdict.css_class + "\">" +
            verdict.text + "</span></div></div>";
        out +=
            "<div class=\"card\"><div class=\"k\">Dark pool cheaper</div><div class=\"v\">" +
            display_fixed(h->dark_better_pct, 1) +
            "<span class=\"s\">%</span></div><div class=\"s\">" +
            (h->dark_better_count ? display_count(*h->dark_better_count) : std::string("\u2013")) +
            " of " + display_count(static_cast<int64_t>(h->n)) + " matched sweeps</div></div>";
    }
    return out + "</div>";
}

std::string status_section(const ReportData& d) {
    std::vector<BarSegment> segments;
    for (const auto s :
         {registry::PartitionStatus::kCompleted, registry::PartitionStatus::kFailed,
          registry::PartitionStatus::kRunning, registry::PartitionStatus::kPending}) {
        segments.push_back({std::string(registry::status_name(s)),
                            static_cast<double>(d.by_status[static_cast<size_t>(s)]),
                            palette::status_color(s)});
    }
    std::string out = "<section id=\"partitions\"><h2>Partitions by status</h2><p class=\"lede\">" +
                      display_count(static_cast<int64_t>(d.partitions)) +
                      " partitions (trading date \u00d7 security) in the registry; only completed "
                      "ones are consolidated. "
                      "Every partition, with its counts, headline numbers and duration, is in "
                      "<code>partitions.csv</code>.</p>";
    out += stacked_bar_svg(segments, kChartWidth);
    out +=
        "<table><tr><th>status</th><th class=\"n\">partitions</th><th class=\"n\">share</th></tr>";
    for (const auto& s : segments) {
        out += "<tr>" + table_cell("<span class=\"pill " + s.label + "\">" + s.label + "</span>") +
               table_cell(display_fixed(s.value, 0), true) +
               table_cell(share_text(s.value, static_cast<double>(d.partitions)), true) + "</tr>";
    }
    out += "</table>";
    out += "<p class=\"note\">Input rows: " + display_count(d.order_rows) + " order events, " +
           display_count(d.trade_rows) + " trade rows. Processing time of all partitions: " +
           display_fixed(d.total_duration_sec, 1) + " s (sum over partitions).</p>";
    return out + "</section>";
}

std::string metrics_section(const ReportData& d) {
    std::string out =
        "<section id=\"metrics\"><h2>Every metric, pooled over all matched sweeps</h2><p "
        "class=\"lede\">"
        "Differences real \u2212 simulated; one-sample t test against 0, 95% CI, and one-way ANOVA "
        "across securities. "
        "\u201cDark better\u201d follows each metric\u2019s direction (lower is better for costs, "
        "spreads and times; higher for fills). "
        "Full tables: <code>pooled_tests.csv</code>, <code>cross_security_anova.csv</code>, "
        "<code>cross_security_pairwise.csv</code> (" +
        display_count(static_cast<int64_t>(d.pairwise_rows)) + " Welch tests, Holm-adjusted, " +
        html_escape(d.pairwise_rule) + ").</p>";
    out +=
        "<table><tr><th>metric</th><th>better</th><th class=\"n\">n</th><th "
        "class=\"n\">mean</th><th class=\"n\">95% CI</th>"
        "<th class=\"n\">d<sub>z</sub></th><th class=\"n\">p</th><th class=\"n\">dark "
        "better</th><th class=\"n\">ANOVA F (p)</th></tr>";
    for (size_t m = 0; m < d.pooled.size(); ++m) {
        const MetricTestRow& t = d.pooled[m];
        std::string anova = "\u2013";
        if (m < d.anova.size() && !std::isnan(d.anova[m].f.statistic)) {
            anova = display_fixed(d.anova[m].f.statistic, 2) + " (" +
                    display_p_value(d.anova[m].f.p_value) + ")";
        }
        out +=
            "<tr>" +
            table_cell("<a href=\"#g-" + std::string(kComparedMetrics[m].name) + "\"><code>" +
                       std::string(kComparedMetrics[m].difference_name) + "</code></a>") +
            table_cell(kComparedMetrics[m].direction == analyzers::BetterDirection::kLower ? "lower"
                       : kComparedMetrics[m].direction == analyzers::BetterDirection::kHigher
                           ? "higher"
                           : "neutral") +
            table_cell(display_count(static_cast<int64_t>(t.n)), true) +
            table_cell(display_fixed(t.mean, 3), true) +
            table_cell(
                "[" + display_fixed(t.ci_lower, 3) + ", " + display_fixed(t.ci_upper, 3) + "]",
                true) +
            table_cell(display_fixed(t.cohens_d, 2), true) +
            table_cell(display_p_value(t.p_value), true) +
            table_cell(t.dark_better_count ? display_fixed(t.dark_better_pct, 1) + "%" : "\u2013",
                       true) +
            table_cell(anova, true) + "</tr>";
    }
    return out + "</table></section>";
}

std::string root_cause_section(const ReportData& d) {
    int64_t total = 0;
    for (const auto& [cause, n] : d.root_causes) total += n;
    std::string out =
        "<section id=\"root-causes\"><h2>Why unmatched sweeps found no dark liquidity</h2><p "
        "class=\"lede\">"
        "Root cause of every unmatched sweep over all consolidated partitions: the first of the "
        "rules in the glossary that holds. Colours tell the causes apart and mean nothing better "
        "or worse, except <span class=\"caution\">SIMULATION_MISS</span> (caution): dark "
        "liquidity was there but the simulation does not count it. Per security: "
        "<code>root_causes.csv</code>.</p>";
    if (total == 0) return out + "<p>No unmatched sweep orders.</p></section>";
    std::vector<BarSegment> bars;
    for (const auto& [cause, n] : d.root_causes) {
        bars.push_back({cause, static_cast<double>(n), palette::root_cause_color(cause)});
    }
    out += horizontal_bars_svg(bars, kChartWidth, "", 0);
    out +=
        "<table><tr><th>root cause</th><th class=\"n\">sweeps</th><th class=\"n\">share</th></tr>";
    for (const auto& [cause, n] : d.root_causes) {
        out +=
            "<tr>" +
            table_cell("<span class=\"swatch\" style=\"background:" +
                       std::string(palette::root_cause_color(cause)) + "\"></span><a href=\"#g-" +
                       html_escape(cause) + "\"><code>" + html_escape(cause) + "</code></a>") +
            table_cell(display_count(n), true) +
            table_cell(share_text(static_cast<double>(n), static_cast<double>(total)), true) +
            "</tr>";
    }
    return out + "</table></section>";
}

std::string slowest_section(const ReportData& d) {
    std::string out =
        "<section id=\"slowest\"><h2>Slowest partitions</h2><p class=\"lede\">"
        "Duration of the last finished attempt (processing phase), longest first.</p>";
    if (d.slowest.empty()) return out + "<p>No partition has run yet.</p></section>";
    std::vector<BarSegment> bars;
    for (const auto& p : d.slowest) {
        bars.push_back({p.key.to_string(), p.duration_sec,
                        p.status == "failed" ? palette::kBad : palette::kNeutral});
    }
    out += horizontal_bars_svg(bars, kChartWidth, " s", 3);
    out +=
        "<table><tr><th>partition</th><th>status</th><th class=\"n\">attempts</th><th "
        "class=\"n\">order events</th><th class=\"n\">seconds</th></tr>";
    for (const auto& p : d.slowest) {
        out += "<tr>" + table_cell(partition_key_html(p.key)) +
               table_cell("<span class=\"pill " + p.status + "\">" + p.status + "</span>") +
               table_cell(std::to_string(p.attempts), true) +
               table_cell(display_count(p.orders_rows), true) +
               table_cell(display_fixed(p.duration_sec, 3), true) + "</tr>";
    }
    return out + "</table></section>";
}

std::string notes_table(const std::vector<PartitionNote>& notes) {
    std::string out =
        "<table><tr><th>partition</th><th class=\"n\">attempts</th><th>error</th></tr>";
    for (const auto& p : notes) {
        out += "<tr>" + table_cell(partition_key_html(p.key)) +
               table_cell(std::to_string(p.attempts), true) + "<td class=\"err\">" +
               html_escape(p.text) + "</td></tr>";
    }
    return out + "</table>";
}

std::string provenance_section(const ReportData& d) {
    const Provenance& p = d.provenance;
    std::string out = "<section id=\"provenance\"><h2>Where these results come from</h2><table>";
    const auto row = [&](const std::string& name, const std::string& value_html) {
        out += "<tr><th>" + html_escape(name) + "</th><td>" + value_html + "</td></tr>";
    };
    row("program", "<code>" + html_escape(p.program.empty() ? "unknown" : p.program) + "</code>");
    row("analysis ran", p.analysis_started.empty()
                            ? std::string("not yet")
                            : html_escape(p.analysis_started) + " to " +
                                  html_escape(p.analysis_finished) + " (UTC)");
    row("trading dates", p.first_date.empty()
                             ? std::string("none")
                             : html_escape(p.first_date) + " to " + html_escape(p.last_date) +
                                   " (" + display_count(static_cast<int64_t>(d.dates)) + " dates)");
    for (const auto& [name, value] : p.settings)
        row("setting " + name, "<code>" + html_escape(value) + "</code>");
    out +=
        "</table><table><tr><th>role</th><th>input</th><th class=\"n\">bytes</th><th>content hash "
        "(XXH3-128)</th></tr>";
    for (const auto& input : p.inputs) {
        out += "<tr>" + table_cell(html_escape(input.role)) +
               table_cell("<code>" + html_escape(input.path) + "</code>") +
               table_cell(display_count(static_cast<int64_t>(input.size)), true) +
               table_cell(input.content_hash.empty()
                              ? std::string("(not read to its end)")
                              : "<code>" + html_escape(input.content_hash) + "</code>") +
               "</tr>";
    }
    return out + "</table></section>";
}

std::string failures_section(const ReportData& d) {
    std::string out = "<section id=\"failures\"><h2>Failures</h2>";
    if (d.failures_total == 0 && d.unreadable_total == 0) {
        return out + "<p class=\"ok\">No partition failed.</p></section>";
    }
    if (d.failures_total > 0) {
        out += "<p class=\"lede\">" + display_count(static_cast<int64_t>(d.failures_total)) +
               " partitions failed after their retries and are not in the consolidated results. "
               "Fix the cause, then <code>reset-failed</code> and <code>--resume</code>.</p>";
        out += notes_table(d.failures);
        if (d.failures_total > d.failures.size()) {
            out += "<p class=\"note\">First " + std::to_string(d.failures.size()) + " of " +
                   std::to_string(d.failures_total) +
                   "; all are in <code>partitions.csv</code>.</p>";
        }
    }
    if (d.unreadable_total > 0) {
        out +=
            "<p class=\"lede\">" + display_count(static_cast<int64_t>(d.unreadable_total)) +
            " completed partitions have stats files that could not be read and were left out:</p>";
        out += notes_table(d.unreadable);
    }
    return out + "</section>";
}

// The sections in page order, for the table of contents: what a reader asks first (how big is
// the saving, how is it spread, where and when) before how the run went, then where the results
// come from and what the words mean.
struct SectionLink {
    const char* id;
    const char* title;
};
constexpr SectionLink kSections[] = {{"distribution", "Distribution of the saving"},
                                     {"savings", "By security"},
                                     {"dates", "By date"},
                                     {"root-causes", "Root causes"},
                                     {"metrics", "Every metric"},
                                     {"partitions", "Partitions"},
                                     {"slowest", "Slowest"},
                                     {"failures", "Failures"},
                                     {"provenance", "Provenance"},
                                     {"glossary", "Glossary"}};

std::string table_of_contents() {
    std::string out = "<nav class=\"toc\">";
    for (const SectionLink& link : kSections) {
        out += std::string("<a href=\"#") + link.id + "\">" + link.title + "</a>";
    }
    return out + "</nav>";
}

}  // namespace

std::string render_html_report(const ReportData& d) {
    const size_t not_done = d.partitions - d.included;
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<title>Centre Point sweep analysis \u2014 consolidated report</title><style>";
    out += report_style();
    out +=
        "</style></head><body><header><h1>Centre Point sweep execution: consolidated report</h1><p>"
        "Lit sweep fills compared with a simulated Centre Point (dark) execution at the midpoint, "
        "across " +
        display_count(static_cast<int64_t>(d.included)) + " partitions";
    if (not_done > 0)
        out += " (" + display_count(static_cast<int64_t>(not_done)) +
               " partitions not included: see Failures and partitions.csv)";
    out += ".</p></header>" + table_of_contents() + "<main>";
    out += cards(d);
    out += distribution_section(d, kChartWidth);
    out += security_section(d, kChartWidth);
    out += date_section(d, kChartWidth);
    out += root_cause_section(d);
    out += metrics_section(d);
    out += status_section(d);
    out += slowest_section(d);
    out += failures_section(d);
    out += provenance_section(d);
    out += glossary_section();
    out +=
        "</main><footer>Generated by run_multidataset_pipeline (aggregate). Exact numbers: "
        "the CSV files beside this page in consolidated/; definitions: the glossary above."
        "</footer><script>";
    out += kTableSortScript;
    out += "</script></body></html>\n";
    return out;
}

}  // namespace mdp::consolidate
