#include "consolidate/consolidator.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <string_view>

#include "analyzers/comparison_report.h"
#include "analyzers/number_format.h"
#include "analyzers/partition_files.h"
#include "common/beneath.h"
#include "common/durable_file.h"
#include "common/errors.h"
#include "consolidate/consolidated_directory.h"
#include "consolidate/consolidated_tables.h"
#include "consolidate/consolidation_cache.h"
#include "consolidate/csv_record.h"
#include "consolidate/date_summaries.h"
#include "consolidate/difference_samples.h"
#include "consolidate/html_report.h"
#include "consolidate/output_stream.h"
#include "consolidate/saving_distribution.h"
#include "consolidate/sqlite_export.h"
#include "consolidate/table_schemas.h"
#include "consolidate/table_stream.h"
#include "registry/json_text.h"
#include "results/pack_store.h"
#include "results/partition_record.h"
#include "results/record_location.h"

namespace mdp::consolidate {

namespace fs = std::filesystem;
using registry::PartitionEntry;
using registry::PartitionStatus;

namespace {

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

// One partition on its way through consolidation: its registry entry and, when it is completed,
// its result record (read and decoded by any thread), or why it cannot be included.
struct PartitionRead {
    PartitionEntry entry;
    std::optional<results::RecordLocation> location;  // of its record, when completed
    std::optional<std::string> cached;  // its slim record from the previous consolidation's cache
    bool included = false;
    std::string note;  // why it is not included
    results::PartitionRecord record;
    std::vector<std::string_view> rows;  // the detailed comparison's data lines (into record)
    std::string slim;                    // what the new cache keeps of it
    bool from_cache = false;
};

// How many partitions may be on their way at once, per thread: enough to keep every thread
// busy while the serial stage writes, few enough that memory stays a few records per thread.
constexpr size_t kPartitionsInFlightPerThread = 4;

class Run {
  public:
    Run(const fs::path& output_dir, const ConsolidationOptions& options)
        : output_dir_(output_dir),
          options_(options),
          directory_(output_dir),
          header_(detailed_header()),
          output_fd_(open_directory(output_dir)) {}

    ConsolidationSummary run(const registry::PartitionRegistry& registry) {
        directory_.begin();
        const fs::path& dir = directory_.partial();
        std::optional<SqliteExport> sqlite;
        if (options_.sqlite) sqlite.emplace(*options_.sqlite, options_.stop_requested);
        const TableTarget target{dir, sqlite ? &*sqlite : nullptr, options_.stop_requested};
        {
            TableStream sweeps(target, sweep_comparison_schema());
            TableStream partitions(target, partitions_schema());
            SqliteTable* unmatched = sqlite ? &sqlite->create(unmatched_sweeps_schema()) : nullptr;
            ConsolidationCacheWriter cache(dir / kConsolidationCacheFile);
            read_partitions(registry, [&](PartitionRead& read) {
                visit(read, sweeps, partitions, unmatched);
                if (read.included) {
                    cache.add(read.entry.key, read.location->checksum, read.slim);
                    if (read.from_cache) ++summary_.from_cache;
                }
            });
            sweeps.close();
            partitions.close();
            cache.close();
        }
        ReportData& report = summary_.report;
        report.provenance = provenance_of(registry);
        report.dates = dates_.size();
        report.securities = root_causes_.size();
        std::sort(report.slowest.begin(), report.slowest.end(), slower);
        throw_if_stopped();
        report.pooled = write_pooled_tests(samples_, target);
        throw_if_stopped();
        report.security_headline = write_per_security_tests(samples_, target);
        report.saving_distribution = describe_saving_distribution(samples_.pooled(headline_metric()));
        report.per_date = per_date_.rows();
        throw_if_stopped();
        report.anova = write_cross_security_anova(samples_, target);
        throw_if_stopped();
        notice_pairwise_size();
        report.pairwise_rows = write_cross_security_pairwise(samples_, options_.pairwise, target);
        report.pairwise_rule = options_.pairwise.describe();
        throw_if_stopped();
        report.root_causes = write_root_causes(root_causes_, target);
        {
            OutputStream html(dir / kReportFile);
            html.write(render_html_report(report));
            html.close();
        }
        summary_.sample_bytes = samples_.memory_bytes();
        if (sqlite) {
            sqlite->add_runs(report.provenance, run_rows(registry));
            throw_if_stopped();
            sqlite->finish();
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

    // Reads the partitions in key order, each completed one's record on any thread (a pack
    // reader per thread), and hands them to `consume` one at a time, in key order.
    template <typename Consume>
    void read_partitions(const registry::PartitionRegistry& registry, Consume&& consume) {
        const std::vector<PartitionKey> keys = registry.keys();
        tbb::enumerable_thread_specific<results::PackReader> readers(
            output_fd_.get(), output_dir_, fs::path(results::kDefaultPacksDirectory));
        ConsolidationCacheReader old_cache(output_fd_.get(), output_dir_);
        size_t next = 0;
        uint64_t done = 0;
        const size_t in_flight =
            kPartitionsInFlightPerThread * static_cast<size_t>(tbb::this_task_arena::max_concurrency());
        // Shared pointers, not raw ones: when a stage throws (a write error, a stop), the
        // partitions still in flight are freed with the pipeline.
        using Token = std::shared_ptr<PartitionRead>;
        const auto hand_out = [&](tbb::flow_control& control) -> Token {
            if (next == keys.size() || stop_requested()) {
                control.stop();
                return nullptr;
            }
            auto read = std::make_shared<PartitionRead>();
            read->entry = *registry.find(keys[next++]);
            if (read->entry.status == PartitionStatus::kCompleted) {
                read->location = results::location_in(read->entry.results);
            }
            if (read->location) read->cached = old_cache.take(read->entry.key, read->location->checksum);
            return read;
        };
        const auto read_one = [&](Token read) -> Token {
            read_record(readers.local(), *read);
            return read;
        };
        const auto consume_in_order = [&](Token read) {
            if (stop_requested()) return;
            consume(*read);
            if (options_.on_progress) options_.on_progress(++done, keys.size());
        };
        tbb::parallel_pipeline(in_flight,
                               tbb::make_filter<void, Token>(tbb::filter_mode::serial_in_order, hand_out) &
                                   tbb::make_filter<Token, Token>(tbb::filter_mode::parallel, read_one) &
                                   tbb::make_filter<Token, void>(tbb::filter_mode::serial_in_order, consume_in_order));
        throw_if_stopped();
    }

    // A completed partition's result record, checked to be its own (from the previous
    // consolidation's cache when it still describes the record, else from its pack); or why it
    // cannot be read.
    void read_record(results::PackReader& packs, PartitionRead& read) const {
        const PartitionEntry& entry = read.entry;
        if (entry.status != PartitionStatus::kCompleted) return;
        if (read.cached) {
            try {
                decode_own_record(*read.cached, read);
                read.slim = std::move(*read.cached);
                read.from_cache = true;
                read.included = true;
                return;
            } catch (const results::RecordError&) {
                // A cache entry this version cannot use: the pack has the record.
            }
        }
        try {
            if (!read.location) {
                throw results::RecordError(
                    "the registry holds no result record for it (analysed by a version before packs: "
                    "start over with --restart)");
            }
            std::string payload;
            packs.read(*read.location, payload);
            decode_own_record(payload, read);
            read.slim = slim_record(read.record);
            read.included = true;
        } catch (const results::RecordError& e) {
            read.note = unreadable_note(e.what());
        } catch (const IoError& e) {
            read.note = unreadable_note(e.what());
        }
    }

    // Decodes `bytes` into read.record and its detailed rows. Throws RecordError.
    void decode_own_record(std::string_view bytes, PartitionRead& read) const {
        results::decode_record(bytes, read.record);
        if (!(read.record.key == read.entry.key)) {
            throw results::RecordError("the record it points at is " + read.record.key.to_string() + "'s");
        }
        read.rows = results::detailed_rows(read.record, header_);
    }

    // A pairwise table of millions of rows takes minutes and gigabytes: say so before it starts.
    void notice_pairwise_size() const {
        constexpr uint64_t kNoticeRows = 1'000'000;
        constexpr uint64_t kBytesPerRow = 150;  // measured: 2.0 MB for 13,475 rows
        if (!options_.on_notice) return;
        const uint64_t k = pairwise_securities(samples_, options_.pairwise).size();
        const uint64_t rows = analyzers::kComparedMetrics.size() * (k * (k - (k > 0 ? 1 : 0)) / 2);
        if (rows < kNoticeRows) return;
        options_.on_notice(cross_security_pairwise_schema().file_name() + ": up to " + std::to_string(rows) + " rows (~" +
                           std::to_string(rows * kBytesPerRow / 1'000'000) + " MB) for " + std::to_string(k) +
                           " securities (pairwise rule: " + options_.pairwise.describe() + "; --pairwise top:K bounds it)");
    }

    bool stop_requested() const { return options_.stop_requested != nullptr && options_.stop_requested->load(); }

    void throw_if_stopped() const {
        if (options_.stop_requested != nullptr && options_.stop_requested->load()) throw Interrupted();
    }

    void visit(const PartitionRead& read, TableStream& sweeps, TableStream& partitions, SqliteTable* unmatched) {
        const PartitionEntry& entry = read.entry;
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

        const bool included = read.included;
        std::string note = read.note;
        if (entry.status == PartitionStatus::kCompleted) {
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

        const std::string date = entry.key.date.to_string();
        const auto security = static_cast<int64_t>(entry.key.security);
        if (included) {
            ++report.included;
            dates_.insert(entry.key.date.to_days());
            const results::PartitionSummary& summary = read.record.summary;
            for (size_t i = 0; i < read.rows.size(); ++i) {
                sweeps.row().text(date).integer(security);
                sweeps.end_row_with_csv_cells(2, read.rows[i]);
                samples_.add(entry.key.security, summary.differences[i]);
            }
            summary_.sweep_rows += read.rows.size();
            report.set_a_orders += static_cast<int64_t>(read.rows.size());
            auto& causes = root_causes_[entry.key.security];
            for (const auto& [cause, n] : summary.root_causes) {
                causes[cause] += n;
                report.set_b_orders += n;
            }
            if (unmatched != nullptr) export_unmatched(read.record, date, security, *unmatched);
        }

        per_date_.add(entry.key, entry.status, included ? &read.record.summary : nullptr);

        TableRow& row = partitions.row();
        row.text(date)
            .integer(security)
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
            const results::PartitionHeadline& headline = read.record.summary.headline;
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

    // Set B of a partition, per order, into the SQLite export (consolidated/ has no such table).
    static void export_unmatched(const results::PartitionRecord& record, std::string_view date, int64_t security,
                                 SqliteTable& unmatched) {
        for (const results::StoredFile& file : record.files) {
            if (file.path != analyzers::kUnmatchedFile) continue;
            LineCursor lines(file.content);
            lines.next();  // the header
            while (const auto line = lines.next()) {
                if (line->empty()) continue;
                unmatched.text(date);
                unmatched.integer(security);
                unmatched.csv_cells(*line, 2);
                unmatched.end_row();
            }
        }
    }

    fs::path output_dir_;
    const ConsolidationOptions& options_;
    ConsolidatedDirectory directory_;
    std::string header_;
    UniqueFd output_fd_;
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
