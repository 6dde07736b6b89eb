#include "datagen/csv_schema.h"

#include <gtest/gtest.h>

#include <string>

namespace mdp::datagen {
namespace {

template <size_t N>
std::string joined(const std::array<std::string_view, N>& columns) {
    std::string text;
    for (size_t i = 0; i < N; ++i) {
        if (i > 0) text += ',';
        text += columns[i];
    }
    return text;
}

// The lists are copied from SPEC 1.1-1.3 by hand, independently of csv_schema.h.
TEST(CsvSchema, OrdersMatchSpec) {
    EXPECT_EQ(joined(kOrderColumns),
              "order_id,exchange,timestamp,security_code,price,side,changereason,orderstatus,"
              "quantity,leavesquantity,ordertype,exchangeordertype,national_bid,national_offer,"
              "bid,offer,participantid,preferenceonly,midtick,singlefillminimumquantity,"
              "minimumquantity,sequence,crossingkey,totalmatchedquantity,shortsellquantity,"
              "triggercondition,timevaliditydecoded,row_num,timevalidity");
}

TEST(CsvSchema, TradesMatchSpec) {
    EXPECT_EQ(joined(kTradeColumns),
              "EXCHANGE,sequence,tradedate,tradetime,securitycode,orderid,dealsource,"
              "dealsourcedecoded,exchangeinfo,matchgroupid,nationalbidpricesnapshot,"
              "nationalofferpricesnapshot,tradeprice,quantity,side,sidedecoded,participantid,"
              "passiveaggressive,row_num");
}

TEST(CsvSchema, NbboStartsWithTheSpecColumns) {
    EXPECT_EQ(joined(kNbboColumns).substr(0, 42), "timestamp,orderbookid,bidprice,offerprice,");
}

TEST(CsvSchema, LayoutsPointAtTheRightColumns) {
    EXPECT_EQ(kOrderColumns[kOrderLayout.timestamp_field], "timestamp");
    EXPECT_EQ(kOrderColumns[kOrderLayout.security_field], "security_code");
    EXPECT_EQ(kTradeColumns[kTradeLayout.timestamp_field], "tradetime");
    EXPECT_EQ(kTradeColumns[kTradeLayout.security_field], "securitycode");
    EXPECT_EQ(kNbboColumns[kNbboLayout.security_field], "orderbookid");
    EXPECT_EQ(kOrderLayout.field_count, 29U);
    EXPECT_EQ(kTradeLayout.field_count, 19U);
}

}  // namespace
}  // namespace mdp::datagen
