#include "extract/input/open_byte_source.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include "common/errors.h"
#include "compressed_samples.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using namespace mdp::testing;

TEST(DetectCompression, ByMagicBytes) {
    EXPECT_EQ(detect_compression("\x1f\x8b\x08\x00"), Compression::kGzip);
    EXPECT_EQ(detect_compression(std::string_view("\x28\xb5\x2f\xfd", 4)), Compression::kZstd);
    EXPECT_EQ(detect_compression(std::string_view("\x50\x2a\x4d\x18", 4)), Compression::kZstd);
    EXPECT_EQ(detect_compression(std::string_view("\x5f\x2a\x4d\x18", 4)), Compression::kZstd);
    EXPECT_EQ(detect_compression(std::string_view("\x60\x2a\x4d\x18", 4)), Compression::kPlain);
    EXPECT_EQ(detect_compression("time"), Compression::kPlain);
    EXPECT_EQ(detect_compression("\x1f"), Compression::kPlain);
    EXPECT_EQ(detect_compression(""), Compression::kPlain);
}

// Every encoding of the same text decodes to it: members and frames cut at awkward places.
TEST(OpenByteSource, PlainGzipMultiMemberZstdMultiFrameAllDecodeToTheSameBytes) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(3'000'000);
    const std::vector<size_t> cuts = {0, 1, 777'777, 777'778, 2'100'003, text.size()};
    std::string multi_gz;
    std::string multi_zst = zstd_skippable_frame("metadata", 0);
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        const std::string_view part = std::string_view(text).substr(cuts[i], cuts[i + 1] - cuts[i]);
        multi_gz += gzip_member(part, static_cast<int>(1 + i % 9));
        multi_zst += zstd_frame(part, static_cast<int>(1 + i));
        if (i == 2) multi_zst += zstd_skippable_frame(std::string(100'000, 'z'), 15);
    }
    multi_zst += zstd_skippable_frame("", 7);
    write_text(dir / "plain.csv", text);
    write_text(dir / "one.gz", gzip_member(text));
    write_text(dir / "multi.gz", multi_gz);
    write_text(dir / "one.zst", zstd_frame(text));
    write_text(dir / "multi.zst", multi_zst);

    const std::vector<std::pair<std::string, std::string>> cases = {{"plain.csv", "plain"},
                                                                    {"one.gz", "gzip"},
                                                                    {"multi.gz", "gzip"},
                                                                    {"one.zst", "zstd"},
                                                                    {"multi.zst", "zstd"}};
    for (const auto& [name, format] : cases) {
        for (const size_t chunk : {size_t{1} << 20, size_t{4093}}) {
            auto source = open_byte_source(dir / name);
            EXPECT_EQ(source->describe(), format) << name;
            const std::string decoded = read_to_end(*source, chunk);
            EXPECT_EQ(decoded.size(), text.size()) << name;
            EXPECT_TRUE(decoded == text) << name;
            EXPECT_EQ(source->decoded_offset(), text.size()) << name;
            EXPECT_EQ(source->raw_offset(), std::filesystem::file_size(dir / name)) << name;
            EXPECT_EQ(source->raw_size(), std::filesystem::file_size(dir / name)) << name;
            EXPECT_EQ(source->read(nullptr, 0), 0U);
        }
    }
}

TEST(OpenByteSource, DetectionIgnoresTheExtension) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(10'000);
    write_text(dir / "really_gzip.csv", gzip_member(text));
    write_text(dir / "really_plain.gz", text);
    write_text(dir / "really_zstd.gz", zstd_frame(text));
    for (const char* name : {"really_gzip.csv", "really_plain.gz", "really_zstd.gz"}) {
        auto source = open_byte_source(dir / name);
        EXPECT_EQ(read_to_end(*source), text) << name;
    }
    EXPECT_EQ(open_byte_source(dir / "really_gzip.csv")->describe(), "gzip");
    EXPECT_EQ(open_byte_source(dir / "really_plain.gz")->describe(), "plain");
    EXPECT_EQ(open_byte_source(dir / "really_zstd.gz")->describe(), "zstd");
}

TEST(OpenByteSource, TinyAndEmptyFilesArePlain) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "empty", "");
    write_text(dir / "one", "\x1f");
    auto empty = open_byte_source(dir / "empty");
    EXPECT_EQ(empty->describe(), "plain");
    EXPECT_EQ(read_to_end(*empty), "");
    auto one = open_byte_source(dir / "one");
    EXPECT_EQ(read_to_end(*one), "\x1f");
}

TEST(OpenByteSource, RefusesADirectoryAndAMissingFileNamingThePath) {
    const auto dir = fresh_scratch_dir();
    try {
        open_byte_source(dir);
        FAIL() << "a directory was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(dir.string()), std::string::npos) << e.what();
    }
    EXPECT_THROW(open_byte_source(dir / "missing.csv"), InputError);
}

// A FIFO: compression is detected by peeking, and the peeked bytes are replayed.
TEST(OpenByteSource, ReadsCompressedAndPlainBytesThroughAFifo) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(2'000'000);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {text, text},
        {gzip_member(text) + gzip_member("x\n"), text + "x\n"},
        {zstd_frame(text), text}};
    for (const auto& item : cases) {
        const std::string& stored = item.first;
        const std::string& expected = item.second;
        const auto fifo = dir / "fifo";
        std::filesystem::remove(fifo);
        ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
        std::thread writer([&] {
            const int fd = ::open(fifo.c_str(), O_WRONLY);
            // Dribble the first bytes so that peeking has to wait for them.
            size_t done = 0;
            for (size_t step : {size_t{1}, size_t{2}, size_t{1}}) {
                done += static_cast<size_t>(::write(fd, stored.data() + done, step));
                std::this_thread::yield();
            }
            while (done < stored.size()) {
                const ssize_t n = ::write(fd, stored.data() + done,
                                          std::min<size_t>(65536, stored.size() - done));
                if (n <= 0) break;
                done += static_cast<size_t>(n);
            }
            ::close(fd);
        });
        auto source = open_byte_source(fifo);
        EXPECT_FALSE(source->seekable());
        EXPECT_FALSE(source->raw_size().has_value());
        const std::string decoded = read_to_end(*source);
        writer.join();
        EXPECT_TRUE(decoded == expected) << source->describe();
        EXPECT_EQ(source->raw_content_hash(), ContentHasher::hash(stored.data(), stored.size()));
    }
}

TEST(OpenByteSource, DashIsStandardInput) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(50'000);
    write_text(dir / "in.zst", zstd_frame(text));
    const int saved = ::dup(STDIN_FILENO);
    const int fd = ::open((dir / "in.zst").c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
    std::string decoded;
    std::string format;
    {
        auto source = open_byte_source("-");
        format = source->describe();
        decoded = read_to_end(*source);
    }
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
    EXPECT_EQ(format, "zstd");
    EXPECT_EQ(decoded, text);
}

// The raw hash covers the stored bytes, compressed as they are, whatever the format.
TEST(OpenByteSource, RawHashIsTheXxh3Of128OfTheWholeFile) {
    const auto dir = fresh_scratch_dir();
    const std::string text = sample_csv(1'500'000);
    write_text(dir / "a.csv", text);
    write_text(dir / "a.gz", gzip_member(text));
    write_text(dir / "a.zst", zstd_frame(text));
    for (const char* name : {"a.csv", "a.gz", "a.zst"}) {
        const std::string stored = read_text(dir / name);
        auto source = open_byte_source(dir / name);
        read_to_end(*source, 100'000);
        EXPECT_EQ(source->stored_bytes_are_decoded(), std::string(name) == "a.csv") << name;
        if (source->stored_bytes_are_decoded()) continue;
        EXPECT_EQ(source->raw_content_hash(), ContentHasher::hash(stored.data(), stored.size()))
            << name;
    }
}

}  // namespace
}  // namespace mdp::extract
