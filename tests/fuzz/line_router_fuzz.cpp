// Fuzzes LineRouter::route on a block of arbitrary bytes and checks it against a plain model of
// the routing rules built from split_csv_line: every line of the block is either routed or
// rejected (never both, never lost); a line is accepted exactly when the model accepts it; each
// group holds exactly its accepted lines (or their --columns projection), in input order, with
// their terminators; groups are laid end to end in the routed text; a rejected line keeps its
// text.
//
// Input: byte 0 = field count - 1 (mod 32), byte 1 = timestamp column, byte 2 = security column
// (both mod the field count), byte 3 bit 0 = project columns (--columns: every other field,
// reversed), byte 3 bit 1 = check the other columns as analysed columns (their type cycling
// through the value types), byte 4 = line length limit (8 + 4 x byte); the rest is the block.
// The model of a checked cell is plain: trimmed of spaces, empty only where allowed, else an
// optional '-' and digits (std::from_chars) with perhaps a fraction of zeros, in the type's range.

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/cell_value.h"
#include "common/csv_fields.h"
#include "common/partition_key.h"
#include "extract/routing/line_router.h"
#include "fuzz/fuzz_scratch.h"

namespace {

using namespace mdp;
using namespace mdp::extract;

const MarketTimeZone& sydney() {
    static const MarketTimeZone zone = MarketTimeZone::load("Australia/Sydney");
    return zone;
}

struct Line {
    std::string_view text;  // without '\r\n' or '\n'
    bool crlf = false;
};

std::vector<Line> lines_of(std::string_view data) {
    std::vector<Line> lines;
    size_t pos = 0;
    while (pos < data.size()) {
        const size_t newline = data.find('\n', pos);
        const size_t end = newline == std::string_view::npos ? data.size() : newline;
        Line line{data.substr(pos, end - pos), false};
        if (!line.text.empty() && line.text.back() == '\r') {
            line.text.remove_suffix(1);
            line.crlf = true;
        }
        lines.push_back(line);
        pos = end + 1;
    }
    return lines;
}

bool model_cell_accepts(std::string_view cell, ValueType type) {
    while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
    while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
    const ValueRange range = value_range(type);
    if (cell.empty()) return range.empty_allowed;
    const size_t dot = cell.find('.');
    if (dot != std::string_view::npos) {
        if (dot + 1 == cell.size()) return false;
        for (size_t i = dot + 1; i < cell.size(); ++i) {
            if (cell[i] != '0') return false;
        }
        cell = cell.substr(0, dot);
    }
    if (cell.empty() || cell.front() == '+') return false;
    int64_t value = 0;
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (error != std::errc() || end != cell.data() + cell.size()) return false;
    return value >= range.min && value <= range.max;
}

// The model: the partition key of a line the rules accept.
std::optional<PartitionKey> model(const Line& line, const RoutingRules& rules) {
    if (line.text.empty() || line.text.size() > rules.max_line_bytes) return std::nullopt;
    SplitFields split;
    split_csv_line(line.text, split);
    if (split.status != SplitStatus::kOk || split.fields.size() != rules.field_count)
        return std::nullopt;
    const std::string_view ts_text = split.fields[rules.timestamp_column];
    int64_t ts = 0;
    const auto [end, error] = std::from_chars(ts_text.data(), ts_text.data() + ts_text.size(), ts);
    if (ts_text.empty() || error != std::errc() || end != ts_text.data() + ts_text.size() ||
        ts < 0) {
        return std::nullopt;
    }
    const auto security = parse_security_code(split.fields[rules.security_column]);
    if (!security || *security > uint64_t{INT64_MAX}) return std::nullopt;
    for (const CheckedColumn& column : rules.checked_columns) {
        if (!model_cell_accepts(split.fields[column.index], column.type)) return std::nullopt;
    }
    return PartitionKey{sydney().local_date(ts), *security};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 5) return 0;
    RoutingRules rules;
    rules.field_count = 1 + (data[0] & 0x1F);
    rules.timestamp_column = data[1] % rules.field_count;
    rules.security_column = data[2] % rules.field_count;
    if ((data[3] & 1) != 0) {
        for (size_t c = rules.field_count; c-- > 0;) {
            if (c % 2 == 0) rules.kept_columns.push_back(c);
        }
    }
    if ((data[3] & 2) != 0) {
        constexpr ValueType kTypes[] = {ValueType::kId,         ValueType::kPrice, ValueType::kQuotePrice,
                                        ValueType::kQuantity,   ValueType::kCode,  ValueType::kTimestamp};
        for (size_t c = 0; c < rules.field_count; ++c) {
            if (c == rules.timestamp_column || c == rules.security_column) continue;
            rules.checked_columns.push_back(CheckedColumn{c, kTypes[c % 6], "c" + std::to_string(c)});
        }
    }
    rules.max_line_bytes = 8 + 4 * size_t{data[4]};
    rules.zone = &sydney();
    const std::string_view bytes = fuzz::as_text(data + 5, size - 5);

    BufferPool pool(1 << 16);
    LocalDateCache dates(sydney());
    InputBlock block;
    block.index = 3;
    block.end_offset = 12345;
    block.data = Buffer::holding(bytes);
    const RoutedBlock out = LineRouter(rules).route(std::move(block), dates, pool);

    const std::vector<Line> lines = lines_of(bytes);
    MDP_FUZZ_CHECK(out.index == 3 && out.end_offset == 12345);
    MDP_FUZZ_CHECK(out.lines == lines.size());

    // Groups: distinct keys, laid end to end over the whole routed text.
    size_t offset = 0;
    uint64_t routed_rows = 0;
    std::map<PartitionKey, size_t> group_of;
    for (size_t g = 0; g < out.groups.size(); ++g) {
        MDP_FUZZ_CHECK(out.groups[g].offset == offset);
        MDP_FUZZ_CHECK(out.groups[g].rows > 0);
        offset += out.groups[g].length;
        routed_rows += out.groups[g].rows;
        MDP_FUZZ_CHECK(group_of.emplace(out.groups[g].key, g).second);
    }
    MDP_FUZZ_CHECK(offset == out.text.size());
    MDP_FUZZ_CHECK(routed_rows + out.rejects.size() == lines.size());

    // Line by line against the model.
    std::vector<std::string> expected_text(out.groups.size());
    std::vector<uint64_t> expected_rows(out.groups.size());
    size_t next_reject = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto accepted = model(lines[i], rules);
        const bool rejected =
            next_reject < out.rejects.size() && out.rejects[next_reject].line_in_block == i;
        MDP_FUZZ_CHECK(accepted.has_value() != rejected);
        if (rejected) {
            const std::string& text = out.rejects[next_reject].text;
            MDP_FUZZ_CHECK(text == lines[i].text.substr(0, text.size()));
            MDP_FUZZ_CHECK(text.size() == lines[i].text.size() || text.size() == 64 * 1024);
            MDP_FUZZ_CHECK(!out.rejects[next_reject].reason.empty());
            ++next_reject;
            continue;
        }
        const auto group = group_of.find(*accepted);
        MDP_FUZZ_CHECK(group != group_of.end());
        if (rules.kept_columns.empty()) {
            expected_text[group->second] += lines[i].text;
        } else {
            // Recover this row's projection from the routed text: it is the next line of its
            // group, and it must split back into exactly the kept fields.
            const std::string_view rest =
                out.text_of(out.groups[group->second]).substr(expected_text[group->second].size());
            const size_t newline = rest.find('\n');
            MDP_FUZZ_CHECK(newline != std::string_view::npos);
            std::string_view projected = rest.substr(0, newline);
            if (lines[i].crlf) {
                MDP_FUZZ_CHECK(!projected.empty() && projected.back() == '\r');
                projected.remove_suffix(1);
            }
            SplitFields original;
            SplitFields kept;
            split_csv_line(lines[i].text, original);
            split_csv_line(projected, kept);
            MDP_FUZZ_CHECK(kept.status == SplitStatus::kOk);
            MDP_FUZZ_CHECK(kept.fields.size() == rules.kept_columns.size());
            for (size_t k = 0; k < rules.kept_columns.size(); ++k) {
                MDP_FUZZ_CHECK(kept.fields[k] == original.fields[rules.kept_columns[k]]);
            }
            expected_text[group->second] += projected;
        }
        expected_text[group->second] += lines[i].crlf ? "\r\n" : "\n";
        ++expected_rows[group->second];
    }
    MDP_FUZZ_CHECK(next_reject == out.rejects.size());
    for (size_t g = 0; g < out.groups.size(); ++g) {
        MDP_FUZZ_CHECK(out.text_of(out.groups[g]) == expected_text[g]);
        MDP_FUZZ_CHECK(out.groups[g].rows == expected_rows[g]);
    }
    return 0;
}
