#include "common/csv_line_scanner.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/csv_fields.h"

namespace mdp {
namespace {

std::vector<ScannedLine> scan_all(std::string_view data, size_t first, size_t second) {
    CsvLineScanner scanner(data, first, second);
    std::vector<ScannedLine> lines;
    ScannedLine line;
    while (scanner.next(line)) lines.push_back(line);
    return lines;
}

TEST(CsvLineScanner, FindsLinesFieldsAndCounts) {
    const auto lines = scan_all("a,b,c\n\n1,22\r\nx", 1, 2);
    ASSERT_EQ(lines.size(), 4U);
    EXPECT_EQ(lines[0].text, "a,b,c");
    EXPECT_EQ(lines[0].field_count, 3U);
    EXPECT_EQ(lines[0].first, "b");
    EXPECT_EQ(lines[0].second, "c");
    EXPECT_EQ(lines[1].text, "");
    EXPECT_EQ(lines[1].field_count, 1U);
    EXPECT_EQ(lines[2].text, "1,22\r");  // the '\r' stays in the text but not in the last field
    EXPECT_EQ(lines[2].first, "22");
    EXPECT_TRUE(lines[2].second.empty());
    EXPECT_EQ(lines[3].text, "x");  // a final line without '\n'
    EXPECT_FALSE(lines[3].has_quote);
}

TEST(CsvLineScanner, FlagsQuotesAndHandlesEmptyAndTinyInputs) {
    EXPECT_TRUE(scan_all("", 0, 1).empty());
    const auto newline_only = scan_all("\n", 0, 1);
    ASSERT_EQ(newline_only.size(), 1U);
    EXPECT_EQ(newline_only[0].text, "");
    const auto quoted = scan_all("a,\"b,c\",d\nplain,e\n", 0, 2);
    ASSERT_EQ(quoted.size(), 2U);
    EXPECT_TRUE(quoted[0].has_quote);
    EXPECT_FALSE(quoted[1].has_quote);
    EXPECT_EQ(quoted[1].first, "plain");
}

// Random lines of every length around the 64-byte chunk size, at every alignment, against
// split_csv_line on each line.
TEST(CsvLineScanner, AgreesWithSplitOnRandomLinesAcrossChunkBoundaries) {
    std::mt19937_64 random(20261201);
    const std::string alphabet = "0123456789,,,,,ab\r\"";
    for (int round = 0; round < 300; ++round) {
        std::string data;
        std::vector<std::string> expected;
        const int line_count = 1 + static_cast<int>(random() % 12);
        for (int l = 0; l < line_count; ++l) {
            std::string line;
            const size_t length = random() % 200;
            for (size_t i = 0; i < length; ++i) line.push_back(alphabet[random() % alphabet.size()]);
            expected.push_back(line);
            data += line;
            if (l + 1 < line_count || random() % 2 == 0) data += '\n';
        }
        const size_t first = random() % 8;
        const size_t second = random() % 8;
        const auto lines = scan_all(data, first, second);
        ASSERT_EQ(lines.size(), expected.size()) << round;
        for (size_t l = 0; l < lines.size(); ++l) {
            const std::string& text = expected[l];
            EXPECT_EQ(lines[l].text, text);
            const bool quoted = text.find('"') != std::string::npos;
            EXPECT_EQ(lines[l].has_quote, quoted);
            if (quoted) continue;
            std::string_view without_cr = text;
            if (!without_cr.empty() && without_cr.back() == '\r') without_cr.remove_suffix(1);
            SplitFields split;
            split_csv_line(without_cr, split);
            ASSERT_EQ(split.status, SplitStatus::kOk);
            EXPECT_EQ(lines[l].field_count, split.fields.size()) << text;
            EXPECT_EQ(lines[l].first, first < split.fields.size() ? split.fields[first] : "") << text;
            EXPECT_EQ(lines[l].second, second < split.fields.size() ? split.fields[second] : "") << text;
        }
    }
}

}  // namespace
}  // namespace mdp
