#pragma once
// Test helpers for consolidation: a consolidated CSV read into rows of named cells (parsed
// independently of src/consolidate), numeric comparison with a relative tolerance, and a
// synthetic output directory with completed partitions whose result records hold given
// differences.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/comparison_report.h"
#include "analyzers/number_format.h"
#include "common/beneath.h"
#include "registry/partition_registry.h"
#include "results/pack_store.h"
#include "results/partition_record.h"
#include "support/scratch_dir.h"

namespace mdp::testing {

// The eleven difference columns of SPEC 3.4, in order; written out here (not taken from the
// analyzers' catalog) so the tests check the implementation against the spec.
inline constexpr const char* kDifferenceMetrics[] = {
    "qty_diff",           "fill_rate_diff_pct",          "num_fills_diff",
    "avg_fill_size_diff", "vwap_diff",                   "exec_cost_arrival_diff_bps",
    "exec_cost_vw_diff_bps", "effective_spread_diff_pct", "exec_time_diff_sec",
    "time_to_first_fill_diff_sec", "vw_exec_time_diff_sec"};

// Cells of one line; the consolidated files quote only free text (notes, errors), handled here.
inline std::vector<std::string> split_line(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                out.back().push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else {
            out.back().push_back(c);
        }
    }
    return out;
}

struct Table {
    std::vector<std::string> header;
    std::vector<std::map<std::string, std::string>> rows;
};

inline Table read_table(const std::filesystem::path& file) {
    Table table;
    std::istringstream in(read_text(file));
    std::string line;
    if (!std::getline(in, line)) return table;
    table.header = split_line(line);
    while (std::getline(in, line)) {
        const auto cells = split_line(line);
        EXPECT_EQ(cells.size(), table.header.size()) << file << ": " << line;
        std::map<std::string, std::string> row;
        for (size_t i = 0; i < cells.size() && i < table.header.size(); ++i) {
            row[table.header[i]] = cells[i];
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

inline double cell_number(const std::string& cell) {
    if (cell.empty()) return std::nan("");
    return std::strtod(cell.c_str(), nullptr);
}

// |a - b| <= rel * max(|a|, |b|) or both NaN; `abs` for values near zero.
inline ::testing::AssertionResult near(double actual, double expected, double rel = 1e-9,
                                       double abs = 1e-12) {
    if (std::isnan(actual) && std::isnan(expected)) return ::testing::AssertionSuccess();
    if (std::isinf(actual) && actual == expected) return ::testing::AssertionSuccess();
    const double diff = std::fabs(actual - expected);
    if (diff <= abs || diff <= rel * std::max(std::fabs(actual), std::fabs(expected))) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << actual << " != " << expected << " (diff " << diff << ")";
}

// One synthetic set-A order of a partition.
struct SyntheticOrder {
    std::string orderid;
    std::vector<double> differences;  // 11, NaN = missing
};

// Writes a completed partition: a result record whose detailed comparison holds these orders
// (every other column empty) and whose summary has their differences and `root_causes`' counts,
// and records it as completed in `registry`.
inline void write_synthetic_partition(const std::filesystem::path& output,
                                      registry::PartitionRegistry& reg, const PartitionKey& key,
                                      const std::vector<SyntheticOrder>& orders,
                                      const std::vector<std::string>& root_causes) {
    std::string detailed = analyzers::comparison_detailed_csv({});
    const std::vector<std::string> header = split_line(detailed.substr(0, detailed.size() - 1));
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < header.size(); ++i) index[header[i]] = i;
    for (const SyntheticOrder& order : orders) {
        std::vector<std::string> cells(header.size());
        cells[0] = order.orderid;
        for (size_t m = 0; m < 11; ++m) {
            cells[index.at(kDifferenceMetrics[m])] = analyzers::format_number(order.differences[m]);
        }
        for (size_t i = 0; i < cells.size(); ++i) detailed += (i > 0 ? "," : "") + cells[i];
        detailed += "\n";
    }
    results::PartitionRecord record;
    record.key = key;
    record.summary.headline.n_pairs = static_cast<int64_t>(orders.size());
    record.summary.headline.mean_saving_bps = 1.5;
    for (const SyntheticOrder& order : orders) {
        results::Differences d{};
        for (size_t m = 0; m < 11; ++m) d[m] = order.differences[m];
        record.summary.differences.push_back(d);
    }
    for (const std::string& cause : root_causes) ++record.summary.root_causes[cause];
    record.files.push_back({std::string(analyzers::kDetailedFile), detailed});
    const UniqueFd output_fd = open_directory(output);
    results::PackWriterPool packs(output_fd.get(), output, std::filesystem::path(results::kDefaultPacksDirectory));
    registry::ResultCounts counts{{"matched", static_cast<int64_t>(orders.size())}};
    results::add_location(packs.append(results::encode_record(record)), counts);
    const auto now = registry::Clock::now();
    reg.upsert(key, {{"orders", {100, 1000}}, {"trades", {10, 100}}}, now);
    reg.mark_running(key, now);
    reg.mark_completed(key, counts, std::chrono::duration<double>(0.25), now);
}

}  // namespace mdp::testing
