#include "engine/error_text.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mdp::engine {
namespace {

TEST(ErrorText, JoinsLinesIntoOne) {
    EXPECT_EQ(one_line("plain"), "plain");
    EXPECT_EQ(one_line("first\nsecond"), "first second");
    EXPECT_EQ(one_line("first\r\n    indented\n"), "first indented");
    EXPECT_EQ(one_line("ends with space \nnext"), "ends with space next");
    EXPECT_EQ(one_line("\n\nleading"), "leading");
    EXPECT_EQ(one_line(""), "");
}

TEST(ErrorText, DescribesExceptions) {
    EXPECT_EQ(describe_exception(std::make_exception_ptr(std::runtime_error("a\nb"))), "a b");
    EXPECT_EQ(describe_exception(std::make_exception_ptr(std::runtime_error(""))),
              "error without a message");
    EXPECT_EQ(describe_exception(std::make_exception_ptr(42)), "unknown error");
}

}  // namespace
}  // namespace mdp::engine
