#include "common/wire_format.h"

#include <gtest/gtest.h>

#include <limits>

namespace mdp {
namespace {

TEST(WireFormat, FieldsRoundTripLittleEndian) {
    WireWriter out;
    out.u8(0xAB);
    out.u32(0x01020304U);
    out.u64(std::numeric_limits<uint64_t>::max());
    out.i64(-5);
    out.f64(-0.125);
    out.str(std::string("a\0b", 3));
    EXPECT_EQ(out.bytes().substr(1, 4), std::string("\x04\x03\x02\x01", 4));
    WireReader in(out.bytes());
    EXPECT_EQ(in.u8(), 0xAB);
    EXPECT_EQ(in.u32(), 0x01020304U);
    EXPECT_EQ(in.u64(), std::numeric_limits<uint64_t>::max());
    EXPECT_EQ(in.i64(), -5);
    EXPECT_EQ(in.f64(), -0.125);
    EXPECT_EQ(in.str(), std::string("a\0b", 3));
    EXPECT_TRUE(in.at_end());
    EXPECT_THROW(in.u8(), WireError);
}

TEST(WireFormat, AStringLongerThanTheMessageIsRejected) {
    WireWriter out;
    out.u64(1000);
    out.str("x");
    WireReader in(out.bytes());
    EXPECT_THROW(in.str(), WireError);
}

}  // namespace
}  // namespace mdp
