// Record and replay in the designer, driven like a user on the real window: File ▸ New Test
// From Run writes a test folder that --test passes on (for a run that finished and for one the
// user stopped), Run ▸ Record Selected Wire writes the wire's records into a fixture file.
#include <QMenuBar>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include "app/designer/MainWindow.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "designer/WindowTestSupport.h"
#include "nodes/FixtureReplay.h"

using namespace sc;
using namespace sc::designer;

class tst_DesignerRecording : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void newTestFromRunWritesATestThatPasses();
  void newTestFromAStoppedRunPasses();
  void newTestFromRunRefusesARunInProgress();
  void recordSelectedWireWritesAFixture();
  void replayFixtureRunsTheDownstreamPart();

 private:
  QString example(const char* name) const {
    return QStringLiteral(SC_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
  }
  // The menu of the menu bar holding `action`.
  QMenu* menuOf(QAction* action) const {
    for (QAction* top : window_->menuBar()->actions())
      if (top->menu() && top->menu()->actions().contains(action)) return top->menu();
    return nullptr;
  }

  QTemporaryDir dir_;
  std::unique_ptr<QTemporaryDir> state_;
  MainWindow* window_ = nullptr;
  QStringList errors_;
};

void tst_DesignerRecording::initTestCase() {
  test::useTemporarySettings(dir_, "tst_DesignerRecording");
  // sensor-averages reads ${INPUT:-resources/data/...}, relative to where ctest runs the test.
  qputenv("INPUT", SC_SOURCE_DIR "/resources/data/sensors.jsonl");
}

void tst_DesignerRecording::init() {
  errors_.clear();
  state_ = test::useFreshStateDir();
  window_ = test::showMainWindow({1200, 800}, &errors_);
  QVERIFY(QTest::qWaitForWindowExposed(window_));
}

void tst_DesignerRecording::cleanup() {
  test::closeMainWindow(window_);
}

void tst_DesignerRecording::newTestFromRunWritesATestThatPasses() {
  QVERIFY(window_->openFile(example("sensor-averages.json")));
  QAction* action = window_->action("newTestFromRun");
  QVERIFY(action);
  QMenu* file = menuOf(action);
  QVERIFY(file);
  QCOMPARE(file->title(), tr("&File"));
  const QString out = dir_.filePath("averages-test");
  QString offered;
  window_->setDirectoryChooser([&](const QString&, const QString& start) {
    offered = start;
    return out;
  });
  action->trigger();
  QVERIFY2(offered.endsWith("/sensor-averages-test"), qPrintable(offered));
  QVERIFY2(errors_.isEmpty(), qPrintable(errors_.join('\n')));
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  QTRY_VERIFY_WITH_TIMEOUT(window_->statusBar()->currentMessage().contains("Test written"), 5000);
  QVERIFY2(window_->statusBar()->currentMessage().contains("200 input"),
           qPrintable(window_->statusBar()->currentMessage()));
  QVERIFY2(errors_.isEmpty(), qPrintable(errors_.join('\n')));
  QVERIFY(QFile::exists(out + "/manifest.json"));

  const FixtureTestResult tested =
      runFixtureTest(out.toStdString(), window_->document()->pipeline(), processEnvironment());
  QVERIFY2(tested.outcome == FixtureTestResult::Outcome::Passed, tested.report.c_str());
  QVERIFY2(tested.report.find("PASS out: 32 records") != std::string::npos, tested.report.c_str());
}

// An endless generator, stopped by the user: the test replays the records it produced and stops
// the same way.
void tst_DesignerRecording::newTestFromAStoppedRunPasses() {
  const QString pipeline = dir_.filePath("endless.json");
  QFile f(pipeline);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(R"({"streamcanvas": 1, "name": "endless", "nodes": [
    {"id": "gen", "type": "generator", "properties": {"template": "payments", "rate": 200, "seed": 3}},
    {"id": "big", "type": "filter", "properties": {"condition": "amount >= 250"}},
    {"id": "out", "type": "discard.sink", "properties": {}}],
   "edges": [{"from": "gen", "to": "big"}, {"from": "big", "to": "out"}]})");
  f.close();
  QVERIFY(window_->openFile(pipeline));
  const QString out = dir_.filePath("endless-test");
  window_->setDirectoryChooser([&](const QString&, const QString&) { return out; });
  window_->action("newTestFromRun")->trigger();
  RunController* runner = window_->runController();
  QVERIFY(runner->isActive());
  QTRY_VERIFY_WITH_TIMEOUT(!runner->stats().isEmpty() && runner->stats()[1].recordsOut > 3, 15000);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  QTRY_VERIFY_WITH_TIMEOUT(window_->statusBar()->currentMessage().contains("stopped run"), 5000);
  QVERIFY2(errors_.isEmpty(), qPrintable(errors_.join('\n')));

  const FixtureTestResult tested =
      runFixtureTest(out.toStdString(), window_->document()->pipeline(), processEnvironment());
  QVERIFY2(tested.outcome == FixtureTestResult::Outcome::Passed, tested.report.c_str());
}

void tst_DesignerRecording::newTestFromRunRefusesARunInProgress() {
  // An endless generator, so the run is still going when the test asks (a bounded example may
  // end first, and the test would then check nothing).
  const QString pipeline = dir_.filePath("in-progress.json");
  QFile f(pipeline);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(R"({"streamcanvas": 1, "name": "in-progress", "nodes": [
    {"id": "gen", "type": "generator", "properties": {"template": "payments", "rate": 200}},
    {"id": "out", "type": "discard.sink", "properties": {}}],
   "edges": [{"from": "gen", "to": "out"}]})");
  f.close();
  QVERIFY(window_->openFile(pipeline));
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(window_->runController()->isActive());
  bool asked = false;
  window_->setDirectoryChooser([&](const QString&, const QString&) {
    asked = true;
    return dir_.filePath("never");
  });
  window_->action("newTestFromRun")->trigger();
  QVERIFY(!asked);
  QCOMPARE(errors_.size(), 1);
  QVERIFY2(errors_[0].contains("from its start"), qPrintable(errors_[0]));
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
}

void tst_DesignerRecording::recordSelectedWireWritesAFixture() {
  QVERIFY(window_->openFile(example("generated-payments.json")));
  QAction* action = window_->action("recordWire");
  QVERIFY(action);
  QCOMPARE(menuOf(action)->title(), tr("&Run"));
  // Nothing selected: says what to do.
  action->trigger();
  QVERIFY(window_->statusBar()->currentMessage().contains("Select one wire"));

  PipelineEdge wire;
  for (const PipelineEdge& e : window_->document()->pipeline().edges)
    if (e.from.node == "big") wire = e;
  QCOMPARE(wire.to.node, std::string("label"));
  window_->document()->setSelection({}, {wire});
  const QString fixture = dir_.filePath("big.jsonl");
  QString offered;
  window_->setSaveFileChooser([&](const QString&, const QString& start) {
    offered = start;
    return fixture;
  });
  action->trigger();
  QVERIFY2(offered.endsWith("/big-out.jsonl"), qPrintable(offered));
  QVERIFY2(window_->statusBar()->currentMessage().contains("when the pipeline runs"),
           qPrintable(window_->statusBar()->currentMessage()));
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  QTRY_VERIFY_WITH_TIMEOUT(window_->statusBar()->currentMessage().contains("Recorded 8 record"),
                           5000);
  QVERIFY2(errors_.isEmpty(), qPrintable(errors_.join('\n')));
  std::string error;
  const auto records = readFixtureFile(fixture.toStdString(), error);
  QVERIFY2(records.has_value(), error.c_str());
  QCOMPARE(records->size(), size_t(8));  // what passed the filter, as the sink printed it
  for (const FixtureRecord& r : *records)
    QVERIFY2(r.value.find("\"currency\"") != std::string::npos, r.value.c_str());
}

// Run ▸ Replay Fixture into Selected Node: only that node and what follows it run, fed by the
// fixture; the source and the filter before it do not.
void tst_DesignerRecording::replayFixtureRunsTheDownstreamPart() {
  QVERIFY(window_->openFile(example("generated-payments.json")));
  const QString fixture = dir_.filePath("three.jsonl");
  QFile f(fixture);
  QVERIFY(f.open(QIODevice::WriteOnly));
  for (int i = 1; i <= 3; ++i)
    f.write(QStringLiteral("{\"value\":{\"payment_id\":\"p%1\",\"amount\":%2,"
                           "\"currency\":\"EUR\"},\"timestamp\":%1,\"at\":%1}\n")
                .arg(i)
                .arg(i * 500)
                .toUtf8());
  f.close();
  QAction* action = window_->action("replayFixture");
  QVERIFY(action);
  QCOMPARE(menuOf(action)->title(), tr("&Run"));
  window_->document()->setSelection({"label"}, {});
  window_->setOpenFileChooser([&](const QString&, const QString&) { return fixture; });
  action->trigger();
  QVERIFY2(errors_.isEmpty(), qPrintable(errors_.join('\n')));
  QVERIFY2(window_->statusBar()->currentMessage().contains("Replaying 3 record"),
           qPrintable(window_->statusBar()->currentMessage()));
  RunController* runner = window_->runController();
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  QMap<QString, RunController::NodeStats> byId;
  for (const auto& s : runner->stats())
    byId.insert(s.id, s);
  QVERIFY(!byId.contains("payments"));
  QVERIFY(!byId.contains("big"));
  QCOMPARE(byId.value("label").recordsIn, quint64(3));
  QCOMPARE(byId.value("out").recordsIn, quint64(3));

  // A malformed fixture is refused before anything runs, with its file and line.
  QVERIFY(f.open(QIODevice::Append));
  f.write("{\"value\": 5}\n");
  f.close();
  action->trigger();
  QCOMPARE(errors_.size(), 1);
  QVERIFY2(errors_[0].contains(fixture + ":4:"), qPrintable(errors_[0]));
  QVERIFY(!runner->isActive());
}

QTEST_MAIN(tst_DesignerRecording)
#include "tst_DesignerRecording.moc"
