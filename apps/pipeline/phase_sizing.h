#pragma once
// What each phase takes from the resource plan, computed in one place so that the phases and
// `--show-system-info` cannot disagree: extraction's own memory (capped: it streams), its
// threads, block size and blocks in flight, and the rows it may hold before writing; process's
// workers and per-partition admission estimate; aggregate's share.

#include <cstdint>
#include <filesystem>
#include <string>

#include "pipeline_settings.h"
#include "resource_plan.h"

namespace mdp::app {

// Extraction streams: more memory than this does not make it faster, so a large run budget is
// not spent on it (docs/extraction.md).
inline constexpr uint64_t kExtractionMemoryCap = 256ULL << 20;

struct ExtractionSizing {
    uint64_t memory_bytes = 0;      // the run's budget, capped at kExtractionMemoryCap
    size_t threads = 0;
    size_t line_bytes = 256;        // estimated from the first input (a chunk of rows -> bytes)
    uint64_t blocks_in_flight = 0;  // the pipeline's tokens: 2 per thread + 2
    size_t block_bytes = 0;         // a quarter of the memory over the blocks in flight, at most 8 MiB
    uint64_t pending_budget_bytes = 0;  // half of the memory: rows waiting to be written
};

// `first_input`: the first orders input if known (empty: 256-byte lines are assumed).
ExtractionSizing size_extraction(const ResourcePlan& plan, const PipelineSettings& settings,
                                 const std::filesystem::path& first_input);

// The --show-system-info text: the detected system and sizing, then what each phase uses.
std::string describe_phases(const ResourcePlan& plan, const PipelineSettings& settings);

}  // namespace mdp::app
