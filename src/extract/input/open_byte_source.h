#pragma once
// Opens an input for extraction: `-` is standard input; a regular file, FIFO or character
// device is accepted. The compression is detected by content (magic bytes), never by the
// file name, so a gzip file called .csv and a plain file called .gz both read correctly.

#include <filesystem>
#include <memory>
#include <string_view>

#include "extract/input/byte_source.h"

namespace mdp::extract {

enum class Compression { kPlain, kGzip, kZstd };

// From the first bytes of a file (at least 4 when the file has them): gzip `1f 8b`, a zstd
// frame `28 b5 2f fd` or a zstd skippable frame (little-endian magic 0x184D2A50..5F).
Compression detect_compression(std::string_view leading_bytes);

// Throws InputError for a missing file or one of another kind (directory, socket).
std::unique_ptr<ByteSource> open_byte_source(const std::filesystem::path& path);

}  // namespace mdp::extract
