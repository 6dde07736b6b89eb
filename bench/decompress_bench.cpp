// Decompression speed per library, single thread, warm cache: decoded MB/s (wall and CPU time),
// median of N runs.
//   decompress_bench [--runs N] FILE...
// For each gzip file: zlib (inflate, streaming, windowBits 15+16, reset per member), ISA-L
// igzip (isal_inflate, streaming) and libdeflate (whole buffer only: the file in memory and
// the whole decoded member in memory, so the streaming layer cannot use it for a 10 GB
// member; measured as the ceiling). For zstd: ZSTD_decompressStream. The libraries decode
// from a copy of the file in memory into one reused 4 MiB buffer (as the extractor's blocks);
// "layer" reads the file through open_byte_source (RawFile + decoder + hashes) and
// "layer+prefetch" through PrefetchingByteSource on top. docs/decompression.md has the results.

#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <time.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "extract/input/open_byte_source.h"
#include "extract/input/prefetching_byte_source.h"

namespace {

constexpr size_t kOut = 4 << 20;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

uint64_t zlib_decode(const std::string& in, std::vector<unsigned char>& out) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
    size_t fed = z.avail_in;
    uint64_t total = 0;
    for (;;) {
        z.next_out = out.data();
        z.avail_out = static_cast<uInt>(out.size());
        const int status = inflate(&z, Z_NO_FLUSH);
        total += out.size() - z.avail_out;
        if (z.avail_in == 0 && fed < in.size()) {
            const size_t more = std::min<size_t>(in.size() - fed, UINT32_MAX);
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + fed));
            z.avail_in = static_cast<uInt>(more);
            fed += more;
        }
        if (status == Z_STREAM_END) {
            if (z.avail_in == 0) break;
            inflateReset(&z);  // next member
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            throw std::runtime_error("zlib inflate failed");
        }
    }
    inflateEnd(&z);
    return total;
}

uint64_t isal_decode(const std::string& in, std::vector<unsigned char>& out) {
    auto state = std::make_unique<inflate_state>();
    isal_inflate_init(state.get());
    state->crc_flag = ISAL_GZIP;
    state->next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(in.data()));
    state->avail_in = static_cast<uint32_t>(in.size());
    uint64_t total = 0;
    for (;;) {
        state->next_out = out.data();
        state->avail_out = static_cast<uint32_t>(out.size());
        if (isal_inflate(state.get()) < 0) throw std::runtime_error("isal_inflate failed");
        total += out.size() - state->avail_out;
        if (state->block_state == ISAL_BLOCK_FINISH) {
            if (state->avail_in == 0) break;
            uint8_t* next = state->next_in;
            const uint32_t avail = state->avail_in;
            isal_inflate_init(state.get());
            state->crc_flag = ISAL_GZIP;
            state->next_in = next;
            state->avail_in = avail;
        }
    }
    return total;
}

// Whole members into one buffer as large as the whole decoded file (the only way it works).
uint64_t libdeflate_decode(const std::string& in, std::vector<unsigned char>& whole) {
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    size_t at = 0;
    uint64_t total = 0;
    while (at < in.size()) {
        size_t in_used = 0;
        size_t out_made = 0;
        const auto r =
            libdeflate_gzip_decompress_ex(d, in.data() + at, in.size() - at, whole.data() + total,
                                          whole.size() - total, &in_used, &out_made);
        if (r != LIBDEFLATE_SUCCESS)
            throw std::runtime_error("libdeflate failed (" + std::to_string(r) + ")");
        at += in_used;
        total += out_made;
    }
    libdeflate_free_decompressor(d);
    return total;
}

uint64_t zstd_decode(const std::string& in, std::vector<unsigned char>& out) {
    ZSTD_DCtx* d = ZSTD_createDCtx();
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    uint64_t total = 0;
    while (input.pos < input.size) {
        ZSTD_outBuffer output{out.data(), out.size(), 0};
        const size_t r = ZSTD_decompressStream(d, &output, &input);
        if (ZSTD_isError(r)) throw std::runtime_error(ZSTD_getErrorName(r));
        total += output.pos;
    }
    for (;;) {  // flush what the last input left
        ZSTD_outBuffer output{out.data(), out.size(), 0};
        ZSTD_decompressStream(d, &output, &input);
        total += output.pos;
        if (output.pos == 0) break;
    }
    ZSTD_freeDCtx(d);
    return total;
}

uint64_t layer_decode(const std::string& path, std::vector<unsigned char>& out, bool prefetch) {
    std::unique_ptr<mdp::extract::ByteSource> source = mdp::extract::open_byte_source(path);
    if (prefetch) source = std::make_unique<mdp::extract::PrefetchingByteSource>(std::move(source));
    uint64_t total = 0;
    while (const size_t n = source->read(reinterpret_cast<char*>(out.data()), out.size()))
        total += n;
    return total;
}

double cpu_seconds(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double median_of(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Wall time, and CPU time of the process (all threads: the prefetching thread counts): on a
// machine shared with other work, CPU time is the steadier figure of the two.
void measure(const std::string& file, const std::string& library, int runs,
             const std::function<uint64_t()>& run) {
    std::vector<double> wall;
    std::vector<double> cpu;
    uint64_t bytes = 0;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const double cpu_start = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
        bytes = run();
        cpu.push_back(cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start);
        wall.push_back(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    const double wall_median = median_of(wall);
    const double cpu_median = median_of(cpu);
    std::printf("%-34s %-18s %7.1f MB  wall %6.3f s %7.1f MB/s  cpu %6.3f s %7.1f MB/s\n",
                file.c_str(), library.c_str(), mb, wall_median, mb / wall_median, cpu_median,
                mb / cpu_median);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 3;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--runs" && i + 1 < argc) {
            runs = std::stoi(argv[++i]);
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        std::cerr << "usage: decompress_bench [--runs N] FILE...\n";
        return 2;
    }
    std::vector<unsigned char> out(kOut);
    for (const std::string& file : files) {
        const std::string in = slurp(file);
        const auto format = mdp::extract::detect_compression(std::string_view(in).substr(0, 4));
        if (format == mdp::extract::Compression::kGzip) {
            measure(file, "zlib", runs, [&] { return zlib_decode(in, out); });
            measure(file, "isa-l", runs, [&] { return isal_decode(in, out); });
            const uint64_t decoded = isal_decode(in, out);
            std::vector<unsigned char> whole(decoded + 1);
            measure(file, "libdeflate(whole)", runs, [&] { return libdeflate_decode(in, whole); });
        } else if (format == mdp::extract::Compression::kZstd) {
            measure(file, "zstd", runs, [&] { return zstd_decode(in, out); });
        }
        measure(file, "layer", runs, [&] { return layer_decode(file, out, false); });
        measure(file, "layer+prefetch", runs, [&] { return layer_decode(file, out, true); });
    }
    return 0;
}
