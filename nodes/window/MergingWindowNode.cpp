#include "nodes/window/MergingWindowNode.h"

#include <algorithm>

#include "engine/state/StateCodec.h"

namespace sc::window {

namespace {

constexpr int64_t kTimeLimit = int64_t{1} << 62;

int64_t saturatingAdd(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_add_overflow(a, b, &r) ? (b > 0 ? INT64_MAX : INT64_MIN) : r;
}

}  // namespace

MergingWindowNode::~MergingWindowNode() {
  for (uint32_t s = 0; s < sessions_.size(); ++s)
    if (sessions_[s].live) layout().release(records_->at(s));
}

void MergingWindowNode::configureKind() {
  gap_ = options_.gapMs;
  records_ = std::make_unique<RecordStore>(layout().recordSize());
}

uint32_t MergingWindowNode::newSession(uint32_t keyId, int64_t start, int64_t end) {
  uint32_t s;
  if (!free_.empty()) {
    s = free_.back();
    free_.pop_back();
  } else {
    s = static_cast<uint32_t>(sessions_.size());
    sessions_.emplace_back();
    records_->add();
  }
  Session& x = sessions_[s];
  x.start = start;
  x.end = end;
  x.keyId = keyId;
  x.next = kNil;
  x.forward = kNil;
  x.live = true;
  x.updated = x.dirty = x.touched = false;
  initRecord(records_->at(s), keyId);
  schedule(s, end - 1);
  return s;
}

void MergingWindowNode::schedule(uint32_t s, int64_t at) {
  sessions_[s].pending = at;
  queue_.push({at, s, sessions_[s].gen});
}

void MergingWindowNode::touch(uint32_t s) {
  Session& x = sessions_[s];
  x.updated = true;
  if (!x.touched) {
    x.touched = true;
    touched_.push_back(s);
  }
  if (earlyResults() && !x.dirty) {
    x.dirty = true;
    dirty_.push_back(s);
  }
}

void MergingWindowNode::unlink(uint32_t s) {
  KeyTable& kt = keys();
  const uint32_t id = sessions_[s].keyId;
  uint32_t& head = kt.cacheB(id);  // head session + 1 (0: none)
  if (head == s + 1) {
    head = sessions_[s].next == kNil ? 0 : sessions_[s].next + 1;
    return;
  }
  for (uint32_t c = head - 1; sessions_[c].next != kNil; c = sessions_[c].next)
    if (sessions_[c].next == s) {
      sessions_[c].next = sessions_[s].next;
      return;
    }
}

void MergingWindowNode::free(uint32_t s) {
  Session& x = sessions_[s];
  x.live = false;
  x.dirty = false;
  ++x.gen;
  releaseRecord(records_->at(s), x.keyId);
  free_.push_back(s);
}

void MergingWindowNode::assign(uint32_t n, const uint32_t* keyIds, const int64_t* times,
                               uint8_t** recs, uint8_t* late) {
  const int64_t now = time();
  const int64_t lateness = options_.allowedLatenessMs;
  KeyTable& kt = keys();
  if (rowSession_.size() < n) rowSession_.resize(n);
  for (uint32_t r = 0; r < n; ++r) {
    const int64_t t = std::clamp(times[r], -kTimeLimit, kTimeLimit);
    const uint32_t id = keyIds[r];
    // Sessions of a key are disjoint and sorted by start, so those intersecting [t, t + gap)
    // form one run; the first of them absorbs the rest.
    uint32_t prev = kNil, target = kNil;
    uint32_t cur = kt.cacheB(id) == 0 ? kNil : kt.cacheB(id) - 1;
    while (cur != kNil) {
      Session& c = sessions_[cur];
      if (c.start >= t + gap_) break;
      if (c.end > t) {
        if (target == kNil) {
          target = cur;
        } else {
          Session& tg = sessions_[target];
          layout().merge(records_->at(target), records_->at(cur));
          tg.end = std::max(tg.end, c.end);
          tg.next = c.next;
          c.live = false;
          c.forward = target;
          merged_.push_back(cur);
          cur = tg.next;
          continue;
        }
      } else if (target == kNil) {
        prev = cur;
      }
      cur = c.next;
    }
    if (target == kNil) {
      if (saturatingAdd(t + gap_ - 1, lateness) <= now) {
        late[r] = 1;
        rowSession_[r] = kNil;
        continue;
      }
      target = newSession(id, t, t + gap_);
      uint32_t& head = kt.cacheB(id);
      if (prev == kNil) {
        sessions_[target].next = head == 0 ? kNil : head - 1;
        head = target + 1;
      } else {
        sessions_[target].next = sessions_[prev].next;
        sessions_[prev].next = target;
      }
    } else {
      Session& tg = sessions_[target];
      tg.start = std::min(tg.start, t);
      tg.end = std::max(tg.end, t + gap_);
      if (tg.end - 1 < tg.pending) schedule(target, tg.end - 1);
    }
    touch(target);
    rowSession_[r] = target;
  }
  // Rows seen before a merge point at the absorbed session: follow them to the survivor.
  for (uint32_t r = 0; r < n; ++r) {
    uint32_t s = rowSession_[r];
    if (s == kNil) {
      recs[r] = nullptr;
      continue;
    }
    while (!sessions_[s].live)
      s = sessions_[s].forward;
    recs[r] = records_->at(s);
  }
}

void MergingWindowNode::afterBatch() {
  for (uint32_t s : merged_)
    free(s);
  merged_.clear();
  const int64_t now = time();
  for (uint32_t s : touched_) {
    Session& x = sessions_[s];
    x.touched = false;
    // A session updated after it fired (within its allowed lateness) fires again now.
    if (x.live && x.updated && x.end - 1 <= now) emit(s);
  }
  touched_.clear();
}

void MergingWindowNode::emit(uint32_t s) {
  Session& x = sessions_[s];
  x.updated = false;
  writeResult(x.start, x.end, x.keyId, records_->at(s));
}

void MergingWindowNode::advanceTo(int64_t to) {
  const int64_t lateness = options_.allowedLatenessMs;
  while (!queue_.empty() && queue_.top().time <= to) {
    const Entry e = queue_.top();
    queue_.pop();
    Session& x = sessions_[e.session];
    if (!x.live || x.gen != e.gen || x.pending != e.time) continue;  // superseded entry
    const int64_t fireAt = x.end - 1;
    if (fireAt > e.time) {
      schedule(e.session, fireAt);  // extended since it was scheduled
      continue;
    }
    if (x.updated) emit(e.session);
    const int64_t cleanAt = saturatingAdd(fireAt, lateness);
    if (cleanAt <= to) {
      unlink(e.session);
      free(e.session);
    } else {
      schedule(e.session, cleanAt);
    }
  }
}

void MergingWindowNode::emitUpdates() {
  const int64_t now = time();
  for (uint32_t s : dirty_) {
    Session& x = sessions_[s];
    if (!x.dirty) continue;  // freed since it was queued
    x.dirty = false;
    if (x.live && x.end - 1 > now) writeResult(x.start, x.end, x.keyId, records_->at(s));
  }
  dirty_.clear();
}

size_t MergingWindowNode::kindStateBytes() const {
  return sessions_.capacity() * sizeof(Session) + (records_ ? records_->bytes() : 0) +
         queue_.size() * sizeof(Entry) +
         (free_.capacity() + dirty_.capacity() + rowSession_.capacity()) * 4;
}

namespace {
constexpr uint8_t kLive = 1, kUpdated = 2, kDirty = 4;
}  // namespace

// Session slots keep their indexes and the free list its order, so a restored node places new
// sessions where the original would (the order of results that fire together follows them).
// Per live session: bounds, the time of its pending heap entry, key, flags, record. Then the
// early-emission queue. Key lists and the heap are rebuilt.
void MergingWindowNode::saveKind(state::StateWriter& out) const {
  out.u32(static_cast<uint32_t>(sessions_.size()));
  for (uint32_t s = 0; s < sessions_.size(); ++s) {
    const Session& x = sessions_[s];
    if (!x.live) {
      out.u8(0);
      continue;
    }
    out.u8(kLive | (x.updated ? kUpdated : 0) | (x.dirty ? kDirty : 0));
    out.i64(x.start);
    out.i64(x.end);
    out.i64(x.pending);
    out.u32(x.keyId);
    layout().saveRecord(records_->at(s), out);
  }
  out.u32(static_cast<uint32_t>(free_.size()));
  out.raw(free_.data(), free_.size() * sizeof(uint32_t));
  // As it is: an entry of a freed session keeps its place for the session that reuses the slot,
  // which decides where that one comes out in the next early emission.
  out.u32(static_cast<uint32_t>(dirty_.size()));
  out.raw(dirty_.data(), dirty_.size() * sizeof(uint32_t));
}

void MergingWindowNode::loadKind(state::StateReader& in) {
  const uint32_t n = in.count(1);
  sessions_.assign(n, Session{});
  for (uint32_t s = 0; s < n; ++s)
    records_->add();
  KeyTable& kt = keys();
  std::vector<uint32_t> live;
  for (uint32_t s = 0; s < n; ++s) {
    Session& x = sessions_[s];
    const uint8_t flags = in.u8();
    if (flags == 0) continue;
    if ((flags & kLive) == 0 || (flags & ~(kLive | kUpdated | kDirty)) != 0)
      in.fail("session flags");
    x.start = in.i64();
    x.end = in.i64();
    x.pending = in.i64();
    x.keyId = in.u32();
    if (x.start < -kTimeLimit || x.start > kTimeLimit || x.end < saturatingAdd(x.start, gap_) ||
        x.end > saturatingAdd(kTimeLimit, gap_))
      in.fail("a session at least " + std::to_string(gap_) + " ms long");
    if (!kt.isLive(x.keyId)) in.fail("sessions of known keys");
    x.live = true;
    x.updated = (flags & kUpdated) != 0;
    x.dirty = (flags & kDirty) != 0 && earlyResults();  // else final results only
    layout().loadRecord(records_->at(s), in);
    kt.retain(x.keyId);
    live.push_back(s);
    queue_.push({x.pending, s, x.gen});
  }
  const uint32_t freeCount = in.count(sizeof(uint32_t));
  if (freeCount != n - live.size()) in.fail("every unused session slot in the free list");
  free_.resize(freeCount);
  in.raw(free_.data(), size_t{freeCount} * sizeof(uint32_t));
  std::vector<uint8_t> seen(n, 0);
  for (uint32_t s : free_) {
    if (s >= n || sessions_[s].live || seen[s]) in.fail("distinct unused session slots");
    seen[s] = 1;
  }
  const uint32_t dirty = in.count(sizeof(uint32_t));
  if (earlyResults()) dirty_.resize(dirty);
  for (uint32_t d = 0; d < dirty; ++d) {
    const uint32_t s = in.u32();
    if (s >= n) in.fail("session slots below " + std::to_string(n));
    if (earlyResults()) dirty_[d] = s;
  }
  // Each key's sessions: disjoint, linked by start from the key's head (cacheB = head + 1).
  std::sort(live.begin(), live.end(), [this](uint32_t a, uint32_t b) {
    const Session &x = sessions_[a], &y = sessions_[b];
    return x.keyId != y.keyId ? x.keyId < y.keyId : x.start < y.start;
  });
  for (size_t i = 0; i < live.size(); ++i) {
    Session& x = sessions_[live[i]];
    if (i > 0 && sessions_[live[i - 1]].keyId == x.keyId) {
      Session& before = sessions_[live[i - 1]];
      if (before.end > x.start) in.fail("disjoint sessions per key");
      before.next = live[i];
    } else {
      kt.cacheB(x.keyId) = live[i] + 1;
    }
  }
}

void MergingWindowNode::clearKind() {
  sessions_.clear();
  records_->clear();
  free_.clear();
  merged_.clear();
  touched_.clear();
  dirty_.clear();
  queue_ = {};
}

}  // namespace sc::window
