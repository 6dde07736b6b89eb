#include "extract/input/content_hasher.h"

#include <xxhash.h>

#include <cstdio>
#include <new>

namespace mdp::extract {

std::string to_hex(const Hash128& hash) {
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(hash.high),
                  static_cast<unsigned long long>(hash.low));
    return std::string(text, 32);
}

std::optional<Hash128> hash128_from_hex(std::string_view text) {
    if (text.size() != 32) return std::nullopt;
    auto half = [&](std::string_view digits) -> std::optional<uint64_t> {
        uint64_t value = 0;
        for (const char c : digits) {
            int digit = 0;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else {
                return std::nullopt;
            }
            value = value << 4 | static_cast<uint64_t>(digit);
        }
        return value;
    };
    const auto high = half(text.substr(0, 16));
    const auto low = half(text.substr(16));
    if (!high || !low) return std::nullopt;
    return Hash128{*low, *high};
}

struct ContentHasher::State {
    XXH3_state_t* xxh = nullptr;
    State() : xxh(XXH3_createState()) {
        if (xxh == nullptr) throw std::bad_alloc();
    }
    ~State() { XXH3_freeState(xxh); }
    State(const State&) = delete;
    State& operator=(const State&) = delete;
};

ContentHasher::ContentHasher() : state_(std::make_unique<State>()) { XXH3_128bits_reset(state_->xxh); }

ContentHasher::~ContentHasher() = default;
ContentHasher::ContentHasher(ContentHasher&&) noexcept = default;
ContentHasher& ContentHasher::operator=(ContentHasher&&) noexcept = default;

void ContentHasher::update(const char* bytes, size_t count) {
    if (count == 0) return;
    XXH3_128bits_update(state_->xxh, bytes, count);
    bytes_ += count;
}

Hash128 ContentHasher::digest() const {
    const XXH128_hash_t h = XXH3_128bits_digest(state_->xxh);
    return Hash128{h.low64, h.high64};
}

Hash128 ContentHasher::hash(const char* bytes, size_t count) {
    const XXH128_hash_t h = XXH3_128bits(bytes, count);
    return Hash128{h.low64, h.high64};
}

}  // namespace mdp::extract
