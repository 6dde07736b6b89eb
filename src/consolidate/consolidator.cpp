#include "consolidate/consolidator.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "analyzers/comparison_report.h"
#include "analyzers/number_format.h"
#include "common/beneath.h"
#include "common/durable_file.h"
#include "common/errors.h"
#include "consolidate/consolidated_directory.h"
#include "consolidate/consolidated_tables.h"
#include "consolidate/date_summaries.h"
#include "consolidate/difference_samples.h"
#include "consolidate/html_report.h"
#include "consolidate/output_stream.h"
#include "consolidate/saving_distribution.h"
#include "consolidate/sqlite_export.h"
#include "registry/json_text.h"
#include "results/pack_store.h"
#include "results/partition_record.h"

namespace mdp::consolidate {

namespace fs = std::filesystem;
using registry::PartitionEntry;
using registry::PartitionStatus;

namespace {

// Results only: attempts and durations are run metadata (registry, `status`, the SQLite `runs`
// table), so the file is byte-identical however often a run was interrupted and resumed.
constexpr std::array<std::string_view, 20> kPartitionColumns{"date",
                                                             "security",
                                                             "status",
                                                             "consolidated",
                                                             "orders_rows",
                                                             "trades_rows",
                                                             "nbbo_rows",
                                                             "cp_orders",
                                                             "sweeps",
                                                             "qualifying",
                                                             "matched",
                                                             "unmatched",
                                                             "real_fills",
                                                             "simulated_fills",
                                                             "n_pairs",
                                                             "mean_real_exec_cost_arrival_bps",
                                                             "mean_sim_exec_cost_arrival_bps",
                                                             "mean_saving_bps",
                                                             "saving_paired_t_pvalue",
                                                             "note"};

constexpr std::array<std::string_view, 7> kResultColumns{
    "cp_orders", "sweeps", "qualifying", "matched", "unmatched", "real_fills", "simulated_fills"};

constexpr size_t kSlowestListed = 10;

std::string detailed_header() {
    std::string header = analyzers::comparison_detailed_csv({});
    while (!header.empty() && (header.back() == '\n' || header.back() == '\r')) header.pop_back();
    return header;
}

std::optional<int64_t> input_rows(const PartitionEntry& entry, const char* role) {
    const auto it = entry.inputs.find(role);
    if (it == entry.inputs.end()) return std::nullopt;
    return it->second.rows;
}

std::optional<int64_t> result(const PartitionEntry& entry, std::string_view name) {
    const auto it = entry.results.find(std::string(name));
    if (it == entry.results.end()) return std::nullopt;
    return it->second;
}

// Why a partition that is not completed is left out.
std::string pending_note(const PartitionEntry& entry) {
    switch (entry.status) {
        case PartitionStatus::kPending:
            return entry.last_error.empty()
                       ? "not processed yet"
                       : "not processed yet; last attempt failed: " + entry.last_error;
        case PartitionStatus::kRunning:
            return "was running when the run stopped; not processed yet";
        case PartitionStatus::kFailed:
            return entry.last_error.empty() ? "failed" : entry.last_error;
        case PartitionStatus::kCompleted:
            break;
    }
    return {};
}

class Run {
  public:
    Run(const fs::path& output_dir, const ConsolidationOptions& options)
        : output_dir_(output_dir),
          options_(options),
          directory_(output_dir),
          header_(detailed_header()),
          output_fd_(open_directory(output_dir)),
          packs_(output_fd_.get(), output_dir, fs::path(results::kDefaultPacksDirectory)) {}

    ConsolidationSummary run(const registry::PartitionRegistry& registry) {
        directory_.begin();
        const fs::path& dir = directory_.partial();
        {
            OutputStream sweeps(dir / kSweepComparisonFile);
            CsvStream partitions(dir / kPartitionsFile, kPartitionColumns);
            sweeps.write("date,security,");
            sweeps.write(header_);
            sweeps.write("\n");
            uint64_t done = 0;
            registry.for_each({}, [&](const PartitionEntry& entry) {
                throw_if_stopped();
                visit(entry, sweeps, partitions);
                if (options_.on_progress) options_.on_progress(++done, registry.size());
            });
            sweeps.close();
            partitions.close();
        }
        ReportData& report = summary_.report;
        report.provenance = provenance_of(registry);
        report.dates = dates_.size();
        report.securities = root_causes_.size();
        std::sort(report.slowest.begin(), report.slowest.end(), slower);
        throw_if_stopped();
        report.pooled = write_pooled_tests(samples_, dir / kPooledTestsFile);
        throw_if_stopped();
        report.security_headline = write_per_security_tests(samples_, dir / kPerSecurityTestsFile);
        report.saving_distribution = describe_saving_distribution(samples_.pooled(headline_metric()));
        report.per_date = per_date_.rows();
        throw_if_stopped();
        report.anova = write_cross_security_anova(samples_, dir / kAnovaFile);
        throw_if_stopped();
        report.pairwise_rows = write_cross_security_pairwise(samples_, options_.pairwise, dir / kPairwiseFile);
        report.pairwise_rule = options_.pairwise.describe();
        throw_if_stopped();
        report.root_causes = write_root_causes(root_causes_, dir / kRootCausesFile);
        {
            OutputStream html(dir / kReportFile);
            html.write(render_html_report(report));
            html.close();
        }
        summary_.sample_bytes = samples_.memory_bytes();
        if (options_.sqlite) {
            export_sqlite(dir, *options_.sqlite, run_rows(registry), options_.stop_requested);
            summary_.sqlite_written = true;
        }
        directory_.publish();
        summary_.directory = directory_.final_path();
        return std::move(summary_);
    }

  private:
    Provenance provenance_of(const registry::PartitionRegistry& registry) const {
        Provenance provenance;
        provenance.program = options_.program;
        for (const auto& input : registry.input_files()) {
            provenance.inputs.push_back({input.role, input.path, input.size, input.content_hash});
        }
        if (registry.settings().is_object()) {
            for (const auto& [name, value] : registry.settings().items()) provenance.settings.emplace_back(name, value.dump());
        }
        provenance.settings.emplace_back("pairwise", "\"" + options_.pairwise.describe() + "\"");
        const std::vector<PartitionKey> keys = registry.keys();
        if (!keys.empty()) {
            provenance.first_date = keys.front().date.to_string();
            provenance.last_date = keys.back().date.to_string();
        }
        std::optional<registry::TimePoint> started, finished;
        registry.for_each({}, [&](const PartitionEntry& entry) {
            if (entry.started_at && (!started || *entry.started_at < *started)) started = entry.started_at;
            if (entry.completed_at && (!finished || *entry.completed_at > *finished)) finished = entry.completed_at;
        });
        const auto iso = [](const std::optional<registry::TimePoint>& time) {
            return time ? registry::format_iso_time_ms(
                              std::chrono::duration_cast<std::chrono::milliseconds>(time->time_since_epoch()).count())
                        : std::string();
        };
        provenance.analysis_started = iso(started);
        provenance.analysis_finished = iso(finished);
        return provenance;
    }

    static std::vector<PartitionRunRow> run_rows(const registry::PartitionRegistry& registry) {
        const auto iso = [](const std::optional<registry::TimePoint>& time) -> std::optional<std::string> {
            if (!time) return std::nullopt;
            return registry::format_iso_time_ms(
                std::chrono::duration_cast<std::chrono::milliseconds>(time->time_since_epoch()).count());
        };
        std::vector<PartitionRunRow> rows;
        rows.reserve(registry.size());
        registry.for_each({}, [&](const PartitionEntry& entry) {
            rows.push_back(PartitionRunRow{entry.key, std::string(registry::status_name(entry.status)), entry.attempts,
                                           entry.duration_sec, iso(entry.started_at), iso(entry.completed_at),
                                           entry.last_error.empty() ? std::nullopt
                                                                    : std::optional<std::string>(entry.last_error)});
        });
        return rows;
    }

    static bool slower(const PartitionNote& a, const PartitionNote& b) {
        if (a.duration_sec != b.duration_sec) return a.duration_sec > b.duration_sec;
        return a.key < b.key;
    }

    // Paths in the message are made relative to the output directory, so the consolidated
    // files do not depend on where the run lives.
    std::string unreadable_note(std::string message) const {
        const std::string prefix = output_dir_.string() + "/";
        for (size_t at = message.find(prefix); at != std::string::npos;
             at = message.find(prefix, at)) {
            message.erase(at, prefix.size());
        }
        return "results unreadable: " + message;
    }

    void note_not_included(const PartitionEntry& entry, std::string_view reason) {
        ++summary_.not_included_total;
        if (summary_.not_included.size() < options_.listed_partitions) {
            summary_.not_included.push_back(entry.key.to_string() + " " +
                                            std::string(registry::status_name(entry.status)) +
                                            ": " + std::string(reason));
        }
    }

    PartitionNote note_of(const PartitionEntry& entry, std::string text) const {
        return PartitionNote{
            entry.key,          std::string(registry::status_name(entry.status)), entry.attempts,
            entry.duration_sec, input_rows(entry, "orders").value_or(0),          std::move(text)};
    }

    void track_slowest(const PartitionEntry& entry) {
        if (entry.status != PartitionStatus::kCompleted &&
            entry.status != PartitionStatus::kFailed) {
            return;
        }
        auto& slowest = summary_.report.slowest;
        PartitionNote note = note_of(entry, {});
        if (slowest.size() < kSlowestListed) {
            slowest.push_back(std::move(note));
            std::push_heap(slowest.begin(), slowest.end(), slower);
        } else if (slower(note, slowest.front())) {
            std::pop_heap(slowest.begin(), slowest.end(), slower);
            slowest.back() = std::move(note);
            std::push_heap(slowest.begin(), slowest.end(), slower);
        }
    }

    // The completed partition's result record, checked to be its own, into record_ and rows_.
    // Throws RecordError or IoError.
    void read_record(const PartitionEntry& entry) {
        const auto location = results::location_in(entry.results);
        if (!location) {
            throw results::RecordError(
                "the registry holds no result record for it (analysed by a version before packs: "
                "start over with --restart)");
        }
        packs_.read(*location, payload_);
        results::decode_record(payload_, record_);
        if (!(record_.key == entry.key)) {
            throw results::RecordError("the record it points at is " + record_.key.to_string() + "'s");
        }
        rows_ = results::detailed_rows(record_, header_);
    }

    void throw_if_stopped() const {
        if (options_.stop_requested != nullptr && options_.stop_requested->load()) throw Interrupted();
    }

    void visit(const PartitionEntry& entry, OutputStream& sweeps, CsvStream& partitions) {
        ReportData& report = summary_.report;
        ++report.partitions;
        ++report.by_status[static_cast<size_t>(entry.status)];
        report.order_rows += input_rows(entry, "orders").value_or(0);
        report.trade_rows += input_rows(entry, "trades").value_or(0);
        if (entry.status == PartitionStatus::kCompleted ||
            entry.status == PartitionStatus::kFailed) {
            report.total_duration_sec += entry.duration_sec;
        }
        track_slowest(entry);

        std::string note;
        bool included = false;
        if (entry.status == PartitionStatus::kCompleted) {
            try {
                read_record(entry);
                included = true;
            } catch (const results::RecordError& e) {
                note = unreadable_note(e.what());
            } catch (const IoError& e) {
                note = unreadable_note(e.what());
            }
            if (!included) {
                ++report.unreadable_total;
                if (report.unreadable.size() < options_.listed_partitions) {
                    report.unreadable.push_back(note_of(entry, note));
                }
                note_not_included(entry, note);
            }
        } else {
            note = pending_note(entry);
            if (entry.status == PartitionStatus::kFailed) {
                ++report.failures_total;
                if (report.failures.size() < options_.listed_partitions) {
                    report.failures.push_back(note_of(entry, note));
                }
            }
            note_not_included(entry, note);
        }

        if (included) {
            ++report.included;
            dates_.insert(entry.key.date.to_days());
            const std::string prefix =
                entry.key.date.to_string() + "," +
                analyzers::format_integer(static_cast<int64_t>(entry.key.security)) + ",";
            const results::PartitionSummary& summary = record_.summary;
            for (size_t i = 0; i < rows_.size(); ++i) {
                sweeps.write(prefix);
                sweeps.write(rows_[i]);
                sweeps.write("\n");
                samples_.add(entry.key.security, summary.differences[i]);
            }
            summary_.sweep_rows += rows_.size();
            report.set_a_orders += static_cast<int64_t>(rows_.size());
            auto& causes = root_causes_[entry.key.security];
            for (const auto& [cause, n] : summary.root_causes) {
                causes[cause] += n;
                report.set_b_orders += n;
            }
        }

        per_date_.add(entry.key, entry.status, included ? &record_.summary : nullptr);

        analyzers::CsvWriter& row = partitions.row();
        row.text(entry.key.date.to_string())
            .integer(static_cast<int64_t>(entry.key.security))
            .text(registry::status_name(entry.status))
            .boolean(included)
            .integer(input_rows(entry, "orders"))
            .integer(input_rows(entry, "trades"))
            .integer(input_rows(entry, "nbbo"));
        const bool completed = entry.status == PartitionStatus::kCompleted;
        for (const auto name : kResultColumns) {
            row.integer(completed ? result(entry, name) : std::nullopt);
        }
        if (included) {
            const results::PartitionHeadline& headline = record_.summary.headline;
            row.integer(headline.n_pairs)
                .number(headline.mean_real_exec_cost_arrival_bps)
                .number(headline.mean_sim_exec_cost_arrival_bps)
                .number(headline.mean_saving_bps)
                .number(headline.saving_paired_t_pvalue);
        } else {
            row.empty().empty().empty().empty().empty();
        }
        row.text(note);
        partitions.end_row();
    }

    fs::path output_dir_;
    const ConsolidationOptions& options_;
    ConsolidatedDirectory directory_;
    std::string header_;
    UniqueFd output_fd_;
    results::PackReader packs_;
    std::string payload_;             // the current partition's record, as stored
    results::PartitionRecord record_;  // ... decoded
    std::vector<std::string_view> rows_;  // its detailed comparison's data lines
    DifferenceSamples samples_;
    RootCauseCounts root_causes_;
    std::set<int64_t> dates_;
    DateSummaries per_date_;  // the report's per-date view
    ConsolidationSummary summary_;
};

}  // namespace

ConsolidationSummary consolidate(const registry::PartitionRegistry& registry,
                                 const fs::path& output_dir, const ConsolidationOptions& options) {
    Run run(output_dir, options);
    return run.run(registry);
}

}  // namespace mdp::consolidate
