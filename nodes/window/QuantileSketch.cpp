#include "nodes/window/QuantileSketch.h"

#include <algorithm>
#include <cmath>

#include "engine/state/StateCodec.h"

namespace sc::window {

namespace {
const double kGamma = (1 + QuantileSketch::kAlpha) / (1 - QuantileSketch::kAlpha);
const double kLogGamma = std::log(kGamma);
}  // namespace

int32_t QuantileSketch::indexOf(double magnitude) {
  return static_cast<int32_t>(std::ceil(std::log(magnitude) / kLogGamma));
}

double QuantileSketch::valueOf(int32_t index) {
  // The point of bucket (gamma^(i-1), gamma^i] whose relative distance to both ends is alpha.
  return 2 * std::exp(index * kLogGamma) / (kGamma + 1);
}

void QuantileSketch::Buckets::add(int32_t index, uint64_t n) {
  total += n;
  if (counts.empty()) {
    offset = index;
    counts.push_back(n);
    return;
  }
  if (index < offset) {
    const int32_t grow = offset - index;
    if (counts.size() + static_cast<size_t>(grow) > kMaxBuckets) {
      // Too wide: the smallest magnitudes share the lowest bucket (accuracy kept for the rest).
      counts.front() += n;
      return;
    }
    counts.insert(counts.begin(), static_cast<size_t>(grow), 0);
    offset = index;
  } else if (index - offset >= static_cast<int32_t>(counts.size())) {
    const size_t need = static_cast<size_t>(index - offset) + 1;
    if (need > kMaxBuckets) {
      // Collapse the lowest buckets into one to make room at the top.
      const size_t drop = need - kMaxBuckets;
      uint64_t folded = 0;
      for (size_t i = 0; i <= drop && i < counts.size(); ++i)
        folded += counts[i];
      counts.erase(counts.begin(),
                   counts.begin() + static_cast<std::ptrdiff_t>(std::min(drop, counts.size())));
      if (counts.empty()) counts.push_back(0);
      counts.front() = folded;
      offset += static_cast<int32_t>(drop);
    }
    counts.resize(static_cast<size_t>(index - offset) + 1, 0);
  }
  counts[static_cast<size_t>(index - offset)] += n;
}

void QuantileSketch::Buckets::clear() {
  counts.clear();
  offset = 0;
  total = 0;
}

void QuantileSketch::addToSketch(double x, uint64_t n) {
  if (x > 0)
    positive_.add(indexOf(x), n);
  else if (x < 0)
    negative_.add(indexOf(-x), n);
  else
    zeros_ += n;
}

void QuantileSketch::toSketch() {
  sketch_ = true;
  for (double x : exact_)
    addToSketch(x, 1);
  exact_.clear();
}

void QuantileSketch::add(double x) {
  if (std::isnan(x)) return;
  ++count_;
  if (!sketch_) {
    if (exact_.size() < kExactValues) {
      exact_.push_back(x);
      sorted_ = false;
      return;
    }
    toSketch();
  }
  addToSketch(x, 1);
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.count_ == 0) return;
  if (!sketch_ && !other.sketch_ && exact_.size() + other.exact_.size() <= kExactValues) {
    exact_.insert(exact_.end(), other.exact_.begin(), other.exact_.end());
    sorted_ = false;
    count_ += other.count_;
    return;
  }
  if (!sketch_) toSketch();
  count_ += other.count_;
  if (!other.sketch_) {
    for (double x : other.exact_)
      addToSketch(x, 1);
    return;
  }
  zeros_ += other.zeros_;
  for (size_t i = 0; i < other.positive_.counts.size(); ++i)
    if (other.positive_.counts[i])
      positive_.add(other.positive_.offset + static_cast<int32_t>(i), other.positive_.counts[i]);
  for (size_t i = 0; i < other.negative_.counts.size(); ++i)
    if (other.negative_.counts[i])
      negative_.add(other.negative_.offset + static_cast<int32_t>(i), other.negative_.counts[i]);
}

void QuantileSketch::clear() {
  exact_.clear();
  sorted_ = true;
  sketch_ = false;
  positive_.clear();
  negative_.clear();
  zeros_ = 0;
  count_ = 0;
}

double QuantileSketch::quantile(double q) const {
  const uint64_t rank =
      static_cast<uint64_t>(std::floor(std::clamp(q, 0.0, 1.0) * static_cast<double>(count_ - 1)));
  if (!sketch_) {
    if (!sorted_) std::sort(exact_.begin(), exact_.end());
    sorted_ = true;
    return exact_[rank];
  }
  // Ascending: negatives from the largest magnitude down, zeros, positives upward.
  uint64_t seen = 0;
  for (size_t i = negative_.counts.size(); i-- > 0;) {
    seen += negative_.counts[i];
    if (seen > rank) return -valueOf(negative_.offset + static_cast<int32_t>(i));
  }
  seen += zeros_;
  if (seen > rank) return 0;
  for (size_t i = 0; i < positive_.counts.size(); ++i) {
    seen += positive_.counts[i];
    if (seen > rank) return valueOf(positive_.offset + static_cast<int32_t>(i));
  }
  return valueOf(positive_.offset + static_cast<int32_t>(positive_.counts.size()) - 1);
}

size_t QuantileSketch::bytes() const {
  return sizeof(*this) + exact_.capacity() * sizeof(double) +
         (positive_.counts.capacity() + negative_.counts.capacity()) * sizeof(uint64_t);
}

}  // namespace sc::window

namespace sc::window {

void QuantileSketch::Buckets::save(state::StateWriter& out) const {
  out.u32(static_cast<uint32_t>(offset));
  out.u32(static_cast<uint32_t>(counts.size()));
  out.raw(counts.data(), counts.size() * sizeof(uint64_t));
}

void QuantileSketch::Buckets::load(state::StateReader& in) {
  offset = static_cast<int32_t>(in.u32());
  // Bucket indexes of finite doubles lie within +-40,000; a wild offset would overflow the
  // index arithmetic of add().
  if (offset < -(1 << 20) || offset > (1 << 20)) in.fail("a bucket offset within +-2^20");
  const uint32_t n = in.count(sizeof(uint64_t));
  if (n > kMaxBuckets) in.fail("at most " + std::to_string(kMaxBuckets) + " buckets");
  counts.resize(n);
  in.raw(counts.data(), size_t{n} * sizeof(uint64_t));
  total = 0;
  for (uint64_t c : counts)
    if (__builtin_add_overflow(total, c, &total)) in.fail("bucket counts that fit 64 bits");
}

void QuantileSketch::save(state::StateWriter& out) const {
  out.boolean(sketch_);
  if (!sketch_) {
    out.boolean(sorted_);
    out.u32(static_cast<uint32_t>(exact_.size()));
    out.raw(exact_.data(), exact_.size() * sizeof(double));
    return;
  }
  out.u64(zeros_);
  positive_.save(out);
  negative_.save(out);
}

void QuantileSketch::load(state::StateReader& in) {
  clear();
  sketch_ = in.boolean();
  if (!sketch_) {
    sorted_ = in.boolean();
    const uint32_t n = in.count(sizeof(double));
    if (n > kExactValues) in.fail("at most " + std::to_string(kExactValues) + " exact values");
    exact_.resize(n);
    in.raw(exact_.data(), size_t{n} * sizeof(double));
    // NaN is never added, and would break the ordering quantile() sorts by.
    for (double x : exact_)
      if (std::isnan(x)) in.fail("numbers (not NaN)");
    if (sorted_ && !std::is_sorted(exact_.begin(), exact_.end())) in.fail("sorted values");
    count_ = n;
    return;
  }
  zeros_ = in.u64();
  positive_.load(in);
  negative_.load(in);
  if (__builtin_add_overflow(zeros_, positive_.total, &count_) ||
      __builtin_add_overflow(count_, negative_.total, &count_))
    in.fail("counts that fit 64 bits");
}

}  // namespace sc::window
