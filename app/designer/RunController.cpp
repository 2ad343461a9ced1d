#include "app/designer/RunController.h"

#include "engine/runtime/WatermarkGenerator.h"

#include <algorithm>
#include <deque>
#include <mutex>
#include <utility>

#include "app/designer/WireWatch.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/PipelineSettings.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Log.h"
#include "engine/runtime/Metrics.h"
#include "engine/runtime/Planner.h"
#include "engine/runtime/Supervisor.h"
#include "engine/state/CheckpointStore.h"

namespace sc::designer {

RunController::RunController(const NodeRegistry& registry, QObject* parent)
    : QObject(parent),
      registry_(registry),
      resources_(std::make_shared<ResourceRegistry>()),
      output_(std::make_shared<WireTap>(kOutputKeep, kOutputKeep)) {
  poll_.setInterval(kPollMs);
  connect(&poll_, &QTimer::timeout, this, &RunController::poll);
}

RunController::~RunController() {
  if (supervisor_) supervisor_->requestStop();
  supervisor_.reset();  // joins the threads (bounded by the engine)
}

namespace {

// The checkpoint options of a run of `resolved`, as streamcanvas-run sets them.
CheckpointOptions checkpointOptions(const Pipeline& resolved) {
  const PipelineSettings settings = readSettings(resolved.settings);
  CheckpointOptions c;
  c.intervalMs = settings.checkpointIntervalMs;
  c.exactlyOnce = settings.exactlyOnce;
  c.dir = settings.checkpointDir.empty() ? state::defaultCheckpointDir(resolved.name)
                                         : settings.checkpointDir;
  return c;
}

}  // namespace

RunController::Resumable RunController::resumable(const Pipeline& pipeline) const {
  Resumable out;
  PlannedPipeline checked =
      planPipeline(pipeline, registry_, PlanPurpose::Check, processEnvironment());
  if (!checked.ok()) {
    out.problems = QString::fromStdString(Logger::global().redact(checked.diagnostics.format()));
    return out;
  }
  out.ok = true;
  const state::CheckpointStore store(checkpointOptions(checked.resolved).dir);
  out.dir = QString::fromStdString(store.dir());
  state::CheckpointStore::Loaded latest = store.loadLatest();
  for (const auto& w : latest.warnings)
    out.warnings << QString::fromStdString(w);
  // A finished run's checkpoint holds nothing to resume: the next Run starts over.
  if (latest.checkpoint && !latest.checkpoint->finished) {
    out.checkpoint = std::make_shared<const state::Checkpoint>(std::move(*latest.checkpoint));
    out.path = QString::fromStdString(latest.path);
  }
  return out;
}

bool RunController::start(const Pipeline& pipeline, QString* problems, StartFrom from) {
  if (isActive()) return false;
  refusedCheckpoint_ = false;
  auto refuse = [&](const std::string& text) {
    if (problems) *problems = QString::fromStdString(Logger::global().redact(text));
    return false;
  };
  // The checks first (as the runner does): the settings that place the checkpoints are read
  // from the resolved document.
  PlannedPipeline checked =
      planPipeline(pipeline, registry_, PlanPurpose::Check, processEnvironment());
  for (auto& s : checked.secrets)
    Logger::global().addSecret(std::move(s));
  if (!checked.ok()) return refuse(checked.diagnostics.format());

  RunOptions options;
  options.resources = resources_;
  options.stopMode = StopMode::Savepoint;
  options.checkpoints = checkpointOptions(checked.resolved);
  const state::CheckpointStore store(options.checkpoints.dir);
  if (from == StartFrom::Fresh) {
    if (std::string error = store.removeAll(); !error.empty()) return refuse(error);
  } else {
    state::CheckpointStore::Loaded latest = store.loadLatest();
    for (const auto& w : latest.warnings)
      Logger::global().warn("checkpoint", w);
    if ((latest.checkpoint && latest.checkpoint->finished) || store.finishedRun()) {
      // The last run read every input to its end: Run starts over, as it always has in the
      // designer (the runner restores such a checkpoint when its process died before removing
      // it, and keeps its record of a finished run until --fresh; in the designer the run ended
      // in this process, so it was cleaned up properly).
      if (std::string error = store.removeAll(); !error.empty()) return refuse(error);
      latest.checkpoint.reset();
    }
    if (latest.checkpoint) {
      const state::Checkpoint& c = *latest.checkpoint;
      Logger::global().info("designer", "resuming from " +
                                            std::string(c.savepoint ? "savepoint" : "checkpoint") +
                                            " " + std::to_string(c.id) + " in " + store.dir());
      refusedCheckpoint_ = c.graphHash != Execution::graphHash(checked.resolved);
      options.checkpoints.restore =
          std::make_shared<state::Checkpoint>(std::move(*latest.checkpoint));
    }
  }
  const std::vector<uint64_t> ids = store.ids();
  options.checkpoints.firstId = ids.empty() ? 1 : ids.back() + 1;

  // The Output view shows what console sinks print: it taps the ports that feed them.
  outputPorts_.clear();
  consoleSinks_ = 0;
  for (const auto& node : checked.resolved.nodes) {
    if (node.type != "console.sink") continue;
    ++consoleSinks_;
    for (const auto& edge : checked.resolved.edges)
      if (edge.to.node == node.id)
        outputPorts_.append(
            {QString::fromStdString(edge.from.node), QString::fromStdString(edge.fromPort())});
  }
  output_->reset();
  for (Watch& w : taps_) {
    w.tap->reset();
    if (w.breakpoint) w.breakpoint->reset();
  }

  runPipeline_ = pipeline;
  Q_EMIT starting(pipeline);
  // The restart strategy of the pipeline's settings, as streamcanvas-run applies it.
  auto supervisor = std::make_unique<Supervisor>(pipeline, registry_, options,
                                                 readSettings(checked.resolved.settings).restart,
                                                 processEnvironment(), "designer");
  supervisor->setBeforeStart([this](Execution& x) { bindAttempt(x); });
  if (!supervisor->start()) {
    const Supervisor::Outcome& outcome = supervisor->outcome();
    return refuse(outcome.configurationError ? outcome.diagnostics.format() : outcome.message);
  }
  refusedCheckpoint_ = false;
  discardOnFinish_ = false;
  checkpointDir_ = QString::fromStdString(options.checkpoints.dir);
  checkpointStats_ = {};
  lastRestarts_ = 0;
  supervisor_ = std::move(supervisor);
  state_ = State::Running;
  clock_.start();
  sincePoll_.start();
  finishedAfter_ = 0;
  engineSeconds_ = 0;
  poll_.start();
  Q_EMIT started();
  Q_EMIT statsUpdated();
  return true;
}

// A new attempt has a new Execution: counters start again, and the tap moves over before it
// starts.
void RunController::bindAttempt(Execution& x) {
  attachedPorts_.clear();  // a new execution has nothing attached
  attachWatches(&x);
  for (auto it = observers_.cbegin(); it != observers_.cend(); ++it)
    x.setObserver(it.key().first.toStdString(), it.key().second.toStdString(), it.value());
  if (attemptHook_) attemptHook_(x);
  stats_.clear();
  edgeStats_.clear();
  for (const EdgeMetrics* e : x.edgeMetrics())
    edgeStats_.push_back({QString::fromStdString(e->from), QString::fromStdString(e->to),
                          QString::fromStdString(e->toPort), 0, e->capacity});
  for (const NodeMetrics* m : x.metrics()) {
    NodeStats stats;
    stats.id = QString::fromStdString(m->nodeId);
    stats.type = QString::fromStdString(m->type);
    for (const auto& [name, value] : m->gaugeValues())
      stats.gauges.push_back({QString::fromStdString(name), value});
    stats_.push_back(stats);
  }
}

Execution* RunController::run() const {
  return supervisor_ ? supervisor_->execution() : nullptr;
}

int RunController::restarts() const {
  return supervisor_ ? supervisor_->restarts() : lastRestarts_;
}

int64_t RunController::restartInMs() const {
  return supervisor_ ? supervisor_->restartInMs() : 0;
}

std::shared_ptr<WireTap> RunController::setTap(const QString& nodeId, const QString& port) {
  tapNode_ = nodeId;
  tapPort_ = port;
  if (auto existing = tap(nodeId, port)) return existing;
  taps_.append(
      {nodeId, port, std::make_shared<WireTap>(kTapPerBatch, kTapKeep, kTapPerTenth), nullptr});
  attachWatches(run());
  Q_EMIT tapsChanged();
  return taps_.back().tap;
}

void RunController::setAttemptHook(std::function<void(Execution&)> hook) {
  attemptHook_ = std::move(hook);
  if (attemptHook_ && run()) attemptHook_(*run());
}

void RunController::removeTap(const QString& nodeId, const QString& port) {
  for (qsizetype i = 0; i < taps_.size(); ++i) {
    if (taps_[i].node != nodeId || taps_[i].port != port) continue;
    const Watch gone = taps_.takeAt(i);
    attachWatches(run());
    if (gone.breakpoint) gone.breakpoint->release();  // a held record passes
    if (tapNode_ == nodeId && tapPort_ == port) {
      tapNode_ = taps_.isEmpty() ? QString() : taps_.back().node;
      tapPort_ = taps_.isEmpty() ? QString() : taps_.back().port;
    }
    Q_EMIT tapsChanged();
    return;
  }
}

std::shared_ptr<WireTap> RunController::tap(const QString& nodeId, const QString& port) const {
  for (const Watch& w : taps_)
    if (w.node == nodeId && w.port == port) return w.tap;
  return nullptr;
}

QList<QPair<QString, QString>> RunController::tappedPorts() const {
  QList<QPair<QString, QString>> out;
  for (const Watch& w : taps_)
    out.append({w.node, w.port});
  return out;
}

std::shared_ptr<WireBreakpoint> RunController::setBreakpoint(const QString& nodeId,
                                                             const QString& port, bool on,
                                                             const QString& condition) {
  for (Watch& w : taps_) {
    if (w.node != nodeId || w.port != port) continue;
    if (!on) {
      if (auto gone = std::exchange(w.breakpoint, nullptr)) {
        attachWatches(run());
        gone->release();
        Q_EMIT tapsChanged();
      }
      return nullptr;
    }
    if (!w.breakpoint) {
      w.breakpoint = std::make_shared<WireBreakpoint>();
      w.breakpoint->setCondition(condition.toStdString());
      attachWatches(run());
    }
    w.breakpoint->setCondition(condition.toStdString());
    Q_EMIT tapsChanged();  // the canvas marks it (with or without a condition)
    return w.breakpoint;
  }
  return nullptr;
}

std::shared_ptr<WireBreakpoint> RunController::breakpoint(const QString& nodeId,
                                                          const QString& port) const {
  for (const Watch& w : taps_)
    if (w.node == nodeId && w.port == port) return w.breakpoint;
  return nullptr;
}

// Attaches every tap and breakpoint to `x`, one tap sink per port (several taps on one port
// share a fan-out), and detaches what is no longer wanted.
void RunController::attachWatches(Execution* x) {
  if (!x) return;
  QList<QPair<QString, QString>> ports = outputPorts_;
  for (const Watch& w : taps_)
    if (!ports.contains(qMakePair(w.node, w.port))) ports.append({w.node, w.port});
  for (const auto& [node, port] : attachedPorts_)
    if (!ports.contains(qMakePair(node, port))) {
      x->setTap(node.toStdString(), port.toStdString(), nullptr);
      x->setBreakpoint(node.toStdString(), port.toStdString(), nullptr);
    }
  for (const auto& [node, port] : ports) {
    std::vector<std::shared_ptr<TapSink>> sinks;
    std::shared_ptr<WireBreakpoint> breakpoint;
    if (outputPorts_.contains(qMakePair(node, port))) sinks.push_back(output_);
    for (const Watch& w : taps_)
      if (w.node == node && w.port == port) {
        sinks.push_back(w.tap);
        breakpoint = w.breakpoint;
      }
    std::shared_ptr<TapSink> sink =
        sinks.size() == 1 ? sinks.front() : std::make_shared<TapFanOut>(std::move(sinks));
    x->setTap(node.toStdString(), port.toStdString(), sink);
    x->setBreakpoint(node.toStdString(), port.toStdString(), breakpoint);
  }
  attachedPorts_ = ports;
}

void RunController::setObserver(const QString& nodeId, const QString& port,
                                std::shared_ptr<TapSink> sink) {
  if (sink)
    observers_.insert({nodeId, port}, sink);
  else
    observers_.remove({nodeId, port});
  if (Execution* x = run()) x->setObserver(nodeId.toStdString(), port.toStdString(), sink);
}

std::optional<qint64> RunController::NodeStats::gauge(const QString& name) const {
  for (const auto& [n, v] : gauges)
    if (n == name) return v;
  return std::nullopt;
}

void RunController::stop() {
  if (state_ != State::Running) return;
  state_ = State::Stopping;
  supervisor_->requestStop();
}

void RunController::discardRun() {
  stop();
  discardOnFinish_ = isActive();
  const QList<Watch> gone = std::exchange(taps_, {});
  tapNode_.clear();
  tapPort_.clear();
  outputPorts_.clear();
  consoleSinks_ = 0;
  attachWatches(run());  // detaches the taps from a run still stopping
  for (const Watch& w : gone)
    if (w.breakpoint) w.breakpoint->release();
  output_->reset();
  runPipeline_.reset();
  stats_.clear();
  edgeStats_.clear();
  finishedAfter_ = 0;
  checkpointStats_ = {};
  checkpointDir_.clear();
  lastRestarts_ = 0;
  Q_EMIT tapsChanged();
  Q_EMIT cleared();
}

QList<QPair<QString, QString>> RunController::embeddedClusters() const {
  QList<QPair<QString, QString>> out;
  for (const auto& [name, boot] : kafka::embeddedClusters(*resources_))
    out.append({QString::fromStdString(name), QString::fromStdString(boot)});
  return out;
}

double RunController::elapsedSeconds() const {
  if (state_ == State::Idle) return finishedAfter_;
  return double(clock_.nsecsElapsed()) / 1e9;
}

void RunController::collect(double intervalSeconds) {
  const std::vector<const NodeMetrics*> metrics = run()->metrics();
  for (size_t i = 0; i < metrics.size() && i < size_t(stats_.size()); ++i) {
    NodeStats& s = stats_[qsizetype(i)];
    const quint64 in = metrics[i]->recordsIn.get(), out = metrics[i]->recordsOut.get();
    if (intervalSeconds > 0) {
      s.inPerSecond = double(in - s.recordsIn) / intervalSeconds;
      s.outPerSecond = double(out - s.recordsOut) / intervalSeconds;
    }
    const qint64 nowMs = clock_.elapsed();
    if (in > s.recordsIn) s.inputGrewMs = nowMs;
    if (out > s.recordsOut) s.outputGrewMs = nowMs;
    s.recordsIn = in;
    s.recordsOut = out;
    const int64_t watermark = metrics[i]->watermark.get();
    if (watermark != WatermarkGenerator::kNoWatermark && watermark != 0 && watermark != INT64_MAX)
      s.watermark = watermark;
    s.errors = metrics[i]->errors.get();
    s.bytesIn = metrics[i]->bytesIn.get();
    s.bytesOut = metrics[i]->bytesOut.get();
    // Nodes register gauges as they open, on their own threads: the list grows at first.
    const auto gauges = metrics[i]->gaugeValues();
    s.gauges.resize(qsizetype(gauges.size()));
    for (size_t g = 0; g < gauges.size(); ++g)
      s.gauges[qsizetype(g)] = {QString::fromStdString(gauges[g].first), gauges[g].second};
  }
  const std::vector<const EdgeMetrics*> edges = run()->edgeMetrics();
  for (size_t i = 0; i < edges.size() && i < size_t(edgeStats_.size()); ++i)
    edgeStats_[qsizetype(i)].fill = edges[i]->fill.get();
}

void RunController::poll() {
  if (!supervisor_) return;
  const double interval = double(sincePoll_.restart()) / 1000.0;
  const uint64_t attempt = supervisor_->attempt();
  const Supervisor::Phase phase = supervisor_->step();
  if (supervisor_->attempt() != attempt) {  // a restart began a new attempt (already bound)
    Q_EMIT statsUpdated();
    return;
  }
  if (run()) {
    collect(interval);
    checkpointStats_ = run()->checkpointStats();
  }
  if (phase != Supervisor::Phase::Done) {
    if (phase == Supervisor::Phase::WaitingToRestart)
      for (NodeStats& s : stats_)
        s.inPerSecond = s.outPerSecond = 0;
    Q_EMIT statsUpdated();
    return;
  }
  poll_.stop();
  finishedAfter_ = double(clock_.nsecsElapsed()) / 1e9;
  engineSeconds_ = run() ? run()->runSeconds() : 0;
  for (NodeStats& s : stats_)
    s.inPerSecond = s.outPerSecond = 0;
  const Supervisor::Outcome outcome = supervisor_->outcome();
  lastFinishedInputs_ = outcome.result.finished;
  // The finished run's tap stays readable until the next run replaces it.
  lastRestarts_ = supervisor_->restarts();
  supervisor_.reset();
  state_ = State::Idle;
  for (EdgeStats& e : edgeStats_)
    e.fill = 0;
  if (std::exchange(discardOnFinish_, false)) {  // its document was replaced meanwhile
    stats_.clear();
    edgeStats_.clear();
    finishedAfter_ = 0;
    checkpointStats_ = {};
    checkpointDir_.clear();
    lastRestarts_ = 0;
  }
  Q_EMIT statsUpdated();
  const RunResult& result = outcome.result;
  QString message = QString::fromStdString(Logger::global().redact(
      outcome.configurationError ? outcome.diagnostics.format() : result.message));
  Q_EMIT finished(outcome.ok, QString::fromStdString(result.failedNode), message);
}

}  // namespace sc::designer
