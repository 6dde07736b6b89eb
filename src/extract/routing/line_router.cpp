#include "extract/routing/line_router.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_map>

#include "common/cell_value.h"
#include "common/csv_fields.h"
#include "common/csv_line_scanner.h"

namespace mdp::extract {

namespace {

constexpr size_t kMaxRejectTextBytes = 64 * 1024;

// Appends a field to a projected line, quoting it again if it needs quotes.
void append_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"") == std::string_view::npos) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (const char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

std::string printable_excerpt(std::string_view text, size_t limit = 40) {
    std::string out;
    for (const char c : text.substr(0, limit)) {
        const auto u = static_cast<unsigned char>(c);
        out.push_back(u >= 0x20 && u < 0x7F ? c : '?');
    }
    if (text.size() > limit) out += "...";
    return out;
}

RejectKind kind_of(CellProblem problem) {
    switch (problem) {
        case CellProblem::kEmpty:
            return RejectKind::kEmptyValue;
        case CellProblem::kNotANumber:
            return RejectKind::kNotANumber;
        case CellProblem::kNotIntegral:
            return RejectKind::kNotIntegral;
        case CellProblem::kOutOfRange:
        case CellProblem::kNone:
            break;
    }
    return RejectKind::kOutOfRange;
}

std::string describe_cell(const CheckedColumn& column, std::string_view value, CellProblem problem) {
    const std::string what = "column '" + column.name + "'";
    const std::string quoted = " value '" + printable_excerpt(value) + "'";
    switch (problem) {
        case CellProblem::kEmpty:
            return what + " is empty";
        case CellProblem::kNotANumber:
            return what + quoted + " is not a number";
        case CellProblem::kNotIntegral:
            return what + quoted + " is not an integer";
        case CellProblem::kOutOfRange:
        case CellProblem::kNone:
            break;
    }
    const ValueRange range = value_range(column.type);
    return what + quoted + " is outside " + std::to_string(range.min) + " .. " + std::to_string(range.max);
}

// The first `count` fields of a line without quotes into `fields` (which must hold that many),
// in one pass over its bytes: cheaper than splitting the whole line when only the analysed
// columns are wanted. The line has at least `count` fields (its field count was checked).
// 16 bytes at a time into a bit mask of commas, walked with ctz: a byte loop that branches on
// every comma mispredicts once a field, which perf put at half of examine()'s time.
void locate_fields(std::string_view line, size_t count, std::vector<std::string_view>& fields) {
    const char* data = line.data();
    size_t start = 0;
    size_t field = 0;
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    for (; field < count && i + 16 <= line.size(); i += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        auto mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, comma)));
        for (; mask != 0 && field < count; mask &= mask - 1) {
            const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
            fields[field++] = line.substr(start, at - start);
            start = at + 1;
        }
    }
#endif
    for (; field < count; ++i) {
        if (i == line.size() || data[i] == ',') {
            fields[field++] = line.substr(start, i - start);
            start = i + 1;
        }
    }
}

}  // namespace

struct LineRouter::LineVerdict {
    bool accepted = false;
    PartitionKey key;
    RejectKind kind = RejectKind::kFieldCount;
    std::string reason;

    void reject(RejectKind why, std::string text) {
        kind = why;
        reason = std::move(text);
    }
};

LineRouter::LineRouter(RoutingRules rules) : rules_(std::move(rules)) {
    for (const CheckedColumn& column : rules_.checked_columns) {
        checked_fields_ = std::max(checked_fields_, column.index + 1);
    }
}

LineRouter::LineVerdict LineRouter::examine(std::string_view line, const ScannedLine& scanned,
                                            LocalDateCache& dates, std::string& projections,
                                            const char* block_start) const {
    LineVerdict verdict;
    if (line.empty()) {
        verdict.reject(RejectKind::kEmptyLine, "empty line");
        return verdict;
    }
    if (line.size() > rules_.max_line_bytes) {
        verdict.reject(RejectKind::kLineTooLong, "line of " + std::to_string(line.size()) +
                                                     " bytes is longer than the limit of " +
                                                     std::to_string(rules_.max_line_bytes));
        return verdict;
    }
    // The hot path: for a line without quotes (and no --columns) the scanner already found the
    // field count and the two key fields; anything else is split properly.
    std::string_view ts_text;
    std::string_view security_text;
    size_t field_count = 0;
    thread_local SplitFields split;
    const bool whole_split_needed = !rules_.kept_columns.empty() || scanned.has_quote;
    if (whole_split_needed) {
        split_csv_line(line, split);
        if (split.status != SplitStatus::kOk) {
            verdict.reject(RejectKind::kBadQuotes, describe(split.status));
            return verdict;
        }
        field_count = split.fields.size();
    } else {
        field_count = scanned.field_count;
    }
    if (field_count != rules_.field_count) {
        verdict.reject(RejectKind::kFieldCount, "expected " + std::to_string(rules_.field_count) +
                                                    " fields, found " + std::to_string(field_count));
        return verdict;
    }
    if (whole_split_needed) {
        ts_text = split.fields[rules_.timestamp_column];
        security_text = split.fields[rules_.security_column];
    } else {
        ts_text = scanned.first;
        security_text = scanned.second;
    }
    int64_t ts = 0;
    const auto [ts_end, ts_error] = std::from_chars(ts_text.data(), ts_text.data() + ts_text.size(), ts);
    if (ts_text.empty() || ts_error != std::errc() || ts_end != ts_text.data() + ts_text.size()) {
        verdict.reject(RejectKind::kBadTimestamp, "timestamp '" + printable_excerpt(ts_text) + "' is not an integer");
        return verdict;
    }
    if (ts < 0) {
        verdict.reject(RejectKind::kBadTimestamp, "timestamp " + std::string(ts_text) + " is negative");
        return verdict;
    }
    const auto security = parse_security_code(security_text);
    if (!security) {
        verdict.reject(RejectKind::kBadSecurity, "security code '" + printable_excerpt(security_text) +
                                                     "' is not a plain non-negative integer");
        return verdict;
    }
    if (*security > kMaxSecurityCode) {
        verdict.reject(RejectKind::kBadSecurity, "security code " + std::string(security_text) +
                                                     " is above the largest, " + std::to_string(kMaxSecurityCode));
        return verdict;
    }
    thread_local std::vector<std::string_view> located;
    if (!whole_split_needed && checked_fields_ > 0) {
        located.resize(checked_fields_);
        locate_fields(line, checked_fields_, located);
    }
    const std::vector<std::string_view>& fields = whole_split_needed ? split.fields : located;
    for (const CheckedColumn& column : rules_.checked_columns) {
        const std::string_view cell = trim_spaces(fields[column.index]);
        int64_t value = 0;
        const CellProblem problem =
            read_cell(cell, column.type, value, whole_split_needed ? nullptr : block_start);
        if (problem != CellProblem::kNone) {
            verdict.reject(kind_of(problem), describe_cell(column, cell, problem));
            return verdict;
        }
    }
    verdict.accepted = true;
    verdict.key = PartitionKey{dates.date_of(ts), *security};
    if (!rules_.kept_columns.empty()) {
        for (size_t i = 0; i < rules_.kept_columns.size(); ++i) {
            if (i > 0) projections.push_back(',');
            append_field(projections, split.fields[rules_.kept_columns[i]]);
        }
    }
    return verdict;
}

RoutedBlock LineRouter::route(InputBlock&& block, LocalDateCache& dates, BufferPool& pool) const {
    RoutedBlock out;
    out.index = block.index;
    out.end_offset = block.end_offset;
    out.raw_end = block.raw_end;
    out.decoded_hash = block.decoded_hash;

    if (block.oversized_line_length > 0) {
        out.lines = 1;
        out.rejects.push_back(RejectedLine{
            0, 0, RejectKind::kLineTooLong,
            "line of " + std::to_string(block.oversized_line_length) +
                " bytes is longer than the limit of " + std::to_string(rules_.max_line_bytes) +
                " (text cut to its first " + std::to_string(block.data.size()) + " bytes)",
            std::string(block.data.view())});
        return out;
    }

    // Two passes: the first examines every line and notes where each accepted row's text is and
    // which group it joins; the second copies each row to its group's place in one buffer, the
    // groups laid end to end, so a block costs one (recycled) buffer however many partitions
    // it touches.
    struct AcceptedRow {
        uint32_t group;
        bool crlf;        // terminator "\r\n", else "\n" (also for a final line without one)
        uint64_t length;  // without the terminator
        uint64_t offset;  // in the block, or with --columns in `projections`
    };
    // Reused by the next block routed on this thread (about 24 bytes per line of a block).
    thread_local std::vector<AcceptedRow> rows;
    thread_local std::string projections;  // --columns: every accepted row's projection, in order
    rows.clear();
    projections.clear();
    const bool projecting = !rules_.kept_columns.empty();

    std::unordered_map<PartitionKey, uint32_t, PartitionKeyHash> group_of;
    std::vector<size_t> group_bytes;
    PartitionKey last_key{};
    uint32_t last_group = UINT32_MAX;

    const std::string_view data = block.data.view();
    CsvLineScanner scanner(data, rules_.timestamp_column, rules_.security_column);
    ScannedLine scanned;
    uint64_t line_index = 0;
    while (scanner.next(scanned)) {
        std::string_view line = scanned.text;
        const auto pos = static_cast<size_t>(line.data() - data.data());
        const bool crlf = !line.empty() && line.back() == '\r';
        if (crlf) line.remove_suffix(1);
        const size_t projection_start = projections.size();
        const LineVerdict verdict = examine(line, scanned, dates, projections, data.data());
        if (verdict.accepted) {
            if (last_group == UINT32_MAX || !(verdict.key == last_key)) {
                const auto [it, inserted] = group_of.try_emplace(verdict.key, static_cast<uint32_t>(out.groups.size()));
                if (inserted) {
                    out.groups.push_back(RowGroup{verdict.key, {}, 0});
                    group_bytes.push_back(0);
                }
                last_key = verdict.key;
                last_group = it->second;
            }
            const AcceptedRow row = projecting
                ? AcceptedRow{last_group, crlf, projections.size() - projection_start, projection_start}
                : AcceptedRow{last_group, crlf, line.size(), pos};
            group_bytes[last_group] += row.length + (crlf ? 2 : 1);
            ++out.groups[last_group].rows;
            rows.push_back(row);
        } else {
            std::string reason = verdict.reason;
            std::string_view text = line;
            if (text.size() > kMaxRejectTextBytes) {
                text = text.substr(0, kMaxRejectTextBytes);
                reason += " (text cut to its first " + std::to_string(kMaxRejectTextBytes) + " bytes)";
            }
            out.rejects.push_back(
                RejectedLine{line_index, pos, verdict.kind, std::move(reason), std::string(text)});
        }
        ++line_index;
    }

    // group_bytes becomes each group's write position.
    size_t total = 0;
    for (size_t g = 0; g < out.groups.size(); ++g) {
        out.groups[g].offset = total;
        out.groups[g].length = group_bytes[g];
        total += group_bytes[g];
        group_bytes[g] = out.groups[g].offset;
    }
    out.text = pool.acquire(total);
    out.text.resize(total);
    char* const text = out.text.data();
    const std::string_view source = projecting ? std::string_view(projections) : data;
    for (const AcceptedRow& row : rows) {
        char* const to = text + group_bytes[row.group];
        std::memcpy(to, source.data() + row.offset, row.length);
        if (row.crlf) {
            to[row.length] = '\r';
            to[row.length + 1] = '\n';
        } else {
            to[row.length] = '\n';
        }
        group_bytes[row.group] += row.length + (row.crlf ? 2 : 1);
    }
    out.lines = line_index;
    return out;
}

std::string LineRouter::partition_header(const std::vector<std::string>& original_names,
                                         std::string_view original_line,
                                         std::string_view terminator) const {
    std::string header;
    if (rules_.kept_columns.empty()) {
        header.assign(original_line);
    } else {
        for (size_t i = 0; i < rules_.kept_columns.size(); ++i) {
            if (i > 0) header.push_back(',');
            append_field(header, original_names[rules_.kept_columns[i]]);
        }
    }
    header.append(terminator);
    return header;
}

}  // namespace mdp::extract
