#pragma once
// The fast-cpp-csv-parser reader the analyzers used before partition_parser.h: the oracle the
// new parser is compared with on randomized files (partition_parser_test.cpp).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "analyzers/partition_parser.h"
#include "analyzers/partition_rows.h"
#include "common/partition_key.h"

namespace mdp::analyzers::fccp_reference {

std::vector<OrderEvent> read_order_events(const std::filesystem::path& file, SecurityCode security);
TradeRows read_trade_rows(const std::filesystem::path& file, SecurityCode security,
                          const std::function<bool(int64_t)>& keep);
std::vector<NbboQuote> read_nbbo_quotes(const std::filesystem::path& file, SecurityCode security);
uint64_t count_data_rows(const std::filesystem::path& file);

}  // namespace mdp::analyzers::fccp_reference
