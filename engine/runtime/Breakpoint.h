#pragma once
// A breakpoint on one output port (the designer's wire breakpoints). When a record it matches
// is emitted, the emitting thread holds it: the records before it move on, the thread waits,
// and back-pressure holds everything upstream of that thread. step() lets the held record pass
// and holds the next one; stepBatch() lets the held record and the rest of its batch pass and
// holds the first record of the next batch; resume() lets it pass and holds the next matching
// one. A stop of the run (or release()) lets everything pass for good. Ports without a
// breakpoint pay one atomic load per batch, nothing per record.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

namespace sc {

class Batch;
class SlotTable;

class Breakpoint {
 public:
  virtual ~Breakpoint() = default;

  // ---- control, from any thread ---------------------------------------------------------------
  void step();       // pass the held record, hold the next one (whatever it is)
  void stepBatch();  // pass the held record and the rest of its batch, hold the next batch's first
  void resume();     // pass the held record, hold the next one that matches
  void release();    // pass every record from now on; final
  bool paused() const { return paused_.load(std::memory_order_acquire); }
  // Records held because the condition matched them (not the holds after a step).
  uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  // The record held now (or last) was held by a step, not by the condition.
  bool heldByStep() const { return heldByStep_.load(std::memory_order_acquire); }

  // ---- engine side, on the emitting thread ----------------------------------------------------
  // The row at or after `from` to hold (-1: none in this batch). `firstInBatch` is true on the
  // first call for a batch (a condition evaluates the batch once).
  int64_t nextStop(const Batch& batch, uint32_t from, bool firstInBatch, const SlotTable& slots);
  // Holds row `row` until step(), resume() or release(), or until `stop` is set (checked at
  // least every 50 ms). `whileHeld` (if set) runs on this thread about every 50 ms meanwhile.
  void hold(const Batch& batch, uint32_t row, const SlotTable& slots, const std::atomic<bool>& stop,
            const std::function<void()>& whileHeld = {});

 protected:
  // The first row at or after `from` the condition matches (-1: none); the default matches
  // every record. Runs on the emitting thread; exceptions count as "no match".
  virtual int64_t firstMatch(const Batch& batch, uint32_t from, bool firstInBatch,
                             const SlotTable& slots);
  // The record about to be held, on the emitting thread (copy what is shown; be quick).
  virtual void onHold(const Batch& batch, uint32_t row, const SlotTable& slots);

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::atomic<bool> paused_{false};
  std::atomic<bool> stepping_{false};
  std::atomic<bool> steppingBatch_{false};
  std::atomic<bool> released_{false};
  std::atomic<uint64_t> hits_{0};
  std::atomic<bool> heldByStep_{false};
  bool conditionSeenBatch_ = false;  // emitting thread only: firstMatch() saw the current batch
  bool stopByStep_ = false;          // emitting thread only: nextStop() chose its row for a step
};

}  // namespace sc
