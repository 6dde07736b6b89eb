// Reading partition files: columns by name (any case, trimmed, any order, security aliases),
// exact 19-digit integers, quoted fields, missing files, and every malformed input reported as
// an InputError naming the file and the line.

#include "analyzers/partition_reader.h"

#include <gtest/gtest.h>

#include "analyzers/csv_header.h"
#include "analyzers/hand_worked_partition.h"
#include "common/integer_field.h"
#include "analyzers/partition_analysis.h"
#include "analyzers/partition_builder.h"
#include "common/errors.h"

namespace mdp::analyzers {
namespace {

using namespace testing;
namespace fs = std::filesystem;

// Expects `f` to throw an InputError whose message contains every part.
template <class F>
void expect_input_error(F f, std::initializer_list<std::string> parts) {
    try {
        f();
        ADD_FAILURE() << "no InputError";
    } catch (const InputError& e) {
        for (const auto& part : parts) {
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
                << "'" << part << "' not in: " << e.what();
        }
    }
}

TEST(ParseInt64, ExactIntegersOnly) {
    EXPECT_EQ(parse_int64("7000000000000000101"), 7000000000000000101);
    EXPECT_EQ(parse_int64("-5"), -5);
    EXPECT_EQ(parse_int64("9223372036854775807"), INT64_MAX);
    for (const char* bad : {"", "+5", "1e5", "10.0", " 1", "abc", "9223372036854775808", "1x"}) {
        EXPECT_FALSE(parse_int64(bad).has_value()) << bad;
    }
}

TEST(PartitionReader, ColumnsByNameCaseInsensitiveAnyOrder) {
    const auto dir = scratch_dir("reader_names");
    // Upper case, padded names, a different order, extra columns, the NBBO security name in an
    // orders file, \r\n line ends and a quoted field with a comma.
    write_text(dir / "orders.csv",
               " SEQUENCE ,Extra,ORDER_ID,TimeStamp,orderbookid,Price,Side,ChangeReason,Quantity,"
               "LeavesQuantity,ExchangeOrderType,National_Bid,National_Offer,Bid,Offer,note\r\n"
               "5,x,7000000000000000101,1709600001000000000,7,10010,1,6,100,100,2048,9990,10010,"
               "9991,10009,\"a, b\"\r\n");
    const auto events = read_order_events(dir / "orders.csv", 7);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].order_id, 7000000000000000101);
    EXPECT_EQ(events[0].timestamp, 1709600001000000000);
    EXPECT_EQ(events[0].sequence, 5);
    EXPECT_EQ(events[0].price, 10010);
    EXPECT_EQ(events[0].exchange_order_type, 2048);
    EXPECT_EQ(events[0].bid, 9991);
    EXPECT_EQ(events[0].offer, 10009);
}

TEST(PartitionReader, MissingFilesHaveNoRows) {
    const auto dir = scratch_dir("reader_missing");
    EXPECT_TRUE(read_order_events(dir / "orders.csv", 7).empty());
    EXPECT_EQ(read_trade_rows(dir / "trades.csv", 7, [](int64_t) { return true; }).row_count, 0U);
    // A partition with no files at all still writes every output (empty tables).
    const auto result =
        analyze_partition(dir, dir / "stats", PartitionKey{*CivilDate::parse("2024-03-05"), 7}, {});
    EXPECT_EQ(result.at("order_events"), 0);
    EXPECT_EQ(read_csv(dir / "stats/matched/sweep_order_comparison_detailed.csv").rows.size(), 0U);
    EXPECT_EQ(read_csv(dir / "stats/matched/sweep_order_statistical_tests.csv").rows.size(), 11U);
}

class BadPartition : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
        write_hand_worked_partition(dir_, false);
    }
    void run() {
        analyze_partition(dir_, dir_ / "stats", PartitionKey{*CivilDate::parse("2024-03-05"), 7},
                          {});
    }
    // Replaces data line `line` (1-based file line) of `file`.
    void replace_line(const std::string& file, size_t line, const std::string& text) {
        std::string content = read_text(dir_ / file);
        size_t begin = 0;
        for (size_t l = 1; l < line; ++l) begin = content.find('\n', begin) + 1;
        const size_t end = content.find('\n', begin);
        content.replace(begin, end - begin, text);
        write_text(dir_ / file, content);
    }
    std::string line_of(const std::string& file, size_t line) {
        const std::string content = read_text(dir_ / file);
        size_t begin = 0;
        for (size_t l = 1; l < line; ++l) begin = content.find('\n', begin) + 1;
        return content.substr(begin, content.find('\n', begin) - begin);
    }
    fs::path dir_;
};

TEST_F(BadPartition, MissingNeededColumn) {
    std::string header = line_of("orders.csv", 1);
    header.replace(header.find("leavesquantity"), 14, "leaves_qty");
    replace_line("orders.csv", 1, header);
    expect_input_error([&] { run(); }, {"orders.csv:1:", "leavesquantity"});
}

TEST_F(BadPartition, NonIntegerOrderId) {
    std::string row = line_of("orders.csv", 4);
    row.replace(0, row.find(','), "70000000000000001x1");
    replace_line("orders.csv", 4, row);
    expect_input_error([&] { run(); }, {"orders.csv:4:", "order_id", "not an integer"});
}

TEST_F(BadPartition, DecimalPriceInTrades) {
    std::string row = line_of("trades.csv", 3);
    row.replace(row.find(",10015,"), 7, ",10015.5,");
    replace_line("trades.csv", 3, row);
    expect_input_error([&] { run(); }, {"trades.csv:3:", "tradeprice", "10015.5"});
}

TEST_F(BadPartition, TruncatedRow) {
    std::string row = line_of("orders.csv", 6);
    row.resize(row.size() / 2);
    replace_line("orders.csv", 6, row);
    expect_input_error([&] { run(); }, {"orders.csv:6:", "too few fields"});
}

TEST_F(BadPartition, UnclosedQuote) {
    std::string row = line_of("trades.csv", 2);
    row.replace(row.find("\"Lit, continuous\""), 17, "\"Lit, continuous");
    replace_line("trades.csv", 2, row);
    expect_input_error([&] { run(); }, {"trades.csv:2:"});
}

TEST_F(BadPartition, RowOfAnotherSecurity) {
    std::string row = line_of("orders.csv", 3);
    row.replace(row.find(",7,"), 3, ",8,");
    replace_line("orders.csv", 3, row);
    expect_input_error([&] { run(); }, {"orders.csv:3:", "security 8"});
}

TEST_F(BadPartition, EmptyFileHasNoHeader) {
    write_text(dir_ / "trades.csv", "");
    expect_input_error([&] { run(); }, {"trades.csv:1:", "no header"});
}

}  // namespace
}  // namespace mdp::analyzers
