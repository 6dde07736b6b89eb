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

int print_status(const std::filesystem::path& output, const StatusQuery& query, std::ostream& out) {
    registry::PartitionRegistry registry(registry::PartitionRegistry::path_in(output));
    if (!registry.load()) throw InputError(output, "holds no run (no partition_registry.json)");
    write_status(registry, output.string(), query, out);
    return registry.count(registry::PartitionStatus::kFailed) == 0 ? to_int(ExitCode::kSuccess)
                                                                   : to_int(ExitCode::kFailedPartitions);
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
