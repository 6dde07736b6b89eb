#include "status_report.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "common/progress_meter.h"
#include "registry/input_fingerprint.h"
#include "registry/json_text.h"
#include "results/pack_store.h"
#include "results/record_location.h"

namespace mdp::app {

namespace {

constexpr size_t kFailuresShownAsText = 20;
constexpr size_t kInputsListedAsText = 6;

int64_t epoch_ms(const registry::TimePoint& time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

// Everything `status` reports, gathered in one pass over the matching partitions.
struct RunStatus {
    size_t partitions = 0;
    std::array<size_t, 4> by_status{};
    uint64_t attempts = 0;
    double analysis_seconds = 0;  // sum of the last finished attempt of each partition
    registry::InputCountsMap inputs;
    registry::ResultCounts results;
    std::optional<int64_t> first_started_ms;
    std::optional<int64_t> last_completed_ms;
    std::vector<registry::PartitionEntry> failed;
    std::vector<registry::PartitionEntry> listed;
};

RunStatus gather(const registry::PartitionRegistry& registry, const StatusQuery& query) {
    RunStatus status;
    registry.for_each(query.filter, [&](const registry::PartitionEntry& entry) {
        ++status.partitions;
        ++status.by_status[static_cast<size_t>(entry.status)];
        status.attempts += entry.attempts;
        status.analysis_seconds += entry.duration_sec;
        for (const auto& [role, counts] : entry.inputs) {
            status.inputs[role].rows += counts.rows;
            status.inputs[role].bytes += counts.bytes;
        }
        for (const auto& [name, value] : entry.results) {
            if (registry::is_totalled_result(name)) status.results[name] += value;
        }
        if (entry.started_at) {
            const int64_t ms = epoch_ms(*entry.started_at);
            status.first_started_ms = std::min(status.first_started_ms.value_or(ms), ms);
        }
        if (entry.completed_at) {
            const int64_t ms = epoch_ms(*entry.completed_at);
            status.last_completed_ms = std::max(status.last_completed_ms.value_or(ms), ms);
        }
        if (entry.status == registry::PartitionStatus::kFailed) status.failed.push_back(entry);
        if (query.list) status.listed.push_back(entry);
    });
    return status;
}

std::string describe_filter(const registry::PartitionFilter& filter) {
    std::string text;
    const auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
    if (filter.status) add("status " + std::string(registry::status_name(*filter.status)));
    if (filter.date) add("date " + filter.date->to_string());
    if (filter.security) add("security " + std::to_string(*filter.security));
    return text;
}

std::string with_thousands(uint64_t value) {
    std::string digits = std::to_string(value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), ",");
    return digits;
}

std::string time_text(std::optional<int64_t> ms) { return ms ? registry::format_iso_time_ms(*ms) : "never"; }

nlohmann::json entry_json(const registry::PartitionEntry& entry) {
    nlohmann::json json{{"partition", entry.key.to_string()},
                        {"date", entry.key.date.to_string()},
                        {"security", entry.key.security},
                        {"status", registry::status_name(entry.status)},
                        {"attempts", entry.attempts},
                        {"duration_sec", entry.duration_sec}};
    nlohmann::json inputs = nlohmann::json::object();
    for (const auto& [role, counts] : entry.inputs) inputs[role] = {{"rows", counts.rows}, {"bytes", counts.bytes}};
    json["inputs"] = std::move(inputs);
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [name, value] : entry.results) {
        if (registry::is_totalled_result(name)) counts[name] = value;  // a count, not a location
    }
    json["results"] = std::move(counts);
    if (const auto record = results::location_in(entry.results)) {
        json["result_record"] = {{"pack", results::pack_file_name(record->pack)},
                                 {"offset", record->offset},
                                 {"bytes", record->length}};
    }
    json["started_at"] = entry.started_at ? nlohmann::json(registry::format_iso_time_ms(epoch_ms(*entry.started_at)))
                                          : nlohmann::json(nullptr);
    json["completed_at"] = entry.completed_at
                               ? nlohmann::json(registry::format_iso_time_ms(epoch_ms(*entry.completed_at)))
                               : nlohmann::json(nullptr);
    json["error"] = entry.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(entry.last_error);
    return json;
}

void write_json(const registry::PartitionRegistry& registry, const std::string& run_path, const StatusQuery& query,
                const RunStatus& status, std::ostream& out) {
    nlohmann::json json;
    json["run"] = run_path;
    json["inputs"] = nlohmann::json::array();
    for (const auto& input : registry.input_files()) json["inputs"].push_back(registry::to_json(input));
    json["extraction"] = registry.extraction_progress();
    json["settings"] = registry.settings();
    nlohmann::json filter = nlohmann::json::object();
    if (query.filter.status) filter["status"] = registry::status_name(*query.filter.status);
    if (query.filter.date) filter["date"] = query.filter.date->to_string();
    if (query.filter.security) filter["security"] = *query.filter.security;
    json["filter"] = std::move(filter);
    nlohmann::json partitions{{"total", status.partitions}};
    for (const auto s : registry::kAllStatuses) partitions[std::string(registry::status_name(s))] = status.by_status[static_cast<size_t>(s)];
    json["partitions"] = std::move(partitions);
    nlohmann::json inputs = nlohmann::json::object();
    for (const auto& [role, counts] : status.inputs) inputs[role] = {{"rows", counts.rows}, {"bytes", counts.bytes}};
    json["rows"] = std::move(inputs);
    json["results"] = status.results;
    json["attempts"] = status.attempts;
    json["analysis_seconds"] = status.analysis_seconds;
    json["first_started_at"] = status.first_started_ms ? nlohmann::json(time_text(status.first_started_ms)) : nlohmann::json(nullptr);
    json["last_completed_at"] = status.last_completed_ms ? nlohmann::json(time_text(status.last_completed_ms)) : nlohmann::json(nullptr);
    json["failed"] = nlohmann::json::array();
    for (const auto& entry : status.failed) json["failed"].push_back(entry_json(entry));
    if (query.list) {
        json["list"] = nlohmann::json::array();
        for (const auto& entry : status.listed) json["list"].push_back(entry_json(entry));
    }
    out << json.dump(2) << "\n";
}

void write_text(const registry::PartitionRegistry& registry, const std::string& run_path, const StatusQuery& query,
                const RunStatus& status, std::ostream& out) {
    out << "run in " << run_path << "\n";
    // Per role, then each file when there are few (a month of daily files is listed by --json).
    const auto& files = registry.input_files();
    std::map<std::string, std::pair<size_t, uint64_t>> per_role;  // role -> files, bytes
    for (const auto& input : files) {
        per_role[input.role].first += 1;
        per_role[input.role].second += input.size;
    }
    out << "  inputs:";
    for (const auto& [role, totals] : per_role) {
        out << (role == per_role.begin()->first ? " " : ", ") << role << " " << totals.first << " file" << (totals.first == 1 ? "" : "s") << " ("
            << format_bytes(static_cast<double>(totals.second)) << ")";
    }
    out << "\n";
    if (files.size() <= kInputsListedAsText) {
        for (const auto& input : files) {
            out << "    " << input.role << "  " << input.path << "  " << format_bytes(static_cast<double>(input.size))
                << (input.content_hash.empty() ? "  (not read to its end yet)" : "") << "\n";
        }
    }
    const std::string state = registry.extraction_progress().is_object() && registry.extraction_progress().contains("state")
                                  ? registry.extraction_progress()["state"].get<std::string>()
                                  : std::string("not started");
    out << "  extraction: " << state << "\n";
    const std::string filter = describe_filter(query.filter);
    out << "  partitions" << (filter.empty() ? "" : " (" + filter + ")") << ": " << with_thousands(status.partitions);
    for (const auto s : registry::kAllStatuses) {
        out << ", " << with_thousands(status.by_status[static_cast<size_t>(s)]) << " " << registry::status_name(s);
    }
    out << "\n";
    for (const auto& [role, counts] : status.inputs) {
        out << "  " << role << ": " << with_thousands(static_cast<uint64_t>(counts.rows)) << " rows, "
            << format_bytes(static_cast<double>(counts.bytes)) << "\n";
    }
    out << "  analysis: " << format_duration(status.analysis_seconds) << " of partition time, "
        << with_thousands(status.attempts) << " attempts; first started " << time_text(status.first_started_ms)
        << ", last completed " << time_text(status.last_completed_ms) << "\n";
    for (const auto& [name, value] : status.results) {
        out << "  " << name << ": " << with_thousands(static_cast<uint64_t>(std::max<int64_t>(value, 0))) << "\n";
    }
    for (size_t i = 0; i < status.failed.size() && i < kFailuresShownAsText; ++i) {
        const auto& entry = status.failed[i];
        out << "  failed " << entry.key.to_string() << " after " << entry.attempts << " attempt"
            << (entry.attempts == 1 ? "" : "s") << ": " << entry.last_error << "\n";
    }
    if (status.failed.size() > kFailuresShownAsText) {
        out << "  ... and " << status.failed.size() - kFailuresShownAsText
            << " more failed (`status --status failed --list`, or --json, shows them all)\n";
    }
    for (const auto& entry : status.listed) {
        out << "  " << entry.key.to_string() << "  " << registry::status_name(entry.status) << "  attempts "
            << entry.attempts << "  " << format_duration(entry.duration_sec);
        for (const auto& [role, counts] : entry.inputs) {
            out << "  " << role << " " << with_thousands(static_cast<uint64_t>(counts.rows)) << " rows";
        }
        if (!entry.last_error.empty()) out << "  error: " << entry.last_error;
        out << "\n";
    }
}

}  // namespace

void write_status(const registry::PartitionRegistry& registry, const std::string& run_path, const StatusQuery& query,
                  std::ostream& out) {
    const RunStatus status = gather(registry, query);
    if (query.json) {
        write_json(registry, run_path, query, status, out);
    } else {
        write_text(registry, run_path, query, status, out);
    }
}

}  // namespace mdp::app
