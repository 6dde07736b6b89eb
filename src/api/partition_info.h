#pragma once
// The registry's own partition values -> the public ones of <mdp/partition.h>. The public types
// copy what a caller needs, so the registry's compact storage and its header stay internal.

#include <mdp/partition.h>

#include "registry/partition_entry.h"

namespace mdp::api {

PartitionStatus to_api_status(registry::PartitionStatus status);
registry::PartitionStatus to_registry_status(PartitionStatus status);
PartitionInfo to_partition_info(const registry::PartitionEntry& entry);

}  // namespace mdp::api
