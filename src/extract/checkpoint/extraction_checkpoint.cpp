#include "extract/checkpoint/extraction_checkpoint.h"

#include <cstring>
#include <stdexcept>
#include <type_traits>

#include "common/durable_file.h"
#include "common/hash.h"

namespace mdp::extract {

namespace {

class Writer {
public:
    template <typename T>
    void put(T value) {
        static_assert(std::is_trivially_copyable_v<T>);
        out_.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    void put_string(std::string_view s) {
        put<uint64_t>(s.size());
        out_.append(s);
    }
    std::string& bytes() { return out_; }

private:
    std::string out_;
};

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    template <typename T>
    T get() {
        T value{};
        need(sizeof value);
        std::memcpy(&value, in_.data() + pos_, sizeof value);
        pos_ += sizeof value;
        return value;
    }
    std::string get_string() {
        const auto size = get<uint64_t>();
        need(size);
        std::string s(in_.substr(pos_, size));
        pos_ += size;
        return s;
    }
    size_t remaining() const { return in_.size() - pos_; }

private:
    void need(uint64_t n) const {
        if (n > in_.size() - pos_) throw std::runtime_error("extraction checkpoint is truncated");
    }
    std::string_view in_;
    size_t pos_ = 0;
};

void put_counts(Writer& w, const FileCounts& c) {
    w.put(c.bytes);
    w.put(c.rows);
}

// A count of records of `record_bytes` each, refused if the rest of the bytes cannot hold them
// (so a corrupt count cannot make us allocate without bound).
size_t checked_count(Reader& r, size_t record_bytes) {
    const auto count = r.get<uint64_t>();
    if (count > r.remaining() / record_bytes) throw std::runtime_error("extraction checkpoint is truncated");
    return static_cast<size_t>(count);
}

FileCounts get_counts(Reader& r) {
    FileCounts c;
    c.bytes = r.get<uint64_t>();
    c.rows = r.get<uint64_t>();
    return c;
}

}  // namespace

bool ExtractionCheckpoint::complete() const {
    for (const InputProgress& input : inputs) {
        if (!input.done) return false;
    }
    return true;
}

std::string ExtractionCheckpoint::serialize() const {
    Writer w;
    w.bytes().append(kMagic);
    w.put_string(identity);
    w.put<uint64_t>(inputs.size());
    for (const InputProgress& input : inputs) {
        w.put(input.offset);
        w.put(input.lines);
        w.put<uint8_t>(input.done ? 1 : 0);
        w.put(input.decoded_hash.low);
        w.put(input.decoded_hash.high);
        w.put(input.content_hash.low);
        w.put(input.content_hash.high);
    }
    w.put<uint64_t>(rejects.size());
    for (const FileCounts& counts : rejects) put_counts(w, counts);
    w.put<uint64_t>(partitions.size());
    for (const PartitionFiles& partition : partitions) {
        w.put<int32_t>(static_cast<int32_t>(partition.key.date.to_days()));
        w.put<uint64_t>(partition.key.security);
        for (const FileCounts& counts : partition.files) put_counts(w, counts);
    }
    w.put(fnv1a64(w.bytes()));
    return std::move(w.bytes());
}

ExtractionCheckpoint ExtractionCheckpoint::parse(std::string_view bytes) {
    if (bytes.size() < kMagic.size() + sizeof(uint64_t) || bytes.substr(0, kMagic.size()) != kMagic) {
        throw std::runtime_error("not an extraction checkpoint");
    }
    const std::string_view body = bytes.substr(0, bytes.size() - sizeof(uint64_t));
    uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + body.size(), sizeof stored);
    if (stored != fnv1a64(body)) throw std::runtime_error("extraction checkpoint is corrupt (checksum)");

    Reader r(body.substr(kMagic.size()));
    ExtractionCheckpoint cp;
    cp.identity = r.get_string();
    cp.inputs.resize(checked_count(r, 17 + 32));
    for (InputProgress& input : cp.inputs) {
        input.offset = r.get<uint64_t>();
        input.lines = r.get<uint64_t>();
        input.done = r.get<uint8_t>() != 0;
        input.decoded_hash.low = r.get<uint64_t>();
        input.decoded_hash.high = r.get<uint64_t>();
        input.content_hash.low = r.get<uint64_t>();
        input.content_hash.high = r.get<uint64_t>();
    }
    cp.rejects.resize(checked_count(r, 16));
    for (FileCounts& counts : cp.rejects) counts = get_counts(r);
    cp.partitions.resize(checked_count(r, 4 + 8 + 3 * 16));
    for (PartitionFiles& partition : cp.partitions) {
        partition.key.date = CivilDate::from_days(r.get<int32_t>());
        partition.key.security = r.get<uint64_t>();
        for (FileCounts& counts : partition.files) counts = get_counts(r);
    }
    if (r.remaining() != 0) throw std::runtime_error("extraction checkpoint has trailing bytes");
    return cp;
}

std::filesystem::path ExtractionCheckpoint::path_in(const std::filesystem::path& output_dir) {
    return output_dir / "extract.checkpoint";
}

void ExtractionCheckpoint::save(const std::filesystem::path& output_dir) const {
    write_file_atomically(path_in(output_dir), serialize());
}

std::optional<ExtractionCheckpoint> ExtractionCheckpoint::load(const std::filesystem::path& output_dir) {
    const auto path = path_in(output_dir);
    if (!std::filesystem::exists(path)) return std::nullopt;
    return parse(read_file(path));
}

}  // namespace mdp::extract
