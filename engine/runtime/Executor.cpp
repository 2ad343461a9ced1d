#include "engine/runtime/Executor.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <limits>
#include <mutex>
#include <thread>

#include <boost/lockfree/stack.hpp>

#include "engine/expr/Expression.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Channel.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"

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

uint64_t checkpointId(uint32_t source, uint64_t seq) {
  return (uint64_t(source) << 40) | seq;
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
  struct Target {
    uint32_t edge;
  };
  struct EdgeRt {
    uint32_t from, to;
    int fromPort, toPort;
    std::unique_ptr<Channel> channel;  // null: fused (a direct call on the same thread)
    bool ended = false;
    int64_t watermark = kNoWatermark;
    std::vector<uint64_t> barrier;  // last barrier seq per source
    std::vector<uint8_t> carries;   // per source: data of that source flows here
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
    std::vector<std::vector<uint32_t>> outputs;     // per output port: edge ids
    std::unique_ptr<std::atomic<TapSink*>[]> taps;  // per output port, null: no tap
    std::vector<uint32_t> inEdges;
    int64_t watermark = kNoWatermark;
    std::vector<uint64_t> lastBarrier;  // per source
    bool finished = false;
    bool isSink = false;
    uint32_t task = 0;
    bool hasStrategy = false;
    WatermarkStrategy strategy;
  };

  struct Task {
    std::vector<uint32_t> nodes;   // root first, then fused nodes in topological order
    std::vector<uint32_t> inputs;  // channel edges feeding the root
    Parker parker;
    std::thread thread;
  };

  RunOptions options;
  SlotTable slots;
  Json document;
  std::shared_ptr<ResourceRegistry> resources;
  std::vector<NodeRt> nodes;
  std::vector<EdgeRt> edges;
  std::vector<std::unique_ptr<Task>> tasks;
  std::vector<uint32_t> sources;  // node index per source index
  // sinkAck[sink node][source] = last barrier seq the sink completed.
  std::vector<std::vector<std::atomic<uint64_t>>> sinkAck;
  std::vector<std::vector<uint32_t>> sinksOfSource;
  std::unique_ptr<BatchPool> pool;

  std::mutex tapMutex;
  std::vector<std::shared_ptr<TapSink>> tapsKept;  // alive until the execution goes

  std::atomic<bool> stop{false};
  std::atomic<bool> aborted{false};
  std::atomic<uint64_t> remaining{std::numeric_limits<uint64_t>::max()};
  std::atomic<size_t> running{0};
  mutable std::mutex resultMutex;
  RunResult result;
  std::mutex doneMutex;
  std::condition_variable doneCv;
  Clock::time_point started;

  // ---- failure -------------------------------------------------------------------------------
  void fail(uint32_t node, const std::string& message) {
    {
      std::lock_guard lock(resultMutex);
      if (result.ok) {
        result.ok = false;
        result.failedNode = nodes[node].id;
        result.message = message;
      }
    }
    nodes[node].metrics->state.set(static_cast<int64_t>(NodeState::Failed));
    Logger::global().error(nodes[node].id, message);
    aborted = true;
    stop = true;
    for (auto& t : tasks)
      t->parker.notify();
  }

  template <typename F>
  void invoke(uint32_t node, F&& f) {
    try {
      f();
    } catch (const TaskAborted&) {
      throw;
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
      // --max-records: reserve this batch's share of the global quota.
      uint64_t want = batch->size(), have = remaining.load();
      while (have != std::numeric_limits<uint64_t>::max()) {
        uint64_t take = std::min(want, have);
        if (remaining.compare_exchange_weak(have, have - take)) {
          batch->truncate(static_cast<uint32_t>(take));
          if (have - take == 0) stop = true;
          break;
        }
      }
      if (batch->empty()) {
        pool->release(batch);
        return;
      }
    }
    n.metrics->recordsOut.add(batch->size());
    if (TapSink* tap = n.taps[port].load(std::memory_order_acquire)) {
      try {
        tap->onBatch(*batch, slots);
      } catch (...) {  // a tap never fails the pipeline
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

  void deliver(uint32_t edge, Batch* batch) {
    EdgeRt& e = edges[edge];
    if (!e.channel) {
      dataIn(edge, batch);
      return;
    }
    push(e, Message{Message::Type::Data, batch, 0, 0});
  }

  void push(EdgeRt& e, const Message& m) {
    Task& producer = *tasks[nodes[e.from].task];
    while (!e.channel->tryPush(m)) {
      if (aborted) {
        if (m.batch) pool->release(m.batch);
        throw TaskAborted{};
      }
      nodes[e.from].metrics->state.set(static_cast<int64_t>(NodeState::Waiting));
      producer.parker.park(std::chrono::milliseconds(50),
                           [&] { return e.channel->writeAvailable() > 0 || aborted.load(); });
    }
    nodes[e.from].metrics->state.set(static_cast<int64_t>(NodeState::Running));
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

  void forwardBarrier(uint32_t from, uint32_t source, uint64_t seq) {
    for (const auto& port : nodes[from].outputs)
      for (uint32_t edge : port) {
        EdgeRt& e = edges[edge];
        if (e.channel)
          push(e, Message{Message::Type::Barrier, nullptr, static_cast<int64_t>(seq), source});
        else
          barrierIn(edge, source, seq);
      }
  }

  void barrierIn(uint32_t edge, uint32_t source, uint64_t seq) {
    EdgeRt& e = edges[edge];
    e.barrier[source] = std::max(e.barrier[source], seq);
    NodeRt& n = nodes[e.to];
    // Forward once every live input that carries this source's data has passed the barrier
    // (at-least-once: inputs are not blocked while waiting).
    uint64_t reached = std::numeric_limits<uint64_t>::max();
    for (uint32_t in : n.inEdges)
      if (edges[in].carries[source] && !edges[in].ended)
        reached = std::min(reached, edges[in].barrier[source]);
    if (reached == std::numeric_limits<uint64_t>::max() || reached <= n.lastBarrier[source]) return;
    n.lastBarrier[source] = reached;
    uint32_t node = e.to;
    invoke(node, [&] { n.node->onBarrier(checkpointId(source, reached), *n.emitter); });
    if (n.isSink)
      sinkAck[node][source].store(reached, std::memory_order_release);
    else
      forwardBarrier(node, source, reached);
  }

  void endIn(uint32_t edge) {
    EdgeRt& e = edges[edge];
    e.ended = true;
    NodeRt& n = nodes[e.to];
    for (uint32_t in : n.inEdges)
      if (!edges[in].ended) {
        advanceWatermark(e.to);
        return;
      }
    finishNode(e.to);
  }

  void finishNode(uint32_t node) {
    NodeRt& n = nodes[node];
    if (n.finished) return;
    n.finished = true;
    invoke(node, [&] { n.node->finish(*n.emitter); });
    if (n.isSink)
      for (size_t s = 0; s < sources.size(); ++s)
        sinkAck[node][s].store(std::numeric_limits<uint64_t>::max(), std::memory_order_release);
    for (const auto& port : n.outputs)
      for (uint32_t edge : port) {
        EdgeRt& e = edges[edge];
        if (e.channel)
          push(e, Message{Message::Type::EndOfInput, nullptr, 0, 0});
        else
          endIn(edge);
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
        barrierIn(edge, m.source, static_cast<uint64_t>(m.value));
        break;
      case Message::Type::EndOfInput:
        endIn(edge);
        break;
    }
  }

  // ---- threads -------------------------------------------------------------------------------
  void openTask(Task& t) {
    for (uint32_t node : t.nodes) {
      NodeRt& n = nodes[node];
      n.metrics->state.set(static_cast<int64_t>(NodeState::Running));
      invoke(node, [&] { n.node->open(*n.ctx); });
    }
  }

  void closeTask(Task& t) {
    for (uint32_t node : t.nodes) {
      try {
        nodes[node].node->close();
      } catch (const std::exception& e) {
        fail(node, std::string("while closing: ") + e.what());
      }
    }
  }

  uint64_t completedCheckpoint(uint32_t sourceIndex) const {
    uint64_t done = std::numeric_limits<uint64_t>::max();
    for (uint32_t sink : sinksOfSource[sourceIndex])
      done = std::min(done, sinkAck[sink][sourceIndex].load(std::memory_order_acquire));
    return done;
  }

  void runSource(Task& t) {
    uint32_t node = t.nodes.front();
    NodeRt& n = nodes[node];
    const uint32_t s = static_cast<uint32_t>(n.sourceIndex);
    const int64_t interval = n.source->barrierIntervalMs();
    uint64_t seq = 0, completed = 0;
    auto nextBarrier = Clock::now() + std::chrono::milliseconds(interval);
    auto complete = [&] {
      uint64_t done = std::min(completedCheckpoint(s), seq);
      if (done > completed) {
        completed = done;
        invoke(node, [&] { n.source->checkpointComplete(checkpointId(s, done)); });
      }
    };
    auto barrier = [&] {
      ++seq;
      invoke(node, [&] { n.source->snapshot(checkpointId(s, seq)); });
      forwardBarrier(node, s, seq);
    };
    while (!aborted) {
      if (stop || durationExpired()) break;
      if (interval > 0 && Clock::now() >= nextBarrier) {
        barrier();
        nextBarrier = Clock::now() + std::chrono::milliseconds(interval);
      }
      if (interval > 0) complete();
      SourceNode::Poll r = SourceNode::Poll::Idle;
      auto t0 = Clock::now();
      invoke(node, [&] { r = n.source->poll(*n.emitter); });
      n.metrics->busyNanos.add(static_cast<uint64_t>((Clock::now() - t0).count()));
      if (r == SourceNode::Poll::Done) break;
      if (r == SourceNode::Poll::Idle)
        t.parker.park(std::chrono::milliseconds(10), [&] { return stop.load() || aborted.load(); });
    }
    if (aborted) return;
    // Drain: a final barrier so everything read is acknowledged, then end of input.
    if (interval > 0) barrier();
    finishNode(node);
    if (interval > 0) {
      auto deadline = Clock::now() + std::chrono::seconds(30);
      while (!aborted && completedCheckpoint(s) < seq && Clock::now() < deadline)
        t.parker.park(std::chrono::milliseconds(20), [] { return false; });
      complete();
    }
  }

  bool durationExpired() const {
    return options.durationMs > 0 &&
           Clock::now() - started >= std::chrono::milliseconds(options.durationMs);
  }

  void runOperator(Task& t) {
    NodeRt& root = nodes[t.nodes.front()];
    const int64_t tick = root.node->tickIntervalMs();
    auto nextTick = Clock::now() + std::chrono::milliseconds(tick);
    while (!aborted && !root.finished) {
      bool progress = false;
      size_t waiting = 0;
      for (uint32_t edge : t.inputs) {
        Message m;
        for (int k = 0; k < 64 && !edges[edge].ended && edges[edge].channel->tryPop(m); ++k) {
          handle(edge, m);
          progress = true;
        }
        waiting += edges[edge].channel->readAvailable();
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
        for (uint32_t edge : t.inputs)
          if (edges[edge].channel->readAvailable() > 0) return true;
        return false;
      });
    }
    if (aborted) {
      // Return queued batches so nothing leaks; producers stop on the aborted flag.
      for (uint32_t edge : t.inputs) {
        Message m;
        while (edges[edge].channel->tryPop(m))
          if (m.batch) pool->release(m.batch);
      }
    }
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
    closeTask(t);
    if (aborted && !t.inputs.empty()) {
      Message m;
      for (uint32_t edge : t.inputs)
        while (edges[edge].channel->tryPop(m))
          if (m.batch) pool->release(m.batch);
    }
    if (running.fetch_sub(1) == 1) {
      std::lock_guard lock(doneMutex);
      doneCv.notify_all();
    }
  }
};

namespace {

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
  // Nodes.
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
    if (n.spec->create) n.node = n.spec->create();
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
    n.metrics->watermark.set(kNoWatermark);
    n.outputs.resize(n.spec->outputs.size());
    n.taps = std::make_unique<std::atomic<TapSink*>[]>(n.spec->outputs.size());
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
    e.barrier.assign(x.sources.size(), 0);
    e.carries.assign(x.sources.size(), 0);
    auto id = static_cast<uint32_t>(x.edges.size());
    x.nodes[e.from].outputs[e.fromPort].push_back(id);
    x.nodes[e.to].inEdges.push_back(id);
    x.edges.push_back(std::move(e));
  }
  if (diags.hasErrors()) return false;

  // What each source reaches: edges carrying its data and the sinks that acknowledge barriers.
  x.sinkAck = std::vector<std::vector<std::atomic<uint64_t>>>(x.nodes.size());
  for (auto& acks : x.sinkAck)
    acks = std::vector<std::atomic<uint64_t>>(x.sources.size());
  x.sinksOfSource.resize(x.sources.size());
  for (size_t s = 0; s < x.sources.size(); ++s) {
    std::vector<uint8_t> seen(x.nodes.size(), 0);
    std::vector<uint32_t> stack{x.sources[s]};
    while (!stack.empty()) {
      uint32_t n = stack.back();
      stack.pop_back();
      if (seen[n]) continue;
      seen[n] = 1;
      if (x.nodes[n].isSink) x.sinksOfSource[s].push_back(n);
      for (const auto& port : x.nodes[n].outputs)
        for (uint32_t edge : port) {
          x.edges[edge].carries[s] = 1;
          stack.push_back(x.edges[edge].to);
        }
    }
  }
  for (auto& n : x.nodes)
    n.lastBarrier.assign(x.sources.size(), 0);

  // Watermark strategies flow from each window up to the sources that feed it.
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
      if (rt.source) {
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

}  // namespace

bool Execution::check(const Pipeline& pipeline, const NodeRegistry& registry, Diagnostics& diags) {
  Impl x;
  x.document = pipeline.toJson();
  x.resources = std::make_shared<ResourceRegistry>();
  PlanContext plan(x.slots, x.document, *x.resources);
  return checkPlan(x, plan, pipeline, registry, false, diags);
}

std::unique_ptr<Execution> Execution::plan(const Pipeline& pipeline, const NodeRegistry& registry,
                                           const RunOptions& options, Diagnostics& diags) {
  auto impl = std::make_unique<Impl>();
  Impl& x = *impl;
  x.options = options;
  x.document = pipeline.toJson();
  x.resources = options.resources ? options.resources : std::make_shared<ResourceRegistry>();
  PlanContext plan(x.slots, x.document, *x.resources);
  if (!checkPlan(x, plan, pipeline, registry, true, diags)) return nullptr;

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
    bool fuse = options.fuse && rt.spec->stateless && rt.inEdges.size() == 1;
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
    e.channel = std::make_unique<Channel>(options.queueCapacity, producer.parker, consumer.parker);
    consumer.inputs.push_back(id);
    x.nodes[e.to].metrics->queueCapacity.set(x.nodes[e.to].metrics->queueCapacity.get() +
                                             static_cast<int64_t>(options.queueCapacity));
  }

  x.pool =
      std::make_unique<BatchPool>(options.batchCapacity, std::max<uint32_t>(1, x.slots.size()));
  for (uint32_t i = 0; i < x.nodes.size(); ++i) {
    Impl::NodeRt& rt = x.nodes[i];
    rt.emitter = std::make_unique<Impl::NodeEmitter>(x, i);
    rt.ctx = std::make_unique<RunContext>(rt.id, *rt.metrics, x.slots, *x.resources, x.stop);
  }
  if (options.maxRecords > 0) x.remaining = options.maxRecords;
  return std::unique_ptr<Execution>(new Execution(std::move(impl)));
}

Execution::Execution(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Execution::~Execution() {
  bool started = false;
  for (auto& t : impl_->tasks)
    started |= t->thread.joinable();
  if (!started) return;
  requestStop();
  // A stop that does not drain in time becomes an abort, so destruction cannot hang.
  if (!wait(10'000)) {
    impl_->aborted = true;
    for (auto& t : impl_->tasks)
      t->parker.notify();
  }
  for (auto& t : impl_->tasks)
    if (t->thread.joinable()) t->thread.join();
}

void Execution::start() {
  Impl& x = *impl_;
  x.started = Clock::now();
  x.running = x.tasks.size();
  if (x.tasks.empty()) return;
  for (auto& t : x.tasks) {
    Impl::Task* task = t.get();
    t->thread = std::thread([&x, task] { x.runTask(*task); });
  }
}

bool Execution::setTap(const std::string& nodeId, const std::string& port,
                       std::shared_ptr<TapSink> tap) {
  Impl& x = *impl_;
  for (Impl::NodeRt& n : x.nodes) {
    if (n.id != nodeId) continue;
    const int index = port.empty() ? 0 : n.spec->outputIndex(port);
    if (index < 0 || static_cast<size_t>(index) >= n.spec->outputs.size()) return false;
    std::lock_guard lock(x.tapMutex);
    if (tap) x.tapsKept.push_back(tap);
    n.taps[index].store(tap.get(), std::memory_order_release);
    return true;
  }
  return false;
}

void Execution::requestStop() {
  Impl& x = *impl_;
  x.stop = true;
  for (uint32_t s : x.sources)
    x.nodes[s].source->requestStop();
  for (auto& t : x.tasks)
    t->parker.notify();
}

bool Execution::wait(int64_t timeoutMs) {
  Impl& x = *impl_;
  std::unique_lock lock(x.doneMutex);
  auto done = [&] { return x.running.load() == 0; };
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

std::vector<const NodeMetrics*> Execution::metrics() const {
  std::vector<const NodeMetrics*> out;
  for (const auto& n : impl_->nodes)
    out.push_back(n.metrics.get());
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
