// Running pipelines inside the designer, driven like a user on the real window: F5 and
// Shift+F5, counters under the nodes, refusals and failures, the Run dock's charts, the embedded
// cluster shared between runs and the Topics dock, wire taps and the Log dock; Stop takes a
// savepoint that the next Run resumes from, and the Run dock shows the checkpoints.
#include <algorithm>
#include <climits>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolTip>
#include <QtTest>

#include "app/designer/EdgeItem.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/HistoryChart.h"
#include "app/designer/LogPanel.h"
#include "app/designer/MainWindow.h"
#include "app/designer/NodeItem.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "app/designer/RunPanel.h"
#include "app/designer/TapPanel.h"
#include "app/designer/Theme.h"
#include "app/designer/TopicBrowser.h"
#include "engine/kafka/EmbeddedCluster.h"

using namespace sc;
using namespace sc::designer;

class tst_DesignerRun : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void runShowsCountsOnTheNodes();
  void stopEndsAnUnboundedRun();
  void stopNeverFreezesWhileTheClusterIsDown();
  void closeDuringARunWaitsWithoutFreezing();
  void runRefusesAnInvalidPipeline();
  void failedRunNamesTheNode();
  void runPanelChartsThroughputAndKafkaLag();
  void aSecondRunReadsKafkaWithoutWaitingForTheFirstOnesGroup();
  void tapShowsTheRecordsOnAWire();
  void stopTakesASavepointAndRunResumesFromIt();
  void resumeChoiceIsRememberedPerFile();
  void changedGraphOffersAFreshStart();
  void runDockShowsCheckpoints();
  void failedRunRestartsUnderTheStrategy();
  void openingAnotherFileResetsEveryRunView_data();
  void openingAnotherFileResetsEveryRunView();
  void tapShowsEventTimesReadably();
  void tappedWireHasAMarkerAndStaysDrawnWhileRunning();

 private:
  QString example(const char* name) const {
    return QStringLiteral(SC_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
  }

  // Runs generator -> kafka.sink into a new embedded cluster, then takes its broker down.
  void startRunIntoAClusterThatGoesAway(std::shared_ptr<kafka::EmbeddedCluster>& cluster);
  // Clicks a button of the run question (resume or start fresh) once it is shown.
  void answer(const char* box, const char* button);
  QString checkpointDir(const QString& pipelineName) const {
    return state_->filePath("streamcanvas/" + pipelineName);
  }
  QStringList checkpointFiles(const QString& pipelineName) const {
    return QDir(checkpointDir(pipelineName)).entryList({"chk-*.sc"}, QDir::Files);
  }

  QTemporaryDir dir_;
  std::unique_ptr<QTemporaryDir> state_;  // XDG_STATE_HOME: each test its own checkpoints
  MainWindow* window_ = nullptr;
  QStringList errors_;
};

void tst_DesignerRun::initTestCase() {
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
  QCoreApplication::setOrganizationName("StreamCanvasTest");
  QCoreApplication::setApplicationName("tst_DesignerRun");
}

void tst_DesignerRun::init() {
  errors_.clear();
  state_ = std::make_unique<QTemporaryDir>();
  qputenv("XDG_STATE_HOME", state_->path().toUtf8());
  QSettings().remove("run/resumeChoices");
  window_ = new MainWindow(NodeRegistry::builtin());
  window_->setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
  window_->setErrorReporter(
      [this](const QString& title, const QString& text) { errors_ << title + '\n' + text; });
  window_->resize(1400, 900);
  window_->show();
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
}

void tst_DesignerRun::cleanup() {
  window_->close();
  delete window_;
  window_ = nullptr;
}

namespace {

QString writeFile(const QTemporaryDir& dir, const char* name, const char* text) {
  const QString path = dir.filePath(QLatin1String(name));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(text);
  return path;
}

}  // namespace

void tst_DesignerRun::runShowsCountsOnTheNodes() {
  // generated-payments: 50 seeded payments, filter, map, console.
  QVERIFY(window_->openFile(example("generated-payments.json")));
  RunController* runner = window_->runController();
  QVERIFY(window_->action("run")->isEnabled());
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(runner->isActive() || !runner->stats().isEmpty());
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  QVERIFY(window_->action("run")->isEnabled());
  QVERIFY(!window_->action("stop")->isEnabled());

  QMap<QString, RunController::NodeStats> byId;
  for (const auto& s : runner->stats())
    byId.insert(s.id, s);
  QCOMPARE(byId.size(), 4);
  QCOMPARE(byId["payments"].recordsOut, quint64(50));
  QCOMPARE(byId["big"].recordsIn, quint64(50));
  QVERIFY(byId["big"].recordsOut > 0 && byId["big"].recordsOut < 50);
  QCOMPARE(byId["label"].recordsIn, byId["big"].recordsOut);
  QCOMPARE(byId["out"].recordsIn, byId["label"].recordsOut);
  // The counters are on the canvas, under each node.
  QCOMPARE(window_->scene()->nodeItem("payments")->runText(), QStringLiteral("out 50"));
  QVERIFY2(window_->scene()->nodeItem("big")->runText().startsWith("in 50  ·  out "),
           qPrintable(window_->scene()->nodeItem("big")->runText()));
  QVERIFY(window_->statusBar()->currentMessage().startsWith("Run finished"));
  // The run did not touch the document.
  QVERIFY(!window_->document()->isModified());
}

void tst_DesignerRun::stopEndsAnUnboundedRun() {
  const QString path = writeFile(dir_, "unbounded.json", R"({
  "streamcanvas": 1,
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 2000}},
    {"id": "sink", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "sink"}]
})");
  QVERIFY(window_->openFile(path));
  RunController* runner = window_->runController();
  QTest::keyClick(window_, Qt::Key_F5);
  QCOMPARE(runner->state(), RunController::State::Running);
  QVERIFY(!window_->action("run")->isEnabled());
  QVERIFY(window_->action("stop")->isEnabled());
  // Records flow and the canvas shows them with a rate.
  QTRY_VERIFY_WITH_TIMEOUT(window_->scene()->nodeItem("sink")->runText().contains("/s"), 10000);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 15000);
  const auto stats = runner->stats();
  QCOMPARE(stats.size(), 2);
  QVERIFY(stats[0].recordsOut > 0);
  QCOMPARE(stats[1].recordsIn, stats[0].recordsOut);  // everything read was drained
  QVERIFY(window_->statusBar()->currentMessage().startsWith("Run finished"));
}

void tst_DesignerRun::startRunIntoAClusterThatGoesAway(
    std::shared_ptr<kafka::EmbeddedCluster>& cluster) {
  auto started = kafka::EmbeddedCluster::start(1, 1);
  QVERIFY2(started.ok(), started.error.c_str());
  cluster = started.value;
  const QString path = dir_.filePath("clusterdown.json");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "clusterdown",
  "connections": {"k": {"type": "kafka", "bootstrap_servers": "%1"}},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 0}},
    {"id": "out", "type": "kafka.sink", "properties": {"connection": "k", "topic": "out"}}
  ],
  "edges": [{"from": "gen", "to": "out"}]
})")
                 .arg(QString::fromStdString(cluster->bootstrapServers()))
                 .toUtf8());
  file.close();
  QVERIFY(window_->openFile(path));
  QTest::keyClick(window_, Qt::Key_F5);
  QCOMPARE(window_->runController()->state(), RunController::State::Running);
  QTRY_VERIFY_WITH_TIMEOUT(window_->scene()->nodeItem("out")->runText().contains("/s"), 15000);
  QVERIFY(cluster->setBrokerDown(1));
  QTest::qWait(1000);  // the producer's queue fills up
}

namespace {

// Counts the event loop's turns: the longest gap between two shows a frozen window.
class EventLoopWatch {
 public:
  EventLoopWatch() {
    ticker_.setInterval(20);
    QObject::connect(&ticker_, &QTimer::timeout, [this] {
      longestGap_ = std::max(longestGap_, clock_.elapsed() - lastTurn_);
      lastTurn_ = clock_.elapsed();
    });
    clock_.start();
    ticker_.start();
  }
  qint64 longestGapMs() const { return longestGap_; }

 private:
  QElapsedTimer clock_;
  QTimer ticker_;
  qint64 lastTurn_ = 0, longestGap_ = 0;
};

}  // namespace

void tst_DesignerRun::stopNeverFreezesWhileTheClusterIsDown() {
  // generator -> kafka.sink; the cluster goes away, then the user clicks Stop. Stop returns at
  // once, the window keeps answering, and the run ends (failed, counting what it could not
  // deliver) instead of waiting out librdkafka's 5 minute message timeout.
  std::shared_ptr<kafka::EmbeddedCluster> cluster;
  startRunIntoAClusterThatGoesAway(cluster);
  if (QTest::currentTestFailed()) return;
  RunController* runner = window_->runController();
  EventLoopWatch watch;
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QCOMPARE(runner->state(), RunController::State::Stopping);
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  // A join on the GUI thread would freeze it for the sink's whole 5 s grace.
  QVERIFY2(watch.longestGapMs() < 3000,
           qPrintable(QString("the window froze for %1 ms").arg(watch.longestGapMs())));
  const QString status = window_->statusBar()->currentMessage();
  QVERIFY2(status.startsWith("The run failed in node 'out'") && status.contains("not delivered"),
           qPrintable(status));
}

void tst_DesignerRun::closeDuringARunWaitsWithoutFreezing() {
  // Closing the window while the run cannot stop at once: the window stays and answers until
  // the run has ended, then closes by itself.
  std::shared_ptr<kafka::EmbeddedCluster> cluster;
  startRunIntoAClusterThatGoesAway(cluster);
  if (QTest::currentTestFailed()) return;
  EventLoopWatch watch;
  QVERIFY(!window_->close());
  QVERIFY(window_->isVisible());
  QCOMPARE(window_->runController()->state(), RunController::State::Stopping);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->isVisible(), 20000);
  QVERIFY(!window_->runController()->isActive());
  QVERIFY2(watch.longestGapMs() < 3000,
           qPrintable(QString("the window froze for %1 ms").arg(watch.longestGapMs())));
}

void tst_DesignerRun::runRefusesAnInvalidPipeline() {
  const QString path = writeFile(dir_, "invalid.json", R"({
  "streamcanvas": 1,
  "nodes": [
    {"id": "gen", "type": "generator"},
    {"id": "keep", "type": "filter"},
    {"id": "out", "type": "console.sink"}
  ],
  "edges": [{"from": "gen", "to": "keep"}, {"from": "keep", "to": "out"}]
})");
  QVERIFY(window_->openFile(path));
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(!window_->runController()->isActive());
  QCOMPARE(errors_.size(), 1);
  QVERIFY2(errors_.first().startsWith("Cannot run the pipeline"), qPrintable(errors_.first()));
  QVERIFY2(errors_.first().contains("condition"), qPrintable(errors_.first()));
}

void tst_DesignerRun::failedRunNamesTheNode() {
  // A missing input file is found when the run is planned: refused with the node named.
  const QString missing = writeFile(dir_, "missing-input.json", R"({
  "streamcanvas": 1,
  "nodes": [
    {"id": "src", "type": "file.source", "properties": {"path": "/nonexistent/sc-input.jsonl"}},
    {"id": "out", "type": "discard.sink"}
  ],
  "edges": [{"from": "src", "to": "out"}]
})");
  QVERIFY(window_->openFile(missing));
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(!window_->runController()->isActive());
  QCOMPARE(errors_.size(), 1);
  QVERIFY2(errors_.first().contains("src") && errors_.first().contains("sc-input.jsonl"),
           qPrintable(errors_.first()));

  // A bad line with on_error = fail stops the run in that node: the status bar names it, the
  // node is marked and selected.
  const QString data = writeFile(dir_, "bad.jsonl", "{\"a\": 1}\n{\"a\": 2}\nnot json\n");
  const QString pipeline = dir_.filePath("failing.json");
  QFile file(pipeline);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(QStringLiteral(R"({
  "streamcanvas": 1,
  "nodes": [
    {"id": "src", "type": "file.source", "properties": {"path": "%1", "on_error": "fail"}},
    {"id": "out", "type": "discard.sink"}
  ],
  "settings": {"restart": {"strategy": "none"}},
  "edges": [{"from": "src", "to": "out"}]
})")
                 .arg(data)
                 .toUtf8());
  file.close();
  QVERIFY(window_->openFile(pipeline));
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 15000);
  const QString status = window_->statusBar()->currentMessage();
  QVERIFY2(status.startsWith("The run failed in node 'src'"), qPrintable(status));
  QVERIFY2(status.contains("bad.jsonl:3"), qPrintable(status));
  QVERIFY(window_->scene()->nodeItem("src")->runText().contains("failed"));
  QCOMPARE(window_->document()->selectedNodes(), std::set<std::string>{"src"});
  // The engine's log line for the failure is in the Log dock.
  QTRY_VERIFY(window_->logPanel()->text()->toPlainText().contains("ERROR [src]"));
  QVERIFY(window_->logPanel()->text()->toPlainText().contains("bad.jsonl:3"));
}

void tst_DesignerRun::runPanelChartsThroughputAndKafkaLag() {
  // A generator writes to a topic of the embedded cluster; a Kafka source reads it back.
  const QString path = writeFile(dir_, "kafka-loop.json", R"({
  "streamcanvas": 1,
  "connections": {"local": {"type": "kafka"}},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 3000}},
    {"id": "produce", "type": "kafka.sink", "properties": {"connection": "local", "topic": "events"}},
    {"id": "src", "type": "kafka.source",
     "properties": {"connection": "local", "topics": ["events"], "group_id": "designer-test"}},
    {"id": "sink", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "produce"}, {"from": "src", "to": "sink"}]
})");
  QVERIFY(window_->openFile(path));
  QVERIFY2(window_->document()->diagnostics().empty(),
           window_->document()->diagnostics().format().c_str());
  RunPanel* panel = window_->runPanel();
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(window_->runController()->isActive());
  QVERIFY(panel->isVisible());  // the Run dock comes to the front
  // Records reach the consuming side, and both charts fill (one history sample a second).
  QTRY_VERIFY_WITH_TIMEOUT(panel->throughput()->series().contains("sink in") &&
                               panel->throughput()->series()["sink in"]->count() >= 3 &&
                               window_->runController()->stats().value(3).recordsIn > 0,
                           20000);
  panel->lag()->viewChooser()->setCurrentIndex(0);  // messages per source
  panel->lag()->refreshNow();
  QTRY_VERIFY_WITH_TIMEOUT(
      panel->lag()->series().contains("src") && panel->lag()->series()["src"]->count() >= 3, 20000);
  // Throughput has a line per node and direction: out of the sources, into the sinks, both
  // ways for nodes in between; lag only src, per partition too.
  const auto throughputSeries = panel->throughput()->series();
  QCOMPARE(QSet<QString>(throughputSeries.keyBegin(), throughputSeries.keyEnd()),
           QSet<QString>({"gen out", "src out", "produce in", "sink in"}));
  QCOMPARE(panel->lag()->series().size(), 1);
  panel->lag()->viewChooser()->setCurrentIndex(1);  // messages per partition
  panel->lag()->refreshNow();
  QVERIFY(panel->lag()->series().contains("src events[0]"));
  // Time behind (the lag_ms gauges, in seconds): per source and per partition, never negative.
  panel->lag()->viewChooser()->setCurrentIndex(2);
  panel->lag()->refreshNow();
  QTRY_VERIFY_WITH_TIMEOUT(panel->lag()->series().contains("src"), 5000);
  for (const QPointF& p : panel->lag()->series()["src"]->points())
    QVERIFY(p.y() >= 0);
  panel->lag()->viewChooser()->setCurrentIndex(3);
  panel->lag()->refreshNow();
  QVERIFY(panel->lag()->series().contains("src events[0]"));
  // Bytes: what the Kafka source read and the Kafka sink wrote.
  panel->throughput()->viewChooser()->setCurrentIndex(1);
  panel->throughput()->refreshNow();
  QTRY_VERIFY_WITH_TIMEOUT(panel->throughput()->series().contains("src in") &&
                               panel->throughput()->series().contains("produce out"),
                           5000);
  panel->throughput()->viewChooser()->setCurrentIndex(0);
  panel->throughput()->refreshNow();
  double best = 0;
  for (const QPointF& p : panel->throughput()->series()["gen out"]->points())
    best = std::max(best, p.y());
  QVERIFY2(best > 500, qPrintable(QString::number(best)));  // rate 3000/s, sampled per second
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  QVERIFY2(window_->statusBar()->currentMessage().startsWith("Run finished"),
           qPrintable(window_->statusBar()->currentMessage()));

  // The embedded cluster outlives the run: the Topics dock offers it (through the connection
  // that names it) and finds the topic.
  const auto clusters = window_->runController()->embeddedClusters();
  QCOMPARE(clusters.size(), 1);
  QCOMPARE(clusters.first().first, QStringLiteral("local"));
  TopicBrowser* topics = window_->topicBrowser();
  QCOMPARE(topics->clusterEdit()->currentText(), QStringLiteral("connection local (embedded)"));
  QCOMPARE(topics->clusterEdit()->count(), 1);
  auto eventsCount = [&]() -> qint64 {
    QTableWidget* table = topics->topicTable();
    for (int r = 0; r < table->rowCount(); ++r)
      if (table->item(r, 0)->text() == "events") return table->item(r, 2)->text().toLongLong();
    return -1;
  };
  QTest::mouseClick(topics->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(eventsCount() > 0, 15000);
  const qint64 afterFirst = eventsCount();
  // A second run writes to the same topic of the same cluster (starting over: the first one
  // stopped with a savepoint, so Run asks).
  QTest::keyClick(window_, Qt::Key_F5);
  answer("resumeQuestion", "fresh");
  QTRY_VERIFY_WITH_TIMEOUT(window_->runController()->stats().value(1).recordsIn > 100, 20000);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  QCOMPARE(window_->runController()->embeddedClusters(), clusters);
  QTest::mouseClick(topics->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(eventsCount() > afterFirst, 15000);
}

void tst_DesignerRun::aSecondRunReadsKafkaWithoutWaitingForTheFirstOnesGroup() {
  // The embedded cluster (librdkafka's mock) keeps a group whose last member left rebalancing
  // for its session timeout: with librdkafka's default (45 s) the second Run's source read
  // nothing for 44 s, the third's too. Each run here must read within 20 s of F5.
  const QString path = writeFile(dir_, "kafka-again.json", R"({
  "streamcanvas": 1,
  "name": "kafka-again",
  "connections": {"local": {"type": "kafka"}},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 100}},
    {"id": "produce", "type": "kafka.sink", "properties": {"connection": "local", "topic": "events"}},
    {"id": "src", "type": "kafka.source", "properties": {"connection": "local", "topics": ["events"]}},
    {"id": "sink", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "produce"}, {"from": "src", "to": "sink"}]
})");
  QVERIFY(window_->openFile(path));
  RunController* runner = window_->runController();
  for (int round = 0; round < 3; ++round) {
    QTest::keyClick(window_, Qt::Key_F5);
    if (round > 0) answer("resumeQuestion", "resume");
    QVERIFY(runner->isActive());
    QTRY_VERIFY2_WITH_TIMEOUT(runner->stats().value(2).recordsOut > 0,
                              qPrintable(QStringLiteral("run %1 read nothing").arg(round + 1)),
                              20000);
    QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  }
}

void tst_DesignerRun::tapShowsTheRecordsOnAWire() {
  // Tap the wire after the filter of generated-payments, run, and read what passed it.
  QVERIFY(window_->openFile(example("generated-payments.json")));
  QTest::qWait(50);  // the queued fit
  NodeItem* big = window_->scene()->nodeItem("big");
  NodeItem* label = window_->scene()->nodeItem("label");
  const QPainterPath wire = EdgeItem::curve(big->mapToScene(big->portPosition(true, "out")),
                                            label->mapToScene(label->portPosition(false, "in")));
  const QPoint middle = window_->view()->mapFromScene(wire.pointAtPercent(0.5));
  QVERIFY(!window_->action("tapWire")->isEnabled());
  QTest::mouseClick(window_->view()->viewport(), Qt::LeftButton, {}, middle);
  QCOMPARE(window_->document()->selectedEdges().size(), size_t(1));
  QVERIFY(window_->action("tapWire")->isEnabled());
  QTest::keyClick(window_, Qt::Key_T, Qt::ControlModifier);
  TapPanel* tap = window_->tapPanel();
  QVERIFY(tap->isVisible());
  QVERIFY2(tap->heading()->text().contains(QStringLiteral("big:out → label:in")),
           qPrintable(tap->heading()->text()));

  // Double-clicking another wire taps that one too, in a tab of its own.
  NodeItem* payments = window_->scene()->nodeItem("payments");
  const QPoint first = window_->view()->mapFromScene(
      EdgeItem::curve(payments->mapToScene(payments->portPosition(true, "out")),
                      big->mapToScene(big->portPosition(false, "in")))
          .pointAtPercent(0.5));
  QTest::mouseDClick(window_->view()->viewport(), Qt::LeftButton, {}, first);
  QVERIFY2(tap->heading()->text().contains(QStringLiteral("payments:out → big:in")),
           qPrintable(tap->heading()->text()));
  QCOMPARE(window_->runController()->tapNode(), QStringLiteral("payments"));
  // And back to the filter's output, with the keyboard.
  QTest::mouseClick(window_->view()->viewport(), Qt::LeftButton, {}, middle);
  QTest::keyClick(window_, Qt::Key_T, Qt::ControlModifier);
  QCOMPARE(window_->runController()->tapNode(), QStringLiteral("big"));

  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  QVERIFY(tap->isVisible());  // a tapped run shows the tap, not the charts
  quint64 passed = 0;
  for (const auto& s : window_->runController()->stats())
    if (s.id == "big") passed = s.recordsOut;
  QVERIFY(passed > 0);
  // Every record that passed is there (fewer than a batch), each one the filter let through.
  const QStringList lines = tap->records()->toPlainText().split('\n', Qt::SkipEmptyParts);
  QCOMPARE(quint64(lines.size()), passed);
  for (const QString& line : lines) {
    const Json record = Json::parse(line.toStdString());
    QVERIFY2(record["amount"].get<double>() >= 250, qPrintable(line));
    QVERIFY2(record["currency"] == "EUR" || record["currency"] == "USD", qPrintable(line));
  }
  QVERIFY2(tap->heading()->text().contains(QStringLiteral("%1 records passed").arg(passed)),
           qPrintable(tap->heading()->text()));

  // The other wire's tab shows what passed that wire, under its own name.
  quint64 generated = 0;
  for (const auto& s : window_->runController()->stats())
    if (s.id == "payments") generated = s.recordsOut;
  const QPoint firstNow = window_->view()->mapFromScene(  // the docks may have resized the view
      EdgeItem::curve(payments->mapToScene(payments->portPosition(true, "out")),
                      big->mapToScene(big->portPosition(false, "in")))
          .pointAtPercent(0.5));
  QTest::mouseDClick(window_->view()->viewport(), Qt::LeftButton, {}, firstNow);
  QVERIFY2(tap->heading()->text().contains(
               QStringLiteral("payments:out → big:in: %1 records passed").arg(generated)),
           qPrintable(tap->heading()->text()));
  QCOMPARE(quint64(tap->records()->toPlainText().split('\n', Qt::SkipEmptyParts).size()),
           std::min<quint64>(generated, RunController::kTapPerBatch));
}

void tst_DesignerRun::answer(const char* box, const char* button) {
  QMessageBox* question = nullptr;
  QTRY_VERIFY((question = window_->findChild<QMessageBox*>(box)) && question->isVisible());
  auto* target = question->findChild<QPushButton*>(button);
  QVERIFY2(target, button);
  QTest::mouseClick(target, Qt::LeftButton);
  QTRY_VERIFY(!window_->findChild<QMessageBox*>(box));
  // The offscreen platform has no window manager to give the window back its activation (and
  // its shortcuts) when the question closes.
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
}

namespace {

// generator -> 10 s tumbling windows (count) -> file.sink; 2000 records 100 ms apart in event
// time: 20 windows of exactly 100 records, emitted at 400 records/s of wall clock.
QString windowPipeline(const QTemporaryDir& dir, const QString& name, const QString& out,
                       const QString& settings = "{}") {
  const QString path = dir.filePath(name + ".json");
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "%1",
  "settings": %3,
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 400, "count": 2000}},
    {"id": "win", "type": "window.tumbling",
     "properties": {"size": "10s", "timestamp": "ts", "aggregates": [{"as": "n", "fn": "count"}]}},
    {"id": "out", "type": "file.sink", "properties": {"path": "%2"}}
  ],
  "edges": [{"from": "gen", "to": "win"}, {"from": "win", "to": "out"}]
})")
                 .arg(name, out, settings)
                 .toUtf8());
  return path;
}

QStringList lines(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

void tst_DesignerRun::stopTakesASavepointAndRunResumesFromIt() {
  RunController* runner = window_->runController();
  // The oracle: the same graph run without interruption.
  const QString oracleOut = dir_.filePath("oracle.jsonl");
  QVERIFY(window_->openFile(windowPipeline(dir_, "oracle", oracleOut)));
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(runner->isActive());
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 30000);
  const QStringList expected = lines(oracleOut);
  QCOMPARE(expected.size(), 20);
  for (const QString& line : expected)
    QCOMPARE(Json::parse(line.toStdString())["n"], Json(100));
  // Every input finished: its last checkpoint says so, and there is nothing to resume.
  QVERIFY(!runner->resumable(window_->document()->pipeline()).checkpoint);

  // Interrupted after a few windows: Stop takes a savepoint, the open window does not fire.
  const QString out = dir_.filePath("resumed.jsonl");
  QVERIFY(window_->openFile(windowPipeline(dir_, "resumed", out)));
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(runner->isActive());
  QTRY_VERIFY_WITH_TIMEOUT(runner->stats().value(2).recordsIn >= 2, 20000);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QCOMPARE(runner->state(), RunController::State::Stopping);  // Stop returned at once
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  QVERIFY(runner->checkpointStats().lastWasSavepoint);
  const quint64 savepointId = runner->checkpointStats().lastId;
  const quint64 beforeStop = runner->stats().value(0).recordsOut;
  QVERIFY(beforeStop > 0 && beforeStop < 2000);
  const QStringList savepoint = checkpointFiles("resumed");
  QVERIFY2(savepoint.contains(QStringLiteral("chk-%1.sc").arg(runner->checkpointStats().lastId)),
           qPrintable(savepoint.join(' ')));
  const QStringList partial = lines(out);
  QVERIFY2(partial.size() >= 2 && partial.size() < expected.size(), qPrintable(partial.join('\n')));
  // Only complete windows: what was written is the beginning of the uninterrupted output.
  QCOMPARE(partial, expected.mid(0, partial.size()));
  QVERIFY2(window_->statusBar()->currentMessage().contains("savepoint"),
           qPrintable(window_->statusBar()->currentMessage()));

  // Run again: the question offers the savepoint; resuming completes the output exactly.
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(!runner->isActive());
  QMessageBox* question = nullptr;
  QTRY_VERIFY((question = window_->findChild<QMessageBox*>("resumeQuestion")));
  const QString offer = question->findChild<QPushButton*>("resume")->text();
  QVERIFY2(
      offer.startsWith(
          QStringLiteral("Resume from savepoint %1 (taken ").arg(runner->checkpointStats().lastId)),
      qPrintable(offer));
  answer("resumeQuestion", "resume");
  QVERIFY(runner->isActive());
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 30000);
  // It continued where the savepoint left off: the generator produced only the rest, and the
  // checkpoint ids went on.
  QCOMPARE(runner->stats().value(0).recordsOut, quint64(2000) - beforeStop);
  QVERIFY(runner->checkpointStats().lastId > savepointId);
  QVERIFY2(window_->statusBar()->currentMessage().startsWith("Run finished"),
           qPrintable(window_->statusBar()->currentMessage()));
  QCOMPARE(lines(out), expected);
  QVERIFY(!runner->resumable(window_->document()->pipeline()).checkpoint);  // finished
  QVERIFY(errors_.isEmpty());
}

void tst_DesignerRun::resumeChoiceIsRememberedPerFile() {
  RunController* runner = window_->runController();
  const QString out = dir_.filePath("remembered.jsonl");
  QVERIFY(window_->openFile(windowPipeline(dir_, "remembered", out)));
  auto runAndStop = [&] {
    QTRY_VERIFY_WITH_TIMEOUT(runner->isActive(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(runner->stats().value(0).recordsOut > 0, 20000);
    QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  };
  QTest::keyClick(window_, Qt::Key_F5);
  runAndStop();
  QVERIFY(!checkpointFiles("remembered").isEmpty());
  QVERIFY(!window_->action("forgetResumeChoice")->isEnabled());
  // "Start fresh" with "Don't ask again": the checkpoints go, and the next Run does not ask.
  QTest::keyClick(window_, Qt::Key_F5);
  QMessageBox* question = nullptr;
  QTRY_VERIFY((question = window_->findChild<QMessageBox*>("resumeQuestion")));
  QTest::mouseClick(question->findChild<QCheckBox*>("rememberResumeChoice"), Qt::LeftButton);
  answer("resumeQuestion", "fresh");
  QCOMPARE(window_->resumeChoice(), MainWindow::ResumeChoice::Fresh);
  QVERIFY(window_->action("forgetResumeChoice")->isEnabled());
  runAndStop();
  const quint64 savepoint = runner->checkpointStats().lastId;
  QVERIFY(savepoint > 0);
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(!window_->findChild<QMessageBox*>("resumeQuestion"));
  QVERIFY2(runner->isActive(), qPrintable(errors_.join('\n')));
  runAndStop();
  // Started over, so the ids started over too (a resume would continue after `savepoint`).
  QVERIFY(runner->checkpointStats().lastId <= savepoint);
  // Run > Ask Again brings the question back.
  window_->action("forgetResumeChoice")->trigger();
  QCOMPARE(window_->resumeChoice(), MainWindow::ResumeChoice::Ask);
  QTest::keyClick(window_, Qt::Key_F5);
  answer("resumeQuestion", "resume");
  runAndStop();
}

void tst_DesignerRun::changedGraphOffersAFreshStart() {
  RunController* runner = window_->runController();
  const QString out = dir_.filePath("changed.jsonl");
  QVERIFY(window_->openFile(windowPipeline(dir_, "changed", out)));
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(runner->stats().value(0).recordsOut > 0, 20000);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  // Another window size: the savepoint's state does not fit the graph any more.
  window_->document()->setProperty("win", "size", Json("5s"));
  QTest::keyClick(window_, Qt::Key_F5);
  answer("resumeQuestion", "resume");
  QVERIFY(!runner->isActive());
  QVERIFY2(window_->statusBar()->currentMessage().contains("different graph"),
           qPrintable(window_->statusBar()->currentMessage()));
  QMessageBox* refused = nullptr;
  QTRY_VERIFY((refused = window_->findChild<QMessageBox*>("checkpointRefused")));
  QVERIFY2(refused->informativeText().contains("different graph"),
           qPrintable(refused->informativeText()));
  answer("checkpointRefused", "fresh");
  QVERIFY(runner->isActive());
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  QVERIFY(errors_.isEmpty());
}

void tst_DesignerRun::runDockShowsCheckpoints() {
  const QString path = writeFile(dir_, "checkpointed.json", R"({
  "streamcanvas": 1,
  "name": "checkpointed",
  "settings": {"checkpoint_interval": "100ms"},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 2000}},
    {"id": "win", "type": "window.tumbling",
     "properties": {"size": "1m", "key": "device", "timestamp": "ts",
                    "aggregates": [{"as": "avg_temp", "fn": "avg", "of": "temperature"}]}},
    {"id": "sink", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "win"}, {"from": "win", "to": "sink"}]
})");
  QVERIFY(window_->openFile(path));
  QTest::keyClick(window_, Qt::Key_F5);
  RunPanel* panel = window_->runPanel();
  QVERIFY(panel->isVisible());
  // Several checkpoints complete while it runs; the dock names the last one.
  const QRegularExpression shown(
      QStringLiteral("^Checkpoint (\\d+)  ·  .* ago  ·  took .*  ·  "
                     ".*B  ·  alignment .*  ·  pause .*  ·  0 failed$"));
  auto shownId = [&]() -> quint64 {
    const auto match = shown.match(panel->checkpointLabel()->text());
    return match.hasMatch() ? match.captured(1).toULongLong() : 0;
  };
  QTRY_VERIFY2_WITH_TIMEOUT(shownId() >= 3, qPrintable(panel->checkpointLabel()->text()), 20000);
  QVERIFY(panel->checkpointLabel()->isVisible());
  QCOMPARE(shownId(), window_->runController()->checkpointStats().lastId);

  QDir().mkpath(QStringLiteral(SC_BINARY_DIR "/screenshots"));
  QVERIFY(window_->grab().save(QStringLiteral(SC_BINARY_DIR "/screenshots/run-checkpoints.png")));
  applyTheme(Theme::Dark);
  QTest::qWait(300);  // a poll repaints the line in the dark palette
  QVERIFY(
      window_->grab().save(QStringLiteral(SC_BINARY_DIR "/screenshots/run-checkpoints-dark.png")));
  applyTheme(Theme::Light);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  QVERIFY2(panel->checkpointLabel()->text().startsWith("Savepoint "),
           qPrintable(panel->checkpointLabel()->text()));
}

void tst_DesignerRun::failedRunRestartsUnderTheStrategy() {
  // The sink fails while its output path is a directory; the run restarts under the pipeline's
  // strategy, as streamcanvas-run does, and the Run dock says so. Once the path is free the
  // next attempt finishes.
  const QString data = writeFile(dir_, "in.jsonl", "{\"a\": 1}\n{\"a\": 2}\n");
  const QString out = dir_.filePath("restart-out.jsonl");
  const QString path = dir_.filePath("restarting.json");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "restarting",
  "settings": {"restart": {"strategy": "fixed_delay", "attempts": 3, "delay": "400ms"}},
  "nodes": [
    {"id": "src", "type": "file.source", "properties": {"path": "%1"}},
    {"id": "out", "type": "file.sink", "properties": {"path": "%2"}}
  ],
  "edges": [{"from": "src", "to": "out"}]
})")
                 .arg(data, out)
                 .toUtf8());
  file.close();
  QVERIFY(QDir().mkdir(out));
  QVERIFY(window_->openFile(path));
  QTest::keyClick(window_, Qt::Key_F5);
  RunPanel* panel = window_->runPanel();
  QTRY_VERIFY_WITH_TIMEOUT(window_->runController()->restarts() >= 1, 15000);
  QVERIFY(window_->runController()->isActive());
  QTRY_VERIFY2_WITH_TIMEOUT(panel->checkpointLabel()->text().contains("restart"),
                            qPrintable(panel->checkpointLabel()->text()), 5000);
  QVERIFY(QDir().rmdir(out));  // heals before the attempts run out
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 15000);
  QVERIFY(errors_.isEmpty());
  QVERIFY2(window_->runController()->restarts() >= 1, "the restarts of the last run stay shown");
  QFile written(out);
  QVERIFY(written.open(QIODevice::ReadOnly));
  QCOMPARE(written.readAll().count('\n'), 2);
  QVERIFY2(panel->checkpointLabel()->text().contains("restart"),
           qPrintable(panel->checkpointLabel()->text()));
}

QTEST_MAIN(tst_DesignerRun)
void tst_DesignerRun::openingAnotherFileResetsEveryRunView_data() {
  QTest::addColumn<bool>("viaNew");
  QTest::addColumn<bool>("whileRunning");
  QTest::newRow("open") << false << false;
  QTest::newRow("new") << true << false;
  QTest::newRow("open while running") << false << true;
}

void tst_DesignerRun::openingAnotherFileResetsEveryRunView() {
  // A checkpointed, tapped run of one file fills every run view...
  QFETCH(bool, viaNew);
  QFETCH(bool, whileRunning);
  const QString first = writeFile(dir_, "first.json", R"({
  "streamcanvas": 1,
  "name": "first",
  "settings": {"checkpoint_interval": "100ms"},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 2000}},
    {"id": "sink", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "sink"}]
})");
  const QString second = writeFile(dir_, "second.json", R"({
  "streamcanvas": 1,
  "name": "second",
  "nodes": [
    {"id": "gen2", "type": "generator", "properties": {"count": 10}},
    {"id": "sink2", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen2", "to": "sink2"}]
})");
  QVERIFY(window_->openFile(first));
  QTest::qWait(50);  // the queued fit
  NodeItem* gen = window_->scene()->nodeItem("gen");
  NodeItem* sink = window_->scene()->nodeItem("sink");
  const QPoint middle = window_->view()->mapFromScene(
      EdgeItem::curve(gen->mapToScene(gen->portPosition(true, "out")),
                      sink->mapToScene(sink->portPosition(false, "in")))
          .pointAtPercent(0.5));
  QTest::mouseDClick(window_->view()->viewport(), Qt::LeftButton, {}, middle);
  RunController* runner = window_->runController();
  QCOMPARE(runner->tapNode(), QStringLiteral("gen"));
  QTest::keyClick(window_, Qt::Key_F5);
  RunPanel* panel = window_->runPanel();
  TapPanel* tap = window_->tapPanel();
  QTRY_VERIFY_WITH_TIMEOUT(runner->checkpointStats().lastId >= 2, 20000);
  QTRY_VERIFY_WITH_TIMEOUT(!tap->records()->toPlainText().isEmpty(), 20000);
  auto* runStatus = window_->findChild<QLabel*>(QStringLiteral("runStatus"));
  if (!whileRunning) {
    QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
    QVERIFY(runStatus->text().startsWith("Ran "));
  }
  // Charted (history samples come once a second, and at the end of a run).
  QTRY_VERIFY_WITH_TIMEOUT(!panel->throughput()->series().isEmpty(), 5000);
  QVERIFY(!panel->history().isEmpty());
  QVERIFY(!panel->checkpointLabel()->text().isEmpty());
  QVERIFY(tap->heading()->text().contains(QStringLiteral("gen:out → sink:in")));

  // ... and another document shows none of it.
  if (viaNew)
    window_->action("new")->trigger();
  else
    QVERIFY(window_->openFile(second));
  if (whileRunning) {  // the first file's run ends in the background, and shows nothing
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
    QVERIFY2(!window_->statusBar()->currentMessage().startsWith("Run finished"),
             qPrintable(window_->statusBar()->currentMessage()));
  }
  QVERIFY2(runStatus->text().isEmpty(), qPrintable(runStatus->text()));
  QVERIFY(panel->throughput()->series().isEmpty());
  QVERIFY(panel->lag()->series().isEmpty());
  QVERIFY(panel->history().isEmpty());
  QVERIFY2(panel->checkpointLabel()->text().isEmpty(),
           qPrintable(panel->checkpointLabel()->text()));
  QVERIFY(panel->findChild<QLabel*>(QStringLiteral("runSummary"))
              ->text()
              .startsWith("Run the pipeline"));
  QVERIFY(!runner->hasTap());
  QVERIFY(runner->stats().isEmpty());
  QVERIFY(tap->records()->toPlainText().isEmpty());
  QVERIFY2(!tap->heading()->text().contains(QStringLiteral("gen:out")),
           qPrintable(tap->heading()->text()));
  if (viaNew) return;
  // A run of the second file taps nothing of the first.
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  QVERIFY2(!tap->heading()->text().contains(QStringLiteral("gen:out")),
           qPrintable(tap->heading()->text()));
  QVERIFY(runStatus->text().startsWith("Ran "));
}

void tst_DesignerRun::tapShowsEventTimesReadably() {
  // The rule: epoch milliseconds under ts, timestamp, event_time, window_start or window_end
  // read as UTC times; other numbers (and implausible times) stay as they are.
  QCOMPARE(
      TapPanel::readableTimes(QStringLiteral(
          R"({"window_start":1767225600000,"window_end":1767225660000,"key":"d1","n":1767225600000,"ts":5})")),
      QStringLiteral(
          R"({"window_start":"2026-01-01T00:00:00.000Z","window_end":"2026-01-01T00:01:00.000Z","key":"d1","n":1767225600000,"ts":5})"));
  QCOMPARE(TapPanel::readableTimes(QStringLiteral(R"({"ts":1767225600000.5})")),
           QStringLiteral(R"({"ts":1767225600000.5})"));

  // In a run: the generator's "ts" of every tapped record is a time, the raw value on hover.
  const QString path = writeFile(dir_, "times.json", R"({
  "streamcanvas": 1,
  "name": "times",
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"count": 20}},
    {"id": "sink", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "sink"}]
})");
  QVERIFY(window_->openFile(path));
  QTest::qWait(50);  // the queued fit
  NodeItem* gen = window_->scene()->nodeItem("gen");
  NodeItem* sink = window_->scene()->nodeItem("sink");
  QTest::mouseDClick(window_->view()->viewport(), Qt::LeftButton, {},
                     window_->view()->mapFromScene(
                         EdgeItem::curve(gen->mapToScene(gen->portPosition(true, "out")),
                                         sink->mapToScene(sink->portPosition(false, "in")))
                             .pointAtPercent(0.5)));
  QCOMPARE(window_->runController()->tapNode(), QStringLiteral("gen"));
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  TapPanel* tap = window_->tapPanel();
  QTRY_VERIFY(!tap->records()->toPlainText().isEmpty());
  const QStringList lines = tap->records()->toPlainText().split('\n', Qt::SkipEmptyParts);
  QCOMPARE(lines.size(), 20);
  const QRegularExpression readable(
      QStringLiteral(R"re("ts":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")re"));
  for (const QString& line : lines) {
    QVERIFY2(readable.match(line).hasMatch(), qPrintable(line));
    QVERIFY(Json::parse(line.toStdString()).is_object());  // still JSON
  }
  const QRegularExpressionMatch first = readable.match(lines.first());
  const qint64 raw =
      QDateTime::fromString(first.captured(1), Qt::ISODateWithMs).toMSecsSinceEpoch();
  QVERIFY(raw > 0);

  // Hover the first time shown.
  QPlainTextEdit* view = tap->records();
  QTextCursor cursor(view->document()->firstBlock());
  cursor.setPosition(int(first.capturedStart(1)) + 3);
  view->setTextCursor(cursor);  // scrolled into view (the newest records are shown at first)
  view->ensureCursorVisible();
  const QPoint at = view->cursorRect(cursor).center();
  QHelpEvent hover(QEvent::ToolTip, at, view->viewport()->mapToGlobal(at));
  QApplication::sendEvent(view->viewport(), &hover);
  QTRY_VERIFY(QToolTip::isVisible());
  QVERIFY2(QToolTip::text().startsWith(QString::number(raw)), qPrintable(QToolTip::text()));
  QDir().mkpath(QStringLiteral(SC_BINARY_DIR "/screenshots"));
  QVERIFY(window_->grab().save(QStringLiteral(SC_BINARY_DIR "/screenshots/tap-times.png")));
  QToolTip::hideText();
}

void tst_DesignerRun::tappedWireHasAMarkerAndStaysDrawnWhileRunning() {
  const QString path = writeFile(dir_, "marked.json", R"({
  "streamcanvas": 1,
  "name": "marked",
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 500}, "ui": {"x": 0, "y": 0}},
    {"id": "mid", "type": "filter", "properties": {"condition": "true"},
     "ui": {"x": 360, "y": 0}},
    {"id": "sink", "type": "discard.sink", "ui": {"x": 720, "y": 200}}
  ],
  "edges": [{"from": "gen", "to": "mid"}, {"from": "mid", "to": "sink"}]
})");
  QVERIFY(window_->openFile(path));
  QTest::qWait(50);  // the queued fit
  GraphScene* scene = window_->scene();
  EdgeItem* first = nullptr;
  EdgeItem* second = nullptr;
  for (QGraphicsItem* item : scene->items())
    if (auto* edge = qgraphicsitem_cast<EdgeItem*>(item))
      (edge->edge().from.node == "gen" ? first : second) = edge;
  QVERIFY(first && second);
  QVERIFY(!first->isTapped() && !second->isTapped());
  QTest::mouseDClick(window_->view()->viewport(), Qt::LeftButton, {},
                     window_->view()->mapFromScene(first->middle()));
  QVERIFY(first->isTapped());
  QVERIFY(!second->isTapped());
  window_->document()->setSelection({}, {});  // the marker shows without the selection

  // The glyph is drawn at the wire's middle, in the theme's selection colour.
  auto glyphShown = [&](const QImage& image, EdgeItem* edge) {
    const QPoint c = window_->view()->mapFromScene(edge->middle());
    const qreal dpr = image.devicePixelRatio();
    const QColor want = scene->colors().selection;
    for (int dx = -int(EdgeItem::kTapRadius); dx <= int(EdgeItem::kTapRadius); ++dx) {
      const QColor got = image.pixelColor(QPoint(int((c.x() + dx) * dpr), int(c.y() * dpr)));
      if (std::abs(got.red() - want.red()) + std::abs(got.green() - want.green()) +
              std::abs(got.blue() - want.blue()) <
          40)
        return true;
    }
    return false;
  };
  QVERIFY(glyphShown(window_->view()->viewport()->grab().toImage(), first));
  QVERIFY(!glyphShown(window_->view()->viewport()->grab().toImage(), second));

  // While it runs (counters repaint every poll, and anything may expose part of the canvas:
  // here a strip across the middle of both wires), what the screen shows of the wires is what a
  // full repaint draws: no part of a wire goes missing. The first wire is straight, which once
  // made its partly exposed pieces look empty.
  QCOMPARE(first->mapToScene(first->boundingRect()).boundingRect().height(),
           2 * (EdgeItem::kTapRadius + 2));
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->scene()->nodeItem("mid")->runText().isEmpty(), 20000);
  QTest::qWait(4 * RunController::kPollMs);
  QWidget* viewport = window_->view()->viewport();
  for (EdgeItem* edge : {first, second}) {
    const QPoint c = window_->view()->mapFromScene(edge->middle());
    viewport->update(QRect(c.x() - 30, 0, 60, viewport->height()));
  }
  QTest::qWait(RunController::kPollMs);
  const QImage onScreen = viewport->screen()
                              ->grabWindow(window_->winId(), viewport->mapTo(window_, QPoint()).x(),
                                           viewport->mapTo(window_, QPoint()).y(),
                                           viewport->width(), viewport->height())
                              .toImage()
                              .convertToFormat(QImage::Format_RGB32);
  const QImage repainted = viewport->grab().toImage().convertToFormat(QImage::Format_RGB32);
  QDir().mkpath(QStringLiteral(SC_BINARY_DIR "/screenshots"));
  onScreen.save(QStringLiteral(SC_BINARY_DIR "/screenshots/tapped-wire-running.png"));
  QCOMPARE(onScreen.size(), repainted.size());
  for (EdgeItem* edge : {first, second})
    for (double t = 0.2; t <= 0.8; t += 0.05) {
      const QPoint p = window_->view()->mapFromScene(edge->mapToScene(
          EdgeItem::curve(edge->fromNode()->mapToScene(
                              edge->fromNode()->portPosition(true, qstr(edge->edge().fromPort()))),
                          edge->toNode()->mapToScene(
                              edge->toNode()->portPosition(false, qstr(edge->edge().toPort()))))
              .pointAtPercent(t)));
      const qreal dpr = repainted.devicePixelRatio();
      const QPoint px(int(p.x() * dpr), int(p.y() * dpr));
      // Antialiasing of the two paints may differ where a piece of the curve starts, or by a
      // subpixel: the wire's colour at this point must show on screen within 2 px. A missing
      // wire leaves only background there, which differs by the whole contrast.
      const QRgb b = repainted.pixel(px);
      int difference = INT_MAX;
      for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
          const QPoint q = px + QPoint(dx, dy);
          if (!onScreen.valid(q)) continue;
          const QRgb a = onScreen.pixel(q);
          difference =
              std::min(difference, std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) +
                                       std::abs(qBlue(a) - qBlue(b)));
        }
      QVERIFY2(difference < 60, qPrintable(QStringLiteral("wire %1 at %2: screen %3, repaint %4")
                                               .arg(QString::fromStdString(edge->edge().from.node))
                                               .arg(t)
                                               .arg(QColor(onScreen.pixel(px)).name(),
                                                    QColor(repainted.pixel(px)).name())));
    }
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
}

#include "tst_DesignerRun.moc"
