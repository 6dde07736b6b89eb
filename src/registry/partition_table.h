#pragma once
// The registry's in-memory store, built to hold 1,250,000 partitions in little memory:
//  - one 56-byte slot per partition (key as days + security, times as epoch milliseconds,
//    status, attempts) in a vector;
//  - the per-input and result counts as one heap array of int64 per slot, whose layout (which
//    roles, which result names) is a "schema" shared by every slot with the same names
//    (almost all of them), names being interned once;
//  - error messages, which few partitions have, in a side map;
//  - an open-addressing hash index (4 bytes per bucket) from key to slot;
//  - a cached key-ordered permutation for queries and the snapshot.
// Not thread-safe, like the registry that owns it.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "registry/flat_entry.h"
#include "registry/partition_entry.h"

namespace mdp::registry {

class PartitionTable {
  public:
    using Index = uint32_t;

    size_t size() const { return slots_.size(); }
    void reserve(size_t partitions);
    void clear();

    std::optional<Index> find(const PartitionKey& key) const;
    // Adds a pending partition without counts unless present; returns its slot and whether it
    // was added.
    std::pair<Index, bool> insert(const PartitionKey& key);

    PartitionKey key(Index i) const;
    PartitionStatus status(Index i) const { return slots_[i].status; }
    void set_status(Index i, PartitionStatus status);
    uint32_t attempts(Index i) const { return slots_[i].attempts; }
    void set_attempts(Index i, uint32_t attempts) { slots_[i].attempts = attempts; }
    int64_t started_ms(Index i) const { return slots_[i].started_ms; }
    void set_started_ms(Index i, int64_t ms) { slots_[i].started_ms = ms; }
    int64_t completed_ms(Index i) const { return slots_[i].completed_ms; }
    void set_completed_ms(Index i, int64_t ms) { slots_[i].completed_ms = ms; }
    double duration_sec(Index i) const { return slots_[i].duration_sec; }
    void set_duration_sec(Index i, double seconds) { slots_[i].duration_sec = seconds; }
    // Empty when there is none.
    const std::string& last_error(Index i) const;
    void set_last_error(Index i, std::string error);

    // Replace the input counts (results) of a slot, keeping the other kind. Names must be
    // distinct and non-empty.
    void set_inputs(Index i, const std::vector<std::pair<std::string, InputCounts>>& inputs);
    void set_results(Index i, const std::vector<std::pair<std::string, int64_t>>& results);
    void clear_results(Index i);

    // Everything but the key.
    void assign(Index i, const FlatEntry& entry);
    PartitionEntry entry(Index i) const;
    // The entry as one JSON object on one line, as the snapshot and the journal store it.
    void append_json(Index i, std::string& out) const;

    const std::array<size_t, 4>& status_counts() const { return status_counts_; }
    void add_totals(RegistrySummary& summary) const;

    // Slots in key order (date, then security); cached until the next insert.
    const std::vector<Index>& sorted() const;
    // Slots matching `filter`, in key order.
    std::vector<Index> select(const PartitionFilter& filter) const;

    // Bytes of memory held (approximate), for diagnostics and the bench.
    size_t memory_bytes() const;

  private:
    struct Slot {
        SecurityCode security = 0;
        int64_t started_ms = kNoTime;
        int64_t completed_ms = kNoTime;
        double duration_sec = 0.0;
        std::unique_ptr<int64_t[]> values;  // schema's layout: rows,bytes per role; results
        int32_t days = 0;
        uint32_t attempts = 0;
        uint32_t schema = 0;
        PartitionStatus status = PartitionStatus::kPending;
    };
    struct Schema {
        std::vector<uint32_t> roles;    // name ids sorted by name
        std::vector<uint32_t> results;  // name ids sorted by name
        size_t value_count() const { return 2 * roles.size() + results.size(); }
    };

    static constexpr Index kEmptyBucket = UINT32_MAX;

    static uint64_t hash(int32_t days, SecurityCode security);
    uint32_t intern(std::string_view name);
    uint32_t find_schema(uint32_t hint);  // for scratch_roles_ / scratch_results_
    // Interns and sorts by name into scratch_inputs_ / scratch_result_items_.
    void prepare_inputs(const std::vector<std::pair<std::string, InputCounts>>& inputs);
    void prepare_results(const std::vector<std::pair<std::string, int64_t>>& results);
    // Replaces the prepared kinds of counts of slot i (the other kind is kept).
    void replace_counts(Index i, bool inputs, bool results);
    void rebuild_index(size_t bucket_count);

    std::vector<Slot> slots_;
    std::vector<Index> buckets_;  // power-of-two size, at most half full
    std::unordered_map<Index, std::string> errors_;
    std::array<size_t, 4> status_counts_{};

    std::vector<std::string> names_;
    std::vector<std::string> quoted_names_;  // names_ as JSON strings
    std::unordered_map<std::string, uint32_t> name_ids_;
    std::vector<Schema> schemas_{Schema{}};  // schema 0: no counts at all
    std::map<std::pair<std::vector<uint32_t>, std::vector<uint32_t>>, uint32_t> schema_ids_{
        {{}, 0}};
    uint32_t last_schema_ = 0;

    std::vector<std::pair<uint32_t, InputCounts>> scratch_inputs_;
    std::vector<std::pair<uint32_t, int64_t>> scratch_result_items_;
    std::vector<uint32_t> scratch_roles_;
    std::vector<uint32_t> scratch_results_;

    mutable std::vector<Index> sorted_;
    mutable bool sorted_valid_ = true;
};

}  // namespace mdp::registry
