#include "engine/runtime/Batch.h"

#include <algorithm>
#include <cstring>

namespace sc {

Batch::Batch(uint32_t capacity, uint32_t slotCount)
    : capacity_(capacity),
      slotCount_(slotCount),
      values_(size_t(capacity) * slotCount),
      meta_(capacity),
      selection_(capacity) {}

void Batch::resetRows(uint32_t from, uint32_t to) {
  // Column by column: contiguous fills the compiler vectorises.
  for (uint32_t s = 0; s < slotCount_; ++s)
    std::fill(column(s) + from, column(s) + to, Value{});
  std::fill(meta_.begin() + from, meta_.begin() + to, RecordMeta{});
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
  uint32_t kept = 0;
  for (uint32_t r = 0; r < size_; ++r) {
    selection_[kept] = r;
    kept += keep[r] != 0;
  }
  if (kept == size_) return;
  for (uint32_t s = 0; s < slotCount_; ++s) {
    Value* col = column(s);
    for (uint32_t k = 0; k < kept; ++k)
      col[k] = col[selection_[k]];
  }
  for (uint32_t k = 0; k < kept; ++k)
    meta_[k] = meta_[selection_[k]];
  resetRows(kept, size_);
  size_ = kept;
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
