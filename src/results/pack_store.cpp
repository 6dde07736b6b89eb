#include "results/pack_store.h"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "common/beneath.h"
#include "common/errors.h"
#include "common/wire_format.h"
#include "results/partition_record.h"

namespace mdp::results {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPackMagic = "MDPPACK1";
constexpr std::string_view kFrameMagic = "MDPR";
constexpr size_t kFrameBytes = 16;

std::string frame_of(uint64_t payload_length) {
    WireWriter frame;
    for (const char c : kFrameMagic) frame.u8(static_cast<uint8_t>(c));
    frame.u32(0);
    frame.u64(payload_length);
    return frame.take();
}

// pwrite of all of `bytes`, retried after short writes and signals.
void write_all_at(int fd, std::string_view bytes, uint64_t offset, const fs::path& shown_as) {
    while (!bytes.empty()) {
        const ssize_t n = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("write", shown_as);
        }
        bytes.remove_prefix(static_cast<size_t>(n));
        offset += static_cast<uint64_t>(n);
    }
}

// pread of exactly `count` bytes; false when the file ends first.
bool read_exactly_at(int fd, char* out, size_t count, uint64_t offset, const fs::path& shown_as) {
    while (count > 0) {
        const ssize_t n = ::pread(fd, out, count, static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("read", shown_as);
        }
        if (n == 0) return false;
        out += n;
        count -= static_cast<size_t>(n);
        offset += static_cast<uint64_t>(n);
    }
    return true;
}

}  // namespace

std::string pack_file_name(uint64_t number) { return std::to_string(number) + ".pack"; }

struct PackWriterPool::Pack {
    UniqueFd fd;
    uint64_t number = 0;
    uint64_t size = 0;  // where the next frame goes
    fs::path shown_as;
};

PackWriterPool::PackWriterPool(int output_fd, fs::path output_dir, fs::path packs_dir)
    : output_fd_(output_fd), output_dir_(std::move(output_dir)), packs_dir_(std::move(packs_dir)) {}

PackWriterPool::~PackWriterPool() = default;

std::unique_ptr<PackWriterPool::Pack> PackWriterPool::create_pack() {
    make_directories_beneath(output_fd_, packs_dir_, output_dir_ / packs_dir_);
    auto pack = std::make_unique<Pack>();
    for (;;) {
        uint64_t number = 0;
        {
            const std::lock_guard lock(mutex_);
            number = next_number_++;
        }
        const fs::path relative = packs_dir_ / pack_file_name(number);
        try {
            pack->fd = open_beneath(output_fd_, relative, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644, output_dir_);
        } catch (const IoError& e) {
            if (e.error_number() == EEXIST) continue;  // an earlier run's, or another rank's
            throw;
        }
        pack->number = number;
        pack->shown_as = output_dir_ / relative;
        break;
    }
    write_all_at(pack->fd.get(), kPackMagic, 0, pack->shown_as);
    pack->size = kPackMagic.size();
    return pack;
}

std::unique_ptr<PackWriterPool::Pack> PackWriterPool::acquire() {
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto pack = std::move(idle_.back());
            idle_.pop_back();
            return pack;
        }
    }
    return create_pack();
}

RecordLocation PackWriterPool::append(std::string_view payload) {
    std::unique_ptr<Pack> pack = acquire();
    // Back to the idle list however the write ends: a failed write leaves its bytes past
    // `size`, where the next record overwrites them.
    struct GiveBack {
        PackWriterPool& pool;
        std::unique_ptr<Pack>& pack;
        ~GiveBack() {
            const std::lock_guard lock(pool.mutex_);
            pool.idle_.push_back(std::move(pack));
        }
    } give_back{*this, pack};
    const uint64_t offset = pack->size;
    std::string bytes = frame_of(payload.size());
    bytes.append(payload);
    write_all_at(pack->fd.get(), bytes, offset, pack->shown_as);
    pack->size += bytes.size();
    return RecordLocation{pack->number, offset, payload.size(), XXH3_64bits(payload.data(), payload.size())};
}

PackReader::PackReader(int output_fd, fs::path output_dir, fs::path packs_dir)
    : output_fd_(output_fd), output_dir_(std::move(output_dir)), packs_dir_(std::move(packs_dir)) {}

int PackReader::pack_fd(uint64_t number) {
    const auto it = open_.find(number);
    if (it != open_.end()) return it->second.get();
    const fs::path relative = packs_dir_ / pack_file_name(number);
    try {
        UniqueFd fd = open_beneath(output_fd_, relative, O_RDONLY | O_CLOEXEC, 0, output_dir_);
        return open_.emplace(number, std::move(fd)).first->second.get();
    } catch (const IoError& e) {
        if (e.error_number() == ENOENT) throw RecordError((packs_dir_ / pack_file_name(number)).string() + " is missing");
        throw;
    }
}

void PackReader::read(const RecordLocation& location, std::string& payload) {
    const int fd = pack_fd(location.pack);
    const std::string pack_name = (packs_dir_ / pack_file_name(location.pack)).string();
    const std::string where = pack_name + " at byte " + std::to_string(location.offset);
    const fs::path shown_as = output_dir_ / packs_dir_ / pack_file_name(location.pack);
    std::array<char, kFrameBytes> frame{};
    if (!read_exactly_at(fd, frame.data(), frame.size(), location.offset, shown_as)) {
        throw RecordError(where + ": the pack ends before the record");
    }
    if (std::string_view(frame.data(), frame.size()) != frame_of(location.length)) {
        throw RecordError(where + ": no record of " + std::to_string(location.length) + " bytes there");
    }
    payload.resize(location.length);
    if (!read_exactly_at(fd, payload.data(), payload.size(), location.offset + kFrameBytes, shown_as)) {
        throw RecordError(where + ": the pack ends inside the record");
    }
    if (XXH3_64bits(payload.data(), payload.size()) != location.checksum) {
        throw RecordError(where + ": the record's checksum does not match (the pack was changed or damaged)");
    }
}

}  // namespace mdp::results
