#pragma once
// Fixed-size aggregate records in chunks that never move (pointers stay valid while the store
// grows), plus a key-id -> slot index. clear() keeps the memory for the next window.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "nodes/state/HugePageAllocator.h"

namespace sc::window {

using keyed::allocateLarge;
using keyed::freeLarge;
using keyed::HugePageAllocator;

class RecordStore {
 public:
  // Chunk k holds kFirstChunk << k records, so a store of n records has about log2(n) chunks,
  // each big enough for huge pages once the store is large.
  static constexpr uint32_t kFirstShift = 7;
  static constexpr uint32_t kFirstChunk = 1u << kFirstShift;

  explicit RecordStore(uint32_t stride = 8) : stride_(stride) {}
  ~RecordStore() {
    for (size_t k = 0; k < chunks_.size(); ++k)
      freeLarge(chunks_[k], chunkBytes(k));
  }
  RecordStore(const RecordStore&) = delete;
  RecordStore& operator=(const RecordStore&) = delete;

  uint32_t stride() const { return stride_; }
  uint32_t size() const { return size_; }
  uint8_t* at(uint32_t slot) const {
    const uint32_t q = (slot >> kFirstShift) + 1;
    const uint32_t k = 31 - static_cast<uint32_t>(__builtin_clz(q));
    const uint32_t first = ((1u << k) - 1) << kFirstShift;  // first slot of chunk k
    return chunks_[k] + size_t(slot - first) * stride_;
  }
  // Adds an uninitialised record; returns its slot.
  uint32_t add() {
    const uint32_t slot = size_++;
    const uint32_t k = 31 - static_cast<uint32_t>(__builtin_clz((slot >> kFirstShift) + 1));
    if (k == chunks_.size()) chunks_.push_back(static_cast<uint8_t*>(allocateLarge(chunkBytes(k))));
    return slot;
  }
  void clear() { size_ = 0; }
  size_t bytes() const {
    size_t n = 0;
    for (size_t k = 0; k < chunks_.size(); ++k)
      n += chunkBytes(k);
    return n;
  }

 private:
  size_t chunkBytes(size_t k) const { return (size_t(kFirstChunk) << k) * stride_; }

  uint32_t stride_;
  uint32_t size_ = 0;
  std::vector<uint8_t*> chunks_;
};

// key id -> slot, open addressing (cells hold (id + 1) << 32 | slot; 0 is empty).
class SlotIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  uint32_t find(uint32_t id) const {
    if (cells_.empty()) return kNone;
    for (size_t i = home(id);; i = (i + 1) & mask_) {
      const uint64_t c = cells_[i];
      if (c == 0) return kNone;
      if ((c >> 32) == uint64_t{id} + 1) return static_cast<uint32_t>(c);
    }
  }
  // Precondition: id not present.
  void insert(uint32_t id, uint32_t slot) {
    if ((size_ + 1) * 2 > cells_.size()) grow();
    size_t i = home(id);
    while (cells_[i])
      i = (i + 1) & mask_;
    cells_[i] = ((uint64_t{id} + 1) << 32) | slot;
    ++size_;
  }
  void clear() {
    if (size_) std::fill(cells_.begin(), cells_.end(), 0);
    size_ = 0;
  }
  uint32_t size() const { return size_; }
  size_t bytes() const { return cells_.capacity() * sizeof(uint64_t); }

 private:
  size_t home(uint32_t id) const { return (uint64_t{id} * 0x9e3779b97f4a7c15ULL >> 20) & mask_; }
  void grow() {
    std::vector<uint64_t, HugePageAllocator<uint64_t>> old;
    old.swap(cells_);
    cells_.assign(old.empty() ? 16 : old.size() * 2, 0);
    mask_ = cells_.size() - 1;
    for (uint64_t c : old) {
      if (!c) continue;
      size_t i = home(static_cast<uint32_t>((c >> 32) - 1));
      while (cells_[i])
        i = (i + 1) & mask_;
      cells_[i] = c;
    }
  }

  std::vector<uint64_t, HugePageAllocator<uint64_t>> cells_;
  size_t mask_ = 0;
  uint32_t size_ = 0;
};

}  // namespace sc::window
