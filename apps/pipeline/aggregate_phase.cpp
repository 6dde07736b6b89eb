#include "aggregate_phase.h"

#include <chrono>
#include <iostream>
#include <memory>
#include <vector>

#include "command_line.h"
#include "common/progress_meter.h"
#include "consolidate/consolidated_tables.h"
#include "consolidate/consolidation_cache.h"
#include "consolidate/svg_charts.h"
#include "progress_display.h"
#include "stop_signal.h"

namespace mdp::app {

void require_usable_sqlite_target(const PipelineSettings& settings, const RunDirectory& run) {
    if (!settings.sqlite) return;
    if (!consolidate::sqlite_export_available()) {
        throw std::invalid_argument(
            "--sqlite: this build has no SQLite support (install libsqlite3-dev and rebuild)");
    }
    namespace fs = std::filesystem;
    const fs::path& target = *settings.sqlite;
    std::error_code error;
    const fs::file_status status = fs::status(target, error);
    if (fs::is_directory(status)) {
        throw std::invalid_argument("--sqlite " + target.string() + " is a directory; name the database file");
    }
    const fs::path parent = fs::absolute(target).parent_path();
    if (!fs::is_directory(parent, error)) {
        throw std::invalid_argument("--sqlite " + target.string() + ": the directory " + parent.string() +
                                    " does not exist");
    }
    if (!fs::exists(status)) return;
    // The run's recorded inputs, and those of this command (an append's are not recorded yet).
    std::vector<fs::path> inputs;
    for (const auto& input : run.registry().input_files()) inputs.emplace_back(input.path);
    for (const extract::InputSpec& input : settings.inputs) inputs.push_back(input.path);
    for (const fs::path& input : inputs) {
        if (fs::equivalent(input, target, error)) {
            throw std::invalid_argument("--sqlite " + target.string() + " is the run's input " + input.string() +
                                        "; it would be replaced: name another file");
        }
    }
}

consolidate::ConsolidationSummary run_aggregate_phase(const PipelineSettings& settings,
                                                      RunDirectory& run) {
    require_usable_sqlite_target(settings, run);
    const auto started = std::chrono::steady_clock::now();
    consolidate::ConsolidationOptions options;
    options.sqlite = settings.sqlite;
    options.program = version_text();
    options.pairwise = *consolidate::PairwiseRule::parse(settings.pairwise);
    options.stop_requested = &stop_requested();
    std::unique_ptr<ProgressMeter> meter;
    if (settings.progress != ProgressStyle::kNone) {
        options.on_progress = [&](uint64_t done, uint64_t total) {
            if (!meter) {
                meter = std::make_unique<ProgressMeter>(
                    progress_options(settings, "aggregate", total, ProgressUnit::kItems));
            }
            meter->advance(done - meter->done());
        };
        options.on_notice = [&](const std::string& notice) {
            if (meter) {
                meter->finish();
                meter.reset();
            }
            std::cerr << "aggregate: " << notice << "\n";
        };
    }
    const consolidate::ConsolidationSummary summary =
        consolidate::consolidate(run.registry(), run.path(), options);
    if (meter) meter->finish();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    if (summary.not_included_total > 0) {
        std::cerr << "aggregate: " << summary.not_included_total
                  << " partitions are not consolidated:\n";
        for (const std::string& line : summary.not_included) std::cerr << "  " << line << "\n";
        if (summary.not_included_total > summary.not_included.size()) {
            std::cerr << "  ... and " << summary.not_included_total - summary.not_included.size()
                      << " more (see consolidated/partitions.csv)\n";
        }
    }
    if (settings.progress != ProgressStyle::kNone) {
        const consolidate::ReportData& r = summary.report;
        std::cerr << "aggregate: " << r.included << " of " << r.partitions
                  << " partitions consolidated (" << r.set_a_orders << " matched and "
                  << r.set_b_orders << " unmatched sweeps) into " << summary.directory.string()
                  << " in " << consolidate::display_fixed(seconds, 2) << " s\n";
        if (summary.from_cache > 0) {
            std::cerr << "aggregate: " << summary.from_cache << " of them unchanged since the last aggregate (taken from "
                      << "consolidated/" << consolidate::kConsolidationCacheFile << ", not from their records)\n";
        }
        const size_t m = consolidate::headline_metric();
        if (m < r.pooled.size() && r.pooled[m].n > 0) {
            const consolidate::MetricTestRow& h = r.pooled[m];
            std::cerr << "aggregate: mean exec_cost_arrival_diff_bps "
                      << consolidate::display_fixed(h.mean, 3) << " bps (95% CI "
                      << consolidate::display_fixed(h.ci_lower, 3) << " to "
                      << consolidate::display_fixed(h.ci_upper, 3) << ", n = " << h.n << ")\n";
        }
        std::cerr << "aggregate: report " << (summary.directory / consolidate::kReportFile).string()
                  << "\n";
        if (summary.sqlite_written)
            std::cerr << "aggregate: SQLite tables in " << settings.sqlite->string() << "\n";
    }
    return summary;
}

}  // namespace mdp::app
