#pragma once
// Process exit codes of every command. Documented in docs/exit-codes.md; keep the two in step.

namespace mdp {

enum class ExitCode : int {
    kSuccess = 0,               // every partition completed
    kInternalError = 1,         // a bug: an unexpected exception
    kUsage = 2,                 // bad command line or environment override
    kBadInput = 3,              // unusable input file, or more rejected rows than --max-rejects
    kFailedPartitions = 4,      // the run finished but some partitions failed (see the registry)
    kInterrupted = 5,           // stopped by a signal; rerun with --resume
    kOutputError = 6,           // the output directory could not be written (read-only, disk full)
    kOutputBusy = 7,            // another process holds the output directory's lock
    kResumeMismatch = 8,        // --resume refused: inputs or output-affecting settings changed
};

inline int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace mdp
