// ReadBuffer: whole files, reused memory, trim, and an unopenable file as an InputError.

#include "analyzers/read_buffer.h"

#include <gtest/gtest.h>

#include <string>

#include "analyzers/partition_builder.h"
#include "common/errors.h"

namespace mdp::analyzers {
namespace {

using namespace testing;

TEST(ReadBuffer, ReadsWholeFilesIntoReusedMemory) {
    const auto dir = scratch_dir("read_buffer");
    const std::string big(300000, 'x');
    write_text(dir / "big.csv", big);
    write_text(dir / "small.csv", "a,b\n1,2\n");
    write_text(dir / "empty.csv", "");
    ReadBuffer buffer;
    EXPECT_EQ(buffer.read(dir / "big.csv"), big);
    const size_t capacity = buffer.capacity();
    EXPECT_GE(capacity, big.size());
    const std::string_view small = buffer.read(dir / "small.csv");
    EXPECT_EQ(small, "a,b\n1,2\n");
    EXPECT_EQ(buffer.capacity(), capacity);  // no new allocation for a smaller file
    EXPECT_EQ(buffer.read(dir / "empty.csv"), "");
    buffer.trim(capacity);  // within the limit: kept
    EXPECT_EQ(buffer.capacity(), capacity);
    buffer.trim(1000);  // over it: the pages beyond are given back lazily, the buffer still works
    EXPECT_EQ(buffer.capacity(), capacity);
    EXPECT_EQ(buffer.read(dir / "small.csv"), "a,b\n1,2\n");
    EXPECT_EQ(buffer.read(dir / "big.csv"), big);
    EXPECT_THROW(buffer.read(dir / "missing.csv"), InputError);
}

}  // namespace
}  // namespace mdp::analyzers
