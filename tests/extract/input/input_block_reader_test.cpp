#include "extract/input/input_block_reader.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "extract/input/corrupt_stream_error.h"
#include "extract/input/open_byte_source.h"
#include "extract/input/compressed_samples.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using mdp::testing::fresh_scratch_dir;
using mdp::testing::write_text;

// An InputBlock with its bytes copied out, so it can outlive the reader's buffer pool.
struct BlockCopy {
    uint64_t index = 0;
    uint64_t end_offset = 0;
    std::string data;
    uint64_t oversized_line_length = 0;
};

std::vector<BlockCopy> read_all(const std::filesystem::path& path, uint64_t offset, size_t block_bytes) {
    BufferPool pool(InputBlockReader::block_bytes_for(block_bytes));
    InputBlockReader reader(path, offset, block_bytes, pool);
    std::vector<BlockCopy> blocks;
    while (auto block = reader.next()) {
        blocks.push_back(BlockCopy{block->index, block->end_offset, std::string(block->data.view()),
                                   block->oversized_line_length});
    }
    return blocks;
}

TEST(InputBlockReader, RecyclesItsBuffersInsteadOfAllocatingOnePerBlock) {
    const auto dir = fresh_scratch_dir();
    std::string text;
    for (int i = 0; i < 1000; ++i) text += "row " + std::to_string(i) + "\n";
    write_text(dir / "in.csv", text);
    BufferPool pool(256);
    InputBlockReader reader(dir / "in.csv", 0, 256, pool);
    const char* first_buffer = nullptr;
    size_t blocks = 0;
    while (auto block = reader.next()) {
        // Each block is destroyed before the next is read, so every block reuses the first buffer.
        if (first_buffer == nullptr) first_buffer = block->data.data();
        EXPECT_EQ(block->data.data(), first_buffer);
        EXPECT_EQ(block->data.capacity(), 256U);
        ++blocks;
    }
    EXPECT_GT(blocks, 20U);
}

TEST(InputBlockReader, BlocksAreWholeLinesThatConcatenateToTheInput) {
    const auto dir = fresh_scratch_dir();
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "line " + std::to_string(i) + std::string(static_cast<size_t>(i % 37), 'x') + "\n";
    write_text(dir / "in.csv", text);
    for (const size_t block_bytes : {64UL, 100UL, 4096UL, 1UL << 20}) {
        const auto blocks = read_all(dir / "in.csv", 0, block_bytes);
        std::string joined;
        uint64_t expected_index = 0;
        for (const auto& block : blocks) {
            EXPECT_EQ(block.index, expected_index++);
            EXPECT_EQ(block.oversized_line_length, 0U);
            ASSERT_FALSE(block.data.empty());
            EXPECT_EQ(block.data.back(), '\n');
            joined += block.data;
            EXPECT_EQ(block.end_offset, joined.size());
        }
        EXPECT_EQ(joined, text) << block_bytes;
    }
}

TEST(InputBlockReader, StartsAtAnOffsetAndKeepsAnUnterminatedLastLine) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "in.csv", "header\nrow1\nrow2");
    const auto blocks = read_all(dir / "in.csv", 7, 1024);
    ASSERT_EQ(blocks.size(), 1U);
    EXPECT_EQ(blocks[0].data, "row1\nrow2");
    EXPECT_EQ(blocks[0].end_offset, 16U);
}

TEST(InputBlockReader, SkipsALineLongerThanABlockKeepingOnlyAPreview) {
    const auto dir = fresh_scratch_dir();
    const std::string huge(10 * 1024 * 1024, 'G');
    write_text(dir / "in.csv", "a\n" + huge + "\nb\n");
    const auto blocks = read_all(dir / "in.csv", 0, 64 * 1024);
    std::string normal;
    size_t oversized = 0;
    for (const auto& block : blocks) {
        if (block.oversized_line_length > 0) {
            ++oversized;
            EXPECT_EQ(block.oversized_line_length, huge.size());
            EXPECT_EQ(block.data.size(), InputBlockReader::kOversizedPreviewBytes);
        } else {
            normal += block.data;
        }
    }
    EXPECT_EQ(oversized, 1U);
    EXPECT_EQ(normal, "a\nb\n");
    EXPECT_EQ(blocks.back().end_offset, 2 + huge.size() + 1 + 2);
}

TEST(InputBlockReader, AFileThatIsOneHugeUnterminatedLine) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "in.bin", std::string(300 * 1024, '\x01'));
    const auto blocks = read_all(dir / "in.bin", 0, 64 * 1024);
    ASSERT_EQ(blocks.size(), 1U);
    EXPECT_EQ(blocks[0].oversized_line_length, 300U * 1024);
    EXPECT_EQ(blocks[0].end_offset, 300U * 1024);
}

// Compressed inputs read through the path constructor (content detection) give the same blocks
// as the plain file, from any decoded offset.
TEST(InputBlockReader, GzipAndZstdInputsGiveTheSameBlocksAsPlainFromAnyOffset) {
    const auto dir = fresh_scratch_dir();
    const std::string text = mdp::testing::sample_csv(2'000'000);
    write_text(dir / "in.csv", text);
    write_text(dir / "in.csv.gz", mdp::testing::gzip_member(text.substr(0, 999'999)) +
                                      mdp::testing::gzip_member(text.substr(999'999)));
    write_text(dir / "in.csv.zst", mdp::testing::zstd_frame(text));
    const uint64_t offset = text.find('\n', 1'234'567) + 1;
    for (const uint64_t start : {uint64_t{0}, offset}) {
        const auto plain = read_all(dir / "in.csv", start, 100'000);
        for (const char* name : {"in.csv.gz", "in.csv.zst"}) {
            const auto blocks = read_all(dir / name, start, 100'000);
            ASSERT_EQ(blocks.size(), plain.size()) << name;
            for (size_t i = 0; i < blocks.size(); ++i) {
                EXPECT_EQ(blocks[i].end_offset, plain[i].end_offset) << name;
                EXPECT_TRUE(blocks[i].data == plain[i].data) << name << " block " << i;
            }
        }
    }
}

// The hash a checkpoint records and a resume compares: every block's is the XXH3-128 of the
// decoded input from byte 0 to its end, whatever the compression, the start offset (whose
// prefix is read and hashed, not sought) or an over-long line skipped through on the way.
TEST(InputBlockReader, EachBlockCarriesTheHashOfTheDecodedBytesBeforeItsEnd) {
    const auto dir = fresh_scratch_dir();
    const std::string text = "h\n" + std::string(200'000, 'G') + "\n" + mdp::testing::sample_csv(300'000) + "tail";
    write_text(dir / "in.csv", text);
    write_text(dir / "in.gz", mdp::testing::gzip_member(text.substr(0, 77'777)) +
                                  mdp::testing::gzip_member(text.substr(77'777)));
    const auto prefix_hash = [&](uint64_t end) { return ContentHasher::hash(text.data(), end); };
    const uint64_t offset = text.find('\n', 250'000) + 1;
    for (const char* name : {"in.csv", "in.gz"}) {
        for (const uint64_t start : {uint64_t{0}, uint64_t{2}, offset}) {
            BufferPool pool(65'536);
            InputBlockReader reader(dir / name, start, 65'536, pool);
            EXPECT_EQ(reader.prefix_hash(), prefix_hash(start)) << name << " from " << start;
            uint64_t end = start;
            while (auto block = reader.next()) {
                EXPECT_EQ(block->decoded_hash, prefix_hash(block->end_offset)) << name << " at " << block->end_offset;
                end = block->end_offset;
            }
            EXPECT_EQ(end, text.size()) << name;
        }
    }
    BufferPool pool(65'536);
    EXPECT_THROW(InputBlockReader(dir / "in.gz", text.size() + 1, 65'536, pool), InputError);
}

TEST(InputBlockReader, ReadsFromAGivenSourceAndSkipsOversizedLinesInCompressedInput) {
    const auto dir = fresh_scratch_dir();
    const std::string huge(3 * 1024 * 1024, 'G');
    write_text(dir / "in.zst", mdp::testing::zstd_frame("a\n" + huge + "\nb"));
    BufferPool pool(64 * 1024);
    InputBlockReader reader(open_byte_source(dir / "in.zst"), 64 * 1024, pool);
    EXPECT_FALSE(reader.file_size() == std::nullopt);
    std::string normal;
    uint64_t oversized = 0;
    while (auto block = reader.next()) {
        if (block->oversized_line_length > 0) {
            oversized = block->oversized_line_length;
        } else {
            normal += block->data.view();
        }
    }
    EXPECT_EQ(oversized, huge.size());
    EXPECT_EQ(normal, "a\nb");
}

TEST(InputBlockReader, ACorruptInputFailsAfterTheBlocksBeforeTheDamage) {
    const auto dir = fresh_scratch_dir();
    const std::string text = mdp::testing::sample_csv(3'000'000);
    const std::string whole = mdp::testing::gzip_member(text);
    write_text(dir / "cut.gz", whole.substr(0, whole.size() / 2));
    BufferPool pool(64 * 1024);
    InputBlockReader reader(dir / "cut.gz", 0, 64 * 1024, pool);
    std::string delivered;
    try {
        while (auto block = reader.next()) delivered += block->data.view();
        FAIL() << "no error";
    } catch (const CorruptStreamError& e) {
        EXPECT_GT(delivered.size(), 1'000'000U);
        EXPECT_LE(delivered.size(), e.decoded_offset());
        EXPECT_TRUE(text.compare(0, delivered.size(), delivered) == 0);
        EXPECT_EQ(delivered.back(), '\n');
    }
}

}  // namespace
}  // namespace mdp::extract
