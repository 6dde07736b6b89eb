#pragma once
// MPI for the life of the process, when an MPI launcher started it (launcher_environment.h).
// MPI_Init_thread asks for MPI_THREAD_SERIALIZED: a worker's MPI calls come from its engine's
// serial controller node, which oneTBB may run on any of its threads, never two at once.

#include <string>

namespace mdp::cluster {

class MpiSession {
  public:
    // Throws std::runtime_error if MPI cannot give MPI_THREAD_SERIALIZED.
    MpiSession(int* argc, char*** argv);
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

    int rank() const { return rank_; }
    int size() const { return size_; }
    bool is_coordinator() const { return rank_ == 0; }
    const std::string& host() const { return host_; }

    // Ends every rank of the job at once with `code` (the way out when rank 0 cannot tell the
    // workers to stop in order).
    [[noreturn]] static void abort_job(int code);

  private:
    int rank_ = 0;
    int size_ = 1;
    std::string host_;
};

}  // namespace mdp::cluster
