#include <fcntl.h>
#include <unistd.h>

#include <iostream>

#include "cluster/messages.h"
#include "cluster/mpi_session.h"
#include "cluster/mpi_transport.h"
#include "cluster/mpi_worker_link.h"
#include "cluster/remote_work_source.h"
#include "cluster/reporting_listener.h"
#include "cluster_process_phase.h"
#include "common/errors.h"
#include "common/unique_fd.h"
#include "engine/error_text.h"
#include "engine/task_runner.h"
#include "partition_analysis_task.h"
#include "process_job.h"
#include "process_phase.h"
#include "remote_partition_task.h"
#include "stop_signal.h"

namespace mdp::app {

namespace {

constexpr int kCoordinator = 0;
constexpr std::chrono::milliseconds kReportInterval{200};

cluster::WorkerDone work(const PipelineSettings& settings, const ProcessJob& job, const cluster::MpiSession& session) {
    cluster::WorkerDone done;
    done.host = session.host();
    const ResourcePlan plan = plan_resources(settings);
    engine::EngineOptions options = process_engine_options(settings, plan);
    options.max_retries = job.max_retries;
    options.retry_delay = std::chrono::milliseconds(job.retry_delay_ms);
    options.checkpoint_interval = kReportInterval;
    done.workers = static_cast<uint32_t>(options.workers);

    cluster::MpiWorkerLink link;
    cluster::RemoteWorkSource source(link, static_cast<uint32_t>(options.workers));
    PartitionAnalysisTask analysis(settings.output, analysis_settings(job.nbbo_source), job.write_stats_views, {});
    RemotePartitionTask task(analysis, source);
    // Results reach the coordinator's registry only once they are on disk: on a shared file
    // system, this node's syncfs is what makes them so.
    const UniqueFd output_fd(::open(settings.output.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!output_fd) throw IoError::from_errno("open", settings.output);
    cluster::ReportingListener reports(
        link,
        [&] {
            if (::syncfs(output_fd.get()) != 0) throw IoError::from_errno("sync", settings.output);
        },
        [] { request_stop(); });
    const engine::RunSummary summary = engine::run_tasks(source, task, reports, options);
    reports.flush();
    done.completed = summary.completed;
    done.failed = summary.failed;
    done.not_started = summary.not_started;
    done.interrupted = summary.interrupted;
    return done;
}

}  // namespace

int run_cluster_worker(const PipelineSettings& settings, const cluster::MpiSession& session) {
    for (;;) {
        const cluster::Incoming message = cluster::receive(kCoordinator, std::nullopt);
        switch (message.tag) {
            case cluster::Tag::kEnd:
                return static_cast<int>(cluster::decode_u32(message.bytes));
            case cluster::Tag::kBegin: {
                cluster::WorkerDone done;
                try {
                    done = work(settings, decode_process_job(message.bytes), session);
                } catch (...) {
                    done.host = session.host();
                    done.error = engine::describe_exception(std::current_exception());
                }
                cluster::send_message(kCoordinator, cluster::Tag::kWorkerDone, cluster::encode_worker_done(done));
                break;
            }
            case cluster::Tag::kStop:
                break;  // sent while this rank was finishing: nothing is running any more
            default:
                throw std::runtime_error("cluster: unexpected message from the coordinator");
        }
    }
}

}  // namespace mdp::app
