#include "nodes/state/KeyTable.h"

#include "engine/state/StateCodec.h"

namespace sc::keyed {

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
  fill(id, key, hash);
  created_.push_back(id);
  return id;
}

void KeyTable::fill(uint32_t id, const KeyView& key, uint64_t hash) {
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
  if (uint64_t{live_} * 2 > index_.size())
    grow();
  else
    place(id, hash);
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

void KeyTable::clear() {
  for (Entry& e : entries_)
    if (e.live && e.len > kInline) delete[] e.heap;
  entries_.clear();
  index_.assign(1024, 0);
  mask_ = 1023;
  free_.clear();
  created_.clear();
  released_.clear();
  stale_.clear();
  live_ = held_ = 0;
  heapBytes_ = 0;
}

namespace {

constexpr uint8_t kLive = 1, kRecent = 2;

void saveIds(state::StateWriter& out, const std::vector<uint32_t>& ids) {
  out.u32(static_cast<uint32_t>(ids.size()));
  out.raw(ids.data(), ids.size() * sizeof(uint32_t));
}

}  // namespace

void KeyTable::save(state::StateWriter& out) const {
  out.u32(static_cast<uint32_t>(entries_.size()));
  for (const Entry& e : entries_) {
    if (!e.live) {
      out.u8(0);
      continue;
    }
    // One append per short key: this loop runs a million times at 1 M keys.
    char buf[6 + kInline];
    buf[0] = static_cast<char>(kLive | (e.recent ? kRecent : 0));
    buf[1] = static_cast<char>(e.tag);
    std::memcpy(buf + 2, &e.len, 4);
    if (e.len <= kInline) {
      std::memcpy(buf + 6, e.inl, e.len);
      out.raw(buf, 6 + e.len);
    } else {
      out.raw(buf, 6);
      out.raw(e.heap, e.len);
    }
  }
  saveIds(out, free_);
  saveIds(out, created_);
  saveIds(out, released_);
  saveIds(out, stale_);
}

void KeyTable::load(state::StateReader& in, const std::function<bool(const KeyView&)>& valid) {
  clear();
  const uint32_t n = in.count(1);
  entries_.resize(n);
  size_t cells = index_.size();
  while (cells < uint64_t{n} * 2)
    cells *= 2;
  index_.assign(cells, 0);
  mask_ = cells - 1;
  uint32_t recent = 0;
  for (uint32_t id = 0; id < n; ++id) {
    const uint8_t flags = in.u8();
    if (flags == 0) continue;
    if ((flags & kLive) == 0 || (flags & ~(kLive | kRecent)) != 0) in.fail("key flags");
    KeyView key;
    key.tag = in.u8();
    key.len = in.u32();
    key.data = in.view(key.len).data();
    if (!valid(key)) in.fail("a key made by this window's key expressions");
    const uint64_t hash = hashKey(key);
    if (find(key, hash) != kNoId) in.fail("each key once");
    fill(id, key, hash);
    entries_[id].recent = (flags & kRecent) != 0;
    recent += entries_[id].recent;
  }
  auto loadIds = [&](std::vector<uint32_t>& ids, const char* what) {
    const uint32_t count = in.count(sizeof(uint32_t));
    ids.resize(count);
    in.raw(ids.data(), size_t{count} * sizeof(uint32_t));
    for (uint32_t id : ids)
      if (id >= n) in.fail(std::string(what) + " of known keys");
  };
  loadIds(free_, "free key ids");
  loadIds(created_, "new key ids");
  loadIds(released_, "released key ids");
  loadIds(stale_, "stale key ids");
  // A free id that is in use, or one listed twice, would later give one id to two keys.
  std::vector<uint8_t> seen(n, 0);
  for (uint32_t id : free_) {
    if (entries_[id].live || seen[id]) in.fail("free key ids of unused, distinct ids");
    seen[id] = 1;
  }
  if (free_.size() != n - live_) in.fail("every unused key id in the free list");
  for (uint32_t id : released_) {
    if (!entries_[id].live || !entries_[id].recent || seen[id] == 2)
      in.fail("released key ids of distinct keys marked as released");
    seen[id] = 2;
  }
  if (released_.size() != recent) in.fail("every key marked as released in the released list");
}

size_t KeyTable::bytes() const {
  return index_.capacity() * sizeof(uint64_t) + entries_.capacity() * sizeof(Entry) +
         free_.capacity() * sizeof(uint32_t) + heapBytes_;
}

}  // namespace sc::keyed
