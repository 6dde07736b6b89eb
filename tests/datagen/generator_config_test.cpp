#include "datagen/generator_config.h"

#include <gtest/gtest.h>

namespace mdp::datagen {
namespace {

TEST(ParseByteSize, Units) {
    EXPECT_EQ(parse_byte_size("1500"), 1500U);
    EXPECT_EQ(parse_byte_size("64K"), 65536U);
    EXPECT_EQ(parse_byte_size("2G"), uint64_t{2} << 30);
    EXPECT_EQ(parse_byte_size("2gb"), uint64_t{2} << 30);
    EXPECT_EQ(parse_byte_size("1.5GiB"), uint64_t{3} << 29);
    EXPECT_EQ(parse_byte_size(" 300MB "), uint64_t{300} << 20);
    EXPECT_EQ(parse_byte_size("1T"), uint64_t{1} << 40);
}

TEST(ParseByteSize, RejectsGarbage) {
    EXPECT_FALSE(parse_byte_size(""));
    EXPECT_FALSE(parse_byte_size("G"));
    EXPECT_FALSE(parse_byte_size("12X"));
    EXPECT_FALSE(parse_byte_size("-5M"));
    EXPECT_FALSE(parse_byte_size("1..5G"));
    EXPECT_FALSE(parse_byte_size("99999999999T"));
}

TEST(Presets, DemoAndBench) {
    GeneratorConfig config;
    config.seed = 9;
    ASSERT_TRUE(apply_preset("demo", config));
    EXPECT_EQ(config.securities, 20U);
    EXPECT_EQ(config.days, 5U);
    EXPECT_EQ(config.orders_rows, 25000U);
    EXPECT_EQ(config.target_bytes, 0U);
    EXPECT_EQ(config.seed, 9U);  // presets size the data, they keep the seed
    ASSERT_TRUE(apply_preset("bench", config));
    EXPECT_EQ(config.securities, 200U);
    EXPECT_EQ(config.target_bytes, uint64_t{2} << 30);
    EXPECT_FALSE(apply_preset("huge", config));
}

TEST(Defaults, CrossTheAprilDaylightSavingChange) {
    const GeneratorConfig config;
    EXPECT_EQ(config.start_date, (CivilDate{2024, 4, 2}));
    EXPECT_EQ(config.days, 5U);
    EXPECT_NE(describe(config).find("2024-04-02"), std::string::npos);
}

}  // namespace
}  // namespace mdp::datagen
