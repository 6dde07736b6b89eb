#include "export_command.h"

#include <fcntl.h>

#include <ostream>
#include <string>

#include "analyzers/partition_files.h"
#include "common/beneath.h"
#include "common/errors.h"
#include "common/exit_codes.h"
#include "partition_views.h"
#include "registry/partition_registry.h"
#include "results/pack_store.h"
#include "results/partition_record.h"
#include "run_directory.h"
#include "stop_signal.h"

namespace mdp::app {

namespace fs = std::filesystem;

namespace {

int export_from(const registry::PartitionRegistry& registry, const fs::path& output, const ExportQuery& query,
                std::ostream& out, std::ostream& err) {
    const UniqueFd output_fd = open_directory(output);
    results::PackReader packs(output_fd.get(), output, fs::path(results::kDefaultPacksDirectory));
    registry::PartitionFilter filter = query.filter;
    filter.with_status(registry::PartitionStatus::kCompleted);
    std::string payload;
    results::PartitionRecord record;
    size_t exported = 0;
    size_t unreadable = 0;
    registry.for_each(filter, [&](const registry::PartitionEntry& entry) {
        if (stop_requested().load()) throw Interrupted();
        const PartitionKey& key = entry.key;
        try {
            const auto location = results::location_in(entry.results);
            if (!location) throw results::RecordError("no result record in the registry");
            packs.read(*location, payload);
            results::decode_record(payload, record);
            if (!(record.key == key)) throw results::RecordError("the record is " + record.key.to_string() + "'s");
        } catch (const results::RecordError& e) {
            err << "export: " << key.to_string() << ": " << e.what() << "\n";
            ++unreadable;
            return;
        }
        if (query.to) {
            write_stats_view(*query.to / key.date.to_string() / std::to_string(key.security), results::partition_files_of(record));
        } else {
            // Into the run: its partition directory must be its own, not a link planted to send
            // the files elsewhere (as `process` checks before writing a view).
            const fs::path relative = key.directory_under(fs::path());
            make_directories_beneath(output_fd.get(), relative, output);
            open_beneath(output_fd.get(), relative, O_PATH | O_DIRECTORY, 0, output);
            write_stats_view(key.directory_under(output), results::partition_files_of(record));
        }
        ++exported;
    });
    const fs::path where = query.to ? *query.to : output / "partitions";
    out << "export: wrote the result files of " << exported << " partition" << (exported == 1 ? "" : "s") << " below "
        << where.string() << "\n";
    if (unreadable > 0) {
        err << "export: " << unreadable << " completed partitions have no readable result record (listed above)\n";
        return to_int(ExitCode::kFailedPartitions);
    }
    return to_int(ExitCode::kSuccess);
}

}  // namespace

int export_partition_files(const fs::path& output, const ExportQuery& query, std::ostream& out, std::ostream& err) {
    // Checked before taking the lock, which would create the directory and its lock file.
    if (!fs::exists(registry::PartitionRegistry::path_in(output))) {
        throw InputError(output, "holds no run (no partition_registry.json)");
    }
    if (query.to) {
        registry::PartitionRegistry registry(registry::PartitionRegistry::path_in(output));
        registry.load();
        fs::create_directories(*query.to);
        return export_from(registry, output, query, out, err);
    }
    RunDirectory run(output);
    return export_from(run.registry(), output, query, out, err);
}

}  // namespace mdp::app
