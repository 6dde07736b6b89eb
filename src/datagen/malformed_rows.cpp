#include "datagen/malformed_rows.h"

#include <vector>

namespace mdp::datagen {

namespace {

std::vector<std::string> split(std::string_view row) {
    std::vector<std::string> fields;
    size_t start = 0;
    while (true) {
        const size_t comma = row.find(',', start);
        if (comma == std::string_view::npos) {
            fields.emplace_back(row.substr(start));
            break;
        }
        fields.emplace_back(row.substr(start, comma - start));
        start = comma + 1;
    }
    return fields;
}

std::string join(const std::vector<std::string>& fields) {
    std::string row;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) row += ',';
        row += fields[i];
    }
    return row;
}

}  // namespace

std::string_view to_string(MalformedKind kind) {
    switch (kind) {
        case MalformedKind::kTooFewFields:
            return "too_few_fields";
        case MalformedKind::kTooManyFields:
            return "too_many_fields";
        case MalformedKind::kNonNumericTimestamp:
            return "non_numeric_timestamp";
        case MalformedKind::kEmptySecurity:
            return "empty_security";
        case MalformedKind::kPathSecurity:
            return "path_security";
        case MalformedKind::kExponentSecurity:
            return "exponent_security";
        case MalformedKind::kHugeSecurity:
            return "huge_security";
        case MalformedKind::kNegativeNumbers:
            return "negative_numbers";
        case MalformedKind::kBinaryGarbage:
            return "binary_garbage";
        case MalformedKind::kQuotedComma:
            return "quoted_comma";
    }
    return "unknown";
}

std::string make_malformed_row(MalformedKind kind, std::string_view valid_row,
                               const RowLayout& layout, Rng& rng) {
    std::vector<std::string> fields = split(valid_row);
    if (fields.size() != layout.field_count) fields.resize(layout.field_count);
    switch (kind) {
        case MalformedKind::kTooFewFields: {
            const auto drop = static_cast<size_t>(rng.between(1, 3));
            fields.resize(layout.field_count - drop);
            break;
        }
        case MalformedKind::kTooManyFields: {
            const auto extra = rng.between(1, 3);
            for (int64_t i = 0; i < extra; ++i) fields.push_back("x" + std::to_string(i));
            break;
        }
        case MalformedKind::kNonNumericTimestamp:
            fields[layout.timestamp_field] = "2024-04-02 10:00:01.5";
            break;
        case MalformedKind::kEmptySecurity:
            fields[layout.security_field].clear();
            break;
        case MalformedKind::kPathSecurity:
            fields[layout.security_field] = "../x";
            break;
        case MalformedKind::kExponentSecurity:
            fields[layout.security_field] = "1e5";
            break;
        case MalformedKind::kHugeSecurity:
            fields[layout.security_field] = "1234567890123456789012345678901234567890";
            break;
        case MalformedKind::kNegativeNumbers:
            fields[layout.security_field] = "-" + fields[layout.security_field];
            fields[layout.number_field] = "-" + fields[layout.number_field];
            break;
        case MalformedKind::kBinaryGarbage: {
            std::string garbage;
            const auto length = static_cast<size_t>(rng.between(8, 120));
            garbage.push_back('\0');  // always at least one NUL byte and one high byte
            garbage.push_back(static_cast<char>(0xFF));
            while (garbage.size() < length) {
                const auto byte = static_cast<unsigned char>(rng.below(256));
                if (byte == '\n' || byte == '\r' || byte == ',' || byte == '"') continue;
                garbage.push_back(static_cast<char>(byte));
            }
            return garbage;
        }
        case MalformedKind::kQuotedComma:
            fields[layout.text_field] = "\"" + fields[layout.text_field] + ", see note\"";
            break;
    }
    return join(fields);
}

}  // namespace mdp::datagen
