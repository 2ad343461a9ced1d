#pragma once
// Per-node counters written by one thread and read by any other at any time (GUI charts, the
// runner's progress line) without locks. Writers use relaxed load+store, not read-modify-write,
// since each counter has a single writer.

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sc {

struct Counter {
  std::atomic<uint64_t> v{0};
  void add(uint64_t n) {
    v.store(v.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
  uint64_t get() const { return v.load(std::memory_order_relaxed); }
};

struct Gauge {
  std::atomic<int64_t> v{0};
  void set(int64_t x) { v.store(x, std::memory_order_relaxed); }
  int64_t get() const { return v.load(std::memory_order_relaxed); }
};

struct NodeMetrics {
  std::string nodeId;
  std::string type;
  bool isSource = false;
  // bytesIn: bytes a source read from outside; bytesOut: bytes a sink wrote outside.
  Counter recordsIn, recordsOut, bytesIn, bytesOut, errors, batchesIn, busyNanos;
  Gauge queueFill;  // batches waiting in this node's input queues
  Gauge queueCapacity;
  Gauge watermark{};  // last event-time watermark seen (ms), INT64_MIN before any
  Gauge state;        // node-specific status (NodeState)
  // Sources: 1 once the source has its input (a Kafka source: its partitions are assigned), 0
  // before. The executor sets it after open() for sources that do not report it themselves
  // (SourceNode::reportsReadiness).
  Gauge ready;

  // Node-specific named gauges (Kafka lag per partition, window state size), registered in
  // configure()/open(), which may run on the node's thread while a reader looks. Registering
  // and listing take a lock; the returned reference stays valid, so updates need none.
  Gauge& gauge(const std::string& name);
  // Names and current values, in registration order; any thread.
  std::vector<std::pair<std::string, int64_t>> gaugeValues() const;
  // One gauge's current value, if registered; any thread.
  std::optional<int64_t> gaugeValue(const std::string& name) const;

 private:
  mutable std::mutex namedMutex_;
  std::deque<std::pair<std::string, Gauge>> named_;
};

// A named gauge of one Kafka partition is called "NAME TOPIC[PARTITION]" ("lag orders[3]").
std::string partitionGaugeName(const std::string& name, const std::string& topic,
                               int32_t partition);
// Splits such a name; false for names of other gauges.
bool parsePartitionGaugeName(const std::string& gaugeName, std::string& name, std::string& topic,
                             int32_t& partition);

// One queue between two threads (fused edges have none): written by its consumer's thread,
// readable from any thread.
struct EdgeMetrics {
  std::string from, to;  // node ids
  std::string toPort;    // input port name of `to`
  Gauge fill;            // batches waiting
  int64_t capacity = 0;  // batches the queue holds
};

enum class NodeState : int64_t { Idle = 0, Running = 1, Finished = 2, Failed = 3, Waiting = 4 };

}  // namespace sc
