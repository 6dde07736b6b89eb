#pragma once
// The coordinator/worker protocol of the process phase (docs/mpi.md, "Protocol"): one message
// type per purpose, each with its own tag.
//
//   coordinator -> worker   kBegin    the process phase starts; the app's settings for it
//   worker -> coordinator   kRequest  "send me up to N items" (N = the worker's free capacity)
//   coordinator -> worker   kBatch    up to N items, biggest first; `exhausted`: no more will come
//   worker -> coordinator   kReports  outcomes, in the order the worker's engine reported them
//   coordinator -> worker   kStop     start nothing new (a signal or an error on rank 0)
//   worker -> coordinator   kWorkerDone  the worker's engine returned; nothing more will come
//   coordinator -> worker   kEnd      the job is over; exit with this code

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/partition_task.h"

namespace mdp::cluster {

enum class Tag : int { kBegin = 11, kRequest, kBatch, kReports, kStop, kWorkerDone, kEnd };

// A work item and what the app needs to run it on another node (opaque here).
struct RemoteItem {
    engine::WorkItem item;
    std::string payload;
    friend bool operator==(const RemoteItem&, const RemoteItem&) = default;
};

struct Batch {
    std::vector<RemoteItem> items;
    bool exhausted = false;  // the coordinator will hand this worker nothing more
    friend bool operator==(const Batch&, const Batch&) = default;
};

// One RunListener call made on a worker, to be made again on the coordinator.
struct Report {
    enum class Kind : uint8_t { kStarted, kCompleted, kFailed, kWarning };
    Kind kind = Kind::kStarted;
    engine::WorkItem item;
    uint32_t attempt = 0;                  // kStarted, kFailed
    double seconds = 0;                    // kCompleted
    std::map<std::string, int64_t> counts; // kCompleted
    std::string text;                      // kFailed: the error; kWarning: the message
    bool will_retry = false;               // kFailed
    friend bool operator==(const Report&, const Report&) = default;
};

struct WorkerDone {
    std::string host;
    uint32_t workers = 0;
    uint64_t completed = 0;
    uint64_t failed = 0;
    uint64_t not_started = 0;
    bool interrupted = false;
    std::string error;  // why the worker could not run at all (one line), or empty
    friend bool operator==(const WorkerDone&, const WorkerDone&) = default;
};

std::string encode_batch(const Batch& batch);
Batch decode_batch(const std::string& bytes);
std::string encode_reports(const std::vector<Report>& reports);
std::vector<Report> decode_reports(const std::string& bytes);
std::string encode_worker_done(const WorkerDone& done);
WorkerDone decode_worker_done(const std::string& bytes);
std::string encode_u32(uint32_t value);  // kRequest's count, kEnd's exit code
uint32_t decode_u32(const std::string& bytes);

}  // namespace mdp::cluster
