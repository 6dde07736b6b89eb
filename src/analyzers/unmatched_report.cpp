#include "analyzers/unmatched_report.h"

#include <array>
#include <cmath>
#include <string_view>
#include <vector>

#include "analyzers/csv_writer.h"
#include "analyzers/order_cells.h"
#include "analyzers/output_file.h"

namespace mdp::analyzers {

std::string unexecuted_in_dark_csv(std::span<const UnexecutedOrder> orders) {
    const std::vector<std::string> real = metric_columns("real");
    std::vector<std::string_view> columns(kArrivalColumns.begin(), kArrivalColumns.end());
    columns.insert(columns.end(), real.begin(), real.end());
    CsvWriter out(columns);
    for (const UnexecutedOrder& o : orders) {
        write_arrival_cells(out, *o.order);
        write_metric_cells(out, o.real);
        out.end_row();
    }
    return out.content();
}

namespace {

constexpr std::array<std::string_view, 18> kUnmatchedAnalysisColumns{"orderid",
                                                              "side",
                                                              "order_quantity",
                                                              "limit_price",
                                                              "arrival_time",
                                                              "first_lit_time",
                                                              "contra_depth_at_arrival",
                                                              "contra_orders_at_arrival",
                                                              "best_contra_price_at_arrival",
                                                              "price_overlap",
                                                              "potential_fill_qty_at_arrival",
                                                              "contra_arrivals_during_life",
                                                              "contra_qty_arrived_during_life",
                                                              "earliest_compatible_contra_time",
                                                              "dark_vs_lit_timing_advantage_sec",
                                                              "time_to_lit_execution_sec",
                                                              "root_cause",
                                                              "root_cause_detail"};

}  // namespace

std::vector<std::string> unmatched_analysis_columns() {
    return {kUnmatchedAnalysisColumns.begin(), kUnmatchedAnalysisColumns.end()};
}

std::string unmatched_analysis_csv(std::span<const UnmatchedDiagnosis> rows) {
    CsvWriter out(kUnmatchedAnalysisColumns);
    for (const UnmatchedDiagnosis& d : rows) {
        out.integer(d.order_id)
            .integer(d.side)
            .integer(d.order_quantity)
            .integer(d.limit_price)
            .integer(d.arrival_time)
            .integer(d.first_lit_time)
            .integer(d.contra_depth_at_arrival)
            .integer(d.contra_orders_at_arrival)
            .integer(d.best_contra_price_at_arrival)
            .boolean(d.price_overlap)
            .integer(d.potential_fill_qty_at_arrival)
            .integer(d.contra_arrivals_during_life)
            .integer(d.contra_qty_arrived_during_life)
            .integer(d.earliest_compatible_contra_time)
            .number(d.dark_vs_lit_timing_advantage_sec)
            .number(d.time_to_lit_execution_sec)
            .text(to_string(d.root_cause))
            .text(d.root_cause_detail);
        out.end_row();
    }
    return out.content();
}

namespace {

// Mean of the present (non-NaN) values; NaN when there are none.
template <class Get>
double mean_of(std::span<const UnmatchedDiagnosis> rows, Get get) {
    double sum = 0;
    size_t n = 0;
    for (const auto& d : rows) {
        const double v = get(d);
        if (std::isnan(v)) continue;
        sum += v;
        ++n;
    }
    return n == 0 ? std::nan("") : sum / static_cast<double>(n);
}

}  // namespace

std::vector<CellType> unmatched_analysis_cell_types() {
    std::vector<CellType> types(18, CellType::kInteger);
    types[9] = CellType::kBoolean;                         // price_overlap
    types[14] = types[15] = CellType::kNumber;             // the two durations in seconds
    types[16] = types[17] = CellType::kText;               // root_cause, root_cause_detail
    return types;
}

std::string unmatched_summary_json(const PartitionKey& key,
                                   std::span<const UnmatchedDiagnosis> rows) {
    nlohmann::ordered_json doc;
    doc["partition"] = {{"date", key.date.to_string()}, {"security", key.security}};
    doc["unmatched_orders"] = rows.size();
    nlohmann::ordered_json causes = nlohmann::ordered_json::object();
    for (const RootCause cause : kRootCauses) {
        size_t n = 0;
        for (const auto& d : rows) n += d.root_cause == cause ? 1 : 0;
        causes[std::string(to_string(cause))] = n;
    }
    doc["root_causes"] = causes;
    auto as_double = [](int64_t v) { return static_cast<double>(v); };
    doc["averages"] = {
        {"time_to_lit_execution_sec",
         json_number(mean_of(rows, [](const auto& d) { return d.time_to_lit_execution_sec; }))},
        {"contra_depth_at_arrival",
         json_number(
             mean_of(rows, [&](const auto& d) { return as_double(d.contra_depth_at_arrival); }))},
        {"contra_orders_at_arrival",
         json_number(
             mean_of(rows, [&](const auto& d) { return as_double(d.contra_orders_at_arrival); }))},
        {"potential_fill_qty_at_arrival",
         json_number(mean_of(
             rows, [&](const auto& d) { return as_double(d.potential_fill_qty_at_arrival); }))},
        {"contra_arrivals_during_life",
         json_number(mean_of(
             rows, [&](const auto& d) { return as_double(d.contra_arrivals_during_life); }))},
        {"contra_qty_arrived_during_life",
         json_number(mean_of(
             rows, [&](const auto& d) { return as_double(d.contra_qty_arrived_during_life); }))},
        {"dark_vs_lit_timing_advantage_sec",
         json_number(
             mean_of(rows, [](const auto& d) { return d.dark_vs_lit_timing_advantage_sec; }))},
    };
    return format_json(doc);
}

}  // namespace mdp::analyzers
