#pragma once
// The rows of one partition's input files as the analyzers need them (SPEC 1.1 - 1.3): only the
// columns the analysis reads, every id, time and price kept as an exact integer (19-digit order
// ids and epoch-nanosecond times never pass through a double). `row` is the 0-based data-row
// index in the file, the final tie-break wherever SPEC 3 says "ties by input order".

#include <cstdint>

namespace mdp::analyzers {

// One order event (a row of orders.csv).
struct OrderEvent {
    int64_t order_id = 0;
    int64_t timestamp = 0;  // ns
    int64_t sequence = 0;
    int64_t price = 0;  // limit, price units
    int64_t quantity = 0;
    int64_t leaves_quantity = 0;
    int64_t national_bid = 0;
    int64_t national_offer = 0;
    int64_t bid = 0;    // exchange BBO
    int64_t offer = 0;  // exchange BBO
    int32_t side = 0;   // 1 buy, 2 sell
    int32_t change_reason = 0;
    int32_t exchange_order_type = 0;
    uint32_t row = 0;
};

// One side of an execution (a row of trades.csv).
struct TradeRow {
    int64_t order_id = 0;
    int64_t trade_time = 0;  // ns
    int64_t price = 0;       // price units
    int64_t quantity = 0;
    int64_t national_bid = 0;    // nationalbidpricesnapshot
    int64_t national_offer = 0;  // nationalofferpricesnapshot
    int32_t deal_source = 0;
    uint32_t row = 0;
};

// One NBBO quote (a row of nbbo.csv).
struct NbboQuote {
    int64_t timestamp = 0;  // ns
    int64_t bid = 0;
    int64_t offer = 0;
    uint32_t row = 0;
};

}  // namespace mdp::analyzers
