// The Run dock's charts, on the real window: a window node's aggregate chart shows exactly what
// the window emitted (compared with the sink's file), CSV export writes the shown series, many
// series become the top N plus "others", history survives Stop and Run with each run marked, and
// `streamcanvas --run --screenshot` writes a picture of the window.
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>
#include <QMessageBox>
#include <QProcess>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "app/designer/AggregateView.h"
#include "app/designer/ChartSupport.h"
#include "app/designer/HistoryChart.h"
#include "app/designer/MainWindow.h"
#include "app/designer/MetricHistory.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "app/designer/RunPanel.h"
#include "app/designer/ScreenshotRun.h"
#include "app/designer/TapPanel.h"
#include "designer/WindowTestSupport.h"

using namespace sc;
using namespace sc::designer;

class tst_RunCharts : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void aggregateChartShowsExactlyWhatTheWindowEmitted();
  void lateRecordsAreCountedOnTheAggregateChart_data();
  void lateRecordsAreCountedOnTheAggregateChart();
  void earlyResultsUpdateTheOpenWindowsPoint();
  void csvExportMatchesTheShownSeries();
  void chartsRedrawAtMostTenTimesASecond();
  void manySeriesShowTheTopNPlusOthers();
  void historySurvivesStopAndRunWithRunMarks();
  void spanPanPngAndTheDaysBound();
  void screenshotWritesAPictureOfTheWindow();
  void screenshotShowsTheChartsOverTheOutputView();
  void screenshotRunResumesWithoutAsking();

 private:
  QString writeFile(const char* name, const QByteArray& text) {
    return test::writeTestFile(dir_, name, text);
  }
  // Reads a CSV written by the charts: header and rows of cells.
  static QList<QStringList> readCsv(const QString& path) {
    QList<QStringList> rows;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return rows;
    while (!file.atEnd()) {
      const QString line = QString::fromUtf8(file.readLine()).trimmed();
      if (!line.isEmpty()) rows << line.split(',');
    }
    return rows;
  }

  QTemporaryDir dir_;
  std::unique_ptr<QTemporaryDir> state_;
  MainWindow* window_ = nullptr;
};

void tst_RunCharts::initTestCase() {
  test::useTemporarySettings(dir_, "tst_RunCharts");
}

void tst_RunCharts::init() {
  state_ = test::useFreshStateDir();
  window_ = test::showMainWindow();
  QVERIFY(QTest::qWaitForWindowExposed(window_));
}

void tst_RunCharts::cleanup() {
  test::closeMainWindow(window_);
}

void tst_RunCharts::aggregateChartShowsExactlyWhatTheWindowEmitted() {
  // The example's window over the example's sensors, written to a file to compare with.
  const QString out = dir_.filePath("averages.jsonl");
  const QString path = writeFile("averages.json", QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "chart-averages",
  "nodes": [
    {"id": "src", "type": "file.source",
     "properties": {"path": "%1/resources/data/sensors.jsonl", "format": "jsonl"}},
    {"id": "per-minute", "type": "window.tumbling",
     "properties": {"size": "1m", "key": "device", "timestamp": "ts",
                    "max_out_of_orderness": "5s",
                    "aggregates": [{"as": "avg_temp", "fn": "avg", "of": "temperature"},
                                   {"as": "readings", "fn": "count"}]}},
    {"id": "out", "type": "file.sink", "properties": {"path": "%2"}}
  ],
  "edges": [{"from": "src", "to": "per-minute"}, {"from": "per-minute", "to": "out"}]
})")
                                                      .arg(QStringLiteral(SC_SOURCE_DIR), out)
                                                      .toUtf8());
  QVERIFY(window_->openFile(path));
  RunPanel* panel = window_->runPanel();
  AggregateView* view = panel->aggregates();
  view->topN()->setValue(50);  // every key (the sensors have fewer)
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  QCOMPARE(panel->tabs()->currentWidget(), view);  // a window node: its chart comes first
  QCOMPARE(view->nodeChooser()->currentText(), QStringLiteral("per-minute"));
  QCOMPARE(view->aggregateChooser()->currentText(), QStringLiteral("avg_temp"));

  // What the sink wrote: key -> window end -> avg_temp, and each key's latest window.
  QMap<QString, QMap<qint64, double>> emitted;
  QFile file(out);
  QVERIFY(file.open(QIODevice::ReadOnly));
  while (!file.atEnd()) {
    const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
    emitted[o["key"].toString()].insert(qint64(o["window_end"].toDouble()),
                                        o["avg_temp"].toDouble());
  }
  QVERIFY(emitted.size() > 3);
  QCOMPARE(view->results(), emitted);
  // The chart: a line per key with exactly its windows and values.
  const QHash<QString, QLineSeries*> lines = view->series();
  QCOMPARE(QSet<QString>(lines.keyBegin(), lines.keyEnd()),
           QSet<QString>(emitted.keyBegin(), emitted.keyEnd()));
  for (auto it = emitted.cbegin(); it != emitted.cend(); ++it) {
    QMap<qint64, double> charted;
    for (const QPointF& p : lines[it.key()]->points())
      charted.insert(qint64(p.x()), p.y());
    QCOMPARE(charted, it.value());
  }
  // The table: one row per key with its latest window.
  QTableWidget* table = view->table();
  QCOMPARE(table->rowCount(), int(emitted.size()));
  for (int r = 0; r < table->rowCount(); ++r) {
    const QString key = table->item(r, 0)->text();
    QVERIFY(emitted.contains(key));
    QCOMPARE(table->item(r, 3)->data(Qt::DisplayRole).toDouble(), emitted[key].last());
  }
  // Another aggregate: the counts, from the same results.
  view->aggregateChooser()->setCurrentText(QStringLiteral("readings"));
  double readings = 0;
  for (QLineSeries* s : view->series())
    for (const QPointF& p : s->points())
      readings += p.y();
  QCOMPARE(readings, 200.0);  // every sensor reading is in one window
  // Top 3: the three keys whose latest value is highest.
  view->topN()->setValue(3);
  QCOMPARE(view->series().size(), 3);
}

void tst_RunCharts::lateRecordsAreCountedOnTheAggregateChart_data() {
  QTest::addColumn<bool>("latePortWired");
  QTest::newRow("late port wired") << true;
  QTest::newRow("late port unwired (dropped)") << false;
}

void tst_RunCharts::lateRecordsAreCountedOnTheAggregateChart() {
  // 40 timed readings and 3 without a time: the window (on_timestamp_error: late) sends those 3
  // to its late port, or drops and counts them when the port is not wired. Either way the
  // chart's late line ends at 3.
  QFETCH(bool, latePortWired);
  QByteArray data;
  for (int i = 0; i < 40; ++i) {
    data += QStringLiteral(R"({"device":"d-%1","temperature":%2,"ts":"2026-11-26T10:%3:00Z"})")
                .arg(i % 4)
                .arg(20 + i % 7)
                .arg(i, 2, 10, QLatin1Char('0'))
                .toUtf8() +
            '\n';
    if (i % 13 == 5)
      data += R"({"device":"d-9","temperature":99})"
              "\n";
  }
  const QString input = writeFile("timed.jsonl", data);
  const QString late = dir_.filePath("late-records.jsonl");
  QFile::remove(late);
  const QString lateSink =
      latePortWired
          ? QStringLiteral(R"(,{"id": "late", "type": "file.sink", "properties": {"path": "%1"}})")
                .arg(late)
          : QString();
  const QString lateEdge =
      latePortWired ? QStringLiteral(R"(,{"from": "w:late", "to": "late"})") : QString();
  const QString path = writeFile("late.json", QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "chart-late",
  "nodes": [
    {"id": "src", "type": "file.source", "properties": {"path": "%1", "format": "jsonl"}},
    {"id": "w", "type": "window.tumbling",
     "properties": {"size": "5m", "key": "device", "timestamp": "ts",
                    "aggregates": [{"as": "max_temp", "fn": "max", "of": "temperature"}]}},
    {"id": "out", "type": "discard.sink"}%2
  ],
  "edges": [{"from": "src", "to": "w"}, {"from": "w", "to": "out"}%3]
})")
                                                  .arg(input, lateSink, lateEdge)
                                                  .toUtf8());
  QVERIFY(window_->openFile(path));
  AggregateView* view = window_->runPanel()->aggregates();
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  QCOMPARE(view->nodeChooser()->currentText(), QStringLiteral("w"));
  if (latePortWired) {
    QFile file(late);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 3);
  }
  // The late line is on the same chart, and its newest point is the count.
  QLineSeries* lateLine = view->lateSeries();
  QVERIFY(view->chart()->series().contains(lateLine));
  QTRY_VERIFY(lateLine->count() > 0);
  QCOMPARE(lateLine->points().last().y(), 3.0);
  QVERIFY(!view->series().isEmpty());  // and the keys' lines beside it
}

void tst_RunCharts::earlyResultsUpdateTheOpenWindowsPoint() {
  // With `emit` set, a window that stays open (1 h of event time; the generator's readings
  // advance 10 ms each) reports its growing count every 100 ms: the chart shows the open
  // window's point, one per key, its value growing as the window fills.
  const QString path = writeFile("early.json", R"({
  "streamcanvas": 1,
  "name": "chart-early",
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 400, "interval": "10ms"}},
    {"id": "w", "type": "window.tumbling",
     "properties": {"size": "1h", "key": "device", "timestamp": "ts", "emit": "100ms",
                    "aggregates": [{"as": "n", "fn": "count"}]}},
    {"id": "out", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "w"}, {"from": "w", "to": "out"}]
})");
  QVERIFY(window_->openFile(path));
  AggregateView* view = window_->runPanel()->aggregates();
  view->topN()->setValue(50);
  auto total = [&] {
    double sum = 0;
    for (QLineSeries* s : view->series()) {
      if (s->count() != 1) return -1.0;  // one open window per key, never a second point
      sum += s->points().first().y();
    }
    return sum;
  };
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(window_->runController()->isActive());
  QTRY_VERIFY_WITH_TIMEOUT(total() > 0, 20000);
  const double first = total();
  QTRY_VERIFY_WITH_TIMEOUT(total() > first, 20000);
  QVERIFY(window_->runController()->isActive());  // the window never closed: early results
  QCOMPARE(view->results().size(), view->series().size());
  for (const auto& windows : view->results())
    QCOMPARE(windows.size(), 1);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
}

// However often the history changes, a chart redraws at most every 100 ms: a redraw replaces
// a line's points once, so the line's pointsReplaced count is the number of redraws.
void tst_RunCharts::chartsRedrawAtMostTenTimesASecond() {
  MetricHistory history;
  const qint64 t0 = 1'700'000'000'000;
  history.append(t0, {{"a", 0}});
  HistoryChart chart(
      QStringLiteral("Test"), history,
      {{QStringLiteral("all"), QStringLiteral("units"), [](const QString& name) { return name; }}});
  chart.refreshNow();
  QLineSeries* a = chart.series().value(QStringLiteral("a"));
  QVERIFY(a);
  QSignalSpy redraws(a, &QXYSeries::pointsReplaced);
  QElapsedTimer clock;
  clock.start();
  int updates = 0;
  while (clock.elapsed() < 700 || updates < 200) {  // many updates over at least 0.7 s
    history.append(t0 + (++updates) * 1000, {{"a", updates}});
    chart.scheduleRefresh();
    QCoreApplication::processEvents();
  }
  const qint64 took = clock.elapsed();
  const int counted = redraws.count();
  QVERIFY2(counted <= took / 100 + 1,
           qPrintable(QStringLiteral("%1 redraws in %2 ms for %3 updates")
                          .arg(counted)
                          .arg(took)
                          .arg(updates)));
  // And it does redraw: the last update is drawn soon.
  QTRY_VERIFY2(!a->points().isEmpty() && a->points().last().x() == double(t0 + updates * 1000),
               qPrintable(QStringLiteral("%1 %2 %3")
                              .arg(a->points().size())
                              .arg(a->points().last().x(), 0, 'f', 0)
                              .arg(a->points().last().y())));
}

void tst_RunCharts::csvExportMatchesTheShownSeries() {
  MetricHistory history;
  const qint64 t0 = 1'700'000'000'000;
  for (int i = 0; i < 30; ++i)
    history.append(t0 + i * 1000, {{"a", i}, {"b", 100 - i}});
  HistoryChart chart(QStringLiteral("Test"), history,
                     {{QStringLiteral("all"), QStringLiteral("units"),
                       [](const QString& name) { return name.toUpper(); }}});
  chart.refreshNow();
  // The file offered is named after the chart, without spaces.
  QCOMPARE(fileBaseName(QStringLiteral("Consumer lag")), QStringLiteral("consumer-lag"));
  const QString path = dir_.filePath("shown.csv");
  QString error;
  QVERIFY2(chart.exportCsv(path, &error), qPrintable(error));
  const QList<QStringList> rows = readCsv(path);
  QVERIFY(rows.size() > 1);
  const QStringList header = rows.first();
  QCOMPARE(header.first(), QStringLiteral("time"));
  QCOMPARE(QSet<QString>(header.begin() + 1, header.end()), QSet<QString>({"A", "B"}));
  // Every point of every shown series is in its column, at its time, and nothing else.
  int cells = 0;
  for (qsizetype c = 1; c < header.size(); ++c) {
    QLineSeries* s = chart.series().value(header[c]);
    QVERIFY(s);
    QMap<qint64, double> shown;
    for (const QPointF& p : s->points())
      shown.insert(qint64(p.x()), p.y());
    QMap<qint64, double> written;
    for (qsizetype r = 1; r < rows.size(); ++r) {
      const QDateTime time = QDateTime::fromString(rows[r][0], Qt::ISODateWithMs);
      QVERIFY2(time.isValid(), qPrintable(rows[r][0]));
      if (!rows[r][c].isEmpty()) written.insert(time.toMSecsSinceEpoch(), rows[r][c].toDouble());
    }
    QCOMPARE(written, shown);
    cells += int(written.size());
  }
  QCOMPARE(cells, 60);

  // The aggregate chart's export: the shown keys' lines.
  const QString averages = writeFile("two.json", QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "chart-export",
  "nodes": [
    {"id": "src", "type": "file.source",
     "properties": {"path": "%1/resources/data/sensors.jsonl", "format": "jsonl"}},
    {"id": "w", "type": "window.tumbling",
     "properties": {"size": "1m", "key": "device", "timestamp": "ts",
                    "aggregates": [{"as": "max_temp", "fn": "max", "of": "temperature"}]}},
    {"id": "out", "type": "discard.sink"}
  ],
  "edges": [{"from": "src", "to": "w"}, {"from": "w", "to": "out"}]
})")
                                                     .arg(SC_SOURCE_DIR)
                                                     .toUtf8());
  QVERIFY(window_->openFile(averages));
  AggregateView* view = window_->runPanel()->aggregates();
  view->topN()->setValue(4);
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
  QTRY_COMPARE(view->series().size(), 4);
  const QString aggregatesCsv = dir_.filePath("aggregates.csv");
  QVERIFY2(view->exportCsv(aggregatesCsv, &error), qPrintable(error));
  const QList<QStringList> written = readCsv(aggregatesCsv);
  QCOMPARE(written.first().first(), QStringLiteral("window end"));
  QCOMPARE(written.first().size(), 5);
  for (qsizetype c = 1; c < 5; ++c) {
    QLineSeries* s = view->series().value(written.first()[c]);
    QVERIFY(s);
    int found = 0;
    for (qsizetype r = 1; r < written.size(); ++r)
      if (!written[r][c].isEmpty()) {
        const qint64 end =
            QDateTime::fromString(written[r][0], Qt::ISODateWithMs).toMSecsSinceEpoch();
        const auto points = s->points();
        QVERIFY(std::any_of(points.begin(), points.end(), [&](const QPointF& p) {
          return qint64(p.x()) == end && qFuzzyCompare(p.y(), written[r][c].toDouble());
        }));
        ++found;
      }
    QCOMPARE(found, int(s->count()));
  }
}

void tst_RunCharts::manySeriesShowTheTopNPlusOthers() {
  // 100 sources (issue 14: 100 lines with a 5-entry legend): the top 5 by rate, the rest summed.
  MetricHistory history;
  const qint64 t0 = 1'700'000'000'000;
  for (int t = 0; t < 10; ++t) {
    QHash<QString, double> values;
    for (int i = 0; i < 100; ++i)
      values.insert(QStringLiteral("src%1").arg(i, 3, 10, QLatin1Char('0')), double(i));
    history.append(t0 + t * 1000, values);
  }
  HistoryChart chart(QStringLiteral("Throughput"), history,
                     {{QStringLiteral("records/s"), QStringLiteral("records/s"),
                       [](const QString& name) { return name; }}});
  chart.topN()->setValue(5);
  chart.refreshNow();
  const QHash<QString, QLineSeries*> shown = chart.series();
  QCOMPARE(QSet<QString>(shown.keyBegin(), shown.keyEnd()),
           QSet<QString>(
               {"src099", "src098", "src097", "src096", "src095", HistoryChart::othersName()}));
  QLineSeries* others = shown[HistoryChart::othersName()];
  QCOMPARE(others->count(), 10);
  double rest = 0;
  for (int i = 0; i < 95; ++i)
    rest += i;
  for (const QPointF& p : others->points())
    QCOMPARE(p.y(), rest);
  QCOMPARE(shown["src097"]->points().first().y(), 97.0);
  // All of them fit: no "others".
  chart.topN()->setValue(50);
  chart.refreshNow();
  QCOMPARE(chart.series().size(), 50 + 1);
  MetricHistory few;
  few.append(t0, {{"a", 1}, {"b", 2}});
  HistoryChart small(
      QStringLiteral("Few"), few,
      {{QStringLiteral("v"), QStringLiteral("u"), [](const QString& n) { return n; }}});
  small.refreshNow();
  QCOMPARE(small.series().size(), 2);
}

void tst_RunCharts::historySurvivesStopAndRunWithRunMarks() {
  const QString path = writeFile("endless.json", R"({
  "streamcanvas": 1,
  "name": "chart-history",
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 2000}},
    {"id": "sink", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "sink"}]
})");
  QVERIFY(window_->openFile(path));
  window_->setResumeChoice(MainWindow::ResumeChoice::Resume);  // Run continues after Stop
  RunPanel* panel = window_->runPanel();
  RunController* runner = window_->runController();
  HistoryChart* throughput = panel->throughput();
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(
      throughput->series().contains("sink in") && throughput->series()["sink in"]->count() >= 2,
      20000);
  QCOMPARE(panel->tabs()->currentWidget(), throughput);  // no window node
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  const qint64 firstRunEnd = panel->history().lastMs();
  const int firstSamples = panel->history().sampleCount();
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(runner->isActive());
  QTRY_VERIFY_WITH_TIMEOUT(panel->history().sampleCount() >= firstSamples + 2, 20000);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  // Both runs are on one time axis, each marked where it started.
  const auto& runs = panel->history().runs();
  QCOMPARE(runs.size(), 2);
  QVERIFY(runs[0].ms < firstRunEnd && firstRunEnd <= runs[1].ms);
  throughput->refreshNow();
  QCOMPARE(throughput->runMarkCount(), 2);
  const auto points = throughput->series()["sink in"]->points();
  QVERIFY(std::any_of(points.begin(), points.end(),
                      [&](const QPointF& p) { return p.x() < runs[1].ms && p.y() > 0; }));
  QVERIFY(std::any_of(points.begin(), points.end(),
                      [&](const QPointF& p) { return p.x() > runs[1].ms && p.y() > 0; }));
  // Zooming in on the first run leaves the newest data (and the second mark) out.
  QVERIFY(throughput->following());
  Q_EMIT throughput->view()->zoomed(0.01, double(runs[0].ms));
  throughput->refreshNow();
  QVERIFY(!throughput->following());
  // (the narrowest zoom, 10 s, may still hold both runs: move it back to end before the second)
  if (throughput->shownTo() >= runs[1].ms)
    Q_EMIT throughput->view()->panned(double(runs[1].ms - 1 - throughput->shownTo()));
  throughput->refreshNow();
  QVERIFY(throughput->shownTo() < runs[1].ms);
  QCOMPARE(throughput->runMarkCount(), 1);
  // Another document starts a new history.
  window_->action("new")->trigger();
  QVERIFY(panel->history().isEmpty());
  QVERIFY(panel->throughput()->series().isEmpty());
}

void tst_RunCharts::spanPanPngAndTheDaysBound() {
  // Two hours of one sample a second: the span chooser shows the newest 1 min .. 24 h, a drag
  // pans the shown range back in time, and the chart saves as a PNG.
  MetricHistory history;
  const qint64 t0 = 1'700'000'000'000;
  for (int i = 0; i < 7200; ++i)
    history.append(t0 + i * 1000LL, {{"a", double(i)}});
  HistoryChart chart(
      QStringLiteral("Span"), history,
      {{QStringLiteral("all"), QStringLiteral("units"), [](const QString& name) { return name; }}});
  chart.resize(800, 400);
  chart.show();
  QVERIFY(QTest::qWaitForWindowExposed(&chart));
  const qint64 last = history.lastMs();
  auto shownSpan = [&] { return chart.shownTo() - chart.shownFrom(); };
  QComboBox* span = chart.spanChooser();
  span->setCurrentIndex(span->findText(QStringLiteral("1 min")));
  chart.refreshNow();
  QCOMPARE(shownSpan(), qint64(60'000));
  QVERIFY(chart.shownTo() >= last);
  const auto minute = chart.series().value("a")->points();
  QVERIFY(!minute.isEmpty());
  QVERIFY(minute.first().x() >= double(last - 60'000 - 1000));
  span->setCurrentIndex(span->findText(QStringLiteral("1 h")));
  chart.refreshNow();
  QCOMPARE(shownSpan(), qint64(3'600'000));
  // A span longer than the history: the history fills the chart (no empty 22 h to its left).
  span->setCurrentIndex(span->findText(QStringLiteral("24 h")));
  chart.refreshNow();
  QCOMPARE(chart.shownFrom(), t0);
  QCOMPARE(chart.shownTo(), last);
  QCOMPARE(chart.series().value("a")->points().first().x(), double(t0));  // everything kept

  // A drag 30 min back: the newest half hour leaves the chart, and it stops following.
  span->setCurrentIndex(span->findText(QStringLiteral("1 h")));
  chart.refreshNow();
  Q_EMIT chart.view()->panned(-1'800'000.0);
  chart.refreshNow();
  QVERIFY(!chart.following());
  QCOMPARE(shownSpan(), qint64(3'600'000));
  const auto panned = chart.series().value("a")->points();
  QVERIFY(!panned.isEmpty());
  QVERIFY2(panned.last().x() <= double(last - 1'800'000 + 1000),
           qPrintable(QString::number(last - qint64(panned.last().x()))));

  const QString png = dir_.filePath("chart.png");
  QVERIFY(chart.exportPng(png));
  const QImage image(png);
  QVERIFY(!image.isNull());
  QCOMPARE(image.size(), chart.view()->size() * chart.view()->devicePixelRatio());

  // The history keeps 24 h at 1 s: the oldest second goes first.
  MetricHistory day;
  for (int i = 0; i < MetricHistory::kCapacity + 10; ++i)
    day.append(t0 + i * 1000LL, {{"a", 1.0}});
  QCOMPARE(day.sampleCount(), MetricHistory::kCapacity);
  QCOMPARE(day.firstMs(), t0 + 10'000);
}

void tst_RunCharts::screenshotWritesAPictureOfTheWindow() {
  const QString picture = dir_.filePath("window.png");
  QProcess designer;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("QT_QPA_PLATFORM", "offscreen");
  env.insert("XDG_CONFIG_HOME", dir_.filePath("config"));  // no saved window size
  env.insert("XDG_STATE_HOME", state_->path());
  designer.setProcessEnvironment(env);
  designer.setWorkingDirectory(QStringLiteral(SC_SOURCE_DIR));
  designer.start(QStringLiteral(STREAMCANVAS_EXE),
                 {QStringLiteral(SC_SOURCE_DIR "/resources/examples/sensor-averages.json"), "--run",
                  "--screenshot", picture, "--after", "2s"});
  QVERIFY(designer.waitForFinished(60000));
  QVERIFY2(designer.exitCode() == 0, designer.readAllStandardError().constData());
  const QImage image(picture);
  QVERIFY(!image.isNull());
  QCOMPARE(image.size(), QSize(1400, 860));  // the window's default size
  // Not a blank picture: many colours (canvas, counters, chart lines).
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 7)
    for (int x = 0; x < image.width(); x += 7)
      colours.insert(image.pixel(x, y));
  QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));

  QProcess bad;
  bad.setProcessEnvironment(env);
  bad.start(QStringLiteral(STREAMCANVAS_EXE),
            {QStringLiteral(SC_SOURCE_DIR "/resources/examples/sensor-averages.json"),
             "--screenshot", picture, "--after", "soon"});
  QVERIFY(bad.waitForFinished(30000));
  QCOMPARE(bad.exitCode(), 2);
  QVERIFY(bad.readAllStandardError().contains("--after"));
}

void tst_RunCharts::screenshotShowsTheChartsOverTheOutputView() {
  // sensor-averages ends in a console sink, so its run brings the Output view (Tap dock) to the
  // front; the picture must show the Run dock's aggregate chart all the same.
  qputenv("INPUT", SC_SOURCE_DIR "/resources/data/sensors.jsonl");
  QVERIFY(
      window_->openFile(QStringLiteral(SC_SOURCE_DIR "/resources/examples/sensor-averages.json")));
  const QString picture = dir_.filePath("in-process.png");
  bool finished = false, saved = false, chartShown = false, outputShown = true;
  RunPanel* panel = window_->runPanel();
  scheduleScreenshot(*window_, picture, 1500, RunFirst::Resume, [&](bool ok) {
    finished = true;
    saved = ok;
    chartShown =
        panel->aggregates()->isVisible() && !panel->aggregates()->visibleRegion().isEmpty();
    outputShown = !window_->tapPanel()->visibleRegion().isEmpty();
  });
  QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
  qunsetenv("INPUT");
  QVERIFY(saved);
  QVERIFY(window_->tapPanel()->outputView());  // the run had console output to show
  QVERIFY2(chartShown, "the aggregate chart is not in the picture");
  QVERIFY(!outputShown);
  QCOMPARE(panel->aggregates()->series().size(), 8);  // sensor-averages' eight devices
  QVERIFY(!QImage(picture).isNull());
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 20000);
}

void tst_RunCharts::screenshotRunResumesWithoutAsking() {
  // A pipeline stopped once has a savepoint. The Run button would ask whether to resume, a
  // window-modal question that no picture shows and nobody answers: --run --screenshot resumes
  // without asking (as streamcanvas-run does), and --fresh starts over.
  const QString path = writeFile("resumed.json", QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "screenshot-resumed",
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 400, "count": 100000}},
    {"id": "win", "type": "window.tumbling",
     "properties": {"size": "10s", "timestamp": "ts", "aggregates": [{"as": "n", "fn": "count"}]}},
    {"id": "out", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "win"}, {"from": "win", "to": "out"}]
})")
                                                     .toUtf8());
  QVERIFY(window_->openFile(path));
  RunController* runner = window_->runController();
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(runner->stats().value(0).recordsOut > 0, 20000);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
  const quint64 savepoint = runner->checkpointStats().lastId;
  QVERIFY(runner->checkpointStats().lastWasSavepoint);
  QVERIFY(runner->resumable(window_->document()->pipeline()).checkpoint);

  auto shoot = [&](RunFirst run, quint64* firstId) {
    bool finished = false, saved = false;
    scheduleScreenshot(*window_, dir_.filePath("resumed.png"), 300, run, [&](bool ok) {
      finished = true;
      saved = ok;
    });
    QVERIFY(!window_->findChild<QMessageBox*>("resumeQuestion"));
    QVERIFY2(runner->isActive(), "the run did not start");
    QTRY_VERIFY_WITH_TIMEOUT(finished, 20000);
    QVERIFY(saved);
    QTRY_VERIFY_WITH_TIMEOUT(runner->checkpointStats().lastId > 0, 20000);
    QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isActive(), 20000);
    *firstId = runner->checkpointStats().lastId;
  };
  // Resumed: the checkpoint ids go on after the savepoint's.
  quint64 resumedId = 0;
  shoot(RunFirst::Resume, &resumedId);
  if (QTest::currentTestFailed()) return;
  QVERIFY2(resumedId > savepoint,
           qPrintable(QStringLiteral("%1 %2").arg(resumedId).arg(savepoint)));
  // Fresh: the checkpoints were removed and the ids started over.
  quint64 freshId = 0;
  shoot(RunFirst::Fresh, &freshId);
  if (QTest::currentTestFailed()) return;
  QVERIFY2(freshId < resumedId, qPrintable(QStringLiteral("%1 %2").arg(freshId).arg(resumedId)));
}

QTEST_MAIN(tst_RunCharts)
#include "tst_RunCharts.moc"
