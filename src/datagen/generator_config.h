#pragma once
// What to generate: the generator's settings, their defaults, the named presets and the parsing
// of human sizes ("2G"). Shared by the command line (apps/generate_market_data.cpp) and by tests
// that call generate() in-process.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/civil_date.h"
#include "datagen/asx_quirks.h"

namespace mdp::datagen {

struct GeneratorConfig {
    uint64_t seed = 1;
    uint32_t securities = 50;
    uint32_t days = 5;                 // trading days (weekends skipped)
    CivilDate start_date{2024, 4, 2};  // crosses AEDT -> AEST on Sunday 2024-04-07
    // Size of the orders file: `orders_rows` data rows, or about `target_bytes` bytes when that
    // is non-zero (target_bytes wins). Trades and NBBO follow from the orders.
    uint64_t orders_rows = 500'000;
    uint64_t target_bytes = 0;
    bool write_nbbo = true;
    bool crlf = false;            // "\r\n" line ends instead of "\n"
    double malformed_rate = 0.0;  // probability per data row of an injected bad row
    // Mix of order scenarios started in continuous trading (the rest are lit limit orders).
    double sweep_share = 0.12;         // Centre Point sweep scenarios
    double centre_point_share = 0.15;  // background Centre Point orders
    double zipf_exponent = 1.0;        // security activity weight of rank r: 1/r^s
    // Probability that an order event carries an unusable (crossed or zero) NBBO snapshot, and
    // separately an unusable exchange bid/offer.
    double bad_quote_rate = 0.004;
    // Quirks of real ASX exports (asx_quirks.h); off by default.
    AsxQuirks quirks;
};

// Applies a named preset ("demo", "bench", "default") to `config`; false if the name is unknown.
//   demo : 20 securities x 5 days, 25 000 order rows (about 6 MB in all), under a second
//   bench: 200 securities x 5 days, 2 GiB of orders
//   asx  : demo with the real ASX quirks on (asx_quirks.h)
bool apply_preset(std::string_view name, GeneratorConfig& config);

// "1500", "64K", "2G", "1.5GiB", "300MB": binary multiples (K = 1024). nullopt if unparseable.
std::optional<uint64_t> parse_byte_size(std::string_view text);

// One-line description of a config for logs ("50 securities x 5 days from 2024-04-02 ...").
std::string describe(const GeneratorConfig& config);

}  // namespace mdp::datagen
