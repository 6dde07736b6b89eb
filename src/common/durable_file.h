#pragma once
// Crash-safe file replacement: write a temporary file beside the target, fsync it, rename it
// over the target, fsync the directory. A crash at any instant leaves either the old or the new
// content under the target name, never a torn file.

#include <filesystem>
#include <string_view>

namespace mdp {

void write_file_atomically(const std::filesystem::path& target, std::string_view content);

// Makes a rename or file creation inside `directory` durable.
void fsync_directory(const std::filesystem::path& directory);

// Renames `from` over `to` (files or directories) and fsyncs the parent of `to`.
void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to);

// Creates or truncates `path` and writes `content`, without fsync: for files whose durability
// is established another way (a syncfs before the registry records them). Throws IoError.
void write_file(const std::filesystem::path& path, std::string_view content);

// Reads a whole file; throws IoError if it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace mdp
