// The one reader of analysed cells (extraction's checks and the analyzers' partition reader):
// every accepted form and every rejected one, and the boundaries of every type's range.

#include "common/cell_value.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace mdp {
namespace {

struct Read {
    CellProblem problem;
    int64_t value;
};

Read read(std::string_view text, ValueType type) {
    int64_t value = -777;
    const CellProblem problem = read_cell(text, type, value);
    return {problem, value};
}

void expect_value(std::string_view text, ValueType type, int64_t expected) {
    const Read r = read(text, type);
    EXPECT_EQ(r.problem, CellProblem::kNone) << "'" << text << "'";
    EXPECT_EQ(r.value, expected) << "'" << text << "'";
}

void expect_problem(std::string_view text, ValueType type, CellProblem expected) {
    const Read r = read(text, type);
    EXPECT_EQ(r.problem, expected) << "'" << text << "'";
    EXPECT_EQ(r.value, -777) << "'" << text << "': the output is left alone";
}

TEST(ParseIntegerText, PlainIntegersAndIntegralFloats) {
    for (const auto& [text, expected] : std::initializer_list<std::pair<const char*, int64_t>>{
             {"3330", 3330},
             {"3330.0", 3330},
             {"3330.00", 3330},
             {"3330.000000", 3330},
             {"-0", 0},
             {"-0.0", 0},
             {"0", 0},
             {"007", 7},
             {"-12.0", -12},
             {"9223372036854775807", INT64_MAX},
             {"9223372036854775807.0", INT64_MAX},
             {"-9223372036854775808", INT64_MIN},
             {"-9223372036854775808.000", INT64_MIN},
             {"7000000000000000101", 7000000000000000101},
             {"0000000000000000000000123", 123},
         }) {
        int64_t value = 0;
        EXPECT_TRUE(parse_integer_text(text, value)) << text;
        EXPECT_EQ(value, expected) << text;
        // The same through the eight-digits-at-a-time path, with readable bytes before the text.
        const std::string buffer = std::string(32, '9') + text;
        const std::string_view in_buffer(buffer.data() + 32, buffer.size() - 32);
        value = 0;
        EXPECT_TRUE(parse_integer_text(in_buffer, value, buffer.data())) << text;
        EXPECT_EQ(value, expected) << text;
    }
}

TEST(ParseIntegerText, RejectsEverythingElse) {
    for (const char* text : {"",
                             "-",
                             "+5",
                             "1e3",
                             "1E3",
                             "3330.5",
                             "3330.",
                             ".0",
                             "-.0",
                             "3330.0.0",
                             " 5",
                             "5 ",
                             "abc",
                             "NaN",
                             "nan",
                             "inf",
                             "0x10",
                             "1,5",
                             "9223372036854775808",
                             "-9223372036854775809",
                             "12345678901234567890123",
                             "9223372036854775808.0",
                             "3330.01",
                             "3330.0e0"}) {
        int64_t value = 42;
        EXPECT_FALSE(parse_integer_text(text, value)) << text;
        EXPECT_EQ(value, 42) << text;
    }
}

TEST(ReadCell, ControlBytesAreNotNumbers) {
    for (const std::string_view text : {std::string_view("5\0", 2), std::string_view("\0", 1),
                                        std::string_view("1\r", 2), std::string_view("\x7f", 1)}) {
        int64_t value = 0;
        EXPECT_EQ(read_cell(text, ValueType::kQuantity, value), CellProblem::kNotANumber);
    }
}

TEST(ReadCell, ProblemsAreClassified) {
    expect_problem("", ValueType::kId, CellProblem::kEmpty);
    expect_problem("", ValueType::kPrice, CellProblem::kEmpty);
    expect_problem("", ValueType::kQuantity, CellProblem::kEmpty);
    expect_problem("", ValueType::kCode, CellProblem::kEmpty);
    expect_problem("", ValueType::kTimestamp, CellProblem::kEmpty);
    expect_problem("", ValueType::kSecurity, CellProblem::kEmpty);
    for (const char* text :
         {"abc", "NaN", "nan", "1e3", "+5", "-", "0x10", "3330.", "1 2", "5\t"}) {
        expect_problem(text, ValueType::kPrice, CellProblem::kNotANumber);
        expect_problem(text, ValueType::kQuotePrice, CellProblem::kNotANumber);
    }
    expect_problem("3330.5", ValueType::kQuantity, CellProblem::kNotIntegral);
    expect_problem("3330.000001", ValueType::kPrice, CellProblem::kNotIntegral);
    expect_problem("-0.5", ValueType::kId, CellProblem::kNotIntegral);
    expect_problem("12345678901234567890123", ValueType::kId, CellProblem::kOutOfRange);
    expect_problem("12345678901234567890123.0", ValueType::kId, CellProblem::kOutOfRange);
    expect_problem("-9223372036854775809", ValueType::kTimestamp, CellProblem::kOutOfRange);
}

TEST(ReadCell, EmptyQuotePriceIsNoQuote) {
    expect_value("", ValueType::kQuotePrice, 0);
    expect_value("0", ValueType::kQuotePrice, 0);
    expect_value("0.0", ValueType::kQuotePrice, 0);
}

TEST(ReadCell, RangeBoundariesOfEveryType) {
    struct Case {
        ValueType type;
        int64_t min;
        int64_t max;
    };
    for (const Case& c :
         {Case{ValueType::kId, 0, INT64_MAX}, Case{ValueType::kTimestamp, 0, INT64_MAX},
          Case{ValueType::kSecurity, 0, INT64_MAX}, Case{ValueType::kPrice, 0, 1'000'000'000},
          Case{ValueType::kQuotePrice, 0, 1'000'000'000},
          Case{ValueType::kQuantity, 0, 1'000'000'000}, Case{ValueType::kCode, 0, INT32_MAX}}) {
        EXPECT_EQ(value_range(c.type).min, c.min);
        EXPECT_EQ(value_range(c.type).max, c.max);
        expect_value(std::to_string(c.min), c.type, c.min);
        expect_value(std::to_string(c.max), c.type, c.max);
        expect_value(std::to_string(c.max) + ".0", c.type, c.max);
        expect_problem(std::to_string(c.min - 1), c.type, CellProblem::kOutOfRange);
        if (c.max < INT64_MAX)
            expect_problem(std::to_string(c.max + 1), c.type, CellProblem::kOutOfRange);
        expect_problem("9223372036854775808", c.type, CellProblem::kOutOfRange);
        expect_problem("-9223372036854775808", c.type, CellProblem::kOutOfRange);
        expect_value("-0", c.type, 0);
    }
    // The values UBSan found overflowing the analyzers.
    expect_problem("-9223372036854775808", ValueType::kQuantity, CellProblem::kOutOfRange);
    expect_problem("9223372036854775807", ValueType::kQuantity, CellProblem::kOutOfRange);
    expect_problem("-9223372036854775808", ValueType::kPrice, CellProblem::kOutOfRange);
}

TEST(ReadCell, SpacesAreTrimmedByTheCallerNotTheReader) {
    expect_problem(" 5", ValueType::kQuantity, CellProblem::kNotANumber);
    EXPECT_EQ(trim_spaces("  5 "), "5");
    EXPECT_EQ(trim_spaces("   "), "");
    expect_value(trim_spaces("  3330.0  "), ValueType::kQuantity, 3330);
}

TEST(ReadCell, SecurityCodeLimitIsTheLargestInt64) {
    EXPECT_EQ(kMaxSecurityCode, uint64_t{INT64_MAX});
    expect_problem("18446744073709551615", ValueType::kSecurity, CellProblem::kOutOfRange);
}

}  // namespace
}  // namespace mdp
