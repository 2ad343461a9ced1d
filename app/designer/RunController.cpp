#include "app/designer/RunController.h"

#include <algorithm>
#include <deque>
#include <mutex>
#include <utility>

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
#include "nodes/RecordJson.h"

namespace sc::designer {

// Copies a sample of the records leaving a port as JSON lines for the Tap dock. onBatch runs
// on the engine thread; take() on the GUI thread.
class WireTap final : public TapSink {
 public:
  void onBatch(const Batch& batch, const SlotTable& slots) override {
    std::lock_guard lock(mutex_);
    seen_ += batch.size();
    if (!writer_) writer_ = std::make_unique<JsonRecordWriter>(slots);
    const uint32_t rows = std::min<uint32_t>(batch.size(), RunController::kTapPerBatch);
    for (uint32_t r = 0; r < rows; ++r) {
      std::string line;
      writer_->append(batch, r, line);
      records_.push_back(std::move(line));
      if (records_.size() > size_t(RunController::kTapKeep)) records_.pop_front();
    }
  }
  QStringList take() {
    std::lock_guard lock(mutex_);
    QStringList out;
    for (std::string& line : records_)
      out << QString::fromStdString(line);
    records_.clear();
    return out;
  }
  quint64 seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  mutable std::mutex mutex_;
  std::unique_ptr<JsonRecordWriter> writer_;
  std::deque<std::string> records_;
  quint64 seen_ = 0;
};

RunController::RunController(const NodeRegistry& registry, QObject* parent)
    : QObject(parent), registry_(registry), resources_(std::make_shared<ResourceRegistry>()) {
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
    if (latest.checkpoint && latest.checkpoint->finished) {
      // The last run read every input to its end: Run starts over, as it always has in the
      // designer (the runner restores such a checkpoint when its process died before removing
      // it; in the designer the run ended in this process, so it was cleaned up properly).
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
  poll_.start();
  Q_EMIT started();
  Q_EMIT statsUpdated();
  return true;
}

// A new attempt has a new Execution: counters start again, and the tap moves over before it
// starts.
void RunController::bindAttempt(Execution& x) {
  attachTap(&x);
  if (attemptHook_) attemptHook_(x);
  stats_.clear();
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

void RunController::setTap(const QString& nodeId, const QString& port) {
  tapNode_ = nodeId;
  tapPort_ = port;
  attachTap(run());
  Q_EMIT tapChanged(tapNode_, tapPort_);
}

void RunController::setAttemptHook(std::function<void(Execution&)> hook) {
  attemptHook_ = std::move(hook);
  if (attemptHook_ && run()) attemptHook_(*run());
}

void RunController::attachTap(Execution* x) {
  // The previous tap (of this run, or the finished run's, still readable) is replaced, so its
  // count and records never show under another wire's name.
  if (x && tap_) x->setTap(attachedNode_.toStdString(), attachedPort_.toStdString(), nullptr);
  tap_.reset();
  if (!x || tapNode_.isEmpty()) return;
  tap_ = std::make_shared<WireTap>();
  if (!x->setTap(tapNode_.toStdString(), tapPort_.toStdString(), tap_)) tap_.reset();
  attachedNode_ = tapNode_;
  attachedPort_ = tapPort_;
}

QStringList RunController::takeTapRecords() {
  return tap_ ? tap_->take() : QStringList();
}

quint64 RunController::tapSeen() const {
  return tap_ ? tap_->seen() : 0;
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
  tapNode_.clear();
  tapPort_.clear();
  attachTap(run());  // detaches the tap from a run still stopping
  stats_.clear();
  finishedAfter_ = 0;
  checkpointStats_ = {};
  checkpointDir_.clear();
  lastRestarts_ = 0;
  Q_EMIT tapChanged({}, {});
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
    s.recordsIn = in;
    s.recordsOut = out;
    s.errors = metrics[i]->errors.get();
    // Nodes register gauges as they open, on their own threads: the list grows at first.
    const auto gauges = metrics[i]->gaugeValues();
    s.gauges.resize(qsizetype(gauges.size()));
    for (size_t g = 0; g < gauges.size(); ++g)
      s.gauges[qsizetype(g)] = {QString::fromStdString(gauges[g].first), gauges[g].second};
  }
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
  for (NodeStats& s : stats_)
    s.inPerSecond = s.outPerSecond = 0;
  const Supervisor::Outcome outcome = supervisor_->outcome();
  lastFinishedInputs_ = outcome.result.finished;
  // The finished run's tap stays readable until the next run replaces it.
  lastRestarts_ = supervisor_->restarts();
  supervisor_.reset();
  state_ = State::Idle;
  if (std::exchange(discardOnFinish_, false)) {  // its document was replaced meanwhile
    stats_.clear();
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
