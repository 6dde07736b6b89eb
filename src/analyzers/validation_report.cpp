#include "analyzers/validation_report.h"

#include "analyzers/output_file.h"

namespace mdp::analyzers {

std::string validation_json(const ValidationFacts& f) {
    nlohmann::ordered_json doc;
    doc["partition"] = {{"date", f.key.date.to_string()}, {"security", f.key.security}};
    doc["nbbo_source"] = f.nbbo_source;
    doc["counts"] = {
        {"cp_orders", f.cp_orders},
        {"sweeps", f.sweeps},
        {"qualifying", f.qualifying},
        {"matched", f.matched},
        {"unmatched", f.unmatched},
        {"real_fills", f.real_fills},
        {"simulated_fills", f.simulated_fills},
    };
    doc["sweeps_not_qualifying"] = {
        {"not_fully_filled", f.not_fully_filled},
        {"not_entered_in_partition", f.not_entered_in_partition},
        {"no_trades", f.no_trades},
        {"not_all_lit", f.not_all_lit},
    };
    doc["unpriceable_contras"] = f.unpriceable_contras;
    doc["headline"] = {
        {"n_pairs", f.headline_pairs},
        {"mean_real_exec_cost_arrival_bps", json_number(f.mean_real_exec_cost_arrival_bps)},
        {"mean_sim_exec_cost_arrival_bps", json_number(f.mean_sim_exec_cost_arrival_bps)},
        {"mean_saving_bps", json_number(f.mean_saving_bps)},
        {"saving_paired_t_pvalue", json_number(f.saving_paired_t_pvalue)},
    };
    doc["input_rows"] = {
        {"orders", f.order_rows},
        {"trades", f.trade_rows},
        {"nbbo", f.nbbo_file_present ? nlohmann::ordered_json(f.nbbo_rows)
                                     : nlohmann::ordered_json(nullptr)},
    };
    return format_json(doc);
}

}  // namespace mdp::analyzers
