#include "analyzers/partition_reader.h"

namespace mdp::analyzers {

namespace {

namespace fs = std::filesystem;

bool file_exists(const fs::path& file) {
    std::error_code ec;
    return fs::exists(file, ec);
}

}  // namespace

std::vector<OrderEvent> read_order_events(const fs::path& file, SecurityCode security,
                                          ReadBuffer& buffer) {
    if (!file_exists(file)) return {};
    return parse_order_events(buffer.read(file), file, security);
}

TradeRows read_trade_rows(const fs::path& file, SecurityCode security,
                          const std::function<bool(int64_t)>& keep, ReadBuffer& buffer) {
    if (!file_exists(file)) return {};
    return parse_trade_rows(buffer.read(file), file, security, keep);
}

std::vector<NbboQuote> read_nbbo_quotes(const fs::path& file, SecurityCode security,
                                        ReadBuffer& buffer) {
    if (!file_exists(file)) return {};
    return parse_nbbo_quotes(buffer.read(file), file, security);
}

uint64_t count_data_rows(const fs::path& file, ReadBuffer& buffer) {
    if (!file_exists(file)) return 0;
    return count_data_rows_in(buffer.read(file));
}

std::vector<OrderEvent> read_order_events(const fs::path& file, SecurityCode security) {
    ReadBuffer buffer;
    return read_order_events(file, security, buffer);
}

TradeRows read_trade_rows(const fs::path& file, SecurityCode security,
                          const std::function<bool(int64_t)>& keep) {
    ReadBuffer buffer;
    return read_trade_rows(file, security, keep, buffer);
}

std::vector<NbboQuote> read_nbbo_quotes(const fs::path& file, SecurityCode security) {
    ReadBuffer buffer;
    return read_nbbo_quotes(file, security, buffer);
}

uint64_t count_data_rows(const fs::path& file) {
    ReadBuffer buffer;
    return count_data_rows(file, buffer);
}

}  // namespace mdp::analyzers
