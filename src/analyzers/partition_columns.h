#pragma once
// The columns the analysis reads from each partition file (SPEC 1.1 - 1.3), by name, and how a
// row's fields become an OrderEvent, TradeRow or NbboQuote - in this order of checks: the
// security first, then each column, so that a row with several problems always reports the
// same one. Used by the parser (partition_parser.cpp) and by the tests' reference reader.

#include <array>
#include <cstdint>

#include "analyzers/csv_header.h"
#include "analyzers/partition_rows.h"
#include "analyzers/row_fields.h"
#include "common/partition_key.h"

namespace mdp::analyzers {

inline const WantedColumn kSecurityColumn{{"security_code", "securitycode", "orderbookid"}};

namespace order_column {
enum : size_t {
    kOrderId,
    kTimestamp,
    kSecurity,
    kPrice,
    kSide,
    kChangeReason,
    kQuantity,
    kLeaves,
    kExchangeOrderType,
    kNationalBid,
    kNationalOffer,
    kBid,
    kOffer,
    kSequence,
    kCount
};
}  // namespace order_column

inline const std::array<WantedColumn, order_column::kCount> kOrderColumns{{
    {{"order_id"}},
    {{"timestamp"}},
    kSecurityColumn,
    {{"price"}},
    {{"side"}},
    {{"changereason"}},
    {{"quantity"}},
    {{"leavesquantity"}},
    {{"exchangeordertype"}},
    {{"national_bid"}},
    {{"national_offer"}},
    {{"bid"}},
    {{"offer"}},
    {{"sequence"}},
}};

inline OrderEvent order_event_of(const RowFields<order_column::kCount>& f, uint32_t row,
                                 SecurityCode security) {
    using namespace order_column;
    f.check_security(kSecurity, security);
    OrderEvent e;
    e.order_id = f.integer(kOrderId);
    e.timestamp = f.integer(kTimestamp);
    e.sequence = f.integer(kSequence);
    e.price = f.integer(kPrice);
    e.quantity = f.integer(kQuantity);
    e.leaves_quantity = f.integer(kLeaves);
    e.national_bid = f.quote_price(kNationalBid);
    e.national_offer = f.quote_price(kNationalOffer);
    e.bid = f.quote_price(kBid);
    e.offer = f.quote_price(kOffer);
    e.side = f.code(kSide);
    e.change_reason = f.code(kChangeReason);
    e.exchange_order_type = f.code(kExchangeOrderType);
    e.row = row;
    return e;
}

namespace trade_column {
enum : size_t {
    kOrderId,
    kTradeTime,
    kSecurity,
    kDealSource,
    kNationalBid,
    kNationalOffer,
    kPrice,
    kQuantity,
    kCount
};
}  // namespace trade_column

inline const std::array<WantedColumn, trade_column::kCount> kTradeColumns{{
    {{"orderid"}},
    {{"tradetime"}},
    kSecurityColumn,
    {{"dealsource"}},
    {{"nationalbidpricesnapshot"}},
    {{"nationalofferpricesnapshot"}},
    {{"tradeprice"}},
    {{"quantity"}},
}};

inline TradeRow trade_row_of(const RowFields<trade_column::kCount>& f, uint32_t row,
                             SecurityCode security) {
    using namespace trade_column;
    f.check_security(kSecurity, security);
    TradeRow t;
    t.order_id = f.integer(kOrderId);
    t.trade_time = f.integer(kTradeTime);
    t.price = f.integer(kPrice);
    t.quantity = f.integer(kQuantity);
    t.national_bid = f.quote_price(kNationalBid);
    t.national_offer = f.quote_price(kNationalOffer);
    t.deal_source = f.code(kDealSource);
    t.row = row;
    return t;
}

namespace nbbo_column {
enum : size_t { kTimestamp, kSecurity, kBid, kOffer, kCount };
}  // namespace nbbo_column

inline const std::array<WantedColumn, nbbo_column::kCount> kNbboColumns{{
    {{"timestamp"}},
    kSecurityColumn,
    {{"bidprice"}},
    {{"offerprice"}},
}};

inline NbboQuote nbbo_quote_of(const RowFields<nbbo_column::kCount>& f, uint32_t row,
                               SecurityCode security) {
    using namespace nbbo_column;
    f.check_security(kSecurity, security);
    NbboQuote q;
    q.timestamp = f.integer(kTimestamp);
    q.bid = f.quote_price(kBid);
    q.offer = f.quote_price(kOffer);
    q.row = row;
    return q;
}

}  // namespace mdp::analyzers
