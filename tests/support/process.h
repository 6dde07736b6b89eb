#pragma once
// Running the real binaries from end-to-end tests: a shell command with its output captured,
// or a child process that the test can kill at a chosen moment.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace mdp::testing {

struct CommandResult {
    int exit_code = -1;      // when the process exited
    int term_signal = 0;     // when a signal ended it
    std::string output;      // stdout and stderr together
};

inline std::string binary(const std::string& name) { return std::string(MDP_BIN_DIR) + "/" + name; }

inline std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out.push_back(c);
        }
    }
    return out + "'";
}

inline CommandResult decode_status(int status) {
    CommandResult result;
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
    return result;
}

// Runs `command` with /bin/sh, stderr merged into stdout.
inline CommandResult run_shell(const std::string& command) {
    FILE* pipe = ::popen(("(" + command + ") 2>&1").c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("popen failed");
    std::string output;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    CommandResult result = decode_status(::pclose(pipe));
    result.output = std::move(output);
    return result;
}

// Starts argv[0] with stdout and stderr going to `log`; returns its pid.
inline pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int error = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) throw std::runtime_error("posix_spawn " + argv[0] + " failed");
    return pid;
}

inline CommandResult wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return decode_status(status);
}

}  // namespace mdp::testing
