// End-to-end: the quirks of real ASX exports (issue 16; docs/generator.md "Real ASX quirks")
// through the real binary. A small hand-built input holds one case per quirk, with the expected
// numbers worked out by hand from SPEC in the comments; then a run on generator output with
// every quirk on checks the invariants (exit 0, no rejects, no row lost, a run stopped after
// extraction and resumed gives identical results).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "registry/partition_registry.h"
#include "support/file_tree.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;
using registry::PartitionStatus;

constexpr int64_t kMs = 1'000'000;
constexpr int64_t kSec = 1'000'000'000;
// 2024-04-02 is in daylight saving (AEDT, UTC+11).
constexpr int64_t kT0 = 1712014200000000000;       // 2024-04-02 10:30:00 Sydney (2024-04-01 23:30Z)
constexpr int64_t kT2 = kT0 + 1800 * kSec;         // 11:00
constexpr int64_t kT3 = kT0 + 5400 * kSec;         // 12:00
constexpr int64_t kT4 = kT0 + 9000 * kSec;         // 13:00
constexpr int64_t kT5 = kT0 + 12600 * kSec;        // 14:00
constexpr int64_t kEvening = 1711966800000000000;  // 2024-04-01 21:20 Sydney (10:20Z)

constexpr const char* kOrdersHeader =
    "order_id,exchange,timestamp,security_code,price,side,changereason,orderstatus,quantity,"
    "leavesquantity,ordertype,exchangeordertype,national_bid,national_offer,bid,offer,"
    "participantid,preferenceonly,midtick,singlefillminimumquantity,minimumquantity,sequence,"
    "crossingkey,totalmatchedquantity,shortsellquantity,triggercondition,timevaliditydecoded,"
    "row_num,timevalidity\n";
constexpr const char* kTradesHeader =
    "EXCHANGE,sequence,tradedate,tradetime,securitycode,orderid,dealsource,dealsourcedecoded,"
    "exchangeinfo,matchgroupid,nationalbidpricesnapshot,nationalofferpricesnapshot,tradeprice,"
    "quantity,side,sidedecoded,participantid,passiveaggressive,row_num\n";

// The hand-built input, written in the real exports' formats (exchange 3, time-validity codes
// 256/1288/1370, ON/OFF Market), built row by row.
struct HandInput {
    std::string orders = kOrdersHeader;
    std::string trades = kTradesHeader;
    int sequence = 0;
    int order_rows = 0;
    int trade_rows = 0;

    struct Quote {
        int national_bid, national_offer, bid, offer;
    };

    void order(int64_t id, int64_t t, int price, int side, int reason, int quantity, int leaves,
               int eot, Quote q, int validity = 256) {
        std::ostringstream row;
        row << id << ",3," << t << ",100001," << price << ',' << side << ',' << reason << ",0,"
            << quantity << ',' << leaves << ",2," << eot << ',' << q.national_bid << ','
            << q.national_offer << ',' << q.bid << ',' << q.offer << ",101,0,0,0,0," << ++sequence
            << ",0," << quantity - leaves << ",0,0,Rest of Day," << ++order_rows << ',' << validity
            << '\n';
        orders += row.str();
    }
    void trade(int64_t order_id, int64_t t, int deal_source, int64_t group, Quote snapshot,
               int price, int quantity, int side, int aggressive) {
        ++trade_rows;
        std::ostringstream row;
        row << "3," << 500 + trade_rows << ",2024-04-02," << t << ",100001," << order_id << ','
            << deal_source << ",Other," << (deal_source == 1 ? "ON Market" : "OFF Market") << ','
            << group << ',' << snapshot.national_bid << ',' << snapshot.national_offer << ','
            << price << ',' << quantity << ',' << side << (side == 1 ? ",Buy," : ",Sell,") << "101,"
            << aggressive << ',' << trade_rows << '\n';
        trades += row.str();
    }
};

HandInput hand_input() {
    using Q = HandInput::Quote;
    HandInput in;
    const Q normal{10000, 10010, 10000, 10010};
    const Q none{0, 0, 0, 0};

    // Evening reload (changereason 30) at 21:20 Sydney the evening before: sweep 1006 and lit
    // order 4001 are in the 2024-04-01 partition with no trade; on 2024-04-02 they have no
    // "new order" (6) event.
    in.order(1006, kEvening, 10100, 1, 30, 300, 300, 2048, none, 1288);
    in.order(4001, kEvening + 1, 9900, 1, 30, 100, 100, 0, none, 1288);

    // Sweep A 1001 (buy 100, limit 10100) arrives with a CROSSED national quote 10010/10000;
    // the exchange's own 10000/10010 is sane. One lit fill at T0+1s, 100 @ 10010.
    in.order(2001, kT0 - 5 * kSec, 10010, 2, 6, 100, 100, 0, normal);
    in.order(1001, kT0, 10100, 1, 6, 100, 100, 2048, {10010, 10000, 10000, 10010});
    // Contra 3001 (sell 60) at T0+500ms, national 10000/10010 usable: mid 10005.
    in.order(3001, kT0 + 500 * kMs, 10000, 2, 6, 60, 60, 64, normal);
    // Contra 3002 (sell 100) at T0+600ms, national CROSSED 10020/10000, exchange 10000/10020:
    // SPEC 3.3 falls back to the exchange quote, mid 10010.
    in.order(3002, kT0 + 600 * kMs, 10000, 2, 6, 100, 100, 64, {10020, 10000, 10000, 10020});
    in.order(1001, kT0 + kSec, 10100, 1, 3, 100, 0, 2048, normal);
    in.order(2001, kT0 + kSec, 10010, 2, 3, 100, 0, 0, normal);
    in.trade(1001, kT0 + kSec, 1, 9001, normal, 10010, 100, 1, 1);
    in.trade(2001, kT0 + kSec, 1, 9001, normal, 10010, 100, 2, 0);

    // Sweep B 1002 (sell 100, limit 9900) arrives with a LOCKED national quote 10000/10000
    // (usable: 0 < bid <= offer; spread 0). Three lit fills at ONE instant T2+200ms under a
    // CROSSED trade snapshot 10010/10000: 50 @ 10000, 30 @ 9990, 20 @ 9980.
    const Q locked{10000, 10000, 9990, 10000};
    const Q crossed_snapshot{10010, 10000, 0, 0};
    in.order(2002, kT2 - 3 * kSec, 10000, 1, 6, 50, 50, 0, normal);
    in.order(2003, kT2 - 3 * kSec, 9990, 1, 6, 30, 30, 0, normal);
    in.order(2004, kT2 - 3 * kSec, 9980, 1, 6, 20, 20, 0, normal);
    in.order(1002, kT2, 9900, 2, 6, 100, 100, 2048, locked);
    // Same-nanosecond pair of contras (buy) exactly at the last fill time (window inclusive):
    // 3004 (50, national 9990/10000, mid 9995) has the lower sequence, so it is taken first
    // though its order id is higher; then 3003 (100, locked 10000/10000, mid 10000) gives the
    // remaining 50.
    in.order(3004, kT2 + 200 * kMs, 10000, 1, 6, 50, 50, 64, {9990, 10000, 9990, 10000});
    in.order(3003, kT2 + 200 * kMs, 10000, 1, 6, 100, 100, 64, locked);
    in.order(1002, kT2 + 200 * kMs, 9900, 2, 3, 100, 50, 2048, locked);
    in.order(1002, kT2 + 200 * kMs, 9900, 2, 3, 100, 20, 2048, locked);
    in.order(1002, kT2 + 200 * kMs, 9900, 2, 3, 100, 0, 2048, locked);
    in.trade(1002, kT2 + 200 * kMs, 1, 9002, crossed_snapshot, 10000, 50, 2, 1);
    in.trade(2002, kT2 + 200 * kMs, 1, 9002, crossed_snapshot, 10000, 50, 1, 0);
    in.trade(1002, kT2 + 200 * kMs, 1, 9003, crossed_snapshot, 9990, 30, 2, 1);
    in.trade(2003, kT2 + 200 * kMs, 1, 9003, crossed_snapshot, 9990, 30, 1, 0);
    in.trade(1002, kT2 + 200 * kMs, 1, 9004, crossed_snapshot, 9980, 20, 2, 1);
    in.trade(2004, kT2 + 200 * kMs, 1, 9004, crossed_snapshot, 9980, 20, 1, 0);

    // Sweep C 1003 (buy) enters with 5 and is amended UP (changereason 5) to 500 at T3+50ms,
    // then filled 500 @ 10010 at T3+1s. Contra 3005 (sell) arrives at T3+100ms with 5 and is
    // amended up to 5,154 at T3+150ms (the real example). SPEC 3.3: the sweep's available
    // quantity is its post-arrival leaves (5), the contra's ledger its arrival quantity (5).
    in.order(1003, kT3, 10100, 1, 6, 5, 5, 2048, normal);
    in.order(1003, kT3 + 50 * kMs, 10100, 1, 5, 500, 500, 2048, normal);
    in.order(3005, kT3 + 100 * kMs, 10000, 2, 6, 5, 5, 64, normal);
    in.order(3005, kT3 + 150 * kMs, 10000, 2, 5, 5154, 5154, 64, normal);
    in.order(2005, kT3 + 200 * kMs, 10010, 2, 6, 500, 500, 0, normal);
    in.order(1003, kT3 + kSec, 10100, 1, 3, 500, 0, 2048, normal);
    in.order(2005, kT3 + kSec, 10010, 2, 3, 500, 0, 0, normal);
    in.trade(1003, kT3 + kSec, 1, 9005, normal, 10010, 500, 1, 1);
    in.trade(2005, kT3 + kSec, 1, 9005, normal, 10010, 500, 2, 0);

    // Sweep E 1004 (sell 200) filled by a trade-report crossing (dealsource 5): both rows carry
    // its order id. Sweep F 1005 (buy 100): 60 lit, 40 with dealsource 45. Neither qualifies
    // (SPEC 3.2 rule 4: every trade row dealsource 1).
    in.order(1004, kT4, 9900, 2, 6, 200, 200, 2048, normal, 1370);
    in.order(1004, kT4 + kSec, 9900, 2, 3, 200, 0, 2048, normal, 1370);
    in.trade(1004, kT4 + kSec, 5, 9006, normal, 10000, 200, 2, 1);
    in.trade(1004, kT4 + kSec, 5, 9006, normal, 10000, 200, 1, 0);
    in.order(1005, kT4 + 10 * kSec, 10100, 1, 6, 100, 100, 2048, normal);
    in.order(2006, kT4 + 9 * kSec, 10010, 2, 6, 100, 100, 0, normal);
    in.order(1005, kT4 + 11 * kSec, 10100, 1, 3, 100, 40, 2048, normal);
    in.order(2006, kT4 + 11 * kSec, 10010, 2, 3, 100, 40, 0, normal);
    in.trade(1005, kT4 + 11 * kSec, 1, 9007, normal, 10010, 60, 1, 1);
    in.trade(2006, kT4 + 11 * kSec, 1, 9007, normal, 10010, 60, 2, 0);
    in.order(1005, kT4 + 12 * kSec, 10100, 1, 3, 100, 0, 2048, normal);
    in.trade(1005, kT4 + 12 * kSec, 45, 9008, normal, 10005, 40, 1, 1);
    in.trade(1005, kT4 + 12 * kSec, 45, 9008, normal, 10005, 40, 2, 0);

    // The reloaded sweep 1006 is filled in the lit book on the trading day: it is fully filled
    // with lit trades but was not entered in this partition (no 6), so it does not qualify.
    in.order(2007, kT5 - kSec, 10010, 2, 6, 300, 300, 0, normal);
    in.order(1006, kT5, 10100, 1, 3, 300, 0, 2048, normal, 1288);
    in.order(2007, kT5, 10010, 2, 3, 300, 0, 0, normal);
    in.trade(1006, kT5, 1, 9009, normal, 10010, 300, 1, 1);
    in.trade(2007, kT5, 1, 9009, normal, 10010, 300, 2, 0);
    // The trades file of a real export ends without a final newline.
    in.trades.pop_back();
    return in;
}

// A CSV written by the engine: header names to cells, one map per row.
std::vector<std::map<std::string, std::string>> read_csv(const fs::path& path) {
    std::vector<std::map<std::string, std::string>> rows;
    std::istringstream in(read_text(path));
    std::string line;
    std::vector<std::string> header;
    const auto split = [](const std::string& text) {
        std::vector<std::string> cells(1);
        for (const char c : text) {
            if (c == ',') {
                cells.emplace_back();
            } else if (c != '\r') {
                cells.back() += c;
            }
        }
        return cells;
    };
    if (!std::getline(in, line)) return rows;
    header = split(line);
    while (std::getline(in, line)) {
        const auto cells = split(line);
        std::map<std::string, std::string> row;
        for (size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string cell(const std::map<std::string, std::string>& row, const std::string& column) {
    const auto it = row.find(column);
    if (it == row.end()) {
        ADD_FAILURE() << "no column " << column;
        return "?";
    }
    return it->second;
}

// NaN for an empty cell (SPEC 3.6: NaN is written empty).
double number(const std::map<std::string, std::string>& row, const std::string& column) {
    const std::string text = cell(row, column);
    return text.empty() ? std::nan("") : std::stod(text);
}

class AsxQuirksTest : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = fresh_scratch_dir(); }

    CommandResult run(const fs::path& in, const fs::path& out) const {
        return run_shell(shell_quote(binary("run_multidataset_pipeline")) +
                         " --progress none --orders " + shell_quote((in / "orders.csv").string()) +
                         " --trades " + shell_quote((in / "trades.csv").string()) + " -o " +
                         shell_quote(out.string()));
    }

    fs::path dir_;
};

TEST_F(AsxQuirksTest, HandBuiltQuirksGiveWhatSpecSays) {
    const HandInput input = hand_input();
    write_text(dir_ / "in/orders.csv", input.orders);
    write_text(dir_ / "in/trades.csv", input.trades);
    ASSERT_NE(input.trades.back(), '\n');
    const CommandResult r = run(dir_ / "in", dir_ / "out");
    ASSERT_EQ(r.exit_code, 0) << r.output;

    // Both partitions completed: 2024-04-01 holds only the evening reloads (orders, no trades).
    registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(dir_ / "out"));
    reg.load();
    EXPECT_EQ(reg.size(), 2U);
    EXPECT_EQ(reg.count(PartitionStatus::kCompleted), 2U);
    const fs::path evening = dir_ / "out/partitions/2024-04-01/100001";
    const fs::path day = dir_ / "out/partitions/2024-04-02/100001";
    ASSERT_TRUE(fs::exists(evening / "orders.csv"));
    const auto evening_json =
        nlohmann::json::parse(read_text(evening / "stats/matched/sweep_order_validation.json"));
    // The reloaded sweep 1006 is a sweep there, final state 30 (not filled): none qualifies.
    EXPECT_EQ(evening_json.at("counts").at("sweeps"), 1);
    EXPECT_EQ(evening_json.at("counts").at("qualifying"), 0);
    EXPECT_EQ(evening_json.at("input_rows").at("orders"), 2);
    EXPECT_EQ(evening_json.at("input_rows").at("trades"), 0);

    const auto day_json =
        nlohmann::json::parse(read_text(day / "stats/matched/sweep_order_validation.json"));
    // No row lost, the trades file's last row (without newline) included.
    EXPECT_EQ(day_json.at("input_rows").at("orders"), input.order_rows - 2);
    EXPECT_EQ(day_json.at("input_rows").at("trades"), input.trade_rows);
    const auto& counts = day_json.at("counts");
    // CP orders: sweeps 1001-1006 and contras 3001-3005.
    EXPECT_EQ(counts.at("cp_orders"), 11);
    EXPECT_EQ(counts.at("sweeps"), 6);
    EXPECT_EQ(counts.at("qualifying"), 3);  // A, B, C
    EXPECT_EQ(counts.at("matched"), 3);
    EXPECT_EQ(counts.at("unmatched"), 0);
    EXPECT_EQ(counts.at("real_fills"), 5);       // A 1, B 3, C 1
    EXPECT_EQ(counts.at("simulated_fills"), 5);  // A 2, B 2, C 1
    const auto& not_qualifying = day_json.at("sweeps_not_qualifying");
    EXPECT_EQ(not_qualifying.at("not_all_lit"), 2);  // E (dealsource 5), F (45)
    EXPECT_EQ(not_qualifying.at("not_entered_in_partition"),
              1);  // 1006, reloaded the evening before
    EXPECT_EQ(not_qualifying.at("not_fully_filled"), 0);
    EXPECT_EQ(not_qualifying.at("no_trades"), 0);

    // Simulated fills.
    using FillKey = std::pair<std::string, std::string>;  // sweep, contra
    using QuantityAndMidpoint = std::pair<double, double>;
    std::map<FillKey, QuantityAndMidpoint> fills;
    std::map<FillKey, std::string> sources;
    for (const auto& f : read_csv(day / "stats/simulation/simulated_fills.csv")) {
        const auto key = std::make_pair(cell(f, "sweep_orderid"), cell(f, "contra_orderid"));
        fills[key] = {number(f, "quantity"), number(f, "midpoint")};
        sources[key] = cell(f, "quote_source");
    }
    ASSERT_EQ(fills.size(), 5U);
    // A: 60 @ 10005 from 3001's national quote; 40 @ 10010 from 3002's exchange quote (its
    // national quote is crossed).
    EXPECT_EQ(fills[FillKey("1001", "3001")], QuantityAndMidpoint(60.0, 10005.0));
    EXPECT_EQ(sources[FillKey("1001", "3001")], "order_national");
    EXPECT_EQ(fills[FillKey("1001", "3002")], QuantityAndMidpoint(40.0, 10010.0));
    EXPECT_EQ(sources[FillKey("1001", "3002")], "order_exchange");
    // B: the same-nanosecond pair in sequence order: 3004 first (50 @ 9995), 3003 the rest
    // (50 @ 10000, its locked national quote is usable).
    EXPECT_EQ(fills[FillKey("1002", "3004")], QuantityAndMidpoint(50.0, 9995.0));
    EXPECT_EQ(fills[FillKey("1002", "3003")], QuantityAndMidpoint(50.0, 10000.0));
    EXPECT_EQ(sources[FillKey("1002", "3003")], "order_national");
    // C: min(post-arrival leaves 5, contra arrival quantity 5) = 5 @ 10005; neither upward
    // amendment counts.
    EXPECT_EQ(fills[FillKey("1003", "3005")], QuantityAndMidpoint(5.0, 10005.0));

    std::map<std::string, std::map<std::string, std::string>> detailed;
    for (auto& row : read_csv(day / "stats/matched/sweep_order_comparison_detailed.csv")) {
        detailed[cell(row, "orderid")] = row;
    }
    ASSERT_EQ(detailed.size(), 3U);

    // A: crossed arrival quote -> no arrival midpoint, so every arrival-based cell is empty
    // (SPEC 3.4: NaN if no usable arrival quote; NaN is an empty cell), dark_pool_better too
    // ("NaN stays NaN"; docs/analysis-decisions.md: empty = unknown, not false).
    const auto& a = detailed["1001"];
    EXPECT_EQ(cell(a, "arrival_midpoint"), "");
    EXPECT_EQ(cell(a, "real_exec_cost_arrival_bps"), "");
    EXPECT_EQ(cell(a, "sim_exec_cost_arrival_bps"), "");
    EXPECT_EQ(cell(a, "real_effective_spread_pct"), "");
    EXPECT_EQ(cell(a, "sim_effective_spread_pct"), "");
    EXPECT_EQ(cell(a, "exec_cost_arrival_diff_bps"), "");
    EXPECT_EQ(cell(a, "dark_pool_better"), "");
    // Real: one fill 100 @ 10010 with snapshot mid 10005: (10010 - 10005) / 10005 * 1e4.
    EXPECT_DOUBLE_EQ(number(a, "real_vwap"), 10010.0);
    EXPECT_DOUBLE_EQ(number(a, "real_exec_cost_vw_bps"), 5.0 / 10005.0 * 1e4);
    // Sim: (60 * 10005 + 40 * 10010) / 100 = 10007; each fill at its own midpoint -> 0 bps.
    EXPECT_DOUBLE_EQ(number(a, "sim_vwap"), 10007.0);
    EXPECT_DOUBLE_EQ(number(a, "sim_exec_cost_vw_bps"), 0.0);
    EXPECT_DOUBLE_EQ(number(a, "vwap_diff"), 3.0);
    // Times: sim fills at +0.5 s and +0.6 s: exec 0.1 s, first 0.5 s, vw (60*0.5+40*0.6)/100.
    EXPECT_NEAR(number(a, "sim_exec_time_sec"), 0.1, 1e-12);
    EXPECT_NEAR(number(a, "sim_time_to_first_fill_sec"), 0.5, 1e-12);
    EXPECT_NEAR(number(a, "sim_vw_exec_time_sec"), 0.54, 1e-12);
    EXPECT_DOUBLE_EQ(number(a, "real_time_to_first_fill_sec"), 1.0);

    // B: locked arrival quote 10000/10000 is usable: mid 10000, spread 0 -> effective spread
    // empty (NaN if spread <= 0). Real: three fills at one instant, vwap (50*10000 + 30*9990 +
    // 20*9980) / 100 = 9993; sell: -(9993 - 10000) / 10000 * 1e4 = 7 bps. Their snapshots are
    // crossed: no usable m_i, so exec_cost_vw, market drift and the last midpoint are empty.
    const auto& b = detailed["1002"];
    EXPECT_DOUBLE_EQ(number(b, "arrival_midpoint"), 10000.0);
    EXPECT_DOUBLE_EQ(number(b, "arrival_spread"), 0.0);
    EXPECT_EQ(cell(b, "real_effective_spread_pct"), "");
    EXPECT_EQ(cell(b, "sim_effective_spread_pct"), "");
    EXPECT_DOUBLE_EQ(number(b, "real_num_fills"), 3.0);
    EXPECT_DOUBLE_EQ(number(b, "real_vwap"), 9993.0);
    EXPECT_NEAR(number(b, "real_exec_cost_arrival_bps"), 7.0, 1e-9);
    EXPECT_EQ(cell(b, "real_exec_cost_vw_bps"), "");
    EXPECT_EQ(cell(b, "real_market_drift_bps"), "");
    EXPECT_EQ(cell(b, "real_midpoint_at_last_fill"), "");
    EXPECT_DOUBLE_EQ(number(b, "real_exec_time_sec"), 0.0);
    EXPECT_NEAR(number(b, "real_time_to_first_fill_sec"), 0.2, 1e-12);
    // Sim: (50 * 9995 + 50 * 10000) / 100 = 9997.5; -(9997.5 - 10000) / 10000 * 1e4 = 2.5 bps,
    // cheaper than 7: dark pool better.
    EXPECT_DOUBLE_EQ(number(b, "sim_vwap"), 9997.5);
    EXPECT_NEAR(number(b, "sim_exec_cost_arrival_bps"), 2.5, 1e-9);
    EXPECT_EQ(cell(b, "dark_pool_better"), "true");

    // C: order quantity is the arrival state's (5), so the real fill rate is 500 / 5 * 100 =
    // 10000 % and the simulated one 5 / 5 * 100 = 100 %; qty_diff 500 - 5 = 495.
    const auto& c = detailed["1003"];
    EXPECT_DOUBLE_EQ(number(c, "order_quantity"), 5.0);
    EXPECT_DOUBLE_EQ(number(c, "real_qty_filled"), 500.0);
    EXPECT_DOUBLE_EQ(number(c, "sim_qty_filled"), 5.0);
    EXPECT_DOUBLE_EQ(number(c, "real_fill_rate_pct"), 10000.0);
    EXPECT_DOUBLE_EQ(number(c, "sim_fill_rate_pct"), 100.0);
    EXPECT_DOUBLE_EQ(number(c, "qty_diff"), 495.0);

    // Nothing rejected: the real value formats are valid input.
    EXPECT_FALSE(fs::exists(dir_ / "out/rejects") && !fs::is_empty(dir_ / "out/rejects"));
}

TEST_F(AsxQuirksTest, GeneratedQuirkyDataRunsCleanlyLosesNoRowAndResumesIdentically) {
    const CommandResult g =
        run_shell(shell_quote(binary("generate_market_data")) + " -q -o " +
                  shell_quote((dir_ / "in").string()) +
                  " --asx-quirks --securities 4 --days 2 --orders-rows 8000 --seed 11 --no-nbbo");
    ASSERT_EQ(g.exit_code, 0) << g.output;
    const std::string trades = read_text(dir_ / "in/trades.csv");
    const std::string orders = read_text(dir_ / "in/orders.csv");
    ASSERT_NE(trades.back(), '\n');
    // Data rows: every line end but the header's, plus the unterminated last trade row.
    const auto trade_rows = static_cast<int64_t>(std::count(trades.begin(), trades.end(), '\n'));
    const auto order_rows =
        static_cast<int64_t>(std::count(orders.begin(), orders.end(), '\n')) - 1;

    CommandResult r = run(dir_ / "in", dir_ / "out");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "out/rejects") && !fs::is_empty(dir_ / "out/rejects"));

    registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(dir_ / "out"));
    reg.load();
    EXPECT_EQ(reg.count(PartitionStatus::kCompleted), reg.size());
    int64_t registered_orders = 0, registered_trades = 0;
    for (const auto& entry : reg.entries()) {
        if (entry.inputs.contains("orders")) registered_orders += entry.inputs.at("orders").rows;
        if (entry.inputs.contains("trades")) registered_trades += entry.inputs.at("trades").rows;
    }
    EXPECT_EQ(registered_orders, order_rows);
    EXPECT_EQ(registered_trades, trade_rows);

    // The evening before the first day (2024-04-01) is an orders-only partition per security
    // that has evening reloads, and it completes with nothing qualifying.
    const fs::path evening = dir_ / "out/partitions/2024-04-01";
    ASSERT_TRUE(fs::exists(evening));
    for (const auto& security : fs::directory_iterator(evening)) {
        const auto doc = nlohmann::json::parse(
            read_text(security.path() / "stats/matched/sweep_order_validation.json"));
        EXPECT_EQ(doc.at("input_rows").at("trades"), 0);
        EXPECT_EQ(doc.at("counts").at("qualifying"), 0);
    }

    // Stopped after extraction and resumed, the same input gives byte-identical results.
    const std::string binary_and_inputs =
        shell_quote(binary("run_multidataset_pipeline")) + " --progress none --orders " +
        shell_quote((dir_ / "in/orders.csv").string()) + " --trades " +
        shell_quote((dir_ / "in/trades.csv").string());
    r = run_shell(binary_and_inputs + " extract -o " + shell_quote((dir_ / "again").string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = run_shell(binary_and_inputs + " --resume -o " + shell_quote((dir_ / "again").string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(first_difference(results_of(dir_ / "again"), results_of(dir_ / "out")), "");
}

}  // namespace
}  // namespace mdp
