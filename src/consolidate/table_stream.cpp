#include "consolidate/table_stream.h"

#include "common/errors.h"

namespace mdp::consolidate {

namespace {

// Rows are moved from the writer to the file in blocks of about this size.
constexpr size_t kBlockBytes = 1 << 20;
// The stop flag is polled every this many rows.
constexpr size_t kStopCheckRows = 4096;

}  // namespace

void TableTarget::throw_if_stopped() const {
    if (stop_requested != nullptr && stop_requested->load()) throw Interrupted();
}

TableRow& TableRow::integer(int64_t value) {
    csv_->integer(value);
    if (sqlite_ != nullptr) sqlite_->integer(value);
    return *this;
}

TableRow& TableRow::integer(std::optional<int64_t> value) { return value ? integer(*value) : empty(); }

TableRow& TableRow::number(double value) {
    csv_->number(value);
    if (sqlite_ != nullptr) sqlite_->number(value);
    return *this;
}

TableRow& TableRow::boolean(bool value) {
    csv_->boolean(value);
    if (sqlite_ != nullptr) sqlite_->boolean(value);
    return *this;
}

TableRow& TableRow::text(std::string_view value) {
    csv_->text(value);
    if (sqlite_ != nullptr) sqlite_->text(value);
    return *this;
}

TableRow& TableRow::empty() {
    csv_->empty();
    if (sqlite_ != nullptr) sqlite_->empty();
    return *this;
}

TableStream::TableStream(const TableTarget& target, const TableSchema& schema)
    : out_(target.directory / schema.file_name()),
      columns_(schema.column_names()),
      writer_(columns_),
      sqlite_(target.sqlite != nullptr ? &target.sqlite->create(schema) : nullptr),
      target_(target),
      row_(writer_, sqlite_) {
    header_bytes_ = writer_.content().size();
}

void TableStream::end_row_with_csv_cells(size_t leading, std::string_view line) {
    writer_.formatted_cells(line, columns_.size() - leading);
    if (sqlite_ != nullptr) sqlite_->csv_cells(line, leading);
    end_row();
}

void TableStream::end_row() {
    writer_.end_row();
    if (sqlite_ != nullptr) sqlite_->end_row();
    ++rows_;
    if (rows_ % kStopCheckRows == 0) target_.throw_if_stopped();
    if (writer_.content().size() >= kBlockBytes) flush_rows();
}

void TableStream::flush_rows() {
    const std::string_view content = writer_.content();
    out_.write(header_written_ ? content.substr(header_bytes_) : content);
    header_written_ = true;
    writer_ = analyzers::CsvWriter(columns_);
}

void TableStream::close() {
    flush_rows();
    out_.close();
}

}  // namespace mdp::consolidate
