#pragma once
// matched/sweep_order_validation.json (SPEC 3.6): the partition key, the counts of each stage
// of the analysis, the headline result (mean real and simulated exec_cost_arrival_bps over the
// set-A pairs, the mean saving real - sim and its paired-t p-value) and the input row counts, so
// a reader can check one partition's run at a glance. NaN is written as null.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/partition_key.h"

namespace mdp::analyzers {

struct ValidationFacts {
    PartitionKey key;
    std::string_view nbbo_source;  // "order" or "file"
    uint64_t cp_orders = 0;
    uint64_t sweeps = 0;
    uint64_t qualifying = 0;
    uint64_t not_fully_filled = 0;
    uint64_t not_entered_in_partition = 0;
    uint64_t no_trades = 0;
    uint64_t not_all_lit = 0;
    uint64_t matched = 0;     // set A
    uint64_t unmatched = 0;   // set B
    uint64_t real_fills = 0;  // trade rows of the qualifying sweeps
    uint64_t simulated_fills = 0;
    uint64_t unpriceable_contras = 0;
    uint64_t headline_pairs = 0;
    double mean_real_exec_cost_arrival_bps = 0;
    double mean_sim_exec_cost_arrival_bps = 0;
    double mean_saving_bps = 0;
    double saving_paired_t_pvalue = 0;
    uint64_t order_rows = 0;
    uint64_t trade_rows = 0;
    uint64_t nbbo_rows = 0;
    bool nbbo_file_present = false;
};

std::string validation_json(const ValidationFacts& facts);

}  // namespace mdp::analyzers
