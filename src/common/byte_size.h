#pragma once
// Byte sizes as people write them on a command line: "4096", "64K", "256M", "2G", "1.5G"
// (binary multiples: K = 1024).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mdp {

std::optional<uint64_t> parse_byte_size(std::string_view text);

}  // namespace mdp
