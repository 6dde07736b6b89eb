#include "run_directory.h"

#include "common/errors.h"
#include "extract/extraction_checkpoint.h"
#include "extract/input_role.h"

namespace mdp::app {

namespace fs = std::filesystem;

namespace {

fs::path create_and_return(const fs::path& output) {
    std::error_code error;
    fs::create_directories(output, error);
    if (error) throw IoError("create directory " + output.string() + ": " + error.message());
    return output;
}

std::optional<fs::path>& input_path(PipelineSettings& settings, extract::InputRole role) {
    switch (role) {
        case extract::InputRole::kOrders: return settings.orders;
        case extract::InputRole::kTrades: return settings.trades;
        case extract::InputRole::kNbbo: break;
    }
    return settings.nbbo;
}

std::string describe_settings_change(const nlohmann::json& was, const nlohmann::json& now) {
    for (const auto& [name, value] : now.items()) {
        if (!was.contains(name) || was[name] != value) {
            return "setting " + name + " was " + (was.contains(name) ? was[name].dump() : "unset") + ", now " +
                   value.dump();
        }
    }
    return "settings differ";
}

}  // namespace

RunDirectory::RunDirectory(const fs::path& output)
    : output_(output),
      lock_(registry::OutputDirectoryLock::acquire(create_and_return(output))),
      registry_(registry::PartitionRegistry::path_in(output)) {
    registry_.load();
}

nlohmann::json RunDirectory::output_settings(const PipelineSettings& settings) {
    return nlohmann::json{{"timezone", settings.timezone},
                          {"columns", settings.columns},
                          {"max_line_bytes", settings.max_line_bytes},
                          {"nbbo_source", settings.nbbo_source}};
}

bool RunDirectory::extraction_complete() const {
    const auto& progress = registry_.extraction_progress();
    return progress.is_object() && progress.value("state", "") == "complete";
}

void RunDirectory::begin_run(PipelineSettings& settings) {
    // A run exists once it has done durable work: partitions registered or an extraction
    // checkpoint written. Facts recorded by an invocation that failed before that (a missing
    // or empty input, a bad header) do not make the directory "taken": the corrected command
    // simply starts the run.
    const bool has_run = registry_.size() > 0 || fs::exists(extract::ExtractionCheckpoint::path_in(output_));
    if (settings.restart) {
        registry_.clear();
        fs::remove_all(output_ / "consolidated");
        registry_.save();
    } else if (has_run && !settings.resume) {
        throw ResumeRefused(output_.string() +
                            " already holds a run; pass --resume to continue it or --restart to start over");
    }

    if (settings.resume && has_run) {
        // Inputs not given on the command line come from the registry.
        for (const auto& recorded : registry_.input_files()) {
            for (const auto role : extract::kAllInputRoles) {
                if (recorded.role == extract::role_name(role) && !input_path(settings, role)) {
                    input_path(settings, role) = fs::path(recorded.path);
                }
            }
        }
    }
    if (!settings.orders || !settings.trades) {
        throw InputError(output_, "--orders and --trades are required: the directory holds no run to resume");
    }

    std::vector<registry::InputFingerprint> fingerprints;
    for (const auto role : extract::kAllInputRoles) {
        if (const auto& path = input_path(settings, role)) {
            fingerprints.push_back(registry::fingerprint_file(std::string(extract::role_name(role)),
                                                              fs::absolute(*path).lexically_normal()));
        }
    }
    const nlohmann::json wanted_settings = output_settings(settings);

    if (settings.resume && has_run) {
        if (const auto difference = registry::input_files_difference(registry_.input_files(), fingerprints)) {
            throw ResumeRefused("cannot resume in " + output_.string() + ": " + *difference +
                                "; pass --restart to start over with these inputs");
        }
        if (registry_.settings() != wanted_settings) {
            throw ResumeRefused("cannot resume in " + output_.string() + ": " +
                                describe_settings_change(registry_.settings(), wanted_settings) +
                                "; pass --restart to start over with these settings");
        }
        return;
    }
    registry_.set_input_files(std::move(fingerprints));
    registry_.set_settings(wanted_settings);
    registry_.set_extraction_progress(nlohmann::json{{"state", "pending"}});
    registry_.flush();
}

void RunDirectory::require_extracted(const PipelineSettings& settings) const {
    if (!extraction_complete()) {
        throw ResumeRefused(output_.string() +
                            " holds no completed extraction; run the whole pipeline (or `extract`) first");
    }
    const nlohmann::json wanted = output_settings(settings);
    // Extraction-only settings do not matter here; the analysis setting does.
    if (registry_.settings().value("nbbo_source", std::string()) != wanted["nbbo_source"]) {
        throw ResumeRefused("cannot continue the run in " + output_.string() + ": " +
                            describe_settings_change(registry_.settings(), wanted) +
                            "; pass --restart to start over");
    }
}

}  // namespace mdp::app
