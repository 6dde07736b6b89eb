#pragma once
// Realistic orders lines for the micro-benchmarks: the SPEC 1.1 orders CSV written in memory by
// the synthetic market generator (src/datagen), so that routing and field splitting see the
// field widths, security mix and time order of a real export. Generated once per process.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "datagen/byte_sink.h"
#include "datagen/generator_config.h"
#include "datagen/market_data_generator.h"

namespace mdp::bench {

// Data lines available from sample_orders(): enough for the largest routed block (8 MiB).
inline constexpr size_t kSampleOrdersBytes = size_t{9} << 20;

struct SampleOrders {
    std::string header;  // the header line, without its terminator
    std::string rows;    // at least kSampleOrdersBytes of data lines, each ending in '\n'
};

// One trading day of the generator's "bench" market (200 securities, Zipf activity, sweeps,
// Centre Point orders and lit orders), no malformed rows.
inline const SampleOrders& sample_orders() {
    static const SampleOrders sample = [] {
        datagen::GeneratorConfig config;
        datagen::apply_preset("bench", config);
        config.days = 1;
        config.target_bytes = kSampleOrdersBytes + (size_t{1} << 20);
        config.write_nbbo = false;
        datagen::StringSink orders;
        datagen::CountingSink trades;
        datagen::generate(config, datagen::OutputSinks{&orders, &trades, nullptr});

        const std::string& text = orders.data();
        const size_t header_end = text.find('\n');
        if (header_end == std::string::npos || text.size() - header_end - 1 < kSampleOrdersBytes) {
            throw std::runtime_error(
                "the generator wrote fewer orders bytes than the benchmarks need");
        }
        return SampleOrders{text.substr(0, header_end), text.substr(header_end + 1)};
    }();
    return sample;
}

// The longest prefix of `rows` that is made of whole lines and at most `max_bytes` long.
inline std::string_view whole_lines_prefix(std::string_view rows, size_t max_bytes) {
    if (rows.size() <= max_bytes) return rows;
    const size_t last_newline = rows.rfind('\n', max_bytes - 1);
    return last_newline == std::string_view::npos ? std::string_view{}
                                                  : rows.substr(0, last_newline + 1);
}

// The first `count` lines of `rows` (fewer if it has fewer), without their terminators.
inline std::vector<std::string_view> first_lines(std::string_view rows, size_t count) {
    std::vector<std::string_view> lines;
    size_t pos = 0;
    while (lines.size() < count && pos < rows.size()) {
        size_t end = rows.find('\n', pos);
        if (end == std::string_view::npos) end = rows.size();
        lines.push_back(rows.substr(pos, end - pos));
        pos = end + 1;
    }
    return lines;
}

}  // namespace mdp::bench
