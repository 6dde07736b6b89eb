#include "cluster/mpi_coordinator_service.h"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "cluster/mpi_transport.h"

namespace mdp::cluster {

void begin_workers(int world_size, const std::string& job) {
    for (int rank = 1; rank < world_size; ++rank) send_message(rank, Tag::kBegin, job);
}

void end_workers(int world_size, int exit_code) {
    for (int rank = 1; rank < world_size; ++rank) {
        send_message(rank, Tag::kEnd, encode_u32(static_cast<uint32_t>(exit_code)));
    }
}

std::vector<WorkerRank> serve_workers(WorkCoordinator& coordinator, int world_size,
                                      const std::atomic<bool>& stop_requested,
                                      const std::function<bool()>& local_done,
                                      std::chrono::milliseconds checkpoint_interval) {
    using Clock = std::chrono::steady_clock;
    std::vector<WorkerRank> finished;
    std::vector<bool> done(static_cast<size_t>(world_size), false);
    const size_t worker_ranks = static_cast<size_t>(world_size - 1);
    bool stop_sent = false;
    auto last_checkpoint = Clock::now();
    auto pause = std::chrono::microseconds(20);

    while (finished.size() < worker_ranks || !local_done()) {
        if (!stop_sent && (stop_requested.load() || coordinator.stopping())) {
            coordinator.stop();
            for (int rank = 1; rank < world_size; ++rank) {
                if (!done[static_cast<size_t>(rank)]) send_message(rank, Tag::kStop, std::string());
            }
            stop_sent = true;
        }
        std::optional<Incoming> message = try_receive(kAnySource, std::nullopt);
        if (message) {
            pause = std::chrono::microseconds(20);
            switch (message->tag) {
                case Tag::kRequest: {
                    const uint32_t count = decode_u32(message->bytes);
                    send_message(message->source, Tag::kBatch, encode_batch(coordinator.hand_out(count)));
                    break;
                }
                case Tag::kReports:
                    coordinator.record(decode_reports(message->bytes));
                    break;
                case Tag::kWorkerDone:
                    done[static_cast<size_t>(message->source)] = true;
                    finished.push_back(WorkerRank{message->source, decode_worker_done(message->bytes)});
                    break;
                default:
                    throw std::runtime_error("cluster: unexpected message (tag " +
                                             std::to_string(static_cast<int>(message->tag)) + ") from rank " +
                                             std::to_string(message->source));
            }
        } else {
            std::this_thread::sleep_for(pause);
            pause = std::min(pause * 2, std::chrono::microseconds(2000));
        }
        if (Clock::now() - last_checkpoint >= checkpoint_interval) {
            last_checkpoint = Clock::now();
            coordinator.checkpoint();
        }
    }
    coordinator.checkpoint();
    std::sort(finished.begin(), finished.end(),
              [](const WorkerRank& a, const WorkerRank& b) { return a.rank < b.rank; });
    return finished;
}

}  // namespace mdp::cluster
