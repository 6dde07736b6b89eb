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

TEST(InputFingerprint, SameFileGivesTheSameFingerprint) {
    const auto dir = scratch("fp_same");
    const fs::path file = dir / "orders.csv";
    spit(file, pattern(3 << 20, 'a'));
    const auto a = fingerprint_file("orders", file);
    const auto b = fingerprint_file("orders", file);
    EXPECT_EQ(a, b);
    EXPECT_FALSE(fingerprint_difference(a, b).has_value());
    EXPECT_EQ(a.role, "orders");
    EXPECT_EQ(a.path, file.string());
    EXPECT_EQ(a.size, 3U << 20);
    EXPECT_NE(a.sample_hash, 0U);
}

TEST(InputFingerprint, DetectsSizeContentAndTimeChanges) {
    const auto dir = scratch("fp_change");
    const fs::path file = dir / "trades.csv";
    std::string content = pattern(3 << 20, 'a');
    spit(file, content);
    set_mtime(file, 1'600'000'000);
    const auto original = fingerprint_file("trades", file);

    // A byte changed in the last MiB, same size, same mtime: the sample hash catches it.
    content[content.size() - 10] ^= 1;
    spit(file, content);
    set_mtime(file, 1'600'000'000);
    const auto tail_changed = fingerprint_file("trades", file);
    EXPECT_EQ(tail_changed.size, original.size);
    EXPECT_EQ(tail_changed.mtime_ns, original.mtime_ns);
    EXPECT_NE(tail_changed.sample_hash, original.sample_hash);
    EXPECT_NE(tail_changed, original);
    const auto why = fingerprint_difference(original, tail_changed);
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("content sample differs"), std::string::npos) << *why;

    // Restored content but touched: only the time differs.
    content[content.size() - 10] ^= 1;
    spit(file, content);
    set_mtime(file, 1'700'000'000);
    const auto touched = fingerprint_file("trades", file);
    EXPECT_EQ(touched.sample_hash, original.sample_hash);
    EXPECT_NE(touched, original);
    EXPECT_NE(fingerprint_difference(original, touched)->find("modification time"),
              std::string::npos);

    // Appended rows change the size (and the tail sample).
    spit(file, content + "x,y\n");
    const auto grown = fingerprint_file("trades", file);
    const auto grown_why = fingerprint_difference(original, grown);
    ASSERT_TRUE(grown_why);
    EXPECT_NE(grown_why->find("size 3145728 -> 3145732"), std::string::npos) << *grown_why;
}

TEST(InputFingerprint, SmallAndEmptyFilesAreHashedWhole) {
    const auto dir = scratch("fp_small");
    const fs::path empty = dir / "empty.csv";
    const fs::path small = dir / "small.csv";
    spit(empty, "");
    spit(small, "a,b\n1,2\n");
    const auto e = fingerprint_file("nbbo", empty);
    const auto s = fingerprint_file("nbbo", small);
    EXPECT_EQ(e.size, 0U);
    EXPECT_NE(e.sample_hash, s.sample_hash);
    // For a small file the hash covers the size and every byte exactly once.
    std::string size_bytes(8, '\0');
    size_bytes[0] = 8;
    EXPECT_EQ(s.sample_hash, fnv1a64("a,b\n1,2\n", fnv1a64(size_bytes)));
}

TEST(InputFingerprint, KnownFnv1aValues) {
    EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
    EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
    EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(InputFingerprint, JsonRoundTrip) {
    const InputFingerprint fp{"orders", "/data/o.csv", 123456789012ULL, -5, 0xFEDCBA9876543210ULL};
    const auto json = to_json(fp);
    EXPECT_EQ(json.at("sample_hash"), "fedcba9876543210");
    EXPECT_EQ(fingerprint_from_json(json), fp);
    auto broken = json;
    broken.erase("size");
    EXPECT_THROW(fingerprint_from_json(broken), std::invalid_argument);
    broken = json;
    broken["sample_hash"] = "xyz";
    EXPECT_THROW(fingerprint_from_json(broken), std::invalid_argument);
}

// Paths are bytes: one that is not UTF-8 survives the registry exactly, so its run resumes.
TEST(InputFingerprint, APathThatIsNotUtf8RoundTripsExactly) {
    const InputFingerprint fp{"orders", std::string("/data/ord\xff\xfe.csv"), 1, 2, 3};
    const nlohmann::json json = to_json(fp);
    EXPECT_EQ(json.at("path_hex"), "2f646174612f6f7264fffe2e637376");
    EXPECT_NO_THROW((void)json.dump());  // a valid JSON document
    EXPECT_EQ(fingerprint_from_json(nlohmann::json::parse(json.dump())), fp);
    nlohmann::json broken = json;
    broken["path_hex"] = "zz";
    EXPECT_THROW(fingerprint_from_json(broken), std::invalid_argument);
    EXPECT_FALSE(to_json(InputFingerprint{"orders", "/data/ordé.csv", 1, 2, 3}).contains("path_hex"));
}

TEST(InputFingerprint, ListDifferenceComparesInInputOrder) {
    const InputFingerprint orders{"orders", "/o", 1, 1, 1};
    const InputFingerprint trades{"trades", "/t", 2, 2, 2};
    const InputFingerprint nbbo{"nbbo", "/n", 3, 3, 3};
    EXPECT_FALSE(input_files_difference({orders, trades}, {orders, trades}).has_value());
    // Order matters: it is the order of rows within every partition.
    EXPECT_TRUE(input_files_difference({orders, trades}, {trades, orders}).has_value());
    const auto removed = input_files_difference({orders, trades, nbbo}, {orders, trades});
    ASSERT_TRUE(removed);
    EXPECT_NE(removed->find("input nbbo (/n) is no longer given"), std::string::npos) << *removed;
    const auto added = input_files_difference({orders}, {orders, nbbo});
    ASSERT_TRUE(added);
    EXPECT_NE(added->find("input nbbo (/n) is new"), std::string::npos) << *added;
    InputFingerprint moved = orders;
    moved.path = "/elsewhere";
    const auto path_changed = input_files_difference({orders}, {moved});
    ASSERT_TRUE(path_changed);
    EXPECT_NE(path_changed->find("path /o -> /elsewhere"), std::string::npos) << *path_changed;
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
