#include "nodes/window/DistinctCounter.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/state/StateCodec.h"

namespace sc::window {

namespace {

constexpr uint64_t kZero = 0x5bd1e9955bd1e995ULL;
constexpr uint32_t kMaxRank = 64 - DistinctCounter::kPrecision + 1;

// sigma and tau of Ertl, "New cardinality estimation algorithms for HyperLogLog sketches" (2017).
double sigma(double x) {
  if (x == 1) return std::numeric_limits<double>::infinity();
  double y = 1, z = x, previous;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (previous != z);
  return z;
}

double tau(double x) {
  if (x == 0 || x == 1) return 0;
  double y = 1, z = 1 - x, previous;
  do {
    x = std::sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
  } while (previous != z);
  return z / 3;
}

}  // namespace

void DistinctCounter::insertExact(uint64_t hash) {
  if (hash == 0) hash = kZero;
  if (set_.empty()) set_.assign(16, 0);
  const size_t mask = set_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    if (set_[i] == hash) return;
    if (set_[i] == 0) {
      set_[i] = hash;
      ++size_;
      break;
    }
  }
  if (size_ * 2 > set_.size()) {
    std::vector<uint64_t> old;
    old.swap(set_);
    set_.assign(old.size() * 2, 0);
    const size_t m = set_.size() - 1;
    for (uint64_t h : old) {
      if (!h) continue;
      size_t i = h & m;
      while (set_[i])
        i = (i + 1) & m;
      set_[i] = h;
    }
  }
}

void DistinctCounter::addToSketch(uint64_t hash) {
  const uint32_t index = static_cast<uint32_t>(hash >> (64 - kPrecision));
  const uint64_t rest = (hash << kPrecision) | (uint64_t{1} << (kPrecision - 1));
  const uint8_t rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
  if (rank > registers_[index]) registers_[index] = rank;
}

void DistinctCounter::toSketch() {
  registers_.assign(kRegisters, 0);
  for (uint64_t h : set_)
    if (h) addToSketch(h == kZero ? 0 : h);
  set_.clear();
  set_.shrink_to_fit();
  size_ = 0;
}

void DistinctCounter::add(uint64_t hash) {
  if (!registers_.empty()) {
    addToSketch(hash);
    return;
  }
  insertExact(hash);
  if (size_ > kExactLimit) toSketch();
}

void DistinctCounter::merge(const DistinctCounter& other) {
  if (other.exact()) {
    for (uint64_t h : other.set_)
      if (h) add(h == kZero ? 0 : h);
    return;
  }
  if (exact()) toSketch();
  for (uint32_t i = 0; i < kRegisters; ++i)
    if (other.registers_[i] > registers_[i]) registers_[i] = other.registers_[i];
}

void DistinctCounter::clear() {
  // Keep a modest exact table for reuse; a sketch's registers are released.
  if (set_.size() > 1024) {
    set_.clear();
    set_.shrink_to_fit();
  } else {
    std::fill(set_.begin(), set_.end(), 0);
  }
  size_ = 0;
  registers_.clear();
  registers_.shrink_to_fit();
}

uint64_t DistinctCounter::estimate() const {
  if (exact()) return size_;
  uint32_t histogram[kMaxRank + 1] = {};
  for (uint8_t r : registers_)
    ++histogram[r];
  const double m = kRegisters;
  double z = m * tau(1 - histogram[kMaxRank] / m);
  for (uint32_t k = kMaxRank - 1; k >= 1; --k) {
    z += histogram[k];
    z *= 0.5;
  }
  z += m * sigma(histogram[0] / m);
  const double alphaInf = 0.5 / std::log(2.0);
  return static_cast<uint64_t>(std::llround(alphaInf * m * m / z));
}

size_t DistinctCounter::bytes() const {
  return sizeof(*this) + set_.capacity() * sizeof(uint64_t) + registers_.capacity();
}

}  // namespace sc::window

namespace sc::window {

void DistinctCounter::save(state::StateWriter& out) const {
  if (!exact()) {
    out.u8(1);
    out.raw(registers_.data(), registers_.size());
    return;
  }
  out.u8(0);
  std::vector<uint64_t> hashes;
  hashes.reserve(size_);
  for (uint64_t h : set_)
    if (h) hashes.push_back(h);
  std::sort(hashes.begin(), hashes.end());
  out.u32(static_cast<uint32_t>(hashes.size()));
  out.raw(hashes.data(), hashes.size() * sizeof(uint64_t));
}

void DistinctCounter::load(state::StateReader& in) {
  clear();
  const uint8_t mode = in.u8();
  if (mode == 1) {
    registers_.resize(kRegisters);
    in.raw(registers_.data(), kRegisters);
    for (uint8_t r : registers_)
      if (r > kMaxRank) in.fail("HyperLogLog registers of at most " + std::to_string(kMaxRank));
    return;
  }
  if (mode != 0) in.fail("a distinct counter (exact or sketch)");
  const uint32_t n = in.count(sizeof(uint64_t));
  if (n > kExactLimit) in.fail("at most " + std::to_string(kExactLimit) + " exact values");
  uint64_t previous = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint64_t h = in.u64();
    // Stored cells are never 0; ascending order makes each value appear once.
    if (h <= previous) in.fail("distinct hashes in ascending order");
    previous = h;
    insertExact(h);
  }
}

}  // namespace sc::window
