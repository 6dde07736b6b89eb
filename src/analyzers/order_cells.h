#pragma once
// The cells shared by the order-level output files (SPEC 3.6): an order's arrival columns and
// its 15 execution metrics, with their column names.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/centre_point_orders.h"
#include "analyzers/csv_writer.h"
#include "analyzers/execution_metrics.h"

namespace mdp::analyzers {

inline constexpr std::array<std::string_view, 9> kArrivalColumns{
    "orderid",        "order_timestamp",  "side",
    "order_quantity", "limit_price",      "arrival_bid",
    "arrival_offer",  "arrival_midpoint", "arrival_spread"};

// The 15 metrics of SPEC 3.4, in SPEC order.
inline constexpr std::array<std::string_view, 15> kExecutionMetricNames{"qty_filled",
                                                                        "fill_rate_pct",
                                                                        "num_fills",
                                                                        "avg_fill_size",
                                                                        "vwap",
                                                                        "exec_cost_arrival_bps",
                                                                        "exec_cost_vw_bps",
                                                                        "effective_spread_pct",
                                                                        "exec_time_sec",
                                                                        "time_to_first_fill_sec",
                                                                        "vw_exec_time_sec",
                                                                        "market_drift_bps",
                                                                        "first_trade_time",
                                                                        "last_trade_time",
                                                                        "midpoint_at_last_fill"};

// What write_arrival_cells() and write_metric_cells() write, column by column.
inline constexpr std::array<CellType, 9> kArrivalCellTypes{
    CellType::kInteger, CellType::kInteger, CellType::kInteger, CellType::kInteger, CellType::kInteger,
    CellType::kInteger, CellType::kInteger, CellType::kNumber,  CellType::kNumber};
inline constexpr std::array<CellType, 15> kExecutionMetricCellTypes{
    CellType::kNumber, CellType::kNumber, CellType::kNumber,  CellType::kNumber,  CellType::kNumber,
    CellType::kNumber, CellType::kNumber, CellType::kNumber,  CellType::kNumber,  CellType::kNumber,
    CellType::kNumber, CellType::kNumber, CellType::kInteger, CellType::kInteger, CellType::kNumber};

// "<prefix>_<metric>" for the 15 metrics.
std::vector<std::string> metric_columns(std::string_view prefix);

void write_arrival_cells(CsvWriter& out, const CpOrder& order);
void write_metric_cells(CsvWriter& out, const ExecutionMetrics& m);

}  // namespace mdp::analyzers
