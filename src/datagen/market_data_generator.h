#pragma once
// The synthetic market-data generator: writes orders, trades and NBBO CSVs in the SPEC section 1
// schemas for S securities x D trading days, deterministically from a seed, streaming (rows are
// produced in time order through a queue of pending rows, so memory depends on the event rate,
// not on the output size) and fast enough never to be a benchmark's bottleneck.
//
// The data is built from order *scenarios* (lit limit orders with fills and cancels, Centre
// Point orders with dark fills, and Centre Point sweeps with a chosen outcome) so that every
// analysis of SPEC section 3 has work: sweeps that qualify and find simulated dark contras
// (set A), sweeps that qualify and find none (set B) for each root cause of SPEC 3.7, and
// sweeps that do not qualify. See docs/generator.md.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/civil_date.h"
#include "datagen/byte_sink.h"
#include "datagen/generator_config.h"
#include "datagen/malformed_rows.h"

namespace mdp::datagen {

// What a sweep scenario was built to show (SPEC 3.2 / 3.3 / 3.7).
enum class SweepScenario : uint8_t {
    kMatched,                 // qualifies; opposite CP contras arrive in [arrival, last trade]
    kCrossingSweeps,          // qualifies; an opposite qualifying sweep arrives in its window
    kInstantLit,              // qualifies; lit fills within 0.1 s, no contra
    kNoLiquidity,             // qualifies; no contra open or arriving
    kNearMiss,                // qualifies; a contra arrives just after the window, or leaves
                              // just before the arrival (timing mismatch in the plain sense)
    kUnusableQuoteContra,     // qualifies; contra arrives in the window at a compatible price but
                              // with unusable national and exchange quotes (skipped)
    kUnusableQuoteNoOverlap,  // same with a contra price the sweep's limit does not reach
    kPriceIncompatible,       // qualifies; contra resting at arrival, price beyond the limit
    kRestingCompatible,       // qualifies; contra resting at arrival at a compatible price
    kInsufficientQuantity,    // qualifies; compatible resting contra smaller than the sweep's
                              // minimum quantity
    kDarkPartial,             // does not qualify: partly filled in Centre Point (dealsource 47)
    kNotFullyFilled,          // does not qualify: lit fills, then the rest cancelled
    kCancelled,               // does not qualify: cancelled without a fill
    kCarriedOver,             // does not qualify: Good Till Cancel, partly filled, reloaded
                              // (30) the next day and filled there in Centre Point
};
inline constexpr size_t kSweepScenarioCount = 14;
std::string_view to_string(SweepScenario scenario);

struct FileSummary {
    uint64_t rows = 0;            // data rows (valid rows, including quoted-comma rows)
    uint64_t malformed_rows = 0;  // injected extra lines (rejectable kinds)
    uint64_t bytes = 0;           // whole file, header included
};

struct GenerationSummary {
    FileSummary orders;
    FileSummary trades;
    FileSummary nbbo;
    uint64_t orders_created = 0;  // distinct order ids
    uint64_t match_groups = 0;
    uint64_t sweeps = 0;  // sweep orders (exchangeordertype 2048), all scenarios
    std::array<uint64_t, kSweepScenarioCount> sweep_scenarios{};
    std::array<uint64_t, kMalformedKindCount> malformed_kinds{};  // all files
    uint32_t securities = 0;
    uint32_t days = 0;
    CivilDate first_day;
    CivilDate last_day;
    AsxQuirkCounts quirks;          // all zero unless config.quirks.enabled
    size_t peak_queue_entries = 0;  // high-water mark of the pending-row queue (memory)
    double seconds = 0;
};

// Destinations of the three files; `nbbo` may be null (no NBBO file). Not owned.
struct OutputSinks {
    ByteSink* orders = nullptr;
    ByteSink* trades = nullptr;
    ByteSink* nbbo = nullptr;
};

// Generates into the sinks (finish() is called on each at the end). Throws std::invalid_argument
// for an unusable config (no securities, no days, rates outside [0, 1]).
GenerationSummary generate(const GeneratorConfig& config, const OutputSinks& sinks);

// Generates DIR/orders.csv, DIR/trades.csv and (unless config.write_nbbo is false)
// DIR/nbbo.csv; creates DIR. Throws IoError when the files cannot be written.
GenerationSummary generate(const GeneratorConfig& config, const std::filesystem::path& dir);

// Multi-line human-readable report of a run.
std::string format_summary(const GenerationSummary& summary);

}  // namespace mdp::datagen
