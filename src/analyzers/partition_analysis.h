#pragma once
// The analyzers' entry point: SPEC section 3 for one partition. Reads the partition's
// orders.csv, trades.csv and nbbo.csv (any of them may be missing: no rows), finds the
// qualifying sweeps, simulates the dark pool, compares real and simulated execution, diagnoses
// the unmatched sweeps, and returns it all typed (partition_results.h); partition_files.h turns
// that into the SPEC 3.6 files.
// It knows nothing about threads, the registry or the engine: the engine calls it once per
// partition from any worker thread (calls share no state).

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "analyzers/partition_results.h"
#include "analyzers/read_buffer.h"
#include "common/partition_key.h"

namespace mdp::analyzers {

struct AnalysisSettings {
    // Where the simulated midpoint comes from (SPEC 3.3 --nbbo-source): the contra's own
    // national_bid/offer (kOrder) or nbbo.csv (kFile).
    enum class NbboSource { kOrder, kFile };
    NbboSource nbbo_source = NbboSource::kOrder;
};

// Analyses one partition. Throws InputError (file, line, reason) for an unreadable or malformed
// partition file. `buffer` receives each input file in turn: a caller that analyses many
// partitions passes the same one each time (one per thread it calls from) so that its memory is
// reused.
PartitionResults analyze_partition(const std::filesystem::path& partition_dir, const PartitionKey& key,
                                   const AnalysisSettings& settings, ReadBuffer& buffer);

// The same, then the SPEC 3.6 files written below `stats_dir` (tests and tools): returns the
// partition's counts (PartitionResults::counts). Also throws IoError when a file cannot be
// written.
std::map<std::string, int64_t> analyze_partition(const std::filesystem::path& partition_dir,
                                                 const std::filesystem::path& stats_dir,
                                                 const PartitionKey& key, const AnalysisSettings& settings);

}  // namespace mdp::analyzers
