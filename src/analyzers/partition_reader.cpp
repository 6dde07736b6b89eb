#include "analyzers/partition_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <string_view>

#include "common/errors.h"
#include "common/unique_fd.h"

namespace mdp::analyzers {

namespace {

namespace fs = std::filesystem;

// A whole file's bytes, read with one read(2) (more only if the kernel returns less).
class FileBytes {
  public:
    explicit FileBytes(const fs::path& file) {
        UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd) throw InputError(file, "cannot open the file");
        struct stat st {};
        if (::fstat(fd.get(), &st) != 0) throw IoError::from_errno("fstat", file);
        const auto size = static_cast<size_t>(st.st_size);
        data_ = std::make_unique_for_overwrite<char[]>(size == 0 ? 1 : size);
        while (size_ < size) {
            const ssize_t n = ::read(fd.get(), data_.get() + size_, size - size_);
            if (n < 0) {
                if (errno == EINTR) continue;
                throw IoError::from_errno("read", file);
            }
            if (n == 0) break;  // the file shrank meanwhile: parse what is there
            size_ += static_cast<size_t>(n);
        }
    }
    std::string_view text() const { return {data_.get(), size_}; }

  private:
    std::unique_ptr<char[]> data_;
    size_t size_ = 0;
};

bool file_exists(const fs::path& file) {
    std::error_code ec;
    return fs::exists(file, ec);
}

}  // namespace

std::vector<OrderEvent> read_order_events(const fs::path& file, SecurityCode security) {
    if (!file_exists(file)) return {};
    return parse_order_events(FileBytes(file).text(), file, security);
}

TradeRows read_trade_rows(const fs::path& file, SecurityCode security,
                          const std::function<bool(int64_t)>& keep) {
    if (!file_exists(file)) return {};
    return parse_trade_rows(FileBytes(file).text(), file, security, keep);
}

std::vector<NbboQuote> read_nbbo_quotes(const fs::path& file, SecurityCode security) {
    if (!file_exists(file)) return {};
    return parse_nbbo_quotes(FileBytes(file).text(), file, security);
}

uint64_t count_data_rows(const fs::path& file) {
    if (!file_exists(file)) return 0;
    return count_data_rows_in(FileBytes(file).text());
}

}  // namespace mdp::analyzers
