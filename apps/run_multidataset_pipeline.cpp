// run_multidataset_pipeline: the command users run. Parses the command line, runs the phases
// asked for, and turns every failure into one clear message and a documented exit code
// (docs/exit-codes.md).

#include <iostream>
#include <variant>

#include "common/errors.h"
#include "common/exit_codes.h"
#include "engine/sizing.h"
#include "pipeline/aggregate_phase.h"
#include "pipeline/command_line.h"
#include "pipeline/extract_phase.h"
#include "pipeline/phase_sizing.h"
#include "pipeline/process_phase.h"
#include "pipeline/registry_commands.h"
#include "pipeline/resource_plan.h"
#include "pipeline/run_directory.h"
#include "pipeline/stop_signal.h"
#include "registry/output_directory_lock.h"

namespace {

using mdp::ExitCode;
using mdp::app::Phase;

int run_phases(mdp::app::PipelineSettings& settings) {
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
        const auto summary = mdp::app::run_process_phase(settings, plan, run);
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

int run(mdp::app::PipelineSettings& settings) {
    switch (settings.phase) {
        case Phase::kSystemInfo:
            std::cout << mdp::app::describe_phases(mdp::app::plan_resources(settings), settings);
            return to_int(ExitCode::kSuccess);
        case Phase::kStatus:
            return mdp::app::print_status(settings.output, settings.status_query, std::cout);
        case Phase::kResetFailed:
            return mdp::app::reset_failed(settings.output, std::cout);
        case Phase::kAggregate:
        case Phase::kAll:
        case Phase::kExtract:
        case Phase::kProcess:
            break;
    }
    return run_phases(settings);
}

int fail(ExitCode code, const std::string& message) {
    std::cerr << "run_multidataset_pipeline: error: " << message << "\n";
    return to_int(code);
}

}  // namespace

int main(int argc, char** argv) {
    auto parsed = mdp::app::parse_command_line(argc, argv);
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    mdp::app::install_stop_handlers();
    try {
        return run(std::get<mdp::app::PipelineSettings>(parsed));
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
