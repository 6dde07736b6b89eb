#pragma once
// A compressed input that cannot be decoded past some point: corrupt, truncated, or followed
// by bytes that are not another member/frame. An InputError, so the run stops with the
// bad-input exit code; every row before the damage was delivered (and extracted) first.

#include <cstdint>
#include <filesystem>
#include <string>

#include "common/errors.h"

namespace mdp::extract {

class CorruptStreamError : public InputError {
  public:
    // "<path>: gzip stream is corrupt or truncated after decoded byte 1234: <detail>"
    CorruptStreamError(const std::filesystem::path& path, const std::string& format,
                       uint64_t decoded_offset, const std::string& detail)
        : InputError(path, format + " stream is corrupt or truncated after decoded byte " +
                               std::to_string(decoded_offset) + ": " + detail),
          decoded_offset_(decoded_offset) {}

    uint64_t decoded_offset() const { return decoded_offset_; }

  private:
    uint64_t decoded_offset_;
};

}  // namespace mdp::extract
