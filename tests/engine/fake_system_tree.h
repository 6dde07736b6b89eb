#pragma once
// A throw-away directory standing in for "/" (its proc/ and sys/), for the system-detection
// tests. Removed when the object goes.

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace mdp::engine::testing {

class FakeSystemTree {
  public:
    FakeSystemTree() {
        static std::atomic<int> counter{0};
        root_ = std::filesystem::path(MDP_SCRATCH_DIR) / "engine-fake-root" /
                (std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(root_);
        std::filesystem::create_directories(root_);
    }
    ~FakeSystemTree() {
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
    }
    FakeSystemTree(const FakeSystemTree&) = delete;
    FakeSystemTree& operator=(const FakeSystemTree&) = delete;

    // Writes `content` at `path` ("/proc/meminfo") below the fake root.
    void write(const std::string& path, const std::string& content) const {
        const std::filesystem::path file = root_ / std::filesystem::path(path).relative_path();
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
    }

    const std::filesystem::path& root() const { return root_; }

  private:
    std::filesystem::path root_;
};

// Typical files of each layout.
inline constexpr const char* kV2Mountinfo =
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 "
    "rw,nsdelegate,memory_recursiveprot\n";

inline constexpr const char* kV1Mountinfo =
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "31 22 0:28 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:10 - cgroup "
    "cgroup rw,cpu,cpuacct\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup "
    "rw,memory\n"
    "36 31 0:33 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup "
    "rw,pids\n";

inline constexpr const char* kHybridMountinfo =
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "31 22 0:28 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 "
    "cgroup2 rw,nsdelegate\n"
    "33 31 0:30 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:11 - cgroup "
    "cgroup rw,cpu,cpuacct\n"
    "34 31 0:31 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup "
    "rw,memory\n";

inline std::string meminfo(uint64_t total_kb, uint64_t available_kb) {
    return "MemTotal:       " + std::to_string(total_kb) +
           " kB\nMemFree:          123456 kB\nMemAvailable:   " + std::to_string(available_kb) +
           " kB\nBuffers:           1234 kB\n";
}

}  // namespace mdp::engine::testing
