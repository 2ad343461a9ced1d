#include "engine/runtime/Breakpoint.h"

#include <chrono>

#include "engine/runtime/Batch.h"

namespace sc {

void Breakpoint::step() {
  {
    std::lock_guard lock(mutex_);
    stepping_ = true;
    steppingBatch_ = false;
    paused_ = false;
  }
  cv_.notify_all();
}

void Breakpoint::stepBatch() {
  {
    std::lock_guard lock(mutex_);
    steppingBatch_ = true;
    paused_ = false;
  }
  cv_.notify_all();
}

void Breakpoint::resume() {
  {
    std::lock_guard lock(mutex_);
    stepping_ = false;
    steppingBatch_ = false;
    paused_ = false;
  }
  cv_.notify_all();
}

void Breakpoint::release() {
  {
    std::lock_guard lock(mutex_);
    released_ = true;
    paused_ = false;
  }
  cv_.notify_all();
}

int64_t Breakpoint::nextStop(const Batch& batch, uint32_t from, bool firstInBatch,
                             const SlotTable& slots) {
  if (released_.load(std::memory_order_acquire) || from >= batch.size()) return -1;
  if (firstInBatch) conditionSeenBatch_ = false;
  // Why the row is chosen is decided here, where it is chosen: Step or Continue pressed before
  // hold() must not change what the hold is counted as.
  stopByStep_ = true;
  if (stepping_.load(std::memory_order_acquire)) return from;
  // The rest of the held record's batch passes; the next batch stops at its first record.
  if (steppingBatch_.load(std::memory_order_acquire)) return firstInBatch ? int64_t(from) : -1;
  stopByStep_ = false;
  // A step may have held this batch's first record without asking the condition: it sees the
  // batch as new then, not the verdict of the batch before.
  const bool fresh = !conditionSeenBatch_;
  conditionSeenBatch_ = true;
  try {
    return firstMatch(batch, from, fresh, slots);
  } catch (...) {  // a breakpoint never fails the pipeline
    return -1;
  }
}

void Breakpoint::hold(const Batch& batch, uint32_t row, const SlotTable& slots,
                      const std::atomic<bool>& stop, const std::function<void()>& whileHeld) {
  {
    std::lock_guard lock(mutex_);
    if (released_) return;
    heldByStep_ = stopByStep_;
    stepping_ = false;
    steppingBatch_ = false;
  }
  try {
    onHold(batch, row, slots);
  } catch (...) {
  }
  std::unique_lock lock(mutex_);
  if (!heldByStep_) hits_.fetch_add(1, std::memory_order_relaxed);
  paused_ = true;
  while (paused_ && !released_ && !stop.load()) {
    cv_.wait_for(lock, std::chrono::milliseconds(50));
    if (whileHeld && paused_ && !released_) {
      lock.unlock();  // control calls (step, resume) go on meanwhile
      try {
        whileHeld();
      } catch (...) {
      }
      lock.lock();
    }
  }
  paused_ = false;
}

int64_t Breakpoint::firstMatch(const Batch&, uint32_t from, bool, const SlotTable&) {
  return from;
}

void Breakpoint::onHold(const Batch&, uint32_t, const SlotTable&) {}

}  // namespace sc
