#pragma once
// Finding the partition files' columns by name (SPEC 1), with the common CsvHeader: header
// names are matched case-insensitively after trimming leading/trailing spaces, a column may have
// several accepted names (the security column is security_code, securitycode or orderbookid in
// any file), and extra columns are ignored. The columns and their lookup are the schema that
// extraction checks too (common/analysed_columns.h).

#include "common/analysed_columns.h"
#include "common/csv_header.h"

namespace mdp::analyzers {

// One column the analysis needs (its names and the type of its cells).
using WantedColumn = AnalysedColumn;

using mdp::resolve_columns;

}  // namespace mdp::analyzers
