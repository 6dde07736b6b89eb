#pragma once
// The wanted fields of one row of a partition file, as text, with the checks every integer
// column needs (empty, not an integer, out of its type's range, another security): each failure is an
// InputError naming the file, the physical line and the column. Filled by the parser
// (partition_parser.cpp) row after row; turned into typed rows by partition_columns.h.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "analyzers/csv_header.h"
#include "common/cell_value.h"
#include "common/errors.h"
#include "common/partition_key.h"

namespace mdp::analyzers {

template <size_t N>
class RowFields {
  public:
    RowFields(const std::filesystem::path& file, const std::array<WantedColumn, N>& columns)
        : file_(file), columns_(columns) {}

    std::array<std::string_view, N> text{};  // the wanted fields, trimmed and unquoted
    uint64_t line = 0;
    // Where the bytes the fields point into begin (all readable up to each field's end, which
    // lets integers be read eight digits at a time), or nullptr when they are not in one buffer.
    const char* readable = nullptr;

    // The value of an integer column, read as its type in the schema says (cell_value.h): the
    // form and range extraction has already checked, so a failure here means a partition file
    // that did not come from extraction (or an older one). Spaces inside quotes are trimmed as
    // extraction trims them (`" 5 "` is 5 there too).
    int64_t integer(size_t i) const {
        const std::string_view t = trim_spaces(text[i]);
        int64_t value = 0;
        switch (read_cell(t, columns_[i].type, value, readable)) {
            case CellProblem::kNone:
                return value;
            case CellProblem::kEmpty:
                fail(i, "is empty");
            case CellProblem::kNotANumber:
            case CellProblem::kNotIntegral:
                fail(i, "'" + std::string(t) + "' is not an integer");
            case CellProblem::kOutOfRange:
                fail(i, "'" + std::string(t) + "' is out of range");
        }
        fail(i, "'" + std::string(t) + "' is not an integer");
    }

    // A quote price: empty means no quote (0, which is unusable by SPEC 1.1).
    int64_t quote_price(size_t i) const { return integer(i); }

    // A small code (side, changereason, exchangeordertype, dealsource): int32 by its range.
    int32_t code(size_t i) const { return static_cast<int32_t>(integer(i)); }

    void check_security(size_t i, SecurityCode security) const {
        const int64_t value = integer(i);
        if (value < 0 || static_cast<uint64_t>(value) != security) {
            throw InputError(file_, line,
                             "row belongs to security " + std::to_string(value) +
                                 ", not to this partition's security " + std::to_string(security));
        }
    }

  private:
    [[noreturn]] void fail(size_t i, const std::string& what) const {
        throw InputError(file_, line,
                         "column '" + std::string(columns_[i].names.front()) + "' " + what);
    }

    const std::filesystem::path& file_;
    const std::array<WantedColumn, N>& columns_;
};

}  // namespace mdp::analyzers
