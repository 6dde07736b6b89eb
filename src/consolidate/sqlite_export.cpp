#include "consolidate/sqlite_export.h"

#include <stdexcept>

#include "consolidate/consolidator.h"

#ifdef MDP_HAVE_SQLITE
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "common/durable_file.h"
#include "common/errors.h"
#include "common/unique_fd.h"
#include "consolidate/csv_record.h"
#endif

namespace mdp::consolidate {

namespace fs = std::filesystem;

#ifdef MDP_HAVE_SQLITE

namespace {

// Columns stored as TEXT whatever they hold (dates, names, free text).
const std::set<std::string, std::less<>> kTextColumns{"date",   "status", "note",
                                                      "metric", "scope",  "root_cause"};

class Database {
  public:
    explicit Database(const fs::path& path) : path_(path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) != SQLITE_OK) {
            fail("cannot open");
        }
    }
    ~Database() {
        if (db_ != nullptr) sqlite3_close(db_);
    }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error != nullptr ? error : "unknown error";
            sqlite3_free(error);
            throw IoError("SQLite export to " + path_.string() + " failed: " + message +
                          " (in: " + sql.substr(0, 80) + ")");
        }
    }
    sqlite3_stmt* prepare(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
            fail("cannot prepare");
        }
        return statement;
    }
    [[noreturn]] void fail(const std::string& what) {
        throw IoError("SQLite export to " + path_.string() + ": " + what + ": " +
                      (db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory"));
    }
    void close() {
        if (sqlite3_close(db_) != SQLITE_OK) fail("cannot close");
        db_ = nullptr;
    }

  private:
    fs::path path_;
    sqlite3* db_ = nullptr;
};

// A prepared INSERT, finalized however its scope ends; insert() runs it with the values bound
// since the last one, every few thousand rows checking whether the run was asked to stop.
class Insert {
  public:
    Insert(Database& db, const std::string& sql, const std::atomic<bool>* stop_requested)
        : db_(db), statement_(db.prepare(sql)), stop_requested_(stop_requested) {}
    ~Insert() { sqlite3_finalize(statement_); }
    Insert(const Insert&) = delete;
    Insert& operator=(const Insert&) = delete;

    sqlite3_stmt* statement() { return statement_; }
    void insert() {
        if (sqlite3_step(statement_) != SQLITE_DONE) db_.fail("cannot insert");
        sqlite3_reset(statement_);
        if (++rows_ % 4096 == 0 && stop_requested_ != nullptr && stop_requested_->load()) throw Interrupted();
    }

  private:
    Database& db_;
    sqlite3_stmt* statement_;
    const std::atomic<bool>* stop_requested_;
    uint64_t rows_ = 0;
};

std::string quoted_name(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

void bind_cell(Database& db, sqlite3_stmt* statement, int index, const std::string& cell,
               bool text_column) {
    int rc = SQLITE_OK;
    if (cell.empty()) {
        rc = sqlite3_bind_null(statement, index);
    } else if (text_column) {
        rc = sqlite3_bind_text(statement, index, cell.data(), static_cast<int>(cell.size()),
                               SQLITE_TRANSIENT);
    } else if (cell == "true" || cell == "false") {
        rc = sqlite3_bind_int(statement, index, cell == "true" ? 1 : 0);
    } else if (const auto integer = parse_integer_cell(cell)) {
        rc = sqlite3_bind_int64(statement, index, *integer);
    } else if (const auto number = parse_number_cell(cell)) {
        rc = sqlite3_bind_double(statement, index, *number);
    } else {
        rc = sqlite3_bind_text(statement, index, cell.data(), static_cast<int>(cell.size()),
                               SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) db.fail("cannot bind a value");
}

void load_table(Database& db, const fs::path& csv, const std::string& table, const std::atomic<bool>* stop_requested) {
    std::ifstream in(csv, std::ios::binary);
    if (!in) throw IoError("cannot read " + csv.string());
    std::string line;
    std::vector<std::string> fields;
    if (!std::getline(in, line) || !split_csv_line(line, fields)) {
        throw IoError(csv.string() + " has no header");
    }
    const std::vector<std::string> columns = fields;
    std::vector<bool> is_text;
    std::string create = "CREATE TABLE " + quoted_name(table) + " (";
    std::string insert = "INSERT INTO " + quoted_name(table) + " VALUES (";
    for (size_t i = 0; i < columns.size(); ++i) {
        is_text.push_back(kTextColumns.count(columns[i]) > 0);
        create +=
            (i > 0 ? ", " : "") + quoted_name(columns[i]) + (is_text.back() ? " TEXT" : " NUMERIC");
        insert += i > 0 ? ", ?" : "?";
    }
    db.exec(create + ")");
    Insert rows(db, insert + ")", stop_requested);
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (!split_csv_line(line, fields) || fields.size() != columns.size()) {
            throw IoError(csv.string() + " has a malformed row");
        }
        for (size_t i = 0; i < fields.size(); ++i) {
            bind_cell(db, rows.statement(), static_cast<int>(i + 1), fields[i], is_text[i]);
        }
        rows.insert();
    }
}

void bind_optional_text(Database& db, sqlite3_stmt* statement, int index, const std::optional<std::string>& text) {
    const int rc = text ? sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()),
                                            SQLITE_TRANSIENT)
                        : sqlite3_bind_null(statement, index);
    if (rc != SQLITE_OK) db.fail("cannot bind a value");
}

void load_runs(Database& db, const std::vector<PartitionRunRow>& runs, const std::atomic<bool>* stop_requested) {
    db.exec("CREATE TABLE runs (date TEXT, security INTEGER, status TEXT, attempts INTEGER, duration_sec REAL, "
            "started_at TEXT, completed_at TEXT, error TEXT)");
    Insert rows(db, "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stop_requested);
    sqlite3_stmt* statement = rows.statement();
    for (const PartitionRunRow& run : runs) {
        const std::string date = run.key.date.to_string();
        const bool bound =
            sqlite3_bind_text(statement, 1, date.data(), static_cast<int>(date.size()), SQLITE_TRANSIENT) ==
                SQLITE_OK &&
            sqlite3_bind_int64(statement, 2, static_cast<sqlite3_int64>(run.key.security)) == SQLITE_OK &&
            sqlite3_bind_text(statement, 3, run.status.data(), static_cast<int>(run.status.size()),
                              SQLITE_TRANSIENT) == SQLITE_OK &&
            sqlite3_bind_int64(statement, 4, run.attempts) == SQLITE_OK &&
            sqlite3_bind_double(statement, 5, run.duration_sec) == SQLITE_OK;
        if (!bound) db.fail("cannot bind a value");
        bind_optional_text(db, statement, 6, run.started_at);
        bind_optional_text(db, statement, 7, run.completed_at);
        bind_optional_text(db, statement, 8, run.error);
        rows.insert();
    }
}

void fsync_file(const fs::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd || ::fsync(fd.get()) != 0) throw IoError::from_errno("cannot fsync", path);
}

}  // namespace

void export_sqlite(const fs::path& consolidated_dir, const fs::path& database, const std::vector<PartitionRunRow>& runs,
                   const std::atomic<bool>* stop_requested) {
    fs::path partial = database;
    partial += ".partial";
    std::error_code ec;
    fs::remove(partial, ec);
    {
        Database db(partial);
        db.exec("PRAGMA journal_mode = OFF");
        db.exec("PRAGMA synchronous = OFF");
        db.exec("BEGIN");
        for (const char* table : kSqliteTables) {
            load_table(db, consolidated_dir / (std::string(table) + ".csv"), table, stop_requested);
        }
        load_runs(db, runs, stop_requested);
        db.exec("CREATE INDEX sweep_comparison_security ON sweep_comparison (security, date)");
        db.exec("CREATE INDEX runs_status ON runs (status)");
        db.exec("CREATE INDEX partitions_status ON partitions (status)");
        db.exec("COMMIT");
        db.close();
    }
    fsync_file(partial);
    rename_durably(partial, database);
}

bool sqlite_export_available() { return true; }

#else

void export_sqlite(const fs::path&, const fs::path&, const std::vector<PartitionRunRow>&, const std::atomic<bool>*) {
    throw std::runtime_error(
        "this build has no SQLite support (install libsqlite3-dev and rebuild)");
}

bool sqlite_export_available() { return false; }

#endif

}  // namespace mdp::consolidate
