#include "registry/partition_entry.h"

#include <algorithm>

#include "registry/json_text.h"

namespace mdp::registry {

std::string_view status_name(PartitionStatus status) {
    switch (status) {
        case PartitionStatus::kPending:
            return "pending";
        case PartitionStatus::kRunning:
            return "running";
        case PartitionStatus::kCompleted:
            return "completed";
        case PartitionStatus::kFailed:
            return "failed";
    }
    return "unknown";
}

std::optional<PartitionStatus> parse_status(std::string_view name) {
    for (const PartitionStatus status : kAllStatuses) {
        if (status_name(status) == name) return status;
    }
    return std::nullopt;
}

std::string sanitize_error_message(std::string_view message) {
    std::string out;
    out.reserve(std::min(message.size(), kMaxErrorLength + 8));
    bool pending_space = false;
    size_t i = 0;
    while (i < message.size() && out.size() <= kMaxErrorLength + 4) {
        const auto c = static_cast<unsigned char>(message[i]);
        if (c < 0x20 || c == 0x7F || c == ' ') {
            pending_space = true;
            ++i;
            continue;
        }
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        const size_t length = utf8_sequence_length(message, i);
        if (length == 0) {
            out += '?';
            ++i;
        } else {
            out.append(message.substr(i, length));
            i += length;
        }
    }
    const bool truncated = i < message.size() || out.size() > kMaxErrorLength;
    if (truncated) {
        size_t cut = std::min(out.size(), kMaxErrorLength - 3);
        // Back up to the start of a character: continuation bytes are 10xxxxxx.
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += "...";
    }
    return out;
}

int64_t to_epoch_ms(TimePoint time) {
    return std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

TimePoint from_epoch_ms(int64_t ms) {
    return TimePoint(std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(ms)));
}

std::optional<int64_t> parse_time_ms(std::string_view text) {
    // Truncation towards zero keeps both limits inside the range.
    constexpr int64_t kMin =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::duration::min()).count();
    constexpr int64_t kMax =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::duration::max()).count();
    const auto ms = parse_iso_time_ms(text);
    if (!ms || *ms < kMin || *ms > kMax) return std::nullopt;
    return ms;
}

}  // namespace mdp::registry
