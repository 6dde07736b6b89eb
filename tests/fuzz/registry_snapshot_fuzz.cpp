// Fuzzes the registry snapshot reader: the bytes are written as partition_registry.json, then
// read_snapshot() must return or throw InputError (its contract: nothing else, whatever the file
// holds), and PartitionRegistry::load() must pass the round trip of registry_round_trip.h.

#include <cstddef>
#include <cstdint>

#include "common/errors.h"
#include "fuzz/fuzz_scratch.h"
#include "fuzz/registry_round_trip.h"
#include "registry/snapshot_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const mdp::fuzz::ScratchDir scratch;
    scratch.clear();
    const auto snapshot = mdp::registry::PartitionRegistry::path_in(scratch.path());
    mdp::fuzz::write_bytes(snapshot, mdp::fuzz::as_text(data, size));

    size_t entries = 0;
    try {
        mdp::registry::read_snapshot(snapshot, [&](const mdp::registry::FlatEntry& entry) {
            MDP_FUZZ_CHECK(entry.has_key);
            ++entries;
        });
    } catch (const mdp::InputError&) {
    }
    mdp::fuzz::check_registry_round_trip(snapshot);
    return 0;
}
