#pragma once
// Keyed state for any stateful node (windows use it today): grouping keys interned once, an
// open-addressing index over 64-bit hashes mapping a key's bytes to a dense id. State refers to
// keys by id and counts references, so a key disappears once nothing holds it. Keys are canonical
// byte strings tagged with their kind (KeyEncoder builds them); equal values give equal bytes (1
// and 1.0 both encode as the integer 1), so grouping follows valuesEqual. Keys without references
// are forgotten one purge round later, so keys that recur window after window are not re-interned
// each time.

#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

#include "nodes/state/HugePageAllocator.h"

namespace sc::state {
class StateWriter;
class StateReader;
}  // namespace sc::state

namespace sc::keyed {

// Tag of a key's bytes: the value's Kind, or kCompositeTag for an encoded tuple.
constexpr uint8_t kCompositeTag = 0xff;

struct KeyView {
  const char* data = nullptr;
  uint32_t len = 0;
  uint8_t tag = 0;
};

namespace detail {

__extension__ typedef unsigned __int128 UInt128;

inline uint64_t load64(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

inline uint64_t load32(const char* p) {
  uint32_t x;
  std::memcpy(&x, p, 4);
  return x;
}

// 64x64 -> 128-bit multiply folded to 64 bits (the wyhash mixer).
inline uint64_t mum(uint64_t a, uint64_t b) {
  const UInt128 r = UInt128{a} * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

}  // namespace detail

inline uint64_t hashKey(const KeyView& k) {
  using detail::load32, detail::load64, detail::mum;
  // Keys are mostly short (device ids): two overlapping loads cover 4..16 bytes without a loop.
  const char* p = k.data;
  const uint32_t n = k.len;
  uint64_t seed = 0x9e3779b97f4a7c15ULL ^ (uint64_t{k.tag} << 40) ^ n;
  uint64_t a = 0, b = 0;
  if (n <= 16) {
    if (n >= 8) {
      a = load64(p);
      b = load64(p + n - 8);
    } else if (n >= 4) {
      a = load32(p);
      b = load32(p + n - 4);
    } else if (n > 0) {
      a = (uint64_t{static_cast<uint8_t>(p[0])} << 16) |
          (uint64_t{static_cast<uint8_t>(p[n >> 1])} << 8) | static_cast<uint8_t>(p[n - 1]);
    }
  } else {
    for (uint32_t i = 0; i + 16 < n; i += 16)
      seed = mum(load64(p + i) ^ 0xa0761d6478bd642fULL, load64(p + i + 8) ^ seed);
    a = load64(p + n - 16);
    b = load64(p + n - 8);
  }
  return mum(mum(a ^ 0xa0761d6478bd642fULL, b ^ seed ^ 0xe7037ed1a0b428dbULL),
             0x8ebc6af09c88c6e3ULL ^ n);
}

inline bool sameKeyBytes(const char* a, const char* b, uint32_t n) {
  using detail::load32, detail::load64;
  if (n >= 8 && n <= 16) return load64(a) == load64(b) && load64(a + n - 8) == load64(b + n - 8);
  if (n >= 4 && n < 8) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  return n == 0 || std::memcmp(a, b, n) == 0;  // the global key's data is null
}

class KeyTable {
 public:
  static constexpr uint32_t kNoId = UINT32_MAX;

  KeyTable();
  ~KeyTable();
  KeyTable(const KeyTable&) = delete;
  KeyTable& operator=(const KeyTable&) = delete;

  // Software pipelining for big tables: prefetch the index cell of a hash, later the entry that
  // cell names (once the cell has arrived), then intern() finds both in the cache.
  void prefetch(uint64_t hash) const { __builtin_prefetch(&index_[hash & mask_]); }
  void prefetchEntry(uint64_t hash) const {
    const uint64_t cell = index_[hash & mask_];
    if (!cell) return;
    const char* e = reinterpret_cast<const char*>(&entries_[static_cast<uint32_t>(cell) - 1]);
    __builtin_prefetch(e);
    __builtin_prefetch(e + sizeof(Entry) - 1);
  }
  // The id of `key`, interning a copy of its bytes when new (`created` tells). A new key has
  // no references: retain it or it is dropped by the next sweep().
  uint32_t intern(const KeyView& key, uint64_t hash, bool& created) {
    const uint32_t id = find(key, hash);
    created = id == kNoId;
    return created ? insert(key, hash) : id;
  }
  // The id of `key` (hash: hashKey(key)), or kNoId.
  uint32_t find(const KeyView& key, uint64_t hash) const {
    const uint64_t tag = hash >> 32;
    for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint64_t cell = index_[i];
      if (cell == 0) return kNoId;
      if ((cell >> 32) != tag) continue;
      const uint32_t id = static_cast<uint32_t>(cell) - 1;
      const Entry& e = entries_[id];
      if (e.hash == hash && e.len == key.len && e.tag == key.tag &&
          sameKeyBytes(e.len <= kInline ? e.inl : e.heap, key.data, key.len))
        return id;
    }
  }
  // Keys created by intern() since the last sweep that were never retained are removed.
  void sweep();

  void retain(uint32_t id) {
    if (entries_[id].refs++ == 0) ++held_;
  }
  void release(uint32_t id) {
    Entry& e = entries_[id];
    if (--e.refs == 0) {
      --held_;
      if (!e.recent) released_.push_back(id);
      e.recent = true;
    }
  }
  // Forgets the keys that have had no reference since the previous collect() that had any
  // released: a key one window drops and the next window uses again stays interned.
  void collect();
  // Forgets every key without references now.
  void collectAll();

  KeyView view(uint32_t id) const {
    const Entry& e = entries_[id];
    return {e.len <= kInline ? e.inl : e.heap, e.len, e.tag};
  }
  // Per-key scratch owned by the window kind (last pane and slot touched, head session).
  uint64_t& cacheA(uint32_t id) { return entries_[id].cacheA; }
  uint32_t& cacheB(uint32_t id) { return entries_[id].cacheB; }
  // Upper bound of ids handed out so far (size dense per-key arrays with it).
  uint32_t idLimit() const { return static_cast<uint32_t>(entries_.size()); }
  uint32_t size() const { return live_; }  // interned, including unreferenced ones
  uint32_t held() const { return held_; }  // with at least one reference
  bool isLive(uint32_t id) const { return id < entries_.size() && entries_[id].live; }
  size_t bytes() const;

  // Forgets every key (references included) and frees their memory.
  void clear();
  // Checkpoints: every id with its key bytes and purge bookkeeping, and the free ids in order, so
  // a restored table hands out the same ids as the original (output order follows ids in
  // places). Reference counts are not written: whoever holds a reference retains it again
  // after load(). Per-key scratch (cacheA/cacheB) restarts empty.
  void save(state::StateWriter& out) const;
  // Replaces the table with what save() wrote; `valid` vets each key's bytes (a damaged key
  // that decoding would misread is refused). Throws state::StateError.
  void load(state::StateReader& in, const std::function<bool(const KeyView&)>& valid);

 private:
  static constexpr uint32_t kInline = 16;
  struct Entry {
    uint64_t hash = 0;
    uint64_t cacheA = 0;
    uint32_t cacheB = 0;
    uint32_t refs = 0;
    uint32_t len = 0;
    uint8_t tag = 0;
    bool live = false;
    bool recent = false;  // in released_
    union {
      char inl[kInline];
      char* heap;
    };
  };
  static_assert(sizeof(Entry) == 48);

  uint32_t insert(const KeyView& key, uint64_t hash);
  // Makes entry `id` hold `key` and indexes it.
  void fill(uint32_t id, const KeyView& key, uint64_t hash);
  void remove(uint32_t id);
  void grow();
  void place(uint32_t id, uint64_t hash);

  // Index cells: (upper 32 bits of the hash) << 32 | (id + 1); 0 is empty.
  std::vector<uint64_t, HugePageAllocator<uint64_t>> index_;
  uint64_t mask_ = 0;
  std::vector<Entry, HugePageAllocator<Entry>> entries_;
  std::vector<uint32_t> free_;
  std::vector<uint32_t> created_;
  std::vector<uint32_t> released_;  // reached zero references since the last collect()
  std::vector<uint32_t> stale_;     // released before the last collect()
  uint32_t live_ = 0;
  uint32_t held_ = 0;
  size_t heapBytes_ = 0;
};

}  // namespace sc::keyed
