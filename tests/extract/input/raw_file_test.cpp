#include "extract/input/raw_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "common/errors.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using mdp::testing::fresh_scratch_dir;
using mdp::testing::write_text;

TEST(RawFile, PeekedBytesAreReplayedAndHashedOnce) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "f", "0123456789");
    RawFile file(dir / "f");
    EXPECT_EQ(file.peek(4), "0123");
    EXPECT_EQ(file.peek(2), "01");
    std::string out(3, '\0');
    EXPECT_EQ(file.read(out.data(), 3), 3U);
    EXPECT_EQ(out, "012");
    std::string rest(100, '\0');
    size_t n = 0;
    while (const size_t got = file.read(rest.data() + n, rest.size() - n)) n += got;
    EXPECT_EQ(rest.substr(0, n), "3456789");
    EXPECT_EQ(file.offset(), 10U);
    EXPECT_EQ(file.content_hash(), ContentHasher::hash("0123456789", 10));
}

TEST(RawFile, HashStoredFileReadsTheWholeFile) {
    const auto dir = fresh_scratch_dir();
    std::string text;
    for (int i = 0; i < 3'000'000; ++i) text += static_cast<char>('0' + i % 10);
    write_text(dir / "f", text);
    EXPECT_EQ(hash_stored_file(dir / "f"), ContentHasher::hash(text.data(), text.size()));
    EXPECT_THROW(hash_stored_file(dir / "nope"), InputError);
}

TEST(RawFile, RefusesASocketLikeKindAndADirectory) {
    const auto dir = fresh_scratch_dir();
    EXPECT_THROW(RawFile{dir}, InputError);
    EXPECT_THROW(RawFile{dir / "nope"}, InputError);
    RawFile null_device("/dev/null");  // a character device is accepted
    EXPECT_FALSE(null_device.seekable());
    EXPECT_EQ(null_device.peek(4), "");
}

}  // namespace
}  // namespace mdp::extract
