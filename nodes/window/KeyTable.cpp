#include "nodes/window/KeyTable.h"

namespace sc::window {

KeyTable::KeyTable() : index_(1024, 0), mask_(1023) {}

KeyTable::~KeyTable() {
  for (Entry& e : entries_)
    if (e.live && e.len > kInline) delete[] e.heap;
}

uint32_t KeyTable::insert(const KeyView& key, uint64_t hash) {
  uint32_t id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
  } else {
    id = static_cast<uint32_t>(entries_.size());
    entries_.emplace_back();
  }
  Entry& e = entries_[id];
  e.hash = hash;
  e.cacheA = UINT64_MAX;
  e.cacheB = 0;
  e.refs = 0;
  e.recent = false;
  e.len = key.len;
  e.tag = key.tag;
  e.live = true;
  if (key.len <= kInline) {
    if (key.len) std::memcpy(e.inl, key.data, key.len);
  } else {
    e.heap = new char[key.len];
    std::memcpy(e.heap, key.data, key.len);
    heapBytes_ += key.len;
  }
  ++live_;
  created_.push_back(id);
  if (uint64_t{live_} * 2 > index_.size())
    grow();
  else
    place(id, hash);
  return id;
}

void KeyTable::place(uint32_t id, uint64_t hash) {
  uint64_t i = hash & mask_;
  while (index_[i])
    i = (i + 1) & mask_;
  index_[i] = ((hash >> 32) << 32) | (uint64_t{id} + 1);
}

void KeyTable::grow() {
  index_.assign(index_.size() * 2, 0);
  mask_ = index_.size() - 1;
  for (uint32_t id = 0; id < entries_.size(); ++id)
    if (entries_[id].live) place(id, entries_[id].hash);
}

void KeyTable::sweep() {
  for (uint32_t id : created_)
    if (entries_[id].live && entries_[id].refs == 0) remove(id);
  created_.clear();
}

void KeyTable::collect() {
  if (released_.empty()) return;
  for (uint32_t id : stale_) {
    const Entry& e = entries_[id];
    if (e.live && e.refs == 0 && !e.recent) remove(id);
  }
  for (uint32_t id : released_)
    entries_[id].recent = false;
  stale_.swap(released_);
  released_.clear();
}

void KeyTable::collectAll() {
  for (auto* list : {&stale_, &released_}) {
    for (uint32_t id : *list) {
      entries_[id].recent = false;
      if (entries_[id].live && entries_[id].refs == 0) remove(id);
    }
    list->clear();
  }
}

void KeyTable::remove(uint32_t id) {
  Entry& e = entries_[id];
  // Backward-shift deletion keeps probe sequences unbroken without tombstones.
  uint64_t i = e.hash & mask_;
  while ((static_cast<uint32_t>(index_[i]) - 1) != id)
    i = (i + 1) & mask_;
  for (uint64_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
    const uint64_t cell = index_[j];
    if (cell == 0) break;
    const uint64_t home = entries_[static_cast<uint32_t>(cell) - 1].hash & mask_;
    // Move the cell back into the hole unless its home lies cyclically in (i, j].
    const bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (!stays) {
      index_[i] = cell;
      i = j;
    }
  }
  index_[i] = 0;
  if (e.len > kInline) {
    delete[] e.heap;
    heapBytes_ -= e.len;
  }
  e.live = false;
  --live_;
  free_.push_back(id);
}

size_t KeyTable::bytes() const {
  return index_.capacity() * sizeof(uint64_t) + entries_.capacity() * sizeof(Entry) +
         free_.capacity() * sizeof(uint32_t) + heapBytes_;
}

}  // namespace sc::window
