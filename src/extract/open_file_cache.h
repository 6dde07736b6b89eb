#pragma once
// A bounded set of open append-mode file descriptors, least recently used closed first, so that
// extraction can write to far more partition files than the process's open-file limit.

#include <cstdint>
#include <filesystem>
#include <list>
#include <unordered_map>

#include "common/unique_fd.h"

namespace mdp::extract {

class OpenFileCache {
public:
    explicit OpenFileCache(size_t capacity);

    // An fd open for appending to `path` (created if missing), identified by `file_id`.
    // Throws IoError if the file cannot be opened.
    int get(uint64_t file_id, const std::filesystem::path& path);
    void close_all();

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
