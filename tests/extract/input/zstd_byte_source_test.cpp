#include "extract/input/zstd_byte_source.h"

#include <gtest/gtest.h>

#include "compressed_samples.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using namespace mdp::testing;

TEST(ZstdByteSource, ACorruptFrameMidStreamIsAnErrorAfterTheBytesBeforeIt) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(3'000'000);
    const std::string first = zstd_frame(text.substr(0, 1'000'000));
    std::string second = zstd_frame(text.substr(1'000'000));
    for (size_t i = second.size() / 2; i < second.size() / 2 + 64; ++i)
        second[i] = static_cast<char>(second[i] ^ 0xA5);
    write_text(dir / "bad.csv.zst", first + second);
    auto source = open_as<ZstdByteSource>(dir / "bad.csv.zst");
    const auto [delivered, message] = read_until_error(*source);
    ASSERT_FALSE(message.empty());
    EXPECT_NE(message.find((dir / "bad.csv.zst").string()), std::string::npos) << message;
    EXPECT_NE(message.find("zstd stream is corrupt or truncated after decoded byte " +
                           std::to_string(delivered.size())),
              std::string::npos)
        << message;
    EXPECT_GE(delivered.size(), 1'000'000U);
    EXPECT_TRUE(text.compare(0, delivered.size(), delivered) == 0);
}

TEST(ZstdByteSource, ATruncatedFrameIsAnError) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(2'000'000);
    const std::string frame = zstd_frame(text);
    write_text(dir / "cut.zst", frame.substr(0, frame.size() - 100));
    auto source = open_as<ZstdByteSource>(dir / "cut.zst");
    const auto [delivered, message] = read_until_error(*source);
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    EXPECT_TRUE(text.compare(0, delivered.size(), delivered) == 0);
}

TEST(ZstdByteSource, BytesAfterAFrameThatAreNotAFrameAreAnError) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "g.zst", zstd_frame("a,b\n") + "garbage");
    auto source = open_as<ZstdByteSource>(dir / "g.zst");
    const auto [delivered, message] = read_until_error(*source);
    EXPECT_EQ(delivered, "a,b\n");
    EXPECT_FALSE(message.empty());
}

TEST(ZstdByteSource, OnlySkippableFramesDecodeToNothing) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "s.zst", zstd_skippable_frame("abc", 3) + zstd_skippable_frame("", 0));
    auto source = open_as<ZstdByteSource>(dir / "s.zst");
    EXPECT_EQ(read_to_end(*source, 1), "");
}

}  // namespace
}  // namespace mdp::extract
