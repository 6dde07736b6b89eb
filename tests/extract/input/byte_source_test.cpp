#include "extract/input/byte_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>


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

TEST(ByteSource, CountsTheDecodedBytesItDelivers) {
    std::string text;
    for (int i = 0; i < 300'000; ++i) text += static_cast<char>('a' + i % 26);
    StringSource source(text, 1000);
    std::string out(text.size() + 10, '\0');
    size_t n = 0;
    while (const size_t got = source.read(out.data() + n, std::min<size_t>(777, out.size() - n))) {
        n += got;
        EXPECT_EQ(source.decoded_offset(), n);
    }
    EXPECT_EQ(out.substr(0, n), text);
}

}  // namespace
}  // namespace mdp::extract
