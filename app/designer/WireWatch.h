#pragma once
// What the designer attaches to the wires of a run: taps that copy a bounded sample of the
// records passing a port (with their metadata), and breakpoints that hold a record. Both run
// their engine side on the emitting node's thread and hand over to the GUI under a mutex; the
// GUI polls. Qt-free apart from the names of the types the GUI reads.

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/runtime/Breakpoint.h"
#include "engine/runtime/Executor.h"

namespace sc {
class JsonRecordWriter;
}

namespace sc::designer {

class RecordFilter;

// One record as a tap or breakpoint saw it.
struct TapRecord {
  std::string json;   // the record as a JSON object
  std::string topic;  // empty: not from Kafka
  int32_t partition = -1;
  int64_t offset = -1;
  std::optional<std::string> key;
  std::string headers;      // JSON object text ("" when there are none)
  int64_t eventTime = 0;    // epoch ms ($timestamp)
  int64_t arrivalTime = 0;  // epoch ms, when the tap saw it
};

// Copies of the records passing a port: up to `perBatch` of each batch (after the filter), the
// newest `keep` kept. Paused, it only counts. The filter is compiled on the engine thread at the
// first batch after it changed, against the run's slots.
class WireTap final : public TapSink {
 public:
  // Copies up to `perBatch` records of each batch, keeps the newest `keep`; with `perTenth` > 0
  // copies at most that many records every 0.1 s (a person reads no more; at full speed the
  // tap then costs a clock read per batch, not a JSON copy of every batch's records).
  WireTap(int perBatch, int keep, int perTenth = 0);
  ~WireTap() override;

  void onBatch(const Batch& batch, const SlotTable& slots) override;

  std::vector<TapRecord> take();  // copied since the last call, oldest first
  uint64_t seen() const { return seen_.load(std::memory_order_relaxed); }
  // Some records (that the filter lets through) passed without a copy: the per-batch or per
  // 0.1 s limit kept them out, so what was copied is a sample.
  bool sampled() const { return sampled_.load(std::memory_order_relaxed); }
  void setPaused(bool paused) { paused_.store(paused, std::memory_order_relaxed); }
  bool paused() const { return paused_.load(std::memory_order_relaxed); }
  // A condition in the expression language ("" shows every record); RecordFilter::check()
  // it first.
  void setFilter(const std::string& text);
  std::string filter() const;
  // Forgets the records and the count, and what was compiled for the previous run (a new run
  // starts).
  void reset();

 private:
  const int perBatch_, keep_, perTenth_;
  int64_t tenthStart_ = 0;  // the current 0.1 s, and what was copied in it
  int copiedInTenth_ = 0;
  std::atomic<uint64_t> seen_{0};
  std::atomic<bool> sampled_{false};
  std::atomic<bool> paused_{false};
  mutable std::mutex mutex_;
  std::string filterText_;
  std::unique_ptr<RecordFilter> filter_;  // compiled for filterSlots_
  const SlotTable* filterSlots_ = nullptr;
  std::unique_ptr<JsonRecordWriter> writer_;
  const SlotTable* writerSlots_ = nullptr;
  std::deque<TapRecord> records_;
};

// Several taps on one port (a wire's tab and the Output view).
class TapFanOut final : public TapSink {
 public:
  explicit TapFanOut(std::vector<std::shared_ptr<TapSink>> taps) : taps_(std::move(taps)) {}
  void onBatch(const Batch& batch, const SlotTable& slots) override {
    for (const auto& t : taps_)
      t->onBatch(batch, slots);
  }

 private:
  std::vector<std::shared_ptr<TapSink>> taps_;
};

// A breakpoint with an optional condition; the held record is kept for the GUI.
class WireBreakpoint final : public Breakpoint {
 public:
  WireBreakpoint();
  ~WireBreakpoint() override;
  void setCondition(const std::string& text);  // "" holds every record
  std::string condition() const;
  // The record held (or last held), if any.
  std::optional<TapRecord> heldRecord() const;
  // Forgets what was compiled for the previous run and the held record (a new run starts).
  void reset();

 protected:
  int64_t firstMatch(const Batch& batch, uint32_t from, bool firstInBatch,
                     const SlotTable& slots) override;
  void onHold(const Batch& batch, uint32_t row, const SlotTable& slots) override;

 private:
  mutable std::mutex mutex_;
  std::string conditionText_;
  std::unique_ptr<RecordFilter> condition_;
  const SlotTable* conditionSlots_ = nullptr;
  const std::vector<uint8_t>* verdict_ = nullptr;
  std::unique_ptr<JsonRecordWriter> writer_;
  const SlotTable* writerSlots_ = nullptr;
  std::optional<TapRecord> held_;
};

}  // namespace sc::designer
