// report.html from hand-made report data: sections and charts present, error text escaped,
// undefined numbers shown as a dash, failures listed, the glossary and per-date view present,
// colours by meaning, no specification references, and the same data giving the same bytes.

#include "consolidate/html_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "analyzers/unmatched_analysis.h"
#include "consolidate/report_palette.h"
#include "consolidate/svg_charts.h"

namespace mdp::consolidate {
namespace {

ReportData sample_data() {
    ReportData d;
    d.partitions = 5;
    d.by_status = {1, 0, 3, 1};
    d.included = 3;
    d.securities = 2;
    d.dates = 2;
    d.set_a_orders = 12;
    d.set_b_orders = 7;
    d.failures_total = 1;
    d.failures.push_back({PartitionKey{*CivilDate::parse("2024-04-02"), 17}, "failed", 4, 0.5, 100,
                          "orders.csv line 3: bad <field> & \"quote\""});
    d.slowest.push_back(
        {PartitionKey{*CivilDate::parse("2024-04-03"), 5}, "completed", 1, 2.25, 900, ""});
    MetricTestRow row;
    row.n = 12;
    row.mean = 3.5;
    row.ci_lower = 1.25;
    row.ci_upper = 5.75;
    row.p_value = 0.0004;
    row.dark_better_count = 10;
    row.dark_better_pct = 83.33;
    d.pooled.assign(11, row);
    MetricTestRow single;
    single.n = 1;
    single.mean = -2;
    d.security_headline = {{5, row, 12}, {17, single, 1}};
    d.saving_distribution =
        describe_saving_distribution({-2, 1, 3, 3.5, 4, 5, 8, 9, 10, 1.5, 2, 6});
    DateSummary day;
    day.date = *CivilDate::parse("2024-04-02");
    day.partitions = 3;
    day.consolidated = 2;
    day.failed = 1;
    day.matched_sweeps = 12;
    day.unmatched_sweeps = 7;
    day.saving_n = 12;
    day.mean_saving_bps = 3.5;
    day.dark_cheaper = 11;
    d.per_date = {day};
    d.anova.assign(11, AnovaRow{2, 0, 12, {4.5, 0.05}});
    d.root_causes = {
        {"INSTANT_LIT_EXECUTION", 4}, {"NO_LIQUIDITY_AT_ALL", 3}, {"SIMULATION_MISS", 2}};
    return d;
}

TEST(HtmlReportTest, HasEverySectionTheChartsAndEscapedErrors) {
    const std::string html = render_html_report(sample_data());
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
    for (const char* part :
         {"id=\"savings\"", "id=\"partitions\"", "id=\"root-causes\"", "id=\"metrics\"",
          "id=\"slowest\"", "id=\"failures\"", "id=\"distribution\"", "id=\"dates\"",
          "id=\"glossary\"", "id=\"provenance\"", "2024-04-02/17", "1 partitions failed",
          "INSTANT_LIT_EXECUTION", "id=\"saving-quantiles\"", "id=\"dates-table\" data-sortable",
          "id=\"securities-table\" data-sortable"}) {
        EXPECT_NE(html.find(part), std::string::npos) << part;
    }
    EXPECT_NE(html.find("bad &lt;field&gt; &amp; &quot;quote&quot;"), std::string::npos);
    EXPECT_EQ(html.find("bad <field>"), std::string::npos);
    size_t svgs = 0;
    for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1))
        ++svgs;
    EXPECT_EQ(svgs, 6U);  // distribution, savings, dates, root causes, status, slowest
    EXPECT_EQ(render_html_report(sample_data()), html);
}

TEST(HtmlReportTest, GlossaryDefinesEveryRootCauseAndNothingCitesTheSpecification) {
    const std::string html = render_html_report(sample_data());
    const size_t glossary = html.find("id=\"glossary\"");
    ASSERT_NE(glossary, std::string::npos);
    for (const auto cause : analyzers::kRootCauses) {
        const std::string code(analyzers::to_string(cause));
        EXPECT_NE(html.find("id=\"g-" + code + "\"", glossary), std::string::npos) << code;
    }
    EXPECT_EQ(html.find("SPEC"), std::string::npos);
    EXPECT_EQ(std::regex_search(html, std::regex("SPEC ?[0-9]")), false);
}

TEST(HtmlReportTest, ColoursCarryOneMeaningAndTheOnlyScriptIsInline) {
    const std::string html = render_html_report(sample_data());
    // SIMULATION_MISS is drawn in caution, never in the good colour.
    const size_t root_causes = html.find("id=\"root-causes\"");
    const std::string section =
        html.substr(root_causes, html.find("</section>", root_causes) - root_causes);
    EXPECT_NE(section.find(std::string("background:") + palette::kCaution +
                           "\"></span><a href=\"#g-SIMULATION_MISS\""),
              std::string::npos)
        << section;
    EXPECT_EQ(section.find(palette::kGood), std::string::npos) << section;
    // One <script>, inline, and nothing loaded from anywhere.
    EXPECT_EQ(html.find("<script"), html.rfind("<script"));
    EXPECT_NE(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos);
}

TEST(HtmlReportTest, DisplayNumbersAreRoundedWithSeparatorsAndDashesForNaN) {
    EXPECT_EQ(display_fixed(1234567.891, 2), "1,234,567.89");
    EXPECT_EQ(display_fixed(-0.001, 2), "0.00");
    EXPECT_EQ(display_fixed(-12.5, 1), "\u221212.5");
    EXPECT_EQ(display_fixed(std::nan(""), 2), "\u2013");
    EXPECT_EQ(display_p_value(0.0004), "&lt;0.001");
    EXPECT_EQ(display_p_value(0.04567), "0.046");
}

}  // namespace
}  // namespace mdp::consolidate
