// The securities come ordered by sample size (matched sweeps, then defined savings, then code),
// the table is marked sortable with exact values for the script, and every row says its verdict
// in words, not only in colour.

#include "consolidate/report_security_section.h"

#include <gtest/gtest.h>

#include <regex>

namespace mdp::consolidate {
namespace {

SecurityTestRow security(SecurityCode code, size_t matched, size_t n, double lower, double upper) {
    SecurityTestRow row;
    row.security = code;
    row.matched_sweeps = matched;
    row.test.n = n;
    row.test.mean = (lower + upper) / 2;
    row.test.ci_lower = lower;
    row.test.ci_upper = upper;
    return row;
}

TEST(ReportSecuritySectionTest, OrderIsByMatchedSweepsThenDefinedSavingsThenCode) {
    const auto ordered =
        securities_by_sample_size({security(3, 5, 5, 1, 2), security(1, 9, 8, 1, 2),
                                   security(2, 5, 5, 1, 2), security(4, 5, 4, 1, 2)});
    std::vector<SecurityCode> codes;
    for (const auto& row : ordered) codes.push_back(row.security);
    EXPECT_EQ(codes, (std::vector<SecurityCode>{1, 2, 3, 4}));
}

TEST(ReportSecuritySectionTest, VerdictFollowsTheConfidenceInterval) {
    EXPECT_STREQ(saving_verdict(security(1, 3, 3, 0.5, 2).test).text, "dark cheaper");
    EXPECT_STREQ(saving_verdict(security(1, 3, 3, -2, -0.5).test).text, "lit cheaper");
    EXPECT_STREQ(saving_verdict(security(1, 3, 3, -1, 1).test).text, "no clear difference");
    EXPECT_STREQ(saving_verdict(security(1, 1, 1, stats::kNaN, stats::kNaN).test).text,
                 "too few orders");
}

TEST(ReportSecuritySectionTest, TableRowsComeInSampleSizeOrderWithSortValues) {
    ReportData data;
    data.security_headline = {security(7, 2, 2, -1, 1), security(8, 12, 12, 0.5, 1.5),
                              security(9, 12, 0, stats::kNaN, stats::kNaN)};
    const std::string html = security_section(data, 1000);
    EXPECT_NE(html.find("<table id=\"securities-table\" data-sortable>"), std::string::npos);
    EXPECT_NE(html.find("aria-sort=\"descending\">matched sweeps"), std::string::npos);
    const std::regex first_cell("<tr><td>([0-9]+)</td><td class=\"n\" data-v=\"([0-9]+)\">");
    std::vector<std::string> order;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), first_cell);
         it != std::sregex_iterator(); ++it) {
        order.push_back((*it)[1].str() + ":" + (*it)[2].str());
    }
    EXPECT_EQ(order, (std::vector<std::string>{"8:12", "9:12", "7:2"}));
    EXPECT_NE(html.find("dark cheaper</span>"), std::string::npos);
    EXPECT_NE(html.find("too few orders</span>"), std::string::npos);
}

}  // namespace
}  // namespace mdp::consolidate
