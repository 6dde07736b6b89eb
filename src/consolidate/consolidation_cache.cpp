#include "consolidate/consolidation_cache.h"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>

#include "analyzers/partition_files.h"
#include "common/beneath.h"
#include "common/errors.h"
#include "common/wire_format.h"
#include "consolidate/consolidated_directory.h"

namespace mdp::consolidate {

namespace {

// The first bytes of a cache file; the digit is the format, bumped whenever it changes (a cache
// of another format is ignored: the consolidation reads every record).
constexpr std::string_view kMagic = "mdp consolidation cache 1\n";
// An entry claiming more is damage, not data.
constexpr uint64_t kMaxEntryBytes = uint64_t{1} << 30;
constexpr size_t kReadBlock = size_t{1} << 20;

void put_u64(std::string& out, uint64_t value) {
    WireWriter w;
    w.u64(value);
    out += w.bytes();
}

uint64_t get_u64(std::string_view bytes) {
    WireReader r(bytes);
    return r.u64();
}

}  // namespace

std::string slim_record(const results::PartitionRecord& record) {
    std::vector<analyzers::PartitionFile> files;
    for (const results::StoredFile& file : record.files) {
        if (file.path == analyzers::kDetailedFile || file.path == analyzers::kUnmatchedFile) {
            files.push_back({file.path, file.content});
        }
    }
    return results::encode_record(record.key, record.summary, files);
}

ConsolidationCacheWriter::ConsolidationCacheWriter(std::filesystem::path path) : out_(std::move(path)) {
    out_.write(kMagic);
}

void ConsolidationCacheWriter::add(const PartitionKey& key, uint64_t record_checksum, std::string_view slim) {
    WireWriter body;
    body.i64(key.date.to_days());
    body.u64(key.security);
    body.u64(record_checksum);
    body.str(slim);
    std::string entry;
    put_u64(entry, body.bytes().size());
    entry += body.bytes();
    put_u64(entry, XXH3_64bits(body.bytes().data(), body.bytes().size()));
    out_.write(entry);
}

void ConsolidationCacheWriter::close() { out_.close(); }

ConsolidationCacheReader::ConsolidationCacheReader(int output_fd, const std::filesystem::path& output_dir) {
    try {
        fd_ = open_beneath(output_fd, std::filesystem::path(kConsolidatedDirectory) / kConsolidationCacheFile,
                           O_RDONLY | O_CLOEXEC, 0, output_dir);
    } catch (const IoError&) {
        return;  // none (or not ours to read): every record is read from its pack
    }
    if (!fill(kMagic.size()) || std::string_view(buffer_).substr(0, kMagic.size()) != kMagic) {
        fd_ = UniqueFd();
        return;
    }
    at_ = kMagic.size();
    read_next();
}

bool ConsolidationCacheReader::fill(size_t bytes) {
    if (buffer_.size() - at_ >= bytes) return true;
    buffer_.erase(0, at_);
    at_ = 0;
    while (buffer_.size() < bytes) {
        const size_t old_size = buffer_.size();
        buffer_.resize(old_size + std::max(kReadBlock, bytes - old_size));
        const ssize_t n = ::read(fd_.get(), buffer_.data() + old_size, buffer_.size() - old_size);
        buffer_.resize(old_size + static_cast<size_t>(n > 0 ? n : 0));
        if (n <= 0) return false;
    }
    return true;
}

// Reads the next entry into next_; at the end, or at damage, the cache ends there.
bool ConsolidationCacheReader::read_next() {
    next_.reset();
    if (!fd_ || !fill(8)) return false;
    const uint64_t length = get_u64(std::string_view(buffer_).substr(at_, 8));
    if (length > kMaxEntryBytes || !fill(8 + length + 8)) return false;
    const std::string_view body = std::string_view(buffer_).substr(at_ + 8, length);
    const uint64_t checksum = get_u64(std::string_view(buffer_).substr(at_ + 8 + length, 8));
    if (XXH3_64bits(body.data(), body.size()) != checksum) {
        fd_ = UniqueFd();
        return false;
    }
    try {
        WireReader in(body);
        Entry entry;
        const std::optional<CivilDate> date = CivilDate::from_days_in_range(in.i64());
        const uint64_t security = in.u64();
        if (!date) {
            fd_ = UniqueFd();
            return false;
        }
        entry.key = PartitionKey{*date, security};
        entry.record_checksum = in.u64();
        entry.slim = in.str();
        next_ = std::move(entry);
    } catch (const WireError&) {
        fd_ = UniqueFd();
        return false;
    }
    at_ += 8 + length + 8;
    return true;
}

std::optional<std::string> ConsolidationCacheReader::take(const PartitionKey& key, uint64_t record_checksum) {
    while (next_ && next_->key < key) read_next();
    if (!next_ || !(next_->key == key)) return std::nullopt;
    std::optional<std::string> slim;
    if (next_->record_checksum == record_checksum) slim = std::move(next_->slim);
    read_next();
    return slim;
}

}  // namespace mdp::consolidate
