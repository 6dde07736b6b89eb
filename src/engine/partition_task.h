#pragma once
// What the engine runs: a unit of work (one partition, as far as the app is concerned) and the
// task that processes it. The engine knows an item only by its id, its size (which decides the
// order: biggest first) and its estimated memory (which decides admission); what the task does
// with it is the app's business.

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace mdp::engine {

struct WorkItem {
    std::string id;                       // unique within a run, e.g. a partition key
    uint64_t size_bytes = 0;              // bigger items start first
    uint64_t estimated_memory_bytes = 0;  // held against the memory budget while it runs
    uint32_t previous_attempts = 0;       // failed or interrupted attempts before this one

    friend bool operator==(const WorkItem&, const WorkItem&) = default;
};

// Whatever the task wants to report (matched/unmatched counts, rows written, ...).
struct TaskResult {
    std::map<std::string, int64_t> counts;
};

// A failure that another attempt cannot change (bad data, a missing input): the item fails at
// once, without the retries and their delays that transient failures (I/O errors, memory) get.
class PermanentTaskError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Processes one item. Called concurrently from several threads for different items, so it must
// be thread-safe. Throws on failure; the exception's message becomes the item's error. Throw
// PermanentTaskError when retrying is pointless.
class PartitionTask {
  public:
    virtual ~PartitionTask() = default;
    virtual TaskResult run(const WorkItem& item) = 0;
};

}  // namespace mdp::engine
