#include "registry/input_fingerprint.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "common/errors.h"
#include "registry_test_util.h"

namespace mdp::registry {
namespace {

using namespace test;

std::string pattern(size_t size, char seed) {
    std::string s(size, '\0');
    for (size_t i = 0; i < size; ++i) s[i] = static_cast<char>(seed + static_cast<char>(i % 251));
    return s;
}

void set_mtime(const fs::path& path, int64_t seconds) {
    const struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

TEST(InputFingerprint, RecordsRoleSizeAndTimeWithTheHashStillUnknown) {
    const auto dir = scratch("fp_same");
    const fs::path file = dir / "orders.csv";
    spit(file, pattern(3 << 20, 'a'));
    set_mtime(file, 1'600'000'000);
    const auto a = fingerprint_file("orders", file);
    EXPECT_EQ(a, fingerprint_file("orders", file));
    EXPECT_EQ(a.role, "orders");
    EXPECT_EQ(a.path, file.string());
    EXPECT_EQ(a.size, 3U << 20);
    EXPECT_EQ(a.mtime_ns, 1'600'000'000LL * 1'000'000'000);
    EXPECT_TRUE(a.content_hash.empty());  // extraction computes it while reading the input
}

TEST(InputFingerprint, ThePreCheckComparesPathSizeAndTimeOnly) {
    const auto dir = scratch("fp_precheck");
    const fs::path file = dir / "trades.csv";
    spit(file, pattern(1000, 'a'));
    set_mtime(file, 1'600'000'000);
    InputFingerprint recorded = fingerprint_file("trades", file);
    recorded.content_hash = "00112233445566778899aabbccddeeff";
    EXPECT_TRUE(same_path_size_and_time(recorded, fingerprint_file("trades", file)));
    set_mtime(file, 1'700'000'000);  // touched
    EXPECT_FALSE(same_path_size_and_time(recorded, fingerprint_file("trades", file)));
    set_mtime(file, 1'600'000'000);
    spit(file, pattern(1001, 'a'));  // grown
    set_mtime(file, 1'600'000'000);
    EXPECT_FALSE(same_path_size_and_time(recorded, fingerprint_file("trades", file)));
    InputFingerprint moved = recorded;
    moved.path = "/elsewhere";
    EXPECT_FALSE(same_path_size_and_time(recorded, moved));
}

TEST(InputFingerprint, JsonRoundTrip) {
    const InputFingerprint fp{"orders", "/data/o.csv", 123456789012ULL, -5, "fedcba98765432100123456789abcdef"};
    const auto json = to_json(fp);
    EXPECT_EQ(json.at("content_hash"), "fedcba98765432100123456789abcdef");
    EXPECT_EQ(fingerprint_from_json(json), fp);
    auto broken = json;
    broken.erase("size");
    EXPECT_THROW(fingerprint_from_json(broken), std::invalid_argument);
    broken = json;
    broken["content_hash"] = "xyz";
    EXPECT_THROW(fingerprint_from_json(broken), std::invalid_argument);
    broken["content_hash"] = 12;
    EXPECT_THROW(fingerprint_from_json(broken), std::invalid_argument);
    // An unfinished input, and an entry written before content hashes (it had a sample hash).
    EXPECT_EQ(fingerprint_from_json(to_json(InputFingerprint{"orders", "/o", 1, 2, ""})).content_hash, "");
    auto older = json;
    older.erase("content_hash");
    older["sample_hash"] = "fedcba9876543210";
    EXPECT_EQ(fingerprint_from_json(older).content_hash, "");
}

// Paths are bytes: one that is not UTF-8 survives the registry exactly, so its run resumes.
TEST(InputFingerprint, APathThatIsNotUtf8RoundTripsExactly) {
    const InputFingerprint fp{"orders", std::string("/data/ord\xff\xfe.csv"), 1, 2, ""};
    const nlohmann::json json = to_json(fp);
    EXPECT_EQ(json.at("path_hex"), "2f646174612f6f7264fffe2e637376");
    EXPECT_NO_THROW((void)json.dump());  // a valid JSON document
    EXPECT_EQ(fingerprint_from_json(nlohmann::json::parse(json.dump())), fp);
    nlohmann::json broken = json;
    broken["path_hex"] = "zz";
    EXPECT_THROW(fingerprint_from_json(broken), std::invalid_argument);
    EXPECT_FALSE(to_json(InputFingerprint{"orders", "/data/ordé.csv", 1, 2, ""}).contains("path_hex"));
}

TEST(InputFingerprint, MissingFileIsAnInputErrorNamingIt) {
    const auto dir = scratch("fp_missing");
    try {
        fingerprint_file("orders", dir / "nope.csv");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("nope.csv"), std::string::npos) << e.what();
    }
    EXPECT_THROW(fingerprint_file("orders", dir), InputError);  // a directory
}

}  // namespace
}  // namespace mdp::registry
