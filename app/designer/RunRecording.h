#pragma once
// Record and replay in the designer (docs/testing.md): Run ▸ Record Selected Wire… writes what
// passes a wire into a fixture file; File ▸ New Test From Run… runs the pipeline from the start
// and writes a test folder (what every source produced, what every sink received) that
// `streamcanvas-run --test` passes on. Both attach engine taps (nodes/FixtureReplay.h) to the
// runs of the RunController, only while recording.

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "engine/graph/Pipeline.h"

namespace sc {
class Execution;
class FixtureRecorder;
class NodeRegistry;
class RunRecorder;
}  // namespace sc

namespace sc::designer {

class RunController;

class RunRecording : public QObject {
  Q_OBJECT
 public:
  RunRecording(RunController& runs, const NodeRegistry& registry, QObject* parent = nullptr);
  ~RunRecording() override;

  // Records what leaves nodeId:port into `file`, from now (a run in progress) or from the next
  // run, until that run ends. False with a message when the file cannot be created.
  bool recordWire(const QString& nodeId, const QString& port, const QString& file, QString* error);
  // The next run's records go into the test folder `dir` (the caller starts that run fresh).
  bool armTest(const Pipeline& pipeline, const QString& dir, QString* error);
  // Forgets an armed test whose run did not start.
  void disarmTest();
  bool recording() const;

 Q_SIGNALS:
  void wireRecorded(const QString& file, quint64 records);
  // `stopped`: the run was stopped (not finished), and the test replays it so.
  void testWritten(const QString& dir, quint64 inputRecords, quint64 expectedRecords, bool stopped);
  void failed(const QString& message);

 private:
  void attach(Execution& run);
  void runFinished(bool ok, const QString& message);

  RunController& runs_;
  const NodeRegistry& registry_;
  struct Wire {
    QString node, port, file;
    std::shared_ptr<FixtureRecorder> recorder;
    const Execution* attachedTo = nullptr;
  };
  std::vector<Wire> wires_;
  std::unique_ptr<RunRecorder> test_;
  Pipeline testPipeline_;
  QString testDir_;
  const Execution* testRun_ = nullptr;
  bool armed_ = false;
};

}  // namespace sc::designer
