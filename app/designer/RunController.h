#pragma once
// Runs the document's pipeline inside the designer with the same engine, validation and
// variable substitution as streamcanvas-run, and publishes per-node counters a few times a
// second for the canvas. The run works on a snapshot: edits made while it runs apply to the
// next run. Nothing here is specific to a node type.

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVector>
#include <functional>
#include <memory>
#include <optional>

#include "engine/graph/Pipeline.h"
#include "engine/runtime/Executor.h"

namespace sc {
class NodeRegistry;
class Supervisor;
class ResourceRegistry;
namespace state {
struct Checkpoint;
}
}  // namespace sc

namespace sc::designer {

class WireTap;
class WireBreakpoint;

class RunController : public QObject {
  Q_OBJECT
 public:
  explicit RunController(const NodeRegistry& registry, QObject* parent = nullptr);
  ~RunController() override;  // stops a run and waits for it (the engine aborts after 10 s)

  enum class State { Idle, Running, Stopping };
  State state() const { return state_; }
  bool isActive() const { return state_ != State::Idle; }

  // Where a run of `pipeline` keeps its checkpoints and the newest readable one there, as
  // streamcanvas-run finds them (settings.checkpoint_dir, else the default folder of the
  // pipeline's name). ok false: the pipeline does not pass its checks (problems say why).
  struct Resumable {
    bool ok = false;
    QString problems;
    QString dir;
    std::shared_ptr<const state::Checkpoint> checkpoint;  // null: nothing to resume from
    QString path;
    QStringList warnings;  // damaged checkpoint files that were skipped
  };
  Resumable resumable(const Pipeline& pipeline) const;

  // Resume: continue from the newest readable checkpoint (if any); Fresh: remove the
  // checkpoints first and start over.
  enum class StartFrom { Resume, Fresh };
  // Substitutes ${VAR} from the process environment, validates and starts with checkpoints
  // (interval, delivery and folder from the pipeline's settings). On failure returns false with
  // the problems (secrets masked) in *problems and nothing runs; refusedCheckpoint() then says
  // whether the checkpoint to resume from was taken from a different graph.
  bool start(const Pipeline& pipeline, QString* problems = nullptr,
             StartFrom from = StartFrom::Resume);
  bool refusedCheckpoint() const { return refusedCheckpoint_; }
  // Stops the sources and takes a savepoint that keeps the open windows (nothing fires); the
  // run ends in the background and finished() follows. Never waits.
  void stop();

  // Restarts under the pipeline's restart strategy in the current (or last) run, and while the
  // run waits to restart, how long until it does.
  int restarts() const;
  int64_t restartInMs() const;

  // Checkpoints of the current (or last) run, as of the last poll.
  const CheckpointStats& checkpointStats() const { return checkpointStats_; }
  QString checkpointDir() const { return checkpointDir_; }

  struct NodeStats {
    QString id;
    QString type;
    quint64 recordsIn = 0, recordsOut = 0, errors = 0;
    double inPerSecond = 0, outPerSecond = 0;  // over the last poll interval
    // Bytes a source read from outside and a sink wrote outside (0 for other nodes).
    quint64 bytesIn = 0, bytesOut = 0;
    // The node's named gauges (Kafka lag per partition and in total, window state, ...), as
    // the node registered them before the run.
    QVector<QPair<QString, qint64>> gauges;
    std::optional<qint64> gauge(const QString& name) const;
    // The event-time watermark the node last saw (epoch ms); none before any.
    std::optional<qint64> watermark;
    // When the node's input and output counters last grew (elapsedSeconds() clock, ms; -1:
    // never), for stall hints.
    qint64 inputGrewMs = -1, outputGrewMs = -1;
  };
  // A queue between two threads of the run (wires within one thread have none).
  struct EdgeStats {
    QString from, to, toPort;
    qint64 fill = 0, capacity = 0;  // batches
  };
  const QVector<EdgeStats>& edgeStats() const { return edgeStats_; }
  // One entry per node in file order; empty before the first run.
  const QVector<NodeStats>& stats() const { return stats_; }
  double elapsedSeconds() const;
  // The last run's length as the engine measured it (Execution::runSeconds): without the up to
  // kPollMs this controller takes to notice the end. 0 while running.
  double engineSeconds() const { return engineSeconds_; }
  // The embedded Kafka clusters of this designer session (connection name, bootstrap list):
  // runs share them, so topics written by one run are there for the next and for the Topics
  // dock. They stop when the window closes.
  QList<QPair<QString, QString>> embeddedClusters() const;
  // The session's shared resources (where those clusters live): the Topics dock resolves an
  // "embedded" connection through them, starting its cluster if no run has yet.
  ResourceRegistry& resources() const { return *resources_; }

  // Another document replaces the one run: stops its run (if any) and forgets everything shown
  // about it (counters, elapsed time, checkpoints, the tapped wire); cleared() follows.
  void discardRun();
  // The same, shared, for work that may outlive a call (a connection test on a worker thread).
  std::shared_ptr<ResourceRegistry> sharedResources() const { return resources_; }

  // Wire taps: the records leaving a node's output port (the start of a wire), any number of
  // ports at once. A tap set before or during a run is attached to every later run until it is
  // removed. Up to kTapPerBatch records of each batch (after the tap's filter) and kTapPerTenth
  // every 0.1 s are copied, the newest kTapKeep kept until the view takes them; nothing is paid
  // for untapped ports.
  // setTap adds the port's tap (or returns the one it has) and makes it the latest.
  std::shared_ptr<WireTap> setTap(const QString& nodeId, const QString& port);
  void removeTap(const QString& nodeId, const QString& port);
  std::shared_ptr<WireTap> tap(const QString& nodeId, const QString& port) const;
  bool hasTap() const { return !taps_.isEmpty(); }
  QString tapNode() const { return tapNode_; }  // the latest tap's
  QString tapPort() const { return tapPort_; }
  // Every tapped port, as {node, port}.
  QList<QPair<QString, QString>> tappedPorts() const;

  // A breakpoint on a tapped port (see engine/runtime/Breakpoint.h): `on` false removes it (a
  // held record passes). `condition` "" holds every record. Returns the port's breakpoint.
  std::shared_ptr<WireBreakpoint> setBreakpoint(const QString& nodeId, const QString& port, bool on,
                                                const QString& condition);
  std::shared_ptr<WireBreakpoint> breakpoint(const QString& nodeId, const QString& port) const;

  // The Output view: what the console sinks of the run print, the newest kOutputKeep records.
  WireTap& output() const { return *output_; }
  // Console sinks in the current (or last) run.
  int consoleSinks() const { return consoleSinks_; }

  // Observers of node output ports (the aggregate chart's window results), attached to the
  // current run and every later one until replaced; a null sink removes one.
  void setObserver(const QString& nodeId, const QString& port, std::shared_ptr<TapSink> sink);
  // The pipeline of the current (or last) run as started; null before the first run.
  const Pipeline* runPipeline() const { return runPipeline_ ? &*runPipeline_ : nullptr; }

  // Called with the running attempt's execution now (if any) and with every later attempt's
  // before it starts: recording (RunRecording) attaches its taps here. Null removes it.
  void setAttemptHook(std::function<void(Execution&)> hook);
  const NodeRegistry& registry() const { return registry_; }
  // The last run ended because every source reached the end of its input (not by a stop).
  bool lastRunFinishedInputs() const { return lastFinishedInputs_; }

  static constexpr int kPollMs = 250;
  static constexpr int kTapPerBatch = 32;
  static constexpr int kTapKeep = 200;
  // What a tap copies every 0.1 s at most: at full speed it shows a sample and costs the engine
  // next to nothing (bench_observe).
  static constexpr int kTapPerTenth = 200;
  static constexpr int kOutputKeep = 1000;

 Q_SIGNALS:
  // A run of `pipeline` is about to start: set observers now to see its first records.
  void starting(const Pipeline& pipeline);
  void started();
  void statsUpdated();
  // The run views should show nothing of the previous document (after discardRun()).
  void cleared();
  // The tapped ports (tappedPorts()) or their breakpoints changed, for the canvas's markers.
  void tapsChanged();
  // ok false: failedNode and message say what went wrong (secrets masked).
  void finished(bool ok, const QString& failedNode, const QString& message);

 private:
  void poll();
  void bindAttempt(Execution& x);
  Execution* run() const;  // the current attempt's
  void attachWatches(Execution* x);
  void collect(double intervalSeconds);

  const NodeRegistry& registry_;
  std::shared_ptr<ResourceRegistry> resources_;
  std::unique_ptr<Supervisor> supervisor_;
  int lastRestarts_ = 0;
  State state_ = State::Idle;
  QTimer poll_;
  QElapsedTimer clock_;
  QElapsedTimer sincePoll_;
  double finishedAfter_ = 0;
  double engineSeconds_ = 0;
  QVector<NodeStats> stats_;
  QVector<EdgeStats> edgeStats_;
  struct Watch {
    QString node, port;
    std::shared_ptr<WireTap> tap;
    std::shared_ptr<WireBreakpoint> breakpoint;  // null: none
  };
  QList<Watch> taps_;
  QString tapNode_, tapPort_;                     // the latest tap
  QList<QPair<QString, QString>> outputPorts_;    // ports feeding console sinks
  QList<QPair<QString, QString>> attachedPorts_;  // ports with something attached in run()
  std::shared_ptr<WireTap> output_;
  int consoleSinks_ = 0;
  QHash<QPair<QString, QString>, std::shared_ptr<TapSink>> observers_;  // by (node, port)
  std::optional<Pipeline> runPipeline_;
  CheckpointStats checkpointStats_;
  QString checkpointDir_;
  bool refusedCheckpoint_ = false;
  bool discardOnFinish_ = false;  // the stopping run belongs to a replaced document
  std::function<void(Execution&)> attemptHook_;
  bool lastFinishedInputs_ = false;
};

}  // namespace sc::designer
