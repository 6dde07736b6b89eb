#pragma once
// The inline style sheet of report.html: layout, tables, charts and the palette's colours as
// CSS custom properties (report_palette.h), so the page and its SVG charts use the same colours.

#include <string>

namespace mdp::consolidate {

std::string report_style();

}  // namespace mdp::consolidate
