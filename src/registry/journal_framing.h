#pragma once
// The framing of one journal record: a line that is itself a JSON object,
//     {"crc":"<8 hex digits>","len":<payload bytes>,"rec":<payload>}\n
// where the CRC-32 (IEEE, as zlib) covers exactly the payload bytes. A record torn by a crash
// (missing bytes, missing newline) or overwritten by garbage fails the check, so replay stops
// at the last record that was written whole. Each line stays readable with `jq`.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mdp::registry {

uint32_t crc32(std::string_view data, uint32_t crc = 0);

// Appends the framed line for `payload`, which must be single-line JSON.
void append_framed_record(std::string& out, std::string_view payload);

struct Frame {
    std::string_view payload;
    size_t size = 0;  // bytes of the whole line, newline included
};

// Reads the framed record at the start of `data`; nullopt unless it is complete and its
// checksum matches.
std::optional<Frame> parse_frame(std::string_view data);

}  // namespace mdp::registry
