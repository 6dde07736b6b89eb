#pragma once
// A portable byte layout, for the messages between MPI ranks and the result records of
// src/results: little-endian fixed-width integers, doubles as their IEEE bits, strings as a
// length and their bytes. Ranks of one job run the same binary, but not necessarily on one
// architecture's compiler settings, and records outlive the binary that wrote them, so nothing
// is written as a struct.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mdp {

class WireWriter {
  public:
    void u8(uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
    void u32(uint32_t value);
    void u64(uint64_t value);
    void i64(int64_t value) { u64(static_cast<uint64_t>(value)); }
    void f64(double value);
    void str(std::string_view value);

    const std::string& bytes() const { return bytes_; }
    std::string take() { return std::move(bytes_); }

  private:
    std::string bytes_;
};

// Throws WireError when a message is shorter than what it claims to hold.
class WireError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class WireReader {
  public:
    explicit WireReader(std::string_view bytes) : bytes_(bytes) {}

    uint8_t u8();
    uint32_t u32();
    uint64_t u64();
    int64_t i64() { return static_cast<int64_t>(u64()); }
    double f64();
    std::string str();
    bool at_end() const { return position_ == bytes_.size(); }

  private:
    std::string_view need(size_t count);

    std::string_view bytes_;
    size_t position_ = 0;
};

}  // namespace mdp
