#pragma once
// The bounded time a node still waits for an external system once the run is stopping. Every
// retry, flush or commit loop of the node shares one deadline that starts when the node first
// sees the stop and moves on whenever the system shows progress (an acknowledgement), so a
// cluster that went away cannot hold the stop for longer than `graceMs` in total however many
// waits follow (produce back-pressure, barrier flush, transaction abort, close), while a slow
// but working one is never cut off.

#include <algorithm>
#include <atomic>
#include <chrono>

namespace sc {

class StopGrace {
 public:
  using Clock = std::chrono::steady_clock;

  explicit StopGrace(int graceMs) : graceMs_(graceMs) {}

  // True once `stopping` has been seen for longer than the grace.
  bool expired(bool stopping) { return stopping && remainingMs(stopping, graceMs_) == 0; }

  // The system answered: the grace starts again (only counts once stopping). Any thread: a
  // shared producer may serve the acknowledgement on another node's thread.
  void progress() {
    if (seen_.load(std::memory_order_acquire))
      since_.store(Clock::now().time_since_epoch().count(), std::memory_order_release);
  }

  // How long a wait may take: `capMs` while running; after a stop, what is left of the grace
  // (at most capMs, 0 when spent). The node's own thread.
  int remainingMs(bool stopping, int capMs) {
    if (!stopping) return capMs;
    const auto now = Clock::now();
    if (!seen_.load(std::memory_order_acquire)) {
      since_.store(now.time_since_epoch().count(), std::memory_order_release);
      seen_.store(true, std::memory_order_release);
    }
    const Clock::time_point since{Clock::duration(since_.load(std::memory_order_acquire))};
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(now - since).count();
    return static_cast<int>(std::clamp<long long>(graceMs_ - spent, 0, capMs));
  }

 private:
  int graceMs_;
  std::atomic<bool> seen_{false};
  std::atomic<Clock::rep> since_{0};
};

}  // namespace sc
