#include "registry/snapshot_reader.h"

#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/errors.h"
#include "registry/json_text.h"

namespace mdp::registry {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument(what); }

// The SAX consumer. Outside "partitions" it builds an ordinary DOM; inside, a small state
// machine fills a FlatEntry per element.
class SnapshotSax {
  public:
    SnapshotSax(const std::function<void(const FlatEntry&)>& on_entry,
                const std::function<void(const json&)>& on_partitions)
        : on_entry_(on_entry), on_partitions_(on_partitions) {}

    json& root() { return root_; }
    size_t entries() const { return entries_; }
    const std::string& parse_error_message() const { return parse_error_; }

    bool null() {
        if (mode_ == Mode::kEntry) {
            entry_null();
        } else {
            dom_value(json(nullptr));
        }
        return true;
    }
    bool boolean(bool value) {
        if (mode_ == Mode::kEntry) {
            entry_scalar_mismatch("a boolean");
        } else {
            dom_value(json(value));
        }
        return true;
    }
    bool number_integer(json::number_integer_t value) {
        if (mode_ == Mode::kEntry) {
            entry_integer(value);
        } else {
            dom_value(json(value));
        }
        return true;
    }
    bool number_unsigned(json::number_unsigned_t value) {
        if (mode_ == Mode::kEntry) {
            if (skip_ == 0 && level_ == 0 && field_ == Field::kSecurity) {
                entry_.security = value;
                return true;
            }
            if (value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
                if (skip_ == 0) bad("number out of range");
                return true;
            }
            entry_integer(static_cast<int64_t>(value));
        } else {
            dom_value(json(value));
        }
        return true;
    }
    bool number_float(json::number_float_t value, const std::string& /*text*/) {
        if (mode_ == Mode::kEntry) {
            if (skip_ > 0) return true;
            if (level_ == 0 && field_ == Field::kDuration) {
                entry_.duration_sec = value;
            } else {
                entry_scalar_mismatch("a fraction");
            }
        } else {
            dom_value(json(value));
        }
        return true;
    }
    bool string(std::string& value) {
        if (mode_ == Mode::kEntry) {
            entry_string(value);
        } else {
            dom_value(json(std::move(value)));
        }
        return true;
    }
    bool binary(json::binary_t& /*value*/) { bad("binary value in a JSON snapshot"); }

    bool start_object(std::size_t /*elements*/) {
        switch (mode_) {
            case Mode::kDom:
                dom_container(json::object());
                break;
            case Mode::kPartitions:
                mode_ = Mode::kEntry;
                entry_.clear();
                level_ = 0;
                skip_ = 0;
                field_ = Field::kOther;
                break;
            case Mode::kEntry:
                entry_start_object();
                break;
        }
        return true;
    }
    bool end_object() {
        if (mode_ == Mode::kDom) {
            stack_.pop_back();
        } else {
            entry_end_object();
        }
        return true;
    }
    bool start_array(std::size_t /*elements*/) {
        if (mode_ == Mode::kDom) {
            if (partitions_next_) {
                partitions_next_ = false;
                mode_ = Mode::kPartitions;
                if (on_partitions_) on_partitions_(root_);
            } else {
                dom_container(json::array());
            }
        } else if (mode_ == Mode::kPartitions) {
            bad("an element of \"partitions\" is not an object");
        } else if (skip_ > 0 || (level_ == 0 && field_ == Field::kOther)) {
            ++skip_;
        } else {
            bad("unexpected array in a partition entry");
        }
        return true;
    }
    bool end_array() {
        if (mode_ == Mode::kDom) {
            stack_.pop_back();
        } else if (mode_ == Mode::kPartitions) {
            mode_ = Mode::kDom;
        } else {
            --skip_;  // only arrays being skipped can end inside an entry
        }
        return true;
    }
    bool key(std::string& name) {
        if (mode_ == Mode::kDom) {
            key_ = name;
            if (stack_.size() == 1 && name == "partitions") partitions_next_ = true;
            return true;
        }
        if (skip_ > 0) return true;
        if (level_ == 0) {
            field_ = classify(name);
        } else if (level_ == 1) {
            name_ = name;
        } else {
            sub_ = name;
        }
        return true;
    }
    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& error) {
        parse_error_ = error.what();
        return false;
    }

  private:
    enum class Mode { kDom, kPartitions, kEntry };
    enum class Field {
        kKey,
        kDate,
        kSecurity,
        kStatus,
        kAttempts,
        kInputs,
        kResults,
        kStarted,
        kCompleted,
        kDuration,
        kError,
        kOther
    };

    static Field classify(const std::string& name) {
        static const std::pair<const char*, Field> kFields[] = {{"key", Field::kKey},
                                                                {"date", Field::kDate},
                                                                {"security", Field::kSecurity},
                                                                {"status", Field::kStatus},
                                                                {"attempts", Field::kAttempts},
                                                                {"inputs", Field::kInputs},
                                                                {"results", Field::kResults},
                                                                {"started_at", Field::kStarted},
                                                                {"completed_at", Field::kCompleted},
                                                                {"duration_sec", Field::kDuration},
                                                                {"last_error", Field::kError}};
        for (const auto& [text, field] : kFields) {
            if (name == text) return field;
        }
        return Field::kOther;
    }

    // --- DOM part
    void dom_value(json&& value) {
        if (partitions_next_) bad("\"partitions\" is not an array");
        if (stack_.empty()) {
            root_ = std::move(value);
        } else if (stack_.back()->is_array()) {
            stack_.back()->push_back(std::move(value));
        } else {
            (*stack_.back())[key_] = std::move(value);
        }
    }
    void dom_container(json&& container) {
        if (partitions_next_) bad("\"partitions\" is not an array");
        if (stack_.empty()) {
            root_ = std::move(container);
            stack_.push_back(&root_);
        } else if (stack_.back()->is_array()) {
            stack_.back()->push_back(std::move(container));
            stack_.push_back(&stack_.back()->back());
        } else {
            json& slot = (*stack_.back())[key_];
            slot = std::move(container);
            stack_.push_back(&slot);
        }
    }

    // --- entry part. level_ 0: the entry's fields; 1: inside "inputs" or "results";
    // 2: inside one input's {"rows","bytes"}.
    void entry_start_object() {
        if (skip_ > 0) {
            ++skip_;
        } else if (level_ == 0 && (field_ == Field::kInputs || field_ == Field::kResults)) {
            level_ = 1;
        } else if (level_ == 0 && field_ == Field::kOther) {
            skip_ = 1;
        } else if (level_ == 1 && field_ == Field::kInputs) {
            level_ = 2;
            entry_.inputs.emplace_back(name_, InputCounts{-1, -1});
        } else {
            bad("unexpected object in a partition entry");
        }
    }
    void entry_end_object() {
        if (skip_ > 0) {
            --skip_;
        } else if (level_ == 2) {
            const InputCounts& counts = entry_.inputs.back().second;
            if (counts.rows < 0 || counts.bytes < 0) {
                bad("input \"" + entry_.inputs.back().first + "\" lacks \"rows\" or \"bytes\"");
            }
            level_ = 1;
        } else if (level_ == 1) {
            level_ = 0;
        } else {
            entry_.check();
            on_entry_(entry_);
            ++entries_;
            mode_ = Mode::kPartitions;
        }
    }
    void entry_null() {
        if (skip_ > 0) return;
        if (level_ == 0) {
            switch (field_) {
                case Field::kStarted:
                    entry_.started_ms = kNoTime;
                    return;
                case Field::kCompleted:
                    entry_.completed_ms = kNoTime;
                    return;
                case Field::kError:
                    entry_.last_error.clear();
                    return;
                case Field::kOther:
                    return;
                default:
                    break;
            }
        }
        entry_scalar_mismatch("null");
    }
    void entry_integer(int64_t value) {
        if (skip_ > 0) return;
        if (level_ == 0) {
            if (field_ == Field::kAttempts && value >= 0 &&
                value <= std::numeric_limits<uint32_t>::max()) {
                entry_.attempts = static_cast<uint32_t>(value);
            } else if (field_ == Field::kDuration) {
                entry_.duration_sec = static_cast<double>(value);
            } else if (field_ != Field::kOther) {
                entry_scalar_mismatch("this integer");
            }
        } else if (level_ == 1 && field_ == Field::kResults) {
            entry_.results.emplace_back(name_, value);
        } else if (level_ == 2 && value >= 0 && (sub_ == "rows" || sub_ == "bytes")) {
            InputCounts& counts = entry_.inputs.back().second;
            (sub_ == "rows" ? counts.rows : counts.bytes) = value;
        } else if (level_ != 2) {
            entry_scalar_mismatch("an integer");
        }
    }
    void entry_string(const std::string& value) {
        if (skip_ > 0) return;
        if (level_ != 0) entry_scalar_mismatch("a string");
        switch (field_) {
            case Field::kKey: {
                const auto key = PartitionKey::parse(value);
                if (!key) bad("bad partition key \"" + value + "\"");
                entry_.key = *key;
                entry_.has_key = true;
                return;
            }
            case Field::kDate:
                entry_.date_text = value;
                return;
            case Field::kStatus: {
                const auto status = parse_status(value);
                if (!status) bad("bad status \"" + value + "\"");
                entry_.status = *status;
                return;
            }
            case Field::kStarted:
            case Field::kCompleted: {
                const auto ms = parse_time_ms(value);
                if (!ms) bad("bad time \"" + value + "\"");
                (field_ == Field::kStarted ? entry_.started_ms : entry_.completed_ms) = *ms;
                return;
            }
            case Field::kError:
                entry_.last_error = value;
                return;
            case Field::kOther:
                return;
            default:
                entry_scalar_mismatch("a string");
        }
    }
    [[noreturn]] void entry_scalar_mismatch(const char* what) {
        bad(std::string("unexpected ") + what + " in a partition entry");
    }

    const std::function<void(const FlatEntry&)>& on_entry_;
    const std::function<void(const json&)>& on_partitions_;
    json root_;
    std::vector<json*> stack_;
    std::string key_;
    bool partitions_next_ = false;
    Mode mode_ = Mode::kDom;
    size_t entries_ = 0;
    std::string parse_error_;

    FlatEntry entry_;
    int level_ = 0;
    int skip_ = 0;
    Field field_ = Field::kOther;
    std::string name_;
    std::string sub_;
};

}  // namespace

json read_snapshot(const std::filesystem::path& path,
                   const std::function<void(const FlatEntry&)>& on_entry,
                   const std::function<void(const json&)>& on_partitions) {
    std::vector<char> buffer(1 << 20);
    std::ifstream in;
    in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    in.open(path, std::ios::binary);
    if (!in) throw IoError::from_errno("open", path);

    SnapshotSax sax(on_entry, on_partitions);
    bool ok = false;
    try {
        ok = json::sax_parse(in, &sax);
    } catch (const std::invalid_argument& e) {
        throw InputError(path,
                         "partition entry " + std::to_string(sax.entries() + 1) + ": " + e.what());
    }
    if (in.bad()) throw IoError::from_errno("read", path);
    if (!ok) throw InputError(path, "not a valid registry snapshot: " + sax.parse_error_message());
    if (!sax.root().is_object()) throw InputError(path, "not a registry snapshot (not an object)");
    return std::move(sax.root());
}

}  // namespace mdp::registry
