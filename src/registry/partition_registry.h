#pragma once
// The partition registry: the crash-proof record of every partition of a run (status, input
// sizes, attempts, errors, times, result counts) and of the run itself (input fingerprints,
// output-affecting settings, extraction progress). It is what makes --resume possible, and
// what `status` / `reset-failed` read and change.
//
// On disk (see docs/registry.md):
//   DIR/partition_registry.json     the snapshot: one JSON document, written only with
//                                   write_file_atomically (temp, fsync, rename, fsync dir);
//   DIR/partition_registry.journal  the journal: updates since that snapshot, one checksummed
//                                   JSON line each, appended and fsynced by flush().
// An update costs one journal line (~100-300 bytes), never a rewrite of the snapshot; the
// journal is folded into a new snapshot by save()/compact(), and automatically by flush() once
// it outgrows Options::compact_min_journal_bytes and compact_journal_ratio x the snapshot.
// The snapshot and the journal carry a generation number: a journal is replayed only onto
// the snapshot of its own generation, so a crash in the middle of a compaction can never
// apply the same updates twice. A crash at any instant leaves files that load() turns into
// the state after some prefix of the updates, including every update made before the last
// successful flush()/save().
//
// Single-threaded by design: one engine node (one process, one thread at a time) owns all
// updates; hold OutputDirectoryLock for the run's life so no second process writes. The
// registry is a plain data store: no threads, no timers, no notion of who runs a partition,
// so a future coordinator (MPI rank 0 on a shared filesystem) can own it and hand partitions
// to workers exactly as the local engine does.
//
//   PartitionRegistry reg(PartitionRegistry::path_in(output_dir));
//   reg.load();                       // empty if there is no registry yet
//   reg.reset_interrupted();          // running -> pending after a crash
//   reg.mark_running(key, Clock::now());
//   reg.mark_completed(key, {{"matched", 10}}, std::chrono::seconds(3), Clock::now());
//   reg.flush();                      // one fsync for many updates
//   reg.save();                       // at the end: fold the journal into the snapshot

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/partition_key.h"
#include "common/unique_fd.h"
#include "registry/input_fingerprint.h"
#include "registry/partition_entry.h"
#include "registry/partition_table.h"

namespace mdp::registry {

class PartitionRegistry {
  public:
    struct Options {
        // flush() compacts once the journal is larger than both of these.
        uint64_t compact_min_journal_bytes = 16ULL << 20;
        double compact_journal_ratio = 0.5;  // x the snapshot's size
        // Appended records are written to the journal (not yet fsynced) past this many bytes.
        size_t write_buffer_bytes = 1 << 20;
    };

    struct NewPartition {
        PartitionKey key;
        InputCountsMap inputs;
    };

    static constexpr int kFormatVersion = 1;
    static constexpr std::string_view kFileName = "partition_registry.json";
    // DIR/partition_registry.json
    static std::filesystem::path path_in(const std::filesystem::path& output_dir);

    // `snapshot_path` is DIR/partition_registry.json; the journal is the same path with the
    // extension ".journal". Nothing is read before load().
    explicit PartitionRegistry(std::filesystem::path snapshot_path);
    PartitionRegistry(std::filesystem::path snapshot_path, Options options);
    // Writes (without fsync) updates not yet written; errors are swallowed. Call flush() or
    // save() to make updates durable.
    ~PartitionRegistry();
    PartitionRegistry(const PartitionRegistry&) = delete;
    PartitionRegistry& operator=(const PartitionRegistry&) = delete;

    // Reads the snapshot and replays its journal, ignoring a torn or garbage tail and a stale
    // journal left by an interrupted compaction. Replaces any state in memory. Returns false
    // if there was no registry at all (the registry is then empty). Does not modify the files,
    // so it is safe for a read-only `status`. Throws IoError if the files cannot be read and
    // InputError if they are not a registry (or one from a newer format).
    bool load();
    bool loaded() const { return loaded_; }

    // ---- Partitions. Every update below requires load() first and is journaled; none is
    // durable before the next flush()/save(). Unknown keys throw std::out_of_range, invalid
    // arguments (empty role or result name, non-finite duration) std::invalid_argument.

    // Adds a pending partition with these input counts, or replaces the input counts of an
    // existing one (keeping its status). Returns true if it was added.
    bool upsert(const PartitionKey& key, const InputCountsMap& inputs,
                TimePoint now = Clock::now());
    // upsert() for many partitions at once; returns how many were added. A batch too large for
    // the journal is not journaled: the next flush() writes a snapshot instead.
    size_t add_partitions(std::span<const NewPartition> partitions, TimePoint now = Clock::now());
    // Inserts or replaces a whole entry (e.g. one reported back by a remote worker).
    void put(const PartitionEntry& entry, TimePoint now = Clock::now());
    // -> running; attempts + 1; started_at = now; completed_at, duration and results cleared.
    void mark_running(const PartitionKey& key, TimePoint now);
    // -> completed; completed_at = now; duration and results stored; last_error cleared.
    void mark_completed(const PartitionKey& key, const ResultCounts& results,
                        std::chrono::duration<double> duration, TimePoint now);
    // -> failed; last_error = sanitize_error_message(error); duration = now - started_at
    // (0 if it never started); completed_at stays null.
    void mark_failed(const PartitionKey& key, std::string_view error, TimePoint now);
    // failed -> pending with attempts = 0 (last_error is kept). Returns how many.
    size_t reset_failed(TimePoint now = Clock::now());
    // running -> pending (attempts kept, so a partition that crashes the process each time
    // still runs out of retries). For start-up after a crash. Returns how many.
    size_t reset_interrupted(TimePoint now = Clock::now());
    // Forgets every partition and run fact (for "start over").
    void clear(TimePoint now = Clock::now());

    // ---- Queries (in key order: date, then security).
    size_t size() const { return table_.size(); }
    bool contains(const PartitionKey& key) const { return table_.find(key).has_value(); }
    std::optional<PartitionEntry> find(const PartitionKey& key) const;
    std::optional<PartitionStatus> status_of(const PartitionKey& key) const;
    std::vector<PartitionKey> keys(const PartitionFilter& filter = {}) const;
    std::vector<PartitionEntry> entries(const PartitionFilter& filter = {}) const;
    void for_each(const PartitionFilter& filter,
                  const std::function<void(const PartitionEntry&)>& visit) const;
    // O(1): kept current by every update.
    size_t count(PartitionStatus status) const;
    // Counts per status and totals of inputs, results and attempts: O(partitions).
    RegistrySummary summary() const;

    // ---- Run-level facts.
    const std::vector<InputFingerprint>& input_files() const { return input_files_; }
    void set_input_files(std::vector<InputFingerprint> files, TimePoint now = Clock::now());
    // The settings that affect outputs (an object chosen by the caller).
    const nlohmann::json& settings() const { return settings_; }
    void set_settings(nlohmann::json settings, TimePoint now = Clock::now());
    // The extraction's progress (an object chosen by the caller).
    const nlohmann::json& extraction_progress() const { return extraction_progress_; }
    void set_extraction_progress(nlohmann::json progress, TimePoint now = Clock::now());
    // Times of the first and the latest update (null before any).
    std::optional<TimePoint> created_at() const;
    std::optional<TimePoint> updated_at() const;

    // ---- Durability.
    // Writes the journaled updates and fsyncs the journal; compacts if the journal has grown
    // past the thresholds (or a bulk add asked for a snapshot). Call it after a batch of
    // updates: the updates before it survive any crash after it returns.
    void flush();
    // Writes the whole state as a new snapshot (generation + 1) and removes the journal.
    void save();
    // save() if the journal holds anything; returns whether it did.
    bool compact();

    // ---- Diagnostics.
    const std::filesystem::path& snapshot_path() const { return snapshot_path_; }
    const std::filesystem::path& journal_path() const { return journal_path_; }
    uint64_t generation() const { return generation_; }
    uint64_t snapshot_bytes() const { return snapshot_bytes_; }
    // Bytes of journal on disk, records not yet written excluded.
    uint64_t journal_bytes() const { return journal_bytes_; }
    // Journal records on top of the snapshot (replayed + appended since).
    uint64_t journal_records() const { return journal_records_; }
    // Bytes this object wrote to the journal and snapshots since construction.
    uint64_t bytes_written() const { return bytes_written_; }
    size_t memory_bytes() const { return table_.memory_bytes(); }

  private:
    enum class JournalOnDisk { kMissing, kCurrent, kStale };

    void require_loaded() const;
    PartitionTable::Index require(const PartitionKey& key) const;
    void reset_state();
    void touch(int64_t at_ms);
    uint64_t compact_threshold() const;

    // Shared by the live updates and the journal replay.
    void apply_inputs(PartitionTable::Index i, const InputCountsMap& inputs);
    void apply_running(PartitionTable::Index i, int64_t at_ms);
    void apply_completed(PartitionTable::Index i, int64_t at_ms, double duration_sec,
                         const ResultCounts& results);
    void apply_failed(PartitionTable::Index i, int64_t at_ms, std::string error);
    size_t apply_reset(PartitionStatus from);
    void apply_clear();

    void load_snapshot();
    void replay_journal();
    void replay_record(std::string_view payload);

    // Journal writing.
    std::string& begin_record(std::string_view op, int64_t at_ms);
    void end_record();
    bool journaling() const { return !snapshot_required_; }
    void ensure_journal_open();
    void write_pending();
    void write_snapshot();
    std::string encode_snapshot(uint64_t generation) const;
    void remove_stale_temporaries() const;

    std::filesystem::path snapshot_path_;
    std::filesystem::path journal_path_;
    Options options_;
    bool loaded_ = false;

    PartitionTable table_;
    std::vector<InputFingerprint> input_files_;
    nlohmann::json settings_ = nlohmann::json::object();
    nlohmann::json extraction_progress_ = nlohmann::json::object();
    int64_t created_ms_;
    int64_t updated_ms_;

    uint64_t generation_ = 0;  // of the snapshot on disk; 0: there is none
    uint64_t snapshot_bytes_ = 0;
    JournalOnDisk journal_on_disk_ = JournalOnDisk::kMissing;
    uint64_t journal_valid_bytes_ = 0;  // of the journal found by load()
    uint64_t journal_file_bytes_ = 0;
    UniqueFd journal_fd_;
    uint64_t journal_bytes_ = 0;
    uint64_t journal_records_ = 0;
    bool journal_unsynced_ = false;
    bool snapshot_required_ = false;  // journaling suspended until the next snapshot
    std::string pending_;             // framed records not yet written
    std::string payload_;             // the record being built
    uint64_t bytes_written_ = 0;
};

}  // namespace mdp::registry
