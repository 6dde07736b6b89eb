#include "extract/input/content_hasher.h"

#include <gtest/gtest.h>

#include <string>

namespace mdp::extract {
namespace {

TEST(ContentHasher, StreamingInPiecesEqualsHashingAtOnce) {
    std::string text;
    for (int i = 0; i < 100'000; ++i) text += std::to_string(i * 7919) + ",";
    ContentHasher wide(ContentHasher::Width::k128);
    ContentHasher narrow(ContentHasher::Width::k64);
    for (size_t at = 0, step = 1; at < text.size(); at += step, step = step * 3 % 10007 + 1) {
        const size_t n = std::min(step, text.size() - at);
        wide.update(text.data() + at, n);
        narrow.update(text.data() + at, n);
    }
    EXPECT_EQ(wide.bytes(), text.size());
    EXPECT_EQ(wide.digest128(), ContentHasher::hash128(text.data(), text.size()));
    EXPECT_EQ(narrow.digest64(), ContentHasher::hash64(text.data(), text.size()));
    EXPECT_NE(ContentHasher::hash128("a", 1), ContentHasher::hash128("b", 1));
    EXPECT_THROW(wide.digest64(), std::logic_error);
}

TEST(ContentHasher, EmptyInputHasTheEmptyHash) {
    const ContentHasher wide(ContentHasher::Width::k128);
    EXPECT_EQ(wide.digest128(), ContentHasher::hash128("", 0));
}

}  // namespace
}  // namespace mdp::extract
