// SPEC 3.6 formats: exact header columns, NaN as an empty cell, shortest round-trip numbers,
// booleans, quoting, valid JSON with null, and byte-identical files on a second run.

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "analyzers/comparison_report.h"
#include "analyzers/csv_writer.h"
#include "analyzers/unmatched_report.h"
#include "analyzers/hand_worked_partition.h"
#include "analyzers/number_format.h"
#include "analyzers/partition_analysis.h"
#include "analyzers/partition_builder.h"

namespace mdp::analyzers {
namespace {

using namespace testing;
namespace fs = std::filesystem;

const char* const kFiles[] = {"matched/sweep_order_comparison_detailed.csv",
                              "matched/sweep_order_comparison_summary.csv",
                              "matched/sweep_order_statistical_tests.csv",
                              "matched/sweep_order_quantile_comparison.csv",
                              "matched/sweep_order_validation.json",
                              "unmatched/sweep_order_unexecuted_in_dark.csv",
                              "unmatched/unmatched_orders_analysis.csv",
                              "unmatched/unmatched_summary.json",
                              "simulation/simulated_fills.csv"};

fs::path run_hand_worked(const std::string& name) {
    const auto dir = scratch_dir(name);
    write_hand_worked_partition(dir / "partition", false);
    analyze_partition(dir / "partition", dir / "stats",
                      PartitionKey{*CivilDate::parse("2024-03-05"), kSecurity}, {});
    return dir / "stats";
}

TEST(NumberFormat, ShortestRoundTrip) {
    EXPECT_EQ(format_number(100.0), "100");
    EXPECT_EQ(format_number(10002.5), "10002.5");
    EXPECT_EQ(format_number(0.1), "0.1");
    EXPECT_EQ(format_number(1.0 / 3.0), "0.3333333333333333");
    EXPECT_EQ(format_number(-0.0), "0");
    EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "");
    EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "inf");
    EXPECT_EQ(format_integer(7000000000000000101), "7000000000000000101");
    for (const double x : {0.1 + 0.2, 1e-300, 123456789.123456789, -7.498125468632842}) {
        EXPECT_EQ(std::stod(format_number(x)), x);
    }
}

TEST(CsvWriter, QuotesOnlyWhenNeededAndChecksRowWidth) {
    const std::string_view columns[] = {"a", "b", "c", "d"};
    CsvWriter w(columns);
    w.text("x,y").text("say \"hi\"").boolean(true).boolean(std::optional<bool>{});
    w.end_row();
    EXPECT_EQ(w.content(), "a,b,c,d\n\"x,y\",\"say \"\"hi\"\"\",true,\n");
    w.integer(1);
    EXPECT_THROW(w.end_row(), std::logic_error);
}

TEST(OutputFormat, HeadersAreExactlyTheSpecColumns) {
    const fs::path stats = run_hand_worked("format_headers");
    std::string arrival =
        "orderid,order_timestamp,side,order_quantity,limit_price,arrival_bid,"
        "arrival_offer,arrival_midpoint,arrival_spread";
    std::string metrics[2];
    for (int s = 0; s < 2; ++s) {
        for (const char* m :
             {"qty_filled", "fill_rate_pct", "num_fills", "avg_fill_size", "vwap",
              "exec_cost_arrival_bps", "exec_cost_vw_bps", "effective_spread_pct", "exec_time_sec",
              "time_to_first_fill_sec", "vw_exec_time_sec", "market_drift_bps", "first_trade_time",
              "last_trade_time", "midpoint_at_last_fill"}) {
            metrics[s] += std::string(",") + (s == 0 ? "real_" : "sim_") + m;
        }
    }
    const std::string diffs =
        ",qty_diff,fill_rate_diff_pct,num_fills_diff,avg_fill_size_diff,vwap_diff,"
        "exec_cost_arrival_diff_bps,exec_cost_vw_diff_bps,effective_spread_diff_pct,"
        "exec_time_diff_sec,time_to_first_fill_diff_sec,vw_exec_time_diff_sec,dark_pool_better";
    EXPECT_EQ(read_csv(stats / kFiles[0]).header_line(), arrival + metrics[0] + metrics[1] + diffs);
    EXPECT_EQ(read_csv(stats / kFiles[5]).header_line(), arrival + metrics[0]);
    EXPECT_EQ(read_csv(stats / kFiles[2]).header_line(),
              "metric_name,n_pairs,paired_t_statistic,paired_t_pvalue,wilcoxon_statistic,"
              "wilcoxon_pvalue,pearson_r,pearson_pvalue,spearman_rho,spearman_pvalue,cohens_d,"
              "mean_diff,mean_diff_ci_lower,mean_diff_ci_upper,significance,interpretation");
    EXPECT_EQ(read_csv(stats / kFiles[3]).header_line(),
              "metric_name,percentile,real_value,sim_value,difference");
    EXPECT_EQ(read_csv(stats / kFiles[8]).header_line(),
              "sweep_orderid,contra_orderid,timestamp,quantity,midpoint,quote_source");
    const CsvContent summary = read_csv(stats / kFiles[1]);
    EXPECT_EQ(summary.header.front(), "metric_name");
    EXPECT_EQ(summary.header[1], "metric_group");
    EXPECT_EQ(summary.header.back(), "n_orders");
    EXPECT_EQ(summary.header.size(), 2U + 3 * 7 + 1);
    // The 11 metrics in SPEC 3.4 order.
    const char* const order[] = {
        "qty_filled",    "fill_rate_pct",          "num_fills",        "avg_fill_size",
        "vwap",          "exec_cost_arrival_bps",  "exec_cost_vw_bps", "effective_spread_pct",
        "exec_time_sec", "time_to_first_fill_sec", "vw_exec_time_sec"};
    for (size_t i = 0; i < 11; ++i) EXPECT_EQ(summary.cell(i, "metric_name"), order[i]);
}

TEST(OutputFormat, NanIsEmptyAndJsonIsValid) {
    const fs::path stats = run_hand_worked("format_nan");
    // n = 3 < 10: the Wilcoxon cells are empty, never "nan" or "0".
    const CsvContent tests = read_csv(stats / kFiles[2]);
    for (size_t r = 0; r < tests.rows.size(); ++r) {
        EXPECT_EQ(tests.cell(r, "wilcoxon_statistic"), "");
        EXPECT_EQ(tests.cell(r, "wilcoxon_pvalue"), "");
    }
    for (const char* file : kFiles) {
        const std::string text = read_text(stats / file);
        EXPECT_EQ(text.find("nan"), std::string::npos) << file;
        EXPECT_EQ(text.find("NaN"), std::string::npos) << file;
        if (std::string(file).ends_with(".json")) {
            EXPECT_TRUE(nlohmann::json::accept(text)) << file;
        }
    }
    // Integral doubles print without a fraction: the arrival midpoint 10000.0 is "10000".
    EXPECT_EQ(read_csv(stats / kFiles[0]).cell(0, "real_qty_filled"), "1000");
}

TEST(OutputFormat, SecondRunIsByteIdentical) {
    const fs::path first = run_hand_worked("determinism_1");
    const fs::path second = run_hand_worked("determinism_2");
    for (const char* file : kFiles) {
        const std::string a = read_text(first / file);
        EXPECT_FALSE(a.empty()) << file;
        EXPECT_EQ(a, read_text(second / file)) << file;
    }
}

// The declared column types (what the SQLite export stores cells as) are those the writers
// write: every non-empty cell of the hand-worked partition's per-order files parses as its
// column's declared type, integers as integers (no fraction), booleans as true/false.
void expect_cells_of_declared_types(const fs::path& file, const std::vector<std::string>& columns,
                                    const std::vector<CellType>& types) {
    const CsvContent csv = read_csv(file);
    ASSERT_EQ(csv.header, columns) << file;
    ASSERT_EQ(types.size(), columns.size()) << file;
    ASSERT_FALSE(csv.rows.empty()) << file;
    for (const auto& row : csv.rows) {
        for (size_t i = 0; i < types.size(); ++i) {
            const std::string& cell = row.at(i);
            if (cell.empty()) continue;
            const char* end = cell.data() + cell.size();
            switch (types[i]) {
                case CellType::kInteger: {
                    int64_t value = 0;
                    EXPECT_EQ(std::from_chars(cell.data(), end, value).ptr, end) << file << " " << columns[i] << " " << cell;
                    break;
                }
                case CellType::kNumber: {
                    double value = 0;
                    EXPECT_TRUE(cell == "inf" || cell == "-inf" || std::from_chars(cell.data(), end, value).ptr == end)
                        << file << " " << columns[i] << " " << cell;
                    break;
                }
                case CellType::kBoolean:
                    EXPECT_TRUE(cell == "true" || cell == "false") << file << " " << columns[i] << " " << cell;
                    break;
                case CellType::kText:
                    break;
            }
        }
    }
}

TEST(OutputFormat, PerOrderFilesHaveTheirDeclaredCellTypes) {
    const fs::path stats = run_hand_worked("declared_types");
    expect_cells_of_declared_types(stats / kFiles[0], comparison_detailed_columns(), comparison_detailed_cell_types());
    expect_cells_of_declared_types(stats / kFiles[6], unmatched_analysis_columns(), unmatched_analysis_cell_types());
}

}  // namespace
}  // namespace mdp::analyzers
