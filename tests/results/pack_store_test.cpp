#include "results/pack_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include "common/beneath.h"
#include "common/errors.h"
#include "results/partition_record.h"
#include "support/scratch_dir.h"

namespace mdp::results {
namespace {

namespace fs = std::filesystem;
using mdp::testing::fresh_scratch_dir;

const fs::path kPacks{kDefaultPacksDirectory};

TEST(PackStore, RecordsAppendedFromSeveralThreadsReadBackExactly) {
    const fs::path dir = fresh_scratch_dir();
    const UniqueFd fd = open_directory(dir);
    PackWriterPool pool(fd.get(), dir, kPacks);
    constexpr int kThreads = 4;
    constexpr int kEach = 200;
    std::vector<std::vector<std::pair<RecordLocation, std::string>>> written(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const std::string payload(static_cast<size_t>(1 + (i * 37) % 500), static_cast<char>('a' + t));
                written[t].emplace_back(pool.append(payload + std::to_string(i)), payload + std::to_string(i));
            }
        });
    }
    for (auto& thread : threads) thread.join();
    PackReader reader(fd.get(), dir, kPacks);
    std::set<uint64_t> packs;
    std::string payload;
    for (const auto& records : written) {
        for (const auto& [location, expected] : records) {
            reader.read(location, payload);
            EXPECT_EQ(payload, expected);
            packs.insert(location.pack);
        }
    }
    // At most one pack per thread that appended at once.
    EXPECT_LE(packs.size(), static_cast<size_t>(kThreads));
}

TEST(PackStore, EveryWriterTakesNewPacksAndNeverAppendsToAnothersPack) {
    const fs::path dir = fresh_scratch_dir();
    const UniqueFd fd = open_directory(dir);
    RecordLocation first, second;
    {
        PackWriterPool pool(fd.get(), dir, kPacks);
        first = pool.append("first run");
    }
    {
        PackWriterPool pool(fd.get(), dir, kPacks);  // a resumed run, or another MPI rank
        second = pool.append("second run");
    }
    EXPECT_NE(first.pack, second.pack);
    PackReader reader(fd.get(), dir, kPacks);
    std::string payload;
    reader.read(first, payload);
    EXPECT_EQ(payload, "first run");
    reader.read(second, payload);
    EXPECT_EQ(payload, "second run");
}

TEST(PackStore, DamageAMissingPackAndAWrongLocationAreRecordErrors) {
    const fs::path dir = fresh_scratch_dir();
    const UniqueFd fd = open_directory(dir);
    PackWriterPool pool(fd.get(), dir, kPacks);
    const RecordLocation location = pool.append("a record of some length");
    std::string payload;
    {
        PackReader reader(fd.get(), dir, kPacks);
        RecordLocation wrong_length = location;
        wrong_length.length += 1;
        EXPECT_THROW(reader.read(wrong_length, payload), RecordError);
        RecordLocation past_end = location;
        past_end.offset += 1000;
        EXPECT_THROW(reader.read(past_end, payload), RecordError);
        RecordLocation other_pack = location;
        other_pack.pack += 1;
        EXPECT_THROW(reader.read(other_pack, payload), RecordError);
    }
    {
        std::fstream file(dir / kPacks / pack_file_name(location.pack), std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(static_cast<std::streamoff>(location.offset + 16 + 3));
        file.put('X');
    }
    PackReader reader(fd.get(), dir, kPacks);
    EXPECT_THROW(reader.read(location, payload), RecordError);
}

TEST(PackStore, ASymlinkAtThePacksDirectoryIsRefused) {
    const fs::path dir = fresh_scratch_dir();
    fs::create_directories(dir / "outside");
    fs::create_directories(dir / "run/results/default");
    fs::create_directory_symlink(dir / "outside", dir / "run/results/default/packs");
    const UniqueFd fd = open_directory(dir / "run");
    PackWriterPool pool(fd.get(), dir / "run", kPacks);
    EXPECT_THROW(pool.append("x"), IoError);
    EXPECT_TRUE(fs::is_empty(dir / "outside"));
}

}  // namespace
}  // namespace mdp::results
