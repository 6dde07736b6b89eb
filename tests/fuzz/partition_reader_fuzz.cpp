// Fuzzes the partition reader (analyzers/partition_reader.h) through its public functions: the
// bytes are written as one partition file and read back by the function byte 0 picks. Each must
// return or throw InputError (its contract: every problem is an InputError naming the file and
// line), and what it returns must be consistent: a trade filter keeps only what it accepts and
// never more rows than the file has, and no function reports more rows than the file has lines.
// The reader is being rewritten on another branch; this target only calls the public functions,
// so at most a call changes at merge.
//
// Input: byte 0 % 4 = which reader (orders, trades, nbbo, row count), bytes 1-8 = the
// partition's security code (little endian); the rest is the file.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "analyzers/partition_reader.h"
#include "common/errors.h"
#include "fuzz/fuzz_scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 9) return 0;
    static const mdp::fuzz::ScratchDir scratch;
    mdp::SecurityCode security = 0;
    std::memcpy(&security, data + 1, sizeof security);
    const std::string_view bytes = mdp::fuzz::as_text(data + 9, size - 9);
    const auto file = scratch.path() / "partition.csv";
    mdp::fuzz::write_bytes(file, bytes);
    // An upper bound on the lines, whichever of '\n', '\r\n' or '\r' ends them.
    const auto lines = static_cast<uint64_t>(std::count(bytes.begin(), bytes.end(), '\n') +
                                             std::count(bytes.begin(), bytes.end(), '\r')) +
                       1;
    using namespace mdp::analyzers;
    try {
        switch (data[0] % 4) {
            case 0:
                MDP_FUZZ_CHECK(read_order_events(file, security).size() < lines);
                break;
            case 1: {
                const TradeRows trades = read_trade_rows(
                    file, security, [](int64_t order_id) { return order_id % 2 == 0; });
                MDP_FUZZ_CHECK(trades.row_count < lines);
                MDP_FUZZ_CHECK(trades.kept.size() <= trades.row_count);
                for (const TradeRow& row : trades.kept) MDP_FUZZ_CHECK(row.order_id % 2 == 0);
                break;
            }
            case 2:
                MDP_FUZZ_CHECK(read_nbbo_quotes(file, security).size() < lines);
                break;
            default:
                MDP_FUZZ_CHECK(count_data_rows(file) < lines);
                break;
        }
    } catch (const mdp::InputError&) {
    }
    return 0;
}
