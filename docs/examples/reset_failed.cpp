// Example: the registry's programmatic API. Opens the registry of an output directory, turns
// every failed partition back into a pending one (so the next --resume retries it), saves, and
// prints how many there were.
//
//   registry_reset_failed_example OUTPUT_DIR
//
// Run it only while no pipeline uses OUTPUT_DIR: it takes the directory's lock to make sure.

#include <exception>
#include <iostream>

#include "common/errors.h"
#include "common/exit_codes.h"
#include "registry/output_directory_lock.h"
#include "registry/partition_registry.h"

int main(int argc, char** argv) {
    using namespace mdp::registry;
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " OUTPUT_DIR\n";
        return mdp::to_int(mdp::ExitCode::kUsage);
    }
    try {
        const auto lock = OutputDirectoryLock::acquire(argv[1]);
        PartitionRegistry reg(PartitionRegistry::path_in(argv[1]));
        if (!reg.load()) {
            std::cerr << "no partition registry in " << argv[1] << "\n";
            return mdp::to_int(mdp::ExitCode::kBadInput);
        }
        const size_t count = reg.reset_failed();
        reg.save();
        std::cout << count << " failed partition(s) reset to pending; "
                  << reg.count(PartitionStatus::kPending) << " pending in all\n";
        return mdp::to_int(mdp::ExitCode::kSuccess);
    } catch (const OutputBusyError& e) {
        std::cerr << e.what() << "\n";
        return mdp::to_int(mdp::ExitCode::kOutputBusy);
    } catch (const mdp::InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return mdp::to_int(mdp::ExitCode::kBadInput);
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return mdp::to_int(mdp::ExitCode::kOutputError);
    }
}
