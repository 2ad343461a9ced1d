#include "engine/runtime/Batch.h"

#include <cstring>

namespace sc {

Batch::Batch(uint32_t capacity, uint32_t slotCount)
    : capacity_(capacity),
      slotCount_(slotCount),
      values_(size_t(capacity) * slotCount),
      meta_(capacity) {}

uint32_t Batch::append() {
  uint32_t row = size_++;
  for (uint32_t s = 0; s < slotCount_; ++s)
    values_[size_t(s) * capacity_ + row] = Value{};
  meta_[row] = RecordMeta{};
  return row;
}

void Batch::clear() {
  size_ = 0;
  arena_.reset();
}

void Batch::keepRows(const uint8_t* keep) {
  uint32_t out = 0;
  for (uint32_t r = 0; r < size_; ++r) {
    if (!keep[r]) continue;
    if (out != r) {
      for (uint32_t s = 0; s < slotCount_; ++s) {
        Value* col = column(s);
        col[out] = col[r];
      }
      meta_[out] = meta_[r];
    }
    ++out;
  }
  size_ = out;
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
