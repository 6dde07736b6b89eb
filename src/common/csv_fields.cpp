#include "common/csv_fields.h"

#include <algorithm>
#include <cstring>

namespace mdp {

namespace {

void split_unquoted(std::string_view line, std::vector<std::string_view>& fields) {
    const char* p = line.data();
    const char* end = p + line.size();
    for (;;) {
        const auto* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<size_t>(end - p)));
        if (comma == nullptr) {
            fields.emplace_back(p, static_cast<size_t>(end - p));
            return;
        }
        fields.emplace_back(p, static_cast<size_t>(comma - p));
        p = comma + 1;
    }
}

void split_quoted(std::string_view line, SplitFields& out) {
    size_t i = 0;
    const size_t n = line.size();
    for (;;) {
        if (i < n && line[i] == '"') {
            // Quoted field: runs to the next quote that is not doubled.
            size_t j = i + 1;
            bool has_doubled = false;
            for (;;) {
                if (j >= n) {
                    out.status = SplitStatus::kUnterminatedQuote;
                    return;
                }
                if (line[j] == '"') {
                    if (j + 1 < n && line[j + 1] == '"') {
                        has_doubled = true;
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            std::string_view inner = line.substr(i + 1, j - i - 1);
            if (has_doubled) {
                std::string unescaped;
                unescaped.reserve(inner.size());
                for (size_t k = 0; k < inner.size(); ++k) {
                    unescaped.push_back(inner[k]);
                    if (inner[k] == '"') ++k;  // skip the second quote of the pair
                }
                out.unescaped_storage.push_back(std::move(unescaped));
                inner = out.unescaped_storage.back();
            }
            out.fields.push_back(inner);
            i = j + 1;
            if (i == n) return;
            if (line[i] != ',') {
                out.status = SplitStatus::kTextAfterClosingQuote;
                return;
            }
            ++i;
            if (i == n) {
                out.fields.emplace_back();
                return;
            }
        } else {
            size_t comma = line.find(',', i);
            if (comma == std::string_view::npos) comma = n;
            out.fields.push_back(line.substr(i, comma - i));
            if (comma == n) return;
            i = comma + 1;
            if (i == n) {
                out.fields.emplace_back();
                return;
            }
        }
    }
}

}  // namespace

void split_csv_line(std::string_view line, SplitFields& out) {
    out.status = SplitStatus::kOk;
    out.fields.clear();
    out.unescaped_storage.clear();
    // unescaped_storage must not reallocate while views point into it: at most one entry per
    // field, so reserving the comma count + 1 is enough.
    if (std::memchr(line.data(), '"', line.size()) == nullptr) {
        split_unquoted(line, out.fields);
        return;
    }
    size_t commas = 0;
    for (const char c : line) commas += (c == ',');
    out.unescaped_storage.reserve(commas + 1);
    split_quoted(line, out);
}

size_t count_csv_fields(std::string_view line) {
    if (std::memchr(line.data(), '"', line.size()) == nullptr) {
        size_t commas = 0;
        for (const char c : line) commas += (c == ',');
        return commas + 1;
    }
    SplitFields fields;
    split_csv_line(line, fields);
    return fields.status == SplitStatus::kOk ? fields.fields.size() : 0;
}

const char* describe(SplitStatus status) {
    switch (status) {
        case SplitStatus::kOk:
            return "ok";
        case SplitStatus::kUnterminatedQuote:
            return "unterminated quoted field";
        case SplitStatus::kTextAfterClosingQuote:
            return "text after a closing quote";
    }
    return "unknown";
}

}  // namespace mdp
