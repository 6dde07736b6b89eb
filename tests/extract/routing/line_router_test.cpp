#include "extract/routing/line_router.h"

#include <gtest/gtest.h>

namespace mdp::extract {
namespace {

// Columns: id, timestamp, security (3 fields).
class LineRouterTest : public ::testing::Test {
protected:
    LineRouterTest() : zone_(MarketTimeZone::load("Australia/Sydney")), dates_(zone_) {
        rules_.field_count = 3;
        rules_.timestamp_column = 1;
        rules_.security_column = 2;
        rules_.max_line_bytes = 200;
        rules_.zone = &zone_;
    }

    RoutedBlock route(std::string data) {
        InputBlock block;
        block.index = 7;
        block.end_offset = 1000;
        block.data = Buffer::holding(data);
        return LineRouter(rules_).route(std::move(block), dates_, pool_);
    }

    BufferPool pool_{1 << 20};
    MarketTimeZone zone_;
    LocalDateCache dates_;
    RoutingRules rules_;
};

// 2024-03-04T21:00:00Z = 08:00 AEDT on 2024-03-05 (before midnight UTC, Sydney's next day).
constexpr const char* kPreOpen = "1709586000000000000";
// 2024-03-05T03:00:00Z = 14:00 AEDT on 2024-03-05.
constexpr const char* kMidday = "1709607600000000000";

TEST_F(LineRouterTest, GroupsRowsByPartitionKeepingInputOrder) {
    const std::string data = std::string("a,") + kPreOpen + ",42\n" + "b," + kMidday + ",7\n" + "c," + kMidday +
                             ",42\n";
    const RoutedBlock out = route(data);
    EXPECT_EQ(out.index, 7U);
    EXPECT_EQ(out.end_offset, 1000U);
    EXPECT_EQ(out.lines, 3U);
    ASSERT_EQ(out.groups.size(), 2U);
    EXPECT_EQ(out.groups[0].key, (PartitionKey{CivilDate{2024, 3, 5}, 42}));
    EXPECT_EQ(out.text_of(out.groups[0]), std::string("a,") + kPreOpen + ",42\nc," + kMidday + ",42\n");
    EXPECT_EQ(out.groups[0].rows, 2U);
    EXPECT_EQ(out.groups[1].key, (PartitionKey{CivilDate{2024, 3, 5}, 7}));
    EXPECT_TRUE(out.rejects.empty());
}

TEST_F(LineRouterTest, KeepsCrLfAndTerminatesAFinalLineWithoutNewline) {
    const RoutedBlock out = route(std::string("a,") + kMidday + ",1\r\nb," + kMidday + ",1");
    ASSERT_EQ(out.groups.size(), 1U);
    EXPECT_EQ(out.text_of(out.groups[0]), std::string("a,") + kMidday + ",1\r\nb," + kMidday + ",1\n");
}

TEST_F(LineRouterTest, DaylightSavingEndDecidesTheDate) {
    // DST ends 2024-04-07 03:00 AEDT = 2024-04-06T16:00:00Z. 13:59:59Z on 04-06 is 00:59:59 AEDT
    // on 04-07; 2024-04-07T13:59:59Z is 23:59:59 AEST on 04-07; 14:00:00Z is 04-08.
    const RoutedBlock out = route("a,1712411999000000000,1\nb,1712498399000000000,1\nc,1712498400000000000,1\n");
    ASSERT_EQ(out.groups.size(), 2U);
    EXPECT_EQ(out.groups[0].key.date, (CivilDate{2024, 4, 7}));
    EXPECT_EQ(out.groups[0].rows, 2U);
    EXPECT_EQ(out.groups[1].key.date, (CivilDate{2024, 4, 8}));
}

TEST_F(LineRouterTest, RejectsBadLinesWithReasons) {
    const std::string good = std::string("ok,") + kMidday + ",5";
    const std::string data = good + "\n" +            // 0 accepted
                             "\n" +                     // 1 empty
                             "x,1\n" +                  // 2 too few fields
                             "x,1,2,3\n" +              // 3 too many
                             "x,12ab,5\n" +             // 4 bad timestamp
                             "x,-5,5\n" +               // 5 negative timestamp
                             "x,1,../x\n" +             // 6 path-like security
                             "x,1,1e5\n" +              // 7
                             "x,1,1234567890123456789012345678901234567890\n" +  // 8
                             "x,1,\n" +                 // 9 empty security
                             "x,\"1,5\n" +              // 10 unterminated quote
                             std::string(300, 'z') + "\n" +  // 11 too long
                             std::string("\x01\x02\xff,\x00,\x7f\n", 8);  // 12 binary garbage (3 fields)
    const RoutedBlock out = route(data);
    EXPECT_EQ(out.lines, 13U);
    ASSERT_EQ(out.groups.size(), 1U);
    EXPECT_EQ(out.groups[0].rows, 1U);
    ASSERT_EQ(out.rejects.size(), 12U);
    const std::vector<std::pair<uint64_t, std::string>> expected{
        {1, "empty line"},
        {2, "expected 3 fields, found 2"},
        {3, "expected 3 fields, found 4"},
        {4, "timestamp '12ab' is not an integer"},
        {5, "timestamp -5 is negative"},
        {6, "security code '../x' is not a plain non-negative integer"},
        {7, "security code '1e5' is not a plain non-negative integer"},
        {8, "security code '1234567890123456789012345678901234567890' is not a plain non-negative integer"},
        {9, "security code '' is not a plain non-negative integer"},
        {10, "unterminated quoted field"},
        {11, "line of 300 bytes is longer than the limit of 200"},
    };
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(out.rejects[i].line_in_block, expected[i].first);
        EXPECT_EQ(out.rejects[i].reason, expected[i].second);
    }
    EXPECT_EQ(out.rejects[5].text, "x,1,../x");
    EXPECT_EQ(out.rejects[11].line_in_block, 12U);
    EXPECT_EQ(out.rejects[11].reason, "timestamp '?' is not an integer");
}

TEST_F(LineRouterTest, OversizedLineFromTheReaderBecomesOneReject) {
    InputBlock block;
    block.data = Buffer::holding("preview");
    block.oversized_line_length = 10'000'000;
    const RoutedBlock out = LineRouter(rules_).route(std::move(block), dates_, pool_);
    EXPECT_EQ(out.lines, 1U);
    ASSERT_EQ(out.rejects.size(), 1U);
    EXPECT_EQ(out.rejects[0].text, "preview");
    EXPECT_NE(out.rejects[0].reason.find("10000000 bytes"), std::string::npos);
}

TEST_F(LineRouterTest, ProjectionKeepsChosenColumnsAndRequotes) {
    rules_.field_count = 4;
    rules_.kept_columns = {1, 2, 3};
    const RoutedBlock out = route(std::string("id,") + kMidday + ",9,\"Rest, of Day\"\r\n");
    ASSERT_EQ(out.groups.size(), 1U);
    EXPECT_EQ(out.text_of(out.groups[0]), std::string(kMidday) + ",9,\"Rest, of Day\"\r\n");
    const std::string header =
        LineRouter(rules_).partition_header({"ID", "timestamp", "security_code", "tv"}, "ignored", "\n");
    EXPECT_EQ(header, "timestamp,security_code,tv\n");
}

// The groups lie end to end in one buffer, in order of first appearance, each holding exactly its
// rows (a final line without a newline gets one).
TEST_F(LineRouterTest, GroupsLieEndToEndInOneBuffer) {
    std::string data;
    for (int i = 0; i < 5000; ++i) {
        data += "row" + std::to_string(i) + "," + kMidday + "," + std::to_string(i % 3) + (i % 2 ? "\r\n" : "\n");
    }
    data += std::string("last,") + kMidday + ",1";  // no final newline: gets one
    for (const bool projected : {false, true}) {
        if (projected) rules_.kept_columns = {2, 0};
        const RoutedBlock out = route(data);
        ASSERT_EQ(out.groups.size(), 3U);
        uint64_t rows = 0;
        size_t next_offset = 0;
        for (const RowGroup& group : out.groups) {
            rows += group.rows;
            EXPECT_EQ(group.offset, next_offset);
            next_offset += group.length;
            EXPECT_EQ(out.text_of(group).back(), '\n');
        }
        EXPECT_EQ(next_offset, out.text.size());
        EXPECT_EQ(rows, 5001U);
        if (!projected) {
            EXPECT_EQ(out.text.size(), data.size() + 1);
        }
        const std::string expected_start =
            projected ? std::string("1,row1\r\n1,row4\n") : "row1," + std::string(kMidday) + ",1\r\nrow4,";
        EXPECT_EQ(out.text_of(out.groups[1]).substr(0, expected_start.size()), expected_start);
    }
}

// Columns: order id, timestamp, security, price, bid (a quote price: may be empty), free text;
// the order id, price and bid are checked as the analysis reads them (common/cell_value.h).
class CheckedLineRouterTest : public LineRouterTest {
protected:
    CheckedLineRouterTest() {
        rules_.field_count = 6;
        rules_.checked_columns = {{0, ValueType::kId, "order_id"},
                                  {3, ValueType::kPrice, "price"},
                                  {4, ValueType::kQuotePrice, "bid"}};
    }

    static std::string row(std::string_view id, std::string_view price, std::string_view bid,
                           std::string_view text = "Rest of Day") {
        return std::string(id) + "," + kMidday + ",42," + std::string(price) + "," + std::string(bid) + "," +
               std::string(text) + "\n";
    }
};

TEST_F(CheckedLineRouterTest, EachBadCellIsOneRejectOfItsKind) {
    const std::string data = row("1", "3330", "3320") +                      // 0 fine
                             row("", "3330", "3320") +                       // 1 empty order id
                             row("2", "abc", "3320") +                       // 2 not a number
                             row("3", "3330", "NaN") +                       // 3 NaN quote
                             row("4", "3330.5", "3320") +                    // 4 not integral
                             row("12345678901234567890123", "1", "1") +      // 5 23 digits
                             row("6", "-9223372036854775808", "1") +         // 6 INT64_MIN price
                             row("7", "1000000001", "1") +                   // 7 above the price range
                             row("8", "+5", "1") +                           // 8 a sign
                             row("9", "1e3", "1") +                          // 9 an exponent
                             row(" 10 ", "3330.0", "") +                     // 10 fine: spaces, integral float, no bid
                             row("11", "3330.000000", "-0") +                // 11 fine
                             row("-1", "1", "1");                            // 12 negative id
    const RoutedBlock out = route(data);
    EXPECT_EQ(out.lines, 13U);
    ASSERT_EQ(out.groups.size(), 1U);
    EXPECT_EQ(out.groups[0].rows, 3U);
    EXPECT_EQ(out.text_of(out.groups[0]), row("1", "3330", "3320") + row(" 10 ", "3330.0", "") +
                                              row("11", "3330.000000", "-0"));
    struct Expected {
        uint64_t line;
        RejectKind kind;
        std::string reason;
    };
    const std::vector<Expected> expected{
        {1, RejectKind::kEmptyValue, "column 'order_id' is empty"},
        {2, RejectKind::kNotANumber, "column 'price' value 'abc' is not a number"},
        {3, RejectKind::kNotANumber, "column 'bid' value 'NaN' is not a number"},
        {4, RejectKind::kNotIntegral, "column 'price' value '3330.5' is not an integer"},
        {5, RejectKind::kOutOfRange,
         "column 'order_id' value '12345678901234567890123' is outside 0 .. 9223372036854775807"},
        {6, RejectKind::kOutOfRange, "column 'price' value '-9223372036854775808' is outside 0 .. 1000000000"},
        {7, RejectKind::kOutOfRange, "column 'price' value '1000000001' is outside 0 .. 1000000000"},
        {8, RejectKind::kNotANumber, "column 'price' value '+5' is not a number"},
        {9, RejectKind::kNotANumber, "column 'price' value '1e3' is not a number"},
        {12, RejectKind::kOutOfRange, "column 'order_id' value '-1' is outside 0 .. 9223372036854775807"},
    };
    ASSERT_EQ(out.rejects.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(out.rejects[i].line_in_block, expected[i].line);
        EXPECT_EQ(out.rejects[i].kind, expected[i].kind) << expected[i].reason;
        EXPECT_EQ(out.rejects[i].reason, expected[i].reason);
    }
    EXPECT_EQ(out.rejects[1].text, row("2", "abc", "3320").substr(0, row("2", "abc", "3320").size() - 1));
    EXPECT_EQ(reject_kind_name(RejectKind::kEmptyValue), "empty_value");
    EXPECT_EQ(reject_kind_name(RejectKind::kNotANumber), "not_a_number");
    EXPECT_EQ(reject_kind_name(RejectKind::kNotIntegral), "not_integral");
    EXPECT_EQ(reject_kind_name(RejectKind::kOutOfRange), "out_of_range");
    EXPECT_EQ(reject_kind_name(RejectKind::kBadSecurity), "bad_security");  // numbering kept
}

TEST_F(CheckedLineRouterTest, QuotedCellsAreCheckedUnquoted) {
    const RoutedBlock out = route(std::string("\"5\",") + kMidday + ",42,\"3330.0\",\"\",\"a, b\"\n" +
                                  "\"5\"," + kMidday + ",42,\"3330.0\",\"x\",\"a, b\"\n" +
                                  "\"5\"," + kMidday + ",42,\"3,330\",1,t\n");
    ASSERT_EQ(out.groups.size(), 1U);
    EXPECT_EQ(out.groups[0].rows, 1U);
    ASSERT_EQ(out.rejects.size(), 2U);
    EXPECT_EQ(out.rejects[0].kind, RejectKind::kNotANumber);
    EXPECT_EQ(out.rejects[0].reason, "column 'bid' value 'x' is not a number");
    EXPECT_EQ(out.rejects[1].reason, "column 'price' value '3,330' is not a number");
}

// NUL and other control bytes in a free-text column are kept (the analyzers never read that
// column and the row's text is copied verbatim); in a checked column they are not a number.
TEST_F(CheckedLineRouterTest, ControlBytesInFreeTextAreKept) {
    const std::string text = std::string("Rest") + '\0' + "of\x01" + "Day\x7f";
    const std::string data = row("1", "3330", "3320", text) + row("2", std::string("33\0", 3), "1");
    const RoutedBlock out = route(data);
    ASSERT_EQ(out.groups.size(), 1U);
    EXPECT_EQ(out.text_of(out.groups[0]), row("1", "3330", "3320", text));
    ASSERT_EQ(out.rejects.size(), 1U);
    EXPECT_EQ(out.rejects[0].kind, RejectKind::kNotANumber);
    EXPECT_EQ(out.rejects[0].reason, "column 'price' value '33?' is not a number");
}

TEST_F(LineRouterTest, SecurityAboveTheLargestInt64IsRejected) {
    const RoutedBlock out = route(std::string("a,") + kMidday + ",18446744073709551615\n" + "b," + kMidday +
                                  ",9223372036854775807\n" + "c," + kMidday + ",9223372036854775808\n");
    ASSERT_EQ(out.groups.size(), 1U);
    EXPECT_EQ(out.groups[0].key.security, 9223372036854775807U);
    ASSERT_EQ(out.rejects.size(), 2U);
    EXPECT_EQ(out.rejects[0].kind, RejectKind::kBadSecurity);
    EXPECT_EQ(out.rejects[0].reason, "security code 18446744073709551615 is above the largest, 9223372036854775807");
    EXPECT_EQ(out.rejects[1].line_in_block, 2U);
}

}  // namespace
}  // namespace mdp::extract
