#include "cluster/mpi_transport.h"

#include <mpi.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace mdp::cluster {

void send_message(int destination, Tag tag, const std::string& bytes) {
    if (bytes.size() > static_cast<size_t>(INT32_MAX)) throw std::length_error("cluster message too large");
    const int rc = MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, destination,
                            static_cast<int>(tag), MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) throw std::runtime_error("MPI_Send failed");
}

std::optional<Incoming> try_receive(int source, std::optional<Tag> tag) {
    int flag = 0;
    MPI_Status status;
    const int wanted_source = source == kAnySource ? MPI_ANY_SOURCE : source;
    const int wanted_tag = tag ? static_cast<int>(*tag) : MPI_ANY_TAG;
    if (MPI_Iprobe(wanted_source, wanted_tag, MPI_COMM_WORLD, &flag, &status) != MPI_SUCCESS) {
        throw std::runtime_error("MPI_Iprobe failed");
    }
    if (flag == 0) return std::nullopt;
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    Incoming message;
    message.source = status.MPI_SOURCE;
    message.tag = static_cast<Tag>(status.MPI_TAG);
    message.bytes.resize(static_cast<size_t>(count));
    if (MPI_Recv(message.bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE) != MPI_SUCCESS) {
        throw std::runtime_error("MPI_Recv failed");
    }
    return message;
}

Incoming receive(int source, std::optional<Tag> tag) {
    // A reply to a request comes within microseconds; a Begin may take an extraction's minutes.
    auto pause = std::chrono::microseconds(50);
    for (;;) {
        if (auto message = try_receive(source, tag)) return std::move(*message);
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::microseconds(20000));
    }
}

}  // namespace mdp::cluster
