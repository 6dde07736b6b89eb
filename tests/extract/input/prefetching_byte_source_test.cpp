#include "extract/input/prefetching_byte_source.h"

#include <gtest/gtest.h>

#include "compressed_samples.h"
#include "extract/input/open_byte_source.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using namespace mdp::testing;

TEST(PrefetchingByteSource, DeliversTheSameBytesHashAndOffsets) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(3'000'000);
    write_text(dir / "a.gz", gzip_member(text.substr(0, 5)) + gzip_member(text.substr(5)));
    const std::string stored = read_text(dir / "a.gz");
    // Tiny ring buffers and odd read sizes exercise every boundary.
    for (const auto& [buffer_bytes, chunk] :
         {std::pair<size_t, size_t>{4 << 20, 1 << 20}, {1000, 333}, {65536, 65536}}) {
        PrefetchingByteSource source(open_byte_source(dir / "a.gz"), buffer_bytes, 2);
        EXPECT_EQ(source.describe(), "gzip");
        EXPECT_FALSE(source.seekable());
        EXPECT_EQ(read_to_end(source, chunk), text);
        EXPECT_EQ(source.decoded_offset(), text.size());
        EXPECT_EQ(source.raw_offset(), stored.size());
        EXPECT_EQ(source.raw_content_hash(), ContentHasher::hash(stored.data(), stored.size()));
    }
}

TEST(PrefetchingByteSource, ContinuesFromTheWrappedSourcesOffset) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(1'000'000);
    write_text(dir / "a.zst", zstd_frame(text));
    auto inner = open_byte_source(dir / "a.zst");
    std::string first(123'456, '\0');
    size_t n = 0;
    while (n < first.size()) n += inner->read(first.data() + n, first.size() - n);
    PrefetchingByteSource source(std::move(inner), 10'000, 3);
    EXPECT_EQ(source.decoded_offset(), 123'456U);
    EXPECT_EQ(first + read_to_end(source), text);
    EXPECT_EQ(source.decoded_offset(), text.size());
}

TEST(PrefetchingByteSource, RethrowsTheErrorWhereItHappenedAfterTheBytesBeforeIt) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(3'000'000);
    const std::string whole = gzip_member(text);
    write_text(dir / "cut.gz", whole.substr(0, whole.size() / 2));
    // The same source without prefetching gives the reference point of the damage.
    auto direct = open_byte_source(dir / "cut.gz");
    const auto [direct_bytes, direct_message] = read_until_error(*direct);
    ASSERT_FALSE(direct_message.empty());
    for (const size_t buffer_bytes : {size_t{4} << 20, size_t{100'000}, size_t{7}}) {
        PrefetchingByteSource source(open_byte_source(dir / "cut.gz"), buffer_bytes, 3);
        const auto [delivered, message] = read_until_error(source, 40'000);
        EXPECT_EQ(message, direct_message);
        EXPECT_EQ(delivered.size(), direct_bytes.size());
        EXPECT_TRUE(delivered == direct_bytes);
    }
}

TEST(PrefetchingByteSource, StopsCleanlyWhenDestroyedEarly) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(5'000'000);
    write_text(dir / "a.zst", zstd_frame(text));
    for (int i = 0; i < 20; ++i) {
        PrefetchingByteSource source(open_byte_source(dir / "a.zst"), 65536, 2);
        std::string buffer(1000, '\0');
        ASSERT_EQ(source.read(buffer.data(), buffer.size()), buffer.size());
        EXPECT_EQ(buffer, text.substr(0, 1000));
        EXPECT_THROW(source.raw_content_hash(), std::logic_error);  // not at the end yet
    }  // destroyed with the producer blocked on a full ring
    PrefetchingByteSource untouched(open_byte_source(dir / "a.zst"), 65536, 2);
}

}  // namespace
}  // namespace mdp::extract
