#pragma once
// Small synthetic orders/trades files for extraction tests, with the expected partitioning
// computed independently of the engine (glibc's localtime_r for the Sydney date).

#include <cstdint>
#include <ctime>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace mdp::testing {

// The Sydney date of an epoch-ns instant, computed independently of MarketTimeZone.
inline std::string sydney_date(int64_t ns) {
    static const bool tz_set = [] {
        setenv("TZ", ":Australia/Sydney", 1);
        tzset();
        return true;
    }();
    (void)tz_set;
    const auto seconds = static_cast<time_t>(ns / 1'000'000'000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
    return buffer;
}

struct SyntheticInput {
    std::string orders;
    std::string trades;
    // "YYYY-MM-DD/<security>" -> that partition's data lines in input order.
    std::map<std::string, std::vector<std::string>> expected_orders;
    std::map<std::string, std::vector<std::string>> expected_trades;
    size_t bad_lines = 0;
};

// `rows` order rows over 2024-04-04..2024-04-09 (the end of daylight saving is 04-07), at any
// time of day (so pre-open instants before midnight UTC occur), over `securities` codes; every
// third order has a trade row; every 11th row has a quoted field with a comma; with
// `with_bad_lines`, every 97th row has a bad timestamp.
inline SyntheticInput make_synthetic_input(size_t rows, uint32_t seed, bool with_bad_lines,
                                           uint64_t securities = 40) {
    std::mt19937_64 rng(seed);
    SyntheticInput in;
    in.orders = "order_id,Timestamp,security_code,price,timevaliditydecoded\n";
    in.trades = "orderid,tradetime,securitycode,tradeprice\n";
    const int64_t start = 1712188800LL * 1'000'000'000;  // 2024-04-04T00:00:00Z
    const int64_t span = 6LL * 86400 * 1'000'000'000;
    for (size_t i = 0; i < rows; ++i) {
        const int64_t ts = start + static_cast<int64_t>(rng() % static_cast<uint64_t>(span));
        const uint64_t security = 100 + rng() % securities;
        const std::string key = sydney_date(ts) + "/" + std::to_string(security);
        if (with_bad_lines && i % 97 == 13) {
            in.orders += std::to_string(i) + ",notatime," + std::to_string(security) + ",1,x\n";
            ++in.bad_lines;
            continue;
        }
        const std::string line = std::to_string(i) + "," + std::to_string(ts) + "," + std::to_string(security) +
                                 "," + std::to_string(rng() % 100000) + "," +
                                 (i % 11 == 0 ? "\"Rest, of Day\"" : "Current Max");
        in.orders += line + "\n";
        in.expected_orders[key].push_back(line);
        if (i % 3 == 0) {
            const std::string trade =
                std::to_string(i) + "," + std::to_string(ts) + "," + std::to_string(security) + ",5";
            in.trades += trade + "\n";
            in.expected_trades[key].push_back(trade);
        }
    }
    return in;
}

}  // namespace mdp::testing
