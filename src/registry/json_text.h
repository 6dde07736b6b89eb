#pragma once
// Small, fast pieces of hand-written JSON text for the registry's snapshot and journal, which
// write millions of entries and cannot afford a DOM per entry: string escaping, integers,
// doubles in shortest round-trip form, and UTC ISO-8601 times with milliseconds.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mdp::registry {

// Appends `text` as a quoted JSON string. `text` must be valid UTF-8 (the registry sanitizes
// everything it stores); control characters are escaped.
void append_json_string(std::string& out, std::string_view text);
void append_json_int(std::string& out, int64_t value);
void append_json_uint(std::string& out, uint64_t value);
// Shortest round-trip form; `value` must be finite.
void append_json_double(std::string& out, double value);

// "2024-05-01T12:34:56.789Z" for milliseconds since 1970-01-01T00:00:00Z.
std::string format_iso_time_ms(int64_t epoch_ms);
void append_iso_time_ms(std::string& out, int64_t epoch_ms);
// Parses exactly the form format_iso_time_ms writes; anything else is nullopt.
std::optional<int64_t> parse_iso_time_ms(std::string_view text);

// Length of the valid UTF-8 sequence starting at text[i] (i < text.size()), or 0 if the bytes
// there are not one (bad lead byte, truncated, overlong, surrogate, beyond U+10FFFF).
size_t utf8_sequence_length(std::string_view text, size_t i);
// True if `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace mdp::registry
