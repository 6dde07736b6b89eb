#include "suggestions.h"

#include <algorithm>
#include <numeric>

namespace mdp::app {

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), size_t{0});
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
        }
    }
    return row[b.size()];
}

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
    const size_t allowed = std::min<size_t>(2, word.size() / 3 + 1);
    std::string best;
    size_t best_distance = allowed + 1;
    for (const std::string& candidate : candidates) {
        const size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

namespace {

void collect(const CLI::App& app, std::vector<std::string>& long_options, std::vector<std::string>& subcommands) {
    for (const CLI::Option* option : app.get_options()) {
        for (const std::string& name : option->get_lnames()) long_options.push_back("--" + name);
    }
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        subcommands.push_back(sub->get_name());
        std::vector<std::string> ignored;
        collect(*sub, long_options, ignored);
    }
}

}  // namespace

std::vector<std::string> suggestions_for(const CLI::App& app, int argc, char** argv) {
    std::vector<std::string> long_options, subcommands;
    collect(app, long_options, subcommands);
    std::vector<std::string> hints;
    for (int i = 1; i < argc; ++i) {
        std::string_view argument(argv[i]);
        if (argument.starts_with("--")) {
            const std::string_view name = argument.substr(0, argument.find('='));
            if (std::find(long_options.begin(), long_options.end(), name) != long_options.end()) continue;
            const std::string guess = closest_name(name, long_options);
            if (!guess.empty()) hints.push_back("unknown option " + std::string(name) + ": did you mean " + guess + "?");
        } else if (!argument.starts_with("-") && std::find(subcommands.begin(), subcommands.end(), argument) == subcommands.end()) {
            // A value of an option is rarely within two edits of a command name; a typo is.
            const std::string guess = closest_name(argument, subcommands);
            if (!guess.empty()) hints.push_back("unknown command " + std::string(argument) + ": did you mean " + guess + "?");
        }
    }
    return hints;
}

}  // namespace mdp::app
