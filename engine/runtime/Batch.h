#pragma once
// A batch of records, the unit that moves between nodes. Column-major: slot s of row r is
// column(s)[r], so expressions evaluate a whole column per call. Strings live in the batch's
// arena. Batches are recycled through a BatchPool, so steady state allocates nothing.

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/runtime/Arena.h"
#include "engine/runtime/Value.h"

namespace sc {

struct Header {
  std::string_view name;
  std::string_view value;
};

// Per-record metadata, exposed to expressions as $key, $topic, $partition, $offset,
// $timestamp and $headers.NAME.
struct RecordMeta {
  std::string_view payload;  // raw message bytes, padded for simdjson; empty when built in place
  std::string_view key;
  std::string_view topic;  // storage owned by the source, stable for the run
  const Header* headers = nullptr;
  uint32_t headerCount = 0;
  bool hasKey = false;
  // The source could not compute the record's event time (on_timestamp_error: late): windows
  // treat it as late whatever its timestamp says.
  bool noEventTime = false;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp = 0;  // epoch milliseconds
  uint32_t source = 0;    // index of the source node that produced the record (offset commits)
};

class Batch {
 public:
  static constexpr uint32_t kDefaultCapacity = 1024;

  Batch(uint32_t capacity, uint32_t slotCount);
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  uint32_t size() const { return size_; }
  uint32_t capacity() const { return capacity_; }
  uint32_t slotCount() const { return slotCount_; }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ == capacity_; }

  Value* column(uint32_t slot) { return values_.data() + size_t(slot) * capacity_; }
  const Value* column(uint32_t slot) const { return values_.data() + size_t(slot) * capacity_; }
  Value& at(uint32_t slot, uint32_t row) { return column(slot)[row]; }
  const Value& at(uint32_t slot, uint32_t row) const { return column(slot)[row]; }
  RecordMeta& meta(uint32_t row) { return meta_[row]; }
  const RecordMeta& meta(uint32_t row) const { return meta_[row]; }
  Arena& arena() { return arena_; }

  // Appends a row with every slot Missing and default metadata; returns its index.
  // Precondition: !full(). Rows past size() are always kept blank, so this is one increment.
  uint32_t append() { return size_++; }
  // Drops every row and resets the arena.
  void clear();
  // Keeps the rows whose keep[row] is non-zero, in order.
  void keepRows(const uint8_t* keep);
  // Drops rows from `n` on.
  void truncate(uint32_t n);
  // Appends a deep copy of src's row (strings, payload, key and headers copied into this arena).
  void copyRowFrom(const Batch& src, uint32_t row);
  // Replaces this batch's content by a deep copy of src.
  void copyFrom(const Batch& src);
  // Copies a string value into this batch's arena (no-op for non-strings).
  Value adopt(const Value& v);

  // Ordinal used by tests and diagnostics; the pool stamps batches it creates.
  uint64_t serial = 0;

 private:
  uint32_t capacity_;
  uint32_t slotCount_;
  void resetRows(uint32_t from, uint32_t to);

  uint32_t size_ = 0;
  std::vector<Value> values_;
  std::vector<RecordMeta> meta_;
  std::vector<uint32_t> selection_;  // keepRows() scratch
  Arena arena_;
};

}  // namespace sc
