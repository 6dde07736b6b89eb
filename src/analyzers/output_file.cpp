#include "analyzers/output_file.h"

#include <cmath>
#include <system_error>

#include "common/errors.h"
#include "common/durable_file.h"

namespace mdp::analyzers {

void write_output_file(const std::filesystem::path& path, std::string_view content) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
        throw IoError("create directory " + path.parent_path().string() + ": " + ec.message());
    }
    // No fsync here: the app renames the finished stats directory into place and makes it
    // durable with one syncfs before the registry records the partition as completed
    // (apps/pipeline/registry_listener.h). An fsync per file cost 9 per partition.
    write_file(path, content);
}

nlohmann::ordered_json json_number(double value) {
    if (!std::isfinite(value)) return nullptr;
    return value;
}

std::string format_json(const nlohmann::ordered_json& document) { return document.dump(2) + "\n"; }

}  // namespace mdp::analyzers
