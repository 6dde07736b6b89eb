#include "cluster/mpi_worker_link.h"

#include "cluster/mpi_transport.h"

namespace mdp::cluster {

namespace {
constexpr int kCoordinator = 0;
}

Batch MpiWorkerLink::request(uint32_t count) {
    send_message(kCoordinator, Tag::kRequest, encode_u32(count));
    return decode_batch(receive(kCoordinator, Tag::kBatch).bytes);
}

void MpiWorkerLink::report(const std::vector<Report>& reports) {
    send_message(kCoordinator, Tag::kReports, encode_reports(reports));
}

bool MpiWorkerLink::stop_requested() {
    while (!stop_ && try_receive(kCoordinator, Tag::kStop)) stop_ = true;
    return stop_;
}

}  // namespace mdp::cluster
