// Fuzzes the registry journal replay (journal_framing + PartitionRegistry::load): a real snapshot
// made by PartitionRegistry (registry_fixture.h: generation 1, three partitions) sits next to a
// journal made of the fuzz bytes; load() must succeed or throw InputError, and pass the round trip
// of registry_round_trip.h. parse_frame is also checked on the raw bytes: a frame it accepts lies
// within them and re-frames to the same bytes.
//
// Input: byte 0 bit 0 clear -> the rest is the journal file as is; set -> each line of the rest
// is a record payload (the first one the journal's header), and the harness frames it (valid
// CRC and length), so the fuzzer explores the header and the replay behind the CRC.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/durable_file.h"
#include "fuzz/fuzz_scratch.h"
#include "fuzz/registry_fixture.h"
#include "fuzz/registry_round_trip.h"
#include "registry/journal_framing.h"

namespace {

using namespace mdp;

// The bytes of the fixture registry's snapshot (registry_fixture.h).
const std::string& base_snapshot() {
    static const std::string bytes = [] {
        const fuzz::ScratchDir dir;
        registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(dir.path()));
        fuzz::make_fixture_registry(reg);
        return read_file(reg.snapshot_path());
    }();
    return bytes;
}

void check_frame(std::string_view bytes) {
    const auto frame = registry::parse_frame(bytes);
    if (!frame) return;
    MDP_FUZZ_CHECK(frame->size <= bytes.size());
    MDP_FUZZ_CHECK(frame->payload.data() >= bytes.data() &&
                   frame->payload.data() + frame->payload.size() <= bytes.data() + frame->size);
    if (frame->payload.find('\n') != std::string_view::npos) return;  // not something we frame
    std::string again;
    registry::append_framed_record(again, frame->payload);
    // Leading zeros in "len" are accepted on reading; otherwise the frame is canonical.
    if (again.size() == frame->size) MDP_FUZZ_CHECK(again == bytes.substr(0, frame->size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static const fuzz::ScratchDir scratch;
    const std::string& snapshot_bytes = base_snapshot();
    scratch.clear();
    const std::string_view rest = fuzz::as_text(data + 1, size - 1);
    check_frame(rest);

    std::string journal;
    if ((data[0] & 1) == 0) {
        journal = rest;
    } else {
        size_t pos = 0;
        while (pos < rest.size()) {
            const size_t newline = rest.find('\n', pos);
            const size_t end = newline == std::string_view::npos ? rest.size() : newline;
            registry::append_framed_record(journal, rest.substr(pos, end - pos));
            pos = end + 1;
        }
    }
    const auto snapshot = registry::PartitionRegistry::path_in(scratch.path());
    fuzz::write_bytes(snapshot, snapshot_bytes);
    fuzz::write_bytes(registry::PartitionRegistry(snapshot).journal_path(), journal);
    fuzz::check_registry_round_trip(snapshot);
    return 0;
}
