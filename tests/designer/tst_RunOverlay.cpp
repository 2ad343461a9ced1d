// What a run shows on the canvas beyond the counters, on real runs in the real window: a wire
// whose queue is full turns red (a breakpoint holds the window node, so the generator feeding it
// fills the queue), a window node shows its watermark and state, and a window fed by a Kafka
// partition that never gets data says why it cannot fire.
#include <QDir>
#include <QFontMetricsF>
#include <QLabel>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include "app/designer/EdgeItem.h"
#include "app/designer/GraphScene.h"
#include "app/designer/MainWindow.h"
#include "app/designer/NodeItem.h"
#include "app/designer/RunController.h"
#include "app/designer/RunOverlay.h"
#include "app/designer/RunPanel.h"
#include "designer/WindowTestSupport.h"
#include "engine/kafka/EmbeddedCluster.h"

using namespace sc;
using namespace sc::designer;

class tst_RunOverlay : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void fullQueueTurnsItsWireRed();
  void aShortWireLeavesItsLabelOffTheNodes();
  void windowShowsWatermarkAndState();
  void quietPartitionExplainsTheStall();
  void idlePartitionIsMarkedInTheSourceTooltip();

 private:
  // sensors gets a generator's records all the time, quiet none; a window over both with
  // idle_timeout `idleTimeout`.
  QString writeQuietPipeline(const char* name, const QString& idleTimeout,
                             const std::string& bootstrap);
  QString write(const char* name, const QString& text) {
    return test::writeTestFile(dir_, name, text.toUtf8());
  }
  void stopRun() {
    RunController* runner = window_->runController();
    for (const auto& [node, port] : runner->tappedPorts())
      runner->setBreakpoint(node, port, false, {});
    if (runner->isActive()) runner->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 30000);
  }
  void screenshot(const char* name) {
    QDir().mkpath(QStringLiteral(SC_BINARY_DIR "/screenshots"));
    QVERIFY(
        window_->grab().save(QStringLiteral(SC_BINARY_DIR "/screenshots/") + QLatin1String(name)));
  }

  QTemporaryDir dir_;
  std::unique_ptr<QTemporaryDir> state_;
  MainWindow* window_ = nullptr;
};

void tst_RunOverlay::initTestCase() {
  test::useTemporarySettings(dir_, "tst_RunOverlay");
}

void tst_RunOverlay::init() {
  state_ = test::useFreshStateDir();
  window_ = test::showMainWindow();
  QVERIFY(QTest::qWaitForWindowExposed(window_));
}

void tst_RunOverlay::cleanup() {
  if (window_) stopRun();
  delete window_;
  window_ = nullptr;
}

namespace {

// generator -> window -> discard, event time from the generated "ts".
QString windowed(const QString& name) {
  return QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "%1",
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 0, "interval": "100ms"},
     "ui": {"x": 40, "y": 80}},
    {"id": "win", "type": "window.tumbling",
     "properties": {"size": "1s", "key": "device", "timestamp": "ts",
                    "aggregates": [{"as": "n", "fn": "count"}]},
     "ui": {"x": 340, "y": 80}},
    {"id": "sink", "type": "discard.sink", "ui": {"x": 640, "y": 80}}
  ],
  "edges": [{"from": "gen", "to": "win"}, {"from": "win", "to": "sink"}]
})")
      .arg(name);
}

}  // namespace

void tst_RunOverlay::fullQueueTurnsItsWireRed() {
  QVERIFY(window_->openFile(write("full.json", windowed("full"))));
  RunController* runner = window_->runController();
  // The window's thread holds its first result: the generator's queue into it fills up.
  runner->setTap("win", "out");
  runner->setBreakpoint("win", "out", true, {});
  QTest::keyClick(window_, Qt::Key_F5);
  QCOMPARE(runner->state(), RunController::State::Running);
  EdgeItem* wire = window_->scene()->edgeItem(PipelineEdge{{"gen", ""}, {"win", ""}});
  QVERIFY(wire);
  QTRY_COMPARE_WITH_TIMEOUT(wire->runColour(), RunOverlay::queueColour(1.0), 20000);
  QVERIFY2(wire->runLabel().contains("/s"), qPrintable(wire->runLabel()));
  QVERIFY2(wire->toolTip().contains("full"), qPrintable(wire->toolTip()));
  // The legend explains the colours in the Run dock.
  auto* legend = window_->findChild<QLabel*>("queueLegend");
  QVERIFY(legend);
  QVERIFY(legend->text().contains(RunOverlay::queueColour(1.0).name()));
  screenshot("run-overlay-full-queue.png");
  stopRun();
  QVERIFY(!wire->runColour().isValid());  // no colours once the run ended
}

void tst_RunOverlay::aShortWireLeavesItsLabelOffTheNodes() {
  // The window 50 px right of the generator: no room for "22.8k/s · 8/8" between them. The
  // label goes above the gap, clear of both nodes (it was drawn under them, cut to "00/s · 0/").
  QString text = windowed("short");
  text.replace(R"("ui": {"x": 340, "y": 80})", R"("ui": {"x": 290, "y": 80})");
  QVERIFY(window_->openFile(write("short.json", text)));
  RunController* runner = window_->runController();
  runner->setTap("win", "out");
  runner->setBreakpoint("win", "out", true, {});  // holds the window: its input queue fills
  QTest::keyClick(window_, Qt::Key_F5);
  EdgeItem* shortWire = window_->scene()->edgeItem(PipelineEdge{{"gen", ""}, {"win", ""}});
  EdgeItem* longWire = window_->scene()->edgeItem(PipelineEdge{{"win", ""}, {"sink", ""}});
  NodeItem* gen = window_->scene()->nodeItem("gen");
  NodeItem* win = window_->scene()->nodeItem("win");
  NodeItem* sink = window_->scene()->nodeItem("sink");
  QTRY_COMPARE_WITH_TIMEOUT(shortWire->runColour(), RunOverlay::queueColour(1.0), 20000);
  QTRY_VERIFY(shortWire->runLabel().endsWith(" · 8/8"));
  auto body = [](NodeItem* node) { return node->mapRectToScene(node->shape().boundingRect()); };
  for (EdgeItem* wire : {shortWire, longWire}) {
    QTRY_VERIFY(wire->runLabelShown());
    const QRectF label = wire->mapRectToScene(wire->runLabelArea());
    for (NodeItem* node : {gen, win, sink})
      QVERIFY2(!label.intersects(body(node)),
               qPrintable(QStringLiteral("%1 over %2").arg(wire->runLabel(), node->id())));
    // Wide enough for its text in the canvas's small font.
    QVERIFY(label.width() >=
            QFontMetricsF(NodeItem::runFont(window_->scene())).horizontalAdvance(wire->runLabel()));
  }
  // The short wire's label is above the gap between its nodes.
  const QRectF above = shortWire->mapRectToScene(shortWire->runLabelArea());
  QVERIFY(above.bottom() <= body(gen).top());
  QVERIFY(above.center().x() > body(gen).right() && above.center().x() < body(win).left());
  screenshot("run-overlay-short-wire.png");
  stopRun();
}

void tst_RunOverlay::windowShowsWatermarkAndState() {
  QString text = windowed("watermarks");
  text.replace(R"("rate": 0)", R"("rate": 200)");
  QVERIFY(window_->openFile(write("watermarks.json", text)));
  QTest::keyClick(window_, Qt::Key_F5);
  NodeItem* win = window_->scene()->nodeItem("win");
  // "watermark 00:00:12 UTC, 2.3 s behind": the generator's event times start 2026-01-01.
  const QRegularExpression line(QStringLiteral(R"(^watermark \d\d:\d\d:\d\d UTC, .+ behind$)"));
  QTRY_VERIFY_WITH_TIMEOUT(
      !win->runDetail().isEmpty() && line.match(win->runDetail()[0]).hasMatch(), 20000);
  QTRY_VERIFY(win->runDetail().size() >= 2);
  QVERIFY2(win->runDetail()[1].contains(" open · ") && win->runDetail()[1].contains(" late"),
           qPrintable(win->runDetail()[1]));
  QVERIFY2(win->toolTip().contains("Watermark: 2026-01-01 "), qPrintable(win->toolTip()));
  QVERIFY2(win->toolTip().contains("Behind the newest record"), qPrintable(win->toolTip()));
  QVERIFY2(win->toolTip().contains("Open windows: "), qPrintable(win->toolTip()));
  QVERIFY(!win->hasRunHint());
  screenshot("run-overlay-watermark.png");
  stopRun();
}

QString tst_RunOverlay::writeQuietPipeline(const char* name, const QString& idleTimeout,
                                           const std::string& bootstrap) {
  const QString text = QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "%3",
  "connections": {"k": {"type": "kafka", "bootstrap_servers": "%1"}},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 50}, "ui": {"x": 40, "y": 40}},
    {"id": "out", "type": "kafka.sink", "properties": {"connection": "k", "topic": "sensors"},
     "ui": {"x": 340, "y": 40}},
    {"id": "src", "type": "kafka.source",
     "properties": {"connection": "k", "topics": ["sensors", "quiet"], "start": "earliest"},
     "ui": {"x": 40, "y": 260}},
    {"id": "win", "type": "window.tumbling",
     "properties": {"size": "1s", "key": "device", "timestamp": "ts", "idle_timeout": "%2",
                    "aggregates": [{"as": "n", "fn": "count"}]},
     "ui": {"x": 340, "y": 260}},
    {"id": "sink", "type": "discard.sink", "ui": {"x": 640, "y": 260}}
  ],
  "edges": [{"from": "gen", "to": "out"}, {"from": "src", "to": "win"},
            {"from": "win", "to": "sink"}]
})");
  return write((std::string(name) + ".json").c_str(),
               text.arg(QString::fromStdString(bootstrap), idleTimeout, QString(name)));
}

void tst_RunOverlay::quietPartitionExplainsTheStall() {
  // sensors gets data all the time, quiet none; the window's idle_timeout is 0, so the quiet
  // partition holds the watermark back and no window fires.
  auto started = kafka::EmbeddedCluster::start(1, 1);
  QVERIFY2(started.ok(), started.error.c_str());
  std::shared_ptr<kafka::EmbeddedCluster> cluster = started.value;
  QVERIFY(cluster->ensureTopic("sensors", 1).ok());
  QVERIFY(cluster->ensureTopic("quiet", 1).ok());
  const QString path = writeQuietPipeline("quiet", "0s", cluster->bootstrapServers());
  QVERIFY(window_->openFile(path));
  QTest::keyClick(window_, Qt::Key_F5);
  NodeItem* win = window_->scene()->nodeItem("win");
  // At first (before quiet/0 has been quiet for long) the hint says only that no watermark came.
  QTRY_VERIFY_WITH_TIMEOUT(win->hasRunHint() && win->runDetail().last().contains("quiet/0"), 40000);
  const QString hint = win->runDetail().last();
  QVERIFY2(hint.contains("partition quiet/0 has had no data for ") &&
               hint.contains("idle_timeout is 0, so windows cannot fire"),
           qPrintable(hint));
  // The window's state next to it is current: the stalled windows are open and hold keys
  // (its gauges were set only when a watermark came, so it said "0 open").
  const QRegularExpression state(QStringLiteral(R"(^([1-9]\d*) open · ([1-9]\d*) keys · )"));
  QVERIFY2(std::any_of(win->runDetail().begin(), win->runDetail().end(),
                       [&](const QString& l) { return state.match(l).hasMatch(); }),
           qPrintable(win->runDetail().join('|')));
  // The hint is drawn whole, wrapped to the node's width (not cut at its first 30 letters).
  const QStringList rows = win->runDetailRows();
  QVERIFY2(rows.join(' ').endsWith(hint) && !rows.join(' ').contains(QChar(0x2026)),
           qPrintable(rows.join('|')));
  QVERIFY(rows.size() >= win->runDetail().size() + 1);
  // The source's tooltip lists both partitions.
  NodeItem* src = window_->scene()->nodeItem("src");
  QVERIFY2(src->toolTip().contains("quiet/0: no data for "), qPrintable(src->toolTip()));
  QVERIFY2(src->toolTip().contains("sensors/0: newest 2026-01-01"), qPrintable(src->toolTip()));
  screenshot("run-overlay-stall.png");
  stopRun();
}

void tst_RunOverlay::idlePartitionIsMarkedInTheSourceTooltip() {
  // As above, but with idle_timeout 1s: the quiet partition is marked idle in the source's
  // tooltip (it no longer holds the watermark back), the busy one is not, and windows fire.
  auto started = kafka::EmbeddedCluster::start(1, 1);
  QVERIFY2(started.ok(), started.error.c_str());
  std::shared_ptr<kafka::EmbeddedCluster> cluster = started.value;
  QVERIFY(cluster->ensureTopic("sensors", 1).ok());
  QVERIFY(cluster->ensureTopic("quiet", 1).ok());
  const QString path = writeQuietPipeline("idle", "1s", cluster->bootstrapServers());
  // The run stops before the cluster goes, also when a check fails.
  const auto stopFirst = qScopeGuard([this] { stopRun(); });
  QVERIFY(window_->openFile(path));
  QTest::keyClick(window_, Qt::Key_F5);
  NodeItem* src = window_->scene()->nodeItem("src");
  RunController* runner = window_->runController();
  auto recordsIn = [&](const char* id) -> quint64 {
    for (const auto& s : runner->stats())
      if (s.id == QLatin1String(id)) return s.recordsIn;
    return 0;
  };
  QTRY_VERIFY_WITH_TIMEOUT(src->toolTip().contains(QRegularExpression(
                               R"(quiet/0: no data for [^\n]*\(idle, not holding)")),
                           40000);
  QVERIFY2(src->toolTip().contains("Partitions (idle_timeout 1.0 s)"), qPrintable(src->toolTip()));
  QVERIFY2(src->toolTip().contains("sensors/0: newest 2026-01-01"), qPrintable(src->toolTip()));
  QVERIFY2(!src->toolTip().contains(QRegularExpression(R"(sensors/0:[^\n]*idle)")),
           qPrintable(src->toolTip()));
  // The idle partition no longer holds the watermark: windows fire.
  QTRY_VERIFY_WITH_TIMEOUT(recordsIn("sink") > 0, 40000);
  QVERIFY(!window_->scene()->nodeItem("win")->hasRunHint());
  screenshot("run-overlay-idle.png");
}

QTEST_MAIN(tst_RunOverlay)
#include "tst_RunOverlay.moc"
