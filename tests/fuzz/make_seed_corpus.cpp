// Writes the seed corpora of the fuzz targets from the project's own code:
//   make_seed_corpus <tests/fuzz/corpus>
// a small generated market (datagen) for the CSV scanner, the line router and the partition
// reader; a checkpoint serialized by ExtractionCheckpoint; a snapshot and a journal written by
// PartitionRegistry. Deterministic: rerunning it rewrites the same files.

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/durable_file.h"
#include "common/partition_key.h"
#include "datagen/csv_schema.h"
#include "datagen/market_data_generator.h"
#include "extract/checkpoint/extraction_checkpoint.h"
#include "fuzz/fuzz_scratch.h"
#include "fuzz/registry_fixture.h"
#include "registry/journal_framing.h"
#include "registry/partition_registry.h"

namespace {

using namespace mdp;
namespace fs = std::filesystem;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        lines.emplace_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines, size_t begin, size_t count) {
    std::string out;
    for (size_t i = begin; i < lines.size() && i < begin + count; ++i) out += lines[i] + "\n";
    return out;
}

std::string field(const std::string& line, size_t index) {
    size_t begin = 0;
    for (size_t i = 0; i < index; ++i) begin = line.find(',', begin) + 1;
    return line.substr(begin, line.find(',', begin) - begin);
}

void put(const fs::path& file, std::string_view prefix, std::string_view text) {
    fs::create_directories(file.parent_path());
    fuzz::write_bytes(file, std::string(prefix) + std::string(text));
}

std::string bytes_of(std::initializer_list<uint8_t> values) {
    std::string out;
    for (const uint8_t v : values) out.push_back(static_cast<char>(v));
    return out;
}

void market_seeds(const fs::path& corpus, const fs::path& scratch) {
    datagen::GeneratorConfig config;
    config.securities = 3;
    config.days = 1;
    config.orders_rows = 400;
    config.malformed_rate = 0.05;
    datagen::generate(config, scratch);
    struct File {
        const char* name;
        datagen::RowLayout layout;
    };
    for (const File& f :
         {File{"orders", datagen::kOrderLayout}, File{"trades", datagen::kTradeLayout},
          File{"nbbo", datagen::kNbboLayout}}) {
        const auto lines = lines_of(read_file(scratch / (std::string(f.name) + ".csv")));
        const std::string rows = join(lines, 1, 40);
        const auto ts = static_cast<uint8_t>(f.layout.timestamp_field);
        const auto sec = static_cast<uint8_t>(f.layout.security_field);
        put(corpus / "csv_line_scanner_fuzz" / f.name,
            bytes_of({static_cast<uint8_t>(ts | (sec << 4))}), rows);
        const auto fields = static_cast<uint8_t>(f.layout.field_count - 1);
        put(corpus / "line_router_fuzz" / f.name, bytes_of({fields, ts, sec, 0, 255}), rows);
        put(corpus / "line_router_fuzz" / (std::string(f.name) + "_columns"),
            bytes_of({fields, ts, sec, 1, 255}), rows);

        // One partition's file: the header and the rows of the first row's security.
        const std::string security_text = field(lines.at(1), f.layout.security_field);
        const auto security = parse_security_code(security_text).value();
        std::string partition = lines.at(0) + "\n";
        for (size_t i = 1; i < lines.size() && partition.size() < 6000; ++i) {
            if (field(lines[i], f.layout.security_field) == security_text)
                partition += lines[i] + "\n";
        }
        std::string prefix(9, '\0');
        std::memcpy(prefix.data() + 1, &security, sizeof security);
        const uint8_t reader = f.name == std::string_view("orders")   ? 0
                               : f.name == std::string_view("trades") ? 1
                                                                      : 2;
        prefix[0] = static_cast<char>(reader);
        put(corpus / "partition_reader_fuzz" / f.name, prefix, partition);
        prefix[0] = 3;
        put(corpus / "partition_reader_fuzz" / (std::string(f.name) + "_count"), prefix, partition);
    }
}

void checkpoint_seeds(const fs::path& corpus) {
    extract::ExtractionCheckpoint cp;
    cp.identity = "format=2;timezone=Australia/Sydney;tzdata=5e1f;max_line_bytes=1048576;columns=;input=orders;input=trades";
    cp.inputs = {extract::InputProgress{1048576, 5000, false, extract::Hash128{11, 12}, {}},
                 extract::InputProgress{700000000, 2000000, true, extract::Hash128{13, 14}, extract::Hash128{15, 16}}};
    cp.rejects = {{120, 2}, {}};
    for (uint64_t security = 1; security <= 3; ++security) {
        extract::PartitionFiles p;
        p.key = PartitionKey{CivilDate{2024, 4, 8}, security};
        p.files[0] = {4096 * security, 40 * security};
        p.files[1] = {1024 * security, 10 * security};
        cp.partitions.push_back(p);
    }
    const std::string bytes = cp.serialize();
    put(corpus / "extraction_checkpoint_fuzz" / "checkpoint", bytes_of({0}), bytes);
    // The body alone (the target adds the magic and the checksum).
    put(corpus / "extraction_checkpoint_fuzz" / "checkpoint_body", bytes_of({1}),
        std::string_view(bytes).substr(extract::ExtractionCheckpoint::kMagic.size(),
                                       bytes.size() - extract::ExtractionCheckpoint::kMagic.size() - 8));
}

void registry_seeds(const fs::path& corpus, const fs::path& scratch) {
    // The journal on top of the journal target's fixture snapshot.
    {
        registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(scratch));
        fuzz::make_fixture_registry(reg);
        const auto at = fuzz::kFixtureTime + std::chrono::seconds(5);
        reg.mark_completed(PartitionKey{CivilDate{2024, 4, 8}, 1},
                           {{"matched", 12}, {"sweeps", 40}}, std::chrono::milliseconds(2500), at);
        reg.mark_running(PartitionKey{CivilDate{2024, 4, 8}, 2}, at);
        reg.mark_failed(PartitionKey{CivilDate{2024, 4, 8}, 2}, "orders.csv:17: bad price", at);
        reg.upsert(PartitionKey{CivilDate{2024, 4, 9}, 7},
                   {{"orders", {5, 450}}, {"trades", {2, 120}}}, at);
        reg.set_settings(nlohmann::json{{"window_ms", 100}, {"pairwise", "top:50"}}, at);
        reg.set_extraction_progress(nlohmann::json{{"orders", {{"offset", 4096}, {"done", false}}}},
                                    at);
        reg.reset_failed(at);
        reg.flush();
        const std::string journal = read_file(reg.journal_path());
        put(corpus / "registry_journal_fuzz" / "journal", bytes_of({0}), journal);
        // The payloads alone, header first (the target frames them).
        std::string payloads;
        std::string_view rest = journal;
        while (const auto frame = registry::parse_frame(rest)) {
            payloads += std::string(frame->payload) + "\n";
            rest.remove_prefix(frame->size);
        }
        put(corpus / "registry_journal_fuzz" / "payloads", bytes_of({1}), payloads);

        // The same state folded into a snapshot, for the snapshot reader.
        reg.save();
        put(corpus / "registry_snapshot_fuzz" / "snapshot", "", read_file(reg.snapshot_path()));
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_seed_corpus <tests/fuzz/corpus>\n";
        return 2;
    }
    const fs::path corpus = argv[1];
    const fuzz::ScratchDir market;
    const fuzz::ScratchDir registry_dir;
    market_seeds(corpus, market.path());
    checkpoint_seeds(corpus);
    registry_seeds(corpus, registry_dir.path());
    std::cout << "seed corpora written under " << corpus.string() << "\n";
    return 0;
}
