#pragma once
// The `status` and `reset-failed` commands: reading and repairing a run's registry from the
// command line (the same operations as the registry's C++ API).

#include <filesystem>
#include <iosfwd>

#include "status_report.h"

namespace mdp::app {

// Prints the status of the run in `output` (without taking its lock: read-only; status_report.h).
// Returns the exit code: 4 when some partition of the run failed, else 0.
int print_status(const std::filesystem::path& output, const StatusQuery& query, std::ostream& out);

// Marks failed partitions pending again with fresh attempts (takes the lock).
int reset_failed(const std::filesystem::path& output, std::ostream& out);

}  // namespace mdp::app
