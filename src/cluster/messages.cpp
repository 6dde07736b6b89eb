#include "cluster/messages.h"

#include "common/wire_format.h"

namespace mdp::cluster {

namespace {

void put_item(WireWriter& out, const engine::WorkItem& item) {
    out.str(item.id);
    out.u64(item.size_bytes);
    out.u64(item.estimated_memory_bytes);
    out.u32(item.previous_attempts);
}

engine::WorkItem get_item(WireReader& in) {
    engine::WorkItem item;
    item.id = in.str();
    item.size_bytes = in.u64();
    item.estimated_memory_bytes = in.u64();
    item.previous_attempts = in.u32();
    return item;
}

void require_end(const WireReader& in) {
    if (!in.at_end()) throw WireError("cluster message: trailing bytes");
}

}  // namespace

std::string encode_batch(const Batch& batch) {
    WireWriter out;
    out.u8(batch.exhausted ? 1 : 0);
    out.u64(batch.items.size());
    for (const RemoteItem& remote : batch.items) {
        put_item(out, remote.item);
        out.str(remote.payload);
    }
    return out.take();
}

Batch decode_batch(const std::string& bytes) {
    WireReader in(bytes);
    Batch batch;
    batch.exhausted = in.u8() != 0;
    const uint64_t count = in.u64();
    for (uint64_t i = 0; i < count; ++i) {
        RemoteItem remote;
        remote.item = get_item(in);
        remote.payload = in.str();
        batch.items.push_back(std::move(remote));
    }
    require_end(in);
    return batch;
}

std::string encode_reports(const std::vector<Report>& reports) {
    WireWriter out;
    out.u64(reports.size());
    for (const Report& report : reports) {
        out.u8(static_cast<uint8_t>(report.kind));
        put_item(out, report.item);
        out.u32(report.attempt);
        out.f64(report.seconds);
        out.u64(report.counts.size());
        for (const auto& [name, value] : report.counts) {
            out.str(name);
            out.i64(value);
        }
        out.str(report.text);
        out.u8(report.will_retry ? 1 : 0);
    }
    return out.take();
}

std::vector<Report> decode_reports(const std::string& bytes) {
    WireReader again(bytes);
    std::vector<Report> reports;
    const uint64_t count = again.u64();
    for (uint64_t i = 0; i < count; ++i) {
        Report report;
        const uint8_t kind = again.u8();
        if (kind > static_cast<uint8_t>(Report::Kind::kWarning)) throw WireError("cluster message: bad report kind");
        report.kind = static_cast<Report::Kind>(kind);
        report.item = get_item(again);
        report.attempt = again.u32();
        report.seconds = again.f64();
        const uint64_t counts = again.u64();
        for (uint64_t c = 0; c < counts; ++c) {
            std::string name = again.str();
            report.counts[name] = again.i64();
        }
        report.text = again.str();
        report.will_retry = again.u8() != 0;
        reports.push_back(std::move(report));
    }
    require_end(again);
    return reports;
}

std::string encode_worker_done(const WorkerDone& done) {
    WireWriter out;
    out.str(done.host);
    out.u32(done.workers);
    out.u64(done.completed);
    out.u64(done.failed);
    out.u64(done.not_started);
    out.u8(done.interrupted ? 1 : 0);
    out.str(done.error);
    return out.take();
}

WorkerDone decode_worker_done(const std::string& bytes) {
    WireReader in(bytes);
    WorkerDone done;
    done.host = in.str();
    done.workers = in.u32();
    done.completed = in.u64();
    done.failed = in.u64();
    done.not_started = in.u64();
    done.interrupted = in.u8() != 0;
    done.error = in.str();
    require_end(in);
    return done;
}

std::string encode_u32(uint32_t value) {
    WireWriter out;
    out.u32(value);
    return out.take();
}

uint32_t decode_u32(const std::string& bytes) {
    WireReader in(bytes);
    const uint32_t value = in.u32();
    require_end(in);
    return value;
}

}  // namespace mdp::cluster
