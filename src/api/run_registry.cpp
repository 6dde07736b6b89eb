// mdp::api::RunRegistry (<mdp/registry.h>): the library's handle on a run's registry. It does
// what apps/pipeline/registry_commands.cpp does for `status` and `reset-failed`, through the
// same engine calls (OutputDirectoryLock::acquire, PartitionRegistry::load/reset_*/save), so
// the library and the command cannot disagree about how a run directory is guarded.
#include <mdp/registry.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "api/error_translation.h"
#include "api/partition_info.h"
#include "common/errors.h"
#include "registry/output_directory_lock.h"
#include "registry/partition_registry.h"

namespace mdp::api {

namespace fs = std::filesystem;

struct RunRegistry::Impl {
    explicit Impl(fs::path dir)
        : directory(std::move(dir)), registry(registry::PartitionRegistry::path_in(directory)) {}

    fs::path directory;
    // Declared before the registry, so it is released after the registry's destructor has
    // written what it still holds: the lock covers every write.
    registry::OutputDirectoryLock lock;
    registry::PartitionRegistry registry;
};

namespace {

// Refused before the lock is taken: acquiring it would create DIR/.lock (and `reset-failed`
// refuses the same way, leaving nothing behind in a directory that holds no run).
void require_run(const fs::path& directory) {
    if (!fs::exists(registry::PartitionRegistry::path_in(directory))) {
        throw InputError(directory, "holds no run (no partition_registry.json)");
    }
}

// One reset, as `reset-failed` does it: only through a handle holding the lock, and saved
// (snapshot written and fsynced) before the caller hears how many partitions it changed.
std::size_t reset_and_save(bool read_only, const fs::path& directory,
                           registry::PartitionRegistry& reg, const std::string& doing,
                           const std::function<std::size_t()>& reset) {
    if (read_only) {
        throw Error(ErrorCode::kInternalError,
                    directory.string() +
                        ": the registry was opened read-only; use RunRegistry::open to change it");
    }
    try {
        const std::size_t count = reset();
        reg.save();
        return count;
    } catch (...) {
        rethrow_as_api_error(doing + " " + directory.string());
    }
}

std::vector<PartitionInfo> collect(const registry::PartitionRegistry& reg,
                                   const registry::PartitionFilter& filter) {
    std::vector<PartitionInfo> infos;
    reg.for_each(filter, [&](const registry::PartitionEntry& entry) {
        infos.push_back(to_partition_info(entry));
    });
    return infos;
}

}  // namespace

RunRegistry RunRegistry::open(const fs::path& run_directory) {
    try {
        require_run(run_directory);
        auto impl = std::make_unique<Impl>(run_directory);
        impl->lock = registry::OutputDirectoryLock::acquire(run_directory);
        impl->registry.load();
        return RunRegistry(std::move(impl));
    } catch (...) {
        rethrow_as_api_error("open " + run_directory.string());
    }
}

RunRegistry RunRegistry::open_read_only(const fs::path& run_directory) {
    try {
        require_run(run_directory);
        auto impl = std::make_unique<Impl>(run_directory);
        impl->registry.load();  // reads only: safe beside a running pipeline (as `status`)
        return RunRegistry(std::move(impl));
    } catch (...) {
        rethrow_as_api_error("open " + run_directory.string());
    }
}

RunRegistry::RunRegistry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunRegistry::RunRegistry(RunRegistry&&) noexcept = default;
RunRegistry& RunRegistry::operator=(RunRegistry&&) noexcept = default;
RunRegistry::~RunRegistry() = default;

const fs::path& RunRegistry::directory() const { return impl_->directory; }

bool RunRegistry::read_only() const { return !impl_->lock.held(); }

StatusCounts RunRegistry::counts() const {
    // count() is kept current by the registry: O(1) however many partitions the run has.
    const auto& reg = impl_->registry;
    return StatusCounts{reg.size(), reg.count(registry::PartitionStatus::kPending),
                        reg.count(registry::PartitionStatus::kRunning),
                        reg.count(registry::PartitionStatus::kCompleted),
                        reg.count(registry::PartitionStatus::kFailed)};
}

std::vector<PartitionInfo> RunRegistry::partitions() const {
    try {
        return collect(impl_->registry, {});
    } catch (...) {
        rethrow_as_api_error("list partitions of " + impl_->directory.string());
    }
}

std::vector<PartitionInfo> RunRegistry::partitions(PartitionStatus status) const {
    try {
        return collect(impl_->registry,
                       registry::PartitionFilter().with_status(to_registry_status(status)));
    } catch (...) {
        rethrow_as_api_error("list partitions of " + impl_->directory.string());
    }
}

std::size_t RunRegistry::reset_failed() {
    auto& reg = impl_->registry;
    return reset_and_save(read_only(), impl_->directory, reg, "reset failed partitions of",
                          [&] { return reg.reset_failed(); });
}

std::size_t RunRegistry::reset_interrupted() {
    auto& reg = impl_->registry;
    return reset_and_save(read_only(), impl_->directory, reg, "reset interrupted partitions of",
                          [&] { return reg.reset_interrupted(); });
}

}  // namespace mdp::api
