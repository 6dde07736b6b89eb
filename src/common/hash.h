#pragma once
// FNV-1a, 64 bits: a fast non-cryptographic hash for fingerprints and checksums of our own
// files (input samples, the extraction checkpoint). Not for anything adversarial.

#include <cstdint>
#include <string_view>

namespace mdp {

inline constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;

// Hashes `bytes`, continuing from `hash` (start with kFnvOffsetBasis).
constexpr uint64_t fnv1a64(std::string_view bytes, uint64_t hash = kFnvOffsetBasis) {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

}  // namespace mdp
