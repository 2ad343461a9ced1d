#include "nodes/window/PaneWindowNode.h"

#include <algorithm>
#include <numeric>

#include "engine/state/StateCodec.h"

namespace sc::window {

namespace {

// Event times are clamped to +-2^62 ms (146 million years) so window arithmetic cannot overflow.
constexpr int64_t kTimeLimit = int64_t{1} << 62;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b) < 0) --q;
  return q;
}

int64_t saturatingAdd(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_add_overflow(a, b, &r) ? (b > 0 ? INT64_MAX : INT64_MIN) : r;
}

}  // namespace

PaneWindowNode::~PaneWindowNode() {
  for (auto& [start, pane] : panes_)
    for (uint32_t slot = 0; slot < pane->keys.size(); ++slot)
      layout().release(pane->records.at(slot));
}

void PaneWindowNode::configureKind() {
  size_ = options_.sizeMs;
  slide_ = options_.slideMs;
  pane_ = std::gcd(size_, slide_);
  merged_ = std::make_unique<RecordStore>(layout().recordSize());
}

int64_t PaneWindowNode::firstStart(int64_t t) const {
  return floorDiv(t - size_, slide_) * slide_ + slide_;
}
int64_t PaneWindowNode::lastStart(int64_t t) const {
  return floorDiv(t, slide_) * slide_;
}

PaneWindowNode::Pane* PaneWindowNode::openPane(int64_t start) {
  auto it = panes_.find(start);
  if (it != panes_.end()) return it->second.get();
  std::unique_ptr<Pane> p;
  if (!spare_.empty()) {
    p = std::move(spare_.back());
    spare_.pop_back();
  } else {
    p = std::make_unique<Pane>(layout().recordSize());
  }
  p->start = start;
  p->id = nextPaneId_++;
  Pane* raw = p.get();
  panes_.emplace(start, std::move(p));
  return raw;
}

void PaneWindowNode::dropPane(std::map<int64_t, std::unique_ptr<Pane>>::iterator it) {
  Pane& p = *it->second;
  for (uint32_t slot = 0; slot < p.keys.size(); ++slot)
    releaseRecord(p.records.at(slot), p.keys[slot]);
  p.records.clear();
  p.index.clear();
  p.keys.clear();
  p.dirty.clear();
  p.isDirty.clear();
  if (spare_.size() < 2) spare_.push_back(std::move(it->second));
  panes_.erase(it);
}

void PaneWindowNode::assign(uint32_t n, const uint32_t* keyIds, const int64_t* times,
                            uint8_t** recs, uint8_t* late) {
  const int64_t now = time();
  const int64_t lateness = options_.allowedLatenessMs;
  const bool early = earlyResults();
  KeyTable& kt = keys();
  for (uint32_t r = 0; r < n; ++r) {
    const int64_t t = std::clamp(times[r], -kTimeLimit, kTimeLimit);
    if (t < cachedFrom_ || t >= cachedTo_ || cachedAt_ != now) {
      const int64_t ps = floorDiv(t, pane_) * pane_;
      // Flink: a window is late once end - 1 + allowed lateness <= watermark; a record is late
      // when every window it belongs to is.
      cachedLate_ = saturatingAdd(lastStart(ps) + size_ - 1, lateness) <= now;
      cachedRefire_ = !cachedLate_ && firstStart(ps) + size_ - 1 <= now;
      cachedPane_ = cachedLate_ ? nullptr : openPane(ps);
      cachedFrom_ = ps;
      cachedTo_ = ps + pane_;
      cachedAt_ = now;
    }
    if (cachedLate_) {
      late[r] = 1;
      recs[r] = nullptr;
      continue;
    }
    Pane& p = *cachedPane_;
    const uint32_t id = keyIds[r];
    uint32_t slot;
    if (kt.cacheA(id) == p.id) {
      slot = kt.cacheB(id);
    } else {
      slot = p.index.find(id);
      if (slot == SlotIndex::kNone) {
        slot = p.records.add();
        initRecord(p.records.at(slot), id);
        p.index.insert(id, slot);
        p.keys.push_back(id);
        if (early) p.isDirty.push_back(0);
      }
      kt.cacheA(id) = p.id;
      kt.cacheB(id) = slot;
    }
    uint8_t* rec = p.records.at(slot);
    // The aggregate loops run after this one: start fetching the record now.
    __builtin_prefetch(rec, 1);
    __builtin_prefetch(rec + p.records.stride() - 1, 1);
    recs[r] = rec;
    if (early && !p.isDirty[slot]) {
      p.isDirty[slot] = 1;
      p.dirty.push_back(slot);
    }
    if (cachedRefire_) {
      // Some windows of this record fired already but are within their allowed lateness:
      // Flink fires them again with the late record included.
      for (int64_t s = firstStart(p.start); s <= lastStart(p.start); s += slide_)
        if (s + size_ - 1 <= now && saturatingAdd(s + size_ - 1, lateness) > now)
          refires_.emplace_back(s, id);
    }
  }
}

void PaneWindowNode::afterBatch() {
  if (refires_.empty()) return;
  std::sort(refires_.begin(), refires_.end());
  refires_.erase(std::unique(refires_.begin(), refires_.end()), refires_.end());
  for (const auto& [start, id] : refires_)
    emitKey(start, id);
  refires_.clear();
}

void PaneWindowNode::advanceTo(int64_t to) {
  cachedFrom_ = 1;
  cachedTo_ = 0;
  cachedPane_ = nullptr;
  if (panes_.empty()) return;
  const int64_t from = time();
  // The first window not fired yet: the smallest start s (a multiple of slide) with s + size - 1 >
  // from.
  int64_t s = from == INT64_MIN ? INT64_MIN : floorDiv(from - size_ + 1, slide_) * slide_ + slide_;
  for (;;) {
    auto it = panes_.lower_bound(s);
    if (it == panes_.end()) break;
    if (it->first >= s + size_) {
      // No data in [s, s + size): skip to the first window that holds the next pane.
      s = std::max(s + slide_, firstStart(it->first));
      continue;
    }
    if (s + size_ - 1 > to) break;
    fireWindow(s);
    s += slide_;
  }
  const int64_t lateness = options_.allowedLatenessMs;
  while (!panes_.empty()) {
    auto it = panes_.begin();
    // A pane is needed until the last window containing it is past its allowed lateness.
    if (saturatingAdd(lastStart(it->first) + size_ - 1, lateness) > to) break;
    dropPane(it);
  }
}

void PaneWindowNode::fireWindow(int64_t start) {
  const int64_t end = start + size_;
  auto it = panes_.lower_bound(start);
  if (pane_ == size_) {
    Pane& p = *it->second;
    for (uint32_t slot = 0; slot < p.keys.size(); ++slot)
      writeResult(start, end, p.keys[slot], p.records.at(slot));
    return;
  }
  merged_->clear();
  mergedIndex_.clear();
  mergedKeys_.clear();
  for (; it != panes_.end() && it->first < end; ++it) {
    Pane& p = *it->second;
    for (uint32_t slot = 0; slot < p.keys.size(); ++slot) {
      const uint32_t id = p.keys[slot];
      uint32_t m = mergedIndex_.find(id);
      if (m == SlotIndex::kNone) {
        m = merged_->add();
        layout().init(merged_->at(m));
        mergedIndex_.insert(id, m);
        mergedKeys_.push_back(id);
      }
      layout().merge(merged_->at(m), p.records.at(slot));
    }
  }
  for (uint32_t m = 0; m < mergedKeys_.size(); ++m) {
    writeResult(start, end, mergedKeys_[m], merged_->at(m));
    layout().release(merged_->at(m));
  }
}

void PaneWindowNode::emitKey(int64_t start, uint32_t keyId) {
  const int64_t end = start + size_;
  if (pane_ == size_) {
    auto it = panes_.find(start);
    if (it == panes_.end()) return;
    const uint32_t slot = it->second->index.find(keyId);
    if (slot != SlotIndex::kNone) writeResult(start, end, keyId, it->second->records.at(slot));
    return;
  }
  merged_->clear();
  uint8_t* rec = merged_->at(merged_->add());
  layout().init(rec);
  bool any = false;
  for (auto it = panes_.lower_bound(start); it != panes_.end() && it->first < end; ++it) {
    const uint32_t slot = it->second->index.find(keyId);
    if (slot == SlotIndex::kNone) continue;
    layout().merge(rec, it->second->records.at(slot));
    any = true;
  }
  if (any) writeResult(start, end, keyId, rec);
  layout().release(rec);
}

void PaneWindowNode::emitUpdates() {
  const int64_t now = time();
  std::vector<int64_t> starts;
  for (auto& [ps, pane] : panes_) {
    if (pane->dirty.empty()) continue;
    for (int64_t s = firstStart(ps); s <= lastStart(ps); s += slide_)
      if (now == INT64_MIN || s + size_ - 1 > now) starts.push_back(s);
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  SlotIndex seen;
  std::vector<uint32_t> changed;
  for (int64_t s : starts) {
    seen.clear();
    changed.clear();
    for (auto it = panes_.lower_bound(s); it != panes_.end() && it->first < s + size_; ++it)
      for (uint32_t slot : it->second->dirty) {
        const uint32_t id = it->second->keys[slot];
        if (seen.find(id) != SlotIndex::kNone) continue;
        seen.insert(id, 0);
        changed.push_back(id);
      }
    for (uint32_t id : changed)
      emitKey(s, id);
  }
  for (auto& [ps, pane] : panes_) {
    for (uint32_t slot : pane->dirty)
      pane->isDirty[slot] = 0;
    pane->dirty.clear();
  }
}

size_t PaneWindowNode::kindStateBytes() const {
  size_t n = merged_ ? merged_->bytes() : 0;
  auto paneBytes = [](const Pane& p) {
    return sizeof(Pane) + p.records.bytes() + p.index.bytes() +
           p.keys.capacity() * sizeof(uint32_t) + p.dirty.capacity() * sizeof(uint32_t) +
           p.isDirty.capacity();
  };
  for (const auto& [start, p] : panes_)
    n += paneBytes(*p);
  for (const auto& p : spare_)
    n += paneBytes(*p);
  return n;
}

// Per pane: start, the key id of each slot, each slot's record, the slots awaiting an early
// emission in order. Pane ids, the per-key pane cache and the slot index are rebuilt.
void PaneWindowNode::saveKind(state::StateWriter& out) const {
  out.u32(static_cast<uint32_t>(panes_.size()));
  for (const auto& [start, p] : panes_) {
    out.i64(start);
    out.u32(static_cast<uint32_t>(p->keys.size()));
    out.raw(p->keys.data(), p->keys.size() * sizeof(uint32_t));
    for (uint32_t slot = 0; slot < p->keys.size(); ++slot)
      layout().saveRecord(p->records.at(slot), out);
    out.u32(static_cast<uint32_t>(p->dirty.size()));
    out.raw(p->dirty.data(), p->dirty.size() * sizeof(uint32_t));
  }
}

void PaneWindowNode::loadKind(state::StateReader& in) {
  const bool early = earlyResults();
  const uint32_t count = in.count(8 + 4 + 4);
  int64_t previous = INT64_MIN;
  for (uint32_t i = 0; i < count; ++i) {
    const int64_t start = in.i64();
    if (start < -kTimeLimit || start > kTimeLimit || floorDiv(start, pane_) * pane_ != start ||
        (i > 0 && start <= previous))
      in.fail("ascending pane starts that are multiples of " + std::to_string(pane_) + " ms");
    previous = start;
    Pane& p = *openPane(start);
    const uint32_t n = in.count(sizeof(uint32_t));
    p.keys.resize(n);
    in.raw(p.keys.data(), size_t{n} * sizeof(uint32_t));
    for (uint32_t slot = 0; slot < n; ++slot) {
      const uint32_t id = p.keys[slot];
      if (!keys().isLive(id) || p.index.find(id) != SlotIndex::kNone)
        in.fail("distinct known keys in pane " + std::to_string(start));
      p.index.insert(id, slot);
    }
    for (uint32_t slot = 0; slot < n; ++slot) {
      layout().loadRecord(p.records.at(p.records.add()), in);
      keys().retain(p.keys[slot]);
    }
    if (early) p.isDirty.assign(n, 0);
    const uint32_t dirty = in.count(sizeof(uint32_t));
    for (uint32_t d = 0; d < dirty; ++d) {
      const uint32_t slot = in.u32();
      if (slot >= n) in.fail("slots of pane " + std::to_string(start));
      if (!early) continue;  // this node emits final results only
      if (p.isDirty[slot]) in.fail("distinct updated slots");
      p.isDirty[slot] = 1;
      p.dirty.push_back(slot);
    }
  }
}

void PaneWindowNode::clearKind() {
  panes_.clear();
  spare_.clear();
  refires_.clear();
  nextPaneId_ = 0;
  cachedPane_ = nullptr;
  cachedFrom_ = 1;
  cachedTo_ = 0;
  cachedAt_ = INT64_MIN;
}

}  // namespace sc::window
