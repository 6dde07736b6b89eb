#pragma once
// A bounded set of open append-mode file descriptors, least recently used closed first, so that
// extraction can write to far more partition files than the process's open-file limit.
//
// Not thread-safe. A parallel writer uses it in three serial steps around its parallel work:
// find() the descriptors already open, make_room() for the ones it will open itself (with
// open_for_append, on any thread), then adopt() what it opened.

#include <cstdint>
#include <filesystem>
#include <list>
#include <unordered_map>

#include "common/unique_fd.h"

namespace mdp::extract {

class OpenFileCache {
public:
    explicit OpenFileCache(size_t capacity);

    // The open fd of `file_id`, now the most recently used, or -1 if it is not open.
    int find(uint64_t file_id);
    // Closes least recently used fds until `count` more fit. Fds returned by the last
    // `capacity() - count` find() calls stay open.
    void make_room(size_t count);
    // Takes ownership of an fd opened by the caller (with open_for_append).
    void adopt(uint64_t file_id, UniqueFd fd);

    void close_all();
    size_t capacity() const { return capacity_; }

    // Opens `path` for appending, creating it (0644) if missing. Throws IoError. Thread-safe.
    // Opens (creating it) `relative` below the directory `dir_fd` for appending, following no
    // symbolic link (common/beneath.h); errors name `shown_as / relative`.
    static UniqueFd open_for_append(int dir_fd, const std::filesystem::path& relative,
                                    const std::filesystem::path& shown_as);
    // A capacity that leaves room under RLIMIT_NOFILE for everything else the process opens.
    static size_t default_capacity();

private:
    struct Entry {
        uint64_t file_id;
        UniqueFd fd;
    };
    size_t capacity_;
    std::list<Entry> lru_;  // most recently used first
    std::unordered_map<uint64_t, std::list<Entry>::iterator> by_id_;
};

}  // namespace mdp::extract
