#include "registry_commands.h"

#include <iostream>

#include "common/errors.h"
#include "common/exit_codes.h"
#include "registry/partition_registry.h"
#include "run_directory.h"

namespace mdp::app {

namespace {

constexpr size_t kFailuresShown = 20;

}  // namespace

int print_status(const std::filesystem::path& output, std::ostream& out) {
    registry::PartitionRegistry registry(registry::PartitionRegistry::path_in(output));
    if (!registry.load()) throw InputError(output, "holds no run (no partition_registry.json)");
    const registry::RegistrySummary summary = registry.summary();
    out << "run in " << output.string() << "\n";
    for (const auto& input : registry.input_files()) {
        out << "  input " << input.role << ": " << input.path << " (" << input.size << " bytes)\n";
    }
    out << "  extraction: " << registry.extraction_progress().value("state", "unknown") << "\n";
    out << "  partitions: " << registry.size();
    for (const auto status : registry::kAllStatuses) {
        out << ", " << registry.count(status) << " " << registry::status_name(status);
    }
    out << "\n";
    for (const auto& [name, value] : summary.results) out << "  " << name << ": " << value << "\n";
    const auto failed = registry.entries(registry::PartitionFilter().with_status(registry::PartitionStatus::kFailed));
    for (size_t i = 0; i < failed.size() && i < kFailuresShown; ++i) {
        out << "  failed " << failed[i].key.to_string() << " after " << failed[i].attempts
            << " attempts: " << failed[i].last_error << "\n";
    }
    if (failed.size() > kFailuresShown) out << "  ... and " << failed.size() - kFailuresShown << " more failed\n";
    return failed.empty() ? to_int(ExitCode::kSuccess) : to_int(ExitCode::kFailedPartitions);
}

int reset_failed(const std::filesystem::path& output, std::ostream& out) {
    // Checked before taking the lock, which would create the directory and its lock file.
    if (!std::filesystem::exists(registry::PartitionRegistry::path_in(output))) {
        throw InputError(output, "holds no run (no partition_registry.json)");
    }
    RunDirectory run(output);
    if (run.registry().size() == 0) throw InputError(output, "holds no run (no partitions in the registry)");
    const size_t count = run.registry().reset_failed();
    run.registry().save();
    out << count << " failed partitions are pending again; continue with --resume\n";
    return to_int(ExitCode::kSuccess);
}

}  // namespace mdp::app
