#include "consolidate/html_report.h"

#include <algorithm>
#include <cmath>

#include "analyzers/metric_catalog.h"
#include "consolidate/svg_charts.h"
#include "registry/partition_entry.h"

namespace mdp::consolidate {

namespace {

using analyzers::kComparedMetrics;

constexpr int kChartWidth = 1040;

constexpr const char* kStyle = R"(
:root{--ink:#1d2733;--muted:#5b6b7f;--line:#dde3ea;--bg:#f4f6f9;--card:#fff;--accent:#1f5fa8;
--good:#1b7f5b;--bad:#b4443b;--warn:#b7791f}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
header{background:linear-gradient(120deg,#15335a,#1f5fa8);color:#fff;padding:28px 40px 24px}
header h1{margin:0 0 4px;font-size:26px;font-weight:600;letter-spacing:.2px}
header p{margin:0;opacity:.85}
main{max-width:1120px;margin:0 auto;padding:24px 40px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:20px 24px;margin:0 0 22px;box-shadow:0 1px 2px rgba(20,40,70,.04)}
h2{font-size:18px;margin:0 0 4px;font-weight:600}
.lede{color:var(--muted);margin:0 0 14px;font-size:14px}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:0 0 22px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px}
.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.6px}
.card .v{font-size:26px;font-weight:600;margin-top:2px;font-variant-numeric:tabular-nums}
.card .s{color:var(--muted);font-size:13px}
.good{color:var(--good)}.bad{color:var(--bad)}.warn{color:var(--warn)}
table{border-collapse:collapse;width:100%;font-size:13.5px;font-variant-numeric:tabular-nums}
th{text-align:left;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);
padding:7px 10px;white-space:nowrap}
td{border-bottom:1px solid var(--line);padding:6px 10px;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
tr:last-child td{border-bottom:none}
td.err{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:12.5px;
color:#7a2e27;word-break:break-word}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:12.5px;
background:#eef2f6;padding:1px 5px;border-radius:4px;white-space:nowrap}
.chart{display:block;max-width:100%;height:auto;margin:6px 0 12px}
.chart text{font-family:inherit;font-size:12.5px;fill:var(--ink)}
.chart .legend{font-size:13px}.chart .tick{fill:var(--muted);font-size:11.5px}
.chart .axis{fill:var(--muted);font-size:12.5px}.chart .colhead{fill:var(--muted);font-size:11.5px}
.chart .value{fill:var(--muted);font-variant-numeric:tabular-nums}
.chart .grid{stroke:#e3e8ee;stroke-width:1}.chart .zero{stroke:#1d2733;stroke-width:1.2;stroke-dasharray:4 3}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
.pill.completed{background:#e3f3ec;color:var(--good)}.pill.failed{background:#f8e5e3;color:var(--bad)}
.pill.pending,.pill.running{background:#fbf0dc;color:var(--warn)}
.note{color:var(--muted);font-size:13px;margin:8px 0 0}
.ok{color:var(--good);font-weight:600}
footer{color:var(--muted);font-size:12.5px;text-align:center;padding:0 0 30px}
)";

const char* status_color(registry::PartitionStatus s) {
    switch (s) {
        case registry::PartitionStatus::kCompleted:
            return "#2e9a6f";
        case registry::PartitionStatus::kFailed:
            return "#c8553d";
        case registry::PartitionStatus::kRunning:
            return "#e0a030";
        case registry::PartitionStatus::kPending:
            return "#9aa8b8";
    }
    return "#9aa8b8";
}

std::string pct(double part, double whole) {
    return whole > 0 ? display_fixed(part / whole * 100.0, 1) + "%" : "\u2013";
}

std::string cell(const std::string& text, bool numeric = false) {
    return std::string(numeric ? "<td class=\"n\">" : "<td>") + text + "</td>";
}

std::string key_text(const PartitionKey& key) {
    return "<code>" + html_escape(key.to_string()) + "</code>";
}

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
        (completed > d.included ? " \u00b7 <span class=\"warn\">" +
                                      display_count(static_cast<int64_t>(completed - d.included)) +
                                      " unreadable</span>"
                                : "") +
        "</div></div>";
    out += "<div class=\"card\"><div class=\"k\">Sweeps analysed</div><div class=\"v\">" +
           display_count(d.set_a_orders + d.set_b_orders) + "</div><div class=\"s\">" +
           display_count(d.set_a_orders) + " matched in the simulated dark pool \u00b7 " +
           display_count(d.set_b_orders) + " unmatched</div></div>";
    if (h != nullptr) {
        const std::string cls = std::isnan(h->mean) ? "" : (h->mean > 0 ? "good" : "bad");
        out +=
            "<div class=\"card\"><div class=\"k\">Mean saving, arrival cost</div><div class=\"v " +
            cls + "\">" + display_fixed(h->mean, 2) +
            " <span class=\"s\">bps</span></div><div class=\"s\">95% CI [" +
            display_fixed(h->ci_lower, 2) + ", " + display_fixed(h->ci_upper, 2) + "] \u00b7 p " +
            display_p_value(h->p_value) + "</div></div>";
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
                            status_color(s)});
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
        out += "<tr>" + cell("<span class=\"pill " + s.label + "\">" + s.label + "</span>") +
               cell(display_fixed(s.value, 0), true) +
               cell(pct(s.value, static_cast<double>(d.partitions)), true) + "</tr>";
    }
    out += "</table>";
    out += "<p class=\"note\">Input rows: " + display_count(d.order_rows) + " order events, " +
           display_count(d.trade_rows) + " trade rows. Processing time of all partitions: " +
           display_fixed(d.total_duration_sec, 1) + " s (sum over partitions).</p>";
    return out + "</section>";
}

std::string savings_section(const ReportData& d) {
    std::string out =
        "<section id=\"savings\"><h2>Headline cost saving by security</h2><p class=\"lede\">"
        "<code>exec_cost_arrival_diff_bps</code> = real \u2212 simulated execution cost against "
        "the arrival midpoint, in basis points: "
        "positive means the simulated Centre Point execution would have been cheaper. Mean per "
        "security with its 95% "
        "confidence interval (t distribution); <span class=\"good\">green</span> and <span "
        "class=\"bad\">red</span> intervals exclude zero.</p>";
    std::vector<SecurityTestRow> rows;
    for (const auto& r : d.security_headline) {
        if (r.test.n > 0) rows.push_back(r);
    }
    if (rows.empty()) return out + "<p>No matched sweep orders were consolidated.</p></section>";
    std::vector<SecurityTestRow> plotted = rows;
    if (plotted.size() > kForestPlotSecurities) {
        std::stable_sort(plotted.begin(), plotted.end(),
                         [](const auto& a, const auto& b) { return a.test.n > b.test.n; });
        plotted.resize(kForestPlotSecurities);
        std::sort(plotted.begin(), plotted.end(),
                  [](const auto& a, const auto& b) { return a.security < b.security; });
    }
    std::vector<ForestRow> forest;
    for (const auto& r : plotted) {
        const bool sig =
            std::isfinite(r.test.ci_lower) && (r.test.ci_lower > 0 || r.test.ci_upper < 0);
        forest.push_back({std::to_string(r.security), r.test.mean, r.test.ci_lower, r.test.ci_upper,
                          r.test.n, sig});
    }
    out += forest_plot_svg(forest, kChartWidth,
                           "mean saving, bps of the arrival midpoint (real \u2212 simulated)");
    if (rows.size() > plotted.size()) {
        out += "<p class=\"note\">The plot shows the " + std::to_string(plotted.size()) +
               " securities with the most matched sweeps out of " + std::to_string(rows.size()) +
               ".</p>";
    }
    out +=
        "<table><tr><th>security</th><th class=\"n\">n</th><th class=\"n\">mean</th><th "
        "class=\"n\">median</th>"
        "<th class=\"n\">95% CI</th><th class=\"n\">p (t vs 0)</th><th class=\"n\">dark "
        "cheaper</th></tr>";
    for (size_t i = 0; i < rows.size() && i < kReportSecurityRows; ++i) {
        const MetricTestRow& t = rows[i].test;
        const std::string ci = std::isnan(t.ci_lower) ? "\u2013"
                                                      : "[" + display_fixed(t.ci_lower, 2) + ", " +
                                                            display_fixed(t.ci_upper, 2) + "]";
        out += "<tr>" + cell(std::to_string(rows[i].security)) +
               cell(display_count(static_cast<int64_t>(t.n)), true) +
               cell(display_fixed(t.mean, 2), true) + cell(display_fixed(t.median, 2), true) +
               cell(ci, true) + cell(display_p_value(t.p_value), true) +
               cell(display_fixed(t.dark_better_pct, 1) + "%", true) + "</tr>";
    }
    out += "</table>";
    if (rows.size() > kReportSecurityRows) {
        out += "<p class=\"note\">First " + std::to_string(kReportSecurityRows) + " of " +
               std::to_string(rows.size()) +
               " securities; all are in <code>per_security_tests.csv</code>.</p>";
    }
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
            "<tr>" + cell("<code>" + std::string(kComparedMetrics[m].difference_name) + "</code>") +
            cell(kComparedMetrics[m].direction == analyzers::BetterDirection::kLower ? "lower"
                 : kComparedMetrics[m].direction == analyzers::BetterDirection::kHigher
                     ? "higher"
                     : "neutral") +
            cell(display_count(static_cast<int64_t>(t.n)), true) +
            cell(display_fixed(t.mean, 3), true) +
            cell("[" + display_fixed(t.ci_lower, 3) + ", " + display_fixed(t.ci_upper, 3) + "]",
                 true) +
            cell(display_fixed(t.cohens_d, 2), true) + cell(display_p_value(t.p_value), true) +
            cell(t.dark_better_count ? display_fixed(t.dark_better_pct, 1) + "%" : "\u2013", true) +
            cell(anova, true) + "</tr>";
    }
    return out + "</table></section>";
}

std::string root_cause_section(const ReportData& d) {
    int64_t total = 0;
    for (const auto& [cause, n] : d.root_causes) total += n;
    std::string out =
        "<section id=\"root-causes\"><h2>Why unmatched sweeps found no dark liquidity</h2><p "
        "class=\"lede\">"
        "Root cause of every unmatched sweep (SPEC 3.7, first rule that holds), over all "
        "consolidated partitions. "
        "Per security: <code>root_causes.csv</code>.</p>";
    if (total == 0) return out + "<p>No unmatched sweep orders.</p></section>";
    std::vector<BarSegment> bars;
    const char* palette[] = {"#3a78c2", "#5aa0d8", "#7e6cc4", "#a77fd0",
                             "#d08a3e", "#c8553d", "#2e9a6f", "#8a97a8"};
    size_t i = 0;
    for (const auto& [cause, n] : d.root_causes) {
        bars.push_back({cause, static_cast<double>(n), palette[std::min<size_t>(i++, 7)]});
    }
    out += horizontal_bars_svg(bars, kChartWidth, "", 0);
    out +=
        "<table><tr><th>root cause</th><th class=\"n\">sweeps</th><th class=\"n\">share</th></tr>";
    for (const auto& [cause, n] : d.root_causes) {
        out += "<tr>" + cell("<code>" + html_escape(cause) + "</code>") +
               cell(display_count(n), true) +
               cell(pct(static_cast<double>(n), static_cast<double>(total)), true) + "</tr>";
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
        bars.push_back(
            {p.key.to_string(), p.duration_sec, p.status == "failed" ? "#c8553d" : "#3a78c2"});
    }
    out += horizontal_bars_svg(bars, kChartWidth, " s", 3);
    out +=
        "<table><tr><th>partition</th><th>status</th><th class=\"n\">attempts</th><th "
        "class=\"n\">order events</th><th class=\"n\">seconds</th></tr>";
    for (const auto& p : d.slowest) {
        out += "<tr>" + cell(key_text(p.key)) +
               cell("<span class=\"pill " + p.status + "\">" + p.status + "</span>") +
               cell(std::to_string(p.attempts), true) + cell(display_count(p.orders_rows), true) +
               cell(display_fixed(p.duration_sec, 3), true) + "</tr>";
    }
    return out + "</table></section>";
}

std::string notes_table(const std::vector<PartitionNote>& notes) {
    std::string out =
        "<table><tr><th>partition</th><th class=\"n\">attempts</th><th>error</th></tr>";
    for (const auto& p : notes) {
        out += "<tr>" + cell(key_text(p.key)) + cell(std::to_string(p.attempts), true) +
               "<td class=\"err\">" + html_escape(p.text) + "</td></tr>";
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
    row("analysis ran", p.analysis_started.empty() ? std::string("not yet")
                                                   : html_escape(p.analysis_started) + " to " +
                                                         html_escape(p.analysis_finished) + " (UTC)");
    row("trading dates", p.first_date.empty() ? std::string("none")
                                             : html_escape(p.first_date) + " to " + html_escape(p.last_date) + " (" +
                                                   display_count(static_cast<int64_t>(d.dates)) + " dates)");
    for (const auto& [name, value] : p.settings) row("setting " + name, "<code>" + html_escape(value) + "</code>");
    out += "</table><table><tr><th>role</th><th>input</th><th class=\"n\">bytes</th><th>content hash (XXH3-128)</th></tr>";
    for (const auto& input : p.inputs) {
        out += "<tr>" + cell(html_escape(input.role)) + cell("<code>" + html_escape(input.path) + "</code>") +
               cell(display_count(static_cast<int64_t>(input.size)), true) +
               cell(input.content_hash.empty() ? std::string("(not read to its end)")
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

}  // namespace

std::string render_html_report(const ReportData& d) {
    const size_t not_done = d.partitions - d.included;
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<title>Centre Point sweep analysis \u2014 consolidated report</title><style>";
    out += kStyle;
    out +=
        "</style></head><body><header><h1>Centre Point sweep execution: consolidated report</h1><p>"
        "Lit sweep fills compared with a simulated Centre Point (dark) execution at the midpoint, "
        "across " +
        display_count(static_cast<int64_t>(d.included)) + " partitions";
    if (not_done > 0)
        out += " (" + display_count(static_cast<int64_t>(not_done)) +
               " partitions not included: see Failures and partitions.csv)";
    out += ".</p></header><main>";
    out += cards(d);
    out += savings_section(d);
    out += status_section(d);
    out += root_cause_section(d);
    out += metrics_section(d);
    out += slowest_section(d);
    out += failures_section(d);
    out += provenance_section(d);
    out +=
        "</main><footer>Generated by run_multidataset_pipeline (aggregate). Numbers: "
        "consolidated/*.csv; "
        "definitions: docs/consolidation.md.</footer></body></html>\n";
    return out;
}

}  // namespace mdp::consolidate
