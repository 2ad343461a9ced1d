#pragma once
// Percentiles of a window's values. Up to kExactValues values are kept as they are and the
// answer is exact; beyond that a DDSketch (log-spaced buckets, relative accuracy kAlpha) takes
// over: the returned value is within 1% of the true value at the requested rank. Mergeable, so
// hopping panes and merged sessions combine sketches instead of re-reading records.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sc::state {
class StateWriter;
class StateReader;
}  // namespace sc::state

namespace sc::window {

class QuantileSketch {
 public:
  static constexpr double kAlpha = 0.01;
  static constexpr uint32_t kExactValues = 64;
  // Buckets per sign before the smallest magnitudes are collapsed together (covers a dynamic
  // range of about 1e17 at 1% accuracy).
  static constexpr uint32_t kMaxBuckets = 2048;

  void add(double x);
  void merge(const QuantileSketch& other);
  void clear();
  uint64_t count() const { return count_; }
  // The value at 0-based rank floor(q * (count - 1)) in ascending order; q in [0, 1].
  // Precondition: count() > 0.
  double quantile(double q) const;
  size_t bytes() const;

  // Checkpoints: the exact values in their current order (with whether they are sorted), or
  // the sketch's zero count and buckets; counts and totals follow from those.
  void save(state::StateWriter& out) const;
  // Replaces this sketch with what save() wrote; throws state::StateError.
  void load(state::StateReader& in);

 private:
  // Counts of bucket index i (values in (gamma^(i-1), gamma^i]) stored from `offset` on.
  struct Buckets {
    std::vector<uint64_t> counts;
    int32_t offset = 0;
    uint64_t total = 0;
    void add(int32_t index, uint64_t n);
    void clear();
    void save(state::StateWriter& out) const;
    void load(state::StateReader& in);
  };
  void toSketch();
  void addToSketch(double x, uint64_t n);
  static int32_t indexOf(double magnitude);
  static double valueOf(int32_t index);

  mutable std::vector<double> exact_;  // sorted lazily by quantile()
  mutable bool sorted_ = true;
  bool sketch_ = false;
  Buckets positive_, negative_;
  uint64_t zeros_ = 0;
  uint64_t count_ = 0;
};

}  // namespace sc::window
