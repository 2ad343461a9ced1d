#pragma once
// What streamcanvas-run serves with --metrics-port: the metrics of the pipeline in the Prometheus
// text exposition format (0.0.4), and its health. The runner's thread attaches each run (each
// restart is a new Execution) and detaches it before destroying it; HTTP threads render on
// demand from the run's lock-free counters. Counters keep counting across restarts: a detached
// run's totals are kept and the next run's are added to them. No Qt.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "engine/runtime/Executor.h"

namespace sc {

class RunnerMetrics {
 public:
  enum class Health {
    Starting,    // before the first run started
    Running,     // a run is going
    Restarting,  // a run failed and the restart strategy runs it again
    Failed,      // the pipeline failed for good (no restart left, or not restartable)
    Finished,    // the run ended without failure
  };

  explicit RunnerMetrics(std::string pipelineName);

  // Runner thread. attach() once `run` started; detach() once it ended and before it is
  // destroyed (its final counters are kept).
  void attach(const Execution& run);
  void detach(const Execution& run);
  // Runner thread, once per restart: counts it and reports Restarting until the next attach().
  void countRestart();
  void setHealth(Health health, const std::string& reason = {});

  // Any thread.
  Health health() const { return health_.load(); }
  // /healthz: true unless the pipeline failed for good. `detail` says why, for people.
  bool healthy(std::string& detail) const;
  // /readyz: true while a run is going and every source has its input (Kafka partitions
  // assigned). `detail` names the sources still waiting.
  bool ready(std::string& detail) const;
  // The exposition text of every metric.
  std::string render() const;

 private:
  struct NodeTotals {
    std::string id, type;
    bool source = false;
    uint64_t recordsIn = 0, recordsOut = 0, bytesIn = 0, bytesOut = 0, errors = 0, busyNanos = 0;
  };
  void readyLocked(std::vector<std::string>& waiting, bool& ready) const;

  const std::string pipeline_;
  std::atomic<Health> health_{Health::Starting};
  std::atomic<uint64_t> restarts_{0};
  // Guards what follows between the runner thread and the HTTP threads (never taken by the
  // pipeline's threads).
  mutable std::mutex mutex_;
  std::string reason_;                    // of the last failure
  const Execution* run_ = nullptr;        // attached run, if any
  std::vector<NodeTotals> nodes_;         // in file order, across runs
  std::vector<const NodeMetrics*> live_;  // per nodes_ entry: the attached run's, or null
  CheckpointStats checkpoints_;           // detached runs' totals; last* of the newest
  uint64_t failures_ = 0;
};

}  // namespace sc
