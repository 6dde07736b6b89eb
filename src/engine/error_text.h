#pragma once
// Turns a task's exception into the one-line error the registry keeps: the exception's message
// with line breaks replaced by spaces (never a multi-line dump).

#include <exception>
#include <string>
#include <string_view>

namespace mdp::engine {

std::string one_line(std::string_view text);
// The message of the exception `error` holds, as one line; "unknown error" for exceptions that
// are not std::exception.
std::string describe_exception(const std::exception_ptr& error);

}  // namespace mdp::engine
