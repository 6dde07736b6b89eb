// Fuzzes ExtractionCheckpoint::parse: any bytes either parse or throw std::runtime_error (what
// resume reports), and a checkpoint that parses serializes to bytes that parse back into the
// same checkpoint and serialize identically (round trip).
//
// Input: byte 0 bit 0 clear -> the rest is the checkpoint file as is (the checksum then rejects
// almost everything, which is what a corrupted file meets); set -> the rest is the body after
// the magic, and the harness adds the magic and a valid checksum, so the fuzzer explores the
// parser behind the checksum.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "common/hash.h"
#include "extract/checkpoint/extraction_checkpoint.h"
#include "fuzz/fuzz_scratch.h"

namespace {

using mdp::extract::ExtractionCheckpoint;

bool same(const ExtractionCheckpoint& a, const ExtractionCheckpoint& b) {
    if (a.identity != b.identity || a.inputs != b.inputs || a.rejects != b.rejects ||
        a.partitions.size() != b.partitions.size()) {
        return false;
    }
    for (size_t i = 0; i < a.partitions.size(); ++i) {
        if (!(a.partitions[i].key == b.partitions[i].key) ||
            a.partitions[i].files != b.partitions[i].files) {
            return false;
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string bytes(mdp::fuzz::as_text(data + 1, size - 1));
    if ((data[0] & 1) != 0) {
        bytes.insert(0, ExtractionCheckpoint::kMagic);
        const uint64_t checksum = mdp::fnv1a64(bytes);
        bytes.append(reinterpret_cast<const char*>(&checksum), sizeof checksum);
    }
    ExtractionCheckpoint checkpoint;
    try {
        checkpoint = ExtractionCheckpoint::parse(bytes);
    } catch (const std::runtime_error&) {
        return 0;
    }
    const std::string serialized = checkpoint.serialize();
    const ExtractionCheckpoint again = ExtractionCheckpoint::parse(serialized);
    MDP_FUZZ_CHECK(same(checkpoint, again));
    MDP_FUZZ_CHECK(again.serialize() == serialized);
    MDP_FUZZ_CHECK(checkpoint.complete() == again.complete());
    return 0;
}
