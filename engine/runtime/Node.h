#pragma once
// The run-time interface of a node type. The executor owns threads, queues and markers; a node
// only sees batches and markers for its inputs and emits to its output ports.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "engine/runtime/Batch.h"

namespace sc {

class NodeConfig;
class PlanContext;
namespace state {
class StateWriter;
class StateReader;
}  // namespace state
class RunContext;
struct WatermarkStrategy;

// Output side of a node as the executor wires it.
class Emitter {
 public:
  virtual ~Emitter() = default;
  // An empty batch from the pipeline's pool (sized for the pipeline's slot table).
  virtual Batch* acquire() = 0;
  // Hands `batch` to every edge of output `port` (copied when several edges listen; dropped when
  // none). Ownership passes; empty batches are recycled silently.
  virtual void emit(int port, Batch* batch) = 0;
  // Returns an unused batch to the pool.
  virtual void release(Batch* batch) = 0;
  // Whether anything listens on `port` (e.g. filter's "rejected").
  virtual bool connected(int port) const = 0;
  // Sends an event-time watermark downstream on every port. Sources call this; other nodes
  // get the executor's per-input minimum through Node::onWatermark.
  virtual void emitWatermark(int64_t watermarkMs) = 0;
  // Sources: how many more records the run takes (--max-records), UINT64_MAX for no limit. A
  // source emits at most this many, so its position (and checkpoint) covers exactly what entered.
  virtual uint64_t budget() const { return UINT64_MAX; }
};

// Thrown by a node that cannot go on; the executor stops the pipeline and reports the node id.
struct NodeFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A failure a restart cannot cure, only repeat (another runner took this one's place): the run
// ends whatever its restart strategy says.
struct PermanentNodeFailure : NodeFailure {
  using NodeFailure::NodeFailure;
};

class Node {
 public:
  virtual ~Node() = default;

  // Plan time, before any thread starts: read properties, compile expressions (interning slots),
  // declare watermark needs. Throws NodeFailure for problems the spec cannot express. Also runs
  // when a pipeline is only checked (--validate, the designer's Problems panel), so it may look
  // (is the input file readable?) but never connects or creates anything: that is acquire().
  virtual void configure(const NodeConfig& config, PlanContext& plan) = 0;
  // Plan time: this node asked for watermarks (PlanContext::requestWatermarks) but is fed by
  // another event-time node (window -> window), not by sources. It gets that node's output
  // watermark and computes the strategy's timestamp from its input records itself.
  virtual void setInputEventTime(const WatermarkStrategy& strategy) { (void)strategy; }
  // Plan time, for a run only, once every node is configured and the plan checked: acquire what
  // lives outside the process (Kafka clusters and topics). Throws NodeFailure.
  virtual void acquire(PlanContext& plan) { (void)plan; }
  // On the node's own thread, before the first batch.
  virtual void open(RunContext&) {}
  // A data batch arrived on input `port`. Ownership passes to the node: emit it (possibly
  // modified in place) or release it.
  virtual void process(int port, Batch* batch, Emitter& out) = 0;
  // The combined event-time watermark of all inputs advanced (never moves back).
  virtual void onWatermark(int64_t watermarkMs, Emitter& out) { out.emitWatermark(watermarkMs); }
  // Called about every tickIntervalMs() of wall time while the node runs (0: never).
  virtual int64_t tickIntervalMs() const { return 0; }
  virtual void onTick(int64_t nowMs, Emitter& out) { (void)nowMs, (void)out; }
  // Checkpoint barrier `checkpointId` arrived on every input (ids are global for the run and
  // increase). Emit what must precede the barrier downstream (a window's pending output); sinks
  // make everything before it durable here (flush, fsync, wait for acknowledgements). Then
  // snapshotState() runs and the barrier is forwarded.
  virtual void onBarrier(uint64_t checkpointId, Emitter& out) { (void)checkpointId, (void)out; }
  // Whether the node has state to checkpoint (the executor skips the others).
  virtual bool hasState() const { return false; }
  // Writes everything needed to continue exactly from this point of the stream: the node's
  // part of checkpoint `checkpointId`. Called on the node's thread right after onBarrier().
  virtual void snapshotState(uint64_t checkpointId, state::StateWriter& out) {
    (void)checkpointId, (void)out;
  }
  // Restores what snapshotState() wrote (possibly by an earlier process). Called on the node's
  // thread after open() and before the first batch; throws state::StateError or NodeFailure for
  // input it cannot take.
  virtual void restoreState(state::StateReader& in) { (void)in; }
  // Checkpoint `checkpointId` is durable (and every earlier one): commit what waited for it
  // (Kafka transactions, group offsets). On the node's thread, between batches.
  virtual void notifyCheckpointComplete(uint64_t checkpointId) { (void)checkpointId; }
  // Every input ended: emit what is left (windows fire here). End of input is then forwarded.
  virtual void finish(Emitter& out) { (void)out; }
  // Once the whole run has ended (after its last checkpoint completed, or after a failure), on
  // the executor's coordinating thread: flush and release resources.
  virtual void close() {}
};

class SourceNode : public Node {
 public:
  enum class Poll {
    Produced,  // emitted something; call again soon
    Idle,      // nothing available now; the executor parks briefly before calling again
    Done,      // bounded input exhausted
  };
  // Produce at most about one batch per call. Must return within ~100 ms so stop requests and
  // checkpoint triggers are seen promptly. Done means the input ended by itself; after a
  // requestStop() the executor ignores what poll() returns. Sources checkpoint their position
  // through Node::snapshotState (called between polls, before the barrier goes out).
  virtual Poll poll(Emitter& out) = 0;
  void process(int, Batch* batch, Emitter& out) override { out.release(batch); }
  // Plan time: the event-time watermarks the downstream windows need (see WatermarkStrategy).
  virtual void setWatermarkStrategy(const WatermarkStrategy&) {}
  // Asked from another thread (signal, GUI stop); poll() should return Done soon after.
  virtual void requestStop() {}
  // True for sources that set NodeMetrics::ready themselves (a Kafka source once its partitions
  // are assigned); the others are ready once open() returned.
  virtual bool reportsReadiness() const { return false; }
  // Each batch of this source's records (or of records made from them by nodes fused onto its
  // thread) about to leave its thread, on that thread, while poll() is inside Emitter::emit.
  // A source that fills in some metadata late (Kafka headers, HeaderUse::AtSinks) does it here.
  virtual void beforeHandOff(Batch&) {}
  // Called on this source's thread about every 50 ms while it cannot go on: a breakpoint holds
  // a record on its thread, or back-pressure (a full queue) holds an emit. The source keeps
  // what monitoring shows current here (a Kafka source: its lag). Must be cheap, must not emit
  // and must not throw.
  virtual void whileBlocked() {}
};

}  // namespace sc
