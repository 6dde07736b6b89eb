#include "extract/input/content_hasher.h"

#include <xxhash.h>

#include <stdexcept>

namespace mdp::extract {

struct ContentHasher::State {
    XXH3_state_t* xxh = nullptr;
    State() : xxh(XXH3_createState()) {
        if (xxh == nullptr) throw std::bad_alloc();
    }
    ~State() { XXH3_freeState(xxh); }
    State(const State&) = delete;
    State& operator=(const State&) = delete;
};

ContentHasher::ContentHasher(Width width) : state_(std::make_unique<State>()), width_(width) {
    if (width_ == Width::k128) {
        XXH3_128bits_reset(state_->xxh);
    } else {
        XXH3_64bits_reset(state_->xxh);
    }
}

ContentHasher::~ContentHasher() = default;
ContentHasher::ContentHasher(ContentHasher&&) noexcept = default;
ContentHasher& ContentHasher::operator=(ContentHasher&&) noexcept = default;

ContentHasher ContentHasher::clone() const {
    ContentHasher copy(width_);
    XXH3_copyState(copy.state_->xxh, state_->xxh);
    copy.bytes_ = bytes_;
    return copy;
}

void ContentHasher::update(const char* bytes, size_t count) {
    if (count == 0) return;
    if (width_ == Width::k128) {
        XXH3_128bits_update(state_->xxh, bytes, count);
    } else {
        XXH3_64bits_update(state_->xxh, bytes, count);
    }
    bytes_ += count;
}

Hash128 ContentHasher::digest128() const {
    if (width_ != Width::k128) throw std::logic_error("ContentHasher: digest128 of a 64-bit state");
    const XXH128_hash_t h = XXH3_128bits_digest(state_->xxh);
    return Hash128{h.low64, h.high64};
}

uint64_t ContentHasher::digest64() const {
    if (width_ != Width::k64) throw std::logic_error("ContentHasher: digest64 of a 128-bit state");
    return XXH3_64bits_digest(state_->xxh);
}

Hash128 ContentHasher::hash128(const char* bytes, size_t count) {
    const XXH128_hash_t h = XXH3_128bits(bytes, count);
    return Hash128{h.low64, h.high64};
}

uint64_t ContentHasher::hash64(const char* bytes, size_t count) {
    return XXH3_64bits(bytes, count);
}

}  // namespace mdp::extract
