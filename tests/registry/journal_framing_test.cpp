#include "registry/journal_framing.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mdp::registry {
namespace {

const std::string kPayload =
    R"({"op":"running","at":"2024-01-02T03:04:05.678Z","key":"2024-01-02/7"})";

TEST(JournalFraming, Crc32MatchesTheStandardCheckValue) {
    EXPECT_EQ(crc32("123456789"), 0xCBF43926U);
    EXPECT_EQ(crc32(""), 0U);
    EXPECT_EQ(crc32("6789", crc32("12345")), 0xCBF43926U);
}

TEST(JournalFraming, AFramedRecordIsOneJsonLineThatParsesBack) {
    std::string line;
    append_framed_record(line, kPayload);
    ASSERT_EQ(line.back(), '\n');
    EXPECT_EQ(line.find('\n'), line.size() - 1);
    const auto json = nlohmann::json::parse(line);
    EXPECT_EQ(json.at("len"), kPayload.size());
    EXPECT_EQ(json.at("rec"), nlohmann::json::parse(kPayload));
    const std::string followed = line + "trailing data";
    const auto frame = parse_frame(followed);
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->payload, kPayload);
    EXPECT_EQ(frame->size, line.size());
    EXPECT_THROW(append_framed_record(line, "{\n}"), std::logic_error);
}

TEST(JournalFraming, EveryTruncationIsRejected) {
    std::string line;
    append_framed_record(line, kPayload);
    for (size_t cut = 0; cut < line.size(); ++cut) {
        EXPECT_FALSE(parse_frame(line.substr(0, cut)).has_value()) << "cut at " << cut;
    }
}

TEST(JournalFraming, EveryFlippedBitIsRejected) {
    std::string line;
    append_framed_record(line, kPayload);
    for (size_t i = 0; i < line.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            std::string damaged = line;
            damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
            EXPECT_FALSE(parse_frame(damaged).has_value()) << "byte " << i << " bit " << bit;
        }
    }
}

}  // namespace
}  // namespace mdp::registry
