#pragma once
// Chooses the worker count, the extraction chunk size (rows per block) and the memory budget
// from what the machine really allows (SystemResources), each with a one-line reason.
//
// Precedence for workers and chunk size: command-line flag > environment variable
// (SWEEP_WORKERS, SWEEP_CHUNK_SIZE) > auto-detection. An unusable value (not a positive
// integer, absurdly large) throws InvalidSetting naming the flag or variable; the app maps it to
// a usage error.

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/system_resources.h"

namespace mdp::engine {

class InvalidSetting : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

inline constexpr const char* kWorkersVariable = "SWEEP_WORKERS";
inline constexpr const char* kChunkSizeVariable = "SWEEP_CHUNK_SIZE";
inline constexpr uint64_t kMaxWorkers = 1024;
inline constexpr uint64_t kMaxChunkRows = 16'777'216;
inline constexpr uint64_t kDefaultChunkRows = 65'536;
inline constexpr uint64_t kMinAutoChunkRows = 1'024;
inline constexpr uint64_t kMinMemoryBudget = uint64_t{64} << 20;     // 64 MiB
inline constexpr uint64_t kUnknownMemoryBudget = uint64_t{1} << 30;  // 1 GiB

struct SizingRequest {
    std::optional<uint64_t> workers;              // --workers
    std::optional<uint64_t> chunk_rows;           // --chunk-size
    std::optional<uint64_t> memory_budget_bytes;  // an explicit budget, if the app offers one
    // Looks up an environment variable; empty: the process environment. An empty value counts
    // as not set.
    std::function<std::optional<std::string>(const std::string& name)> getenv;
    // What one row costs inside an extraction block (the line plus its parsed fields).
    uint64_t bytes_per_row_in_flight = 256;
    // Extraction blocks alive at once; 0: two per worker, at least 4.
    uint64_t blocks_in_flight = 0;
};

template <typename T>
struct Chosen {
    T value{};
    std::string reason;
};

struct Sizing {
    Chosen<unsigned> usable_cpus;
    Chosen<std::optional<uint64_t>> usable_memory_bytes;  // empty: nothing known about memory
    Chosen<size_t> workers;
    Chosen<uint64_t> memory_budget_bytes;
    Chosen<uint64_t> chunk_rows;
};

Sizing choose_sizing(const SystemResources& system, const SizingRequest& request);

// Parses an override: decimal digits only (surrounding blanks ignored), 1..max. Throws
// InvalidSetting naming `name` ("SWEEP_WORKERS") otherwise.
uint64_t parse_setting(std::string_view name, std::string_view text, uint64_t max);

// 512 -> "512 B", 3 << 20 -> "3.0 MiB", 5 << 30 -> "5.0 GiB" (binary units, as memory is sold).
std::string format_memory(uint64_t bytes);

}  // namespace mdp::engine
