#pragma once
// Finds the directory of this process's cgroup for one controller ("cpu" or "memory"), the way
// the kernel exposes it: /proc/self/cgroup says which cgroup the process is in (per v1
// hierarchy, or "0::<path>" for v2), /proc/self/mountinfo says where each hierarchy is mounted.
// Handles v1, v2, the hybrid layout (v1 controllers plus an empty v2 hierarchy), the root cgroup
// "/" and container mounts whose root is the container's own cgroup.
//
// Everything is read below a configurable root directory so that tests can use fake trees.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mdp::engine {

// One line of /proc/self/cgroup: "hierarchy-id:controller,list:/path".
struct CgroupMembership {
    unsigned hierarchy_id = 0;
    std::vector<std::string> controllers;  // empty for the v2 hierarchy
    std::string path;
};
std::vector<CgroupMembership> parse_proc_self_cgroup(std::string_view text);

// A cgroup or cgroup2 mount from /proc/self/mountinfo.
struct CgroupMount {
    std::string root;         // the part of the hierarchy the mount shows ("/" usually)
    std::string mount_point;  // e.g. "/sys/fs/cgroup/memory"
    int version = 0;          // 1 (fstype cgroup) or 2 (fstype cgroup2)
    std::vector<std::string> super_options;  // v1: includes the controller names
};
std::vector<CgroupMount> parse_cgroup_mounts(std::string_view mountinfo);

struct CgroupLocation {
    int version = 0;                        // 0: not found (see `note`)
    std::string path;                       // the process's cgroup within its hierarchy
    std::filesystem::path mount_directory;  // the hierarchy's mount point, below the root
    std::filesystem::path directory;        // the cgroup's directory, below the root
    std::string note;                       // why it was not found, or a caveat

    // A one-line description such as "v2 /user.slice/x.scope at /sys/fs/cgroup/user.slice/...".
    std::string describe(const std::filesystem::path& root) const;
};

CgroupLocation locate_cgroup(const std::filesystem::path& root, std::string_view controller);

// `path` (below `root`) as the process sees it: "/sys/fs/cgroup/cpu.max".
std::string as_seen_by_process(const std::filesystem::path& root,
                               const std::filesystem::path& path);

}  // namespace mdp::engine
