#include "cluster_process_phase.h"

#include <atomic>
#include <exception>
#include <iostream>
#include <optional>
#include <set>
#include <thread>

#include "cluster/local_link.h"
#include "cluster/mpi_coordinator_service.h"
#include "cluster/mpi_session.h"
#include "cluster/remote_work_source.h"
#include "cluster/reporting_listener.h"
#include "cluster/work_coordinator.h"
#include "common/progress_meter.h"
#include "engine/task_runner.h"
#include "partition_analysis_task.h"
#include "process_job.h"
#include "partition_views.h"
#include "process_phase.h"
#include "registry_listener.h"
#include "remote_partition_task.h"
#include "stop_signal.h"

namespace mdp::app {

namespace {

// How often workers send their reports (and see a kStop): well inside INTEGRATION 6's second.
constexpr std::chrono::milliseconds kReportInterval{200};

std::vector<cluster::RemoteItem> remote_items(RunnablePartitions runnable) {
    std::vector<cluster::RemoteItem> items;
    items.reserve(runnable.items.size());
    for (engine::WorkItem& item : runnable.items) {
        const auto inputs = runnable.inputs.find(item.id);
        std::string payload = inputs == runnable.inputs.end() ? std::string() : encode_input_counts(inputs->second);
        items.push_back(cluster::RemoteItem{std::move(item), std::move(payload)});
    }
    return items;
}

}  // namespace

engine::RunSummary run_cluster_process_phase(const PipelineSettings& settings, const ResourcePlan& plan,
                                             RunDirectory& run, const cluster::MpiSession& session) {
    const auto started = std::chrono::steady_clock::now();
    registry::PartitionRegistry& registry = run.registry();
    reset_interrupted_partitions(settings, registry);
    std::vector<cluster::RemoteItem> items = remote_items(runnable_partitions(registry, settings.max_retries));

    std::optional<ProgressMeter> progress;
    if (settings.progress != ProgressStyle::kNone) {
        ProgressOptions progress_options;
        progress_options.label = "process";
        for (const cluster::RemoteItem& remote : items) progress_options.total += remote.item.size_bytes;
        progress_options.unit = ProgressUnit::kBytes;
        progress_options.out = &std::cerr;
        if (settings.progress == ProgressStyle::kBar) progress_options.terminal = true;
        if (settings.progress == ProgressStyle::kPlain) progress_options.terminal = false;
        progress.emplace(std::move(progress_options));
    }
    RegistryListener listener(registry, run.path());
    cluster::WorkCoordinator coordinator(std::move(items), listener, progress ? &*progress : nullptr);

    const bool write_stats_views = stats_views_wanted(settings.partition_files, registry);
    ProcessJob job{settings.nbbo_source, settings.max_retries, settings.retry_delay_ms, write_stats_views};
    cluster::begin_workers(session.size(), encode_process_job(job));

    // Rank 0's own cores work too: its engine is one more worker of the coordinator, reached by
    // direct calls, while this thread serves the other ranks.
    std::atomic<bool> local_done{false};
    std::exception_ptr local_error;
    engine::RunSummary local_summary;
    std::thread local([&] {
        try {
            cluster::LocalLink link(coordinator);
            const engine::EngineOptions base = process_engine_options(settings, plan);
            cluster::RemoteWorkSource source(link, static_cast<uint32_t>(base.workers));
            PartitionAnalysisTask analysis(run.path(), analysis_settings(settings.nbbo_source), write_stats_views,
                                           {});
            RemotePartitionTask task(analysis, source);
            cluster::ReportingListener reports(link, {}, [] { request_stop(); });
            engine::EngineOptions options = base;
            options.checkpoint_interval = kReportInterval;
            local_summary = engine::run_tasks(source, task, reports, options);
            reports.flush();
        } catch (...) {
            local_error = std::current_exception();
            coordinator.stop();
        }
        local_done = true;
    });
    std::vector<cluster::WorkerRank> workers;
    try {
        workers = cluster::serve_workers(coordinator, session.size(), stop_requested(),
                                         [&] { return local_done.load(); }, std::chrono::milliseconds(1000));
    } catch (...) {
        // The protocol broke (a malformed message): the workers cannot be wound down in order.
        local.join();
        throw;
    }
    local.join();
    if (progress) progress->finish();
    registry.save();
    if (coordinator.listener_error()) std::rethrow_exception(coordinator.listener_error());
    if (local_error) std::rethrow_exception(local_error);

    const cluster::CoordinatorCounts counts = coordinator.counts();
    engine::RunSummary summary;
    summary.completed = counts.completed;
    summary.failed = counts.failed;
    summary.not_started = counts.not_finished();
    summary.interrupted = summary.not_started > 0;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::set<std::string> hosts{session.host()};
    for (const cluster::WorkerRank& worker : workers) hosts.insert(worker.done.host);
    for (const cluster::WorkerRank& worker : workers) {
        if (!worker.done.error.empty()) {
            std::cerr << "process: rank " << worker.rank << " on " << worker.done.host
                      << " could not work: " << worker.done.error << "\n";
        }
    }
    if (settings.progress != ProgressStyle::kNone) {
        std::cerr << "process: rank 0 on " << session.host() << ": " << plan.sizing.workers.value << " workers, "
                  << local_summary.completed << " completed, " << local_summary.failed << " failed (coordinator)\n";
        for (const cluster::WorkerRank& worker : workers) {
            std::cerr << "process: rank " << worker.rank << " on " << worker.done.host << ": " << worker.done.workers
                      << " workers, " << worker.done.completed << " completed, " << worker.done.failed << " failed\n";
        }
        std::cerr << "process: " << summary.completed << " partitions completed, " << summary.failed << " failed";
        if (summary.not_started > 0) std::cerr << ", " << summary.not_started << " not started";
        std::cerr << " in " << format_duration(summary.seconds) << " on " << session.size() << " ranks ("
                  << hosts.size() << (hosts.size() == 1 ? " host" : " hosts") << ")\n";
    }
    return summary;
}

}  // namespace mdp::app
