#include "registry/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mdp::registry {
namespace {

TEST(JsonText, StringsEscapeToWhatAJsonParserReadsBack) {
    for (const std::string& text :
         {std::string("plain"), std::string("quote \" backslash \\ slash /"),
          std::string("new\nline\ttab\rcr"), std::string("ctl \x01\x1f end"),
          std::string("utf8 \xce\xbb \xe2\x82\xac \xf0\x9f\x98\x80"), std::string()}) {
        std::string out;
        append_json_string(out, text);
        EXPECT_EQ(out.find('\n'), std::string::npos);
        EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), text) << out;
    }
}

TEST(JsonText, NumbersUseTheShortestRoundTripForm) {
    std::string out;
    append_json_double(out, 1.25);
    out += ' ';
    append_json_double(out, 0.1);
    out += ' ';
    append_json_double(out, 3.0);
    out += ' ';
    append_json_int(out, -42);
    out += ' ';
    append_json_uint(out, 18446744073709551615ULL);
    EXPECT_EQ(out, "1.25 0.1 3 -42 18446744073709551615");
    EXPECT_THROW(append_json_double(out, std::numeric_limits<double>::infinity()),
                 std::invalid_argument);
}

TEST(JsonText, IsoTimesRoundTrip) {
    EXPECT_EQ(format_iso_time_ms(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_iso_time_ms(1'700'000'003'250), "2023-11-14T22:13:23.250Z");
    EXPECT_EQ(format_iso_time_ms(-1), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(format_iso_time_ms(951'782'400'000 + 86'399'999), "2000-02-29T23:59:59.999Z");
    for (const int64_t ms : {int64_t{0}, int64_t{-1}, int64_t{1'700'000'003'250},
                             int64_t{253'402'300'799'999}, int64_t{-62'135'596'800'000}}) {
        EXPECT_EQ(parse_iso_time_ms(format_iso_time_ms(ms)), ms) << ms;
    }
}

TEST(JsonText, IsoTimeParserIsStrict) {
    for (const char* bad :
         {"", "2023-11-14T22:13:23Z", "2023-11-14 22:13:23.250Z", "2023-11-14T22:13:23.250",
          "2023-02-30T00:00:00.000Z", "2023-11-14T24:00:00.000Z", "2023-11-14T22:60:00.000Z",
          "2023-11-14T22:13:23.2a0Z", "2023-11-14T22:13:23.250+01"}) {
        EXPECT_FALSE(parse_iso_time_ms(bad).has_value()) << bad;
    }
}

TEST(JsonText, Utf8Validation) {
    EXPECT_TRUE(is_valid_utf8("ascii"));
    EXPECT_TRUE(is_valid_utf8("\xce\xbb\xe2\x82\xac\xf0\x9f\x98\x80"));
    EXPECT_FALSE(is_valid_utf8("\xff"));
    EXPECT_FALSE(is_valid_utf8("\xce"));              // truncated
    EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // beyond U+10FFFF
    EXPECT_EQ(utf8_sequence_length("\xe2\x82\xac", 0), 3U);
}

}  // namespace
}  // namespace mdp::registry
