#pragma once
// Parsing one partition file's bytes (orders.csv, trades.csv, nbbo.csv; SPEC 1, 3) into typed
// rows. The input is the file's whole text as one byte range plus the name errors are reported
// under, so that the bytes may come from anywhere (one read of a file today: partition_reader.h;
// a storage layer later). Lines are walked with CsvRowScanner (SIMD masks), only the columns the
// analysis needs are parsed, with std::from_chars straight into int64 (integer_field.h).
//
// The rules are those of the fast-cpp-csv-parser reader this replaced: columns by header name
// (csv_header.h); every row has exactly the header's field count; fields are trimmed of spaces,
// then a field that starts and ends with '"' is unquoted ("" is a quote, commas inside quotes
// do not split) - lines holding a quote take a slower path; a '\r' before '\n' is dropped; an
// empty line is a row (with too few fields). Every problem (no header, missing column,
// truncated or over-long row, unclosed quote, a field that is not an integer, a row of another
// security) is an InputError naming the file and the physical line.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

#include "analyzers/partition_rows.h"
#include "common/partition_key.h"

namespace mdp::analyzers {

struct TradeRows {
    std::vector<TradeRow> kept;  // rows whose orderid the filter accepted, in input order
    uint64_t row_count = 0;      // all data rows of the file
};

// Every event of an orders.csv, in input order.
std::vector<OrderEvent> parse_order_events(std::string_view text, const std::filesystem::path& name,
                                           SecurityCode security);

// The rows of a trades.csv whose orderid `keep` accepts (the analysis only needs the trades of
// sweep orders; the rest are validated and counted, not stored).
TradeRows parse_trade_rows(std::string_view text, const std::filesystem::path& name,
                           SecurityCode security, const std::function<bool(int64_t)>& keep);

// Every quote of an nbbo.csv, in input order.
std::vector<NbboQuote> parse_nbbo_quotes(std::string_view text, const std::filesystem::path& name,
                                         SecurityCode security);

// Data rows (non-empty lines after the first, a lone '\r' counting as empty) of a file that is
// counted but not analysed.
uint64_t count_data_rows_in(std::string_view text);

}  // namespace mdp::analyzers
