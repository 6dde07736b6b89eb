#include "consolidate/svg_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "consolidate/axis_scale.h"
#include "consolidate/report_palette.h"

namespace mdp::consolidate {

std::string display_fixed(double value, int decimals) {
    if (std::isnan(value)) return "\u2013";
    if (std::isinf(value)) return value > 0 ? "\u221e" : "\u2212\u221e";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text == "-0" || text.find_first_not_of("-0.") == std::string::npos) {
        if (text[0] == '-') text.erase(0, 1);
    }
    // Thousands separators in the integer part.
    const size_t start = text[0] == '-' ? 1 : 0;
    size_t end = text.find('.');
    if (end == std::string::npos) end = text.size();
    for (size_t i = end; i > start + 3; i -= 3) text.insert(i - 3, ",");
    if (text[0] == '-') text.replace(0, 1, "\u2212");
    return text;
}

std::string display_count(int64_t value) { return display_fixed(static_cast<double>(value), 0); }

std::string display_p_value(double p) {
    if (std::isnan(p)) return "\u2013";
    if (p < 0.001) return "&lt;0.001";
    return display_fixed(p, 3);
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

std::string svg_coordinate(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    return buffer;
}

namespace {

std::string num(double v) { return svg_coordinate(v); }

}  // namespace

std::string stacked_bar_svg(const std::vector<BarSegment>& segments, int width) {
    double total = 0;
    for (const auto& s : segments) total += s.value;
    const double bar_height = 28;
    const double legend_y = 58;
    std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      std::to_string(width) + "\" height=\"84\" viewBox=\"0 0 " +
                      std::to_string(width) +
                      " 84\" role=\"img\" aria-label=\"Partitions by status\">";
    svg += "<rect x=\"0\" y=\"8\" width=\"" + std::to_string(width) + "\" height=\"" +
           num(bar_height) + "\" rx=\"6\" fill=\"#e8ecf1\"/>";
    double x = 0;
    for (const auto& s : segments) {
        if (total <= 0 || s.value <= 0) continue;
        const double w = s.value / total * width;
        svg += "<rect x=\"" + num(x) + "\" y=\"8\" width=\"" + num(w) + "\" height=\"" +
               num(bar_height) + "\" fill=\"" + s.color + "\"><title>" + html_escape(s.label) +
               ": " + display_fixed(s.value, 0) + "</title></rect>";
        x += w;
    }
    double lx = 0;
    for (const auto& s : segments) {
        const std::string text = html_escape(s.label) + " " + display_fixed(s.value, 0);
        svg += "<rect x=\"" + num(lx) + "\" y=\"" + num(legend_y - 10) +
               "\" width=\"12\" height=\"12\" rx=\"2\" fill=\"" + s.color + "\"/>";
        svg += "<text x=\"" + num(lx + 18) + "\" y=\"" + num(legend_y) + "\" class=\"legend\">" +
               text + "</text>";
        lx += 40 + 7.5 * static_cast<double>(s.label.size() + 6);
    }
    return svg + "</svg>";
}

std::string horizontal_bars_svg(const std::vector<BarSegment>& bars, int width,
                                const std::string& value_suffix, int value_decimals) {
    const double label_width = 300;
    const double value_width = 110;
    const double row = 30;
    const double height = row * static_cast<double>(bars.size()) + 10;
    double max_value = 0;
    for (const auto& b : bars) max_value = std::max(max_value, b.value);
    const double plot = width - label_width - value_width;
    std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      std::to_string(width) + "\" height=\"" + num(height) + "\" viewBox=\"0 0 " +
                      std::to_string(width) + " " + num(height) + "\" role=\"img\">";
    for (size_t i = 0; i < bars.size(); ++i) {
        const double y = 5 + row * static_cast<double>(i);
        const double w = max_value > 0 ? bars[i].value / max_value * plot : 0;
        svg += "<text x=\"" + num(label_width - 10) + "\" y=\"" + num(y + 19) +
               "\" class=\"label\" text-anchor=\"end\">" + html_escape(bars[i].label) + "</text>";
        svg += "<rect x=\"" + num(label_width) + "\" y=\"" + num(y + 5) + "\" width=\"" +
               num(plot) + "\" height=\"20\" rx=\"3\" fill=\"#f0f3f7\"/>";
        if (w > 0) {
            svg += "<rect x=\"" + num(label_width) + "\" y=\"" + num(y + 5) + "\" width=\"" +
                   num(std::max(w, 2.0)) + "\" height=\"20\" rx=\"3\" fill=\"" + bars[i].color +
                   "\"/>";
        }
        svg += "<text x=\"" + num(label_width + plot + 8) + "\" y=\"" + num(y + 19) +
               "\" class=\"value\">" + display_fixed(bars[i].value, value_decimals) +
               html_escape(value_suffix) + "</text>";
    }
    return svg + "</svg>";
}

std::string forest_plot_svg(const std::vector<ForestRow>& rows, int width,
                            const std::string& axis_label) {
    const double label_width = 120;
    const double right_width = 190;
    const double top = 14;
    const double row = 24;
    const double plot = width - label_width - right_width;
    const double body = row * static_cast<double>(rows.size());
    const double height = top + body + 52;
    double lowest = 0;
    double highest = 0;
    for (const auto& r : rows) {
        for (const double v : {r.mean, r.lower, r.upper}) {
            if (std::isfinite(v)) {
                lowest = std::min(lowest, v);
                highest = std::max(highest, v);
            }
        }
    }
    const AxisScale scale = round_axis(lowest, highest, 6);
    const double lo = scale.low;
    const double hi = scale.high;
    const double step = scale.step;
    auto xpos = [&](double v) { return label_width + (v - lo) / (hi - lo) * plot; };

    std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      std::to_string(width) + "\" height=\"" + num(height) + "\" viewBox=\"0 0 " +
                      std::to_string(width) + " " + num(height) + "\" role=\"img\">";
    for (size_t i = 0; i < rows.size(); i += 2) {
        svg += "<rect x=\"0\" y=\"" + num(top + row * static_cast<double>(i)) + "\" width=\"" +
               std::to_string(width) + "\" height=\"" + num(row) + "\" fill=\"#f7f9fb\"/>";
    }
    const int ticks = scale.ticks();
    for (int t = 0; t <= ticks; ++t) {
        const double v = lo + step * t;
        const double x = xpos(v);
        svg += "<line x1=\"" + num(x) + "\" y1=\"" + num(top) + "\" x2=\"" + num(x) + "\" y2=\"" +
               num(top + body) + "\" class=\"grid\"/>";
        svg += "<text x=\"" + num(x) + "\" y=\"" + num(top + body + 18) +
               "\" class=\"tick\" text-anchor=\"middle\">" +
               display_fixed(v, step < 1 ? (step < 0.1 ? 2 : 1) : 0) + "</text>";
    }
    svg += "<line x1=\"" + num(xpos(0)) + "\" y1=\"" + num(top - 6) + "\" x2=\"" + num(xpos(0)) +
           "\" y2=\"" + num(top + body) + "\" class=\"zero\"/>";
    svg += "<text x=\"" + num(label_width + plot / 2) + "\" y=\"" + num(top + body + 42) +
           "\" class=\"axis\" text-anchor=\"middle\">" + html_escape(axis_label) + "</text>";
    svg += "<text x=\"" + num(width - right_width + 14) + "\" y=\"" + num(top - 2) +
           "\" class=\"colhead\">mean [95% CI], n</text>";
    for (size_t i = 0; i < rows.size(); ++i) {
        const ForestRow& r = rows[i];
        const double cy = top + row * static_cast<double>(i) + row / 2;
        // Significance is carried twice: by the colour and by a filled (vs hollow) marker.
        const std::string color = r.significant ? palette::saving_color(r.mean) : palette::kNeutral;
        svg += "<text x=\"" + num(label_width - 12) + "\" y=\"" + num(cy + 4) +
               "\" class=\"label\" text-anchor=\"end\">" + html_escape(r.label) + "</text>";
        if (std::isfinite(r.lower) && std::isfinite(r.upper)) {
            svg += "<line x1=\"" + num(xpos(r.lower)) + "\" y1=\"" + num(cy) + "\" x2=\"" +
                   num(xpos(r.upper)) + "\" y2=\"" + num(cy) + "\" stroke=\"" + color +
                   "\" stroke-width=\"2\"/>";
            for (const double v : {r.lower, r.upper}) {
                svg += "<line x1=\"" + num(xpos(v)) + "\" y1=\"" + num(cy - 5) + "\" x2=\"" +
                       num(xpos(v)) + "\" y2=\"" + num(cy + 5) + "\" stroke=\"" + color +
                       "\" stroke-width=\"2\"/>";
            }
        }
        if (std::isfinite(r.mean)) {
            svg += "<rect x=\"" + num(xpos(r.mean) - 5) + "\" y=\"" + num(cy - 5) +
                   "\" width=\"10\" height=\"10\" fill=\"" + (r.significant ? color : "#fff") +
                   "\" stroke=\"" + color + "\" stroke-width=\"2\"><title>" + html_escape(r.label) +
                   ": " + display_fixed(r.mean, 2) + "</title></rect>";
        }
        svg += "<text x=\"" + num(width - right_width + 14) + "\" y=\"" + num(cy + 4) +
               "\" class=\"value\">" + display_fixed(r.mean, 2) + " [" + display_fixed(r.lower, 2) +
               ", " + display_fixed(r.upper, 2) + "], " + std::to_string(r.n) + "</text>";
    }
    return svg + "</svg>";
}

}  // namespace mdp::consolidate
