// MainWindow's record actions: Run > Record Selected Wire… and File > New Test From Run…
// (RunRecording does the work; docs/testing.md describes the files).
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStatusBar>

#include "app/designer/GraphScene.h"
#include "app/designer/MainWindow.h"
#include "app/designer/NodeItem.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "app/designer/RunRecording.h"
#include "engine/graph/HeadlessBundle.h"
#include "nodes/FixtureReplay.h"

namespace sc::designer {

void MainWindow::setUpRecording() {
  recording_ = new RunRecording(*runner_, registry_, this);
  connect(recording_, &RunRecording::failed, this,
          [this](const QString& message) { error(tr("Recording failed"), message); });
  connect(recording_, &RunRecording::wireRecorded, this,
          [this](const QString& file, quint64 records) {
            statusBar()->showMessage(
                tr("Recorded %n record(s) into %1", nullptr, int(records)).arg(file));
          });
  connect(recording_, &RunRecording::testWritten, this,
          [this](const QString& dir, quint64 inputs, quint64 expected, bool stopped) {
            statusBar()->showMessage(
                (stopped ? tr("Test written to %1 from the stopped run: %2 input and %3 expected "
                              "records; check it with streamcanvas-run --test")
                         : tr("Test written to %1: %2 input and %3 expected records; check it "
                              "with streamcanvas-run --test"))
                    .arg(dir)
                    .arg(inputs)
                    .arg(expected));
          });
}

void MainWindow::recordSelectedWire() {
  const auto& edges = doc_->selectedEdges();
  if (edges.size() != 1) {
    statusBar()->showMessage(tr("Select one wire to record."), 4000);
    return;
  }
  const PipelineEdge edge = edges.front();
  const QString title = tr("Record Wire");
  const QString start =
      (doc_->filePath().isEmpty() ? QDir::homePath() : QFileInfo(doc_->filePath()).path()) +
      QLatin1Char('/') + qstr(edge.from.node) + QLatin1Char('-') + qstr(edge.fromPort()) +
      QStringLiteral(".jsonl");
  const QString file = chooseSaveFile_ ? chooseSaveFile_(title, start)
                                       : QFileDialog::getSaveFileName(this, title, start,
                                                                      tr("Wire fixture (*.jsonl)"));
  if (file.isEmpty()) return;
  QString problem;
  if (!recording_->recordWire(qstr(edge.from.node), qstr(edge.fromPort()), file, &problem)) {
    error(tr("Cannot record the wire"), problem);
    return;
  }
  statusBar()->showMessage(
      runner_->isActive()
          ? tr("Recording the wire into %1 until the run ends").arg(file)
          : tr("The wire is recorded into %1 when the pipeline runs (F5)").arg(file));
}

void MainWindow::newTestFromRun() {
  if (runner_->isActive()) {
    // A test replays its inputs from nothing, so it must see the run from its start.
    error(tr("New Test From Run"),
          tr("A test records a run from its start. Stop the current run, then choose New Test "
             "From Run again: it starts the pipeline afresh and records it."));
    return;
  }
  const QString title = tr("Folder for the Test");
  const QString start =
      (doc_->filePath().isEmpty() ? QDir::homePath() : QFileInfo(doc_->filePath()).path()) +
      QLatin1Char('/') + qstr(pipelineSlug(doc_->pipeline().name)) + QStringLiteral("-test");
  const QString dir = chooseDirectory_
                          ? chooseDirectory_(title, start)
                          : QFileDialog::getExistingDirectory(this, title, QFileInfo(start).path());
  if (dir.isEmpty()) return;
  QString problem;
  if (!recording_->armTest(doc_->pipeline(), dir, &problem)) {
    error(tr("New Test From Run"), problem);
    return;
  }
  startRun(RunController::StartFrom::Fresh);
  if (!runner_->isActive()) {
    recording_->disarmTest();
    return;
  }
  statusBar()->showMessage(
      tr("Recording a test into %1; it is written when the run ends (Stop ends it)").arg(dir));
}

}  // namespace sc::designer

namespace sc::designer {

void MainWindow::replayIntoSelectedNode() {
  const auto& nodes = doc_->selectedNodes();
  if (nodes.size() != 1) {
    statusBar()->showMessage(tr("Select the node to replay a fixture into."), 4000);
    return;
  }
  if (runner_->isActive()) {
    error(tr("Replay Fixture"), tr("Stop the current run first: a replay is a run of its own."));
    return;
  }
  const std::string node = *nodes.begin();
  const QString title = tr("Replay Fixture");
  const QString start =
      doc_->filePath().isEmpty() ? QDir::homePath() : QFileInfo(doc_->filePath()).path();
  const QString file = chooseOpenFile_ ? chooseOpenFile_(title, start)
                                       : QFileDialog::getOpenFileName(this, title, start,
                                                                      tr("Wire fixture (*.jsonl)"));
  if (file.isEmpty()) return;
  std::string problem;
  const auto records = readFixtureFile(file.toStdString(), problem);
  if (!records) {
    error(tr("Cannot replay the fixture"), QString::fromStdString(problem));
    return;
  }
  const bool recordedSpeed = action(QStringLiteral("replayAtRecordedSpeed"))->isChecked();
  Diagnostics diags;
  // Only the node and what is downstream of it run, fed by the fixture; its checkpoints are
  // kept apart from the pipeline's own.
  Pipeline replay = buildReplayPipeline(
      doc_->pipeline(), {ReplayInput{node, {}, file.toStdString()}},
      recordedSpeed ? ReplaySpeed::Recorded : ReplaySpeed::Max, runner_->registry(), diags);
  if (diags.hasErrors()) {
    error(tr("Cannot replay the fixture"), QString::fromStdString(diags.format()));
    return;
  }
  replay.name += "-replay";
  replay.settings.erase("checkpoint_dir");
  for (const auto& n : doc_->pipeline().nodes)
    if (NodeItem* item = scene_->nodeItem(qstr(n.id))) item->clearRunStats();
  QString problems;
  if (!runner_->start(replay, &problems, RunController::StartFrom::Fresh)) {
    error(tr("Cannot replay the fixture"), problems);
    return;
  }
  statusBar()->showMessage(tr("Replaying %n record(s) of %1 into %2", nullptr, int(records->size()))
                               .arg(file, qstr(node)));
}

}  // namespace sc::designer
