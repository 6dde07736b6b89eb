#pragma once
// Streaming XXH3 hashes of an input as it is read, so that identifying the input costs no extra
// pass: a 128-bit hash of the raw bytes (the file as stored, compressed or not) and a running
// 64-bit hash of the decoded bytes, which a resume uses to check that a re-read non-seekable
// stream delivered the same bytes up to its checkpoint.

#include <cstddef>
#include <cstdint>
#include <memory>

namespace mdp::extract {

struct Hash128 {
    uint64_t low = 0;
    uint64_t high = 0;
    friend bool operator==(const Hash128&, const Hash128&) = default;
};

// One XXH3 streaming state, 128-bit or 64-bit. Not thread-safe.
class ContentHasher {
  public:
    enum class Width { k64, k128 };
    explicit ContentHasher(Width width);
    ~ContentHasher();
    ContentHasher(ContentHasher&&) noexcept;
    ContentHasher& operator=(ContentHasher&&) noexcept;

    // An independent copy of the state, continuing from the same bytes.
    ContentHasher clone() const;

    void update(const char* bytes, size_t count);
    uint64_t bytes() const { return bytes_; }
    // The hash of every byte given so far (the state stays usable).
    Hash128 digest128() const;
    uint64_t digest64() const;

    // One-shot hashes of a whole buffer, the same as streaming it.
    static Hash128 hash128(const char* bytes, size_t count);
    static uint64_t hash64(const char* bytes, size_t count);

  private:
    struct State;
    std::unique_ptr<State> state_;
    Width width_;
    uint64_t bytes_ = 0;
};

}  // namespace mdp::extract
