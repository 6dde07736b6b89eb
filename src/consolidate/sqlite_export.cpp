#include "consolidate/sqlite_export.h"

#include <stdexcept>

#include "common/errors.h"
#include "consolidate/consolidator.h"

#ifdef MDP_HAVE_SQLITE
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "common/durable_file.h"
#include "common/unique_fd.h"
#include "consolidate/csv_record.h"
#endif

namespace mdp::consolidate {

namespace fs = std::filesystem;

#ifdef MDP_HAVE_SQLITE

namespace {

// Checked every this many rows of a table.
constexpr uint64_t kStopCheckRows = 4096;

std::string quoted_name(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

const char* declared_type(CellType type) {
    switch (type) {
        case CellType::kInteger:
        case CellType::kBoolean:
            return "INTEGER";
        case CellType::kNumber:
            return "REAL";
        case CellType::kText:
            break;
    }
    return "TEXT";
}

std::string name_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + quoted_name(name);
    return out;
}

const char* type_name(CellType type) {
    switch (type) {
        case CellType::kInteger:
            return "an integer";
        case CellType::kNumber:
            return "a number";
        case CellType::kBoolean:
            return "true/false";
        case CellType::kText:
            break;
    }
    return "text";
}

void fsync_file(const fs::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd || ::fsync(fd.get()) != 0) throw IoError::from_errno("cannot fsync", path);
}

}  // namespace

struct SqliteExport::Connection {
    sqlite3* db = nullptr;
    ~Connection() {
        if (db != nullptr) sqlite3_close(db);
    }
};

SqliteExport::SqliteExport(fs::path database, const std::atomic<bool>* stop_requested)
    : database_(std::move(database)), stop_requested_(stop_requested), connection_(std::make_unique<Connection>()) {
    partial_ = database_;
    partial_ += ".partial";
    std::error_code ec;
    fs::remove(partial_, ec);
    if (sqlite3_open_v2(partial_.c_str(), &connection_->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        fail("cannot open");
    }
    // Nothing to protect until the rename: the partial file is thrown away if we stop.
    exec("PRAGMA journal_mode = OFF");
    exec("PRAGMA synchronous = OFF");
    exec("BEGIN");
}

SqliteExport::~SqliteExport() {
    tables_.clear();  // finalizes the statements before the connection closes
    connection_.reset();
    if (!finished_) {
        std::error_code ec;
        fs::remove(partial_, ec);
    }
}

void SqliteExport::fail(const std::string& what) {
    throw IoError("SQLite export to " + database_.string() + ": " + what + ": " +
                  (connection_->db != nullptr ? sqlite3_errmsg(connection_->db) : "out of memory"));
}

void SqliteExport::exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(connection_->db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error != nullptr ? error : "unknown error";
        sqlite3_free(error);
        throw IoError("SQLite export to " + database_.string() + " failed: " + message + " (in: " + sql.substr(0, 80) +
                      ")");
    }
}

sqlite3_stmt* SqliteExport::prepare(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(connection_->db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) fail("cannot prepare");
    return statement;
}

void SqliteExport::step(sqlite3_stmt* statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) fail("cannot insert");
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
}

SqliteTable& SqliteExport::create(const TableSchema& schema) {
    std::string create = "CREATE TABLE " + quoted_name(schema.name) + " (";
    for (size_t i = 0; i < schema.columns.size(); ++i) {
        create += (i > 0 ? ", " : "") + quoted_name(schema.columns[i].name) + " " + declared_type(schema.columns[i].type);
    }
    if (!schema.primary_key.empty()) create += ", PRIMARY KEY (" + name_list(schema.primary_key) + ")";
    exec(create + ")");
    tables_.push_back(std::unique_ptr<SqliteTable>(new SqliteTable(*this, schema)));
    return *tables_.back();
}

void SqliteExport::add_runs(const Provenance& provenance, const std::vector<PartitionRunRow>& partition_runs) {
    static const TableSchema runs{"runs",
                                  {{"program", CellType::kText},
                                   {"first_date", CellType::kText},
                                   {"last_date", CellType::kText},
                                   {"analysis_started", CellType::kText},
                                   {"analysis_finished", CellType::kText},
                                   {"settings", CellType::kText}},
                                  {},
                                  {}};
    static const TableSchema inputs{"run_inputs",
                                    {{"role", CellType::kText},
                                     {"path", CellType::kText},
                                     {"size", CellType::kInteger},
                                     {"content_hash", CellType::kText}},
                                    {},
                                    {}};
    static const TableSchema partitions{"partition_runs",
                                        {{"date", CellType::kText},
                                         {"security", CellType::kInteger},
                                         {"status", CellType::kText},
                                         {"attempts", CellType::kInteger},
                                         {"duration_sec", CellType::kNumber},
                                         {"started_at", CellType::kText},
                                         {"completed_at", CellType::kText},
                                         {"error", CellType::kText}},
                                        {"date", "security"},
                                        {{"status"}}};
    const auto text_or_null = [](SqliteTable& table, std::string_view text) {
        if (text.empty()) {
            table.empty();
        } else {
            table.text(text);
        }
    };
    SqliteTable& run = create(runs);
    nlohmann::ordered_json settings = nlohmann::ordered_json::object();
    for (const auto& [name, value] : provenance.settings) settings[name] = nlohmann::ordered_json::parse(value);
    text_or_null(run, provenance.program);
    text_or_null(run, provenance.first_date);
    text_or_null(run, provenance.last_date);
    text_or_null(run, provenance.analysis_started);
    text_or_null(run, provenance.analysis_finished);
    run.text(settings.dump());
    run.end_row();

    SqliteTable& input = create(inputs);
    for (const Provenance::Input& in : provenance.inputs) {
        input.text(in.role);
        input.text(in.path);
        input.integer(static_cast<int64_t>(in.size));
        text_or_null(input, in.content_hash);
        input.end_row();
    }

    SqliteTable& partition = create(partitions);
    for (const PartitionRunRow& row : partition_runs) {
        partition.text(row.key.date.to_string());
        partition.integer(static_cast<int64_t>(row.key.security));
        partition.text(row.status);
        partition.integer(row.attempts);
        partition.number(row.duration_sec);
        text_or_null(partition, row.started_at.value_or(""));
        text_or_null(partition, row.completed_at.value_or(""));
        text_or_null(partition, row.error.value_or(""));
        partition.end_row();
    }
}

void SqliteExport::finish() {
    for (const auto& table : tables_) {
        const TableSchema& schema = table->schema_;
        for (const auto& columns : schema.indexes) {
            std::string name = schema.name;
            for (const auto& column : columns) name += "_" + column;
            exec("CREATE INDEX " + quoted_name(name) + " ON " + quoted_name(schema.name) + " (" + name_list(columns) +
                 ")");
        }
    }
    exec("COMMIT");
    tables_.clear();
    if (sqlite3_close(connection_->db) != SQLITE_OK) fail("cannot close");
    connection_->db = nullptr;
    fsync_file(partial_);
    rename_durably(partial_, database_);
    finished_ = true;
}

SqliteTable::SqliteTable(SqliteExport& db, const TableSchema& schema) : db_(db), schema_(schema) {
    std::string insert = "INSERT INTO " + quoted_name(schema.name) + " VALUES (";
    for (size_t i = 0; i < schema.columns.size(); ++i) insert += i > 0 ? ", ?" : "?";
    insert_ = db_.prepare(insert + ")");
}

SqliteTable::~SqliteTable() { sqlite3_finalize(insert_); }

void SqliteTable::expect(CellType type) {
    if (column_ >= schema_.columns.size()) {
        throw std::logic_error("SQLite table " + schema_.name + ": more cells than columns");
    }
    if (schema_.columns[column_].type != type) {
        throw std::logic_error("SQLite table " + schema_.name + ": column " + schema_.columns[column_].name + " is not " +
                               type_name(type));
    }
}

void SqliteTable::integer(int64_t value) {
    expect(CellType::kInteger);
    if (sqlite3_bind_int64(insert_, static_cast<int>(++column_), value) != SQLITE_OK) db_.fail("cannot bind");
}

void SqliteTable::number(double value) {
    expect(CellType::kNumber);
    const int index = static_cast<int>(++column_);
    const int rc = std::isnan(value) ? sqlite3_bind_null(insert_, index) : sqlite3_bind_double(insert_, index, value);
    if (rc != SQLITE_OK) db_.fail("cannot bind");
}

void SqliteTable::boolean(bool value) {
    expect(CellType::kBoolean);
    if (sqlite3_bind_int(insert_, static_cast<int>(++column_), value ? 1 : 0) != SQLITE_OK) db_.fail("cannot bind");
}

void SqliteTable::text(std::string_view value) {
    expect(CellType::kText);
    if (sqlite3_bind_text(insert_, static_cast<int>(++column_), value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        db_.fail("cannot bind");
    }
}

void SqliteTable::empty() {
    if (column_ >= schema_.columns.size()) throw std::logic_error("SQLite table " + schema_.name + ": too many cells");
    if (sqlite3_bind_null(insert_, static_cast<int>(++column_)) != SQLITE_OK) db_.fail("cannot bind");
}

void SqliteTable::csv_cells(std::string_view line, size_t first_column) {
    if (column_ != first_column) throw std::logic_error("SQLite table " + schema_.name + ": csv_cells out of place");
    if (!split_csv_line(line, fields_) || first_column + fields_.size() != schema_.columns.size()) {
        throw std::runtime_error("SQLite table " + schema_.name + ": a row with other columns than the table's");
    }
    for (const std::string& cell : fields_) {
        const TableColumn& column = schema_.columns[column_];
        const auto not_of_type = [&] {
            return std::runtime_error("SQLite table " + schema_.name + ": column " + column.name + " holds '" + cell +
                                      "', not " + type_name(column.type));
        };
        if (cell.empty()) {
            empty();
            continue;
        }
        switch (column.type) {
            case CellType::kInteger: {
                const auto value = parse_integer_cell(cell);
                if (!value) throw not_of_type();
                integer(*value);
                break;
            }
            case CellType::kNumber: {
                const auto value = parse_number_cell(cell);
                if (!value) throw not_of_type();
                number(*value);
                break;
            }
            case CellType::kBoolean:
                if (cell != "true" && cell != "false") throw not_of_type();
                boolean(cell == "true");
                break;
            case CellType::kText:
                text(cell);
                break;
        }
    }
}

void SqliteTable::end_row() {
    if (column_ != schema_.columns.size()) {
        throw std::logic_error("SQLite table " + schema_.name + ": row of " + std::to_string(column_) + " cells");
    }
    db_.step(insert_);
    column_ = 0;
    if (++rows_ % kStopCheckRows == 0 && db_.stop_requested_ != nullptr && db_.stop_requested_->load()) {
        throw Interrupted();
    }
}

bool sqlite_export_available() { return true; }

#else

struct SqliteExport::Connection {};

SqliteExport::SqliteExport(fs::path, const std::atomic<bool>*) {
    throw std::runtime_error("this build has no SQLite support (install libsqlite3-dev and rebuild)");
}
SqliteExport::~SqliteExport() = default;
SqliteTable& SqliteExport::create(const TableSchema&) { throw std::logic_error("no SQLite"); }
void SqliteExport::add_runs(const Provenance&, const std::vector<PartitionRunRow>&) {}
void SqliteExport::finish() {}
SqliteTable::~SqliteTable() = default;
void SqliteTable::integer(int64_t) {}
void SqliteTable::number(double) {}
void SqliteTable::boolean(bool) {}
void SqliteTable::text(std::string_view) {}
void SqliteTable::empty() {}
void SqliteTable::csv_cells(std::string_view, size_t) {}
void SqliteTable::end_row() {}

bool sqlite_export_available() { return false; }

#endif

}  // namespace mdp::consolidate
