#include "cluster/local_link.h"

namespace mdp::cluster {

Batch LocalLink::request(uint32_t count) { return coordinator_.hand_out(count); }

void LocalLink::report(const std::vector<Report>& reports) { coordinator_.record(reports); }

bool LocalLink::stop_requested() { return coordinator_.stopping(); }

}  // namespace mdp::cluster
