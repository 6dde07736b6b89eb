#include "extract/input/input_list.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "common/errors.h"

namespace mdp::extract {

namespace fs = std::filesystem;

std::vector<fs::path> expand_input_paths(const std::vector<fs::path>& paths) {
    std::vector<fs::path> out;
    for (const fs::path& path : paths) {
        if (path == "-") {  // standard input
            out.push_back(path);
            continue;
        }
        std::error_code error;
        const fs::file_status status = fs::status(path, error);
        if (error || !fs::exists(status)) throw InputError(path, "does not exist");
        if (!fs::is_directory(status)) {
            out.push_back(path);
            continue;
        }
        std::vector<fs::path> files;
        for (const fs::directory_entry& entry : fs::directory_iterator(path)) {
            const std::string name = entry.path().filename().string();
            if (name.empty() || name.front() == '.') continue;
            if (entry.is_regular_file()) files.push_back(entry.path());
        }
        if (files.empty()) throw InputError(path, "is a directory without input files");
        std::sort(files.begin(), files.end(),
                  [](const fs::path& a, const fs::path& b) { return a.native() < b.native(); });
        out.insert(out.end(), files.begin(), files.end());
    }
    return out;
}

void require_distinct_inputs(const std::vector<InputSpec>& inputs) {
    std::map<std::pair<dev_t, ino_t>, const InputSpec*> seen;
    const InputSpec* standard_input = nullptr;
    for (const InputSpec& input : inputs) {
        if (input.path == "-") {
            if (standard_input != nullptr) {
                throw InputError("-", "standard input is given twice (as a " +
                                          std::string(role_name(standard_input->role)) + " and a " +
                                          std::string(role_name(input.role)) + " input): it can be read once");
            }
            standard_input = &input;
            continue;
        }
        struct stat st {};
        if (::stat(input.path.c_str(), &st) != 0) continue;  // reported when it is opened
        if (!S_ISREG(st.st_mode)) continue;                  // a pipe is read once, whatever it is
        const auto [it, inserted] = seen.emplace(std::make_pair(st.st_dev, st.st_ino), &input);
        if (!inserted) {
            throw InputError(input.path, "is the same file as " + it->second->path.string() +
                                             ", given earlier: each input may be given once");
        }
    }
}

std::vector<std::string> rejects_file_names(const std::vector<InputSpec>& inputs) {
    std::vector<std::string> names;
    std::set<std::string> taken;
    for (const InputSpec& input : inputs) {
        std::string base = input.path.filename().string();
        if (base.empty() || base == "-") base = "stdin";
        base = std::string(role_name(input.role)) + "-" + base;
        std::string name = base + ".rejects.csv";
        for (int n = 2; !taken.insert(name).second; ++n) name = base + "." + std::to_string(n) + ".rejects.csv";
        names.push_back(std::move(name));
    }
    return names;
}

}  // namespace mdp::extract
