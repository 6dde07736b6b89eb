#include "engine/cgroup_locator.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

namespace mdp::engine {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    size_t begin = 0;
    for (;;) {
        const size_t end = text.find(separator, begin);
        parts.emplace_back(text.substr(begin, end == std::string_view::npos ? end : end - begin));
        if (end == std::string_view::npos) return parts;
        begin = end + 1;
    }
}

std::vector<std::string> split_fields(std::string_view line) {
    std::vector<std::string> fields;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && line[i] == ' ') ++i;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ') ++i;
        if (i > start) fields.emplace_back(line.substr(start, i - start));
    }
    return fields;
}

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescape_octal(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size()) {
            const std::string_view digits = text.substr(i + 1, 3);
            if (std::all_of(digits.begin(), digits.end(),
                            [](char c) { return c >= '0' && c <= '7'; })) {
                out += static_cast<char>((digits[0] - '0') * 64 + (digits[1] - '0') * 8 +
                                         (digits[2] - '0'));
                i += 3;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// `path` without its leading "/" so that it can be appended below the root.
fs::path relative_part(std::string_view path) {
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    return fs::path(std::string(path));
}

}  // namespace

std::vector<CgroupMembership> parse_proc_self_cgroup(std::string_view text) {
    std::vector<CgroupMembership> memberships;
    for (const std::string& line : split(text, '\n')) {
        const size_t first = line.find(':');
        const size_t second = first == std::string::npos ? first : line.find(':', first + 1);
        if (second == std::string::npos) continue;
        CgroupMembership membership;
        const std::string_view id = std::string_view(line).substr(0, first);
        if (std::from_chars(id.data(), id.data() + id.size(), membership.hierarchy_id).ec !=
            std::errc{}) {
            continue;
        }
        const std::string controllers = line.substr(first + 1, second - first - 1);
        if (!controllers.empty()) membership.controllers = split(controllers, ',');
        membership.path = line.substr(second + 1);
        memberships.push_back(std::move(membership));
    }
    return memberships;
}

std::vector<CgroupMount> parse_cgroup_mounts(std::string_view mountinfo) {
    std::vector<CgroupMount> mounts;
    for (const std::string& line : split(mountinfo, '\n')) {
        // id parent major:minor root mount-point options [optional...] - fstype source super
        const std::vector<std::string> fields = split_fields(line);
        const auto dash = std::find(fields.begin(), fields.end(), "-");
        if (fields.size() < 5 || dash == fields.end() || fields.end() - dash < 3) continue;
        const std::string& fs_type = *(dash + 1);
        if (fs_type != "cgroup" && fs_type != "cgroup2") continue;
        CgroupMount mount;
        mount.root = unescape_octal(fields[3]);
        mount.mount_point = unescape_octal(fields[4]);
        mount.version = fs_type == "cgroup2" ? 2 : 1;
        if (fields.end() - dash >= 4) mount.super_options = split(*(dash + 3), ',');
        mounts.push_back(std::move(mount));
    }
    return mounts;
}

std::string as_seen_by_process(const fs::path& root, const fs::path& path) {
    const fs::path relative = path.lexically_relative(root);
    if (relative.empty() || relative.native().starts_with("..")) return path.string();
    if (relative == ".") return "/";
    return "/" + relative.generic_string();
}

std::string CgroupLocation::describe(const fs::path& root) const {
    if (version == 0) return "none (" + note + ")";
    std::string text =
        "v" + std::to_string(version) + " " + path + " at " + as_seen_by_process(root, directory);
    if (!note.empty()) text += " (" + note + ")";
    return text;
}

CgroupLocation locate_cgroup(const fs::path& root, std::string_view controller) {
    CgroupLocation location;
    const auto cgroup_text = read_text(root / "proc/self/cgroup");
    if (!cgroup_text) {
        location.note = "/proc/self/cgroup not available";
        return location;
    }
    const auto mountinfo_text = read_text(root / "proc/self/mountinfo");
    if (!mountinfo_text) {
        location.note = "/proc/self/mountinfo not available";
        return location;
    }
    const std::vector<CgroupMembership> memberships = parse_proc_self_cgroup(*cgroup_text);
    const std::vector<CgroupMount> mounts = parse_cgroup_mounts(*mountinfo_text);

    const CgroupMembership* membership = nullptr;
    const CgroupMount* mount = nullptr;
    // A v1 hierarchy that has the controller wins (this also covers the hybrid layout, where the
    // v2 hierarchy exists but holds no controllers).
    for (const CgroupMembership& m : memberships) {
        if (m.hierarchy_id != 0 && contains(m.controllers, controller)) membership = &m;
    }
    if (membership != nullptr) {
        for (const CgroupMount& m : mounts) {
            if (m.version == 1 && contains(m.super_options, controller)) mount = &m;
        }
        if (mount != nullptr) location.version = 1;
    }
    if (location.version == 0) {
        membership = nullptr;
        for (const CgroupMembership& m : memberships) {
            if (m.hierarchy_id == 0 && m.controllers.empty()) membership = &m;
        }
        for (const CgroupMount& m : mounts) {
            if (m.version == 2) mount = &m;
        }
        if (membership == nullptr || mount == nullptr) {
            location.note = "no cgroup hierarchy with the " + std::string(controller) +
                            " controller is mounted";
            return location;
        }
        const fs::path mount_directory = root / relative_part(mount->mount_point);
        const auto enabled = read_text(mount_directory / "cgroup.controllers");
        if (enabled && !contains(split_fields(std::string(enabled->substr(0, enabled->find('\n')))),
                                 controller)) {
            location.note = "the " + std::string(controller) +
                            " controller is not enabled in the cgroup v2 hierarchy";
            return location;
        }
        location.version = 2;
    }

    location.path = membership->path;
    location.mount_directory = (root / relative_part(mount->mount_point)).lexically_normal();
    // Inside a container the mount often shows only the container's own subtree: its root is
    // the container's cgroup, and the process's path starts with it.
    std::string_view inside = membership->path;
    const std::string_view mount_root = mount->root;
    if (mount_root != "/" && !mount_root.empty()) {
        if (inside == mount_root) {
            inside = "/";
        } else if (inside.starts_with(mount_root) && inside.size() > mount_root.size() &&
                   inside[mount_root.size()] == '/') {
            inside.remove_prefix(mount_root.size());
        } else {
            inside = "/";
            location.note = "the cgroup " + membership->path + " is outside the mount's root " +
                            mount->root + "; using the mount point";
        }
    }
    const fs::path below_mount = relative_part(inside);
    location.directory = below_mount.empty()
                             ? location.mount_directory
                             : (location.mount_directory / below_mount).lexically_normal();
    return location;
}

}  // namespace mdp::engine
