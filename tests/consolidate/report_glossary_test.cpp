// The glossary defines every compared metric and every root cause the analyzers can produce,
// in their order, and the section carries them all with anchors the other sections link to.

#include "consolidate/report_glossary.h"

#include <gtest/gtest.h>

#include "analyzers/metric_catalog.h"
#include "analyzers/unmatched_analysis.h"
#include "consolidate/svg_charts.h"

namespace mdp::consolidate {
namespace {

TEST(ReportGlossaryTest, DefinesEveryMetricAndRootCauseInCatalogueOrder) {
    ASSERT_EQ(metric_glossary().size(), analyzers::kComparedMetrics.size());
    for (size_t m = 0; m < metric_glossary().size(); ++m) {
        EXPECT_EQ(metric_glossary()[m].term, analyzers::kComparedMetrics[m].name);
        EXPECT_GT(metric_glossary()[m].definition.size(), 20U);
    }
    ASSERT_EQ(root_cause_glossary().size(), analyzers::kRootCauses.size());
    for (size_t c = 0; c < root_cause_glossary().size(); ++c) {
        EXPECT_EQ(root_cause_glossary()[c].term, analyzers::to_string(analyzers::kRootCauses[c]));
        EXPECT_GT(root_cause_glossary()[c].definition.size(), 20U);
    }
}

TEST(ReportGlossaryTest, SectionHasAnAnchorPerTermAndNoSpecReference) {
    const std::string html = glossary_section();
    for (const auto& metric : analyzers::kComparedMetrics) {
        EXPECT_NE(html.find("id=\"g-" + std::string(metric.name) + "\""), std::string::npos)
            << metric.name;
        EXPECT_NE(html.find(std::string(metric.difference_name)), std::string::npos);
    }
    for (const auto cause : analyzers::kRootCauses) {
        EXPECT_NE(html.find("id=\"g-" + std::string(analyzers::to_string(cause)) + "\""),
                  std::string::npos);
    }
    for (const auto& term : term_glossary()) {
        EXPECT_NE(html.find(html_escape(term.definition)), std::string::npos) << term.term;
    }
    EXPECT_EQ(html.find("SPEC"), std::string::npos);
}

}  // namespace
}  // namespace mdp::consolidate
