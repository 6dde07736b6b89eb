#pragma once
// Point-to-point messages of the protocol (messages.h) over MPI_COMM_WORLD, as bytes.
//
// Waiting polls (MPI_Iprobe, then a short sleep) instead of blocking in MPI_Recv: Open MPI's
// blocking calls spin a core at 100%, and a worker waits through rank 0's whole extraction,
// which wants every core of its node.

#include <optional>
#include <string>

#include "cluster/messages.h"

namespace mdp::cluster {

struct Incoming {
    int source = 0;
    Tag tag = Tag::kBegin;
    std::string bytes;
};

inline constexpr int kAnySource = -1;

void send_message(int destination, Tag tag, const std::string& bytes);
// A message from `source` (kAnySource: any rank) with `tag` (nullopt: any tag), if one is there.
std::optional<Incoming> try_receive(int source, std::optional<Tag> tag);
// Waits for such a message.
Incoming receive(int source, std::optional<Tag> tag);

}  // namespace mdp::cluster
