#include "extract/input/plain_byte_source.h"

#include <gtest/gtest.h>

#include "compressed_samples.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using namespace mdp::testing;

TEST(PlainByteSource, DeliversTheFileWithoutHashingItTwice) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(300'000);
    write_text(dir / "p.csv", text);
    PlainByteSource source(std::make_unique<RawFile>(dir / "p.csv"));
    EXPECT_TRUE(source.seekable());
    EXPECT_EQ(read_to_end(source, 999), text);
    EXPECT_EQ(source.decoded_offset(), text.size());
    EXPECT_EQ(source.raw_offset(), text.size());
    // The block reader's hash of the decoded bytes is this file's identity: no second pass.
    EXPECT_TRUE(source.stored_bytes_are_decoded());
}

}  // namespace
}  // namespace mdp::extract
