#include "process_job.h"

#include "common/wire_format.h"

namespace mdp::app {

std::string encode_process_job(const ProcessJob& job) {
    WireWriter out;
    out.str(job.nbbo_source);
    out.u32(job.max_retries);
    out.u32(job.retry_delay_ms);
    out.u8(job.write_stats_views ? 1 : 0);
    return out.take();
}

ProcessJob decode_process_job(const std::string& bytes) {
    WireReader in(bytes);
    ProcessJob job;
    job.nbbo_source = in.str();
    job.max_retries = in.u32();
    job.retry_delay_ms = in.u32();
    job.write_stats_views = in.u8() != 0;
    if (!in.at_end()) throw WireError("process job: trailing bytes");
    return job;
}

std::string encode_input_counts(const registry::InputCountsMap& inputs) {
    WireWriter out;
    out.u64(inputs.size());
    for (const auto& [role, counts] : inputs) {
        out.str(role);
        out.i64(counts.rows);
        out.i64(counts.bytes);
    }
    return out.take();
}

registry::InputCountsMap decode_input_counts(const std::string& bytes) {
    WireReader in(bytes);
    registry::InputCountsMap inputs;
    const uint64_t count = in.u64();
    for (uint64_t i = 0; i < count; ++i) {
        std::string role = in.str();
        registry::InputCounts counts;
        counts.rows = in.i64();
        counts.bytes = in.i64();
        inputs.emplace(std::move(role), counts);
    }
    if (!in.at_end()) throw WireError("input counts: trailing bytes");
    return inputs;
}

}  // namespace mdp::app
