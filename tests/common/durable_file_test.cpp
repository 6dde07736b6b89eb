#include "common/durable_file.h"

#include <gtest/gtest.h>

#include "common/errors.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(MDP_SCRATCH_DIR) / "durable_file" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

TEST(DurableFile, WritesAndReplacesWithoutLeavingTemporaries) {
    const fs::path dir = scratch("replace");
    const fs::path target = dir / "state.json";
    write_file_atomically(target, "first");
    EXPECT_EQ(read_file(target), "first");
    write_file_atomically(target, "second, longer");
    EXPECT_EQ(read_file(target), "second, longer");
    size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1U);
}

TEST(DurableFile, MissingDirectoryIsAnIoErrorNamingThePath) {
    const fs::path target = scratch("missing") / "no" / "such" / "dir" / "file";
    try {
        write_file_atomically(target, "x");
        FAIL() << "expected IoError";
    } catch (const IoError& e) {
        EXPECT_NE(std::string(e.what()).find("no/such/dir"), std::string::npos) << e.what();
    }
    EXPECT_THROW(read_file(target), IoError);
}

}  // namespace
}  // namespace mdp
