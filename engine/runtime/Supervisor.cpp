#include "engine/runtime/Supervisor.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "engine/graph/NodeConfig.h"
#include "engine/runtime/FaultPoint.h"
#include "engine/runtime/Log.h"
#include "engine/runtime/Planner.h"
#include "engine/state/CheckpointStore.h"

namespace sc {

Supervisor::Supervisor(Pipeline pipeline, const NodeRegistry& registry, RunOptions options,
                       RestartStrategy restart, EnvLookup env, std::string component)
    : pipeline_(std::move(pipeline)),
      registry_(registry),
      options_(std::move(options)),
      restart_(restart),
      env_(std::move(env)),
      component_(std::move(component)) {}

Supervisor::~Supervisor() = default;

bool Supervisor::start() {
  outcome_ = {};
  started_ = std::chrono::steady_clock::now();
  totalDurationMs_ = options_.durationMs;
  // A checkpoint the owner already loaded (to ask the user) is the first attempt's.
  return startAttempt(options_.checkpoints.restore != nullptr);
}

bool Supervisor::startAttempt(bool keepRestore) {
  Logger& log = Logger::global();
  // Resume from the newest readable checkpoint of this pipeline, if any.
  const state::CheckpointStore store(options_.checkpoints.dir);
  if (!keepRestore) options_.checkpoints.restore.reset();
  if (!keepRestore && !options_.checkpoints.dir.empty()) {
    state::CheckpointStore::Loaded latest = store.loadLatest(restoreAtMost_);
    for (const auto& w : latest.warnings)
      log.warn("checkpoint", w);
    const std::vector<uint64_t> ids = store.ids();
    options_.checkpoints.firstId = ids.empty() ? 1 : ids.back() + 1;
    if (latest.checkpoint) {
      const state::Checkpoint& c = *latest.checkpoint;
      // A finished run's last checkpoint is still here when its process died before removing
      // it: restoring it checks that its Kafka transactions committed (falling back otherwise)
      // and leaves the output as it is; with nothing left to read, the run ends at once.
      log.info(component_,
               "resuming from " + std::string(c.savepoint ? "savepoint " : "checkpoint ") +
                   std::to_string(c.id) + (c.finished ? " (the last of a run that finished)" : "") +
                   " in " + store.dir() + " (" + std::to_string(c.bytes()) +
                   " bytes of state; --fresh starts over)");
      options_.checkpoints.restore =
          std::make_shared<state::Checkpoint>(std::move(*latest.checkpoint));
    }
  }
  execution_.reset();
  // A duration (--duration) covers every attempt together, restarts included.
  if (totalDurationMs_ > 0)
    options_.durationMs = std::max<int64_t>(
        1, totalDurationMs_ - std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - started_)
                                  .count());
  PlannedPipeline planned = planPipeline(pipeline_, registry_, PlanPurpose::Run, env_, options_);
  for (auto& s : planned.secrets) {
    log.addSecret(s);
    secrets_.push_back(std::move(s));
  }
  if (!planned.ok() || !planned.execution) {
    // Configuration errors (a checkpoint of another graph among them) are never retried.
    for (const Diagnostic& d : planned.diagnostics.items())
      if (d.severity == Severity::Error) outcome_.diagnostics.items().push_back(d);
    outcome_.configurationError = true;
    finish(false, log.redact(outcome_.diagnostics.format()));
    return false;
  }
  execution_ = std::move(planned.execution);
  ++attempts_;
  if (beforeStart_) beforeStart_(*execution_);
  execution_->start();
  phase_ = Phase::Running;
  return true;
}

void Supervisor::finish(bool ok, std::string message) {
  outcome_.ok = ok;
  outcome_.message = std::move(message);
  phase_ = Phase::Done;
}

void Supervisor::requestStop() {
  stopRequested_ = true;
  if (phase_ == Phase::Running && execution_) execution_->requestStop();
}

int64_t Supervisor::restartInMs() const {
  if (phase_ != Phase::WaitingToRestart) return 0;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      restartAt_ - std::chrono::steady_clock::now());
  return std::max<int64_t>(0, left.count());
}

Supervisor::Phase Supervisor::step() {
  Logger& log = Logger::global();
  if (phase_ == Phase::WaitingToRestart) {
    if (stopRequested_) {
      finish(false, "stopped while waiting to restart; the last checkpoint is kept");
      log.error(component_, outcome_.message);
      return phase_;
    }
    if (std::chrono::steady_clock::now() >= restartAt_) startAttempt(false);
    return phase_;
  }
  if (phase_ != Phase::Running || !execution_->wait(0)) return phase_;

  if (attemptEnded_) attemptEnded_(*execution_);
  const RunResult result = execution_->result();
  outcome_.result = result;
  outcome_.checkpoints = execution_->checkpointStats();
  if (result.ok) {
    // The checkpoints of a finished run stay until its owner has shut everything down (the
    // runner removes them as the last thing before it exits); a crash in between restores the
    // final checkpoint (see startAttempt()).
    if (result.finished) faultPoint("run.finished");
    finish(true, "");
    return phase_;
  }
  const std::string where = result.failedNode.empty() ? "" : " in node '" + result.failedNode + "'";
  if (result.restoreOlderThan > 0 && !stopRequested_) {
    // Not a failure of the pipeline: choosing the checkpoint to start from.
    restoreAtMost_ = result.restoreOlderThan - 1;
    log.warn(component_, result.message);
    startAttempt(false);
    return phase_;
  }
  // A run stopped on purpose (a stop request, the duration spent) that failed while stopping
  // is not restarted, nor one whose failure a restart would only repeat.
  const bool durationSpent =
      totalDurationMs_ > 0 &&
      std::chrono::steady_clock::now() - started_ >= std::chrono::milliseconds(totalDurationMs_);
  if (stopRequested_ || durationSpent || result.restoreFailed || result.permanent) {
    finish(false, "pipeline failed" + where + ": " + result.message);
    log.error(component_, outcome_.message);
    return phase_;
  }
  const int64_t delay = restart_.delayBefore(restarts_ + 1);
  if (delay < 0) {
    finish(false, "pipeline failed" + where + ": " + result.message +
                      (restarts_ > 0 ? " (after " + std::to_string(restarts_) + " restart(s); " +
                                           restart_.describe() + ")"
                                     : ""));
    log.error(component_, outcome_.message);
    return phase_;
  }
  ++restarts_;
  log.warn(component_,
           "pipeline failed" + where + ": " + result.message + "; restarting from " +
               (outcome_.checkpoints.lastId || options_.checkpoints.restore ? "the last checkpoint"
                                                                            : "the start") +
               " in " + formatDurationMs(delay) + " (restart " + std::to_string(restarts_) +
               " of " + std::to_string(restart_.attempts) + ")");
  restartAt_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay);
  phase_ = Phase::WaitingToRestart;
  return phase_;
}

}  // namespace sc
