#pragma once
// Deliberately broken CSV lines for exercising the extractor's reject handling. Each kind is
// built from a valid row that was just written (so it looks like the real thing apart from the
// one defect) and is inserted after it; the valid data itself is never altered, except by
// kQuotedComma, which rewrites that row in place because its result is still a valid row.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "datagen/csv_schema.h"
#include "datagen/random.h"

namespace mdp::datagen {

enum class MalformedKind : uint8_t {
    kTooFewFields,         // the row with its last fields dropped
    kTooManyFields,        // the row with extra fields appended
    kNonNumericTimestamp,  // timestamp replaced by text ("2024-04-02 10:00:01.5")
    kEmptySecurity,        // security code empty
    kPathSecurity,         // security code "../x"
    kExponentSecurity,     // security code "1e5"
    kHugeSecurity,         // security code of 40 digits (overflows int64)
    kNegativeNumbers,      // security code negative, a price/quantity negative
    kBinaryGarbage,        // a line of random bytes (NUL and high bytes; no comma, quote, CR, LF)
    kQuotedComma,          // VALID: a text field quoted with a comma inside (right field count)
};
inline constexpr size_t kMalformedKindCount = 10;

std::string_view to_string(MalformedKind kind);
// True for the kinds the extractor must reject (all but kQuotedComma).
inline bool is_rejectable(MalformedKind kind) { return kind != MalformedKind::kQuotedComma; }

// Builds the replacement/extra line (without line end) from `valid_row` (without line end, plain
// unquoted fields laid out as `layout`).
std::string make_malformed_row(MalformedKind kind, std::string_view valid_row,
                               const RowLayout& layout, Rng& rng);

}  // namespace mdp::datagen
