#pragma once
// What the coordinator tells the worker ranks about the process phase, as bytes for the cluster
// module: the job (kBegin: the settings that decide what a partition's analysis writes and how
// it is retried, as rank 0 resolved them), and with each partition the input counts extraction
// recorded for it (the worker checks the partition's files against them, as a local run does).

#include <cstdint>
#include <string>

#include "registry/partition_entry.h"

namespace mdp::app {

struct ProcessJob {
    std::string nbbo_source = "order";
    uint32_t max_retries = 3;
    uint32_t retry_delay_ms = 1000;
    bool write_stats_views = true;  // partition_views.h, decided by rank 0
    friend bool operator==(const ProcessJob&, const ProcessJob&) = default;
};

std::string encode_process_job(const ProcessJob& job);
ProcessJob decode_process_job(const std::string& bytes);

std::string encode_input_counts(const registry::InputCountsMap& inputs);
registry::InputCountsMap decode_input_counts(const std::string& bytes);

}  // namespace mdp::app
