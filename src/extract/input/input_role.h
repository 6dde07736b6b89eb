#pragma once
// The three kinds of input file and what distinguishes them for partitioning: the name of the
// column whose timestamp decides the date, and the partition file the rows go to.

#include <array>
#include <cstddef>
#include <string_view>

namespace mdp::extract {

enum class InputRole : uint8_t { kOrders = 0, kTrades = 1, kNbbo = 2 };

inline constexpr std::array<InputRole, 3> kAllInputRoles{InputRole::kOrders, InputRole::kTrades,
                                                          InputRole::kNbbo};

inline constexpr size_t index_of(InputRole role) { return static_cast<size_t>(role); }

// "orders", "trades", "nbbo": the registry's and the checkpoint's name for the input.
inline constexpr std::string_view role_name(InputRole role) {
    constexpr std::array<std::string_view, 3> kNames{"orders", "trades", "nbbo"};
    return kNames[index_of(role)];
}

// The file each partition holds for this input: orders.csv, trades.csv, nbbo.csv.
inline constexpr std::string_view partition_file_name(InputRole role) {
    constexpr std::array<std::string_view, 3> kNames{"orders.csv", "trades.csv", "nbbo.csv"};
    return kNames[index_of(role)];
}

// SPEC 2: orders use `timestamp`, trades `tradetime`, NBBO `timestamp`.
inline constexpr std::string_view timestamp_column(InputRole role) {
    constexpr std::array<std::string_view, 3> kNames{"timestamp", "tradetime", "timestamp"};
    return kNames[index_of(role)];
}

}  // namespace mdp::extract
