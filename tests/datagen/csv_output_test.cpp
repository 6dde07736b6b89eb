#include "datagen/csv_output.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace mdp::datagen {
namespace {

void write_row(CsvOutput& out, int64_t a, std::string_view b) {
    char* p = out.begin_row();
    p = CsvOutput::put(p, a);
    p = CsvOutput::comma(p);
    p = CsvOutput::put(p, b);
    out.end_row(p);
}

TEST(CsvOutput, HeaderRowsAndCounts) {
    StringSink sink;
    CsvOutput out(&sink, false, 64);  // tiny buffer: forces flushes between rows
    const std::array<std::string_view, 2> columns{"a", "b"};
    out.write_header(columns.data(), columns.size());
    for (int i = 0; i < 20; ++i) write_row(out, -1234567890123456789 + i, "x");
    out.finish();
    EXPECT_EQ(out.rows(), 20U);
    EXPECT_EQ(out.extra_lines(), 0U);
    EXPECT_EQ(sink.data().substr(0, 4), "a,b\n");
    EXPECT_NE(sink.data().find("\n-1234567890123456789,x\n"), std::string::npos);
    EXPECT_EQ(out.bytes(), sink.data().size());
}

TEST(CsvOutput, CrlfLineEnds) {
    StringSink sink;
    CsvOutput out(&sink, true);
    write_row(out, 1, "y");
    EXPECT_EQ(out.last_row(), "1,y");
    out.finish();
    EXPECT_EQ(sink.data(), "1,y\r\n");
}

TEST(CsvOutput, ReplaceAndAppend) {
    StringSink sink;
    CsvOutput out(&sink, false);
    write_row(out, 1, "plain");
    out.replace_last_row("1,\"quoted, text\"");
    out.append_line("garbage");
    write_row(out, 2, "z");
    out.finish();
    EXPECT_EQ(sink.data(), "1,\"quoted, text\"\ngarbage\n2,z\n");
    EXPECT_EQ(out.rows(), 2U);
    EXPECT_EQ(out.extra_lines(), 1U);
}

}  // namespace
}  // namespace mdp::datagen
