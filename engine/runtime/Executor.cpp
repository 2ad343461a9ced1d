#include "engine/runtime/Executor.h"

#include "engine/runtime/ExecutionImpl.h"

namespace sc {

using exec_detail::Clock;

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

double Execution::runSeconds() const {
  return double(impl_->runNanos.load()) / 1e9;
}

size_t Execution::threadCount() const {
  return impl_->tasks.size();
}

}  // namespace sc
