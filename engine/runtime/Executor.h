#pragma once
// Runs a validated pipeline: one thread per source and per stateful node, stateless single-input
// nodes (filter, map) fused onto their upstream's thread, bounded lock-free SPSC queues of
// batches between threads with markers (watermarks, barriers, end of input) in-band.

#include <array>
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
namespace state {
struct Checkpoint;
}
class SlotTable;
class Batch;
class ResourceRegistry;
class Breakpoint;

// Watches the records leaving one output port (the designer's wire taps). onBatch runs on the
// emitting node's thread for every batch, before the batch moves on: read it, do not keep it,
// be quick. Exceptions are ignored. Nothing is paid for ports without a tap.
class TapSink {
 public:
  virtual ~TapSink() = default;
  virtual void onBatch(const Batch& batch, const SlotTable& slots) = 0;
};

// Aligned checkpoints (Flink's model): a coordinator gives out ids; every source injects barrier
// N after the records it emitted so far; a node with several inputs holds each input that has
// delivered barrier N until all have, then snapshots its state and forwards the barrier. A
// checkpoint completes when every source, stateful node and sink has recorded its part (sinks
// after making everything before the barrier durable); only then do sources commit Kafka
// offsets and sinks commit transactions (Node::notifyCheckpointComplete).
struct CheckpointOptions {
  int64_t intervalMs = 10'000;  // periodic checkpoints (0: only the last one, at the end)
  // Where completed checkpoints are written (empty: they complete in memory only, which still
  // drives Kafka commits but cannot restore anything).
  std::string dir;
  bool exactlyOnce = false;
  uint64_t firstId = 1;  // ids keep increasing across runs of one checkpoint directory
  // State to start from (validated against the graph unless allowChangedGraph).
  std::shared_ptr<const state::Checkpoint> restore;
  bool allowChangedGraph = false;  // map state by node id even if the graph hash differs
  // Scale-out mode (settings.scale_out): Kafka holds the state (group offsets, changelogs), so a
  // stop still takes a savepoint (committing to Kafka) when no folder is given.
  bool scaleOut = false;
  // Scale-out mode: this runner instance's folder (state::InstanceDirectory) for local
  // checkpoints, the fast path of a restart (state::LocalCheckpoints); `dir` is not used then.
  // Empty: none are written.
  std::string scaleOutDir;
};

// How a stop request (requestStop, --duration, --max-records) ends the run.
enum class StopMode {
  Drain,      // end of input everywhere: open windows fire, then a final checkpoint
  Savepoint,  // sources stop, a last checkpoint keeps the open windows; nothing fires
};

struct CheckpointStats {
  uint64_t completed = 0;       // checkpoints completed in this run
  uint64_t failed = 0;          // checkpoints that could not be written
  uint64_t lastId = 0;          // last completed checkpoint id (0: none yet)
  int64_t lastCompletedMs = 0;  // wall clock (epoch ms)
  int64_t lastDurationMs = 0;   // trigger to durable
  uint64_t lastBytes = 0;       // size of the checkpoint file (or of the parts, in memory)
  int64_t lastAlignmentMs = 0;  // longest time an input was held waiting for the others
  int64_t lastPauseUs = 0;      // longest synchronous snapshot of one node
  int64_t maxPauseUs = 0;       // longest synchronous snapshot of one node in the run
  bool lastWasSavepoint = false;
  std::string lastError;  // why the last failed one failed
  // Every completed checkpoint's duration: how many took at most kDurationBoundsMs[i] (and more
  // than the bound before); the last count is of those that took longer than every bound.
  static constexpr std::array<int64_t, 11> kDurationBoundsMs = {
      10, 50, 100, 250, 500, 1'000, 2'500, 5'000, 10'000, 30'000, 60'000};
  std::array<uint64_t, kDurationBoundsMs.size() + 1> durationCounts{};
  int64_t totalDurationMs = 0;  // over the completed checkpoints
  uint64_t totalBytes = 0;
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
  CheckpointOptions checkpoints;
  StopMode stopMode = StopMode::Drain;
  // Taps or recordings may be attached (the designer, fixture recording): sources then read
  // Kafka headers even when no node does (HeaderUse.h), since taps show them.
  bool headersForTaps = true;
};

struct RunResult {
  bool ok = true;
  std::string failedNode;      // node id when !ok
  std::string message;         // what went wrong
  bool finished = false;       // every source reached the end of its input (nothing was stopped)
  bool restoreFailed = false;  // the failure happened restoring state from a checkpoint
  bool permanent = false;      // a restart would repeat it (PermanentNodeFailure)
  // Non-zero: a sink found that what this checkpoint covers never committed; restore one older.
  uint64_t restoreOlderThan = 0;
  uint64_t lastCheckpoint = 0;  // id of the last completed checkpoint (0: none)
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
  // Stops the sources as RunOptions::stopMode says (drain: everything already read drains
  // through and windows fire; savepoint: a last checkpoint keeps the open windows). Any thread;
  // safe to call more than once.
  void requestStop();
  // Waits up to timeoutMs (negative: forever); true once every thread has finished.
  bool wait(int64_t timeoutMs = -1);
  RunResult result() const;
  CheckpointStats checkpointStats() const;
  // Hash of what identifies a graph for restoring state: node ids, types, properties and edges
  // (not positions, names or settings).
  static uint64_t graphHash(const Pipeline& pipeline);

  // Live counters, one per node in file order; readable from any thread at any time.
  std::vector<const NodeMetrics*> metrics() const;
  // Live fill of every queue between threads; readable from any thread at any time.
  std::vector<const EdgeMetrics*> edgeMetrics() const;
  const SlotTable& slotTable() const;
  // Records emitted by all sources so far.
  uint64_t sourceRecords() const;
  // Seconds from start() to the end of the run (its last checkpoint and close() included), as
  // the engine measured it; 0 while it runs.
  double runSeconds() const;
  // Thread count after fusion (for tests and the progress line).
  size_t threadCount() const;
  // Attaches a tap to a node's output port (an empty port name: the first), replacing any
  // other; null detaches. Any thread, before or during the run. The execution keeps every tap
  // it was given alive until it is destroyed. False for an unknown node or port.
  bool setTap(const std::string& nodeId, const std::string& port, std::shared_ptr<TapSink> tap);
  // Sets a breakpoint (Breakpoint.h) on a node's output port the same way (null removes it;
  // remove one that holds a record only after releasing it). A stop lets every record pass.
  bool setBreakpoint(const std::string& nodeId, const std::string& port,
                     std::shared_ptr<Breakpoint> breakpoint);
  // The same for a second, independent slot per port: observers that chart what a node emits
  // (the designer's aggregate chart) whether or not the wire is tapped.
  bool setObserver(const std::string& nodeId, const std::string& port,
                   std::shared_ptr<TapSink> observer);
  // Adds `sink` beside the port's tap and the sinks added before: each sees every batch. For
  // recorders (fixtures, tests) that must neither displace what the user taps nor be displaced
  // by it. removeAddedTap takes it off again. False for an unknown node or port.
  bool addTap(const std::string& nodeId, const std::string& port, std::shared_ptr<TapSink> sink);
  bool removeAddedTap(const std::string& nodeId, const std::string& port, const TapSink* sink);

  struct Impl;

 private:
  explicit Execution(std::unique_ptr<Impl> impl);
  enum class SinkChange { SetTap, SetObserver, Add, Remove };
  bool attachSink(const std::string& nodeId, const std::string& port, std::shared_ptr<TapSink> sink,
                  SinkChange change);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc
