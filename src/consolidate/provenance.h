#pragma once
// What a consolidation's results come from (shown in report.html, stored in the SQLite `runs`
// tables).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mdp::consolidate {

// Where the results come from, so that the page can be handed to a colleague: the program, every
// input (path, size, content hash), the settings that change outputs, the dates covered.
struct Provenance {
    std::string program;  // "run_multidataset_pipeline 0.1.0 (git abc123, Release build)"
    struct Input {
        std::string role;
        std::string path;
        uint64_t size = 0;
        std::string content_hash;  // "" if not read to its end
    };
    std::vector<Input> inputs;
    std::vector<std::pair<std::string, std::string>> settings;  // name -> value as JSON text
    std::string first_date;  // of the partitions, "" when there are none
    std::string last_date;
    // When the analysis ran: the first partition's start and the last completion (ISO 8601 UTC,
    // "" when unknown). From the registry, so re-aggregating a run gives the same page.
    std::string analysis_started;
    std::string analysis_finished;
};

}  // namespace mdp::consolidate
