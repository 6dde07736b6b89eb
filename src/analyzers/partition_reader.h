#pragma once
// Reading one partition's orders.csv, trades.csv and nbbo.csv (SPEC 1, 3) with
// fast-cpp-csv-parser: columns by name (csv_header.h), only the columns the analysis needs,
// integers parsed exactly (integer_field.h). A file that does not exist has no rows. Every
// problem (no header, missing column, truncated or over-long row, unclosed quote, a field that
// is not an integer, a row of another security) is an InputError naming the file and line.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "analyzers/partition_rows.h"
#include "common/partition_key.h"

namespace mdp::analyzers {

// Every event of orders.csv, in input order.
std::vector<OrderEvent> read_order_events(const std::filesystem::path& file, SecurityCode security);

struct TradeRows {
    std::vector<TradeRow> kept;  // rows whose orderid the filter accepted, in input order
    uint64_t row_count = 0;      // all data rows of the file
};

// The rows of trades.csv whose orderid `keep` accepts (the analysis only needs the trades of
// sweep orders; the rest are validated and counted, not stored).
TradeRows read_trade_rows(const std::filesystem::path& file, SecurityCode security,
                          const std::function<bool(int64_t)>& keep);

// Every quote of nbbo.csv, in input order.
std::vector<NbboQuote> read_nbbo_quotes(const std::filesystem::path& file, SecurityCode security);

// Data rows (non-empty lines after the header) of a file that is counted but not analysed; 0
// when it does not exist.
uint64_t count_data_rows(const std::filesystem::path& file);

}  // namespace mdp::analyzers
