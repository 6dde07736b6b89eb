#include "consolidate/table_schemas.h"

#include "analyzers/comparison_report.h"
#include "analyzers/unmatched_report.h"

namespace mdp::consolidate {

namespace {

constexpr CellType kInteger = CellType::kInteger;
constexpr CellType kNumber = CellType::kNumber;
constexpr CellType kBoolean = CellType::kBoolean;
constexpr CellType kText = CellType::kText;

// The columns every test row of pooled/per-security tests has after its leading ones.
void append_test_columns(std::vector<TableColumn>& columns) {
    columns.insert(columns.end(), {{"n", kInteger},
                                   {"mean", kNumber},
                                   {"median", kNumber},
                                   {"sd", kNumber},
                                   {"cohens_d", kNumber},
                                   {"t_statistic", kNumber},
                                   {"p_value", kNumber},
                                   {"ci_lower", kNumber},
                                   {"ci_upper", kNumber},
                                   {"dark_better_count", kInteger},
                                   {"dark_better_pct", kNumber}});
}

// date and security, then the columns of a per-partition file.
std::vector<TableColumn> keyed_columns(const std::vector<std::string>& names, const std::vector<CellType>& types) {
    std::vector<TableColumn> columns{{"date", kText}, {"security", kInteger}};
    for (size_t i = 0; i < names.size(); ++i) columns.push_back({names[i], types.at(i)});
    return columns;
}

}  // namespace

std::vector<std::string_view> TableSchema::column_names() const {
    std::vector<std::string_view> names;
    names.reserve(columns.size());
    for (const TableColumn& column : columns) names.emplace_back(column.name);
    return names;
}

const TableSchema& partitions_schema() {
    // Results only: attempts and durations are run metadata (registry, `status`, the SQLite
    // `partition_runs` table), so the file is byte-identical however often a run was resumed.
    static const TableSchema schema{"partitions",
                                    {{"date", kText},
                                     {"security", kInteger},
                                     {"status", kText},
                                     {"consolidated", kBoolean},
                                     {"orders_rows", kInteger},
                                     {"trades_rows", kInteger},
                                     {"nbbo_rows", kInteger},
                                     {"cp_orders", kInteger},
                                     {"sweeps", kInteger},
                                     {"qualifying", kInteger},
                                     {"matched", kInteger},
                                     {"unmatched", kInteger},
                                     {"real_fills", kInteger},
                                     {"simulated_fills", kInteger},
                                     {"n_pairs", kInteger},
                                     {"mean_real_exec_cost_arrival_bps", kNumber},
                                     {"mean_sim_exec_cost_arrival_bps", kNumber},
                                     {"mean_saving_bps", kNumber},
                                     {"saving_paired_t_pvalue", kNumber},
                                     {"note", kText}},
                                    {"date", "security"},
                                    {{"status"}}};
    return schema;
}

const TableSchema& sweep_comparison_schema() {
    static const TableSchema schema{
        "sweep_comparison",
        keyed_columns(analyzers::comparison_detailed_columns(), analyzers::comparison_detailed_cell_types()),
        {},
        {{"date", "security"}, {"security", "date"}}};
    return schema;
}

const TableSchema& unmatched_sweeps_schema() {
    static const TableSchema schema{
        "unmatched_sweeps",
        keyed_columns(analyzers::unmatched_analysis_columns(), analyzers::unmatched_analysis_cell_types()),
        {},
        {{"date", "security"}, {"security", "date"}, {"root_cause"}}};
    return schema;
}

const TableSchema& pooled_tests_schema() {
    static const TableSchema schema = [] {
        TableSchema s{"pooled_tests", {{"metric", kText}}, {"metric"}, {}};
        append_test_columns(s.columns);
        return s;
    }();
    return schema;
}

const TableSchema& per_security_tests_schema() {
    static const TableSchema schema = [] {
        TableSchema s{"per_security_tests", {{"security", kInteger}, {"metric", kText}}, {"security", "metric"}, {}};
        append_test_columns(s.columns);
        return s;
    }();
    return schema;
}

const TableSchema& cross_security_anova_schema() {
    static const TableSchema schema{"cross_security_anova",
                                    {{"metric", kText},
                                     {"securities", kInteger},
                                     {"securities_excluded", kInteger},
                                     {"n", kInteger},
                                     {"df_between", kInteger},
                                     {"f_statistic", kNumber},
                                     {"p_value", kNumber}},
                                    {"metric"},
                                    {}};
    return schema;
}

const TableSchema& cross_security_pairwise_schema() {
    static const TableSchema schema{"cross_security_pairwise",
                                    {{"metric", kText},
                                     {"security_a", kInteger},
                                     {"security_b", kInteger},
                                     {"n_a", kInteger},
                                     {"n_b", kInteger},
                                     {"mean_a", kNumber},
                                     {"mean_b", kNumber},
                                     {"mean_diff", kNumber},
                                     {"t_statistic", kNumber},
                                     {"p_value", kNumber},
                                     {"p_holm", kNumber},
                                     {"significant_holm", kBoolean}},
                                    {"metric", "security_a", "security_b"},
                                    {}};
    return schema;
}

const TableSchema& root_causes_schema() {
    // `security` is empty (NULL) on the overall rows, so it cannot be part of a primary key.
    static const TableSchema schema{"root_causes",
                                    {{"scope", kText},
                                     {"security", kInteger},
                                     {"root_cause", kText},
                                     {"count", kInteger},
                                     {"pct", kNumber}},
                                    {},
                                    {{"security", "root_cause"}}};
    return schema;
}

}  // namespace mdp::consolidate
