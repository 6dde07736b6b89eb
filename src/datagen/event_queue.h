#pragma once
// A time-ordered queue of pending rows. Scenarios schedule all rows of a group of orders at once
// (some seconds or minutes into the future); the generator pops them in (time, insertion) order
// and writes them, so the output files come out time-ordered while memory holds only the rows
// still in the future. Payloads live in a pool with a free list; a 4-ary heap moves 24-byte
// keys. Consecutive pushes with the same time (an execution: the orders' fill events and the two
// trade rows) share one heap entry, chained in push order, which keeps the exact
// (time, insertion) order and saves most of the heap work.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace mdp::datagen {

template <typename T>
class EventQueue {
  public:
    void push(int64_t time, const T& payload) {
        const uint32_t slot = allocate(payload);
        if (chain_open_ && time == tail_time_) {  // same instant as the previous push: chain
            pool_[tail_slot_].next = slot;
            tail_slot_ = slot;
            return;
        }
        // Sift the new key up from the end of a 4-ary min-heap (moving, not swapping).
        const Key key{time, counter_++, slot};
        size_t hole = heap_.size();
        heap_.push_back(key);
        while (hole > 0) {
            const size_t parent = (hole - 1) / 4;
            if (!before(key, heap_[parent])) break;
            heap_[hole] = heap_[parent];
            hole = parent;
        }
        heap_[hole] = key;
        peak_ = std::max(peak_, heap_.size());
        chain_open_ = true;
        tail_time_ = time;
        tail_slot_ = slot;
    }
    bool empty() const { return heap_.empty(); }
    // Heap entries (chains of same-time rows count once).
    size_t size() const { return heap_.size(); }
    size_t peak() const { return peak_; }
    int64_t top_time() const { return heap_.front().time; }

    // Removes the earliest entry (ties: first pushed) and calls visit(time, payload) for each of
    // its payloads in push order. `visit` may push new entries.
    template <typename Visit>
    void pop(Visit&& visit) {
        chain_open_ = false;
        const Key top = heap_.front();
        const Key last = heap_.back();
        heap_.pop_back();
        const size_t n = heap_.size();
        if (n > 0) {
            size_t hole = 0;
            while (true) {
                const size_t first = 4 * hole + 1;
                if (first >= n) break;
                size_t best = first;
                const size_t end = std::min(first + 4, n);
                for (size_t c = first + 1; c < end; ++c) {
                    if (before(heap_[c], heap_[best])) best = c;
                }
                if (!before(heap_[best], last)) break;
                heap_[hole] = heap_[best];
                hole = best;
            }
            heap_[hole] = last;
        }
        uint32_t slot = top.slot;
        while (slot != kNone) {
            const T payload = pool_[slot].payload;  // copy: visit() may grow the pool
            const uint32_t next = pool_[slot].next;
            free_.push_back(slot);
            visit(top.time, payload);
            chain_open_ = false;
            slot = next;
        }
    }

  private:
    static constexpr uint32_t kNone = 0xFFFFFFFFU;
    struct Node {
        T payload;
        uint32_t next;
    };
    struct Key {
        int64_t time;
        uint64_t order;
        uint32_t slot;
    };
    static bool before(const Key& a, const Key& b) {
        return a.time != b.time ? a.time < b.time : a.order < b.order;
    }
    uint32_t allocate(const T& payload) {
        if (free_.empty()) {
            pool_.push_back(Node{payload, kNone});
            return static_cast<uint32_t>(pool_.size() - 1);
        }
        const uint32_t slot = free_.back();
        free_.pop_back();
        pool_[slot] = Node{payload, kNone};
        return slot;
    }
    std::vector<Node> pool_;
    std::vector<uint32_t> free_;
    std::vector<Key> heap_;
    uint64_t counter_ = 0;
    size_t peak_ = 0;
    bool chain_open_ = false;
    int64_t tail_time_ = 0;
    uint32_t tail_slot_ = 0;
};

}  // namespace mdp::datagen
