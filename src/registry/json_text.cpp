#include "registry/json_text.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "common/civil_date.h"

namespace mdp::registry {

namespace {

constexpr int64_t kMsPerDay = 86'400'000;

template <typename T>
void append_number(std::string& out, T value) {
    char buf[32];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
}

void append_digits(std::string& out, uint32_t value, int width) {
    char buf[8];
    for (int i = width - 1; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(buf, static_cast<size_t>(width));
}

bool read_digits(std::string_view text, size_t from, size_t count, uint32_t& out) {
    out = 0;
    for (size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + static_cast<uint32_t>(text[i] - '0');
    }
    return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    size_t run_start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.substr(run_start, i - run_start));
        run_start = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
        }
    }
    out.append(text.substr(run_start));
    out += '"';
}

void append_json_int(std::string& out, int64_t value) { append_number(out, value); }

void append_json_uint(std::string& out, uint64_t value) { append_number(out, value); }

void append_json_double(std::string& out, double value) {
    if (!std::isfinite(value)) throw std::invalid_argument("a registry number must be finite");
    append_number(out, value);
}

void append_iso_time_ms(std::string& out, int64_t epoch_ms) {
    int64_t days = epoch_ms / kMsPerDay;
    int64_t ms_of_day = epoch_ms % kMsPerDay;
    if (ms_of_day < 0) {
        ms_of_day += kMsPerDay;
        --days;
    }
    const CivilDate date = CivilDate::from_days(days);
    out += date.to_string();
    const auto ms = static_cast<uint32_t>(ms_of_day);
    out += 'T';
    append_digits(out, ms / 3'600'000, 2);
    out += ':';
    append_digits(out, ms / 60'000 % 60, 2);
    out += ':';
    append_digits(out, ms / 1000 % 60, 2);
    out += '.';
    append_digits(out, ms % 1000, 3);
    out += 'Z';
}

std::string format_iso_time_ms(int64_t epoch_ms) {
    std::string out;
    append_iso_time_ms(out, epoch_ms);
    return out;
}

std::optional<int64_t> parse_iso_time_ms(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS.mmmZ
    if (text.size() != 24 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text[19] != '.' || text[23] != 'Z') {
        return std::nullopt;
    }
    const auto date = CivilDate::parse(text.substr(0, 10));
    uint32_t hours = 0, minutes = 0, seconds = 0, millis = 0;
    if (!date || !read_digits(text, 11, 2, hours) || !read_digits(text, 14, 2, minutes) ||
        !read_digits(text, 17, 2, seconds) || !read_digits(text, 20, 3, millis) || hours > 23 ||
        minutes > 59 || seconds > 59) {
        return std::nullopt;
    }
    const int64_t ms_of_day =
        ((static_cast<int64_t>(hours) * 60 + minutes) * 60 + seconds) * 1000 + millis;
    return date->to_days() * kMsPerDay + ms_of_day;
}

size_t utf8_sequence_length(std::string_view text, size_t i) {
    const auto byte = [&](size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(i);
    size_t length = 0;
    uint32_t min_value = 0;
    uint32_t value = 0;
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        min_value = 0x80;
        value = lead & 0x1FU;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        min_value = 0x800;
        value = lead & 0x0FU;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        min_value = 0x10000;
        value = lead & 0x07U;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        value = (value << 6) | (byte(i + k) & 0x3FU);
    }
    if (value < min_value || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
    return length;
}

bool is_valid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        const size_t length = utf8_sequence_length(text, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

}  // namespace mdp::registry
