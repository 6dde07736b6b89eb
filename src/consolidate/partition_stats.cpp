#include "consolidate/partition_stats.h"

#include <nlohmann/json.hpp>
#include <system_error>

#include "common/durable_file.h"
#include "common/errors.h"
#include "consolidate/csv_record.h"

namespace mdp::consolidate {

namespace fs = std::filesystem;

namespace {

std::string read_existing(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw InputError(path, "is missing");
    return read_file(path);
}

size_t column_index(const std::vector<std::string>& header, std::string_view name,
                    const fs::path& file) {
    for (size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return i;
    }
    throw InputError(file, 1, "has no column " + std::string(name));
}

void read_detailed(const fs::path& file, PartitionStats& out) {
    out.detailed_text = read_existing(file);
    LineCursor lines(out.detailed_text);
    std::vector<std::string> fields;
    const auto header = lines.next();
    if (!header || !split_csv_line(*header, fields)) throw InputError(file, 1, "has no header");
    out.header = *header;
    const size_t columns = fields.size();
    std::array<size_t, kMetricCount> index{};
    for (size_t m = 0; m < kMetricCount; ++m) {
        index[m] = column_index(fields, analyzers::kComparedMetrics[m].difference_name, file);
    }
    while (const auto line = lines.next()) {
        if (line->empty()) continue;
        if (!split_csv_line(*line, fields) || fields.size() != columns) {
            throw InputError(file, lines.line_number(),
                             "has " + std::to_string(fields.size()) + " fields, header has " +
                                 std::to_string(columns));
        }
        Differences d{};
        for (size_t m = 0; m < kMetricCount; ++m) {
            const auto value = parse_number_cell(fields[index[m]]);
            if (!value) {
                throw InputError(file, lines.line_number(),
                                 "column " +
                                     std::string(analyzers::kComparedMetrics[m].difference_name) +
                                     " is not a number: '" + fields[index[m]] + "'");
            }
            d[m] = *value;
        }
        out.rows.push_back(*line);
        out.differences.push_back(d);
    }
}

void read_root_causes(const fs::path& file, PartitionStats& out) {
    const std::string text = read_existing(file);
    LineCursor lines(text);
    std::vector<std::string> fields;
    const auto header = lines.next();
    if (!header || !split_csv_line(*header, fields)) throw InputError(file, 1, "has no header");
    const size_t columns = fields.size();
    const size_t cause = column_index(fields, "root_cause", file);
    while (const auto line = lines.next()) {
        if (line->empty()) continue;
        if (!split_csv_line(*line, fields) || fields.size() != columns || fields[cause].empty()) {
            throw InputError(file, lines.line_number(), "is not a root-cause row");
        }
        ++out.root_causes[fields[cause]];
    }
}

double json_number(const nlohmann::json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) return stats::kNaN;
    if (!it->is_number()) throw std::invalid_argument(std::string(name) + " is not a number");
    return it->get<double>();
}

void read_headline(const fs::path& file, PartitionStats& out) {
    const std::string text = read_existing(file);
    try {
        const nlohmann::json doc = nlohmann::json::parse(text);
        const nlohmann::json& headline = doc.at("headline");
        out.headline.n_pairs = headline.at("n_pairs").get<int64_t>();
        out.headline.mean_real_exec_cost_arrival_bps =
            json_number(headline, "mean_real_exec_cost_arrival_bps");
        out.headline.mean_sim_exec_cost_arrival_bps =
            json_number(headline, "mean_sim_exec_cost_arrival_bps");
        out.headline.mean_saving_bps = json_number(headline, "mean_saving_bps");
        out.headline.saving_paired_t_pvalue = json_number(headline, "saving_paired_t_pvalue");
    } catch (const std::exception& e) {
        throw InputError(file, std::string("is not a validation file: ") + e.what());
    }
}

}  // namespace

void PartitionStats::clear() {
    detailed_text.clear();
    header = {};
    rows.clear();
    differences.clear();
    root_causes.clear();
    headline = PartitionHeadline{};
}

void read_partition_stats(const fs::path& stats_dir, PartitionStats& out) {
    out.clear();
    read_detailed(stats_dir / kDetailedFile, out);
    read_root_causes(stats_dir / kUnmatchedFile, out);
    read_headline(stats_dir / kValidationFile, out);
}

}  // namespace mdp::consolidate
