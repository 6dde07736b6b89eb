#pragma once
// Writing one output file below the stats directory (SPEC 3.6): parent directories are created
// and the content is written. Durability is the caller's: the app renames the whole stats
// directory into place and syncs the file system before recording the partition as completed. JSON documents are formatted here too:
// two-space indent, NaN and infinities become null, keys in insertion order.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace mdp::analyzers {

// Throws IoError (naming the path and the OS error) on any failure.
void write_output_file(const std::filesystem::path& path, std::string_view content);

// A JSON number, or null for NaN / infinity.
nlohmann::ordered_json json_number(double value);

// The document's text, ending with a newline.
std::string format_json(const nlohmann::ordered_json& document);

}  // namespace mdp::analyzers
