#pragma once
// The columns the per-partition analysis reads from each input (SPEC 1.1 - 1.3): their accepted
// names and the type of value each holds (cell_value.h: its form and range). One schema for
// extraction, which checks these columns of every row and refuses an input whose header lacks
// one, and for the analyzers, which read them from the partition files (docs/validation.md).

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/cell_value.h"
#include "common/csv_header.h"

namespace mdp {

// One column the analysis needs: its accepted names, lower case (the first one is used in
// messages), and what its cells hold.
struct AnalysedColumn {
    std::vector<std::string_view> names;
    ValueType type = ValueType::kId;
};

// SPEC 1.4: the same security column in every file, under any of three names.
inline const AnalysedColumn kSecurityColumn{{"security_code", "securitycode", "orderbookid"},
                                            ValueType::kSecurity};

namespace order_column {
enum : size_t {
    kOrderId,
    kTimestamp,
    kSecurity,
    kPrice,
    kSide,
    kChangeReason,
    kQuantity,
    kLeaves,
    kExchangeOrderType,
    kNationalBid,
    kNationalOffer,
    kBid,
    kOffer,
    kSequence,
    kCount
};
}  // namespace order_column

inline const std::array<AnalysedColumn, order_column::kCount> kOrderColumns{{
    {{"order_id"}, ValueType::kId},
    {{"timestamp"}, ValueType::kTimestamp},
    kSecurityColumn,
    {{"price"}, ValueType::kPrice},
    {{"side"}, ValueType::kCode},
    {{"changereason"}, ValueType::kCode},
    {{"quantity"}, ValueType::kQuantity},
    {{"leavesquantity"}, ValueType::kQuantity},
    {{"exchangeordertype"}, ValueType::kCode},
    {{"national_bid"}, ValueType::kQuotePrice},
    {{"national_offer"}, ValueType::kQuotePrice},
    {{"bid"}, ValueType::kQuotePrice},
    {{"offer"}, ValueType::kQuotePrice},
    {{"sequence"}, ValueType::kId},
}};

namespace trade_column {
enum : size_t {
    kOrderId,
    kTradeTime,
    kSecurity,
    kDealSource,
    kNationalBid,
    kNationalOffer,
    kPrice,
    kQuantity,
    kCount
};
}  // namespace trade_column

inline const std::array<AnalysedColumn, trade_column::kCount> kTradeColumns{{
    {{"orderid"}, ValueType::kId},
    {{"tradetime"}, ValueType::kTimestamp},
    kSecurityColumn,
    {{"dealsource"}, ValueType::kCode},
    {{"nationalbidpricesnapshot"}, ValueType::kQuotePrice},
    {{"nationalofferpricesnapshot"}, ValueType::kQuotePrice},
    {{"tradeprice"}, ValueType::kPrice},
    {{"quantity"}, ValueType::kQuantity},
}};

namespace nbbo_column {
enum : size_t { kTimestamp, kSecurity, kBid, kOffer, kCount };
}  // namespace nbbo_column

inline const std::array<AnalysedColumn, nbbo_column::kCount> kNbboColumns{{
    {{"timestamp"}, ValueType::kTimestamp},
    kSecurityColumn,
    {{"bidprice"}, ValueType::kQuotePrice},
    {{"offerprice"}, ValueType::kQuotePrice},
}};

// "security_code/securitycode/orderbookid": every accepted name of `column`.
std::string names_text(const AnalysedColumn& column);

// The header column matching `column`, if any. Throws InputError naming `file` and line 1 when
// two header cells match it (security_code and orderbookid both present: which one is meant?).
std::optional<size_t> find_column(const CsvHeader& header, const std::filesystem::path& file,
                                  const AnalysedColumn& column);

// For each wanted column in order, the index of the header column that matches it. Throws
// InputError naming `file` and line 1 when a wanted column is missing or two header cells match
// the same wanted column.
std::vector<size_t> resolve_columns(const CsvHeader& header, const std::filesystem::path& file,
                                    std::span<const AnalysedColumn> wanted);

}  // namespace mdp
