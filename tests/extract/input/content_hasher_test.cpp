#include "extract/input/content_hasher.h"

#include <gtest/gtest.h>

#include <string>

namespace mdp::extract {
namespace {

TEST(ContentHasher, StreamingInPiecesEqualsHashingAtOnce) {
    std::string text;
    for (int i = 0; i < 100'000; ++i) text += std::to_string(i * 7919) + ",";
    ContentHasher hasher;
    for (size_t at = 0, step = 1; at < text.size(); at += step, step = step * 3 % 10007 + 1) {
        hasher.update(text.data() + at, std::min(step, text.size() - at));
    }
    EXPECT_EQ(hasher.bytes(), text.size());
    EXPECT_EQ(hasher.digest(), ContentHasher::hash(text.data(), text.size()));
    EXPECT_NE(ContentHasher::hash("a", 1), ContentHasher::hash("b", 1));
}

TEST(ContentHasher, EmptyInputHasTheEmptyHash) {
    EXPECT_EQ(ContentHasher().digest(), ContentHasher::hash("", 0));
}

// The reference value is `printf abc | xxhsum -H2` (xxhash 0.8.1).
TEST(ContentHasher, HexIsXxhsumsFormAndRoundTrips) {
    const Hash128 abc = ContentHasher::hash("abc", 3);
    EXPECT_EQ(to_hex(abc), "06b05ab6733a618578af5f94892f3950");
    EXPECT_EQ(hash128_from_hex(to_hex(abc)), abc);
    EXPECT_FALSE(hash128_from_hex("06b05ab6733a618578af5f94892f395"));    // 31 digits
    EXPECT_FALSE(hash128_from_hex("06B05AB6733A618578AF5F94892F3950"));   // upper case
    EXPECT_FALSE(hash128_from_hex("06b05ab6733a618578af5f94892f395g"));
}

}  // namespace
}  // namespace mdp::extract
