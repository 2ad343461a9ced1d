#pragma once
// Private to the engine's runtime: the state of a running Execution (engine/runtime/Executor.h)
// and the operations on it. ExecutionPlan.cpp checks a pipeline and builds this state,
// ExecutionRuntime.cpp runs it (data flow, markers, checkpoints, threads), Executor.cpp is the
// public API around it (start, stop, taps, breakpoints, metrics). Include nowhere else.

#include "engine/runtime/Executor.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/lockfree/stack.hpp>

#include "engine/expr/Expression.h"
#include "engine/graph/HeaderUse.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/RepartitionPlan.h"
#include "engine/runtime/Breakpoint.h"
#include "engine/runtime/Channel.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Identifiers.h"
#include "engine/runtime/Node.h"
#include "engine/state/CheckpointStore.h"
#include "engine/state/LocalCheckpoints.h"
#include "engine/state/StateCodec.h"

namespace sc {
namespace exec_detail {

using Clock = std::chrono::steady_clock;
constexpr int64_t kNoWatermark = std::numeric_limits<int64_t>::min();
constexpr int64_t kEndWatermark = std::numeric_limits<int64_t>::max();

inline int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Unwinds a task after a node failed; the failure itself is recorded where it happened.
struct TaskAborted {};

class BatchPool {
 public:
  BatchPool(uint32_t capacity, uint32_t slots) : free_(256), capacity_(capacity), slots_(slots) {}
  ~BatchPool() {
    Batch* b;
    while (free_.pop(b)) {
    }
  }
  Batch* acquire() {
    Batch* b = nullptr;
    if (free_.pop(b)) return b;
    std::lock_guard lock(mutex_);
    all_.push_back(std::make_unique<Batch>(capacity_, slots_));
    all_.back()->serial = all_.size();
    return all_.back().get();
  }
  void release(Batch* b) {
    b->clear();
    if (!free_.push(b)) {
      // The free list is full only if far more batches exist than queues can hold; keep it owned.
    }
  }

 private:
  boost::lockfree::stack<Batch*> free_;
  std::mutex mutex_;
  std::deque<std::unique_ptr<Batch>> all_;
  uint32_t capacity_, slots_;
};

}  // namespace exec_detail

struct Execution::Impl {
  using Clock = exec_detail::Clock;
  using TaskAborted = exec_detail::TaskAborted;
  using BatchPool = exec_detail::BatchPool;
  static constexpr int64_t kNoWatermark = exec_detail::kNoWatermark;
  static constexpr int64_t kEndWatermark = exec_detail::kEndWatermark;
  static int64_t nowMs() { return exec_detail::nowMs(); }

  struct EdgeRt {
    uint32_t from, to;
    int fromPort, toPort;
    std::unique_ptr<Channel> channel;      // null: fused (a direct call on the same thread)
    std::unique_ptr<EdgeMetrics> metrics;  // with the channel
    bool ended = false;
    bool stopped = false;  // ended by a stop (savepoint), not by the end of the input
    int64_t watermark = kNoWatermark;
    uint64_t held = 0;  // barrier id this input delivered while others have not (0: none)
    Clock::time_point heldSince;
  };
  struct NodeRt;
  struct Task;

  class NodeEmitter final : public Emitter {
   public:
    NodeEmitter(Impl& impl, uint32_t node) : impl_(impl), node_(node) {}
    Batch* acquire() override { return impl_.pool->acquire(); }
    void emit(int port, Batch* batch) override { impl_.emit(node_, port, batch); }
    void release(Batch* batch) override { impl_.pool->release(batch); }
    bool connected(int port) const override {
      const auto& outs = impl_.nodes[node_].outputs;
      return port >= 0 && static_cast<size_t>(port) < outs.size() && !outs[port].empty();
    }
    void emitWatermark(int64_t wm) override { impl_.forwardWatermark(node_, wm); }
    uint64_t budget() const override { return impl_.remaining.load(std::memory_order_relaxed); }

   private:
    Impl& impl_;
    uint32_t node_;
  };

  struct NodeRt {
    std::string id;
    const NodeSpec* spec = nullptr;
    std::unique_ptr<Node> node;
    SourceNode* source = nullptr;
    int sourceIndex = -1;
    std::unique_ptr<NodeMetrics> metrics;
    std::unique_ptr<RunContext> ctx;
    std::unique_ptr<NodeEmitter> emitter;
    std::vector<std::vector<uint32_t>> outputs;          // per output port: edge ids
    std::unique_ptr<std::atomic<TapSink*>[]> taps;       // per output port, null: no tap
    std::unique_ptr<std::atomic<Breakpoint*>[]> breaks;  // per output port, null: none
    std::unique_ptr<std::atomic<TapSink*>[]> observers;  // per output port, null: none
    std::vector<uint32_t> inEdges;
    int64_t watermark = kNoWatermark;
    bool finished = false;
    bool isSink = false;
    uint32_t task = 0;
    bool hasStrategy = false;
    WatermarkStrategy strategy;
    int participant = -1;   // index among checkpoint participants (-1: stateless)
    uint64_t notified = 0;  // last checkpoint id notifyCheckpointComplete() saw
    uint64_t injected = 0;  // sources: the last barrier sent downstream
    const std::string* restorePart = nullptr;  // snapshot to restore after open()
  };

  struct Task {
    std::vector<uint32_t> nodes;   // root first, then fused nodes in topological order
    std::vector<uint32_t> inputs;  // channel edges feeding the root
    Parker parker;
    std::thread thread;
  };

  // One checkpoint in flight: the parts recorded so far, per participant.
  struct Pending {
    Clock::time_point started;
    std::vector<std::optional<std::string>> parts;
    bool savepoint = false;
    int64_t alignmentNs = 0;
    int64_t pauseNs = 0;
  };

  RunOptions options;
  SlotTable slots;
  Json document;
  std::shared_ptr<ResourceRegistry> resources;
  std::vector<NodeRt> nodes;
  std::vector<EdgeRt> edges;
  std::vector<std::unique_ptr<Task>> tasks;
  std::vector<uint32_t> sources;  // node index per source index
  std::unique_ptr<BatchPool> pool;
  std::string pipelineName;
  uint64_t graphHash = 0;

  std::mutex tapMutex;
  std::vector<std::shared_ptr<TapSink>> tapsKept;  // alive until the execution goes
  // Per (node, output port) with sinks added by addTap: the setTap sink and the added ones,
  // published to the port as one fan-out.
  struct PortSinks {
    std::shared_ptr<TapSink> tap;
    std::vector<std::shared_ptr<TapSink>> added;
  };
  std::map<std::pair<uint32_t, int>, PortSinks> portSinks;
  std::vector<std::shared_ptr<Breakpoint>> breaksKept;  // the same, for breakpoints

  std::atomic<bool> stop{false};
  std::atomic<bool> aborted{false};
  std::atomic<uint64_t> remaining{std::numeric_limits<uint64_t>::max()};
  std::atomic<size_t> running{0};
  std::atomic<size_t> naturalEnds{0};  // sources whose input ended by itself
  mutable std::mutex resultMutex;
  RunResult result;
  std::mutex doneMutex;
  std::condition_variable doneCv;
  bool done = false;
  Clock::time_point started;
  std::atomic<int64_t> runNanos{0};  // start to the end of finishRun, set before `done`

  // ---- checkpoint coordination (guarded by ckMutex unless atomic) ------------------------------
  std::vector<uint32_t> participants;    // node index per participant
  std::atomic<uint64_t> triggered{0};    // sources inject barriers up to this id
  std::atomic<uint64_t> completedId{0};  // newest durable checkpoint
  mutable std::mutex ckMutex;
  std::condition_variable ckCv;
  uint64_t nextId = 1;
  uint64_t savepointId = 0;  // the stop's checkpoint (0: none)
  std::map<uint64_t, Pending> pending;
  std::vector<std::optional<std::string>> finalParts;  // state of participants that finished
  std::vector<std::string> spare;  // per participant: a written snapshot's buffer, for reuse
  std::vector<std::pair<uint64_t, Pending>> ready;  // complete, waiting to be written
  CheckpointStats stats;
  int consecutiveFailures = 0;
  uint64_t failedId = 0;  // newest checkpoint that could not be written
  std::thread coordinator;
  std::shared_ptr<std::atomic<uint64_t>> lastIdInProcess;  // scale-out: ids across restarts

  // ---- failure -------------------------------------------------------------------------------
  void fail(uint32_t node, const std::string& message, bool permanent = false);

  void abortAll();

  template <typename F>
  void invoke(uint32_t node, F&& f) {
    try {
      f();
    } catch (const TaskAborted&) {
      throw;
    } catch (const PermanentNodeFailure& e) {
      fail(node, e.what(), true);
      throw TaskAborted{};
    } catch (const std::exception& e) {
      fail(node, e.what());
      throw TaskAborted{};
    }
  }

  // ---- data flow -----------------------------------------------------------------------------
  void emit(uint32_t from, int port, Batch* batch);

  // What passes the port: its tap sees it, then every wire gets it.
  void forward(uint32_t from, int port, Batch* batch);

  // A port with a breakpoint: the records before a held one move on in a batch of their own,
  // the thread waits while the breakpoint holds the record, and it passes when released.
  void emitHeld(uint32_t from, int port, Batch* batch, Breakpoint& bp);

  // The thread of node `from` waits (a held breakpoint, a full queue): the source at its head
  // keeps its monitoring current (Kafka lag grows while a debugging user looks at it).
  void sourceBlocked(uint32_t from);

  void deliver(uint32_t edge, Batch* batch);

  void push(EdgeRt& e, const Message& m);

  void dataIn(uint32_t edge, Batch* batch);

  void forwardWatermark(uint32_t from, int64_t wm);

  void watermarkIn(uint32_t edge, int64_t wm);

  void advanceWatermark(uint32_t node);

  // ---- barriers ------------------------------------------------------------------------------
  void forwardBarrier(uint32_t from, uint64_t id);

  // Barrier `id` arrived on `edge`: hold that input (runOperator stops reading it) until every
  // live input has delivered the same barrier, then take the node's part and forward it.
  void barrierIn(uint32_t edge, uint64_t id);

  void tryAlign(uint32_t node);

  void barrierAt(uint32_t node, uint64_t id, int64_t alignedNs);

  // ---- end of input and stop -----------------------------------------------------------------
  void endIn(uint32_t edge, bool stopped);

  // Every input ended. Drained (no input was stopped): finish() fires what is left and the node's
  // final state joins every later checkpoint. Stopped: the node's state is in the savepoint, so
  // nothing fires; the stop travels on.
  void endNode(uint32_t node, bool stopped);

  void handle(uint32_t edge, const Message& m);

  // ---- checkpoint coordination ---------------------------------------------------------------
  bool checkpointing() const { return !participants.empty(); }
  bool savepointOnStop() const;

  // Sends source `node`'s barriers for every triggered checkpoint (on the source's thread).
  void injectTriggered(uint32_t node);

  // RunContext::checkpointNow for source `node` (on its thread).
  uint64_t checkpointFromSource(uint32_t node);

  // Starts checkpoint `id` (ckMutex held): sources inject barriers up to it.
  uint64_t triggerLocked(bool savepoint);

  // A stop (signal, --duration, --max-records, the designer): in savepoint mode the sources
  // inject one more barrier, the savepoint, and then end without draining.
  void beginStop();

  void ack(int participant, uint64_t id, std::string part, int64_t alignmentNs, int64_t pauseNs);

  void finalPart(int participant, std::string part);

  // Moves checkpoints that every participant has a part for (its own, or its final state when
  // it finished before the barrier reached it) to `ready`, oldest first.
  void collectCompleteLocked();

  // Writes a complete checkpoint (coordinator thread, ckMutex not held) and publishes it.
  void persist(uint64_t id, Pending& p, bool finished);

  bool waitForCheckpoint(uint64_t id);
  bool abortAllLater = false;

  // Tells a task's nodes about the newest durable checkpoint (on the task's thread).
  void notifyCompleted(Task& t);

  void runCoordinator();

  // After every task has ended: the final checkpoint (unless the run failed), completion
  // notices for nodes whose threads are gone, then close() for every node.
  void finishRun();

  // ---- tasks ---------------------------------------------------------------------------------
  void openTask(Task& t);

  void runSource(Task& t);

  bool durationExpired() const;

  void runOperator(Task& t);

  void drainInputs(Task& t);

  void runTask(Task& t);
};

}  // namespace sc
