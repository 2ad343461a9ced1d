#pragma once
// A bounded single-producer/single-consumer queue of batches and in-band markers between two
// threads, and the Parker both ends use to sleep instead of spinning.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include <boost/lockfree/spsc_queue.hpp>

#include "engine/runtime/Batch.h"

namespace sc {

struct Message {
  enum class Type : uint8_t { Data, Watermark, Barrier, EndOfInput };
  Type type = Type::Data;
  Batch* batch = nullptr;  // Data
  int64_t value = 0;       // Watermark: event time ms; Barrier: checkpoint sequence
  uint32_t source = 0;     // Barrier: index of the source that started it
};

// Sleeps a thread until another thread calls notify() or a timeout passes. notify() costs one
// atomic load when nobody sleeps, so producers call it after every push.
class Parker {
 public:
  void notify() {
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (!waiting_.load(std::memory_order_relaxed)) return;
    std::lock_guard lock(mutex_);
    signaled_ = true;
    cv_.notify_one();
  }
  // Sleeps unless `ready()` holds after announcing the wait (so a concurrent notify is not lost).
  template <typename Ready>
  void park(std::chrono::milliseconds timeout, Ready ready) {
    std::unique_lock lock(mutex_);
    waiting_.store(true, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (!ready()) cv_.wait_for(lock, timeout, [this] { return signaled_; });
    signaled_ = false;
    waiting_.store(false, std::memory_order_relaxed);
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::atomic<bool> waiting_{false};
  bool signaled_ = false;
};

class Channel {
 public:
  Channel(size_t capacity, Parker& producer, Parker& consumer)
      : queue_(capacity), producer_(producer), consumer_(consumer) {}

  bool tryPush(const Message& m) {
    if (!queue_.push(m)) return false;
    consumer_.notify();
    return true;
  }
  bool tryPop(Message& m) {
    if (!queue_.pop(m)) return false;
    producer_.notify();
    return true;
  }
  size_t readAvailable() const { return queue_.read_available(); }
  size_t writeAvailable() const { return queue_.write_available(); }

 private:
  boost::lockfree::spsc_queue<Message> queue_;
  Parker& producer_;
  Parker& consumer_;
};

}  // namespace sc
