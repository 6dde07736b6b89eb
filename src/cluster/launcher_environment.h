#pragma once
// Whether this process was started by an MPI launcher (mpirun, mpiexec, srun), from the
// environment the launcher sets. MPI is initialised only then: started plainly, the binary is
// the one-process program (no MPI_Init, no MPI runtime involved at all).

#include <functional>
#include <optional>
#include <string>

namespace mdp::cluster {

using EnvironmentLookup = std::function<const char*(const char*)>;

struct LauncherEnvironment {
    std::string variable;  // the variable that gave it away, e.g. OMPI_COMM_WORLD_SIZE
    std::optional<int> size;  // the world size when the launcher says it (PMIx alone does not)
};

// OMPI_COMM_WORLD_SIZE (Open MPI's mpirun), PMI_SIZE (MPICH/Hydra, srun --mpi=pmi2), PMIX_RANK
// (PMIx: Open MPI 5, srun --mpi=pmix). nullopt when none is set.
std::optional<LauncherEnvironment> detect_launcher(const EnvironmentLookup& lookup);
std::optional<LauncherEnvironment> detect_launcher();

}  // namespace mdp::cluster
