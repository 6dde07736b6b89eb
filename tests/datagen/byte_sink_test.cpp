#include "datagen/byte_sink.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/durable_file.h"
#include "common/errors.h"

namespace mdp::datagen {
namespace {

std::filesystem::path scratch(const std::string& name) {
    const auto dir = std::filesystem::path(MDP_SCRATCH_DIR) / "datagen" / "byte_sink";
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::filesystem::remove(path);
    return path;
}

TEST(FileSink, WritesThroughAPartialFileAndRenamesOnFinish) {
    const auto path = scratch("out.csv");
    std::string expected;
    {
        FileSink sink(path);
        for (int i = 0; i < 50; ++i) {
            const std::string block(100000 + static_cast<size_t>(i),
                                    static_cast<char>('a' + i % 26));
            sink.write(block);
            expected += block;
        }
        EXPECT_FALSE(std::filesystem::exists(path));
        EXPECT_TRUE(std::filesystem::exists(path.string() + ".partial"));
        sink.finish();
    }
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
    EXPECT_EQ(read_file(path), expected);
    std::filesystem::remove(path);
}

TEST(FileSink, AbandonedSinkLeavesNoFile) {
    const auto path = scratch("abandoned.csv");
    {
        FileSink sink(path);
        sink.write("half a row");
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
}

TEST(FileSink, UnwritableDirectoryIsAnIoError) {
    EXPECT_THROW(FileSink(std::filesystem::path(MDP_SCRATCH_DIR) / "no" / "such" / "dir" / "x.csv"),
                 IoError);
}

TEST(MemorySinks, StringAndCounting) {
    StringSink text;
    CountingSink count;
    for (ByteSink* sink : {static_cast<ByteSink*>(&text), static_cast<ByteSink*>(&count)}) {
        sink->write("abc");
        sink->write("de");
        sink->finish();
    }
    EXPECT_EQ(text.data(), "abcde");
    EXPECT_EQ(count.bytes(), 5U);
}

}  // namespace
}  // namespace mdp::datagen
