#include "extract/output/open_file_cache.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "common/beneath.h"
#include "common/errors.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using mdp::testing::fresh_scratch_dir;
using mdp::testing::read_text;

// Opens `path` into the cache the way the writer does: make room for one, open, adopt.
UniqueFd append_to(const std::filesystem::path& path) {
    const UniqueFd dir = open_directory(path.parent_path());
    return OpenFileCache::open_for_append(dir.get(), path.filename(), path.parent_path());
}

int open_into(OpenFileCache& cache, uint64_t id, const std::filesystem::path& path) {
    cache.make_room(1);
    cache.adopt(id, append_to(path));
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
    cache.adopt(4, append_to(dir / "d"));
    cache.adopt(5, append_to(dir / "e"));
    ASSERT_EQ(::write(cache.find(4), "x\n", 2), 2);
    ASSERT_EQ(::write(cache.find(4), "y\n", 2), 2);
    EXPECT_EQ(read_text(dir / "d"), "x\ny\n");
    EXPECT_EQ(cache.find(2), b);
}

TEST(OpenFileCache, OpenForAppendNamesTheFileItCannotOpen) {
    const auto dir = fresh_scratch_dir();
    try {
        const UniqueFd fd = open_directory(dir);
        OpenFileCache::open_for_append(fd.get(), "missing-dir/x.csv", dir);
        FAIL() << "expected an IoError";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("missing-dir"), std::string::npos) << e.what();
    }
}

TEST(OpenFileCache, OpenForAppendNeverFollowsASymbolicLink) {
    const auto dir = fresh_scratch_dir();
    std::filesystem::create_directories(dir / "out");
    std::filesystem::create_directories(dir / "elsewhere");
    std::filesystem::create_directory_symlink(dir / "elsewhere", dir / "out" / "planted");
    std::filesystem::create_symlink(dir / "elsewhere" / "victim.csv", dir / "out" / "file.csv");
    const UniqueFd out = open_directory(dir / "out");
    for (const char* relative : {"planted/x.csv", "file.csv", "../escape.csv"}) {
        try {
            OpenFileCache::open_for_append(out.get(), relative, dir / "out");
            FAIL() << relative << ": expected an IoError";
        } catch (const IoError& e) {
            EXPECT_NE(std::string(e.what()).find("symbolic link"), std::string::npos) << e.what();
        }
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir / "elsewhere"));
}

}  // namespace
}  // namespace mdp::extract
