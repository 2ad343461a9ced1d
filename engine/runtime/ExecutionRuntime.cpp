// The running engine: Execution::Impl's data flow (batches, watermarks, barriers, end of input),
// checkpoint coordination and the tasks' threads. The state it works on is declared in
// ExecutionImpl.h; building it from a pipeline is ExecutionPlan.cpp, the public API Executor.cpp.
#include "engine/runtime/ExecutionImpl.h"

namespace sc {

void Execution::Impl::fail(uint32_t node, const std::string& message, bool permanent) {
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

void Execution::Impl::abortAll() {
  aborted = true;
  stop = true;
  for (auto& t : tasks)
    t->parker.notify();
  ckCv.notify_all();
}

void Execution::Impl::emit(uint32_t from, int port, Batch* batch) {
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

void Execution::Impl::forward(uint32_t from, int port, Batch* batch) {
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

void Execution::Impl::emitHeld(uint32_t from, int port, Batch* batch, Breakpoint& bp) {
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

void Execution::Impl::sourceBlocked(uint32_t from) {
  if (SourceNode* source = nodes[tasks[nodes[from].task]->nodes.front()].source) {
    try {
      source->whileBlocked();
    } catch (...) {  // monitoring never fails the pipeline
    }
  }
}

void Execution::Impl::deliver(uint32_t edge, Batch* batch) {
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

void Execution::Impl::push(EdgeRt& e, const Message& m) {
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

void Execution::Impl::dataIn(uint32_t edge, Batch* batch) {
  const EdgeRt& e = edges[edge];
  NodeRt& n = nodes[e.to];
  n.metrics->recordsIn.add(batch->size());
  n.metrics->batchesIn.add(1);
  auto t0 = Clock::now();
  invoke(e.to, [&] { n.node->process(e.toPort, batch, *n.emitter); });
  n.metrics->busyNanos.add(static_cast<uint64_t>((Clock::now() - t0).count()));
}

void Execution::Impl::forwardWatermark(uint32_t from, int64_t wm) {
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

void Execution::Impl::watermarkIn(uint32_t edge, int64_t wm) {
  EdgeRt& e = edges[edge];
  e.watermark = std::max(e.watermark, wm);
  advanceWatermark(e.to);
}

void Execution::Impl::advanceWatermark(uint32_t node) {
  NodeRt& n = nodes[node];
  int64_t combined = kEndWatermark;
  for (uint32_t in : n.inEdges)
    if (!edges[in].ended) combined = std::min(combined, edges[in].watermark);
  if (combined == kEndWatermark || combined <= n.watermark) return;
  n.watermark = combined;
  invoke(node, [&] { n.node->onWatermark(combined, *n.emitter); });
}

void Execution::Impl::forwardBarrier(uint32_t from, uint64_t id) {
  for (const auto& port : nodes[from].outputs)
    for (uint32_t edge : port) {
      EdgeRt& e = edges[edge];
      if (e.channel)
        push(e, Message{Message::Type::Barrier, nullptr, static_cast<int64_t>(id), 0});
      else
        barrierIn(edge, id);
    }
}

void Execution::Impl::barrierIn(uint32_t edge, uint64_t id) {
  EdgeRt& e = edges[edge];
  e.held = id;
  e.heldSince = Clock::now();
  tryAlign(e.to);
}

void Execution::Impl::tryAlign(uint32_t node) {
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

void Execution::Impl::barrierAt(uint32_t node, uint64_t id, int64_t alignedNs) {
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

void Execution::Impl::endIn(uint32_t edge, bool stopped) {
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

void Execution::Impl::endNode(uint32_t node, bool stopped) {
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

void Execution::Impl::handle(uint32_t edge, const Message& m) {
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

bool Execution::Impl::savepointOnStop() const {
  return options.stopMode == StopMode::Savepoint &&
         (!options.checkpoints.dir.empty() || options.checkpoints.scaleOut);
}

void Execution::Impl::injectTriggered(uint32_t node) {
  NodeRt& n = nodes[node];
  for (uint64_t want = triggered.load(std::memory_order_acquire); n.injected < want;)
    barrierAt(node, ++n.injected, 0);
}

uint64_t Execution::Impl::checkpointFromSource(uint32_t node) {
  uint64_t id;
  {
    std::lock_guard lock(ckMutex);
    if (stop.load() || aborted.load() || !checkpointing()) return 0;
    id = triggerLocked(false);
  }
  injectTriggered(node);
  return id;
}

uint64_t Execution::Impl::triggerLocked(bool savepoint) {
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

void Execution::Impl::beginStop() {
  if (savepointOnStop()) {
    std::lock_guard lock(ckMutex);
    if (savepointId == 0 && !stop.load()) savepointId = triggerLocked(true);
  }
  stop = true;
}

void Execution::Impl::ack(int participant, uint64_t id, std::string part, int64_t alignmentNs,
                          int64_t pauseNs) {
  std::lock_guard lock(ckMutex);
  auto it = pending.find(id);
  if (it == pending.end()) return;
  it->second.parts[participant] = std::move(part);
  it->second.alignmentNs = std::max(it->second.alignmentNs, alignmentNs);
  it->second.pauseNs = std::max(it->second.pauseNs, pauseNs);
  collectCompleteLocked();
}

void Execution::Impl::finalPart(int participant, std::string part) {
  std::lock_guard lock(ckMutex);
  finalParts[participant] = std::move(part);
  collectCompleteLocked();
}

void Execution::Impl::collectCompleteLocked() {
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

void Execution::Impl::persist(uint64_t id, Pending& p, bool finished) {
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
    if (c.parts[k].second.capacity() > spare[k].capacity()) spare[k] = std::move(c.parts[k].second);
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

bool Execution::Impl::waitForCheckpoint(uint64_t id) {
  std::unique_lock lock(ckMutex);
  ckCv.wait(lock, [&] {
    return completedId.load() >= id || failedId >= id || aborted.load() || (running.load() == 0);
  });
  return completedId.load() >= id;
}

void Execution::Impl::notifyCompleted(Task& t) {
  const uint64_t id = completedId.load(std::memory_order_acquire);
  for (uint32_t node : t.nodes) {
    NodeRt& n = nodes[node];
    if (n.participant < 0 || n.notified >= id || n.finished) continue;
    n.notified = id;
    invoke(node, [&] { n.node->notifyCheckpointComplete(id); });
  }
}

void Execution::Impl::runCoordinator() {
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

void Execution::Impl::finishRun() {
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
  runNanos = std::max<int64_t>(
      1, std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - started).count());
  std::lock_guard lock(doneMutex);
  done = true;
  doneCv.notify_all();
}

void Execution::Impl::openTask(Task& t) {
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

void Execution::Impl::runSource(Task& t) {
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

bool Execution::Impl::durationExpired() const {
  return options.durationMs > 0 &&
         Clock::now() - started >= std::chrono::milliseconds(options.durationMs);
}

void Execution::Impl::runOperator(Task& t) {
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

void Execution::Impl::drainInputs(Task& t) {
  Message m;
  for (uint32_t edge : t.inputs)
    while (edges[edge].channel->tryPop(m))
      if (m.batch) pool->release(m.batch);
}

void Execution::Impl::runTask(Task& t) {
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
}  // namespace sc
