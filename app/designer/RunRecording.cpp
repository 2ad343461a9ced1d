#include "app/designer/RunRecording.h"

#include "app/designer/RunController.h"
#include "nodes/FixtureReplay.h"

namespace sc::designer {

RunRecording::RunRecording(RunController& runs, const NodeRegistry& registry, QObject* parent)
    : QObject(parent), runs_(runs), registry_(registry) {
  // Queued: what the recording says comes after the window's own "run finished" message.
  connect(
      &runs_, &RunController::finished, this,
      [this](bool ok, const QString&, const QString& message) { runFinished(ok, message); },
      Qt::QueuedConnection);
}

RunRecording::~RunRecording() {
  runs_.setAttemptHook(nullptr);
}

bool RunRecording::recording() const {
  return armed_ || test_ || !wires_.empty();
}

bool RunRecording::recordWire(const QString& nodeId, const QString& port, const QString& file,
                              QString* error) {
  auto recorder = std::make_shared<FixtureRecorder>();
  std::string why;
  if (!recorder->open(file.toStdString(), why)) {
    if (error) *error = QString::fromStdString(why);
    return false;
  }
  wires_.push_back(Wire{nodeId, port, file, recorder, nullptr});
  // Attaches at once to a run in progress, else to the next one.
  runs_.setAttemptHook([this](Execution& run) { attach(run); });
  return true;
}

bool RunRecording::armTest(const Pipeline& pipeline, const QString& dir, QString* error) {
  if (dir.isEmpty()) {
    if (error) *error = tr("Choose a folder for the test.");
    return false;
  }
  testPipeline_ = pipeline;
  testDir_ = dir;
  armed_ = true;
  testRun_ = nullptr;
  runs_.setAttemptHook([this](Execution& run) { attach(run); });
  return true;
}

void RunRecording::disarmTest() {
  armed_ = false;
}

void RunRecording::attach(Execution& run) {
  for (Wire& w : wires_) {
    if (w.attachedTo == &run) continue;
    w.attachedTo = &run;
    if (!run.addTap(w.node.toStdString(), w.port.toStdString(), w.recorder))
      Q_EMIT failed(tr("The wire %1:%2 is not in the running pipeline.").arg(w.node, w.port));
  }
  // A test covers one run from its start: a restart after a failure is not recorded again.
  if (armed_ && !test_) {
    armed_ = false;
    test_ = std::make_unique<RunRecorder>();
    testRun_ = &run;
    std::string error;
    if (!test_->attach(run, testPipeline_, registry_, testDir_.toStdString(), error)) {
      test_.reset();
      Q_EMIT failed(QString::fromStdString(error));
    }
  }
}

void RunRecording::runFinished(bool ok, const QString& message) {
  std::vector<Wire> wires = std::move(wires_);
  wires_.clear();
  for (Wire& w : wires) {
    std::string error;
    if (!w.recorder->close(error))
      Q_EMIT failed(QString::fromStdString(error));
    else if (w.attachedTo)
      Q_EMIT wireRecorded(w.file, w.recorder->records());
  }
  if (!test_) return;
  std::unique_ptr<RunRecorder> test = std::move(test_);
  testRun_ = nullptr;
  const bool stopped = !runs_.lastRunFinishedInputs();
  std::string error;
  if (!test->finish(error, stopped)) {
    Q_EMIT failed(QString::fromStdString(error));
    return;
  }
  if (!ok) {
    Q_EMIT failed(tr("The run failed (%1), so the test in %2 may be incomplete.")
                      .arg(message.section('\n', 0, 0), testDir_));
    return;
  }
  Q_EMIT testWritten(testDir_, test->inputRecords(), test->expectedRecords(), stopped);
}

}  // namespace sc::designer
