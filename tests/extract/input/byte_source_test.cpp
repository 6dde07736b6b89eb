#include "extract/input/byte_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "common/errors.h"

namespace mdp::extract {
namespace {

// A source over a string, delivering at most `step` bytes per read, never seeking.
class StringSource final : public ByteSource {
  public:
    StringSource(std::string text, size_t step) : text_(std::move(text)), step_(step) {}
    uint64_t raw_offset() const override { return at_; }
    std::optional<uint64_t> raw_size() const override { return std::nullopt; }
    bool seekable() const override { return false; }
    std::string describe() const override { return "test"; }
    const std::filesystem::path& path() const override { return path_; }
    Hash128 raw_content_hash() const override { return {}; }
    bool hash_complete() const override { return true; }

  protected:
    size_t read_decoded(char* out, size_t capacity) override {
        const size_t n = std::min({capacity, step_, text_.size() - at_});
        std::memcpy(out, text_.data() + at_, n);
        at_ += n;
        return n;
    }

  private:
    std::string text_;
    size_t step_;
    size_t at_ = 0;
    std::filesystem::path path_ = "mem.csv";
};

TEST(ByteSource, SkipToReadsAndHashesTheSkippedBytes) {
    std::string text;
    for (int i = 0; i < 300'000; ++i) text += static_cast<char>('a' + i % 26);
    StringSource source(text, 1000);
    source.skip_to(250000);
    EXPECT_EQ(source.decoded_offset(), 250'000U);
    EXPECT_EQ(source.decoded_prefix_hash(), ContentHasher::hash64(text.data(), 250'000));
    std::string rest(100'000, '\0');
    size_t n = 0;
    while (const size_t got = source.read(rest.data() + n, rest.size() - n)) n += got;
    EXPECT_EQ(rest.substr(0, n), text.substr(250'000));
    EXPECT_THROW(source.skip_to(10), std::logic_error);
}

TEST(ByteSource, SkippingPastTheEndIsAnInputErrorNamingTheFile) {
    StringSource source("abc", 2);
    try {
        source.skip_to(10);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("mem.csv"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("ends at decoded byte 3"), std::string::npos)
            << e.what();
    }
}

TEST(ByteSource, DecodedHashingCanBeTurnedOff) {
    StringSource source("abcdef", 100);
    source.set_decoded_hashing(false);
    std::string out(6, '\0');
    EXPECT_EQ(source.read(out.data(), 6), 6U);
    EXPECT_EQ(source.decoded_prefix_hash(), ContentHasher::hash64("", 0));
}

}  // namespace
}  // namespace mdp::extract
