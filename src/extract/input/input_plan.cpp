#include "extract/input/input_plan.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/analysed_columns.h"
#include "common/errors.h"
#include "extract/input/open_byte_source.h"

namespace mdp::extract {

namespace {

struct HeaderLine {
    std::string rest;        // bytes read after the header line's terminator
    std::string text;        // without terminator
    std::string terminator;  // "\n", "\r\n", or "" when the file is only a header
};

HeaderLine read_header_line(ByteSource& source, const std::filesystem::path& path, size_t max_line_bytes) {
    std::string buffer;
    constexpr size_t kStep = 64 * 1024;
    for (;;) {
        const size_t old = buffer.size();
        buffer.resize(old + kStep);
        const size_t n = source.read(buffer.data() + old, kStep);
        buffer.resize(old + n);
        if (buffer.empty()) throw InputError(path, "is empty: expected a header line");
        const size_t newline = buffer.find('\n');
        if (newline != std::string::npos || n == 0) {
            HeaderLine header;
            if (newline != std::string::npos) header.rest = buffer.substr(newline + 1);
            header.text = buffer.substr(0, newline);
            header.terminator = newline == std::string::npos ? "" : "\n";
            if (!header.text.empty() && header.text.back() == '\r') {
                header.text.pop_back();
                if (!header.terminator.empty()) header.terminator = "\r\n";
            }
            if (header.text.size() > max_line_bytes) {
                throw InputError(path, 1, "header line is longer than " + std::to_string(max_line_bytes) + " bytes");
            }
            return header;
        }
        if (buffer.size() > max_line_bytes) {
            throw InputError(path, 1, "no line end within the first " + std::to_string(max_line_bytes) +
                                          " bytes: not a CSV file?");
        }
    }
}

std::string list_names(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size() && i < 40; ++i) {
        if (i > 0) out += ", ";
        out += names[i];
    }
    if (names.size() > 40) out += ", ...";
    return out;
}

// The names of `plan`'s columns that go into its partition files, in their order there.
std::vector<std::string> written_columns(const InputPlan& plan) {
    const std::vector<std::string>& names = plan.header.names();
    if (plan.rules.kept_columns.empty()) return names;
    std::vector<std::string> out;
    for (const size_t i : plan.rules.kept_columns) out.push_back(names[i]);
    return out;
}

std::vector<std::string> names_missing_from(const std::vector<std::string>& names, const CsvHeader& header) {
    std::vector<std::string> missing;
    for (const std::string& name : names) {
        if (!header.find(name)) missing.push_back(name);
    }
    return missing;
}

std::span<const AnalysedColumn> analysed_columns_of(InputRole role) {
    switch (role) {
        case InputRole::kOrders:
            return kOrderColumns;
        case InputRole::kTrades:
            return kTradeColumns;
        case InputRole::kNbbo:
            break;
    }
    return kNbboColumns;
}

// The analysed columns of `plan`'s role that its rows are checked on (docs/validation.md): every
// one the header has, except the two key columns (checked as keys) and, with --columns, those
// projected away. With kRequired, a column missing from the header or projected away stops the
// run here, before any row is read.
std::vector<CheckedColumn> checked_columns_of(const InputPlan& plan, const std::vector<std::string>& keep_columns,
                                              AnalysedColumnCheck check) {
    std::vector<CheckedColumn> checked;
    if (check == AnalysedColumnCheck::kNone) return checked;
    const bool require = check == AnalysedColumnCheck::kRequired;
    for (const AnalysedColumn& column : analysed_columns_of(plan.role)) {
        const auto index = find_column(plan.header, plan.path, column);
        if (!index) {
            if (!require) continue;
            throw InputError(plan.path, 1, "header lacks the column '" + names_text(column) +
                                               "', which the analysis reads; it has: " +
                                               list_names(plan.header.names()));
        }
        if (*index == plan.rules.timestamp_column || *index == plan.rules.security_column) continue;
        const std::string& name = plan.header.names()[*index];
        const bool kept = keep_columns.empty() ||
                          std::find(keep_columns.begin(), keep_columns.end(), name) != keep_columns.end();
        if (!kept) {
            if (!require) continue;
            throw InputError(plan.path, 1, "--columns leaves out the column '" + name +
                                               "', which the analysis reads");
        }
        checked.push_back(CheckedColumn{*index, column.type, name});
    }
    return checked;
}

}  // namespace

void conform_to_first(InputPlan& plan, const InputPlan& first) {
    const std::vector<std::string> missing = names_missing_from(first.header.names(), plan.header);
    const std::vector<std::string> extra = names_missing_from(plan.header.names(), first.header);
    if (!missing.empty() || !extra.empty()) {
        std::string what = "its columns differ from those of " + first.path.string() +
                           ", the first " + std::string(role_name(plan.role)) + " input:";
        if (!missing.empty()) what += " it lacks " + list_names(missing) + (extra.empty() ? "" : ";");
        if (!extra.empty()) what += " it has " + list_names(extra) + " in addition";
        throw InputError(plan.path, 1, what);
    }
    plan.partition_header = first.partition_header;
    if (plan.header.names() == first.header.names()) {
        plan.rules.kept_columns = first.rules.kept_columns;  // same order: same projection, or none
        return;
    }
    plan.rules.kept_columns.clear();
    for (const std::string& name : written_columns(first)) plan.rules.kept_columns.push_back(*plan.header.find(name));
}

InputPlan plan_input(InputRole role, const std::filesystem::path& path,
                     const std::vector<std::string>& keep_columns, size_t max_line_bytes,
                     AnalysedColumnCheck check) {
    // The header is read through the input layer (compression detected by content); the file
    // must still be a regular file, whose size and modification time identify it for resume.
    std::unique_ptr<ByteSource> source = open_byte_source(path);  // `-`, FIFOs and files
    InputPlan plan;
    plan.role = role;
    plan.path = path;
    // A regular file (compressed or not) can be opened again; a pipe (`-`, a FIFO) cannot.
    struct stat st {};
    const bool file = path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (file) {
        if (st.st_size == 0) throw InputError(path, "is empty: expected a header line");
        plan.size = static_cast<uint64_t>(st.st_size);
        plan.mtime_ns = int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
    }

    HeaderLine line = read_header_line(*source, path, max_line_bytes);
    if (!file) {
        plan.read_past_header = std::move(line.rest);
        plan.stream = std::move(source);
    }
    plan.data_offset = line.text.size() + line.terminator.size();
    plan.header = CsvHeader::parse(line.text, path);

    const auto timestamp = plan.header.find(timestamp_column(role));
    // Two security columns (security_code and orderbookid, say) is an error: which one is meant?
    const std::optional<size_t> security = find_column(plan.header, path, kSecurityColumn);
    std::vector<std::string> missing;
    if (!timestamp) missing.emplace_back("'" + std::string(timestamp_column(role)) + "'");
    if (!security) missing.emplace_back("'security_code' (or 'securitycode', 'orderbookid')");
    if (!missing.empty()) {
        std::string what = "header lacks the " + std::string(role_name(role)) + " column";
        what += missing.size() > 1 ? "s " : " ";
        for (size_t i = 0; i < missing.size(); ++i) what += (i ? " and " : "") + missing[i];
        throw InputError(path, 1, what + "; it has: " + list_names(plan.header.names()));
    }

    plan.rules.field_count = plan.header.field_count();
    plan.rules.timestamp_column = *timestamp;
    plan.rules.security_column = *security;
    plan.rules.max_line_bytes = max_line_bytes;
    plan.rules.checked_columns = checked_columns_of(plan, keep_columns, check);
    if (!keep_columns.empty()) {
        for (size_t i = 0; i < plan.header.field_count(); ++i) {
            const bool wanted = std::find(keep_columns.begin(), keep_columns.end(),
                                          plan.header.names()[i]) != keep_columns.end();
            if (wanted || i == *timestamp || i == *security) plan.rules.kept_columns.push_back(i);
        }
    }
    const std::string terminator = line.terminator.empty() ? "\n" : line.terminator;
    plan.partition_header = LineRouter(plan.rules).partition_header(plan.header.original_names(), line.text,
                                                                    terminator);
    return plan;
}

}  // namespace mdp::extract
