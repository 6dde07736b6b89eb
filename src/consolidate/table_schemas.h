#pragma once
// The consolidated tables' columns, with their types, in one place: the CSV writers take their
// headers from here and the SQLite export its CREATE TABLE statements (declared types, primary
// keys, indexes), so a column cannot be added to one and forgotten in the other.
// Column by column: docs/consolidation.md.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/csv_writer.h"

namespace mdp::consolidate {

using analyzers::CellType;

struct TableColumn {
    std::string name;
    CellType type;
};

struct TableSchema {
    std::string name;  // the table's name; its CSV file is <name>.csv
    std::vector<TableColumn> columns;
    // SQLite only: a primary key (column names; empty: none) and indexes (each a list of names).
    std::vector<std::string> primary_key;
    std::vector<std::vector<std::string>> indexes;

    std::vector<std::string_view> column_names() const;
    std::string file_name() const { return name + ".csv"; }
};

const TableSchema& partitions_schema();
// date, security, then the columns of the partitions' detailed comparison (set A, per order).
const TableSchema& sweep_comparison_schema();
// date, security, then the columns of the partitions' unmatched diagnosis (set B, per order).
// SQLite only: consolidated/ has no such CSV (the partitions' files hold it).
const TableSchema& unmatched_sweeps_schema();
const TableSchema& pooled_tests_schema();
const TableSchema& per_security_tests_schema();
const TableSchema& cross_security_anova_schema();
const TableSchema& cross_security_pairwise_schema();
const TableSchema& root_causes_schema();

}  // namespace mdp::consolidate
