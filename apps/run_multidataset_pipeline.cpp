// run_multidataset_pipeline: the command users run. Parses the command line, runs the phases
// asked for, and turns every failure into one clear message and a documented exit code
// (docs/exit-codes.md).

#include <iostream>
#include <optional>
#include <variant>

#include "cluster/launcher_environment.h"

#include "common/errors.h"
#include "common/exit_codes.h"
#include "engine/sizing.h"
#include "pipeline/aggregate_phase.h"
#include "pipeline/command_line.h"
#include "pipeline/export_command.h"
#include "pipeline/extract_phase.h"
#include "pipeline/phase_sizing.h"
#include "pipeline/process_phase.h"
#include "pipeline/registry_commands.h"
#include "pipeline/resource_plan.h"
#include "pipeline/run_directory.h"
#include "pipeline/stop_signal.h"
#include "registry/output_directory_lock.h"
#ifdef MDP_WITH_MPI
#include "cluster/mpi_coordinator_service.h"
#include "cluster/mpi_session.h"
#include "pipeline/cluster_process_phase.h"
#endif

namespace mdp::cluster {
class MpiSession;
}

namespace {

using mdp::ExitCode;
using mdp::app::Phase;

// `cluster`: the MPI job this process is rank 0 of, or null (no MPI, or a job of one rank).
int run_phases(mdp::app::PipelineSettings& settings, const mdp::cluster::MpiSession* cluster) {
    const mdp::app::ResourcePlan plan = mdp::app::plan_resources(settings);
    mdp::app::RunDirectory run(settings.output);
    if (settings.phase == Phase::kAll || settings.phase == Phase::kExtract) {
        run.begin_run(settings);
        if (settings.phase == Phase::kAll) mdp::app::require_usable_sqlite_target(settings, run);
        mdp::app::run_extract_phase(settings, plan, run);
        if (settings.phase == Phase::kExtract) return to_int(ExitCode::kSuccess);
    } else if (settings.phase == Phase::kAggregate) {
        // Consolidation only reads what is there: it needs a run, not a finished extraction or
        // the analysis settings of this command line.
        if (run.registry().size() == 0) {
            throw mdp::InputError(settings.output, "holds no partitions to consolidate (run the pipeline first)");
        }
    } else {
        run.require_extracted(settings);
    }
    if (settings.phase == Phase::kAll || settings.phase == Phase::kProcess) {
#ifdef MDP_WITH_MPI
        const auto summary = cluster != nullptr ? mdp::app::run_cluster_process_phase(settings, plan, run, *cluster)
                                                : mdp::app::run_process_phase(settings, plan, run);
#else
        (void)cluster;
        const auto summary = mdp::app::run_process_phase(settings, plan, run);
#endif
        if (summary.interrupted) throw mdp::Interrupted();
    }
    if (settings.phase == Phase::kAll || settings.phase == Phase::kAggregate) {
        // Also after failed partitions: consolidate what completed, then report the failures.
        mdp::app::run_aggregate_phase(settings, run);
    }
    const size_t failed = run.registry().count(mdp::registry::PartitionStatus::kFailed);
    if (failed > 0) {
        std::cerr << "run_multidataset_pipeline: " << failed
                  << " partitions failed; see `run_multidataset_pipeline status -o " << settings.output.string()
                  << "`, then `reset-failed` and --resume\n";
        return to_int(ExitCode::kFailedPartitions);
    }
    return to_int(ExitCode::kSuccess);
}

int run(mdp::app::PipelineSettings& settings, const mdp::cluster::MpiSession* cluster) {
    switch (settings.phase) {
        case Phase::kSystemInfo:
            std::cout << mdp::app::describe_phases(mdp::app::plan_resources(settings), settings);
            return to_int(ExitCode::kSuccess);
        case Phase::kStatus:
            return mdp::app::print_status(settings.output, settings.status_query, std::cout);
        case Phase::kResetFailed:
            return mdp::app::reset_failed(settings.output, std::cout);
        case Phase::kExport:
            return mdp::app::export_partition_files(settings.output, settings.export_query, std::cout, std::cerr);
        case Phase::kAggregate:
        case Phase::kAll:
        case Phase::kExtract:
        case Phase::kProcess:
            break;
    }
    return run_phases(settings, cluster);
}

int fail(ExitCode code, const std::string& message) {
    std::cerr << "run_multidataset_pipeline: error: " << message << "\n";
    return to_int(code);
}

// Runs the command, turning every failure into its message and exit code.
template <typename Body>
int guarded(Body&& body) {
    try {
        return body();
    } catch (const mdp::InputError& e) {
        return fail(ExitCode::kBadInput, e.what());
    } catch (const mdp::IoError& e) {
        return fail(ExitCode::kOutputError, e.what());
    } catch (const mdp::ResumeRefused& e) {
        return fail(ExitCode::kResumeMismatch, e.what());
    } catch (const mdp::registry::OutputBusyError& e) {
        return fail(ExitCode::kOutputBusy, e.what());
    } catch (const mdp::engine::InvalidSetting& e) {
        return fail(ExitCode::kUsage, e.what());
    } catch (const mdp::Interrupted&) {
        std::cerr << "run_multidataset_pipeline: interrupted; progress saved. Rerun with --resume to continue.\n";
        return to_int(ExitCode::kInterrupted);
    } catch (const std::invalid_argument& e) {
        return fail(ExitCode::kUsage, e.what());
    } catch (const std::filesystem::filesystem_error& e) {
        return fail(ExitCode::kOutputError, e.what());
    } catch (const std::exception& e) {
        return fail(ExitCode::kInternalError, std::string("unexpected: ") + e.what());
    }
}

}  // namespace

int main(int argc, char** argv) {
    // MPI mode only when an MPI launcher started this process (docs/mpi.md); otherwise no MPI
    // call is ever made.
    const auto launcher = mdp::cluster::detect_launcher();
#ifdef MDP_WITH_MPI
    std::optional<mdp::cluster::MpiSession> mpi;
    if (launcher) {
        try {
            mpi.emplace(&argc, &argv);
        } catch (const std::exception& e) {
            return fail(ExitCode::kInternalError, std::string("MPI: ") + e.what());
        }
    }
    const mdp::cluster::MpiSession* cluster = mpi && mpi->size() > 1 ? &*mpi : nullptr;
#else
    if (launcher && launcher->size.value_or(1) > 1) {
        return fail(ExitCode::kUsage, "started by an MPI launcher (" + launcher->variable +
                                          ") but built without MPI (MDP_WITH_MPI=OFF); see docs/mpi.md");
    }
    const mdp::cluster::MpiSession* cluster = nullptr;
#endif
    auto parsed = mdp::app::parse_command_line(argc, argv);
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    mdp::app::install_stop_handlers();
    auto& settings = std::get<mdp::app::PipelineSettings>(parsed);
#ifdef MDP_WITH_MPI
    if (cluster != nullptr && !cluster->is_coordinator()) {
        // A worker rank: it works when rank 0 says so, and ends with rank 0's exit code.
        const int code = guarded([&] { return mdp::app::run_cluster_worker(settings, *cluster); });
        return code;
    }
    const int code = guarded([&] { return run(settings, cluster); });
    if (cluster != nullptr) {
        try {
            mdp::cluster::end_workers(cluster->size(), code);
        } catch (const std::exception& e) {
            fail(ExitCode::kInternalError, std::string("MPI: ") + e.what());
            mdp::cluster::MpiSession::abort_job(code);
        }
    }
    return code;
#else
    return guarded([&] { return run(settings, cluster); });
#endif
}
