#include "consolidate/difference_samples.h"

#include <map>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace mdp::consolidate {

void DifferenceSamples::add(SecurityCode security, const results::Differences& differences) {
    if (securities_.size() >= UINT32_MAX) throw std::length_error("too many set-A orders");
    securities_.push_back(security);
    for (size_t m = 0; m < results::kMetricCount; ++m) values_[m].push_back(differences[m]);
    order_.clear();
}

std::vector<double> DifferenceSamples::pooled(size_t metric) const {
    std::vector<double> out;
    const std::vector<double>& values = values_.at(metric);
    out.reserve(values.size());
    for (const double v : values) {
        if (!std::isnan(v)) out.push_back(v);
    }
    return out;
}

const std::vector<uint32_t>& DifferenceSamples::security_order() const {
    if (order_.size() != securities_.size()) {
        order_.resize(securities_.size());
        std::iota(order_.begin(), order_.end(), 0U);
        std::stable_sort(order_.begin(), order_.end(), [this](uint32_t a, uint32_t b) {
            return securities_[a] < securities_[b];
        });
    }
    return order_;
}

std::vector<SecuritySample> DifferenceSamples::by_security(size_t metric) const {
    std::vector<SecuritySample> out;
    const std::vector<double>& values = values_.at(metric);
    for (const uint32_t i : security_order()) {
        if (out.empty() || out.back().security != securities_[i]) {
            out.push_back(SecuritySample{securities_[i], {}});
        }
        if (!std::isnan(values[i])) out.back().values.push_back(values[i]);
    }
    return out;
}

std::map<SecurityCode, size_t> DifferenceSamples::orders_by_security() const {
    std::map<SecurityCode, size_t> orders;
    for (const SecurityCode security : securities_) ++orders[security];
    return orders;
}

size_t DifferenceSamples::memory_bytes() const {
    size_t bytes =
        securities_.capacity() * sizeof(SecurityCode) + order_.capacity() * sizeof(uint32_t);
    for (const auto& v : values_) bytes += v.capacity() * sizeof(double);
    return bytes;
}

}  // namespace mdp::consolidate
