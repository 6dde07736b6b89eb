#include "analyzers/simulation_report.h"

#include <array>
#include <string_view>

#include "analyzers/csv_writer.h"

namespace mdp::analyzers {

std::string simulated_fills_csv(std::span<const std::span<const SimulatedFill>> fills_by_sweep) {
    static constexpr std::array<std::string_view, 6> columns{
        "sweep_orderid", "contra_orderid", "timestamp", "quantity", "midpoint", "quote_source"};
    CsvWriter out(columns);
    for (const auto fills : fills_by_sweep) {
        for (const SimulatedFill& f : fills) {
            out.integer(f.sweep_order_id)
                .integer(f.contra_order_id)
                .integer(f.timestamp)
                .integer(f.quantity)
                .number(f.midpoint())
                .text(to_string(f.quote_source));
            out.end_row();
        }
    }
    return out.content();
}

}  // namespace mdp::analyzers
