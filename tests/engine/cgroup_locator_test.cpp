#include "engine/cgroup_locator.h"

#include <gtest/gtest.h>

#include "fake_system_tree.h"

namespace mdp::engine {
namespace {

using testing::FakeSystemTree;

TEST(CgroupLocator, ParsesProcSelfCgroup) {
    const auto lines = parse_proc_self_cgroup(
        "12:pids:/user.slice\n4:cpu,cpuacct:/docker/abc\n1:name=systemd:/init.scope\n0::/a/b\n"
        "garbage\n");
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[1].hierarchy_id, 4u);
    EXPECT_EQ(lines[1].controllers, (std::vector<std::string>{"cpu", "cpuacct"}));
    EXPECT_EQ(lines[1].path, "/docker/abc");
    EXPECT_EQ(lines[3].hierarchy_id, 0u);
    EXPECT_TRUE(lines[3].controllers.empty());
    EXPECT_EQ(lines[3].path, "/a/b");
}

TEST(CgroupLocator, ParsesCgroupMountsOnly) {
    const auto mounts = parse_cgroup_mounts(
        std::string(testing::kHybridMountinfo) +
        "40 31 0:40 /kube/pod1 /sys/fs/cgroup/my\\040mem rw shared:1 master:2 - cgroup cgroup "
        "rw,memory\n");
    ASSERT_EQ(mounts.size(), 4u);
    EXPECT_EQ(mounts[0].version, 2);
    EXPECT_EQ(mounts[0].mount_point, "/sys/fs/cgroup/unified");
    EXPECT_EQ(mounts[1].version, 1);
    EXPECT_EQ(mounts[1].super_options, (std::vector<std::string>{"rw", "cpu", "cpuacct"}));
    EXPECT_EQ(mounts[3].root, "/kube/pod1");
    EXPECT_EQ(mounts[3].mount_point, "/sys/fs/cgroup/my mem");  // \040 is a space
}

TEST(CgroupLocator, FindsTheV2Directory) {
    FakeSystemTree tree;
    tree.write("/proc/self/cgroup", "0::/user.slice/app.scope\n");
    tree.write("/proc/self/mountinfo", testing::kV2Mountinfo);
    tree.write("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
    const CgroupLocation location = locate_cgroup(tree.root(), "memory");
    EXPECT_EQ(location.version, 2);
    EXPECT_EQ(location.path, "/user.slice/app.scope");
    EXPECT_EQ(location.directory, tree.root() / "sys/fs/cgroup/user.slice/app.scope");
    EXPECT_EQ(location.mount_directory, tree.root() / "sys/fs/cgroup");
    EXPECT_EQ(location.describe(tree.root()),
              "v2 /user.slice/app.scope at /sys/fs/cgroup/user.slice/app.scope");
}

TEST(CgroupLocator, RootCgroupIsTheMountPoint) {
    FakeSystemTree tree;
    tree.write("/proc/self/cgroup", "0::/\n");
    tree.write("/proc/self/mountinfo", testing::kV2Mountinfo);
    const CgroupLocation location = locate_cgroup(tree.root(), "cpu");
    EXPECT_EQ(location.version, 2);
    EXPECT_EQ(location.directory, tree.root() / "sys/fs/cgroup");
}

TEST(CgroupLocator, V2ControllerNotEnabledIsNotFound) {
    FakeSystemTree tree;
    tree.write("/proc/self/cgroup", "0::/x\n");
    tree.write("/proc/self/mountinfo", testing::kV2Mountinfo);
    tree.write("/sys/fs/cgroup/cgroup.controllers", "memory pids\n");
    const CgroupLocation location = locate_cgroup(tree.root(), "cpu");
    EXPECT_EQ(location.version, 0);
    EXPECT_NE(location.note.find("not enabled"), std::string::npos);
    EXPECT_EQ(locate_cgroup(tree.root(), "memory").version, 2);
}

TEST(CgroupLocator, FindsV1ControllersInTheHybridLayout) {
    FakeSystemTree tree;
    tree.write("/proc/self/cgroup",
               "5:memory:/user.slice\n3:cpu,cpuacct:/user.slice\n1:name=systemd:/user.slice\n"
               "0::/user.slice\n");
    tree.write("/proc/self/mountinfo", testing::kHybridMountinfo);
    tree.write("/sys/fs/cgroup/unified/cgroup.controllers", "");  // hybrid: no v2 controllers
    const CgroupLocation cpu = locate_cgroup(tree.root(), "cpu");
    EXPECT_EQ(cpu.version, 1);
    EXPECT_EQ(cpu.directory, tree.root() / "sys/fs/cgroup/cpu,cpuacct/user.slice");
    const CgroupLocation memory = locate_cgroup(tree.root(), "memory");
    EXPECT_EQ(memory.version, 1);
    EXPECT_EQ(memory.directory, tree.root() / "sys/fs/cgroup/memory/user.slice");
}

TEST(CgroupLocator, ContainerMountShowingItsOwnCgroup) {
    FakeSystemTree tree;
    tree.write("/proc/self/cgroup", "4:memory:/docker/abc/sub\n");
    tree.write("/proc/self/mountinfo",
               "35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
    const CgroupLocation location = locate_cgroup(tree.root(), "memory");
    EXPECT_EQ(location.version, 1);
    EXPECT_EQ(location.directory, tree.root() / "sys/fs/cgroup/memory/sub");
    EXPECT_TRUE(location.note.empty());
}

TEST(CgroupLocator, CgroupOutsideTheMountRootFallsBackToTheMountPoint) {
    FakeSystemTree tree;
    tree.write("/proc/self/cgroup", "4:memory:/elsewhere\n");
    tree.write("/proc/self/mountinfo",
               "35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
    const CgroupLocation location = locate_cgroup(tree.root(), "memory");
    EXPECT_EQ(location.version, 1);
    EXPECT_EQ(location.directory, tree.root() / "sys/fs/cgroup/memory");
    EXPECT_NE(location.note.find("outside"), std::string::npos);
}

TEST(CgroupLocator, MissingFilesMeanNoCgroup) {
    FakeSystemTree tree;
    CgroupLocation location = locate_cgroup(tree.root(), "cpu");
    EXPECT_EQ(location.version, 0);
    EXPECT_NE(location.note.find("/proc/self/cgroup"), std::string::npos);
    tree.write("/proc/self/cgroup", "0::/\n");
    location = locate_cgroup(tree.root(), "cpu");
    EXPECT_EQ(location.version, 0);
    EXPECT_NE(location.note.find("mountinfo"), std::string::npos);
    tree.write("/proc/self/mountinfo", "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n");
    location = locate_cgroup(tree.root(), "cpu");
    EXPECT_EQ(location.version, 0);
    EXPECT_NE(location.describe(tree.root()).find("none"), std::string::npos);
}

}  // namespace
}  // namespace mdp::engine
