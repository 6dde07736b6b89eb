#include "registry/flat_entry.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "registry/json_text.h"

namespace mdp::registry {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument(what); }

int64_t as_int64(const json& value, const char* field) {
    if (value.is_number_unsigned()) {
        const auto v = value.get<uint64_t>();
        if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
            bad(std::string("\"") + field + "\" out of range");
        }
        return static_cast<int64_t>(v);
    }
    if (value.is_number_integer()) return value.get<int64_t>();
    bad(std::string("\"") + field + "\" is not an integer");
}

int64_t as_time(const json& value, const char* field) {
    if (value.is_null()) return kNoTime;
    if (!value.is_string()) bad(std::string("\"") + field + "\" is not a time");
    const auto ms = parse_time_ms(value.get_ref<const std::string&>());
    if (!ms) bad(std::string("\"") + field + "\" is not a UTC time like 2024-01-02T03:04:05.678Z");
    return *ms;
}

}  // namespace

void FlatEntry::clear() {
    has_key = false;
    date_text.clear();
    security.reset();
    status = PartitionStatus::kPending;
    attempts = 0;
    started_ms = kNoTime;
    completed_ms = kNoTime;
    duration_sec = 0.0;
    last_error.clear();
    inputs.clear();
    results.clear();
}

void FlatEntry::check() const {
    if (!has_key) bad("partition entry without a valid \"key\"");
    if (!date_text.empty() && date_text != key.date.to_string()) {
        bad("partition " + key.to_string() + " has \"date\" " + date_text);
    }
    if (security && *security != key.security) {
        bad("partition " + key.to_string() + " has \"security\" " + std::to_string(*security));
    }
}

void read_flat_entry(const json& j, FlatEntry& out) {
    out.clear();
    if (!j.is_object()) bad("partition entry is not an object");
    for (const auto& [name, value] : j.items()) {
        if (name == "key") {
            if (!value.is_string()) bad("\"key\" is not a string");
            const auto key = PartitionKey::parse(value.get_ref<const std::string&>());
            if (!key) bad("bad partition key " + value.dump());
            out.key = *key;
            out.has_key = true;
        } else if (name == "date") {
            if (!value.is_string()) bad("\"date\" is not a string");
            out.date_text = value.get<std::string>();
        } else if (name == "security") {
            if (!value.is_number_unsigned()) bad("\"security\" is not a security code");
            out.security = value.get<uint64_t>();
        } else if (name == "status") {
            const auto status =
                value.is_string() ? parse_status(value.get<std::string>()) : std::nullopt;
            if (!status) bad("bad \"status\" " + value.dump());
            out.status = *status;
        } else if (name == "attempts") {
            const int64_t attempts = as_int64(value, "attempts");
            if (attempts < 0 || attempts > std::numeric_limits<uint32_t>::max()) {
                bad("\"attempts\" out of range");
            }
            out.attempts = static_cast<uint32_t>(attempts);
        } else if (name == "inputs") {
            if (!value.is_object()) bad("\"inputs\" is not an object");
            for (const auto& [role, counts] : value.items()) {
                if (!counts.is_object() || !counts.contains("rows") || !counts.contains("bytes")) {
                    bad("input \"" + role + "\" lacks \"rows\" or \"bytes\"");
                }
                out.inputs.emplace_back(role, InputCounts{as_int64(counts.at("rows"), "rows"),
                                                          as_int64(counts.at("bytes"), "bytes")});
            }
        } else if (name == "results") {
            if (!value.is_object()) bad("\"results\" is not an object");
            for (const auto& [result, count] : value.items()) {
                out.results.emplace_back(result, as_int64(count, "results"));
            }
        } else if (name == "started_at") {
            out.started_ms = as_time(value, "started_at");
        } else if (name == "completed_at") {
            out.completed_ms = as_time(value, "completed_at");
        } else if (name == "duration_sec") {
            if (!value.is_number()) bad("\"duration_sec\" is not a number");
            out.duration_sec = value.get<double>();
        } else if (name == "last_error") {
            if (value.is_null()) continue;
            if (!value.is_string()) bad("\"last_error\" is not a string");
            out.last_error = value.get<std::string>();
        }
        // Other fields are ignored: a later format may add some.
    }
    out.check();
}

}  // namespace mdp::registry
