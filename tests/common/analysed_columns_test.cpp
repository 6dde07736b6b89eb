// The schema of the analysed columns: found by any accepted name, refused when two header cells
// name the same column, and one type per column.

#include "common/analysed_columns.h"

#include <gtest/gtest.h>

#include "common/errors.h"

namespace mdp {
namespace {

TEST(AnalysedColumns, SecurityByAnyNameButNotTwo) {
    const CsvHeader one = CsvHeader::parse("timestamp, OrderBookId ,bidprice", "f.csv");
    EXPECT_EQ(find_column(one, "f.csv", kSecurityColumn), 1U);
    const CsvHeader none = CsvHeader::parse("timestamp,bidprice", "f.csv");
    EXPECT_FALSE(find_column(none, "f.csv", kSecurityColumn).has_value());
    const CsvHeader two = CsvHeader::parse("security_code,timestamp,orderbookid", "f.csv");
    try {
        find_column(two, "f.csv", kSecurityColumn);
        ADD_FAILURE() << "no InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "more than one column for 'security_code/securitycode/orderbookid'"),
                  std::string::npos)
            << e.what();
    }
}

TEST(AnalysedColumns, ResolveNamesTheMissingColumn) {
    const CsvHeader header = CsvHeader::parse("timestamp,orderbookid,bidprice", "n.csv");
    try {
        resolve_columns(header, "n.csv", kNbboColumns);
        ADD_FAILURE() << "no InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("n.csv:1: header has no column 'offerprice'"),
                  std::string::npos)
            << e.what();
    }
}

TEST(AnalysedColumns, TypesOfTheColumns) {
    EXPECT_EQ(kOrderColumns[order_column::kOrderId].type, ValueType::kId);
    EXPECT_EQ(kOrderColumns[order_column::kQuantity].type, ValueType::kQuantity);
    EXPECT_EQ(kOrderColumns[order_column::kNationalBid].type, ValueType::kQuotePrice);
    EXPECT_EQ(kOrderColumns[order_column::kSide].type, ValueType::kCode);
    EXPECT_EQ(kTradeColumns[trade_column::kPrice].type, ValueType::kPrice);
    EXPECT_EQ(kTradeColumns[trade_column::kOrderId].type, ValueType::kId);
    EXPECT_EQ(kNbboColumns[nbbo_column::kBid].type, ValueType::kQuotePrice);
    for (const auto* columns :
         {&kOrderColumns[order_column::kSecurity], &kTradeColumns[trade_column::kSecurity],
          &kNbboColumns[nbbo_column::kSecurity]}) {
        EXPECT_EQ(columns->type, ValueType::kSecurity);
    }
}

}  // namespace
}  // namespace mdp
