// Column charts and the saving histogram: one bar per value (none for NaN), negative bars
// below the zero line, histogram bins coloured by their side of 0, hover text on every bar.

#include "consolidate/svg_column_charts.h"

#include <gtest/gtest.h>

#include <cmath>

#include "consolidate/report_palette.h"

namespace mdp::consolidate {
namespace {

size_t count(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

TEST(SvgColumnChartsTest, ColumnChartDrawsABarPerDefinedValueWithItsHoverText) {
    const std::string svg = column_chart_svg({{"2024-04-02", 2.5, "#111111", "day one"},
                                              {"2024-04-03", -1.0, "#222222", "day two"},
                                              {"2024-04-04", std::nan(""), "#333333", "none"}},
                                             800, "mean saving");
    EXPECT_EQ(svg.rfind("<svg", 0), 0U);
    EXPECT_EQ(count(svg, "<rect"), 2U);
    EXPECT_NE(svg.find("<title>day one</title>"), std::string::npos);
    EXPECT_NE(svg.find("<title>day two</title>"), std::string::npos);
    EXPECT_EQ(svg.find("<title>none</title>"), std::string::npos);
    EXPECT_NE(svg.find(">2024-04-02</text>"), std::string::npos);
    EXPECT_NE(svg.find("class=\"baseline\""), std::string::npos);
}

TEST(SvgColumnChartsTest, HistogramColoursBinsByTheirSideOfZeroAndLabelsZero) {
    const std::vector<HistogramBin> bins{{-2, -1, 3}, {-1, 0, 5}, {0, 1, 7}, {1, 2, 0}};
    const std::string svg = saving_histogram_svg(bins, 800, "saving");
    EXPECT_EQ(count(svg, std::string("fill=\"") + palette::kBad + "\""), 2U);
    EXPECT_EQ(count(svg, std::string("fill=\"") + palette::kGood + "\""), 1U);  // empty bin: no bar
    EXPECT_NE(svg.find("7 orders from 0.0 to 1.0 bps"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">0</text>"), std::string::npos);
    EXPECT_NE(svg.find("class=\"zero\""), std::string::npos);
}

}  // namespace
}  // namespace mdp::consolidate
