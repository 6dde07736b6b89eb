#include "common/csv_fields.h"

#include <gtest/gtest.h>

namespace mdp {
namespace {

std::vector<std::string> split(std::string_view line, SplitStatus expected = SplitStatus::kOk) {
    SplitFields out;
    split_csv_line(line, out);
    EXPECT_EQ(out.status, expected) << line;
    return {out.fields.begin(), out.fields.end()};
}

TEST(CsvFields, PlainLines) {
    EXPECT_EQ(split("a,b,c"), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(split(""), (std::vector<std::string>{""}));
    EXPECT_EQ(split(",,"), (std::vector<std::string>{"", "", ""}));
    EXPECT_EQ(split("a,"), (std::vector<std::string>{"a", ""}));
}

TEST(CsvFields, QuotedFieldsKeepCommasAndUnescapeDoubledQuotes) {
    EXPECT_EQ(split(R"(1,"Rest, of Day",3)"), (std::vector<std::string>{"1", "Rest, of Day", "3"}));
    EXPECT_EQ(split(R"("say ""hi""",x)"), (std::vector<std::string>{R"(say "hi")", "x"}));
    EXPECT_EQ(split(R"("",x,"")"), (std::vector<std::string>{"", "x", ""}));
    EXPECT_EQ(split(R"("a",)"), (std::vector<std::string>{"a", ""}));
    // Many doubled-quote fields: the views must stay valid (no reallocation of the storage).
    EXPECT_EQ(split(R"("""a""","""b""","""c""","""d""","""e""")"),
              (std::vector<std::string>{R"("a")", R"("b")", R"("c")", R"("d")", R"("e")"}));
}

TEST(CsvFields, MalformedQuotesAreReported) {
    split(R"(1,"open,2)", SplitStatus::kUnterminatedQuote);
    split(R"(1,"closed"x,2)", SplitStatus::kTextAfterClosingQuote);
    EXPECT_EQ(count_csv_fields(R"(1,"open,2)"), 0U);
}

TEST(CsvFields, CountMatchesSplit) {
    for (const char* line : {"a,b,c", R"(1,"x,y",3)", "", ",", R"("")"}) {
        SplitFields out;
        split_csv_line(line, out);
        EXPECT_EQ(count_csv_fields(line), out.fields.size()) << line;
    }
}

}  // namespace
}  // namespace mdp
