// Checking a pipeline for the engine and building an Execution from it: nodes configured from
// their specs, threads fused, queues, watermark strategies, checkpoint participants.
#include "engine/runtime/ExecutionImpl.h"

namespace sc {

using exec_detail::BatchPool;
using exec_detail::kNoWatermark;

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

}  // namespace sc
