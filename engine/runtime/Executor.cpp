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
namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kNoWatermark = std::numeric_limits<int64_t>::min();
constexpr int64_t kEndWatermark = std::numeric_limits<int64_t>::max();

int64_t nowMs() {
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

}  // namespace

struct Execution::Impl {
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
  void fail(uint32_t node, const std::string& message, bool permanent = false) {
    {
      std::lock_guard lock(resultMutex);
      if (result.ok) {
        result.ok = false;
        result.failedNode = nodes[node].id;
        result.message = message;
        result.permanent = permanent;
      }
    }
    nodes[node].metrics->state.set(static_cast<int64_t>(NodeState::Failed));
    Logger::global().error(nodes[node].id, message);
    abortAll();
  }

  void abortAll() {
    aborted = true;
    stop = true;
    for (auto& t : tasks)
      t->parker.notify();
    ckCv.notify_all();
  }

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
  void emit(uint32_t from, int port, Batch* batch) {
    NodeRt& n = nodes[from];
    if (batch->empty() || port < 0 || static_cast<size_t>(port) >= n.outputs.size() ||
        n.outputs[port].empty()) {
      pool->release(batch);
      return;
    }
    if (n.source) {
      // --max-records: reserve this batch's share of the global quota. Sources size their
      // batches by Emitter::budget(), so this truncates only when several sources race.
      uint64_t want = batch->size(), have = remaining.load();
      while (have != std::numeric_limits<uint64_t>::max()) {
        uint64_t take = std::min(want, have);
        if (remaining.compare_exchange_weak(have, have - take)) {
          batch->truncate(static_cast<uint32_t>(take));
          if (have - take == 0) beginStop();
          break;
        }
      }
      if (batch->empty()) {
        pool->release(batch);
        return;
      }
    }
    n.metrics->recordsOut.add(batch->size());
    if (Breakpoint* bp = n.breaks[port].load(std::memory_order_acquire); bp && !stop.load()) {
      emitHeld(from, port, batch, *bp);
      return;
    }
    forward(from, port, batch);
  }

  // What passes the port: its tap sees it, then every wire gets it.
  void forward(uint32_t from, int port, Batch* batch) {
    NodeRt& n = nodes[from];
    if (TapSink* tap = n.taps[port].load(std::memory_order_acquire)) {
      try {
        tap->onBatch(*batch, slots);
      } catch (...) {  // a tap never fails the pipeline
      }
    }
    if (TapSink* observer = n.observers[port].load(std::memory_order_acquire)) {
      try {
        observer->onBatch(*batch, slots);
      } catch (...) {  // nor does an observer
      }
    }
    const auto& targets = n.outputs[port];
    for (size_t k = 0; k + 1 < targets.size(); ++k) {
      Batch* copy = pool->acquire();
      copy->copyFrom(*batch);
      deliver(targets[k], copy);
    }
    deliver(targets.back(), batch);
  }

  // A port with a breakpoint: the records before a held one move on in a batch of their own,
  // the thread waits while the breakpoint holds the record, and it passes when released.
  void emitHeld(uint32_t from, int port, Batch* batch, Breakpoint& bp) {
    const uint32_t size = batch->size();
    uint32_t begin = 0, searchFrom = 0;
    for (bool first = true;; first = false) {
      const int64_t hit = stop.load() ? -1 : bp.nextStop(*batch, searchFrom, first, slots);
      if (hit < 0 && begin == 0) {  // nothing held in this batch: it moves on whole
        forward(from, port, batch);
        return;
      }
      const uint32_t end = hit < 0 ? size : static_cast<uint32_t>(hit);
      if (end > begin) {
        Batch* part = pool->acquire();
        for (uint32_t r = begin; r < end; ++r)
          part->copyRowFrom(*batch, r);
        forward(from, port, part);
      }
      if (hit < 0) break;
      nodes[from].metrics->state.set(static_cast<int64_t>(NodeState::Waiting));
      bp.hold(*batch, end, slots, stop, [this, from] { sourceBlocked(from); });
      nodes[from].metrics->state.set(static_cast<int64_t>(NodeState::Running));
      begin = end;
      searchFrom = end + 1;
    }
    pool->release(batch);
  }

  // The thread of node `from` waits (a held breakpoint, a full queue): the source at its head
  // keeps its monitoring current (Kafka lag grows while a debugging user looks at it).
  void sourceBlocked(uint32_t from) {
    if (SourceNode* source = nodes[tasks[nodes[from].task]->nodes.front()].source) {
      try {
        source->whileBlocked();
      } catch (...) {  // monitoring never fails the pipeline
      }
    }
  }

  void deliver(uint32_t edge, Batch* batch) {
    EdgeRt& e = edges[edge];
    if (!e.channel) {
      dataIn(edge, batch);
      return;
    }
    // Leaving the thread: a source completes what it fills in late (Kafka headers).
    if (SourceNode* source = nodes[tasks[nodes[e.from].task]->nodes.front()].source)
      source->beforeHandOff(*batch);
    push(e, Message{Message::Type::Data, batch, 0, 0});
  }

  void push(EdgeRt& e, const Message& m) {
    Task& producer = *tasks[nodes[e.from].task];
    while (!e.channel->tryPush(m)) {
      if (aborted) {
        if (m.batch) pool->release(m.batch);
        throw TaskAborted{};
      }
      // A source held up by back-pressure (a sink waiting for a cluster that went away) never
      // reaches its own --duration check: the stop starts here.
      if (!stop.load() && durationExpired()) beginStop();
      nodes[e.from].metrics->state.set(static_cast<int64_t>(NodeState::Waiting));
      producer.parker.park(std::chrono::milliseconds(50),
                           [&] { return e.channel->writeAvailable() > 0 || aborted.load(); });
      sourceBlocked(e.from);
    }
    nodes[e.from].metrics->state.set(static_cast<int64_t>(NodeState::Running));
    // The producer updates the fill too (once per batch): a consumer that stopped reading (held
    // by a breakpoint, stuck in a slow call) no longer updates it, yet its queue is what fills.
    e.metrics->fill.set(e.metrics->capacity - static_cast<int64_t>(e.channel->writeAvailable()));
  }

  void dataIn(uint32_t edge, Batch* batch) {
    const EdgeRt& e = edges[edge];
    NodeRt& n = nodes[e.to];
    n.metrics->recordsIn.add(batch->size());
    n.metrics->batchesIn.add(1);
    auto t0 = Clock::now();
    invoke(e.to, [&] { n.node->process(e.toPort, batch, *n.emitter); });
    n.metrics->busyNanos.add(static_cast<uint64_t>((Clock::now() - t0).count()));
  }

  void forwardWatermark(uint32_t from, int64_t wm) {
    NodeRt& n = nodes[from];
    n.metrics->watermark.set(wm);
    for (const auto& port : n.outputs)
      for (uint32_t edge : port) {
        EdgeRt& e = edges[edge];
        if (e.channel)
          push(e, Message{Message::Type::Watermark, nullptr, wm, 0});
        else
          watermarkIn(edge, wm);
      }
  }

  void watermarkIn(uint32_t edge, int64_t wm) {
    EdgeRt& e = edges[edge];
    e.watermark = std::max(e.watermark, wm);
    advanceWatermark(e.to);
  }

  void advanceWatermark(uint32_t node) {
    NodeRt& n = nodes[node];
    int64_t combined = kEndWatermark;
    for (uint32_t in : n.inEdges)
      if (!edges[in].ended) combined = std::min(combined, edges[in].watermark);
    if (combined == kEndWatermark || combined <= n.watermark) return;
    n.watermark = combined;
    invoke(node, [&] { n.node->onWatermark(combined, *n.emitter); });
  }

  // ---- barriers ------------------------------------------------------------------------------
  void forwardBarrier(uint32_t from, uint64_t id) {
    for (const auto& port : nodes[from].outputs)
      for (uint32_t edge : port) {
        EdgeRt& e = edges[edge];
        if (e.channel)
          push(e, Message{Message::Type::Barrier, nullptr, static_cast<int64_t>(id), 0});
        else
          barrierIn(edge, id);
      }
  }

  // Barrier `id` arrived on `edge`: hold that input (runOperator stops reading it) until every
  // live input has delivered the same barrier, then take the node's part and forward it.
  void barrierIn(uint32_t edge, uint64_t id) {
    EdgeRt& e = edges[edge];
    e.held = id;
    e.heldSince = Clock::now();
    tryAlign(e.to);
  }

  void tryAlign(uint32_t node) {
    NodeRt& n = nodes[node];
    uint64_t id = 0;
    for (uint32_t in : n.inEdges) {
      const EdgeRt& e = edges[in];
      if (e.ended) continue;
      if (e.held == 0) return;  // still waiting for this input's barrier
      id = e.held;
    }
    if (id == 0) return;
    int64_t alignedNs = 0;
    const auto now = Clock::now();
    for (uint32_t in : n.inEdges) {
      EdgeRt& e = edges[in];
      if (e.held) alignedNs = std::max<int64_t>(alignedNs, (now - e.heldSince).count());
      e.held = 0;
    }
    barrierAt(node, id, alignedNs);
  }

  void barrierAt(uint32_t node, uint64_t id, int64_t alignedNs) {
    NodeRt& n = nodes[node];
    invoke(node, [&] { n.node->onBarrier(id, *n.emitter); });
    if (n.participant >= 0) {
      std::string buffer;
      {
        std::lock_guard lock(ckMutex);
        buffer = std::move(spare[n.participant]);
      }
      state::StateWriter w(std::move(buffer));
      const auto t0 = Clock::now();
      invoke(node, [&] { n.node->snapshotState(id, w); });
      const int64_t pauseNs = (Clock::now() - t0).count();
      ack(n.participant, id, w.take(), alignedNs, pauseNs);
    }
    if (!n.isSink) forwardBarrier(node, id);
  }

  // ---- end of input and stop -----------------------------------------------------------------
  void endIn(uint32_t edge, bool stopped) {
    EdgeRt& e = edges[edge];
    e.ended = true;
    e.stopped = stopped;
    e.held = 0;
    NodeRt& n = nodes[e.to];
    for (uint32_t in : n.inEdges)
      if (!edges[in].ended) {
        advanceWatermark(e.to);
        tryAlign(e.to);  // the inputs still open may now be aligned
        return;
      }
    bool anyStopped = false;
    for (uint32_t in : n.inEdges)
      anyStopped |= edges[in].stopped;
    endNode(e.to, anyStopped);
  }

  // Every input ended. Drained (no input was stopped): finish() fires what is left and the node's
  // final state joins every later checkpoint. Stopped: the node's state is in the savepoint, so
  // nothing fires; the stop travels on.
  void endNode(uint32_t node, bool stopped) {
    NodeRt& n = nodes[node];
    if (n.finished) return;
    n.finished = true;
    if (!stopped) {
      invoke(node, [&] { n.node->finish(*n.emitter); });
      if (n.participant >= 0) {
        state::StateWriter w;
        invoke(node, [&] { n.node->snapshotState(0, w); });
        finalPart(n.participant, w.take());
      }
    }
    for (const auto& port : n.outputs)
      for (uint32_t edge : port) {
        EdgeRt& e = edges[edge];
        if (e.channel)
          push(e, Message{Message::Type::EndOfInput, nullptr, stopped ? 1 : 0, 0});
        else
          endIn(edge, stopped);
      }
    n.metrics->state.set(static_cast<int64_t>(NodeState::Finished));
  }

  void handle(uint32_t edge, const Message& m) {
    switch (m.type) {
      case Message::Type::Data:
        dataIn(edge, m.batch);
        break;
      case Message::Type::Watermark:
        watermarkIn(edge, m.value);
        break;
      case Message::Type::Barrier:
        barrierIn(edge, static_cast<uint64_t>(m.value));
        break;
      case Message::Type::EndOfInput:
        endIn(edge, m.value != 0);
        break;
    }
  }

  // ---- checkpoint coordination ---------------------------------------------------------------
  bool checkpointing() const { return !participants.empty(); }
  bool savepointOnStop() const {
    return options.stopMode == StopMode::Savepoint &&
           (!options.checkpoints.dir.empty() || options.checkpoints.scaleOut);
  }

  // Sends source `node`'s barriers for every triggered checkpoint (on the source's thread).
  void injectTriggered(uint32_t node) {
    NodeRt& n = nodes[node];
    for (uint64_t want = triggered.load(std::memory_order_acquire); n.injected < want;)
      barrierAt(node, ++n.injected, 0);
  }

  // RunContext::checkpointNow for source `node` (on its thread).
  uint64_t checkpointFromSource(uint32_t node) {
    uint64_t id;
    {
      std::lock_guard lock(ckMutex);
      if (stop.load() || aborted.load() || !checkpointing()) return 0;
      id = triggerLocked(false);
    }
    injectTriggered(node);
    return id;
  }

  // Starts checkpoint `id` (ckMutex held): sources inject barriers up to it.
  uint64_t triggerLocked(bool savepoint) {
    const uint64_t id = nextId++;
    Pending& p = pending[id];
    p.started = Clock::now();
    p.parts.resize(participants.size());
    p.savepoint = savepoint;
    triggered.store(id, std::memory_order_release);
    for (uint32_t s : sources)
      tasks[nodes[s].task]->parker.notify();
    return id;
  }

  // A stop (signal, --duration, --max-records, the designer): in savepoint mode the sources
  // inject one more barrier, the savepoint, and then end without draining.
  void beginStop() {
    if (savepointOnStop()) {
      std::lock_guard lock(ckMutex);
      if (savepointId == 0 && !stop.load()) savepointId = triggerLocked(true);
    }
    stop = true;
  }

  void ack(int participant, uint64_t id, std::string part, int64_t alignmentNs, int64_t pauseNs) {
    std::lock_guard lock(ckMutex);
    auto it = pending.find(id);
    if (it == pending.end()) return;
    it->second.parts[participant] = std::move(part);
    it->second.alignmentNs = std::max(it->second.alignmentNs, alignmentNs);
    it->second.pauseNs = std::max(it->second.pauseNs, pauseNs);
    collectCompleteLocked();
  }

  void finalPart(int participant, std::string part) {
    std::lock_guard lock(ckMutex);
    finalParts[participant] = std::move(part);
    collectCompleteLocked();
  }

  // Moves checkpoints that every participant has a part for (its own, or its final state when
  // it finished before the barrier reached it) to `ready`, oldest first.
  void collectCompleteLocked() {
    while (!pending.empty()) {
      auto it = pending.begin();
      Pending& p = it->second;
      for (size_t k = 0; k < participants.size(); ++k) {
        if (p.parts[k]) continue;
        if (!finalParts[k]) return;
        p.parts[k] = finalParts[k];
      }
      ready.emplace_back(it->first, std::move(p));
      pending.erase(it);
      ckCv.notify_all();
    }
  }

  // Writes a complete checkpoint (coordinator thread, ckMutex not held) and publishes it.
  void persist(uint64_t id, Pending& p, bool finished) {
    state::Checkpoint c;
    c.id = id;
    c.pipelineName = pipelineName;
    c.graphHash = graphHash;
    c.createdMs = nowMs();
    c.savepoint = p.savepoint;
    c.finished = finished;
    for (size_t k = 0; k < participants.size(); ++k)
      c.parts.emplace_back(nodes[participants[k]].id, std::move(*p.parts[k]));
    size_t bytes = c.bytes();
    std::string error;
    if (!options.checkpoints.dir.empty()) {
      // Scale-out: the checkpoint the group committed stays, however far behind it is.
      const auto local = std::static_pointer_cast<state::LocalCheckpoints>(
          resources->find(state::LocalCheckpoints::kKey));
      error = state::CheckpointStore(options.checkpoints.dir)
                  .write(c, &bytes, local ? local->committed() : UINT64_MAX);
    }
    std::lock_guard lock(ckMutex);
    // The parts' memory serves the next snapshots (see StateWriter(std::string)).
    for (size_t k = 0; k < participants.size(); ++k)
      if (c.parts[k].second.capacity() > spare[k].capacity())
        spare[k] = std::move(c.parts[k].second);
    if (!error.empty()) {
      failedId = std::max(failedId, id);
      ckCv.notify_all();
      ++stats.failed;
      stats.lastError = error;
      Logger::global().warn("checkpoint", "checkpoint " + std::to_string(id) + " failed: " + error);
      if (++consecutiveFailures >= 3 || p.savepoint) {
        std::lock_guard rl(resultMutex);
        if (result.ok) {
          result.ok = false;
          result.failedNode = "";
          result.message = (p.savepoint ? "the savepoint could not be written: "
                                        : "3 checkpoints in a row could not be written: ") +
                           error;
        }
        abortAllLater = true;
      }
      return;
    }
    consecutiveFailures = 0;
    ++stats.completed;
    stats.lastId = id;
    stats.lastCompletedMs = c.createdMs;
    stats.lastDurationMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - p.started).count();
    stats.lastBytes = bytes;
    stats.totalDurationMs += stats.lastDurationMs;
    stats.totalBytes += bytes;
    size_t bucket = 0;
    while (bucket < CheckpointStats::kDurationBoundsMs.size() &&
           stats.lastDurationMs > CheckpointStats::kDurationBoundsMs[bucket])
      ++bucket;
    ++stats.durationCounts[bucket];
    stats.lastAlignmentMs = p.alignmentNs / 1'000'000;
    stats.lastPauseUs = p.pauseNs / 1000;
    stats.maxPauseUs = std::max(stats.maxPauseUs, stats.lastPauseUs);
    stats.lastWasSavepoint = p.savepoint;
    completedId.store(id, std::memory_order_release);
    if (lastIdInProcess && id > lastIdInProcess->load()) lastIdInProcess->store(id);
    ckCv.notify_all();
    for (auto& t : tasks)
      t->parker.notify();
  }

  bool waitForCheckpoint(uint64_t id) {
    std::unique_lock lock(ckMutex);
    ckCv.wait(lock, [&] {
      return completedId.load() >= id || failedId >= id || aborted.load() || (running.load() == 0);
    });
    return completedId.load() >= id;
  }
  bool abortAllLater = false;

  // Tells a task's nodes about the newest durable checkpoint (on the task's thread).
  void notifyCompleted(Task& t) {
    const uint64_t id = completedId.load(std::memory_order_acquire);
    for (uint32_t node : t.nodes) {
      NodeRt& n = nodes[node];
      if (n.participant < 0 || n.notified >= id || n.finished) continue;
      n.notified = id;
      invoke(node, [&] { n.node->notifyCheckpointComplete(id); });
    }
  }

  void runCoordinator() {
    const int64_t interval = options.checkpoints.intervalMs;
    auto nextTrigger = Clock::now() + std::chrono::milliseconds(interval > 0 ? interval : 0);
    std::unique_lock lock(ckMutex);
    while (true) {
      while (!ready.empty()) {
        auto [id, p] = std::move(ready.front());
        ready.erase(ready.begin());
        lock.unlock();
        persist(id, p, false);
        lock.lock();
        if (abortAllLater) {
          lock.unlock();
          abortAll();
          lock.lock();
        }
      }
      if (running.load() == 0) break;
      const auto now = Clock::now();
      if (aborted) {  // wait for every task to unwind before closing nodes
        ckCv.wait_until(lock, now + std::chrono::milliseconds(50));
        continue;
      }
      if (interval > 0 && now >= nextTrigger) {
        // One checkpoint at a time: the next is due `interval` after the previous completed.
        if (pending.empty() && !stop) triggerLocked(false);
        nextTrigger = now + std::chrono::milliseconds(interval);
      }
      ckCv.wait_until(lock, interval > 0 ? nextTrigger : now + std::chrono::milliseconds(200));
    }
    lock.unlock();
    finishRun();
  }

  // After every task has ended: the final checkpoint (unless the run failed), completion
  // notices for nodes whose threads are gone, then close() for every node.
  void finishRun() {
    if (!aborted && checkpointing()) {
      std::unique_lock lock(ckMutex);
      // A savepoint still in flight is complete now: every task has recorded its part.
      collectCompleteLocked();
      std::vector<std::pair<uint64_t, Pending>> left = std::move(ready);
      ready.clear();
      const bool haveSavepoint = savepointId != 0;
      bool needFinal = !haveSavepoint;
      uint64_t finalId = 0;
      if (needFinal) {
        finalId = nextId++;
        Pending p;
        p.started = Clock::now();
        p.parts.resize(participants.size());
        for (size_t k = 0; k < participants.size(); ++k)
          p.parts[k] = finalParts[k] ? finalParts[k] : std::optional<std::string>(std::string());
        left.emplace_back(finalId, std::move(p));
      }
      pending.clear();
      lock.unlock();
      const bool finished = naturalEnds.load() == sources.size() && !haveSavepoint;
      for (auto& [id, p] : left)
        persist(id, p, finished && id == finalId);
      if (abortAllLater) aborted = true;
      if (!aborted) {
        const uint64_t id = completedId.load();
        for (uint32_t node : participants) {
          NodeRt& n = nodes[node];
          if (n.notified >= id) continue;
          n.notified = id;
          try {
            n.node->notifyCheckpointComplete(id);
          } catch (const std::exception& e) {
            fail(node, e.what());
          }
        }
      }
    }
    for (uint32_t node = 0; node < nodes.size(); ++node) {
      try {
        nodes[node].node->close();
      } catch (const std::exception& e) {
        fail(node, std::string("while closing: ") + e.what());
      }
    }
    {
      std::lock_guard lock(resultMutex);
      result.finished = result.ok && naturalEnds.load() == sources.size();
      result.lastCheckpoint = completedId.load();
    }
    std::lock_guard lock(doneMutex);
    done = true;
    doneCv.notify_all();
  }

  // ---- tasks ---------------------------------------------------------------------------------
  void openTask(Task& t) {
    for (uint32_t node : t.nodes) {
      NodeRt& n = nodes[node];
      n.metrics->state.set(static_cast<int64_t>(NodeState::Running));
      invoke(node, [&] { n.node->open(*n.ctx); });
      if (n.source && !n.source->reportsReadiness()) n.metrics->ready.set(1);
      if (n.restorePart) {
        try {
          state::StateReader r(*n.restorePart, "state of node '" + n.id + "'");
          n.node->restoreState(r);
        } catch (const state::CheckpointNotCommitted& e) {
          {
            std::lock_guard lock(resultMutex);
            if (result.ok) result.restoreFailed = true, result.restoreOlderThan = e.id;
          }
          fail(node, e.what());
          throw TaskAborted{};
        } catch (const std::exception& e) {
          {
            std::lock_guard lock(resultMutex);
            if (result.ok) result.restoreFailed = true;
          }
          fail(node, std::string("cannot restore from checkpoint ") +
                         std::to_string(options.checkpoints.restore->id) + ": " + e.what());
          throw TaskAborted{};
        }
      }
    }
  }

  void runSource(Task& t) {
    uint32_t node = t.nodes.front();
    NodeRt& n = nodes[node];
    // Ids below firstId belong to earlier runs.
    n.injected = std::max<uint64_t>(completedId.load(), options.checkpoints.firstId - 1);
    bool natural = false;
    while (!aborted) {
      injectTriggered(node);
      notifyCompleted(t);
      if (stop) break;
      if (durationExpired()) {
        beginStop();
        continue;
      }
      SourceNode::Poll r = SourceNode::Poll::Idle;
      auto t0 = Clock::now();
      invoke(node, [&] { r = n.source->poll(*n.emitter); });
      n.metrics->busyNanos.add(static_cast<uint64_t>((Clock::now() - t0).count()));
      if (r == SourceNode::Poll::Done) {
        natural = !stop;
        break;
      }
      if (r == SourceNode::Poll::Idle)
        t.parker.park(std::chrono::milliseconds(10), [&] {
          return stop.load() || aborted.load() || triggered.load() > n.injected ||
                 completedId.load() > n.notified;
        });
    }
    if (aborted) return;
    injectTriggered(node);  // a savepoint's barrier goes out after the last records
    if (natural) ++naturalEnds;
    endNode(node, !natural && savepointOnStop());
  }

  bool durationExpired() const {
    return options.durationMs > 0 &&
           Clock::now() - started >= std::chrono::milliseconds(options.durationMs);
  }

  void runOperator(Task& t) {
    NodeRt& root = nodes[t.nodes.front()];
    const int64_t tick = root.node->tickIntervalMs();
    auto nextTick = Clock::now() + std::chrono::milliseconds(tick);
    auto readable = [&](uint32_t edge) { return !edges[edge].ended && edges[edge].held == 0; };
    while (!aborted && !root.finished) {
      notifyCompleted(t);
      bool progress = false;
      size_t waiting = 0;
      for (uint32_t edge : t.inputs) {
        Message m;
        // A held input (barrier alignment) is not read until the others catch up.
        for (int k = 0; k < 64 && readable(edge) && edges[edge].channel->tryPop(m); ++k) {
          handle(edge, m);
          progress = true;
        }
        const size_t fill = edges[edge].channel->readAvailable();
        edges[edge].metrics->fill.set(static_cast<int64_t>(fill));
        waiting += fill;
      }
      root.metrics->queueFill.set(static_cast<int64_t>(waiting));
      if (tick > 0 && Clock::now() >= nextTick) {
        invoke(t.nodes.front(), [&] { root.node->onTick(nowMs(), *root.emitter); });
        nextTick = Clock::now() + std::chrono::milliseconds(tick);
      }
      if (progress || root.finished) continue;
      auto wait = std::chrono::milliseconds(100);
      if (tick > 0)
        wait = std::max(std::chrono::milliseconds(1),
                        std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(
                                           nextTick - Clock::now())));
      t.parker.park(wait, [&] {
        if (aborted) return true;
        if (completedId.load() > root.notified && root.participant >= 0) return true;
        for (uint32_t edge : t.inputs)
          if (readable(edge) && edges[edge].channel->readAvailable() > 0) return true;
        return false;
      });
    }
  }

  void drainInputs(Task& t) {
    Message m;
    for (uint32_t edge : t.inputs)
      while (edges[edge].channel->tryPop(m))
        if (m.batch) pool->release(m.batch);
  }

  void runTask(Task& t) {
    try {
      openTask(t);
      if (nodes[t.nodes.front()].source)
        runSource(t);
      else
        runOperator(t);
    } catch (const TaskAborted&) {
    }
    // Return queued batches so nothing leaks; producers stop on the aborted flag.
    if (aborted) drainInputs(t);
    if (running.fetch_sub(1) == 1) {
      std::lock_guard lock(ckMutex);
      ckCv.notify_all();
    }
  }
};

namespace {

bool scaleOutMode(const Pipeline& pipeline) {
  if (!pipeline.settings.is_object()) return false;
  auto it = pipeline.settings.find("scale_out");
  return it != pipeline.settings.end() && it->is_boolean() && it->get<bool>();
}

WatermarkStrategy merge(const WatermarkStrategy& a, const WatermarkStrategy& b) {
  WatermarkStrategy m = a;
  m.maxOutOfOrdernessMs = std::max(a.maxOutOfOrdernessMs, b.maxOutOfOrdernessMs);
  if (a.idleTimeoutMs == 0 || b.idleTimeoutMs == 0)
    m.idleTimeoutMs = std::max(a.idleTimeoutMs, b.idleTimeoutMs);
  else
    m.idleTimeoutMs = std::min(a.idleTimeoutMs, b.idleTimeoutMs);
  return m;
}

// Every check planning makes, acquiring nothing: nodes created and configured, edges wired,
// watermark strategies pushed to the sources. Execution::check stops here; Execution::plan goes
// on to acquire resources and build the tasks. Spec-only node types (no `create`) are checked
// by their spec alone, unless the plan is for a run.
bool checkPlan(Execution::Impl& x, PlanContext& plan, const Pipeline& pipeline,
               const NodeRegistry& registry, bool forRun, Diagnostics& diags) {
  using Impl = Execution::Impl;
  plan.setHeaderUse(x.options.headersForTaps ? HeaderUse::Everywhere
                                             : pipelineHeaderUse(pipeline, registry));
  // Nodes.
  const bool scaleOut = scaleOutMode(pipeline);
  std::vector<std::optional<WatermarkStrategy>> requests(pipeline.nodes.size());
  for (size_t i = 0; i < pipeline.nodes.size(); ++i) {
    const PipelineNode& pn = pipeline.nodes[i];
    Impl::NodeRt n;
    n.id = pn.id;
    n.spec = registry.find(pn.type);
    if (!n.spec) {
      diags.error("/nodes/" + std::to_string(i) + "/type", "unknown node type '" + pn.type + "'")
          .nodeId = pn.id;
      continue;
    }
    if (n.spec->create)
      n.node = scaleOut && n.spec->createForScaleOut ? n.spec->createForScaleOut(*n.spec)
                                                     : n.spec->create();
    if (!n.node && forRun)
      diags
          .error("/nodes/" + std::to_string(i) + "/type",
                 "node type '" + pn.type + "' has no implementation to run")
          .nodeId = pn.id;
    n.source = n.spec->isSource() ? dynamic_cast<SourceNode*>(n.node.get()) : nullptr;
    n.isSink = n.spec->outputs.empty();
    n.metrics = std::make_unique<NodeMetrics>();
    n.metrics->nodeId = pn.id;
    n.metrics->type = pn.type;
    n.metrics->isSource = n.spec->isSource();
    n.metrics->watermark.set(kNoWatermark);
    n.outputs.resize(n.spec->outputs.size());
    n.taps = std::make_unique<std::atomic<TapSink*>[]>(n.spec->outputs.size());
    n.breaks = std::make_unique<std::atomic<Breakpoint*>[]>(n.spec->outputs.size());
    n.observers = std::make_unique<std::atomic<TapSink*>[]>(n.spec->outputs.size());
    NodeConfig cfg(*n.spec, pn.id, i, pn.properties);
    try {
      if (n.node) n.node->configure(cfg, plan);
    } catch (const std::exception& e) {
      diags.error("/nodes/" + std::to_string(i), e.what()).nodeId = pn.id;
    }
    WatermarkStrategy ws;
    if (plan.takeRequest(ws)) requests[i] = ws;
    if (n.source) {
      n.sourceIndex = static_cast<int>(x.sources.size());
      x.sources.push_back(static_cast<uint32_t>(i));
    }
    x.nodes.push_back(std::move(n));
  }
  if (diags.hasErrors()) return false;

  // Edges.
  for (const PipelineEdge& pe : pipeline.edges) {
    Impl::EdgeRt e;
    e.from = static_cast<uint32_t>(pipeline.nodeIndex(pe.from.node));
    e.to = static_cast<uint32_t>(pipeline.nodeIndex(pe.to.node));
    e.fromPort = x.nodes[e.from].spec->outputIndex(pe.fromPort());
    e.toPort = x.nodes[e.to].spec->inputIndex(pe.toPort());
    if (e.fromPort < 0 || e.toPort < 0) {
      diags.error("/edges",
                  "edge " + pe.from.text() + " -> " + pe.to.text() + " names an unknown port");
      continue;
    }
    auto id = static_cast<uint32_t>(x.edges.size());
    x.nodes[e.from].outputs[e.fromPort].push_back(id);
    x.nodes[e.to].inEdges.push_back(id);
    x.edges.push_back(std::move(e));
  }
  if (diags.hasErrors()) return false;

  // Watermark strategies flow from each window up to the sources that feed it. The walk stops
  // at an upstream window (window -> window): that window's output watermark drives this one,
  // which computes its own timestamp from the records it receives.
  std::vector<uint8_t> chained(x.nodes.size(), 0), fedBySource(x.nodes.size(), 0);
  for (size_t i = 0; i < requests.size(); ++i) {
    if (!requests[i]) continue;
    std::vector<uint8_t> seen(x.nodes.size(), 0);
    std::vector<uint32_t> stack{static_cast<uint32_t>(i)};
    while (!stack.empty()) {
      uint32_t n = stack.back();
      stack.pop_back();
      if (seen[n]) continue;
      seen[n] = 1;
      Impl::NodeRt& rt = x.nodes[n];
      if (n != i && requests[n] && !requests[n]->processingTime) {
        chained[i] = 1;
        continue;
      }
      if (rt.source) {
        fedBySource[i] = 1;
        if (rt.hasStrategy && rt.strategy.timestamp != requests[i]->timestamp) {
          diags
              .error("/nodes/" + std::to_string(i) + "/properties/timestamp",
                     "windows fed by source '" + rt.id +
                         "' disagree on the event-time expression ('" + rt.strategy.timestamp +
                         "' vs '" + requests[i]->timestamp + "')",
                     "use the same timestamp expression in every window downstream of one source")
              .nodeId = x.nodes[i].id;
          continue;
        }
        rt.strategy = rt.hasStrategy ? merge(rt.strategy, *requests[i]) : *requests[i];
        rt.hasStrategy = true;
      }
      for (uint32_t in : rt.inEdges)
        stack.push_back(x.edges[in].from);
    }
  }
  for (size_t i = 0; i < x.nodes.size(); ++i) {
    if (!chained[i] || requests[i]->processingTime) continue;
    if (fedBySource[i]) {
      diags
          .error("/nodes/" + std::to_string(i),
                 "window '" + x.nodes[i].id +
                     "' gets records both from another window and straight from a source, so "
                     "its event time has two meanings",
                 "feed a window either from windows or from sources, not both")
          .nodeId = x.nodes[i].id;
      continue;
    }
    expr::CompileError err;
    if (!expr::Expression::compile(requests[i]->timestamp, x.slots, expr::Type::Any, &err)) {
      diags
          .error("/nodes/" + std::to_string(i) + "/properties/timestamp",
                 "event-time expression '" + requests[i]->timestamp +
                     "' does not compile: " + err.message)
          .nodeId = x.nodes[i].id;
      continue;
    }
    if (x.nodes[i].node) x.nodes[i].node->setInputEventTime(*requests[i]);
  }
  for (size_t i = 0; i < x.nodes.size(); ++i) {
    Impl::NodeRt& rt = x.nodes[i];
    if (!rt.source || !rt.hasStrategy) continue;
    // Intern the timestamp's fields now so sources can compile it against the final slot table.
    expr::CompileError err;
    if (!expr::Expression::compile(rt.strategy.timestamp, x.slots, expr::Type::Any, &err)) {
      diags
          .error("/nodes/" + std::to_string(i), "event-time expression '" + rt.strategy.timestamp +
                                                    "' does not compile: " + err.message)
          .nodeId = rt.id;
      continue;
    }
    rt.source->setWatermarkStrategy(rt.strategy);
  }
  return !diags.hasErrors();
}

// Scale-out: the pipeline with its repartition hops in place (engine/graph/RepartitionPlan.h),
// what check and plan work on; the roles of the hops' nodes go to the run's resources.
Pipeline withRepartitionHops(const Pipeline& pipeline, const NodeRegistry& registry,
                             ResourceRegistry& resources) {
  auto roles = resources.getOrCreate<RepartitionPlan>(
      RepartitionPlan::kKey, [] { return std::make_shared<RepartitionPlan>(); });
  return planRepartition(pipeline, registry, *roles);
}

}  // namespace

bool Execution::check(const Pipeline& original, const NodeRegistry& registry, Diagnostics& diags) {
  Impl x;
  x.resources = std::make_shared<ResourceRegistry>();
  const Pipeline pipeline = withRepartitionHops(original, registry, *x.resources);
  x.document = pipeline.toJson();
  PlanContext plan(x.slots, x.document, *x.resources);
  return checkPlan(x, plan, pipeline, registry, false, diags);
}

std::unique_ptr<Execution> Execution::plan(const Pipeline& original, const NodeRegistry& registry,
                                           const RunOptions& options, Diagnostics& diags) {
  auto impl = std::make_unique<Impl>();
  Impl& x = *impl;
  x.options = options;
  x.resources = options.resources ? options.resources : std::make_shared<ResourceRegistry>();
  const Pipeline pipeline = withRepartitionHops(original, registry, *x.resources);
  if (scaleOutMode(pipeline)) {
    // Kafka holds the state (group offsets, changelog topics). Local checkpoints go to the
    // instance's own folder and are never restored as a whole: a window takes a partition's
    // state from one only when it is what the group committed (docs/scale-out.md).
    x.options.checkpoints.scaleOut = true;
    x.options.checkpoints.dir = x.options.checkpoints.scaleOutDir;
    x.options.checkpoints.restore.reset();
  }
  x.document = pipeline.toJson();
  PlanContext plan(x.slots, x.document, *x.resources);
  if (!checkPlan(x, plan, pipeline, registry, true, diags)) return nullptr;

  // Checkpoint participants: sources, stateful nodes and sinks (sinks acknowledge durability).
  x.pipelineName = pipeline.name;
  x.graphHash = Execution::graphHash(pipeline);
  for (uint32_t i = 0; i < x.nodes.size(); ++i) {
    Impl::NodeRt& rt = x.nodes[i];
    if (rt.source || rt.isSink || rt.node->hasState()) {
      rt.participant = static_cast<int>(x.participants.size());
      x.participants.push_back(i);
    }
  }
  x.finalParts.resize(x.participants.size());
  x.spare.resize(x.participants.size());
  x.nextId = std::max<uint64_t>(1, x.options.checkpoints.firstId);
  if (x.options.checkpoints.scaleOut) {
    // No folder keeps the ids: the run's resources do, so an in-process restart goes on with
    // higher ids (the shared Kafka transaction and offset ledger compare them).
    x.lastIdInProcess = x.resources->getOrCreate<std::atomic<uint64_t>>(
        "checkpoint.last-id", [] { return std::make_shared<std::atomic<uint64_t>>(0); });
    x.nextId = std::max(x.nextId, x.lastIdInProcess->load() + 1);
    if (!x.options.checkpoints.dir.empty()) {
      // Ids go on after the folder's: a commit naming an earlier process's checkpoint never
      // matches a new one.
      const auto local = x.resources->getOrCreate<state::LocalCheckpoints>(
          state::LocalCheckpoints::kKey,
          [&x] { return std::make_shared<state::LocalCheckpoints>(x.options.checkpoints.dir); });
      if (!local->error().empty())
        Logger::global().warn("checkpoint",
                              "local checkpoints are not used to restore: " + local->error());
      if (const auto ids = local->ids(); !ids.empty())
        x.nextId = std::max(x.nextId, ids.back() + 1);
    }
    x.options.checkpoints.firstId = x.nextId;
  }
  if (const auto& restore = x.options.checkpoints.restore) {
    x.nextId = std::max(x.nextId, restore->id + 1);
    if (restore->graphHash != x.graphHash && !x.options.checkpoints.allowChangedGraph) {
      diags.error("",
                  "checkpoint " + std::to_string(restore->id) +
                      " was taken from a different "
                      "graph of pipeline '" +
                      restore->pipelineName +
                      "' (nodes, properties or "
                      "edges changed since)",
                  "start fresh (--fresh), or restore the state of the nodes that kept their ids "
                  "with --allow-changed-graph");
      return nullptr;
    }
    for (Impl::NodeRt& rt : x.nodes)
      if (rt.participant >= 0) rt.restorePart = restore->part(rt.id);
    for (const auto& [id, bytes] : restore->parts)
      if (pipeline.nodeIndex(id) < 0)
        Logger::global().warn("checkpoint", "checkpoint " + std::to_string(restore->id) +
                                                " holds state of node '" + id +
                                                "', which the pipeline no longer has; ignored");
  }

  // Resources outside the process (Kafka clusters, topics), now that every check has passed.
  for (size_t i = 0; i < x.nodes.size(); ++i) {
    try {
      x.nodes[i].node->acquire(plan);
    } catch (const std::exception& e) {
      diags.error("/nodes/" + std::to_string(i), e.what()).nodeId = x.nodes[i].id;
    }
  }
  if (diags.hasErrors()) return nullptr;

  // Tasks: a stateless node with one input joins its upstream's thread.
  std::vector<uint32_t> order;  // topological
  {
    std::vector<size_t> indeg(x.nodes.size());
    for (const auto& e : x.edges)
      ++indeg[e.to];
    std::vector<uint32_t> ready;
    for (uint32_t i = 0; i < x.nodes.size(); ++i)
      if (indeg[i] == 0) ready.push_back(i);
    while (!ready.empty()) {
      uint32_t n = ready.front();
      ready.erase(ready.begin());
      order.push_back(n);
      for (const auto& port : x.nodes[n].outputs)
        for (uint32_t edge : port)
          if (--indeg[x.edges[edge].to] == 0) ready.push_back(x.edges[edge].to);
    }
    if (order.size() != x.nodes.size()) {
      diags.error("/edges", "the pipeline has a cycle", "remove an edge of the cycle");
      return nullptr;
    }
  }
  for (uint32_t n : order) {
    Impl::NodeRt& rt = x.nodes[n];
    bool fuse = x.options.fuse && rt.spec->stateless && rt.inEdges.size() == 1;
    if (fuse) {
      rt.task = x.nodes[x.edges[rt.inEdges[0]].from].task;
      x.tasks[rt.task]->nodes.push_back(n);
    } else {
      rt.task = static_cast<uint32_t>(x.tasks.size());
      x.tasks.push_back(std::make_unique<Impl::Task>());
      x.tasks.back()->nodes.push_back(n);
    }
  }
  for (uint32_t id = 0; id < x.edges.size(); ++id) {
    Impl::EdgeRt& e = x.edges[id];
    if (x.nodes[e.from].task == x.nodes[e.to].task) continue;
    Impl::Task& producer = *x.tasks[x.nodes[e.from].task];
    Impl::Task& consumer = *x.tasks[x.nodes[e.to].task];
    e.channel =
        std::make_unique<Channel>(x.options.queueCapacity, producer.parker, consumer.parker);
    e.metrics = std::make_unique<EdgeMetrics>();
    e.metrics->from = x.nodes[e.from].id;
    e.metrics->to = x.nodes[e.to].id;
    if (e.toPort >= 0) e.metrics->toPort = x.nodes[e.to].spec->inputs[size_t(e.toPort)].name;
    e.metrics->capacity = x.options.queueCapacity;
    consumer.inputs.push_back(id);
    x.nodes[e.to].metrics->queueCapacity.set(x.nodes[e.to].metrics->queueCapacity.get() +
                                             static_cast<int64_t>(x.options.queueCapacity));
  }

  x.pool =
      std::make_unique<BatchPool>(x.options.batchCapacity, std::max<uint32_t>(1, x.slots.size()));
  for (uint32_t i = 0; i < x.nodes.size(); ++i) {
    Impl::NodeRt& rt = x.nodes[i];
    rt.emitter = std::make_unique<Impl::NodeEmitter>(x, i);
    rt.ctx = std::make_unique<RunContext>(rt.id, *rt.metrics, x.slots, *x.resources, x.stop);
    if (rt.restorePart) rt.ctx->setRestoreId(x.options.checkpoints.restore->id);
    rt.ctx->setExactlyOnce(x.options.checkpoints.exactlyOnce);
    rt.ctx->setCheckpointWaiter([&x](uint64_t id) { return x.waitForCheckpoint(id); });
    rt.ctx->setScaleOut(x.options.checkpoints.scaleOut);
    if (rt.source) rt.ctx->setCheckpointNow([&x, i] { return x.checkpointFromSource(i); });
  }
  if (x.options.maxRecords > 0) x.remaining = x.options.maxRecords;
  return std::unique_ptr<Execution>(new Execution(std::move(impl)));
}

Execution::Execution(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Execution::~Execution() {
  if (!impl_->coordinator.joinable()) return;
  requestStop();
  // A stop that does not drain in time becomes an abort, so destruction cannot hang.
  if (!wait(10'000)) impl_->abortAll();
  for (auto& t : impl_->tasks)
    if (t->thread.joinable()) t->thread.join();
  if (impl_->coordinator.joinable()) impl_->coordinator.join();
}

void Execution::start() {
  Impl& x = *impl_;
  x.started = Clock::now();
  x.running = x.tasks.size();
  for (auto& t : x.tasks) {
    Impl::Task* task = t.get();
    t->thread = std::thread([&x, task] { x.runTask(*task); });
  }
  x.coordinator = std::thread([&x] { x.runCoordinator(); });
}

bool Execution::setTap(const std::string& nodeId, const std::string& port,
                       std::shared_ptr<TapSink> tap) {
  return attachSink(nodeId, port, std::move(tap), SinkChange::SetTap);
}

bool Execution::setObserver(const std::string& nodeId, const std::string& port,
                            std::shared_ptr<TapSink> observer) {
  return attachSink(nodeId, port, std::move(observer), SinkChange::SetObserver);
}

bool Execution::addTap(const std::string& nodeId, const std::string& port,
                       std::shared_ptr<TapSink> sink) {
  return sink && attachSink(nodeId, port, std::move(sink), SinkChange::Add);
}

bool Execution::removeAddedTap(const std::string& nodeId, const std::string& port,
                               const TapSink* sink) {
  // The shared_ptr only carries the address to compare; it owns nothing.
  return attachSink(nodeId, port,
                    std::shared_ptr<TapSink>(const_cast<TapSink*>(sink), [](TapSink*) {}),
                    SinkChange::Remove);
}

namespace {

// Several sinks on one port: each sees the batch, one failing does not keep it from the rest.
class TapFanOutSink final : public TapSink {
 public:
  explicit TapFanOutSink(std::vector<std::shared_ptr<TapSink>> sinks) : sinks_(std::move(sinks)) {}
  void onBatch(const Batch& batch, const SlotTable& slots) override {
    for (const auto& s : sinks_) {
      try {
        s->onBatch(batch, slots);
      } catch (...) {
      }
    }
  }

 private:
  std::vector<std::shared_ptr<TapSink>> sinks_;
};

}  // namespace

bool Execution::attachSink(const std::string& nodeId, const std::string& port,
                           std::shared_ptr<TapSink> sink, SinkChange change) {
  Impl& x = *impl_;
  for (uint32_t i = 0; i < x.nodes.size(); ++i) {
    Impl::NodeRt& n = x.nodes[i];
    if (n.id != nodeId) continue;
    const int index = port.empty() ? 0 : n.spec->outputIndex(port);
    if (index < 0 || static_cast<size_t>(index) >= n.spec->outputs.size()) return false;
    std::lock_guard lock(x.tapMutex);
    if (change == SinkChange::SetObserver) {
      if (sink) x.tapsKept.push_back(sink);
      n.observers[index].store(sink.get(), std::memory_order_release);
      return true;
    }
    Impl::PortSinks& p = x.portSinks[{i, index}];
    if (change == SinkChange::SetTap) {
      p.tap = sink;
    } else if (change == SinkChange::Add) {
      p.added.push_back(sink);
    } else {
      std::erase_if(p.added, [&](const auto& s) { return s.get() == sink.get(); });
    }
    std::shared_ptr<TapSink> published = p.tap;
    if (!p.added.empty()) {
      std::vector<std::shared_ptr<TapSink>> all = p.added;
      if (p.tap) all.insert(all.begin(), p.tap);
      published = all.size() == 1 ? all.front() : std::make_shared<TapFanOutSink>(std::move(all));
    }
    // Kept until the execution goes: an emitting thread may still be inside the old one.
    if (published) x.tapsKept.push_back(published);
    n.taps[index].store(published.get(), std::memory_order_release);
    return true;
  }
  return false;
}

bool Execution::setBreakpoint(const std::string& nodeId, const std::string& port,
                              std::shared_ptr<Breakpoint> breakpoint) {
  Impl& x = *impl_;
  for (Impl::NodeRt& n : x.nodes) {
    if (n.id != nodeId) continue;
    const int index = port.empty() ? 0 : n.spec->outputIndex(port);
    if (index < 0 || static_cast<size_t>(index) >= n.spec->outputs.size()) return false;
    std::lock_guard lock(x.tapMutex);
    if (breakpoint) x.breaksKept.push_back(breakpoint);
    n.breaks[index].store(breakpoint.get(), std::memory_order_release);
    return true;
  }
  return false;
}

void Execution::requestStop() {
  Impl& x = *impl_;
  x.beginStop();
  for (uint32_t s : x.sources)
    x.nodes[s].source->requestStop();
  for (auto& t : x.tasks)
    t->parker.notify();
}

bool Execution::wait(int64_t timeoutMs) {
  Impl& x = *impl_;
  std::unique_lock lock(x.doneMutex);
  auto done = [&] { return x.done; };
  if (timeoutMs < 0) {
    x.doneCv.wait(lock, done);
    return true;
  }
  return x.doneCv.wait_for(lock, std::chrono::milliseconds(timeoutMs), done);
}

RunResult Execution::result() const {
  std::lock_guard lock(impl_->resultMutex);
  return impl_->result;
}

CheckpointStats Execution::checkpointStats() const {
  std::lock_guard lock(impl_->ckMutex);
  return impl_->stats;
}

uint64_t Execution::graphHash(const Pipeline& pipeline) {
  // FNV-1a over the canonical JSON of what identifies the graph.
  Json doc = pipeline.toJson();
  Json g = Json::object();
  g["nodes"] = Json::array();
  for (const Json& n : doc.value("nodes", Json::array())) {
    Json m = Json::object();
    for (const char* key : {"id", "type", "properties"})
      if (n.contains(key)) m[key] = n[key];
    g["nodes"].push_back(m);
  }
  g["edges"] = doc.value("edges", Json::array());
  return fnv1a(g.dump());
}

std::vector<const NodeMetrics*> Execution::metrics() const {
  std::vector<const NodeMetrics*> out;
  for (const auto& n : impl_->nodes)
    out.push_back(n.metrics.get());
  return out;
}

std::vector<const EdgeMetrics*> Execution::edgeMetrics() const {
  std::vector<const EdgeMetrics*> out;
  for (const auto& e : impl_->edges)
    if (e.metrics) out.push_back(e.metrics.get());
  return out;
}

const SlotTable& Execution::slotTable() const {
  return impl_->slots;
}

uint64_t Execution::sourceRecords() const {
  uint64_t total = 0;
  for (uint32_t s : impl_->sources)
    total += impl_->nodes[s].metrics->recordsOut.get();
  return total;
}

size_t Execution::threadCount() const {
  return impl_->tasks.size();
}

}  // namespace sc
