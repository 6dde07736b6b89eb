#include "common/csv_row_scanner.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/csv_fields.h"

namespace mdp {
namespace {

struct Scanned {
    CsvRow row;
    std::vector<std::string> fields;  // the kept fields (unquoted lines only)
};

std::vector<Scanned> scan_all(std::string_view data, size_t kept) {
    CsvRowScanner scanner(data, 1, kept);
    std::vector<Scanned> out;
    CsvRow row;
    while (scanner.next(row)) {
        Scanned s{row, {}};
        if (!row.has_quote) {
            for (size_t i = 0; i < kept && i < row.field_count; ++i) {
                s.fields.emplace_back(scanner.field(i));
            }
        }
        out.push_back(s);
    }
    return out;
}

TEST(CsvRowScanner, FindsLinesFieldsCountsAndLineNumbers) {
    const auto lines = scan_all("a,b,c\n\n1,22\r\nx\"y,z", 2);
    ASSERT_EQ(lines.size(), 4U);
    EXPECT_EQ(lines[0].row.text, "a,b,c");
    EXPECT_EQ(lines[0].row.field_count, 3U);
    EXPECT_EQ(lines[0].fields, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(lines[1].row.text, "");
    EXPECT_EQ(lines[1].row.line, 2U);
    EXPECT_EQ(lines[1].fields, (std::vector<std::string>{""}));
    EXPECT_EQ(lines[2].row.text, "1,22");  // the '\r' is dropped from the text and the field
    EXPECT_EQ(lines[2].row.raw_length, 5U);
    EXPECT_EQ(lines[2].fields, (std::vector<std::string>{"1", "22"}));
    EXPECT_TRUE(lines[3].row.has_quote);  // a final line without '\n'
    EXPECT_EQ(lines[3].row.line, 4U);
    EXPECT_TRUE(scan_all("", 3).empty());
    EXPECT_EQ(scan_all("\n", 3).size(), 1U);
}

// Random lines of random lengths (crossing the 64-byte chunks at every offset) against
// split_csv_line.
TEST(CsvRowScanner, AgreesWithSplitCsvLineOnRandomLines) {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 200; ++round) {
        std::string data;
        std::vector<std::string> lines;
        const int count = 1 + static_cast<int>(rng() % 30);
        for (int l = 0; l < count; ++l) {
            std::string line;
            const int length = static_cast<int>(rng() % 150);
            for (int i = 0; i < length; ++i) {
                const auto r = rng() % 10;
                line.push_back(r < 3 ? ',' : r == 3 ? ' ' : static_cast<char>('0' + rng() % 10));
            }
            if (l + 1 == count && line.empty()) line = "x";  // else no final line to find
            lines.push_back(line);
            data += line;
            if (rng() % 4 == 0) data += '\r';
            if (l + 1 < count || rng() % 2 == 0) data += '\n';
        }
        const size_t kept = rng() % 12;
        const auto scanned = scan_all(data, kept);
        ASSERT_EQ(scanned.size(), lines.size());
        for (size_t l = 0; l < lines.size(); ++l) {
            SplitFields split;
            split_csv_line(lines[l], split);
            ASSERT_EQ(scanned[l].row.text, lines[l]);
            ASSERT_EQ(scanned[l].row.line, l + 1);
            ASSERT_EQ(scanned[l].row.field_count, split.fields.size());
            for (size_t i = 0; i < scanned[l].fields.size(); ++i) {
                ASSERT_EQ(scanned[l].fields[i], split.fields[i]) << lines[l];
            }
        }
    }
}

}  // namespace
}  // namespace mdp
