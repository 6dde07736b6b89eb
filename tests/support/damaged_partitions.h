#pragma once
// Two partitions of an extracted run broken the way a bad export or a lost file breaks them:
// the first partition's orders.csv gets a non-numeric order id of the same length (the file
// keeps the size extraction recorded, so only the analysis can notice), and the last partition's
// trades.csv is deleted. restore() puts both back as they were.

#include <filesystem>
#include <string>

#include "common/partition_key.h"
#include "registry/partition_registry.h"
#include "support/scratch_dir.h"

namespace mdp::testing {

struct DamagedPartitions {
    PartitionKey broken;  // its orders.csv has a bad order id on line 2
    PartitionKey lost;    // its trades.csv is gone
    std::filesystem::path orders;
    std::filesystem::path trades;
    std::string original_orders;
    std::string original_trades;

    static DamagedPartitions make(const std::filesystem::path& out, const registry::PartitionRegistry& registry) {
        DamagedPartitions damage;
        damage.broken = registry.keys().front();
        damage.lost = registry.keys().back();
        damage.orders = damage.broken.directory_under(out) / "orders.csv";
        damage.trades = damage.lost.directory_under(out) / "trades.csv";
        damage.original_orders = read_text(damage.orders);
        damage.original_trades = read_text(damage.trades);
        const std::string& original = damage.original_orders;
        const size_t first_row = original.find('\n') + 1;
        const size_t id_length = original.find(',', first_row) - first_row;
        write_text(damage.orders, original.substr(0, first_row) + std::string(id_length, 'x') +
                                      original.substr(first_row + id_length));
        std::filesystem::remove(damage.trades);
        return damage;
    }

    void restore() const {
        write_text(orders, original_orders);
        write_text(trades, original_trades);
    }
};

}  // namespace mdp::testing
