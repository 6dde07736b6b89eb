#include "extract/input/plain_byte_source.h"

#include <gtest/gtest.h>

#include "compressed_samples.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using namespace mdp::testing;

TEST(PlainByteSource, SeeksARegularFileAndSaysItsHashesAreIncomplete) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "p.csv", "header\nrow1\nrow2\n");
    PlainByteSource source(std::make_unique<RawFile>(dir / "p.csv"));
    EXPECT_TRUE(source.seekable());
    source.skip_to(7);
    EXPECT_EQ(source.raw_offset(), 7U);
    EXPECT_EQ(read_to_end(source), "row1\nrow2\n");
    EXPECT_FALSE(source.hash_complete());
    EXPECT_EQ(source.decoded_offset(), 17U);
}

TEST(PlainByteSource, FromByteZeroTheRawHashCoversTheWholeFile) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(300'000);
    write_text(dir / "p.csv", text);
    PlainByteSource source(std::make_unique<RawFile>(dir / "p.csv"));
    source.skip_to(0);
    EXPECT_EQ(read_to_end(source, 999), text);
    EXPECT_TRUE(source.hash_complete());
    EXPECT_EQ(source.raw_content_hash(), ContentHasher::hash128(text.data(), text.size()));
    // The decoded-bytes hash would repeat the raw hash's pass over the same bytes.
    EXPECT_FALSE(source.keeps_decoded_hash());
}

}  // namespace
}  // namespace mdp::extract
