#pragma once
// What `status` says about a run, from its registry alone (read-only, no lock): the inputs, how
// far extraction got, the partitions by status (optionally only those of a date, a security or a
// status), rows and bytes, analysis time and when it ran, the results, and every failed
// partition's one-line error. Rendered for people (units, times) or as JSON (the same facts, raw
// numbers, ISO times) for scripts: docs/cli.md, "status".

#include <iosfwd>
#include <optional>
#include <string>

#include "registry/partition_entry.h"
#include "registry/partition_registry.h"

namespace mdp::app {

struct StatusQuery {
    registry::PartitionFilter filter;
    bool json = false;
    bool list = false;  // one line (or JSON object) per partition that matches
};

// Writes the status of `registry` (of the run in `run_path`) to `out`.
void write_status(const registry::PartitionRegistry& registry, const std::string& run_path, const StatusQuery& query,
                  std::ostream& out);

}  // namespace mdp::app
