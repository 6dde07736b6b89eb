#pragma once
// Where consolidation writes, and how its result appears atomically: everything goes into
// <output>/consolidated.partial/, whose files are fsynced; publish() then swaps it with
// <output>/consolidated/ in one step (renameat2 RENAME_EXCHANGE; a plain rename when there is no
// old directory or the file system cannot exchange) and removes the old one. A crash (kill -9,
// power loss) at any instant leaves either the previous consolidated/ or the new one, plus a
// leftover consolidated.partial/ (or consolidated.old/) that the next consolidation removes
// before it starts, so a rerun always rebuilds the same bytes from the partitions.

#include <filesystem>

namespace mdp::consolidate {

inline constexpr const char* kConsolidatedDirectory = "consolidated";
inline constexpr const char* kPartialDirectory = "consolidated.partial";
inline constexpr const char* kOldDirectory = "consolidated.old";

class ConsolidatedDirectory {
  public:
    explicit ConsolidatedDirectory(const std::filesystem::path& output_dir);

    // Removes leftovers of an interrupted consolidation and creates an empty partial directory.
    void begin();
    const std::filesystem::path& partial() const { return partial_; }
    const std::filesystem::path& final_path() const { return final_; }
    // Makes partial/ the new consolidated/ (see above). Throws IoError.
    void publish();

  private:
    std::filesystem::path output_;
    std::filesystem::path partial_;
    std::filesystem::path final_;
    std::filesystem::path old_;
};

}  // namespace mdp::consolidate
