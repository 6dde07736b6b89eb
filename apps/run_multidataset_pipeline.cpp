// run_multidataset_pipeline: the command users run. Parses the command line, runs the phases
// asked for, and turns every failure into one clear message and a documented exit code
// (docs/exit-codes.md).

#include <iostream>
#include <variant>

#include "common/errors.h"
#include "common/exit_codes.h"
#include "pipeline/command_line.h"
#include "pipeline/extract_phase.h"
#include "pipeline/stop_signal.h"

namespace {

using mdp::ExitCode;
using mdp::app::Phase;

int run(const mdp::app::PipelineSettings& settings) {
    switch (settings.phase) {
        case Phase::kExtract:
        case Phase::kAll:
            mdp::app::run_extract_phase(settings);
            return to_int(ExitCode::kSuccess);
        default:
            std::cerr << "run_multidataset_pipeline: this command is not available yet\n";
            return to_int(ExitCode::kUsage);
    }
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
