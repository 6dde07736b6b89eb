// Reading back per-partition CSV lines: quoted fields, empty cells, and number cells parsed as
// the exact inverse of number_format.h.

#include "consolidate/csv_record.h"

#include <gtest/gtest.h>

#include <cmath>

#include "analyzers/number_format.h"

namespace mdp::consolidate {
namespace {

TEST(CsvRecordTest, SplitsPlainQuotedAndEmptyFields) {
    std::vector<std::string> fields;
    ASSERT_TRUE(split_csv_line("1,,x,\"a, \"\"b\"\"\",", fields));
    ASSERT_EQ(fields.size(), 5U);
    EXPECT_EQ(fields[0], "1");
    EXPECT_EQ(fields[1], "");
    EXPECT_EQ(fields[2], "x");
    EXPECT_EQ(fields[3], "a, \"b\"");
    EXPECT_EQ(fields[4], "");
    EXPECT_FALSE(split_csv_line("1,\"open", fields));
}

TEST(CsvRecordTest, NumberCellsRoundTripTheOutputFormat) {
    for (const double v : {0.1, -5.223414523363631, 1e-300, 123456789.125, 3.0, -0.0}) {
        const auto parsed = parse_number_cell(analyzers::format_number(v));
        ASSERT_TRUE(parsed.has_value());
        EXPECT_EQ(*parsed, v == 0 ? 0.0 : v);
        EXPECT_EQ(analyzers::format_number(*parsed), analyzers::format_number(v));
    }
    EXPECT_TRUE(std::isnan(*parse_number_cell("")));
    EXPECT_TRUE(std::isinf(*parse_number_cell("-inf")));
    EXPECT_FALSE(parse_number_cell("12x").has_value());
    EXPECT_FALSE(parse_number_cell("true").has_value());
    EXPECT_EQ(parse_integer_cell("7000729039080864647"), 7000729039080864647LL);
    EXPECT_FALSE(parse_integer_cell("1.5").has_value());
}

TEST(CsvRecordTest, LineCursorHandlesCrLfAndAMissingFinalNewline) {
    LineCursor lines("a\r\nb\nc");
    EXPECT_EQ(*lines.next(), "a");
    EXPECT_EQ(*lines.next(), "b");
    EXPECT_EQ(*lines.next(), "c");
    EXPECT_EQ(lines.line_number(), 3U);
    EXPECT_FALSE(lines.next().has_value());
}

}  // namespace
}  // namespace mdp::consolidate
