#pragma once
// count_distinct of a window: exact (a set of 64-bit value hashes) up to kExactLimit distinct
// values, then a HyperLogLog sketch of 2^kPrecision registers (standard error about 0.8%),
// estimated with Ertl's improved estimator, which needs no bias tables. Mergeable.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sc::state {
class StateWriter;
class StateReader;
}  // namespace sc::state

namespace sc::window {

class DistinctCounter {
 public:
  static constexpr uint32_t kExactLimit = 4096;
  static constexpr uint32_t kPrecision = 14;
  static constexpr uint32_t kRegisters = 1u << kPrecision;

  void add(uint64_t hash);
  void merge(const DistinctCounter& other);
  void clear();
  uint64_t estimate() const;
  bool exact() const { return registers_.empty(); }
  size_t bytes() const;

  // Checkpoints: the exact set as sorted hashes (the same set gives the same bytes whatever its
  // table looked like), or the sketch's registers.
  void save(state::StateWriter& out) const;
  // Replaces this counter with what save() wrote; throws state::StateError.
  void load(state::StateReader& in);

 private:
  void insertExact(uint64_t hash);
  void toSketch();
  void addToSketch(uint64_t hash);

  // Open addressing over hashes; 0 marks an empty cell (a zero hash is stored as kZero).
  std::vector<uint64_t> set_;
  uint32_t size_ = 0;
  std::vector<uint8_t> registers_;
};

}  // namespace sc::window
