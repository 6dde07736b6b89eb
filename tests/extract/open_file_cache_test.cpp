#include "extract/open_file_cache.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using mdp::testing::fresh_scratch_dir;
using mdp::testing::read_text;

// Opens `path` into the cache the way the writer does: make room for one, open, adopt.
int open_into(OpenFileCache& cache, uint64_t id, const std::filesystem::path& path) {
    cache.make_room(1);
    cache.adopt(id, OpenFileCache::open_for_append(path));
    return cache.find(id);
}

TEST(OpenFileCache, ClosesTheLeastRecentlyUsedWhenFull) {
    const auto dir = fresh_scratch_dir();
    OpenFileCache cache(2);
    const int a = open_into(cache, 1, dir / "a");
    const int b = open_into(cache, 2, dir / "b");
    EXPECT_NE(b, -1);
    EXPECT_EQ(cache.find(1), a);     // a is now the most recently used
    open_into(cache, 3, dir / "c");  // closes b
    EXPECT_EQ(cache.find(2), -1);
    EXPECT_EQ(cache.find(1), a);
}

// The protocol of a parallel writer: find what is open, make room, open the rest itself, adopt.
TEST(OpenFileCache, MakeRoomKeepsWhatWasJustFound) {
    const auto dir = fresh_scratch_dir();
    OpenFileCache cache(3);
    open_into(cache, 1, dir / "a");
    open_into(cache, 2, dir / "b");
    open_into(cache, 3, dir / "c");
    const int b = cache.find(2);
    ASSERT_GE(b, 0);
    cache.make_room(2);  // 2 more must fit: closes c and a (least recently used), keeps b
    EXPECT_EQ(cache.find(1), -1);
    EXPECT_EQ(cache.find(3), -1);
    EXPECT_EQ(cache.find(2), b);
    cache.adopt(4, OpenFileCache::open_for_append(dir / "d"));
    cache.adopt(5, OpenFileCache::open_for_append(dir / "e"));
    ASSERT_EQ(::write(cache.find(4), "x\n", 2), 2);
    ASSERT_EQ(::write(cache.find(4), "y\n", 2), 2);
    EXPECT_EQ(read_text(dir / "d"), "x\ny\n");
    EXPECT_EQ(cache.find(2), b);
}

TEST(OpenFileCache, OpenForAppendNamesTheFileItCannotOpen) {
    const auto dir = fresh_scratch_dir();
    try {
        OpenFileCache::open_for_append(dir / "missing-dir" / "x.csv");
        FAIL() << "expected an IoError";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("missing-dir"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace mdp::extract
