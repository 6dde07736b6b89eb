#pragma once
// Everything that shapes one extraction run. Defaults are what the command line uses when the
// user says nothing; see docs/extraction.md for how each one trades memory and speed.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "extract/input/content_hasher.h"
#include "extract/input/input_role.h"

namespace mdp::extract {

enum class StartMode {
    kFresh,    // the output directory must hold no extraction yet
    kResume,   // continue from the last checkpoint (or start if there is none)
    kRestart,  // throw away any earlier extraction in the directory and start over
};

// How much of the schema of analysed columns (common/analysed_columns.h, docs/validation.md)
// extraction enforces.
enum class AnalysedColumnCheck {
    kNone,      // only the key columns are checked (a plain splitter)
    kPresent,   // the analysed columns an input has are checked in every row
    kRequired,  // and an input that lacks one (or --columns that leaves one out) stops the run
};

// One input file and what it holds. Inputs are read in the order given (their ordinal), which is
// the order of rows within every partition file (docs/design/storage.md, "Inputs").
struct InputSpec {
    InputRole role = InputRole::kOrders;
    std::filesystem::path path;
    friend bool operator==(const InputSpec&, const InputSpec&) = default;
};

struct ExtractionOptions {
    std::filesystem::path output_dir;
    std::vector<InputSpec> inputs;  // see input_list.h for expanding directories
    std::string timezone = "Australia/Sydney";
    std::vector<std::string> keep_columns;  // empty: keep every column
    // The command line checks the analysed columns an input has (`extract`), and requires them
    // in a full run, which analyses what it extracts.
    AnalysedColumnCheck analysed_columns = AnalysedColumnCheck::kNone;
    StartMode start_mode = StartMode::kFresh;

    size_t block_bytes = 8 << 20;            // input read in blocks of whole lines this big
    uint64_t pending_budget_bytes = 128 << 20;  // rows held in memory before writing
    size_t max_open_files = 0;               // 0: derived from RLIMIT_NOFILE
    size_t max_line_bytes = 1 << 20;         // longer lines are rejected
    uint64_t max_rejects = 0;                // 0: no limit (rejects are reported, not fatal)
    uint64_t checkpoint_every_bytes = 1ULL << 30;
    double checkpoint_every_seconds = 30.0;
    size_t threads = 0;                      // 0: all the threads TBB may use

    const std::atomic<bool>* stop_requested = nullptr;
    // Called from the writing stage after each block: (bytes done, bytes in all inputs).
    std::function<void(uint64_t, uint64_t)> on_progress;
    // Called when input `ordinal` has been read to its end, with the XXH3-128 of its stored
    // bytes, before the checkpoint that records it as done (so whoever keeps input identities,
    // the registry, has it first).
    std::function<void(size_t ordinal, const Hash128& content_hash)> on_input_done;
};

}  // namespace mdp::extract
