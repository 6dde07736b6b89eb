#include "common/cell_value.h"

#include "common/integer_field.h"

namespace mdp {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `-?[0-9]+(\.[0-9]+)?`: the shape of a decimal number, whatever its size.
bool looks_decimal(std::string_view text) {
    size_t i = !text.empty() && text.front() == '-' ? 1 : 0;
    const size_t digits_from = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == digits_from) return false;
    if (i == text.size()) return true;
    if (text[i] != '.') return false;
    const size_t fraction_from = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    return i == text.size() && i > fraction_from;
}

// The integer part of `-?[0-9]+\.0+`, or empty when the text is not an integral float.
std::string_view integral_float_part(std::string_view text) {
    const size_t dot = text.find('.');
    if (dot == std::string_view::npos || dot + 1 == text.size()) return {};
    for (size_t i = dot + 1; i < text.size(); ++i) {
        if (text[i] != '0') return {};
    }
    return text.substr(0, dot);
}

}  // namespace

bool parse_integer_text(std::string_view text, int64_t& out, const char* readable) {
    // The hot path (plain integers) first; the integral-float form only when that fails.
    if (readable != nullptr ? parse_int64_in(text, readable, out) : parse_int64_into(text, out)) {
        return true;
    }
    const std::string_view whole = integral_float_part(text);
    return !whole.empty() && parse_int64_into(whole, out);
}

CellProblem read_cell(std::string_view text, ValueType type, int64_t& out, const char* readable) {
    const ValueRange range = value_range(type);
    if (text.empty()) {
        if (!range.empty_allowed) return CellProblem::kEmpty;
        out = 0;
        return CellProblem::kNone;
    }
    int64_t value = 0;
    if (!parse_integer_text(text, value, readable)) {
        if (!looks_decimal(text)) return CellProblem::kNotANumber;
        if (integral_float_part(text).empty() && text.find('.') != std::string_view::npos) {
            return CellProblem::kNotIntegral;
        }
        return CellProblem::kOutOfRange;  // the shape of an integer, too long for int64
    }
    if (value < range.min || value > range.max) return CellProblem::kOutOfRange;
    out = value;
    return CellProblem::kNone;
}

}  // namespace mdp
