// consolidation_bench_tree: synthesises an output directory of N completed partitions for
// bench/consolidation_bench.sh, by copying the result records that consolidation reads from
// the completed partitions of a real run (round robin) to N new keys (S securities x ceil(N/S)
// consecutive dates), into the new directory's packs. The registry is a real one (the template's run-level facts, N completed
// entries), so `run_multidataset_pipeline aggregate` runs on it exactly as on a real run.
//
//   consolidation_bench_tree TEMPLATE_RUN OUT_DIR N [SECURITIES=100]

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "common/beneath.h"
#include "registry/partition_registry.h"
#include "results/pack_store.h"
#include "results/partition_record.h"

namespace fs = std::filesystem;
using namespace mdp;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: consolidation_bench_tree TEMPLATE_RUN OUT_DIR N [SECURITIES]\n";
        return 2;
    }
    const fs::path template_dir = argv[1];
    const fs::path out = argv[2];
    const size_t n = std::stoul(argv[3]);
    const size_t securities = argc > 4 ? std::stoul(argv[4]) : 100;

    registry::PartitionRegistry source(registry::PartitionRegistry::path_in(template_dir));
    source.load();
    const auto done = source.entries(
        registry::PartitionFilter().with_status(registry::PartitionStatus::kCompleted));
    if (done.empty()) {
        std::cerr << "no completed partition in " << template_dir << "\n";
        return 1;
    }
    fs::remove_all(out);
    fs::create_directories(out);
    registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(out));
    reg.load();
    reg.set_input_files(source.input_files());
    reg.set_settings(source.settings());
    reg.set_extraction_progress(source.extraction_progress());
    const int64_t first_day = CivilDate{2020, 1, 1}.to_days();
    std::vector<registry::PartitionRegistry::NewPartition> added;
    std::vector<PartitionKey> keys;
    for (size_t i = 0; i < n; ++i) {
        const registry::PartitionEntry& from = done[i % done.size()];
        const PartitionKey key{
            CivilDate::from_days(first_day + static_cast<int64_t>(i / securities)),
            1000 + i % securities};
        added.push_back({key, from.inputs});
        keys.push_back(key);
    }
    reg.add_partitions(added);
    const UniqueFd template_fd = open_directory(template_dir);
    const UniqueFd out_fd = open_directory(out);
    results::PackReader reader(template_fd.get(), template_dir, fs::path(results::kDefaultPacksDirectory));
    results::PackWriterPool writer(out_fd.get(), out, fs::path(results::kDefaultPacksDirectory));
    std::string payload;
    results::PartitionRecord record;
    const auto now = registry::Clock::now();
    for (size_t i = 0; i < n; ++i) {
        const registry::PartitionEntry& from = done[i % done.size()];
        const auto location = results::location_in(from.results);
        if (!location) {
            std::cerr << from.key.to_string() << " has no result record\n";
            return 1;
        }
        reader.read(*location, payload);
        results::decode_record(payload, record);
        record.key = keys[i];
        registry::ResultCounts counts = from.results;
        results::add_location(writer.append(results::encode_record(record)), counts);
        reg.mark_running(keys[i], now);
        reg.mark_completed(keys[i], counts, std::chrono::duration<double>(from.duration_sec), now);
    }
    reg.save();
    std::cout << n << " partitions (" << securities << " securities) in " << out.string() << "\n";
    return 0;
}
