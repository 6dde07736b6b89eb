#include "registry/partition_table.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "registry/json_text.h"

namespace mdp::registry {

namespace {

bool key_less(int32_t days_a, SecurityCode sec_a, int32_t days_b, SecurityCode sec_b) {
    return days_a != days_b ? days_a < days_b : sec_a < sec_b;
}

void append_time_or_null(std::string& out, int64_t ms) {
    if (ms == kNoTime) {
        out += "null";
    } else {
        out += '"';
        append_iso_time_ms(out, ms);
        out += '"';
    }
}

}  // namespace

uint64_t PartitionTable::hash(int32_t days, SecurityCode security) {
    // splitmix64 finalizer over both parts: PartitionKeyHash is fine for buckets of a chained
    // table, but linear probing needs every bit mixed.
    uint64_t x =
        security * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(static_cast<int64_t>(days));
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

void PartitionTable::reserve(size_t partitions) {
    slots_.reserve(partitions);
    size_t buckets = 16;
    while (buckets < 2 * partitions) buckets *= 2;
    if (buckets > buckets_.size()) rebuild_index(buckets);
}

void PartitionTable::clear() { *this = PartitionTable(); }

void PartitionTable::rebuild_index(size_t bucket_count) {
    buckets_.assign(bucket_count, kEmptyBucket);
    const size_t mask = bucket_count - 1;
    for (Index i = 0; i < slots_.size(); ++i) {
        size_t pos = hash(slots_[i].days, slots_[i].security) & mask;
        while (buckets_[pos] != kEmptyBucket) pos = (pos + 1) & mask;
        buckets_[pos] = i;
    }
}

std::optional<PartitionTable::Index> PartitionTable::find(const PartitionKey& key) const {
    if (buckets_.empty()) return std::nullopt;
    const auto days = static_cast<int32_t>(key.date.to_days());
    const size_t mask = buckets_.size() - 1;
    for (size_t pos = hash(days, key.security) & mask;; pos = (pos + 1) & mask) {
        const Index i = buckets_[pos];
        if (i == kEmptyBucket) return std::nullopt;
        if (slots_[i].days == days && slots_[i].security == key.security) return i;
    }
}

std::pair<PartitionTable::Index, bool> PartitionTable::insert(const PartitionKey& key) {
    if (const auto found = find(key)) return {*found, false};
    if (!key.date.is_valid()) throw std::invalid_argument("invalid partition date");
    if (slots_.size() >= kEmptyBucket - 1) throw std::length_error("too many partitions");
    if (2 * (slots_.size() + 1) > buckets_.size()) {
        rebuild_index(std::max<size_t>(16, 2 * buckets_.size()));
    }
    const auto index = static_cast<Index>(slots_.size());
    Slot slot;
    slot.days = static_cast<int32_t>(key.date.to_days());
    slot.security = key.security;
    // Appending keys in increasing order (a bulk load in key order) keeps the order cached.
    if (sorted_valid_ && !sorted_.empty()) {
        const Slot& last = slots_[sorted_.back()];
        if (key_less(last.days, last.security, slot.days, slot.security)) {
            sorted_.push_back(index);
        } else {
            sorted_valid_ = false;
            sorted_.clear();
        }
    } else if (sorted_valid_) {
        sorted_.push_back(index);
    }
    slots_.push_back(std::move(slot));
    const size_t mask = buckets_.size() - 1;
    size_t pos = hash(slots_.back().days, key.security) & mask;
    while (buckets_[pos] != kEmptyBucket) pos = (pos + 1) & mask;
    buckets_[pos] = index;
    ++status_counts_[static_cast<size_t>(PartitionStatus::kPending)];
    return {index, true};
}

PartitionKey PartitionTable::key(Index i) const {
    return PartitionKey{CivilDate::from_days(slots_[i].days), slots_[i].security};
}

void PartitionTable::set_status(Index i, PartitionStatus status) {
    --status_counts_[static_cast<size_t>(slots_[i].status)];
    ++status_counts_[static_cast<size_t>(status)];
    slots_[i].status = status;
}

const std::string& PartitionTable::last_error(Index i) const {
    static const std::string kNone;
    const auto it = errors_.find(i);
    return it == errors_.end() ? kNone : it->second;
}

void PartitionTable::set_last_error(Index i, std::string error) {
    if (error.empty()) {
        errors_.erase(i);
    } else {
        errors_[i] = std::move(error);
    }
}

uint32_t PartitionTable::intern(std::string_view name) {
    if (const auto it = name_ids_.find(std::string(name)); it != name_ids_.end()) {
        return it->second;
    }
    if (name.empty()) throw std::invalid_argument("an input role or result name is empty");
    if (!is_valid_utf8(name)) {
        throw std::invalid_argument("an input role or result name is not valid UTF-8");
    }
    const auto id = static_cast<uint32_t>(names_.size());
    names_.emplace_back(name);
    std::string quoted;
    append_json_string(quoted, name);
    quoted_names_.push_back(std::move(quoted));
    name_ids_.emplace(std::string(name), id);
    return id;
}

void PartitionTable::prepare_inputs(
    const std::vector<std::pair<std::string, InputCounts>>& inputs) {
    scratch_inputs_.clear();
    for (const auto& [name, counts] : inputs) scratch_inputs_.emplace_back(intern(name), counts);
    std::sort(scratch_inputs_.begin(), scratch_inputs_.end(),
              [&](const auto& a, const auto& b) { return names_[a.first] < names_[b.first]; });
    for (size_t k = 1; k < scratch_inputs_.size(); ++k) {
        if (scratch_inputs_[k].first == scratch_inputs_[k - 1].first) {
            throw std::invalid_argument("input role " + names_[scratch_inputs_[k].first] +
                                        " given twice");
        }
    }
}

void PartitionTable::prepare_results(const std::vector<std::pair<std::string, int64_t>>& results) {
    scratch_result_items_.clear();
    for (const auto& [name, value] : results)
        scratch_result_items_.emplace_back(intern(name), value);
    std::sort(scratch_result_items_.begin(), scratch_result_items_.end(),
              [&](const auto& a, const auto& b) { return names_[a.first] < names_[b.first]; });
    for (size_t k = 1; k < scratch_result_items_.size(); ++k) {
        if (scratch_result_items_[k].first == scratch_result_items_[k - 1].first) {
            throw std::invalid_argument("result " + names_[scratch_result_items_[k].first] +
                                        " given twice");
        }
    }
}

uint32_t PartitionTable::find_schema(uint32_t hint) {
    for (const uint32_t candidate : {hint, last_schema_}) {
        const Schema& s = schemas_[candidate];
        if (s.roles == scratch_roles_ && s.results == scratch_results_) {
            last_schema_ = candidate;
            return candidate;
        }
    }
    auto [it, added] = schema_ids_.try_emplace({scratch_roles_, scratch_results_},
                                               static_cast<uint32_t>(schemas_.size()));
    if (added) schemas_.push_back(Schema{scratch_roles_, scratch_results_});
    last_schema_ = it->second;
    return it->second;
}

void PartitionTable::replace_counts(Index i, bool inputs, bool results) {
    Slot& slot = slots_[i];
    const uint32_t old_id = slot.schema;
    scratch_roles_.clear();
    if (inputs) {
        for (const auto& item : scratch_inputs_) scratch_roles_.push_back(item.first);
    } else {
        scratch_roles_ = schemas_[old_id].roles;
    }
    scratch_results_.clear();
    if (results) {
        for (const auto& item : scratch_result_items_) scratch_results_.push_back(item.first);
    } else {
        scratch_results_ = schemas_[old_id].results;
    }
    const uint32_t new_id = find_schema(old_id);
    const Schema& old_schema = schemas_[old_id];
    const Schema& new_schema = schemas_[new_id];

    int64_t* const old_values = slot.values.get();
    std::unique_ptr<int64_t[]> fresh;
    int64_t* dst = old_values;
    if (new_id != old_id) {
        const size_t n = new_schema.value_count();
        if (n > 0) fresh = std::make_unique<int64_t[]>(n);
        dst = fresh.get();
    }
    const size_t old_results_at = 2 * old_schema.roles.size();
    const size_t new_results_at = 2 * new_schema.roles.size();
    if (inputs) {
        for (size_t k = 0; k < scratch_inputs_.size(); ++k) {
            dst[2 * k] = scratch_inputs_[k].second.rows;
            dst[2 * k + 1] = scratch_inputs_[k].second.bytes;
        }
    } else if (dst != old_values) {
        std::copy(old_values, old_values + old_results_at, dst);
    }
    if (results) {
        for (size_t k = 0; k < scratch_result_items_.size(); ++k) {
            dst[new_results_at + k] = scratch_result_items_[k].second;
        }
    } else if (dst != old_values) {
        std::copy(old_values + old_results_at,
                  old_values + old_results_at + old_schema.results.size(), dst + new_results_at);
    }
    if (new_id != old_id) {
        slot.values = std::move(fresh);
        slot.schema = new_id;
    }
}

void PartitionTable::set_inputs(Index i,
                                const std::vector<std::pair<std::string, InputCounts>>& inputs) {
    prepare_inputs(inputs);
    replace_counts(i, true, false);
}

void PartitionTable::set_results(Index i,
                                 const std::vector<std::pair<std::string, int64_t>>& results) {
    prepare_results(results);
    replace_counts(i, false, true);
}

void PartitionTable::clear_results(Index i) {
    if (schemas_[slots_[i].schema].results.empty()) return;
    scratch_result_items_.clear();
    replace_counts(i, false, true);
}

void PartitionTable::assign(Index i, const FlatEntry& entry) {
    prepare_inputs(entry.inputs);
    prepare_results(entry.results);
    replace_counts(i, true, true);
    set_status(i, entry.status);
    Slot& slot = slots_[i];
    slot.attempts = entry.attempts;
    slot.started_ms = entry.started_ms;
    slot.completed_ms = entry.completed_ms;
    slot.duration_sec = entry.duration_sec;
    set_last_error(i, entry.last_error);
}

PartitionEntry PartitionTable::entry(Index i) const {
    const Slot& slot = slots_[i];
    const Schema& schema = schemas_[slot.schema];
    PartitionEntry e;
    e.key = key(i);
    e.status = slot.status;
    e.attempts = slot.attempts;
    e.last_error = last_error(i);
    if (slot.started_ms != kNoTime) e.started_at = from_epoch_ms(slot.started_ms);
    if (slot.completed_ms != kNoTime) e.completed_at = from_epoch_ms(slot.completed_ms);
    e.duration_sec = slot.duration_sec;
    for (size_t k = 0; k < schema.roles.size(); ++k) {
        e.inputs.emplace(names_[schema.roles[k]],
                         InputCounts{slot.values[2 * k], slot.values[2 * k + 1]});
    }
    const size_t at = 2 * schema.roles.size();
    for (size_t k = 0; k < schema.results.size(); ++k) {
        e.results.emplace(names_[schema.results[k]], slot.values[at + k]);
    }
    return e;
}

void PartitionTable::append_json(Index i, std::string& out) const {
    const Slot& slot = slots_[i];
    const Schema& schema = schemas_[slot.schema];
    const std::string date = CivilDate::from_days(slot.days).to_string();
    out += "{\"key\":\"";
    out += date;
    out += '/';
    append_json_uint(out, slot.security);
    out += "\",\"date\":\"";
    out += date;
    out += "\",\"security\":";
    append_json_uint(out, slot.security);
    out += ",\"status\":\"";
    out += status_name(slot.status);
    out += "\",\"attempts\":";
    append_json_uint(out, slot.attempts);
    out += ",\"inputs\":{";
    for (size_t k = 0; k < schema.roles.size(); ++k) {
        if (k > 0) out += ',';
        out += quoted_names_[schema.roles[k]];
        out += ":{\"rows\":";
        append_json_int(out, slot.values[2 * k]);
        out += ",\"bytes\":";
        append_json_int(out, slot.values[2 * k + 1]);
        out += '}';
    }
    out += "},\"results\":{";
    const size_t at = 2 * schema.roles.size();
    for (size_t k = 0; k < schema.results.size(); ++k) {
        if (k > 0) out += ',';
        out += quoted_names_[schema.results[k]];
        out += ':';
        append_json_int(out, slot.values[at + k]);
    }
    out += "},\"started_at\":";
    append_time_or_null(out, slot.started_ms);
    out += ",\"completed_at\":";
    append_time_or_null(out, slot.completed_ms);
    out += ",\"duration_sec\":";
    append_json_double(out, slot.duration_sec);
    out += ",\"last_error\":";
    const std::string& error = last_error(i);
    if (error.empty()) {
        out += "null";
    } else {
        append_json_string(out, error);
    }
    out += '}';
}

void PartitionTable::add_totals(RegistrySummary& summary) const {
    std::vector<InputCounts> role_totals(names_.size());
    std::vector<int64_t> result_totals(names_.size(), 0);
    std::vector<char> is_role(names_.size(), 0);
    std::vector<char> is_result(names_.size(), 0);
    for (const Slot& slot : slots_) {
        const Schema& schema = schemas_[slot.schema];
        summary.attempts += slot.attempts;
        for (size_t k = 0; k < schema.roles.size(); ++k) {
            role_totals[schema.roles[k]].rows += slot.values[2 * k];
            role_totals[schema.roles[k]].bytes += slot.values[2 * k + 1];
            is_role[schema.roles[k]] = 1;
        }
        const size_t at = 2 * schema.roles.size();
        for (size_t k = 0; k < schema.results.size(); ++k) {
            if (!is_totalled_result(names_[schema.results[k]])) continue;
            result_totals[schema.results[k]] += slot.values[at + k];
            is_result[schema.results[k]] = 1;
        }
    }
    for (size_t id = 0; id < names_.size(); ++id) {
        if (is_role[id]) {
            auto& total = summary.inputs[names_[id]];
            total.rows += role_totals[id].rows;
            total.bytes += role_totals[id].bytes;
        }
        if (is_result[id]) summary.results[names_[id]] += result_totals[id];
    }
    summary.total += slots_.size();
    for (size_t s = 0; s < status_counts_.size(); ++s) summary.by_status[s] += status_counts_[s];
}

const std::vector<PartitionTable::Index>& PartitionTable::sorted() const {
    if (!sorted_valid_) {
        sorted_.resize(slots_.size());
        std::iota(sorted_.begin(), sorted_.end(), Index{0});
        std::sort(sorted_.begin(), sorted_.end(), [&](Index a, Index b) {
            return key_less(slots_[a].days, slots_[a].security, slots_[b].days, slots_[b].security);
        });
        sorted_valid_ = true;
    }
    return sorted_;
}

std::vector<PartitionTable::Index> PartitionTable::select(const PartitionFilter& filter) const {
    const auto& order = sorted();
    auto begin = order.begin();
    auto end = order.end();
    if (filter.date) {
        const auto days = static_cast<int32_t>(filter.date->to_days());
        begin = std::lower_bound(order.begin(), order.end(), days,
                                 [&](Index i, int32_t d) { return slots_[i].days < d; });
        end = std::upper_bound(begin, order.end(), days,
                               [&](int32_t d, Index i) { return d < slots_[i].days; });
    }
    std::vector<Index> out;
    for (auto it = begin; it != end; ++it) {
        const Slot& slot = slots_[*it];
        if (filter.status && *filter.status != slot.status) continue;
        if (filter.security && *filter.security != slot.security) continue;
        out.push_back(*it);
    }
    return out;
}

size_t PartitionTable::memory_bytes() const {
    size_t bytes = slots_.capacity() * sizeof(Slot) + buckets_.capacity() * sizeof(Index) +
                   sorted_.capacity() * sizeof(Index);
    for (const Slot& slot : slots_) {
        const size_t n = schemas_[slot.schema].value_count();
        if (n > 0) bytes += n * sizeof(int64_t) + 16;  // + typical malloc overhead
    }
    for (const auto& [index, error] : errors_) bytes += error.capacity() + 64;
    return bytes;
}

}  // namespace mdp::registry
