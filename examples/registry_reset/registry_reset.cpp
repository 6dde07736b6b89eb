// registry_reset RUN_DIRECTORY [--dry-run]
//
// Opens the registry of a run made by run_multidataset_pipeline, prints its partitions by
// status and each failed one with its error, then makes the failed partitions pending again
// (what `run_multidataset_pipeline reset-failed` does), so that `--resume` analyses them anew.
// With --dry-run it only reads, without the lock, and works while the pipeline runs.
//
// Exit codes are the pipeline's own (docs/exit-codes.md): 0 done, 2 usage, 3 no run there,
// 6 not readable or writable, 7 a pipeline is using the directory right now.

#include <mdp/registry.h>
#include <mdp/version.h>

#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
    const bool dry_run = argc == 3 && std::strcmp(argv[2], "--dry-run") == 0;
    if (argc != 2 && !dry_run) {
        std::cerr << "usage: " << argv[0] << " RUN_DIRECTORY [--dry-run]\n";
        return 2;
    }
    try {
        auto run = dry_run ? mdp::api::RunRegistry::open_read_only(argv[1])
                           : mdp::api::RunRegistry::open(argv[1]);
        const mdp::api::StatusCounts counts = run.counts();
        std::cout << "run " << run.directory().string() << " (mdp " << mdp::api::library_version()
                  << "): " << counts.total << " partitions, " << counts.completed << " completed, "
                  << counts.failed << " failed, " << counts.pending << " pending, "
                  << counts.running << " running\n";
        for (const auto& partition : run.partitions(mdp::api::PartitionStatus::kFailed)) {
            std::cout << "  failed " << partition.key << " after " << partition.attempts
                      << " attempts: " << partition.last_error << "\n";
        }
        if (dry_run) return 0;
        const std::size_t reset = run.reset_failed();
        std::cout << reset << " failed partitions are pending again; continue with "
                  << "run_multidataset_pipeline --output " << run.directory().string()
                  << " --resume\n";
        return 0;
    } catch (const mdp::api::Error& e) {
        std::cerr << "registry_reset: " << e.what() << "\n";
        return e.exit_code();
    }
}
