#pragma once
// The column layouts the generator writes: exactly the SPEC section 1 schemas (orders 1.1,
// trades 1.2) and the NBBO layout of 1.3 with two extra size columns and a free-text condition.
// Field positions used by the malformed-row injector are derived from these lists, so the
// header and the rows can never disagree.

#include <array>
#include <cstddef>
#include <string_view>

namespace mdp::datagen {

inline constexpr std::array<std::string_view, 29> kOrderColumns{"order_id",
                                                                "exchange",
                                                                "timestamp",
                                                                "security_code",
                                                                "price",
                                                                "side",
                                                                "changereason",
                                                                "orderstatus",
                                                                "quantity",
                                                                "leavesquantity",
                                                                "ordertype",
                                                                "exchangeordertype",
                                                                "national_bid",
                                                                "national_offer",
                                                                "bid",
                                                                "offer",
                                                                "participantid",
                                                                "preferenceonly",
                                                                "midtick",
                                                                "singlefillminimumquantity",
                                                                "minimumquantity",
                                                                "sequence",
                                                                "crossingkey",
                                                                "totalmatchedquantity",
                                                                "shortsellquantity",
                                                                "triggercondition",
                                                                "timevaliditydecoded",
                                                                "row_num",
                                                                "timevalidity"};

inline constexpr std::array<std::string_view, 19> kTradeColumns{"EXCHANGE",
                                                                "sequence",
                                                                "tradedate",
                                                                "tradetime",
                                                                "securitycode",
                                                                "orderid",
                                                                "dealsource",
                                                                "dealsourcedecoded",
                                                                "exchangeinfo",
                                                                "matchgroupid",
                                                                "nationalbidpricesnapshot",
                                                                "nationalofferpricesnapshot",
                                                                "tradeprice",
                                                                "quantity",
                                                                "side",
                                                                "sidedecoded",
                                                                "participantid",
                                                                "passiveaggressive",
                                                                "row_num"};

inline constexpr std::array<std::string_view, 7> kNbboColumns{
    "timestamp", "orderbookid", "bidprice", "offerprice", "bidsize", "offersize", "quotecondition"};

// Where the fields the injector tampers with sit in a row of one file.
struct RowLayout {
    size_t field_count;
    size_t timestamp_field;
    size_t security_field;
    size_t number_field;  // a price or quantity made negative by the "negative numbers" kind
    size_t text_field;    // a free-text field quoted (with a comma inside) by the quoted kind
};

template <size_t N>
constexpr size_t column_index(const std::array<std::string_view, N>& columns,
                              std::string_view name) {
    for (size_t i = 0; i < N; ++i) {
        if (columns[i] == name) return i;
    }
    return N;
}

inline constexpr RowLayout kOrderLayout{
    kOrderColumns.size(), column_index(kOrderColumns, "timestamp"),
    column_index(kOrderColumns, "security_code"), column_index(kOrderColumns, "quantity"),
    column_index(kOrderColumns, "timevaliditydecoded")};
inline constexpr RowLayout kTradeLayout{
    kTradeColumns.size(), column_index(kTradeColumns, "tradetime"),
    column_index(kTradeColumns, "securitycode"), column_index(kTradeColumns, "tradeprice"),
    column_index(kTradeColumns, "dealsourcedecoded")};
inline constexpr RowLayout kNbboLayout{kNbboColumns.size(), column_index(kNbboColumns, "timestamp"),
                                       column_index(kNbboColumns, "orderbookid"),
                                       column_index(kNbboColumns, "bidprice"),
                                       column_index(kNbboColumns, "quotecondition")};

}  // namespace mdp::datagen
