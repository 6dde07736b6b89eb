#include "engine/run_listener.h"

#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

namespace mdp::engine {
namespace {

class MinimalListener : public RunListener {
  public:
    void on_started(const WorkItem&, uint32_t) override {}
    void on_completed(const WorkItem&, const TaskResult&, double) override {}
    void on_attempt_failed(const WorkItem&, uint32_t, const std::string&, bool) override {}
};

TEST(RunListener, DefaultWarningGoesToStandardError) {
    std::ostringstream captured;
    std::streambuf* const original = std::cerr.rdbuf(captured.rdbuf());
    MinimalListener listener;
    listener.on_warning("item x needs more memory than the budget");
    listener.on_idle_checkpoint();  // optional: does nothing by default
    std::cerr.rdbuf(original);
    EXPECT_EQ(captured.str(), "warning: item x needs more memory than the budget\n");
}

}  // namespace
}  // namespace mdp::engine
