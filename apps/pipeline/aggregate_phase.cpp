#include "aggregate_phase.h"

#include <chrono>
#include <iostream>

#include "consolidate/consolidated_tables.h"
#include "consolidate/svg_charts.h"
#include "stop_signal.h"

namespace mdp::app {

consolidate::ConsolidationSummary run_aggregate_phase(const PipelineSettings& settings,
                                                      RunDirectory& run) {
    if (settings.sqlite && !consolidate::sqlite_export_available()) {
        throw std::invalid_argument(
            "--sqlite: this build has no SQLite support (install libsqlite3-dev and rebuild)");
    }
    const auto started = std::chrono::steady_clock::now();
    consolidate::ConsolidationOptions options;
    options.sqlite = settings.sqlite;
    options.stop_requested = &stop_requested();
    const consolidate::ConsolidationSummary summary =
        consolidate::consolidate(run.registry(), run.path(), options);
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
