#include "cluster/reporting_listener.h"

#include <utility>

namespace mdp::cluster {

ReportingListener::ReportingListener(CoordinatorLink& link, std::function<void()> make_durable,
                                     std::function<void()> on_stop)
    : link_(link), make_durable_(std::move(make_durable)), on_stop_(std::move(on_stop)) {}

void ReportingListener::on_started(const engine::WorkItem& item, uint32_t attempt) {
    Report report;
    report.kind = Report::Kind::kStarted;
    report.item = item;
    report.attempt = attempt;
    pending_.push_back(std::move(report));
}

void ReportingListener::on_completed(const engine::WorkItem& item, const engine::TaskResult& result,
                                     double seconds) {
    Report report;
    report.kind = Report::Kind::kCompleted;
    report.item = item;
    report.seconds = seconds;
    report.counts = result.counts;
    pending_.push_back(std::move(report));
    pending_completion_ = true;
}

void ReportingListener::on_attempt_failed(const engine::WorkItem& item, uint32_t attempt,
                                          const std::string& error, bool will_retry) {
    Report report;
    report.kind = Report::Kind::kFailed;
    report.item = item;
    report.attempt = attempt;
    report.text = error;
    report.will_retry = will_retry;
    pending_.push_back(std::move(report));
}

void ReportingListener::on_warning(const std::string& message) {
    Report report;
    report.kind = Report::Kind::kWarning;
    report.text = message;
    pending_.push_back(std::move(report));
}

void ReportingListener::flush() {
    if (pending_.empty()) return;
    if (pending_completion_ && make_durable_) make_durable_();
    link_.report(pending_);
    pending_.clear();
    pending_completion_ = false;
}

void ReportingListener::on_idle_checkpoint() {
    flush();
    if (link_.stop_requested() && on_stop_) on_stop_();
}

}  // namespace mdp::cluster
