// The palette keeps its meanings: no root cause in the good or bad colour (SIMULATION_MISS in
// caution), every cause its own colour, status and saving colours by their verdict, and the
// page's CSS variables holding the same colours the charts draw with.

#include "consolidate/report_palette.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "analyzers/unmatched_analysis.h"

namespace mdp::consolidate {
namespace {

TEST(ReportPaletteTest, RootCausesNeverUseTheGoodOrBadColourAndAreTellApart) {
    std::set<std::string> colors;
    for (const auto cause : analyzers::kRootCauses) {
        const std::string color = palette::root_cause_color(analyzers::to_string(cause));
        EXPECT_NE(color, palette::kGood) << analyzers::to_string(cause);
        EXPECT_NE(color, palette::kBad) << analyzers::to_string(cause);
        colors.insert(color);
    }
    EXPECT_EQ(colors.size(), analyzers::kRootCauses.size());
    EXPECT_STREQ(palette::root_cause_color("SIMULATION_MISS"), palette::kCaution);
    EXPECT_STREQ(palette::root_cause_color("SOMETHING_NEW"), palette::kNeutral);
}

TEST(ReportPaletteTest, StatusAndSavingColoursFollowTheirVerdict) {
    EXPECT_STREQ(palette::status_color(registry::PartitionStatus::kCompleted), palette::kGood);
    EXPECT_STREQ(palette::status_color(registry::PartitionStatus::kFailed), palette::kBad);
    EXPECT_STREQ(palette::status_color(registry::PartitionStatus::kPending), palette::kNeutral);
    EXPECT_STREQ(palette::saving_color(1.5), palette::kGood);
    EXPECT_STREQ(palette::saving_color(-0.1), palette::kBad);
    EXPECT_STREQ(palette::saving_color(0), palette::kNeutral);
    const std::string css = palette::css_variables();
    EXPECT_NE(css.find(std::string("--good:") + palette::kGood), std::string::npos) << css;
    EXPECT_NE(css.find(std::string("--caution:") + palette::kCaution), std::string::npos) << css;
}

}  // namespace
}  // namespace mdp::consolidate
