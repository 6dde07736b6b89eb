#pragma once
// Small pieces of HTML that every section of report.html builds its tables from, so that cells,
// shares and sortable columns look and behave the same in every table.

#include <string>

#include "analyzers/number_format.h"
#include "common/partition_key.h"
#include "consolidate/svg_charts.h"

namespace mdp::consolidate {

inline std::string table_cell(const std::string& html, bool numeric = false) {
    return std::string(numeric ? "<td class=\"n\">" : "<td>") + html + "</td>";
}

// A numeric cell of a sortable table: `html` for the reader, the exact value for the sort
// script (empty for NaN, which sorts last).
inline std::string sortable_cell(const std::string& html, double value) {
    return "<td class=\"n\" data-v=\"" + analyzers::format_number(value) + "\">" + html + "</td>";
}

// "12.5%", or a dash when there is no whole.
inline std::string share_text(double part, double whole) {
    return whole > 0 ? display_fixed(part / whole * 100.0, 1) + "%" : "\u2013";
}

inline std::string partition_key_html(const PartitionKey& key) {
    return "<code>" + html_escape(key.to_string()) + "</code>";
}

// A header cell of a sortable table. `numeric` columns sort by their cells' data-v and start
// from the largest; others sort by text and start from A. `sorted` marks the column the rows
// already come in (aria-sort), which the page shows with an arrow even without the script.
inline std::string sortable_header(const std::string& html, bool numeric,
                                   const char* sorted = nullptr) {
    std::string th = numeric ? "<th class=\"n\" data-type=\"number\"" : "<th";
    if (sorted != nullptr) th += std::string(" aria-sort=\"") + sorted + "\"";
    return th + ">" + html + "</th>";
}

}  // namespace mdp::consolidate
