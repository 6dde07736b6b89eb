#pragma once
// The `status` and `reset-failed` commands: reading and repairing a run's registry from the
// command line (the same operations as the registry's C++ API).

#include <filesystem>
#include <iosfwd>

namespace mdp::app {

// Prints the summary of the run in `output` (without taking its lock: read-only). Returns the
// exit code: 0 when every partition completed, 4 when some failed, 0 otherwise.
int print_status(const std::filesystem::path& output, std::ostream& out);

// Marks failed partitions pending again with fresh attempts (takes the lock).
int reset_failed(const std::filesystem::path& output, std::ostream& out);

}  // namespace mdp::app
