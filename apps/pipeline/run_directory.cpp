#include "run_directory.h"

#include "input_identity.h"

#include "common/errors.h"
#include "extract/checkpoint/extraction_checkpoint.h"
#include "extract/input/input_list.h"
#include "extract/input/input_role.h"

#include <algorithm>
#include <iostream>

namespace mdp::app {

namespace fs = std::filesystem;

namespace {

fs::path create_and_return(const fs::path& output) {
    std::error_code error;
    fs::create_directories(output, error);
    if (error) throw IoError("create directory " + output.string() + ": " + error.message());
    return output;
}

// The inputs named on the command line, in run order: orders, trades, then NBBO, each role's
// paths in the order given with directories expanded.
std::vector<extract::InputSpec> inputs_given(const PipelineSettings& settings) {
    std::vector<extract::InputSpec> inputs;
    const auto add = [&](extract::InputRole role, const std::vector<fs::path>& paths) {
        if (paths.empty()) return;
        for (fs::path& path : extract::expand_input_paths(paths)) inputs.push_back({role, std::move(path)});
    };
    add(extract::InputRole::kOrders, settings.orders);
    add(extract::InputRole::kTrades, settings.trades);
    add(extract::InputRole::kNbbo, settings.nbbo);
    return inputs;
}

// object[name] when it is a string, else "" (GCC 12's -Wnull-dereference misreads json::value
// once inlined here).
std::string string_field(const nlohmann::json& object, const char* name) {
    if (!object.is_object()) return {};
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get_ref<const std::string&>() : std::string();
}

std::optional<extract::InputRole> role_named(std::string_view name) {
    for (const auto role : extract::kAllInputRoles) {
        if (extract::role_name(role) == name) return role;
    }
    return std::nullopt;
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
      created_directory_(!fs::exists(output)),
      lock_(registry::OutputDirectoryLock::acquire(create_and_return(output))),
      registry_(registry::PartitionRegistry::path_in(output)) {
    registry_.load();
}

// An invocation that did no durable work (refused before its first write: a missing input, a
// bad header, an input given twice) leaves nothing behind: not its lock file, and not the
// directory if it made it. A directory holding anything but the lock is left as it is.
RunDirectory::~RunDirectory() {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(output_, error)) {
        if (entry.path().filename() != ".lock") return;
    }
    if (error || !fs::is_regular_file(fs::symlink_status(output_ / ".lock", error))) return;
    fs::remove(output_ / ".lock", error);  // still held: flock stays on the open descriptor
    if (created_directory_) fs::remove(output_, error);
}

nlohmann::json RunDirectory::output_settings(const PipelineSettings& settings) {
    return nlohmann::json{{"timezone", settings.timezone},
                          {"columns", settings.columns},
                          {"max_line_bytes", settings.max_line_bytes},
                          {"nbbo_source", settings.nbbo_source}};
}

bool RunDirectory::extraction_complete() const {
    const auto& progress = registry_.extraction_progress();
    return string_field(progress, "state") == "complete";
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
    } else if (has_run && !settings.resume && !settings.append) {
        throw ResumeRefused(output_.string() +
                            " already holds a run; pass --resume to continue it or --restart to start over");
    }

    if (settings.append && has_run) {
        begin_append(settings);
        return;
    }
    const bool inputs_named = !settings.orders.empty() || !settings.trades.empty() || !settings.nbbo.empty();
    if (settings.resume && has_run && !inputs_named) {
        // Inputs not given on the command line come from the registry, in their order.
        for (const auto& recorded : registry_.input_files()) {
            const auto role = role_named(recorded.role);
            if (!role) throw ResumeRefused("the registry in " + output_.string() + " names an unknown input role '" +
                                           recorded.role + "'");
            settings.inputs.push_back({*role, fs::path(recorded.path)});
        }
    } else {
        settings.inputs = inputs_given(settings);
    }
    const auto has_role = [&](extract::InputRole role) {
        return std::any_of(settings.inputs.begin(), settings.inputs.end(),
                           [&](const extract::InputSpec& input) { return input.role == role; });
    };
    if (!has_role(extract::InputRole::kOrders) || !has_role(extract::InputRole::kTrades)) {
        throw InputError(output_, "--orders and --trades are required: the directory holds no run to resume");
    }
    extract::require_distinct_inputs(settings.inputs);

    std::vector<registry::InputFingerprint> fingerprints;
    for (const extract::InputSpec& input : settings.inputs) fingerprints.push_back(fingerprint_input(input.role, input.path));
    const nlohmann::json wanted_settings = output_settings(settings);

    if (settings.resume && has_run) {
        check_inputs_for_resume(fingerprints);
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

void RunDirectory::begin_append(PipelineSettings& settings) {
    const nlohmann::json wanted_settings = output_settings(settings);
    if (registry_.settings() != wanted_settings) {
        throw ResumeRefused("cannot append to the run in " + output_.string() + ": " +
                            describe_settings_change(registry_.settings(), wanted_settings) +
                            "; append with the run's settings, or --restart");
    }
    // The run's inputs stay first, in their order; what is new follows (docs/cli.md, "--append").
    std::vector<registry::InputFingerprint> fingerprints = registry_.input_files();
    settings.inputs.clear();
    for (const auto& recorded : fingerprints) {
        const auto role = role_named(recorded.role);
        if (!role) throw ResumeRefused("the registry in " + output_.string() + " names an unknown input role '" +
                                       recorded.role + "'");
        settings.inputs.push_back({*role, fs::path(recorded.path)});
    }
    for (const auto& recorded : fingerprints) {
        if (is_pipe(recorded.path)) {
            throw ResumeRefused("cannot append to the run in " + output_.string() + ": its input " + recorded.path +
                                " was read from a pipe, which cannot be read again to check its header; "
                                "give daily data as files to append to a run");
        }
    }
    size_t added = 0;
    for (extract::InputSpec& input : inputs_given(settings)) {
        const fs::path absolute = input.path == "-" ? input.path : fs::absolute(input.path).lexically_normal();
        registry::InputFingerprint fingerprint = fingerprint_input(input.role, input.path);
        if (is_pipe(input.path)) {  // nothing to compare: always new
            fingerprints.push_back(std::move(fingerprint));
            settings.inputs.push_back({input.role, absolute});
            ++added;
            continue;
        }
        if (const auto* same = same_content_recorded(fingerprints, fingerprint)) {
            std::cerr << "append: " << input.path.string() << " is already in the run (as " << same->path
                      << "); skipped\n";
            continue;
        }
        const auto same_path = std::find_if(fingerprints.begin(), fingerprints.end(),
                                            [&](const auto& known) { return known.path == fingerprint.path; });
        if (same_path != fingerprints.end()) {
            throw ResumeRefused("cannot append " + input.path.string() +
                                ": it was ingested before and has changed since (" +
                                (same_path->size != fingerprint.size
                                     ? std::to_string(same_path->size) + " bytes then, " +
                                           std::to_string(fingerprint.size) + " now"
                                     : std::string("same size, different content")) +
                                "); a corrected file needs --restart");
        }
        fingerprints.push_back(std::move(fingerprint));
        settings.inputs.push_back({input.role, absolute});
        ++added;
    }
    extract::require_distinct_inputs(settings.inputs);
    if (added == 0) {
        std::cerr << "append: nothing new to add to " << output_.string() << "\n";
        return;
    }
    std::cerr << "append: " << added << " new input" << (added == 1 ? "" : "s") << " for " << output_.string()
              << "\n";
    registry_.set_input_files(std::move(fingerprints));
    registry_.set_extraction_progress(nlohmann::json{{"state", "pending"}});
    registry_.flush();
}

void RunDirectory::check_inputs_for_resume(std::vector<registry::InputFingerprint>& given) {
    const std::vector<registry::InputFingerprint>& recorded = registry_.input_files();
    // Inputs are compared in order: their order is the order of rows in every partition.
    std::string why;
    if (recorded.size() != given.size()) {
        why = "the run has " + std::to_string(recorded.size()) + " inputs, " + std::to_string(given.size()) +
              " are given";
    }
    for (size_t i = 0; why.empty() && i < given.size(); ++i) {
        if (auto mismatch = resume_mismatch(recorded[i], given[i])) why = std::move(*mismatch);
        given[i].content_hash = recorded[i].content_hash;
    }
    if (!why.empty()) {
        throw ResumeRefused("cannot resume in " + output_.string() + ": " + why +
                            "; pass --restart to start over with these inputs");
    }
    // A touched, copied or moved input with the recorded content is recorded where it is now.
    if (given != recorded) {
        registry_.set_input_files(std::move(given));
        registry_.flush();
    }
}

void RunDirectory::record_content_hash(size_t ordinal, const extract::Hash128& hash) {
    std::vector<registry::InputFingerprint> inputs = registry_.input_files();
    if (ordinal >= inputs.size()) throw std::logic_error("record_content_hash: no input " + std::to_string(ordinal));
    inputs[ordinal].content_hash = extract::to_hex(hash);
    registry_.set_input_files(std::move(inputs));
    registry_.flush();
}

void RunDirectory::require_extracted(const PipelineSettings& settings) const {
    if (!extraction_complete()) {
        throw ResumeRefused(output_.string() +
                            " holds no completed extraction; run the whole pipeline (or `extract`) first");
    }
    const nlohmann::json wanted = output_settings(settings);
    // Extraction-only settings do not matter here; the analysis setting does.
    if (string_field(registry_.settings(), "nbbo_source") != string_field(wanted, "nbbo_source")) {
        throw ResumeRefused("cannot continue the run in " + output_.string() + ": " +
                            describe_settings_change(registry_.settings(), wanted) +
                            "; pass --restart to start over");
    }
}

}  // namespace mdp::app
