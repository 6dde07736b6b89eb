#pragma once
// The content identity of an input (INTEGRATION 4): XXH3-128, streamed as the bytes are read so
// that identifying an input costs no extra pass. Used for the stored bytes of a whole input (its
// identity in the registry) and for the decoded bytes before a checkpoint (which a resume reads
// again and compares, docs/extraction.md "Resume").

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mdp::extract {

struct Hash128 {
    uint64_t low = 0;
    uint64_t high = 0;
    friend bool operator==(const Hash128&, const Hash128&) = default;
};

// 32 lowercase hex digits, high half first (as `xxhsum -H2` prints it).
std::string to_hex(const Hash128& hash);
// The inverse; nullopt unless exactly 32 hex digits.
std::optional<Hash128> hash128_from_hex(std::string_view text);

// One XXH3-128 streaming state. Not thread-safe.
class ContentHasher {
  public:
    ContentHasher();
    ~ContentHasher();
    ContentHasher(ContentHasher&&) noexcept;
    ContentHasher& operator=(ContentHasher&&) noexcept;

    void update(const char* bytes, size_t count);
    uint64_t bytes() const { return bytes_; }
    // The hash of every byte given so far (the state stays usable).
    Hash128 digest() const;

    // The one-shot hash of a whole buffer, the same as streaming it.
    static Hash128 hash(const char* bytes, size_t count);

  private:
    struct State;
    std::unique_ptr<State> state_;
    uint64_t bytes_ = 0;
};

}  // namespace mdp::extract
