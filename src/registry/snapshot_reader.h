#pragma once
// Streams a registry snapshot (partition_registry.json) without building a JSON tree for the
// partitions: a SAX parser turns each element of "partitions" into a FlatEntry handed to a
// callback, so loading 1,250,000 entries costs a few reused buffers, not gigabytes of DOM.
// Every other top-level field (format, generation, settings, ...) comes back as JSON.

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "registry/flat_entry.h"

namespace mdp::registry {

// Calls `on_entry` for each partition entry, in file order (the entry is only valid during the
// call), and returns the top-level object without its "partitions". Throws IoError if the file
// cannot be read and InputError (naming the file and the entry) if it is not a valid snapshot.
// `on_partitions`, if given, is called once when "partitions" starts, with the top-level
// fields read so far (the registry writes "summary" first, to reserve memory from its total).
nlohmann::json read_snapshot(const std::filesystem::path& path,
                             const std::function<void(const FlatEntry&)>& on_entry,
                             const std::function<void(const nlohmann::json&)>& on_partitions = {});

}  // namespace mdp::registry
