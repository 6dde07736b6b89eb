#pragma once
// Reading one partition's orders.csv, trades.csv and nbbo.csv (SPEC 1, 3) from disk: each file is
// read whole with one read into a ReadBuffer and handed to the parser (partition_parser.h, which
// holds the rules and takes any byte range). A file that does not exist has no rows. Every
// problem is an InputError naming the file and line. Each function exists with a caller-owned
// buffer (reused from file to file) and without (a buffer of its own).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "analyzers/partition_parser.h"
#include "analyzers/partition_rows.h"
#include "analyzers/read_buffer.h"
#include "common/partition_key.h"

namespace mdp::analyzers {

// Every event of orders.csv, in input order.
std::vector<OrderEvent> read_order_events(const std::filesystem::path& file, SecurityCode security,
                                          ReadBuffer& buffer);
std::vector<OrderEvent> read_order_events(const std::filesystem::path& file, SecurityCode security);

// The rows of trades.csv whose orderid `keep` accepts.
TradeRows read_trade_rows(const std::filesystem::path& file, SecurityCode security,
                          const std::function<bool(int64_t)>& keep, ReadBuffer& buffer);
TradeRows read_trade_rows(const std::filesystem::path& file, SecurityCode security,
                          const std::function<bool(int64_t)>& keep);

// Every quote of nbbo.csv, in input order.
std::vector<NbboQuote> read_nbbo_quotes(const std::filesystem::path& file, SecurityCode security,
                                        ReadBuffer& buffer);
std::vector<NbboQuote> read_nbbo_quotes(const std::filesystem::path& file, SecurityCode security);

// Data rows (non-empty lines after the header) of a file that is counted but not analysed; 0
// when it does not exist.
uint64_t count_data_rows(const std::filesystem::path& file, ReadBuffer& buffer);
uint64_t count_data_rows(const std::filesystem::path& file);

}  // namespace mdp::analyzers
