#include "registry/partition_registry.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <stdexcept>

#include "common/durable_file.h"
#include "common/errors.h"
#include "registry/journal_framing.h"
#include "registry/json_text.h"
#include "registry/snapshot_reader.h"

namespace mdp::registry {

namespace {

using nlohmann::json;

constexpr std::string_view kKind = "mdp partition registry";
// Rough size of one journaled upsert, to decide whether a bulk add goes to the journal.
constexpr uint64_t kEstimatedUpsertRecordBytes = 200;

// The journal names a newer generation than the snapshot: a concurrent compaction replaced
// the files while we read them (retry), or the snapshot was replaced by hand.
struct JournalAhead {
    uint64_t journal_generation;
};

std::filesystem::path journal_path_for(const std::filesystem::path& snapshot) {
    std::filesystem::path journal = snapshot;
    journal.replace_extension(".journal");
    return journal;
}

void check_name(const std::string& name, const char* what) {
    if (name.empty()) throw std::invalid_argument(std::string("empty ") + what + " name");
    if (!is_valid_utf8(name)) {
        throw std::invalid_argument(std::string(what) + " name is not valid UTF-8");
    }
}

void check_inputs(const InputCountsMap& inputs) {
    for (const auto& [role, counts] : inputs) {
        check_name(role, "input role");
        if (counts.rows < 0 || counts.bytes < 0) {
            throw std::invalid_argument("negative row or byte count for input " + role);
        }
    }
}

void check_results(const ResultCounts& results) {
    for (const auto& [name, value] : results) check_name(name, "result");
}

void check_key(const PartitionKey& key) {
    if (!key.date.is_valid()) throw std::invalid_argument("partition key with an invalid date");
}

double checked_duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) {
        throw std::invalid_argument("partition duration must be finite and not negative");
    }
    return seconds;
}

std::vector<std::pair<std::string, InputCounts>> to_vector(const InputCountsMap& inputs) {
    return {inputs.begin(), inputs.end()};
}

std::vector<std::pair<std::string, int64_t>> to_vector(const ResultCounts& results) {
    return {results.begin(), results.end()};
}

void append_inputs_json(std::string& out, const InputCountsMap& inputs) {
    out += '{';
    bool first = true;
    for (const auto& [role, counts] : inputs) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, role);
        out += ":{\"rows\":";
        append_json_int(out, counts.rows);
        out += ",\"bytes\":";
        append_json_int(out, counts.bytes);
        out += '}';
    }
    out += '}';
}

void append_results_json(std::string& out, const ResultCounts& results) {
    out += '{';
    bool first = true;
    for (const auto& [name, value] : results) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, name);
        out += ':';
        append_json_int(out, value);
    }
    out += '}';
}

std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

int64_t time_field(const json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) return kNoTime;
    if (!it->is_string())
        throw std::invalid_argument(std::string("\"") + name + "\" is not a time");
    const auto ms = parse_time_ms(it->get_ref<const std::string&>());
    if (!ms) throw std::invalid_argument(std::string("bad time in \"") + name + "\"");
    return *ms;
}

PartitionKey key_field(const json& record) {
    const auto key = PartitionKey::parse(record.at("key").get_ref<const std::string&>());
    if (!key) throw std::invalid_argument("bad partition key " + record.at("key").dump());
    return *key;
}

InputCountsMap inputs_from_json(const json& object) {
    InputCountsMap inputs;
    for (const auto& [role, counts] : object.items()) {
        inputs[role] =
            InputCounts{counts.at("rows").get<int64_t>(), counts.at("bytes").get<int64_t>()};
    }
    return inputs;
}

ResultCounts results_from_json(const json& object) {
    ResultCounts results;
    for (const auto& [name, value] : object.items()) results[name] = value.get<int64_t>();
    return results;
}

}  // namespace

std::filesystem::path PartitionRegistry::path_in(const std::filesystem::path& output_dir) {
    return output_dir / kFileName;
}

PartitionRegistry::PartitionRegistry(std::filesystem::path snapshot_path)
    : PartitionRegistry(std::move(snapshot_path), Options{}) {}

PartitionRegistry::PartitionRegistry(std::filesystem::path snapshot_path, Options options)
    : snapshot_path_(std::move(snapshot_path)),
      journal_path_(journal_path_for(snapshot_path_)),
      options_(options),
      created_ms_(kNoTime),
      updated_ms_(kNoTime) {}

PartitionRegistry::~PartitionRegistry() {
    try {
        if (loaded_ && journaling()) write_pending();
    } catch (...) {
        // Best effort: only flush() promises durability.
    }
}

// ---------------------------------------------------------------------------------------------
// Loading

void PartitionRegistry::reset_state() {
    loaded_ = false;
    table_.clear();
    input_files_.clear();
    settings_ = json::object();
    extraction_progress_ = json::object();
    created_ms_ = kNoTime;
    updated_ms_ = kNoTime;
    generation_ = 0;
    snapshot_bytes_ = 0;
    journal_on_disk_ = JournalOnDisk::kMissing;
    journal_valid_bytes_ = 0;
    journal_file_bytes_ = 0;
    journal_fd_.reset();
    journal_bytes_ = 0;
    journal_records_ = 0;
    journal_unsynced_ = false;
    snapshot_required_ = false;
    pending_.clear();
}

bool PartitionRegistry::load() {
    for (int attempt = 0;; ++attempt) {
        reset_state();
        try {
            bool found = false;
            struct stat st {};
            if (::stat(snapshot_path_.c_str(), &st) == 0) {
                if (S_ISDIR(st.st_mode)) {
                    throw InputError(snapshot_path_,
                                     "is a directory, not a registry file (use "
                                     "PartitionRegistry::path_in(dir))");
                }
                load_snapshot();
                found = true;
            } else if (errno != ENOENT) {
                throw IoError::from_errno("stat", snapshot_path_);
            }
            replay_journal();
            found = found || journal_on_disk_ == JournalOnDisk::kCurrent;
            loaded_ = true;
            return found;
        } catch (const JournalAhead& ahead) {
            if (attempt >= 2) {
                const std::string message =
                    "journal generation " + std::to_string(ahead.journal_generation) +
                    " is newer than the snapshot's (" + std::to_string(generation_) +
                    "): the snapshot was replaced or deleted";
                reset_state();
                throw InputError(journal_path_, message);
            }
        } catch (...) {
            reset_state();
            throw;
        }
    }
}

void PartitionRegistry::load_snapshot() {
    const json header = read_snapshot(
        snapshot_path_,
        [&](const FlatEntry& entry) {
            const auto [index, added] = table_.insert(entry.key);
            if (!added) {
                throw std::invalid_argument("partition " + entry.key.to_string() +
                                            " appears twice");
            }
            table_.assign(index, entry);
        },
        [&](const json& fields) {
            // The summary precedes the partitions: size the table once instead of growing it.
            const auto summary = fields.find("summary");
            if (summary == fields.end() || !summary->is_object()) return;
            const auto total = summary->find("total");
            if (total != summary->end() && total->is_number_unsigned() &&
                total->get<uint64_t>() < (uint64_t{1} << 31)) {
                table_.reserve(static_cast<size_t>(total->get<uint64_t>()));
            }
        });
    try {
        const auto format = header.find("format");
        if (format == header.end() || !format->is_number_unsigned()) {
            throw std::invalid_argument("no \"format\" version");
        }
        if (format->get<uint64_t>() > static_cast<uint64_t>(kFormatVersion)) {
            throw std::invalid_argument("written by a newer version (format " + format->dump() +
                                        "); this program reads format " +
                                        std::to_string(kFormatVersion));
        }
        const auto generation = header.find("generation");
        if (generation == header.end() || !generation->is_number_unsigned() ||
            generation->get<uint64_t>() == 0) {
            throw std::invalid_argument("no valid \"generation\"");
        }
        generation_ = generation->get<uint64_t>();
        created_ms_ = time_field(header, "created_at");
        updated_ms_ = time_field(header, "updated_at");
        if (const auto files = header.find("input_files"); files != header.end()) {
            if (!files->is_array()) throw std::invalid_argument("\"input_files\" is not an array");
            for (const auto& file : *files) input_files_.push_back(fingerprint_from_json(file));
        }
        if (const auto it = header.find("settings"); it != header.end()) settings_ = *it;
        if (const auto it = header.find("extraction_progress"); it != header.end()) {
            extraction_progress_ = *it;
        }
    } catch (const std::invalid_argument& e) {
        throw InputError(snapshot_path_, std::string("not a valid registry snapshot: ") + e.what());
    }
    struct stat st {};
    if (::stat(snapshot_path_.c_str(), &st) == 0)
        snapshot_bytes_ = static_cast<uint64_t>(st.st_size);
}

void PartitionRegistry::replay_journal() {
    UniqueFd fd(::open(journal_path_.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd) {
        if (errno == ENOENT) return;
        throw IoError::from_errno("open", journal_path_);
    }
    std::string buffer;
    size_t pos = 0;             // next unread byte of buffer
    uint64_t buffer_start = 0;  // file offset of buffer[0]
    uint64_t valid_end = 0;
    uint64_t file_bytes = 0;
    bool eof = false;
    bool have_header = false;
    uint64_t record = 0;
    constexpr size_t kChunk = 1 << 20;

    for (;;) {
        const size_t newline = buffer.find('\n', pos);
        if (newline == std::string::npos) {
            if (eof) break;  // a torn last record, or nothing left
            buffer.erase(0, pos);
            buffer_start += pos;
            pos = 0;
            const size_t old_size = buffer.size();
            buffer.resize(old_size + kChunk);
            ssize_t n = 0;
            do {
                n = ::read(fd.get(), buffer.data() + old_size, kChunk);
            } while (n < 0 && errno == EINTR);
            if (n < 0) throw IoError::from_errno("read", journal_path_);
            buffer.resize(old_size + static_cast<size_t>(n));
            file_bytes += static_cast<uint64_t>(n);
            if (n == 0) eof = true;
            continue;
        }
        const std::string_view line(buffer.data() + pos, newline + 1 - pos);
        const auto frame = parse_frame(line);
        if (!frame || frame->size != line.size()) break;  // garbage: stop trusting the journal
        ++record;
        if (!have_header) {
            json header;
            try {
                header = json::parse(frame->payload);
            } catch (const json::exception&) {
                break;
            }
            // Not a header (wrong or mistyped fields): the journal is not trusted, as when torn.
            // (json::value() would throw type_error for a mistyped field.)
            const auto op = header.find("op");
            const auto format_field = header.find("format");
            if (!header.is_object() || op == header.end() || !op->is_string() ||
                op->get_ref<const std::string&>() != "journal" || !header.contains("generation") ||
                !header["generation"].is_number_unsigned() ||
                (format_field != header.end() && !format_field->is_number_unsigned())) {
                break;
            }
            const uint64_t format =
                format_field == header.end() ? 0 : format_field->get<uint64_t>();
            if (format > static_cast<uint64_t>(kFormatVersion)) {
                throw InputError(journal_path_, "written by a newer version (format " +
                                                    std::to_string(format) + ")");
            }
            const auto generation = header["generation"].get<uint64_t>();
            if (generation < generation_) {
                // Left behind by a compaction that wrote the snapshot and was stopped before
                // it removed the journal: every record is already in the snapshot.
                journal_on_disk_ = JournalOnDisk::kStale;
                return;
            }
            if (generation > generation_) throw JournalAhead{generation};
            have_header = true;
        } else {
            try {
                replay_record(frame->payload);
            } catch (const std::exception& e) {
                throw InputError(journal_path_, "record " + std::to_string(record) +
                                                    " cannot be replayed: " + e.what());
            }
            ++journal_records_;
        }
        pos = newline + 1;
        valid_end = buffer_start + pos;
    }
    while (!eof) {  // learn the file's size for ensure_journal_open's truncation
        char sink[1 << 16];
        const ssize_t n = ::read(fd.get(), sink, sizeof sink);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw IoError::from_errno("read", journal_path_);
        if (n == 0) break;
        file_bytes += static_cast<uint64_t>(n);
    }
    journal_on_disk_ = have_header ? JournalOnDisk::kCurrent : JournalOnDisk::kStale;
    journal_valid_bytes_ = valid_end;
    journal_file_bytes_ = file_bytes;
    journal_bytes_ = have_header ? valid_end : 0;
}

void PartitionRegistry::replay_record(std::string_view payload) {
    const json record = json::parse(payload);
    const std::string& op = record.at("op").get_ref<const std::string&>();
    const int64_t at = time_field(record, "at");
    if (at == kNoTime) throw std::invalid_argument("record without \"at\"");
    if (op == "inputs") {
        const PartitionKey key = key_field(record);
        const auto [index, added] = table_.insert(key);
        apply_inputs(index, inputs_from_json(record.at("inputs")));
    } else if (op == "put") {
        FlatEntry entry;
        read_flat_entry(record.at("entry"), entry);
        const auto [index, added] = table_.insert(entry.key);
        table_.assign(index, entry);
    } else if (op == "running") {
        apply_running(require(key_field(record)), at);
    } else if (op == "completed") {
        apply_completed(require(key_field(record)), at, record.at("duration_sec").get<double>(),
                        results_from_json(record.at("results")));
    } else if (op == "failed") {
        apply_failed(require(key_field(record)), at, record.at("error").get<std::string>());
    } else if (op == "reset_failed") {
        apply_reset(PartitionStatus::kFailed);
    } else if (op == "reset_interrupted") {
        apply_reset(PartitionStatus::kRunning);
    } else if (op == "clear") {
        apply_clear();
    } else if (op == "input_files") {
        input_files_.clear();
        for (const auto& file : record.at("files")) {
            input_files_.push_back(fingerprint_from_json(file));
        }
    } else if (op == "settings") {
        settings_ = record.at("value");
    } else if (op == "extraction_progress") {
        extraction_progress_ = record.at("value");
    } else {
        throw std::invalid_argument("unknown operation \"" + op + "\"");
    }
    touch(at);
}

// ---------------------------------------------------------------------------------------------
// Updates

void PartitionRegistry::require_loaded() const {
    if (!loaded_) throw std::logic_error("PartitionRegistry: call load() before updating it");
}

PartitionTable::Index PartitionRegistry::require(const PartitionKey& key) const {
    const auto index = table_.find(key);
    if (!index) throw std::out_of_range("partition " + key.to_string() + " is not in the registry");
    return *index;
}

void PartitionRegistry::touch(int64_t at_ms) {
    if (created_ms_ == kNoTime) created_ms_ = at_ms;
    updated_ms_ = at_ms;
}

uint64_t PartitionRegistry::compact_threshold() const {
    const auto relative = static_cast<uint64_t>(options_.compact_journal_ratio *
                                                static_cast<double>(snapshot_bytes_));
    return std::max(options_.compact_min_journal_bytes, relative);
}

void PartitionRegistry::apply_inputs(PartitionTable::Index i, const InputCountsMap& inputs) {
    table_.set_inputs(i, to_vector(inputs));
}

void PartitionRegistry::apply_running(PartitionTable::Index i, int64_t at_ms) {
    table_.set_status(i, PartitionStatus::kRunning);
    table_.set_attempts(i, table_.attempts(i) + 1);
    table_.set_started_ms(i, at_ms);
    table_.set_completed_ms(i, kNoTime);
    table_.set_duration_sec(i, 0.0);
    table_.clear_results(i);
}

void PartitionRegistry::apply_completed(PartitionTable::Index i, int64_t at_ms, double duration_sec,
                                        const ResultCounts& results) {
    table_.set_status(i, PartitionStatus::kCompleted);
    table_.set_completed_ms(i, at_ms);
    table_.set_duration_sec(i, duration_sec);
    table_.set_results(i, to_vector(results));
    table_.set_last_error(i, {});
}

void PartitionRegistry::apply_failed(PartitionTable::Index i, int64_t at_ms, std::string error) {
    table_.set_status(i, PartitionStatus::kFailed);
    const int64_t started = table_.started_ms(i);
    const double duration = started != kNoTime && at_ms >= started
                                ? static_cast<double>(at_ms - started) / 1000.0
                                : 0.0;
    table_.set_duration_sec(i, duration);
    table_.set_completed_ms(i, kNoTime);
    table_.set_last_error(i, std::move(error));
}

size_t PartitionRegistry::apply_reset(PartitionStatus from) {
    if (table_.status_counts()[static_cast<size_t>(from)] == 0) return 0;
    size_t count = 0;
    for (PartitionTable::Index i = 0; i < table_.size(); ++i) {
        if (table_.status(i) != from) continue;
        table_.set_status(i, PartitionStatus::kPending);
        if (from == PartitionStatus::kFailed) table_.set_attempts(i, 0);
        ++count;
    }
    return count;
}

void PartitionRegistry::apply_clear() {
    table_.clear();
    input_files_.clear();
    settings_ = json::object();
    extraction_progress_ = json::object();
}

std::string& PartitionRegistry::begin_record(std::string_view op, int64_t at_ms) {
    touch(at_ms);
    payload_.clear();
    payload_ += "{\"op\":\"";
    payload_ += op;
    payload_ += "\",\"at\":\"";
    append_iso_time_ms(payload_, at_ms);
    payload_ += '"';
    return payload_;
}

void PartitionRegistry::end_record() {
    if (!journaling()) return;
    payload_ += '}';
    append_framed_record(pending_, payload_);
    ++journal_records_;
    if (pending_.size() >= options_.write_buffer_bytes) {
        write_pending();
        if (journal_bytes_ > compact_threshold()) write_snapshot();
    }
}

bool PartitionRegistry::upsert(const PartitionKey& key, const InputCountsMap& inputs,
                               TimePoint now) {
    require_loaded();
    check_key(key);
    check_inputs(inputs);
    const auto [index, added] = table_.insert(key);
    apply_inputs(index, inputs);
    std::string& record = begin_record("inputs", to_epoch_ms(now));
    record += ",\"key\":\"";
    record += key.to_string();
    record += "\",\"inputs\":";
    append_inputs_json(record, inputs);
    end_record();
    return added;
}

size_t PartitionRegistry::add_partitions(std::span<const NewPartition> partitions, TimePoint now) {
    require_loaded();
    for (const auto& partition : partitions) {
        check_key(partition.key);
        check_inputs(partition.inputs);
    }
    const uint64_t estimate = partitions.size() * kEstimatedUpsertRecordBytes;
    if (journaling() && journal_bytes_ + pending_.size() + estimate > compact_threshold()) {
        // Cheaper as a snapshot at the next flush(): stop journaling until then. The
        // records not yet written are superseded by that snapshot.
        snapshot_required_ = true;
        pending_.clear();
    }
    table_.reserve(table_.size() + partitions.size());
    size_t added = 0;
    const int64_t at = to_epoch_ms(now);
    for (const auto& partition : partitions) {
        const auto [index, is_new] = table_.insert(partition.key);
        apply_inputs(index, partition.inputs);
        added += is_new ? 1 : 0;
        if (!journaling()) {
            touch(at);
            continue;
        }
        std::string& record = begin_record("inputs", at);
        record += ",\"key\":\"";
        record += partition.key.to_string();
        record += "\",\"inputs\":";
        append_inputs_json(record, partition.inputs);
        end_record();
    }
    return added;
}

void PartitionRegistry::put(const PartitionEntry& entry, TimePoint now) {
    require_loaded();
    check_key(entry.key);
    check_inputs(entry.inputs);
    check_results(entry.results);
    FlatEntry flat;
    flat.key = entry.key;
    flat.has_key = true;
    flat.status = entry.status;
    flat.attempts = entry.attempts;
    flat.started_ms = entry.started_at ? to_epoch_ms(*entry.started_at) : kNoTime;
    flat.completed_ms = entry.completed_at ? to_epoch_ms(*entry.completed_at) : kNoTime;
    flat.duration_sec = checked_duration(entry.duration_sec);
    flat.last_error = sanitize_error_message(entry.last_error);
    flat.inputs = to_vector(entry.inputs);
    flat.results = to_vector(entry.results);
    const auto [index, added] = table_.insert(entry.key);
    table_.assign(index, flat);
    std::string& record = begin_record("put", to_epoch_ms(now));
    record += ",\"entry\":";
    table_.append_json(index, record);
    end_record();
}

void PartitionRegistry::mark_running(const PartitionKey& key, TimePoint now) {
    require_loaded();
    const auto index = require(key);
    const int64_t at = to_epoch_ms(now);
    apply_running(index, at);
    std::string& record = begin_record("running", at);
    record += ",\"key\":\"";
    record += key.to_string();
    record += '"';
    end_record();
}

void PartitionRegistry::mark_completed(const PartitionKey& key, const ResultCounts& results,
                                       std::chrono::duration<double> duration, TimePoint now) {
    require_loaded();
    const auto index = require(key);
    check_results(results);
    const double seconds = checked_duration(duration.count());
    const int64_t at = to_epoch_ms(now);
    apply_completed(index, at, seconds, results);
    std::string& record = begin_record("completed", at);
    record += ",\"key\":\"";
    record += key.to_string();
    record += "\",\"duration_sec\":";
    append_json_double(record, seconds);
    record += ",\"results\":";
    append_results_json(record, results);
    end_record();
}

void PartitionRegistry::mark_failed(const PartitionKey& key, std::string_view error,
                                    TimePoint now) {
    require_loaded();
    const auto index = require(key);
    std::string message = sanitize_error_message(error);
    if (message.empty()) message = "failed without a message";
    const int64_t at = to_epoch_ms(now);
    std::string& record = begin_record("failed", at);
    record += ",\"key\":\"";
    record += key.to_string();
    record += "\",\"error\":";
    append_json_string(record, message);
    apply_failed(index, at, std::move(message));
    end_record();
}

size_t PartitionRegistry::reset_failed(TimePoint now) {
    require_loaded();
    const size_t count = apply_reset(PartitionStatus::kFailed);
    if (count > 0) {
        begin_record("reset_failed", to_epoch_ms(now));
        end_record();
    }
    return count;
}

size_t PartitionRegistry::reset_interrupted(TimePoint now) {
    require_loaded();
    const size_t count = apply_reset(PartitionStatus::kRunning);
    if (count > 0) {
        begin_record("reset_interrupted", to_epoch_ms(now));
        end_record();
    }
    return count;
}

void PartitionRegistry::clear(TimePoint now) {
    require_loaded();
    apply_clear();
    begin_record("clear", to_epoch_ms(now));
    end_record();
}

void PartitionRegistry::set_input_files(std::vector<InputFingerprint> files, TimePoint now) {
    require_loaded();
    json array = json::array();
    for (const auto& file : files) array.push_back(to_json(file));
    input_files_ = std::move(files);
    std::string& record = begin_record("input_files", to_epoch_ms(now));
    record += ",\"files\":";
    record += dump(array);
    end_record();
}

void PartitionRegistry::set_settings(json settings, TimePoint now) {
    require_loaded();
    if (!settings.is_object()) throw std::invalid_argument("registry settings must be an object");
    std::string& record = begin_record("settings", to_epoch_ms(now));
    record += ",\"value\":";
    record += dump(settings);
    settings_ = std::move(settings);
    end_record();
}

void PartitionRegistry::set_extraction_progress(json progress, TimePoint now) {
    require_loaded();
    if (!progress.is_object()) {
        throw std::invalid_argument("registry extraction progress must be an object");
    }
    std::string& record = begin_record("extraction_progress", to_epoch_ms(now));
    record += ",\"value\":";
    record += dump(progress);
    extraction_progress_ = std::move(progress);
    end_record();
}

std::optional<TimePoint> PartitionRegistry::created_at() const {
    if (created_ms_ == kNoTime) return std::nullopt;
    return from_epoch_ms(created_ms_);
}

std::optional<TimePoint> PartitionRegistry::updated_at() const {
    if (updated_ms_ == kNoTime) return std::nullopt;
    return from_epoch_ms(updated_ms_);
}

// ---------------------------------------------------------------------------------------------
// Queries

std::optional<PartitionEntry> PartitionRegistry::find(const PartitionKey& key) const {
    const auto index = table_.find(key);
    if (!index) return std::nullopt;
    return table_.entry(*index);
}

std::optional<PartitionStatus> PartitionRegistry::status_of(const PartitionKey& key) const {
    const auto index = table_.find(key);
    if (!index) return std::nullopt;
    return table_.status(*index);
}

std::vector<PartitionKey> PartitionRegistry::keys(const PartitionFilter& filter) const {
    std::vector<PartitionKey> out;
    for (const auto index : table_.select(filter)) out.push_back(table_.key(index));
    return out;
}

std::vector<PartitionEntry> PartitionRegistry::entries(const PartitionFilter& filter) const {
    std::vector<PartitionEntry> out;
    for (const auto index : table_.select(filter)) out.push_back(table_.entry(index));
    return out;
}

void PartitionRegistry::for_each(const PartitionFilter& filter,
                                 const std::function<void(const PartitionEntry&)>& visit) const {
    for (const auto index : table_.select(filter)) visit(table_.entry(index));
}

size_t PartitionRegistry::count(PartitionStatus status) const {
    return table_.status_counts()[static_cast<size_t>(status)];
}

RegistrySummary PartitionRegistry::summary() const {
    RegistrySummary summary;
    table_.add_totals(summary);
    return summary;
}

// ---------------------------------------------------------------------------------------------
// Durability

void PartitionRegistry::ensure_journal_open() {
    if (journal_fd_) return;
    if (journal_on_disk_ == JournalOnDisk::kCurrent) {
        UniqueFd fd(::open(journal_path_.c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC));
        if (!fd) throw IoError::from_errno("open", journal_path_);
        struct stat st {};
        if (::fstat(fd.get(), &st) != 0) throw IoError::from_errno("stat", journal_path_);
        if (static_cast<uint64_t>(st.st_size) != journal_valid_bytes_) {
            // Cut a torn or garbage tail off, so that new records follow the last valid one.
            if (::ftruncate(fd.get(), static_cast<off_t>(journal_valid_bytes_)) != 0) {
                throw IoError::from_errno("truncate", journal_path_);
            }
            if (::fsync(fd.get()) != 0) throw IoError::from_errno("fsync", journal_path_);
        }
        journal_bytes_ = journal_valid_bytes_;
        journal_fd_ = std::move(fd);
        return;
    }
    // No journal for this snapshot yet (or a stale one): start one, atomically.
    std::string header_payload = "{\"op\":\"journal\",\"format\":";
    header_payload += std::to_string(kFormatVersion);
    header_payload += ",\"generation\":";
    append_json_uint(header_payload, generation_);
    header_payload += ",\"at\":\"";
    append_iso_time_ms(header_payload, to_epoch_ms(Clock::now()));
    header_payload += "\"}";
    std::string header;
    append_framed_record(header, header_payload);
    write_file_atomically(journal_path_, header);
    bytes_written_ += header.size();
    journal_on_disk_ = JournalOnDisk::kCurrent;
    journal_valid_bytes_ = header.size();
    UniqueFd fd(::open(journal_path_.c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC));
    if (!fd) throw IoError::from_errno("open", journal_path_);
    journal_bytes_ = header.size();
    journal_fd_ = std::move(fd);
}

void PartitionRegistry::write_pending() {
    if (pending_.empty()) return;
    ensure_journal_open();
    const char* data = pending_.data();
    size_t left = pending_.size();
    while (left > 0) {
        const ssize_t n = ::write(journal_fd_.get(), data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int saved = errno;
            // Drop the partial write so that a retry appends after the last whole record.
            [[maybe_unused]] const int ignored =
                ::ftruncate(journal_fd_.get(), static_cast<off_t>(journal_bytes_));
            errno = saved;
            throw IoError::from_errno("write", journal_path_);
        }
        data += n;
        left -= static_cast<size_t>(n);
    }
    journal_bytes_ += pending_.size();
    journal_valid_bytes_ = journal_bytes_;
    bytes_written_ += pending_.size();
    pending_.clear();
    journal_unsynced_ = true;
}

void PartitionRegistry::flush() {
    require_loaded();
    if (snapshot_required_) {
        write_snapshot();
        return;
    }
    write_pending();
    if (journal_unsynced_) {
        if (::fsync(journal_fd_.get()) != 0) throw IoError::from_errno("fsync", journal_path_);
        journal_unsynced_ = false;
    }
    if (journal_bytes_ > compact_threshold()) write_snapshot();
}

void PartitionRegistry::save() {
    require_loaded();
    write_snapshot();
}

bool PartitionRegistry::compact() {
    require_loaded();
    const bool nothing_to_fold = generation_ > 0 && journal_records_ == 0 && pending_.empty() &&
                                 !snapshot_required_ && journal_on_disk_ == JournalOnDisk::kMissing;
    if (nothing_to_fold) return false;
    write_snapshot();
    return true;
}

void PartitionRegistry::remove_stale_temporaries() const {
    // write_file_atomically's temporaries are "<target>.tmp.<pid>"; one left by a crashed
    // process would stay forever. Only the lock holder writes, so any of them is stale.
    std::error_code error;
    const auto dir = snapshot_path_.parent_path().empty() ? std::filesystem::path(".")
                                                          : snapshot_path_.parent_path();
    const std::string snapshot_prefix = snapshot_path_.filename().string() + ".tmp.";
    const std::string journal_prefix = journal_path_.filename().string() + ".tmp.";
    for (const auto& item : std::filesystem::directory_iterator(dir, error)) {
        const std::string name = item.path().filename().string();
        if (name.starts_with(snapshot_prefix) || name.starts_with(journal_prefix)) {
            std::filesystem::remove(item.path(), error);
        }
    }
}

void PartitionRegistry::write_snapshot() {
    remove_stale_temporaries();
    if (created_ms_ == kNoTime) touch(to_epoch_ms(Clock::now()));
    const uint64_t next = generation_ + 1;
    const std::string text = encode_snapshot(next);
    // 1. The new snapshot replaces the old one atomically and durably. A crash before this
    //    leaves the old snapshot and its journal; after it, the journal is of an older
    //    generation and load() ignores it.
    write_file_atomically(snapshot_path_, text);
    generation_ = next;
    snapshot_bytes_ = text.size();
    bytes_written_ += text.size();
    pending_.clear();
    snapshot_required_ = false;
    journal_records_ = 0;
    journal_fd_.reset();
    journal_unsynced_ = false;
    journal_bytes_ = 0;
    journal_valid_bytes_ = 0;
    journal_on_disk_ = JournalOnDisk::kStale;
    // 2. The journal, now stale, goes; the next update starts a journal of this generation.
    if (::unlink(journal_path_.c_str()) == 0) {
        fsync_directory(journal_path_.parent_path());
    } else if (errno != ENOENT) {
        throw IoError::from_errno("remove", journal_path_);
    }
    journal_on_disk_ = JournalOnDisk::kMissing;
}

std::string PartitionRegistry::encode_snapshot(uint64_t generation) const {
    const RegistrySummary totals = summary();
    json summary_json = json::object();
    summary_json["total"] = totals.total;
    for (const PartitionStatus status : kAllStatuses) {
        summary_json[std::string(status_name(status))] = totals.count(status);
    }
    summary_json["attempts"] = totals.attempts;
    json inputs = json::object();
    for (const auto& [role, counts] : totals.inputs) {
        inputs[role] = json{{"rows", counts.rows}, {"bytes", counts.bytes}};
    }
    summary_json["inputs"] = std::move(inputs);
    summary_json["results"] = totals.results;
    json files = json::array();
    for (const auto& file : input_files_) files.push_back(to_json(file));

    std::string out;
    // Generous: an unused reservation costs address space, not memory, while growing the
    // string past it would briefly need twice the snapshot's size.
    out.reserve(std::max<size_t>(snapshot_bytes_ + snapshot_bytes_ / 4, table_.size() * 512) +
                (64 << 10));
    out += "{\"format\":";
    out += std::to_string(kFormatVersion);
    out += ",\"kind\":";
    append_json_string(out, kKind);
    out += ",\"generation\":";
    append_json_uint(out, generation);
    out += ",\n\"created_at\":";
    out += created_ms_ == kNoTime ? "null" : '"' + format_iso_time_ms(created_ms_) + '"';
    out += ",\"updated_at\":";
    out += updated_ms_ == kNoTime ? "null" : '"' + format_iso_time_ms(updated_ms_) + '"';
    out += ",\n\"summary\":";
    out += dump(summary_json);
    out += ",\n\"input_files\":";
    out += dump(files);
    out += ",\n\"settings\":";
    out += dump(settings_);
    out += ",\n\"extraction_progress\":";
    out += dump(extraction_progress_);
    out += ",\n\"partitions\":[";
    bool first = true;
    for (const auto index : table_.sorted()) {
        out += first ? "\n" : ",\n";
        first = false;
        table_.append_json(index, out);
    }
    out += "\n]}\n";
    return out;
}

}  // namespace mdp::registry
