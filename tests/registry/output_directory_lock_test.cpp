#include "registry/output_directory_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "common/errors.h"
#include "registry_test_util.h"

namespace mdp::registry {
namespace {

using namespace test;

// What a child process saw when it tried to take the lock: the pid named by OutputBusyError,
// 0 if it got the lock, -1 on any other outcome.
long child_tries_to_acquire(const fs::path& dir) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return -2;
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipe_fds[0]);
        long result = -1;
        try {
            auto lock = OutputDirectoryLock::acquire(dir);
            result = 0;
        } catch (const OutputBusyError& e) {
            result = e.holder_pid().value_or(-1);
        } catch (...) {
            result = -1;
        }
        [[maybe_unused]] const ssize_t n = ::write(pipe_fds[1], &result, sizeof result);
        ::_exit(0);
    }
    ::close(pipe_fds[1]);
    long result = -3;
    if (::read(pipe_fds[0], &result, sizeof result) != sizeof result) result = -3;
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    return result;
}

TEST(OutputDirectoryLock, WritesThePidAndRefusesAForkedChildNamingIt) {
    const auto dir = scratch("lock_fork");
    {
        auto lock = OutputDirectoryLock::acquire(dir);
        EXPECT_TRUE(lock.held());
        EXPECT_EQ(lock.path(), dir / ".lock");
        EXPECT_EQ(OutputDirectoryLock::read_holder_pid(dir), ::getpid());
        EXPECT_EQ(child_tries_to_acquire(dir), static_cast<long>(::getpid()));
    }
    // Released on destruction: the child gets it now.
    EXPECT_EQ(child_tries_to_acquire(dir), 0);
}

TEST(OutputDirectoryLock, ASecondAcquireInTheSameProcessIsRefusedToo) {
    const auto dir = scratch("lock_same_process");
    auto lock = OutputDirectoryLock::acquire(dir);
    try {
        auto second = OutputDirectoryLock::acquire(dir);
        FAIL() << "expected OutputBusyError";
    } catch (const OutputBusyError& e) {
        EXPECT_EQ(e.holder_pid(), ::getpid());
        const std::string expected = "output directory " + dir.string() +
                                     " is in use by another run (pid " +
                                     std::to_string(::getpid()) + "); wait for it or stop it";
        EXPECT_EQ(std::string(e.what()), expected);
    }
    lock.release();
    EXPECT_FALSE(lock.held());
    EXPECT_FALSE(OutputDirectoryLock::read_holder_pid(dir).has_value());  // emptied
    auto again = OutputDirectoryLock::acquire(dir);
    EXPECT_TRUE(again.held());
}

TEST(OutputDirectoryLock, AHolderKilledWithSigkillLeavesNoStaleLock) {
    const auto dir = scratch("lock_kill9");
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(ready[0]);
        char ok = 'n';
        try {
            static auto lock = OutputDirectoryLock::acquire(dir);
            ok = 'y';
        } catch (...) {
        }
        [[maybe_unused]] const ssize_t n = ::write(ready[1], &ok, 1);
        for (;;) ::pause();
    }
    ::close(ready[1]);
    char ok = 0;
    ASSERT_EQ(::read(ready[0], &ok, 1), 1);
    ::close(ready[0]);
    ASSERT_EQ(ok, 'y');

    try {
        auto lock = OutputDirectoryLock::acquire(dir);
        ::kill(child, SIGKILL);
        FAIL() << "the child holds the lock; acquire should have failed";
    } catch (const OutputBusyError& e) {
        EXPECT_EQ(e.holder_pid(), child);
        EXPECT_NE(std::string(e.what()).find("pid " + std::to_string(child)), std::string::npos);
    }
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    // The dead holder's pid is still in the file, but the kernel dropped its lock.
    EXPECT_EQ(OutputDirectoryLock::read_holder_pid(dir), child);
    auto lock = OutputDirectoryLock::acquire(dir);
    EXPECT_TRUE(lock.held());
    EXPECT_EQ(OutputDirectoryLock::read_holder_pid(dir), ::getpid());
}

TEST(OutputDirectoryLock, MovingKeepsTheLockAndAMissingDirectoryIsAnIoError) {
    const auto dir = scratch("lock_move");
    OutputDirectoryLock holder;
    EXPECT_FALSE(holder.held());
    holder = OutputDirectoryLock::acquire(dir);
    OutputDirectoryLock moved(std::move(holder));
    EXPECT_TRUE(moved.held());
    EXPECT_EQ(child_tries_to_acquire(dir), static_cast<long>(::getpid()));
    moved = OutputDirectoryLock();
    EXPECT_EQ(child_tries_to_acquire(dir), 0);

    try {
        OutputDirectoryLock::acquire(dir / "missing");
        FAIL() << "expected IoError";
    } catch (const IoError& e) {
        EXPECT_NE(std::string(e.what()).find("missing/.lock"), std::string::npos) << e.what();
    }
}

TEST(OutputDirectoryLock, BusyMessageWithoutAReadablePid) {
    const OutputBusyError error("/x", std::nullopt);
    EXPECT_STREQ(error.what(),
                 "output directory /x is in use by another run (pid unknown); wait for it or "
                 "stop it");
    EXPECT_FALSE(error.holder_pid().has_value());
}

}  // namespace
}  // namespace mdp::registry
