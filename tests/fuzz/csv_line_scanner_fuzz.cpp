// Fuzzes CsvLineScanner (routing's hot path) against split_csv_line, the plain splitter:
// the scanner must cut the bytes into exactly the '\n'-separated lines, flag exactly the lines
// holding a quote, and for the others report the same field count and the same two chosen
// fields as the splitter. The splitter itself is checked by re-encoding what it returns and
// splitting again (same fields), and against count_csv_fields.
//
// Input: byte 0 picks the two field indexes (low and high nibble, 0..15); the rest is the data.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv_fields.h"
#include "common/csv_line_scanner.h"
#include "fuzz/fuzz_scratch.h"

namespace {

using mdp::fuzz::fail;

// RFC 4180 encoding of fields: every field quoted, quotes doubled.
std::string encode(const std::vector<std::string_view>& fields) {
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out.push_back(',');
        out.push_back('"');
        for (const char c : fields[i]) {
            if (c == '"') out.push_back('"');
            out.push_back(c);
        }
        out.push_back('"');
    }
    return out;
}

void check_splitter(std::string_view line) {
    mdp::SplitFields split;
    mdp::split_csv_line(line, split);
    const size_t counted = mdp::count_csv_fields(line);
    if (split.status != mdp::SplitStatus::kOk) {
        MDP_FUZZ_CHECK(counted == 0);
        MDP_FUZZ_CHECK(line.find('"') != std::string_view::npos);
        return;
    }
    MDP_FUZZ_CHECK(counted == split.fields.size());
    MDP_FUZZ_CHECK(!split.fields.empty());
    const std::vector<std::string_view> fields(split.fields.begin(), split.fields.end());
    const std::string again_text = encode(fields);
    mdp::SplitFields again;
    mdp::split_csv_line(again_text, again);
    MDP_FUZZ_CHECK(again.status == mdp::SplitStatus::kOk);
    MDP_FUZZ_CHECK(again.fields.size() == fields.size());
    for (size_t i = 0; i < fields.size(); ++i) MDP_FUZZ_CHECK(again.fields[i] == fields[i]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const size_t first_index = data[0] & 0x0F;
    const size_t second_index = data[0] >> 4;
    const std::string_view text = mdp::fuzz::as_text(data + 1, size - 1);

    mdp::CsvLineScanner scanner(text, first_index, second_index);
    mdp::ScannedLine scanned;
    size_t pos = 0;  // where the next line must start
    while (scanner.next(scanned)) {
        MDP_FUZZ_CHECK(pos < text.size());
        const size_t newline = text.find('\n', pos);
        const size_t end = newline == std::string_view::npos ? text.size() : newline;
        const std::string_view expected = text.substr(pos, end - pos);
        MDP_FUZZ_CHECK(scanned.text.data() == text.data() + pos);
        MDP_FUZZ_CHECK(scanned.text == expected);
        pos = end + 1;

        MDP_FUZZ_CHECK(scanned.has_quote == (expected.find('"') != std::string_view::npos));
        std::string_view line = expected;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        check_splitter(line);
        if (scanned.has_quote) continue;

        mdp::SplitFields split;
        mdp::split_csv_line(line, split);
        MDP_FUZZ_CHECK(split.status == mdp::SplitStatus::kOk);
        MDP_FUZZ_CHECK(scanned.field_count == split.fields.size());
        const auto field = [&](size_t index) {
            return index < split.fields.size() ? split.fields[index] : std::string_view{};
        };
        MDP_FUZZ_CHECK(scanned.first == field(first_index));
        MDP_FUZZ_CHECK(scanned.second == field(second_index));
    }
    // Every byte belongs to a returned line: the scanner stopped at the end of the data.
    MDP_FUZZ_CHECK(pos >= text.size());
    return 0;
}
