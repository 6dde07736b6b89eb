#include "engine/error_text.h"

#include <stdexcept>

namespace mdp::engine {

std::string one_line(std::string_view text) {
    std::string line;
    line.reserve(text.size());
    bool after_break = false;  // drop a broken line's indentation too
    for (const char c : text) {
        if (c == '\n' || c == '\r') {
            if (!line.empty() && line.back() != ' ') line += ' ';
            after_break = true;
        } else if (!(after_break && (c == ' ' || c == '\t'))) {
            line += c;
            after_break = false;
        }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

std::string describe_exception(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        std::string message = one_line(e.what());
        return message.empty() ? "error without a message" : message;
    } catch (...) {
        return "unknown error";
    }
}

}  // namespace mdp::engine
