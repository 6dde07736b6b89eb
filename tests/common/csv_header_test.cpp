#include "common/csv_header.h"

#include <gtest/gtest.h>

#include "common/errors.h"

namespace mdp {
namespace {

TEST(CsvHeader, FindsColumnsCaseInsensitivelyIgnoringSpacesAndBom) {
    const auto header = CsvHeader::parse("\xEF\xBB\xBFOrder_ID, TimeStamp ,security_code", "f.csv");
    EXPECT_EQ(header.field_count(), 3U);
    EXPECT_EQ(header.find("order_id"), 0U);
    EXPECT_EQ(header.find("timestamp"), 1U);
    EXPECT_EQ(header.find("SECURITY_CODE"), 2U);
    EXPECT_FALSE(header.find("price"));
    EXPECT_EQ(header.original_names()[1], " TimeStamp ");
}

TEST(CsvHeader, RejectsEmptyAndDuplicatedNamesNamingTheFile) {
    EXPECT_THROW(CsvHeader::parse("a,,b", "f.csv"), InputError);
    try {
        CsvHeader::parse("a,B,b", "dir/f.csv");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("dir/f.csv:1"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("'b' twice"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace mdp
