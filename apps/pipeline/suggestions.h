#pragma once
// "Did you mean" for the command line: for each argument that is neither an option nor a
// subcommand of `app` but close to one (a typo such as --wokers or stauts), one line naming it.

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace mdp::app {

// Levenshtein distance, for short strings.
size_t edit_distance(std::string_view a, std::string_view b);

// The closest of `candidates` to `word`, if close enough to be a typo of it (at most 2 edits,
// and fewer than a third of the word's length plus one), else "".
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

// One "did you mean ...?" line per unknown long option or mistyped subcommand in argv.
std::vector<std::string> suggestions_for(const CLI::App& app, int argc, char** argv);

}  // namespace mdp::app
