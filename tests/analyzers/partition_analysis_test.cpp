// The hand-worked partition (hand_worked_partition.cpp) run through analyze_partition. Every
// number below is derived by hand in the comments; times are T0 + milliseconds, prices in
// units of A$0.001, national (bid/offer) quotes "nb/no".

#include "analyzers/partition_analysis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <string>

#include "analyzers/hand_worked_partition.h"
#include "analyzers/partition_builder.h"

namespace mdp::analyzers {
namespace {

using namespace testing;
namespace fs = std::filesystem;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

PartitionKey hand_key() { return PartitionKey{*CivilDate::parse("2024-03-05"), kSecurity}; }

std::string id(int64_t v) { return std::to_string(v); }

void expect_value(const CsvContent& csv, size_t row, const std::string& column, double expected) {
    SCOPED_TRACE(column);
    const double actual = csv.number(row, column);
    if (std::isnan(expected)) {
        EXPECT_EQ(csv.cell(row, column), "") << "NaN must be an empty cell";
    } else {
        EXPECT_NEAR(actual, expected, 1e-12 * std::max(1.0, std::abs(expected)));
    }
}

void expect_row(const CsvContent& csv, size_t row, const std::map<std::string, double>& values) {
    for (const auto& [column, expected] : values) expect_value(csv, row, column, expected);
}

class HandWorkedPartition : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(scratch_dir("hand_worked"));
        write_hand_worked_partition(*dir_ / "partition", false);
        result_ = new std::map<std::string, int64_t>(
            analyze_partition(*dir_ / "partition", *dir_ / "stats", hand_key(), {}));
    }
    static void TearDownTestSuite() {
        delete result_;
        delete dir_;
    }
    static CsvContent csv(const std::string& relative) {
        return read_csv(*dir_ / "stats" / relative);
    }

    static fs::path* dir_;
    static std::map<std::string, int64_t>* result_;
};
fs::path* HandWorkedPartition::dir_ = nullptr;
std::map<std::string, int64_t>* HandWorkedPartition::result_ = nullptr;

TEST_F(HandWorkedPartition, CountsEachStage) {
    // CP orders (arrival exchangeordertype in {64, 256, 2048, 4096, 4098}): S1-S3, C1-C7,
    // U1-U6, N1-N4 = 20; L1 (type 0) and L2 (type 1) are lit. Sweeps (2048): 3 + 6 + 4 = 13.
    // Qualifying: S1-S3 and U1-U6 = 9 (N1-N4 each fail one rule). Set A: S1, S2, S3 (they get
    // simulated fills); set B: U1-U6. Real fills = trade rows of the 9 qualifying sweeps:
    // S1 2 + S2 1 + S3 1 + U1..U6 6 = 10. Simulated fills: S1 2, S2 2, S3 1 = 5.
    // Order events: 43 rows in orders.csv; trade rows: 15.
    const std::map<std::string, int64_t> expected{
        {"cp_orders", 20},      {"sweeps", 13},       {"qualifying", 9},
        {"matched", 3},         {"unmatched", 6},     {"real_fills", 10},
        {"simulated_fills", 5}, {"order_events", 43}, {"trade_rows", 15}};
    EXPECT_EQ(*result_, expected);
}

TEST_F(HandWorkedPartition, QualificationRulesAndSets) {
    const CsvContent detailed = csv("matched/sweep_order_comparison_detailed.csv");
    ASSERT_EQ(detailed.rows.size(), 3U);
    // Sorted by orderid; the 19-digit ids come back exactly.
    EXPECT_EQ(detailed.cell(0, "orderid"), "7000000000000000101");
    EXPECT_EQ(detailed.cell(1, "orderid"), id(kS2));
    EXPECT_EQ(detailed.cell(2, "orderid"), id(kS3));
    const CsvContent unexecuted = csv("unmatched/sweep_order_unexecuted_in_dark.csv");
    ASSERT_EQ(unexecuted.rows.size(), 6U);
    const int64_t set_b[] = {kU1, kU2, kU3, kU4, kU5, kU6};
    for (size_t i = 0; i < 6; ++i) EXPECT_EQ(unexecuted.cell(i, "orderid"), id(set_b[i]));
    // N1 (final changereason 1), N2 (no changereason 6), N3 (no trade row) and N4 (a dealsource
    // 47 trade) appear nowhere; each is counted under the rule it fails.
    const std::string validation = read_text(*dir_ / "stats/matched/sweep_order_validation.json");
    EXPECT_NE(validation.find("\"not_fully_filled\": 1"), std::string::npos) << validation;
    EXPECT_NE(validation.find("\"not_entered_in_partition\": 1"), std::string::npos);
    EXPECT_NE(validation.find("\"no_trades\": 1"), std::string::npos);
    EXPECT_NE(validation.find("\"not_all_lit\": 1"), std::string::npos);
}

TEST_F(HandWorkedPartition, SimulatedFillsUseTheSharedLedger) {
    // Arrival order of the qualifying sweeps: S1 (1000), S2 (1050), S3 (1350), U1...
    // S1 buys; available = min(post-arrival leaves 400 (the arrival burst traded 600),
    //   ledger 1000) = 400. Window [1000, 1500]; sell CP arrivals: C1 1100, C2 1200, C3 1300,
    //   S3 1350. C1: 300 @ (9995 + 10010) / 2 = 10002.5 (national). C2: national 0/0 unusable
    //   -> exchange (9990 + 10000) / 2 = 9995, 100 (S1 is then done). Ledgers: C1 0, C2 400.
    // S2 buys 500 in [1050, 1400]: C1 has nothing left; C2 400 @ 9995; C3 has no usable quote
    //   (national crossed 10010/10000, exchange 0/0): skipped; S3 (a sweep used as a contra)
    //   100 @ (9990 + 10010) / 2 = 10000. Ledgers: C2 0, S3 300 - 100 = 200.
    // S3 sells; available = min(post-arrival leaves 300, ledger 200) = 200. Window
    //   [1350, 1360]; buy CP arrivals: C4 1355: 50 @ 10000.
    // U1..U6: no priceable contra in their windows (C5 and C6 are skipped, no usable quote).
    const CsvContent fills = csv("simulation/simulated_fills.csv");
    EXPECT_EQ(fills.header_line(),
              "sweep_orderid,contra_orderid,timestamp,quantity,midpoint,quote_source");
    const std::vector<std::vector<std::string>> expected{
        {id(kS1), id(kC1), id(ms(1100)), "300", "10002.5", "order_national"},
        {id(kS1), id(kC2), id(ms(1200)), "100", "9995", "order_exchange"},
        {id(kS2), id(kC2), id(ms(1200)), "400", "9995", "order_exchange"},
        {id(kS2), id(kS3), id(ms(1350)), "100", "10000", "order_national"},
        {id(kS3), id(kC4), id(ms(1355)), "50", "10000", "order_national"},
    };
    EXPECT_EQ(fills.rows, expected);
    const std::string validation = read_text(*dir_ / "stats/matched/sweep_order_validation.json");
    // C3 (met by S2), C5 (by U3), C6 (by U4).
    EXPECT_NE(validation.find("\"unpriceable_contras\": 3"), std::string::npos) << validation;
}

TEST_F(HandWorkedPartition, ArrivalColumns) {
    const CsvContent d = csv("matched/sweep_order_comparison_detailed.csv");
    // S1: arrival = first event by (timestamp, sequence): seq 10 (listed after seq 11).
    EXPECT_EQ(d.cell(0, "order_timestamp"), id(ms(1000)));
    EXPECT_EQ(d.cell(0, "side"), "1");
    EXPECT_EQ(d.cell(0, "order_quantity"), "1000");
    EXPECT_EQ(d.cell(0, "limit_price"), "10010");
    EXPECT_EQ(d.cell(0, "arrival_bid"), "9990");
    EXPECT_EQ(d.cell(0, "arrival_offer"), "10010");
    EXPECT_EQ(d.cell(0, "arrival_midpoint"), "10000");
    EXPECT_EQ(d.cell(0, "arrival_spread"), "20");
    EXPECT_EQ(d.cell(2, "side"), "2");
}

TEST_F(HandWorkedPartition, S1MetricsBothSides) {
    const CsvContent d = csv("matched/sweep_order_comparison_detailed.csv");
    // Buy (s = +1), order quantity 1000, arrival mid (9990 + 10010) / 2 = 10000, spread 20.
    // Real fills: 600 @ 10010 at 1000 (snapshot mid 10000); 400 @ 10015 at 1500 (snapshot
    // 10000/10020, mid 10010).
    //   Q = 1000, fill rate 100, 2 fills, avg 500
    //   vwap = (600*10010 + 400*10015) / 1000 = 10012
    //   cost arrival = (10012 - 10000) / 10000 * 1e4 = 12
    //   cost vw = (600 * 10/10000*1e4 + 400 * 5/10010*1e4) / 1000
    //   effective spread = 2 * 12 / 20 * 100 = 120
    //   exec time 0.5 s; time to first fill 0; vw exec time (600*0 + 400*0.5) / 1000 = 0.2
    //   drift (10010 - 10000) / 10000 * 1e4 = 10; first 1000, last 1500; m_last 10010
    const double real_vw = (600 * (10.0 / 10000 * 1e4) + 400 * (5.0 / 10010 * 1e4)) / 1000;
    expect_row(d, 0,
               {{"real_qty_filled", 1000},
                {"real_fill_rate_pct", 100},
                {"real_num_fills", 2},
                {"real_avg_fill_size", 500},
                {"real_vwap", 10012},
                {"real_exec_cost_arrival_bps", 12},
                {"real_exec_cost_vw_bps", real_vw},
                {"real_effective_spread_pct", 120},
                {"real_exec_time_sec", 0.5},
                {"real_time_to_first_fill_sec", 0},
                {"real_vw_exec_time_sec", 0.2},
                {"real_market_drift_bps", 10},
                {"real_midpoint_at_last_fill", 10010}});
    EXPECT_EQ(d.cell(0, "real_first_trade_time"), id(ms(1000)));
    EXPECT_EQ(d.cell(0, "real_last_trade_time"), id(ms(1500)));
    // Simulated: 300 @ 10002.5 at 1100, 100 @ 9995 at 1200 (p_i = m_i).
    //   Q = 400, fill rate 40, 2 fills, avg 200
    //   vwap = (300*10002.5 + 100*9995) / 400 = 4000250 / 400 = 10000.625 (a half kept)
    //   cost arrival = 0.625 / 10000 * 1e4 = 0.625; cost vw = 0 (fills at their midpoint)
    //   effective spread = 2 * 0.625 / 20 * 100 = 6.25
    //   exec time 0.1; time to first fill 0.1; vw exec time (300*0.1 + 100*0.2) / 400 = 0.125
    //   drift (9995 - 10002.5) / 10002.5 * 1e4; first 1100, last 1200; m_last 9995
    expect_row(d, 0,
               {{"sim_qty_filled", 400},
                {"sim_fill_rate_pct", 40},
                {"sim_num_fills", 2},
                {"sim_avg_fill_size", 200},
                {"sim_vwap", 10000.625},
                {"sim_exec_cost_arrival_bps", 0.625},
                {"sim_exec_cost_vw_bps", 0},
                {"sim_effective_spread_pct", 6.25},
                {"sim_exec_time_sec", 0.1},
                {"sim_time_to_first_fill_sec", 0.1},
                {"sim_vw_exec_time_sec", 0.125},
                {"sim_market_drift_bps", -7.5 / 10002.5 * 1e4},
                {"sim_midpoint_at_last_fill", 9995}});
    EXPECT_EQ(d.cell(0, "sim_vwap"), "10000.625");
    EXPECT_EQ(d.cell(0, "sim_first_trade_time"), id(ms(1100)));
    EXPECT_EQ(d.cell(0, "sim_last_trade_time"), id(ms(1200)));
    // Differences real - sim; dark pool better: 0.625 < 12.
    expect_row(d, 0,
               {{"qty_diff", 600},
                {"fill_rate_diff_pct", 60},
                {"num_fills_diff", 0},
                {"avg_fill_size_diff", 300},
                {"vwap_diff", 11.375},
                {"exec_cost_arrival_diff_bps", 11.375},
                {"exec_cost_vw_diff_bps", real_vw},
                {"effective_spread_diff_pct", 113.75},
                {"exec_time_diff_sec", 0.4},
                {"time_to_first_fill_diff_sec", -0.1},
                {"vw_exec_time_diff_sec", 0.075}});
    EXPECT_EQ(d.cell(0, "dark_pool_better"), "true");
}

TEST_F(HandWorkedPartition, S2AndS3Metrics) {
    const CsvContent d = csv("matched/sweep_order_comparison_detailed.csv");
    // S2: buy 500 @ 10020 at 1050, arrival mid 10000, spread 20. Real: 500 @ 10020 at 1400
    // (snapshot mid 10010): vwap 10020, cost 20, cost vw 10/10010*1e4, eff spread 200,
    // exec time 0, time to first fill 0.35, vw 0.35, drift 0 (one fill), m_last 10010.
    // Sim: 400 @ 9995 at 1200, 100 @ 10000 at 1350: vwap (3998000 + 1000000)/500 = 9996,
    // cost -4, eff spread 2*4/20*100 = 40, exec 0.15, first fill 0.15, vw (400*0.15 +
    // 100*0.3)/500 = 0.18, drift (10000 - 9995)/9995*1e4, m_last 10000.
    expect_row(d, 1,
               {{"real_qty_filled", 500},
                {"real_fill_rate_pct", 100},
                {"real_num_fills", 1},
                {"real_avg_fill_size", 500},
                {"real_vwap", 10020},
                {"real_exec_cost_arrival_bps", 20},
                {"real_exec_cost_vw_bps", 10.0 / 10010 * 1e4},
                {"real_effective_spread_pct", 200},
                {"real_exec_time_sec", 0},
                {"real_time_to_first_fill_sec", 0.35},
                {"real_vw_exec_time_sec", 0.35},
                {"real_market_drift_bps", 0},
                {"real_midpoint_at_last_fill", 10010},
                {"sim_qty_filled", 500},
                {"sim_fill_rate_pct", 100},
                {"sim_num_fills", 2},
                {"sim_avg_fill_size", 250},
                {"sim_vwap", 9996},
                {"sim_exec_cost_arrival_bps", -4},
                {"sim_exec_cost_vw_bps", 0},
                {"sim_effective_spread_pct", 40},
                {"sim_exec_time_sec", 0.15},
                {"sim_time_to_first_fill_sec", 0.15},
                {"sim_vw_exec_time_sec", 0.18},
                {"sim_market_drift_bps", 5.0 / 9995 * 1e4},
                {"sim_midpoint_at_last_fill", 10000},
                {"qty_diff", 0},
                {"num_fills_diff", -1},
                {"vwap_diff", 24},
                {"exec_cost_arrival_diff_bps", 24},
                {"effective_spread_diff_pct", 160},
                {"exec_time_diff_sec", -0.15},
                {"time_to_first_fill_diff_sec", 0.2},
                {"vw_exec_time_diff_sec", 0.17}});
    EXPECT_EQ(d.cell(1, "dark_pool_better"), "true");
    // S3: sell (s = -1) 300 @ 9990 at 1350, arrival mid 10000, spread 20. Real: 300 @ 10005 at
    // 1360 (snapshot mid 10000): cost -1*(10005 - 10000)/10000*1e4 = -5 (sold above the mid),
    // cost vw -5, eff spread 2*5/20*100 = 50, first fill 0.01, vw 0.01.
    // Sim: 50 @ 10000 at 1355: fill rate 50/300*100, cost -1*0 = -0, written "0", eff spread 0,
    // first fill 0.005. dark_pool_better: 0 < -5 is false.
    expect_row(d, 2,
               {{"real_qty_filled", 300},
                {"real_fill_rate_pct", 100},
                {"real_vwap", 10005},
                {"real_exec_cost_arrival_bps", -5},
                {"real_exec_cost_vw_bps", -5},
                {"real_effective_spread_pct", 50},
                {"real_time_to_first_fill_sec", 0.01},
                {"real_vw_exec_time_sec", 0.01},
                {"sim_qty_filled", 50},
                {"sim_fill_rate_pct", 50.0 / 300 * 100},
                {"sim_num_fills", 1},
                {"sim_avg_fill_size", 50},
                {"sim_vwap", 10000},
                {"sim_effective_spread_pct", 0},
                {"sim_time_to_first_fill_sec", 0.005},
                {"sim_vw_exec_time_sec", 0.005},
                {"sim_market_drift_bps", 0},
                {"qty_diff", 250},
                {"fill_rate_diff_pct", 100 - 50.0 / 300 * 100},
                {"vwap_diff", 5},
                {"exec_cost_arrival_diff_bps", -5},
                {"exec_cost_vw_diff_bps", -5},
                {"effective_spread_diff_pct", 50},
                {"time_to_first_fill_diff_sec", 0.005}});
    EXPECT_EQ(d.cell(2, "sim_exec_cost_arrival_bps"), "0");
    EXPECT_EQ(d.cell(2, "dark_pool_better"), "false");
}

TEST_F(HandWorkedPartition, UnexecutedRealMetrics) {
    const CsvContent u = csv("unmatched/sweep_order_unexecuted_in_dark.csv");
    // U1: buy 100 @ 10010 at 5000, mid 10000; one fill 100 @ 10010 at 5050 (snapshot mid
    // 10000): vwap 10010, cost 10, vw 10, eff spread 100, exec 0, first fill 0.05, vw 0.05.
    expect_row(u, 0,
               {{"real_qty_filled", 100},
                {"real_fill_rate_pct", 100},
                {"real_num_fills", 1},
                {"real_avg_fill_size", 100},
                {"real_vwap", 10010},
                {"real_exec_cost_arrival_bps", 10},
                {"real_exec_cost_vw_bps", 10},
                {"real_effective_spread_pct", 100},
                {"real_exec_time_sec", 0},
                {"real_time_to_first_fill_sec", 0.05},
                {"real_vw_exec_time_sec", 0.05},
                {"real_market_drift_bps", 0},
                {"real_midpoint_at_last_fill", 10000}});
    EXPECT_EQ(u.cell(0, "real_first_trade_time"), id(ms(5050)));
}

TEST_F(HandWorkedPartition, RootCauses) {
    const CsvContent a = csv("unmatched/unmatched_orders_analysis.csv");
    ASSERT_EQ(a.rows.size(), 6U);
    auto row = [&](int64_t order) { return a.find_row("orderid", id(order)); };
    // Closed sell contras before 5000: C1 filled (3, leaves 0), C2 cancelled (1), C3 cancelled
    // (9) with leaves 200 left: a cancellation is not open. Buy side: S1, S2 filled, C4
    // cancelled (9).
    // U1: first lit fill 0.05 s after arrival.
    EXPECT_EQ(a.cell(row(kU1), "root_cause"), "INSTANT_LIT_EXECUTION");
    EXPECT_EQ(a.cell(row(kU1), "time_to_lit_execution_sec"), "0.05");
    EXPECT_EQ(a.cell(row(kU1), "contra_orders_at_arrival"), "0");
    // U2: sell at 6000, no buy CP open, none arriving in (6000, 7000].
    EXPECT_EQ(a.cell(row(kU2), "root_cause"), "NO_LIQUIDITY_AT_ALL");
    EXPECT_EQ(a.cell(row(kU2), "contra_depth_at_arrival"), "0");
    EXPECT_EQ(a.cell(row(kU2), "best_contra_price_at_arrival"), "");
    EXPECT_EQ(a.cell(row(kU2), "price_overlap"), "false");
    EXPECT_EQ(a.cell(row(kU2), "time_to_lit_execution_sec"), "1");
    // U3: buy @ 10010 at 8000; nothing open; C5 (sell 100 @ 10000) arrives at 8500 <= 9000:
    // compatible, advantage (9000 - 8500) / 1e3 = 0.5 s. (The simulator skipped C5: no quote.)
    const size_t u3 = row(kU3);
    EXPECT_EQ(a.cell(u3, "root_cause"), "TIMING_MISMATCH");
    EXPECT_EQ(a.cell(u3, "contra_arrivals_during_life"), "1");
    EXPECT_EQ(a.cell(u3, "contra_qty_arrived_during_life"), "100");
    EXPECT_EQ(a.cell(u3, "earliest_compatible_contra_time"), id(ms(8500)));
    EXPECT_EQ(a.cell(u3, "dark_vs_lit_timing_advantage_sec"), "0.5");
    EXPECT_EQ(a.cell(u3, "first_lit_time"), id(ms(9000)));
    // U4: sell @ 9990 at 10000; C6 buys @ 9980 (< 9990) at 10500: an arrival, not compatible.
    const size_t u4 = row(kU4);
    EXPECT_EQ(a.cell(u4, "root_cause"), "TIMING_MISMATCH_NO_PRICE_OVERLAP");
    EXPECT_EQ(a.cell(u4, "contra_arrivals_during_life"), "1");
    EXPECT_EQ(a.cell(u4, "earliest_compatible_contra_time"), "");
    EXPECT_EQ(a.cell(u4, "dark_vs_lit_timing_advantage_sec"), "");
    // U5: buy @ 10000 at 12000; C7 rests: 300 @ 10020 > 10000 (C5 was cancelled at 9500).
    const size_t u5 = row(kU5);
    EXPECT_EQ(a.cell(u5, "root_cause"), "PRICE_INCOMPATIBLE");
    EXPECT_EQ(a.cell(u5, "contra_depth_at_arrival"), "300");
    EXPECT_EQ(a.cell(u5, "contra_orders_at_arrival"), "1");
    EXPECT_EQ(a.cell(u5, "best_contra_price_at_arrival"), "10020");
    EXPECT_EQ(a.cell(u5, "price_overlap"), "false");
    EXPECT_EQ(a.cell(u5, "potential_fill_qty_at_arrival"), "0");
    // U6: buy 200 @ 10030 at 14000: C7 compatible, potential min(200, 300) = 200.
    const size_t u6 = row(kU6);
    EXPECT_EQ(a.cell(u6, "root_cause"), "SIMULATION_MISS");
    EXPECT_EQ(a.cell(u6, "price_overlap"), "true");
    EXPECT_EQ(a.cell(u6, "potential_fill_qty_at_arrival"), "200");
    EXPECT_FALSE(a.cell(u6, "root_cause_detail").empty());

    const std::string summary = read_text(*dir_ / "stats/unmatched/unmatched_summary.json");
    for (const char* cause :
         {"\"INSTANT_LIT_EXECUTION\": 1", "\"NO_LIQUIDITY_AT_ALL\": 1", "\"TIMING_MISMATCH\": 1",
          "\"TIMING_MISMATCH_NO_PRICE_OVERLAP\": 1", "\"PRICE_INCOMPATIBLE\": 1",
          "\"INSUFFICIENT_QUANTITY\": 0", "\"SIMULATION_MISS\": 1"}) {
        EXPECT_NE(summary.find(cause), std::string::npos) << cause << "\n" << summary;
    }
    // Mean time to lit: (0.05 + 1 * 5) / 6.
    EXPECT_NE(summary.find("\"unmatched_orders\": 6"), std::string::npos);
}

TEST_F(HandWorkedPartition, PairedTestsOfExecCostArrival) {
    const CsvContent t = csv("matched/sweep_order_statistical_tests.csv");
    ASSERT_EQ(t.rows.size(), 11U);
    const size_t r = t.find_row("metric_name", "exec_cost_arrival_bps");
    // real (S1, S2, S3) = 12, 20, -5; sim = 0.625, -4, 0; d = 11.375, 24, -5; n = 3.
    const double d[] = {11.375, 24, -5};
    const double mean = (11.375 + 24 - 5) / 3;  // 10.125
    double ss = 0;
    for (const double x : d) ss += (x - mean) * (x - mean);
    const double sd = std::sqrt(ss / 2);
    const double t_stat = mean / (sd / std::sqrt(3.0));
    // Student t with 2 df: P(|T| >= t) = 1 - t / sqrt(t^2 + 2).
    const double t_p = 1 - t_stat / std::sqrt(t_stat * t_stat + 2);
    EXPECT_EQ(t.cell(r, "n_pairs"), "3");
    expect_value(t, r, "paired_t_statistic", t_stat);
    expect_value(t, r, "paired_t_pvalue", t_p);
    // n < 10: no Wilcoxon.
    expect_value(t, r, "wilcoxon_statistic", kNaN);
    expect_value(t, r, "wilcoxon_pvalue", kNaN);
    // Pearson of (12, 20, -5) and (0.625, -4, 0); with n = 3, P(|R| >= r) = 1 - 2/pi asin|r|.
    const double rx[] = {12, 20, -5};
    const double sx[] = {0.625, -4, 0};
    const double mx = 9;
    const double my = -1.125;
    double sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < 3; ++i) {
        sxy += (rx[i] - mx) * (sx[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (sx[i] - my) * (sx[i] - my);
    }
    const double pr = sxy / std::sqrt(sxx * syy);
    expect_value(t, r, "pearson_r", pr);
    expect_value(t, r, "pearson_pvalue", 1 - 2 / std::numbers::pi * std::asin(std::abs(pr)));
    // Spearman: ranks (2, 3, 1) and (3, 1, 2): rho = 1 - 6*(1 + 4 + 1)/(3*8) = -0.5; t with
    // 1 df = -0.5 / sqrt(0.75), p = 1 - 2/pi atan(|t|) = 1 - 2/pi * pi/6 = 2/3.
    expect_value(t, r, "spearman_rho", -0.5);
    expect_value(t, r, "spearman_pvalue", 2.0 / 3.0);
    expect_value(t, r, "cohens_d", mean / sd);
    expect_value(t, r, "mean_diff", mean);
    // t(0.975, 2) = 0.95 / sqrt(2 * 0.975 * 0.025).
    const double half = 0.95 / std::sqrt(2 * 0.975 * 0.025) * sd / std::sqrt(3.0);
    EXPECT_NEAR(t.number(r, "mean_diff_ci_lower"), mean - half, 1e-9);
    EXPECT_NEAR(t.number(r, "mean_diff_ci_upper"), mean + half, 1e-9);
    // p ~ 0.35: not significant; costs are lower-better and mean d > 0.
    EXPECT_EQ(t.cell(r, "significance"), "ns");
    EXPECT_EQ(t.cell(r, "interpretation"), "simulated dark execution cheaper (not significant)");
    // qty_filled: d = 600, 0, 250 > 0 on average, higher is better: real fills more.
    const size_t q = t.find_row("metric_name", "qty_filled");
    EXPECT_EQ(t.cell(q, "interpretation").rfind("real lit execution fills more", 0), 0U);
    // vwap is neutral: d = 11.375, 24, 5.
    const size_t v = t.find_row("metric_name", "vwap");
    EXPECT_EQ(t.cell(v, "interpretation").rfind("real higher than simulated (neutral metric)", 0),
              0U);
}

TEST_F(HandWorkedPartition, SummaryAndQuantiles) {
    const CsvContent s = csv("matched/sweep_order_comparison_summary.csv");
    ASSERT_EQ(s.rows.size(), 11U);
    const size_t r = s.find_row("metric_name", "exec_cost_arrival_bps");
    EXPECT_EQ(s.cell(r, "metric_group"), "Cost");
    // real sorted (-5, 12, 20): mean 9, median 12, q25 = -5 + 0.5*17 = 3.5, q75 = 12 + 0.5*8.
    // sim sorted (-4, 0, 0.625): mean -1.125, median 0, q25 -2, q75 0.3125.
    // diff sorted (-5, 11.375, 24): mean 10.125, median 11.375, q25 3.1875, q75 17.6875.
    const double real_sd = std::sqrt(((-5 - 9.0) * (-5 - 9.0) + 9 + 121) / 2);
    expect_row(
        s, r,
        {{"real_mean", 9},    {"real_median", 12},   {"real_std", real_sd},   {"real_min", -5},
         {"real_max", 20},    {"real_q25", 3.5},     {"real_q75", 16},        {"sim_mean", -1.125},
         {"sim_median", 0},   {"sim_min", -4},       {"sim_max", 0.625},      {"sim_q25", -2},
         {"sim_q75", 0.3125}, {"diff_mean", 10.125}, {"diff_median", 11.375}, {"diff_min", -5},
         {"diff_max", 24},    {"diff_q25", 3.1875},  {"diff_q75", 17.6875},   {"n_orders", 3}});
    const CsvContent q = csv("matched/sweep_order_quantile_comparison.csv");
    ASSERT_EQ(q.rows.size(), 55U);
    // p10: real -5 + 0.2*17 = -1.6, sim -4 + 0.2*4 = -3.2, difference 1.6.
    size_t p10 = 0;
    while (!(q.cell(p10, "metric_name") == "exec_cost_arrival_bps" &&
             q.cell(p10, "percentile") == "10")) {
        ++p10;
    }
    expect_row(q, p10, {{"real_value", -1.6}, {"sim_value", -3.2}, {"difference", 1.6}});
}

TEST_F(HandWorkedPartition, ValidationJson) {
    const std::string v = read_text(*dir_ / "stats/matched/sweep_order_validation.json");
    for (const char* part :
         {"\"date\": \"2024-03-05\"", "\"security\": 7", "\"cp_orders\": 20", "\"sweeps\": 13",
          "\"qualifying\": 9", "\"matched\": 3", "\"unmatched\": 6", "\"real_fills\": 10",
          "\"simulated_fills\": 5", "\"mean_real_exec_cost_arrival_bps\": 9.0",
          "\"mean_sim_exec_cost_arrival_bps\": -1.125", "\"mean_saving_bps\": 10.125",
          "\"orders\": 43", "\"trades\": 15", "\"nbbo\": null", "\"nbbo_source\": \"order\""}) {
        EXPECT_NE(v.find(part), std::string::npos) << part << "\n" << v;
    }
}

}  // namespace
}  // namespace mdp::analyzers
