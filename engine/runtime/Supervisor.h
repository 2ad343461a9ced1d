#pragma once
// Runs a pipeline under its restart strategy, for streamcanvas-run and the designer alike
// (Flink's restart strategies): every attempt resumes from the newest readable checkpoint; a node
// failure restarts the pipeline after the strategy's delay and logs the attempt; configuration
// errors are never retried; when the attempts run out the run fails with the cause and the node.
// A restore that finds the newest checkpoint's Kafka transaction uncommitted starts again from
// the checkpoint before, which is not counted as a restart.
//
// Non-blocking: the owner calls step() from its own loop (the runner's wait loop, the designer's
// poll timer) and reads the current attempt's Execution for metrics and taps.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/PipelineSettings.h"
#include "engine/runtime/Executor.h"

namespace sc {

class NodeRegistry;

class Supervisor {
 public:
  enum class Phase {
    Running,           // an attempt runs
    WaitingToRestart,  // the last attempt failed; the next starts after the strategy's delay
    Done,              // finished, stopped or failed for good: see outcome()
  };

  struct Outcome {
    bool ok = false;
    bool configurationError = false;  // planning refused the pipeline (diagnostics say why)
    bool alreadyFinished = false;     // the newest checkpoint is of a finished run: nothing ran
    Diagnostics diagnostics;          // the planning errors of a refused attempt
    RunResult result;                 // the last attempt's result
    CheckpointStats checkpoints;      // the last attempt's checkpoints
    std::string message;              // for people: what happened, with the node
  };

  // `options.checkpoints` carries the interval, delivery, folder and allowChangedGraph; the
  // supervisor fills in restore and firstId per attempt (a restore and firstId already set are
  // the first attempt's). `component` names the log lines.
  Supervisor(Pipeline pipeline, const NodeRegistry& registry, RunOptions options,
             RestartStrategy restart, EnvLookup env = processEnvironment(),
             std::string component = "runner");
  ~Supervisor();
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  // Called with every attempt's Execution after planning, before it starts (attach taps here).
  void setBeforeStart(std::function<void(Execution&)> hook) { beforeStart_ = std::move(hook); }
  // Called once an attempt has ended, before anything else happens to its Execution (which the
  // next attempt destroys): detach what watches it.
  void setAttemptEnded(std::function<void(const Execution&)> hook) {
    attemptEnded_ = std::move(hook);
  }

  // Plans and starts the first attempt. False: Done at once with a configuration error (see
  // outcome()). The owner of a run that finished removes its checkpoints once it has shut
  // everything down; if it died first, the next start restores the final checkpoint, which
  // checks that its Kafka transactions committed and leaves the output alone.
  bool start();
  // Advances without blocking: collects an attempt that ended and decides what follows.
  Phase step();
  Phase phase() const { return phase_; }
  // Any thread? No: the owner's thread. Stops the current attempt as RunOptions::stopMode says;
  // while waiting to restart, gives up at once.
  void requestStop();
  bool stopRequested() const { return stopRequested_; }

  // The current attempt (or the last one when Done); null if none was planned.
  Execution* execution() const { return execution_.get(); }
  // Counts the attempts started, for owners that re-attach taps or views to a new Execution.
  uint64_t attempt() const { return attempts_; }
  int restarts() const { return restarts_; }
  // Milliseconds until the next attempt while WaitingToRestart.
  int64_t restartInMs() const;
  const Outcome& outcome() const { return outcome_; }
  // Secrets substituted while planning (for log redaction).
  const std::vector<std::string>& secrets() const { return secrets_; }

 private:
  bool startAttempt(bool keepRestore);
  void finish(bool ok, std::string message);

  Pipeline pipeline_;
  const NodeRegistry& registry_;
  RunOptions options_;
  RestartStrategy restart_;
  EnvLookup env_;
  std::string component_;

  Phase phase_ = Phase::Done;
  std::unique_ptr<Execution> execution_;
  uint64_t attempts_ = 0;
  int restarts_ = 0;
  bool stopRequested_ = false;
  std::optional<uint64_t> restoreAtMost_;  // a sink found a newer checkpoint's output uncommitted
  std::chrono::steady_clock::time_point restartAt_;
  std::chrono::steady_clock::time_point started_;
  int64_t totalDurationMs_ = 0;  // RunOptions::durationMs for all attempts together
  Outcome outcome_;
  std::vector<std::string> secrets_;
  std::function<void(Execution&)> beforeStart_;
  std::function<void(const Execution&)> attemptEnded_;
};

}  // namespace sc
