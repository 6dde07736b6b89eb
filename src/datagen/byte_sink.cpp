#include "datagen/byte_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "common/errors.h"

namespace mdp::datagen {

FileSink::FileSink(std::filesystem::path path)
    : path_(std::move(path)), partial_(path_.string() + ".partial") {
    const int fd = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw IoError::from_errno("cannot create", partial_);
    fd_.reset(fd);
    writer_ = std::thread([this] { writer_loop(); });
}

FileSink::~FileSink() {
    stop_writer();
    if (!finished_) {
        fd_.reset();
        std::error_code ignored;
        std::filesystem::remove(partial_, ignored);
    }
}

void FileSink::stop_writer() {
    {
        const std::lock_guard lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
    if (writer_.joinable()) writer_.join();
}

void FileSink::writer_loop() {
    while (true) {
        std::string block;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return closing_ || !pending_.empty(); });
            if (pending_.empty()) return;  // closing and drained
            block = std::move(pending_.front());
            pending_.pop_front();
        }
        const char* data = block.data();
        size_t left = block.size();
        std::string failure;
        while (left > 0 && failure.empty()) {
            const ssize_t n = ::write(fd_.get(), data, left);
            if (n < 0) {
                if (errno == EINTR) continue;
                failure = IoError::from_errno("cannot write", partial_).what();
                break;
            }
            data += n;
            left -= static_cast<size_t>(n);
        }
        {
            const std::lock_guard lock(mutex_);
            if (!failure.empty() && error_.empty()) error_ = failure;
            block.clear();
            spare_.push_back(std::move(block));
        }
        changed_.notify_all();
    }
}

void FileSink::write(std::string_view bytes) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return pending_.size() < 2 || !error_.empty(); });
    if (!error_.empty()) throw IoError(error_);
    std::string block;
    if (!spare_.empty()) {
        block = std::move(spare_.back());
        spare_.pop_back();
    }
    block.assign(bytes.data(), bytes.size());
    pending_.push_back(std::move(block));
    lock.unlock();
    changed_.notify_all();
}

void FileSink::finish() {
    if (finished_) return;
    stop_writer();
    if (!error_.empty()) throw IoError(error_);
    if (::close(fd_.release()) != 0) throw IoError::from_errno("cannot close", partial_);
    std::error_code error;
    std::filesystem::rename(partial_, path_, error);
    if (error) {
        throw IoError("cannot rename " + partial_.string() + " to " + path_.string() + ": " +
                      error.message());
    }
    finished_ = true;
}

}  // namespace mdp::datagen
