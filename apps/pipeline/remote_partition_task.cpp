#include "remote_partition_task.h"

#include <optional>

#include "process_job.h"

namespace mdp::app {

engine::TaskResult RemotePartitionTask::run(const engine::WorkItem& item) {
    std::optional<registry::InputCountsMap> expected;
    if (const auto payload = source_.payload(item.id); payload && !payload->empty()) {
        expected = decode_input_counts(*payload);
    }
    return analysis_.run_expecting(item, expected ? &*expected : nullptr);
}

}  // namespace mdp::app
