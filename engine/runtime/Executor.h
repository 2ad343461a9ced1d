#pragma once
// Runs a validated pipeline: one thread per source and per stateful node, stateless single-input
// nodes (filter, map) fused onto their upstream's thread, bounded lock-free SPSC queues of
// batches between threads with markers (watermarks, barriers, end of input) in-band.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/graph/Diagnostics.h"
#include "engine/runtime/Metrics.h"

namespace sc {

struct Pipeline;
class NodeRegistry;
class SlotTable;
class Batch;
class ResourceRegistry;

// Watches the records leaving one output port (the designer's wire taps). onBatch runs on the
// emitting node's thread for every batch, before the batch moves on: read it, do not keep it,
// be quick. Exceptions are ignored. Nothing is paid for ports without a tap.
class TapSink {
 public:
  virtual ~TapSink() = default;
  virtual void onBatch(const Batch& batch, const SlotTable& slots) = 0;
};

struct RunOptions {
  uint64_t maxRecords = 0;        // stop the sources after this many records in total (0: no limit)
  int64_t durationMs = 0;         // stop the sources after this long (0: no limit)
  uint32_t batchCapacity = 1024;  // records per batch
  uint32_t queueCapacity = 8;     // batches per queue (back-pressure bound)
  bool fuse = true;               // fuse stateless chains onto one thread
  // Resources shared with other runs (the designer keeps its embedded Kafka clusters, and
  // their topics, from one run to the next); null: the run has its own.
  std::shared_ptr<ResourceRegistry> resources;
};

struct RunResult {
  bool ok = true;
  std::string failedNode;  // node id when !ok
  std::string message;     // what went wrong
};

class Execution {
 public:
  // Plans `pipeline` (already substituted and validated): instantiates nodes, configures them,
  // acquires their resources (Node::acquire), wires queues. Problems found while planning go to
  // `diags` and null is returned. Callers go through planPipeline() (Planner.h).
  static std::unique_ptr<Execution> plan(const Pipeline& pipeline, const NodeRegistry& registry,
                                         const RunOptions& options, Diagnostics& diags);
  // Every check plan() makes, without acquiring anything (never connects to Kafka): nodes
  // configured, edges wired, watermark strategies agreed. False when `diags` got errors.
  static bool check(const Pipeline& pipeline, const NodeRegistry& registry, Diagnostics& diags);
  ~Execution();

  void start();
  // Stops the sources; everything already read drains through and sinks flush. Any thread;
  // safe to call more than once.
  void requestStop();
  // Waits up to timeoutMs (negative: forever); true once every thread has finished.
  bool wait(int64_t timeoutMs = -1);
  RunResult result() const;

  // Live counters, one per node in file order; readable from any thread at any time.
  std::vector<const NodeMetrics*> metrics() const;
  const SlotTable& slotTable() const;
  // Records emitted by all sources so far.
  uint64_t sourceRecords() const;
  // Thread count after fusion (for tests and the progress line).
  size_t threadCount() const;
  // Attaches a tap to a node's output port (an empty port name: the first), replacing any
  // other; null detaches. Any thread, before or during the run. The execution keeps every tap
  // it was given alive until it is destroyed. False for an unknown node or port.
  bool setTap(const std::string& nodeId, const std::string& port, std::shared_ptr<TapSink> tap);

  struct Impl;

 private:
  explicit Execution(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc
