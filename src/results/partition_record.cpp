#include "results/partition_record.h"

#include <zstd.h>

#include <memory>

#include "common/wire_format.h"

namespace mdp::results {

namespace {

// Bumped whenever the layout below changes.
constexpr uint32_t kRecordVersion = 2;

// The files are most of a record and mostly repeated text (headers, JSON keys, the 11 metric
// rows of an empty partition): zstd level 1 makes them several times smaller for a few
// microseconds, which matters when a run stores 1.25 M of them (docs/design/storage.md).
constexpr int kFilesCompressionLevel = 1;
// A decompressed files section is never believed to be larger than this.
constexpr uint64_t kMaxFilesBytes = uint64_t{1} << 34;

struct CompressionContext {
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    ZSTD_DCtx* dctx = ZSTD_createDCtx();
    ~CompressionContext() {
        ZSTD_freeCCtx(cctx);
        ZSTD_freeDCtx(dctx);
    }
};

// One per thread: records are encoded on the engine's workers, decoded by consolidation.
CompressionContext& compression_context() {
    thread_local CompressionContext context;
    return context;
}

std::string compress_files(const std::string& files) {
    std::string out(ZSTD_compressBound(files.size()), '\0');
    const size_t n = ZSTD_compressCCtx(compression_context().cctx, out.data(), out.size(), files.data(),
                                       files.size(), kFilesCompressionLevel);
    if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

std::string decompress_files(std::string_view compressed, uint64_t size) {
    if (size > kMaxFilesBytes) throw RecordError("result record: impossible files size");
    std::string out(size, '\0');
    const size_t n = ZSTD_decompressDCtx(compression_context().dctx, out.data(), out.size(), compressed.data(),
                                         compressed.size());
    if (ZSTD_isError(n) || n != size) throw RecordError("result record: damaged files section");
    return out;
}

}  // namespace

std::string encode_record(const PartitionKey& key, const PartitionSummary& summary,
                          const std::vector<analyzers::PartitionFile>& files) {
    WireWriter out;
    out.u32(kRecordVersion);
    out.i64(key.date.to_days());
    out.u64(key.security);
    const PartitionHeadline& h = summary.headline;
    out.i64(h.n_pairs);
    out.f64(h.mean_real_exec_cost_arrival_bps);
    out.f64(h.mean_sim_exec_cost_arrival_bps);
    out.f64(h.mean_saving_bps);
    out.f64(h.saving_paired_t_pvalue);
    out.u64(summary.differences.size());
    for (const Differences& d : summary.differences) {
        for (const double value : d) out.f64(value);
    }
    out.u64(summary.root_causes.size());
    for (const auto& [cause, orders] : summary.root_causes) {
        out.str(cause);
        out.i64(orders);
    }
    WireWriter files_section;
    files_section.u64(files.size());
    for (const analyzers::PartitionFile& file : files) {
        files_section.str(file.path);
        files_section.str(file.content);
    }
    out.u64(files_section.bytes().size());
    out.str(compress_files(files_section.bytes()));
    return out.take();
}

std::vector<analyzers::PartitionFile> partition_files_of(const PartitionRecord& record) {
    std::vector<analyzers::PartitionFile> files;
    files.reserve(record.files.size());
    for (const StoredFile& file : record.files) files.push_back({file.path, file.content});
    return files;
}

std::string encode_record(const PartitionRecord& record) {
    return encode_record(record.key, record.summary, partition_files_of(record));
}

void decode_record(std::string_view bytes, PartitionRecord& out) {
    try {
        WireReader in(bytes);
        const uint32_t version = in.u32();
        if (version != kRecordVersion) {
            throw RecordError("result record of format " + std::to_string(version) + ", this version reads " +
                              std::to_string(kRecordVersion));
        }
        const std::optional<CivilDate> date = CivilDate::from_days_in_range(in.i64());
        if (!date) throw RecordError("result record with an impossible date");
        out.key = PartitionKey{*date, in.u64()};
        PartitionHeadline& h = out.summary.headline;
        h.n_pairs = in.i64();
        h.mean_real_exec_cost_arrival_bps = in.f64();
        h.mean_sim_exec_cost_arrival_bps = in.f64();
        h.mean_saving_bps = in.f64();
        h.saving_paired_t_pvalue = in.f64();
        // Counts are checked against what is left before anything is reserved: a damaged count
        // must not make us allocate its value.
        const uint64_t rows = in.u64();
        if (rows > bytes.size() / (kMetricCount * sizeof(double))) throw RecordError("result record: bad row count");
        out.summary.differences.resize(rows);
        for (Differences& d : out.summary.differences) {
            for (double& value : d) value = in.f64();
        }
        out.summary.root_causes.clear();
        const uint64_t causes = in.u64();
        if (causes > bytes.size()) throw RecordError("result record: bad root-cause count");
        for (uint64_t i = 0; i < causes; ++i) {
            std::string cause = in.str();
            out.summary.root_causes[std::move(cause)] = in.i64();
        }
        const uint64_t files_size = in.u64();
        const std::string files_section = decompress_files(in.str(), files_size);
        if (!in.at_end()) throw RecordError("result record: trailing bytes");
        WireReader files_in(files_section);
        const uint64_t files = files_in.u64();
        if (files > files_section.size()) throw RecordError("result record: bad file count");
        out.files.resize(files);
        for (StoredFile& file : out.files) {
            file.path = files_in.str();
            file.content = files_in.str();
        }
        if (!files_in.at_end()) throw RecordError("result record: trailing bytes in its files");
    } catch (const WireError& e) {
        throw RecordError(std::string("result record is cut short: ") + e.what());
    }
}

std::vector<std::string_view> detailed_rows(const PartitionRecord& record, std::string_view expected_header) {
    if (record.files.empty() || record.files.front().path != analyzers::kDetailedFile) {
        throw RecordError("result record without its detailed comparison");
    }
    std::string_view text = record.files.front().content;
    std::vector<std::string_view> rows;
    bool header = true;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (header) {
            if (line != expected_header) throw RecordError("detailed comparison with other columns than this version writes");
            header = false;
        } else {
            rows.push_back(line);
        }
    }
    if (rows.size() != record.summary.differences.size()) {
        throw RecordError("detailed comparison of " + std::to_string(rows.size()) + " rows, summary of " +
                          std::to_string(record.summary.differences.size()));
    }
    return rows;
}

}  // namespace mdp::results
