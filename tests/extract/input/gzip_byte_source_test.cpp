#include "extract/input/gzip_byte_source.h"

#include <gtest/gtest.h>

#include "compressed_samples.h"
#include "extract/input/open_byte_source.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using namespace mdp::testing;

TEST(GzipByteSource, ATruncatedMemberIsAnErrorNamingTheFileAndOffsetAfterTheBytesBeforeIt) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(4'000'000);
    const std::string whole =
        gzip_member(text.substr(0, 1'000'000)) + gzip_member(text.substr(1'000'000));
    write_text(dir / "cut.csv.gz", whole.substr(0, whole.size() * 2 / 3));
    auto source = open_as<GzipByteSource>(dir / "cut.csv.gz");
    const auto [delivered, message] = read_until_error(*source);
    ASSERT_FALSE(message.empty());
    EXPECT_NE(message.find((dir / "cut.csv.gz").string()), std::string::npos) << message;
    EXPECT_NE(message.find("corrupt or truncated"), std::string::npos) << message;
    EXPECT_NE(message.find("decoded byte " + std::to_string(delivered.size())), std::string::npos)
        << message;
    EXPECT_GT(delivered.size(), 1'000'000U);  // the whole first member and part of the second
    EXPECT_TRUE(text.compare(0, delivered.size(), delivered) == 0);
    // The error stays: a later read throws it again rather than pretending the input ended.
    std::string buffer(100, '\0');
    EXPECT_THROW(source->read(buffer.data(), buffer.size()), CorruptStreamError);
}

TEST(GzipByteSource, ACutInsideTheTrailerIsTruncation) {
    const auto dir = fresh_scratch_dir();
    const std::string member = gzip_member("a,b\n1,2\n");
    write_text(dir / "t.gz", member.substr(0, member.size() - 3));
    auto source = open_as<GzipByteSource>(dir / "t.gz");
    EXPECT_FALSE(read_until_error(*source).second.empty());
}

TEST(GzipByteSource, ACorruptCrcIsAnError) {
    const auto dir = fresh_scratch_dir();
    std::string member = gzip_member(sample_csv(100'000));
    member[member.size() - 6] =
        static_cast<char>(member[member.size() - 6] ^ 0x55);  // in the CRC-32
    write_text(dir / "crc.gz", member);
    auto source = open_as<GzipByteSource>(dir / "crc.gz");
    EXPECT_FALSE(read_until_error(*source).second.empty());
}

// Decision (docs/decompression.md): zero padding after the last member is ignored, any other
// trailing bytes are an error (gzip itself warns "trailing garbage ignored").
TEST(GzipByteSource, ZeroPaddingIsIgnoredButTrailingGarbageIsAnError) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(20'000);
    write_text(dir / "padded.gz", gzip_member(text) + std::string(512, '\0'));
    write_text(dir / "garbage.gz", gzip_member(text) + "hello\n");
    write_text(dir / "padded_then_garbage.gz", gzip_member(text) + std::string(8, '\0') + "x");
    auto padded = open_as<GzipByteSource>(dir / "padded.gz");
    EXPECT_EQ(read_to_end(*padded), text);
    for (const char* name : {"garbage.gz", "padded_then_garbage.gz"}) {
        auto source = open_as<GzipByteSource>(dir / name);
        const auto [delivered, message] = read_until_error(*source);
        EXPECT_EQ(delivered, text) << name;
        EXPECT_NE(message.find("trailing garbage"), std::string::npos) << message;
    }
}

TEST(GzipByteSource, EmptyMembersAndTinyReads) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "e.gz",
               gzip_member("") + gzip_member("ab\n") + gzip_member("") + gzip_member("cd"));
    auto source = open_as<GzipByteSource>(dir / "e.gz");
    EXPECT_EQ(read_to_end(*source, 1), "ab\ncd");
}

}  // namespace
}  // namespace mdp::extract
