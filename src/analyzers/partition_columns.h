#pragma once
// How a row's fields of the columns the analysis reads (common/analysed_columns.h: the schema
// extraction checks too) become an OrderEvent, TradeRow or NbboQuote - in this order of checks: the
// security first, then each column, so that a row with several problems always reports the
// same one. Used by the parser (partition_parser.cpp) and by the tests' reference reader.

#include <array>
#include <cstdint>

#include "analyzers/csv_header.h"
#include "analyzers/partition_rows.h"
#include "analyzers/row_fields.h"
#include "common/analysed_columns.h"
#include "common/partition_key.h"

namespace mdp::analyzers {

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
