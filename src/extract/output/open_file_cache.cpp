#include "extract/output/open_file_cache.h"

#include <fcntl.h>
#include <sys/resource.h>

#include <algorithm>

#include "common/beneath.h"
#include "common/errors.h"

namespace mdp::extract {

OpenFileCache::OpenFileCache(size_t capacity) : capacity_(std::max<size_t>(capacity, 1)) {}

int OpenFileCache::find(uint64_t file_id) {
    const auto it = by_id_.find(file_id);
    if (it == by_id_.end()) return -1;
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->fd.get();
}

void OpenFileCache::make_room(size_t count) {
    while (!lru_.empty() && lru_.size() + count > capacity_) {
        by_id_.erase(lru_.back().file_id);
        lru_.pop_back();
    }
}

void OpenFileCache::adopt(uint64_t file_id, UniqueFd fd) {
    lru_.push_front(Entry{file_id, std::move(fd)});
    by_id_[file_id] = lru_.begin();
}

void OpenFileCache::close_all() {
    by_id_.clear();
    lru_.clear();
}

UniqueFd OpenFileCache::open_for_append(int dir_fd, const std::filesystem::path& relative,
                                        const std::filesystem::path& shown_as) {
    return open_beneath(dir_fd, relative, O_WRONLY | O_CREAT | O_APPEND, 0644, shown_as);
}

size_t OpenFileCache::default_capacity() {
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 512;
    // Half the limit, minus a margin for inputs, the registry, TBB and the C library.
    const auto soft = static_cast<size_t>(limit.rlim_cur);
    return std::clamp<size_t>(soft / 2 > 32 ? soft / 2 - 16 : 8, 8, 1024);
}

}  // namespace mdp::extract
