#include "engine/runtime/Batch.h"

#include <cstring>
#include <type_traits>

namespace sc {

Batch::Batch(uint32_t capacity, uint32_t slotCount)
    : capacity_(capacity),
      slotCount_(slotCount),
      values_(size_t(capacity) * slotCount),
      meta_(capacity),
      selection_(capacity) {}

// A blank value is all zero bytes (Missing, no flags, no length), so a column range is blanked
// with one memset, which beats a loop of 16-byte assignments several times over.
static_assert(std::is_trivially_copyable_v<Value> && int(Kind::Missing) == 0);
static_assert(std::is_trivially_copyable_v<RecordMeta>);

void Batch::resetRows(uint32_t from, uint32_t to) {
  if (from >= to) return;
  for (uint32_t s = 0; s < slotCount_; ++s)
    std::memset(static_cast<void*>(column(s) + from), 0, sizeof(Value) * (to - from));
  const RecordMeta blank;
  for (uint32_t r = from; r < to; ++r)
    meta_[r] = blank;
}

void Batch::clear() {
  resetRows(0, size_);
  size_ = 0;
  arena_.reset();
}

void Batch::truncate(uint32_t n) {
  if (n >= size_) return;
  resetRows(n, size_);
  size_ = n;
}

void Batch::keepRows(const uint8_t* keep) {
  // Rows before the first dropped one stay where they are.
  uint32_t first = 0;
  while (first < size_ && keep[first])
    ++first;
  if (first == size_) return;
  uint32_t moved = 0;
  for (uint32_t r = first + 1; r < size_; ++r) {
    selection_[moved] = r;
    moved += keep[r] != 0;
  }
  // memcpy moves a value in one 16-byte load and store, where assignment copies it member-wise.
  const uint32_t* from = selection_.data();
  for (uint32_t s = 0; s < slotCount_; ++s) {
    Value* col = column(s);
    for (uint32_t k = 0; k < moved; ++k)
      std::memcpy(static_cast<void*>(col + first + k), col + from[k], sizeof(Value));
  }
  RecordMeta* meta = meta_.data();
  for (uint32_t k = 0; k < moved; ++k)
    std::memcpy(static_cast<void*>(meta + first + k), meta + from[k], sizeof(RecordMeta));
  resetRows(first + moved, size_);
  size_ = first + moved;
}

Value Batch::adopt(const Value& v) {
  if (v.kind != Kind::String && v.kind != Kind::Json) return v;
  Value out = v;
  out.s = arena_.copy(v.str()).data();
  return out;
}

void Batch::copyRowFrom(const Batch& src, uint32_t row) {
  uint32_t r = append();
  uint32_t slots = slotCount_ < src.slotCount_ ? slotCount_ : src.slotCount_;
  for (uint32_t s = 0; s < slots; ++s)
    column(s)[r] = adopt(src.column(s)[row]);
  const RecordMeta& m = src.meta_[row];
  RecordMeta& d = meta_[r];
  d = m;
  d.payload = arena_.copyPadded(m.payload);
  d.key = arena_.copy(m.key);
  if (m.headerCount > 0) {
    Header* hs = arena_.allocateArray<Header>(m.headerCount);
    for (uint32_t h = 0; h < m.headerCount; ++h) {
      hs[h].name = arena_.copy(m.headers[h].name);
      hs[h].value = arena_.copy(m.headers[h].value);
    }
    d.headers = hs;
  }
}

void Batch::copyFrom(const Batch& src) {
  clear();
  for (uint32_t r = 0; r < src.size_ && r < capacity_; ++r)
    copyRowFrom(src, r);
  serial = src.serial;
}

}  // namespace sc
