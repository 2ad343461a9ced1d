#pragma once
// The aggregate state of one (window, key) as a fixed-size record of plain bytes, so window
// state lives in flat arrays. Aggregates reading the same `of` expression share one block
// (count/sum/avg/min/max of `temperature` keep a single count, sum, min and max). Variable-size
// state (first/last strings, count_distinct sets, percentile sketches) lives in pooled side
// objects the record refers to by handle; release() returns them.
//
// Semantics (documented in docs/windows.md): null and missing values are ignored by every
// aggregate except count without `of`; sum/avg/min/max read numbers only (other kinds are
// ignored); sum of integers is exact (128-bit) and stays an integer while it fits; first/last
// take the value of the record with the smallest/largest event time, ties going to the earlier/
// later arrival.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/runtime/Value.h"

namespace sc {
class Arena;
namespace state {
class StateWriter;
class StateReader;
}  // namespace state
}  // namespace sc

namespace sc::window {

class DistinctCounter;
class QuantileSketch;

enum class AggFn : uint8_t {
  Count,
  Sum,
  Avg,
  Min,
  Max,
  First,
  Last,
  CountDistinct,
  P50,
  P90,
  P95,
  P99
};

// Names as written in pipeline files ("count", ..., "p99"), in enum order.
const std::vector<std::string>& aggFnNames();
bool parseAggFn(std::string_view name, AggFn& out);

struct AggregateSpec {
  std::string as;
  AggFn fn = AggFn::Count;
  std::string of;  // expression text; empty only for count (count of records)
};

class AggregateLayout {
 public:
  explicit AggregateLayout(const std::vector<AggregateSpec>& specs);
  ~AggregateLayout();
  AggregateLayout(const AggregateLayout&) = delete;
  AggregateLayout& operator=(const AggregateLayout&) = delete;

  uint32_t recordSize() const { return static_cast<uint32_t>(init_.size()); }
  // Distinct `of` expression texts; update() takes one column per input.
  const std::vector<std::string>& inputs() const { return inputTexts_; }
  const std::vector<AggregateSpec>& specs() const { return specs_; }

  void init(uint8_t* rec) const;
  // Counts one record into each non-null rec (the count of records is the first field).
  static void countRows(uint8_t* const* recs, uint32_t n);
  static uint64_t rows(const uint8_t* rec);
  // Folds column values of input `input` into their records; null recs are skipped. `times` and
  // `seqBase + row` order first/last (event time, then arrival).
  void update(size_t input, const Value* column, uint8_t* const* recs, const int64_t* times,
              uint64_t seqBase, uint32_t n);
  // dst := dst + src (src unchanged).
  void merge(uint8_t* dst, const uint8_t* src);
  // Returns rec's side objects to the pools; init() before using rec again.
  void release(uint8_t* rec);
  // The value of specs()[index] for rec; strings are copied into `arena`.
  Value result(size_t index, const uint8_t* rec, Arena& arena);

  // Bytes held by side objects (sets, sketches, string copies).
  size_t sideBytes() const;

  // Checkpoints: rec's plain numeric fields as they are, then first/last values and the
  // distinct counters and sketches it refers to (handles are not written).
  void saveRecord(const uint8_t* rec, state::StateWriter& out) const;
  // Initialises rec from what saveRecord() wrote, with side objects of its own; release() it later
  // like any record. Throws state::StateError.
  void loadRecord(uint8_t* rec, state::StateReader& in);

 private:
  struct Input {
    int32_t nonNull = -1;    // int64 count of non-null values (count with `of`)
    int32_t numeric = -1;    // int64 integer count, int64 double count
    int32_t sum = -1;        // 128-bit integer sum, double sum
    int32_t min = -1;        // int64, double
    int32_t max = -1;        // int64, double
    int32_t first = -1;      // ValueState
    int32_t last = -1;       // ValueState
    int32_t distinct = -1;   // uint32 handle
    int32_t quantiles = -1;  // uint32 handle
  };
  struct ValueState;
  struct Output {
    AggFn fn;
    int32_t input;  // -1: count of records
  };

  template <bool kSum, bool kMin, bool kMax>
  void updateNumeric(const Input& in, const Value* column, uint8_t* const* recs, uint32_t n);
  void updateOther(const Input& in, const Value* column, uint8_t* const* recs, const int64_t* times,
                   uint64_t seqBase, uint32_t n);
  void setValue(ValueState& s, const Value& v, int64_t time, uint64_t seq, const std::string* from);
  uint32_t newBox();
  uint32_t newDistinct();
  uint32_t newQuantiles();
  void saveValue(const uint8_t* at, state::StateWriter& out) const;
  void loadValue(uint8_t* at, state::StateReader& in);

  std::vector<AggregateSpec> specs_;
  std::vector<std::string> inputTexts_;
  std::vector<Input> inputs_;
  std::vector<Output> outputs_;
  std::vector<uint8_t> init_;
  // Byte ranges (offset, length) of the record holding plain integers and doubles.
  std::vector<std::pair<uint32_t, uint32_t>> plainRuns_;

  std::vector<std::string> boxes_;
  std::vector<uint32_t> freeBoxes_;
  std::vector<std::unique_ptr<DistinctCounter>> distincts_;
  std::vector<uint32_t> freeDistincts_;
  std::vector<std::unique_ptr<QuantileSketch>> sketches_;
  std::vector<uint32_t> freeSketches_;
};

}  // namespace sc::window
