// Watching and holding the records of a running pipeline in the designer, driven like a user
// on the real window: the Output view of console sinks, several taps at once with their
// filters and pause, breakpoints with Step, Continue and Stop, and no thread left behind.
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app/designer/EdgeItem.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "app/designer/TapPanel.h"
#include "app/designer/WireView.h"
#include "designer/WindowTestSupport.h"

using namespace sc;
using namespace sc::designer;

class tst_WireDebugging : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void outputViewShowsWhatConsoleSinksPrint();
  void tapFilterShowsOnlyMatchingRecords();
  void tapFilterReadsFieldsThePipelineDoesNot();
  void pausedTapShowsNothing();
  void tapKeepsTheNewestThousandRecords();
  void tapHeadingSaysWhetherRecordsWereSkipped();
  void twoTapsAtOnce();
  void breakpointHoldsTheFirstMatchAndStepAdvancesByOne();
  void breakpointMarkerAndStepBatch();
  void debuggerKeysStepAndContinue();
  void stopWhileHeldEndsTheRun();
  void heldBreakpointLeavesAnotherWindowsRunGoing();
  void stoppingARunLeavesNoThreadBehind();

 private:
  QString write(const char* name, const char* text) {
    return test::writeTestFile(dir_, name, text);
  }
  // Double-clicks the wire leaving `from` (taps it) and returns its tab.
  WireView* tapWire(const char* from);
  EdgeItem* wireFrom(const char* from) const {
    for (QGraphicsItem* item : window_->scene()->items())
      if (auto* edge = qgraphicsitem_cast<EdgeItem*>(item))
        if (edge->edge().from.node == from) return edge;
    return nullptr;
  }
  // The colour drawn on the canvas `dy` scene units above the middle of `wire`.
  QColor shownAbove(EdgeItem* wire, double dy) const {
    const QImage shot = window_->view()->viewport()->grab().toImage();
    return shot.pixelColor(window_->view()->mapFromScene(wire->middle() - QPointF(0, dy)));
  }
  void runToEnd() {
    QTest::keyClick(window_, Qt::Key_F5);
    QVERIFY(runner()->isActive());
    QTRY_VERIFY_WITH_TIMEOUT(!runner()->isActive(), 20000);
  }
  RunController* runner() const { return window_->runController(); }
  quint64 recordsIn(const char* node) const {
    for (const auto& s : runner()->stats())
      if (s.id == QLatin1String(node)) return s.recordsIn;
    return 0;
  }
  static QStringList lines(QPlainTextEdit* view) {
    return view->toPlainText().split('\n', Qt::SkipEmptyParts);
  }
  static void check(QCheckBox* box) {
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(box->height() / 2, box->height() / 2));
  }
  static void type(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
  }

  QTemporaryDir dir_;
  std::unique_ptr<QTemporaryDir> state_;
  MainWindow* window_ = nullptr;
};

void tst_WireDebugging::initTestCase() {
  test::useTemporarySettings(dir_, "tst_WireDebugging");
}

void tst_WireDebugging::init() {
  state_ = test::useFreshStateDir();
  window_ = test::showMainWindow();
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
}

void tst_WireDebugging::cleanup() {
  test::closeMainWindow(window_);
}

WireView* tst_WireDebugging::tapWire(const char* from) {
  EdgeItem* wire = nullptr;
  for (QGraphicsItem* item : window_->scene()->items())
    if (auto* edge = qgraphicsitem_cast<EdgeItem*>(item))
      if (edge->edge().from.node == from) wire = edge;
  if (!wire) return nullptr;
  QTest::mouseDClick(window_->view()->viewport(), Qt::LeftButton, {},
                     window_->view()->mapFromScene(wire->middle()));
  return window_->tapPanel()->view(QLatin1String(from), QStringLiteral("out"));
}

namespace {

// Payments, numbered pay-00000001 on; `count` of them as fast as possible.
const char* kPayments = R"({
  "streamcanvas": 1,
  "name": "payments",
  "nodes": [
    {"id": "gen", "type": "generator",
     "properties": {"template": "payments", "rate": 0, "count": 3000}, "ui": {"x": 0, "y": 0}},
    {"id": "big", "type": "filter", "properties": {"condition": "amount >= 100"},
     "ui": {"x": 360, "y": 0}},
    {"id": "sink", "type": "discard.sink", "ui": {"x": 720, "y": 0}}
  ],
  "edges": [{"from": "gen", "to": "big"}, {"from": "big", "to": "sink"}]
})";

QString field(const QString& line, const char* name) {
  const Json record = Json::parse(line.toStdString(), nullptr, false);
  if (record.is_discarded() || !record.contains(name)) return {};
  const Json& v = record[name];
  return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
}

}  // namespace

void tst_WireDebugging::outputViewShowsWhatConsoleSinksPrint() {
  // generated-payments ends in a console sink: its records are in the Output tab, in order.
  QVERIFY(window_->openFile(
      QStringLiteral(SC_SOURCE_DIR "/resources/examples/generated-payments.json")));
  TapPanel* panel = window_->tapPanel();
  WireView* output = panel->outputView();
  QVERIFY(lines(output->records()).isEmpty());
  runToEnd();
  QVERIFY(panel->isVisible());  // a run with console sinks shows their output
  QCOMPARE(panel->tabs()->currentWidget(), output);
  quint64 printed = 0;
  for (const auto& s : runner()->stats())
    if (s.type == "console.sink") printed += s.recordsIn;
  QVERIFY(printed > 0);
  const QStringList shown = lines(output->records());
  QCOMPARE(quint64(shown.size()), printed);
  for (const QString& line : shown)
    QVERIFY2(!field(line, "amount").isEmpty(), qPrintable(line));
  QVERIFY2(output->heading()->text().contains(QStringLiteral("printed %1 records").arg(printed)),
           qPrintable(output->heading()->text()));

  // The same controls as a tap: pretty JSON and metadata.
  check(output->findChild<QCheckBox*>(QStringLiteral("pretty")));
  QVERIFY(output->records()->toPlainText().contains(QStringLiteral("\n  \"amount\": ")));
  check(output->findChild<QCheckBox*>(QStringLiteral("metadata")));
  QVERIFY2(output->records()->toPlainText().contains(QStringLiteral("event time 20")),
           qPrintable(output->records()->toPlainText().left(300)));
}

void tst_WireDebugging::tapFilterShowsOnlyMatchingRecords() {
  QVERIFY(window_->openFile(write("payments.json", kPayments)));
  QTest::qWait(50);  // the queued fit
  WireView* tap = tapWire("gen");
  QVERIFY(tap);
  auto* filter = tap->findChild<QLineEdit*>(QStringLiteral("filter"));
  // A filter that does not compile says why, and changes nothing.
  type(filter, QStringLiteral("currency =="));
  auto* error = tap->findChild<QLabel*>(QStringLiteral("filterError"));
  QVERIFY(error->isVisible());
  QVERIFY2(error->text().contains(QStringLiteral("does not apply")), qPrintable(error->text()));
  filter->clear();
  type(filter, QStringLiteral("currency == \"GBP\" && account != \"nobody\""));
  QVERIFY(!error->isVisible());
  runToEnd();
  const QStringList shown = lines(tap->records());
  QVERIFY(shown.size() > 5);
  for (const QString& line : shown)
    QCOMPARE(field(line, "currency"), QStringLiteral("GBP"));
  QVERIFY2(tap->heading()->text().contains(QStringLiteral("3000 records passed")),
           qPrintable(tap->heading()->text()));
  // At full speed (batches of hundreds of GBP payments) the tap copied at most 32 of each; the
  // heading says how the shown records are sampled (RunController's tap limits).
  QVERIFY2(tap->heading()->text().contains(QStringLiteral("a sample shown: up to %1 of every "
                                                          "batch, %2 a second")
                                               .arg(RunController::kTapPerBatch)
                                               .arg(RunController::kTapPerTenth * 10)),
           qPrintable(tap->heading()->text()));
}

void tst_WireDebugging::tapHeadingSaysWhetherRecordsWereSkipped() {
  // 40 payments at 20 a second: every one is copied, and the heading does not call them a
  // sample (it did, whatever the rate).
  QString text = QString::fromUtf8(kPayments);
  text.replace(QStringLiteral("\"rate\": 0, \"count\": 3000"),
               QStringLiteral("\"rate\": 20, \"count\": 40"));
  QVERIFY(window_->openFile(write("slow.json", text.toUtf8().constData())));
  QTest::qWait(50);
  WireView* tap = tapWire("gen");
  QVERIFY(tap);
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!runner()->isActive(), 30000);
  tap->refresh();
  QCOMPARE(lines(tap->records()).size(), 40);
  QVERIFY2(tap->heading()->text().contains(QStringLiteral("40 records passed (none skipped")),
           qPrintable(tap->heading()->text()));
}

void tst_WireDebugging::tapFilterReadsFieldsThePipelineDoesNot() {
  // Records read from a file keep their JSON payload; the pipeline reads only "n", the filter
  // names "colour" and "size.w", which come from the payload, and "n" as the map set it.
  QFile data(dir_.filePath("data.jsonl"));
  QVERIFY(data.open(QIODevice::WriteOnly));
  for (int i = 0; i < 300; ++i)
    data.write(QStringLiteral(R"({"n":%1,"colour":"%2","size":{"w":%3}})"
                              "\n")
                   .arg(i)
                   .arg(i % 3 == 0 ? "red" : "blue")
                   .arg(i % 5)
                   .toUtf8());
  data.close();
  const QString path = write("file.json", QStringLiteral(R"({
  "streamcanvas": 1,
  "name": "file",
  "nodes": [
    {"id": "src", "type": "file.source", "properties": {"path": "%1"}, "ui": {"x": 0, "y": 0}},
    {"id": "double", "type": "map", "properties": {"set": {"n": "n * 2"}},
     "ui": {"x": 360, "y": 0}},
    {"id": "sink", "type": "discard.sink", "ui": {"x": 720, "y": 0}}
  ],
  "edges": [{"from": "src", "to": "double"}, {"from": "double", "to": "sink"}]
})")
                                              .arg(data.fileName())
                                              .toUtf8()
                                              .constData());
  QVERIFY(window_->openFile(path));
  QTest::qWait(50);
  WireView* tap = tapWire("double");
  QVERIFY(tap);
  type(tap->findChild<QLineEdit*>(QStringLiteral("filter")),
       QStringLiteral("colour == \"red\" && size.w == 0 && n >= 100"));
  runToEnd();
  QCOMPARE(recordsIn("sink"), quint64(300));
  // i % 15 == 0 with 2i >= 100: i = 60, 75, ..., 285.
  QStringList want;
  for (int i = 60; i < 300; i += 15)
    want << QString::number(2 * i);
  QStringList got;
  for (const QString& line : lines(tap->records()))
    got << field(line, "n");
  QCOMPARE(got, want);
}

void tst_WireDebugging::pausedTapShowsNothing() {
  QVERIFY(window_->openFile(write("payments.json", kPayments)));
  QTest::qWait(50);
  WireView* tap = tapWire("gen");
  QVERIFY(tap);
  auto* pause = tap->findChild<QPushButton*>(QStringLiteral("pause"));
  QTest::mouseClick(pause, Qt::LeftButton);
  QVERIFY(pause->isChecked());
  QCOMPARE(pause->text(), QStringLiteral("Resume"));
  runToEnd();
  QVERIFY(tap->records()->toPlainText().isEmpty());
  QVERIFY2(tap->heading()->text().contains(QStringLiteral("3000 records passed")),
           qPrintable(tap->heading()->text()));  // counted all the same
  // Resumed, the next run shows its records.
  QTest::mouseClick(pause, Qt::LeftButton);
  QVERIFY(!pause->isChecked());
  runToEnd();
  QVERIFY(!tap->records()->toPlainText().isEmpty());
}

// A tap's tab keeps the newest 1,000 records (WireView::kMaxRecords): 4,000 payments at
// 1,500/s pass the tap, well over 1,000 of them are taken, and the tab ends holding exactly
// 1,000, in order, the last one the newest the tap took.
void tst_WireDebugging::tapKeepsTheNewestThousandRecords() {
  QString text = QString::fromUtf8(kPayments);
  text.replace(QStringLiteral("\"rate\": 0, \"count\": 3000"),
               QStringLiteral("\"rate\": 1500, \"count\": 4000"));
  QVERIFY(text.contains(QStringLiteral("\"count\": 4000")));
  QVERIFY(window_->openFile(write("payments.json", text.toUtf8().constData())));
  QTest::qWait(50);
  WireView* tap = tapWire("gen");
  QVERIFY(tap);
  // The shown records' numbers (pay-00000001 is 1).
  QList<int> taken;
  const QRegularExpression id(QStringLiteral("pay-(\\d{8})"));
  auto number = [&](const QString& line) {
    const QRegularExpressionMatch m = id.match(line);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
  };
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY(runner()->isActive());
  QTRY_VERIFY_WITH_TIMEOUT(!runner()->isActive(), 30000);
  tap->refresh();
  const QStringList shown = lines(tap->records());
  QCOMPARE(shown.size(), WireView::kMaxRecords);
  QVERIFY2(tap->heading()->text().contains(QStringLiteral("4000 records passed")),
           qPrintable(tap->heading()->text()));
  for (const QString& line : shown)
    taken << number(line);
  QVERIFY2(taken.first() > 0, qPrintable(shown.first()));
  for (int i = 1; i < taken.size(); ++i)
    QVERIFY2(taken[i] > taken[i - 1], qPrintable(shown[i - 1] + '\n' + shown[i]));
  // The oldest were dropped: records before the first shown one were taken too (the view
  // overflowed), and the newest shown is near the end of the input.
  QVERIFY2(taken.first() > 1000, qPrintable(shown.first()));
  QVERIFY2(taken.last() > 3000, qPrintable(shown.last()));
  // The view followed the newest records through every overflow (rebuilding the text used to
  // put it back at the oldest), and Pretty JSON keeps it there.
  QScrollBar* bar = tap->records()->verticalScrollBar();
  QVERIFY(bar->maximum() > 0);
  QCOMPARE(bar->value(), bar->maximum());
  QTest::mouseClick(tap->findChild<QCheckBox*>("pretty"), Qt::LeftButton);
  QVERIFY(lines(tap->records()).size() > WireView::kMaxRecords);  // now pretty, many lines
  QCOMPARE(bar->value(), bar->maximum());
  // Scrolled back to read, a rebuild leaves it there.
  bar->setValue(bar->maximum() / 3);
  QTest::mouseClick(tap->findChild<QCheckBox*>("pretty"), Qt::LeftButton);
  QVERIFY(bar->value() < bar->maximum());
}

void tst_WireDebugging::twoTapsAtOnce() {
  QVERIFY(window_->openFile(write("payments.json", kPayments)));
  QTest::qWait(50);
  WireView* all = tapWire("gen");
  WireView* big = tapWire("big");
  QVERIFY(all && big && all != big);
  QCOMPARE(window_->tapPanel()->tabs()->count(), 3);  // Output and the two wires
  QCOMPARE(runner()->tappedPorts().size(), 2);
  runToEnd();
  const QStringList before = lines(all->records());
  const QStringList after = lines(big->records());
  QVERIFY(!before.isEmpty() && !after.isEmpty());
  bool sawSmall = false;
  for (const QString& line : before)
    sawSmall |= field(line, "amount").toDouble() < 100;
  QVERIFY(sawSmall);
  for (const QString& line : after)
    QVERIFY2(field(line, "amount").toDouble() >= 100, qPrintable(line));
  QVERIFY2(
      big->heading()->text().contains(QStringLiteral("%1 records passed").arg(recordsIn("sink"))),
      qPrintable(big->heading()->text()));

  // Closing a tab removes its tap, and its marker.
  QTabWidget* tabs = window_->tapPanel()->tabs();
  Q_EMIT tabs->tabCloseRequested(tabs->indexOf(all));
  QCOMPARE(tabs->count(), 2);
  QCOMPARE(runner()->tappedPorts(), (QList<QPair<QString, QString>>{{"big", "out"}}));
}

void tst_WireDebugging::breakpointHoldsTheFirstMatchAndStepAdvancesByOne() {
  QVERIFY(window_->openFile(write("payments.json", kPayments)));
  QTest::qWait(50);
  WireView* tap = tapWire("gen");
  QVERIFY(tap);
  auto* condition = tap->findChild<QLineEdit*>(QStringLiteral("breakCondition"));
  type(condition,
       QStringLiteral("payment_id == \"pay-00000010\" || payment_id == \"pay-00002000\""));
  check(tap->findChild<QCheckBox*>(QStringLiteral("break")));
  QVERIFY(runner()->breakpoint("gen", "out"));
  auto* held = tap->findChild<QPlainTextEdit*>(QStringLiteral("heldRecord"));
  auto* step = tap->findChild<QPushButton*>(QStringLiteral("step"));
  auto* resume = tap->findChild<QPushButton*>(QStringLiteral("continue"));
  QVERIFY(!step->isEnabled());

  QTest::keyClick(window_, Qt::Key_F5);
  // Held at the first match: the nine before it passed, the rest waits.
  QTRY_VERIFY_WITH_TIMEOUT(held->isVisible(), 20000);
  QVERIFY2(held->toPlainText().contains(QStringLiteral("\"pay-00000010\"")),
           qPrintable(held->toPlainText()));
  QVERIFY(step->isEnabled() && resume->isEnabled());
  QTRY_COMPARE(lines(tap->records()).size(), 9);
  QCOMPARE(field(lines(tap->records()).last(), "payment_id"), QStringLiteral("pay-00000009"));
  QVERIFY(runner()->isActive());
  // The GUI stays live while the branch waits (this wait pumps its events).
  QTest::qWait(3 * RunController::kPollMs);
  QCOMPARE(lines(tap->records()).size(), 9);
  QCOMPARE(recordsIn("big"), quint64(9));

  // Step passes the held record and holds the next one.
  QTest::mouseClick(step, Qt::LeftButton);
  QTRY_VERIFY(held->isVisible() &&
              held->toPlainText().contains(QStringLiteral("\"pay-00000011\"")));
  QTRY_COMPARE(lines(tap->records()).size(), 10);
  QCOMPARE(field(lines(tap->records()).last(), "payment_id"), QStringLiteral("pay-00000010"));
  QTRY_COMPARE(recordsIn("big"), quint64(10));

  // Continue runs to the next match, then to the end.
  QTest::mouseClick(resume, Qt::LeftButton);
  QTRY_VERIFY(held->isVisible() &&
              held->toPlainText().contains(QStringLiteral("\"pay-00002000\"")));
  QTRY_COMPARE(recordsIn("big"), quint64(1999));
  QTest::mouseClick(resume, Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!runner()->isActive(), 20000);
  QCOMPARE(recordsIn("big"), quint64(3000));
  QVERIFY(!held->isVisible());
}

namespace {

bool near(const QColor& a, const QColor& b) {
  return std::abs(a.red() - b.red()) < 40 && std::abs(a.green() - b.green()) < 40 &&
         std::abs(a.blue() - b.blue()) < 40;
}

// The payment number in a held record's text ("pay-00001025" -> 1025), 0 when there is none.
int heldPayment(const QString& text) {
  const QRegularExpressionMatch m =
      QRegularExpression(QStringLiteral("\"pay-(\\d+)\"")).match(text);
  return m.hasMatch() ? m.captured(1).toInt() : 0;
}

}  // namespace

void tst_WireDebugging::breakpointMarkerAndStepBatch() {
  QVERIFY(window_->openFile(write("payments.json", kPayments)));
  QTest::qWait(50);
  WireView* tap = tapWire("gen");
  QVERIFY(tap);
  EdgeItem* wire = wireFrom("gen");
  // Zoomed in, so that a pixel check sees each part of the marker whole.
  window_->view()->setTransform(QTransform::fromScale(2, 2));
  window_->view()->centerOn(wire->middle());
  QCOMPARE(wire->breakMark(), EdgeItem::BreakMark::None);  // the tap glyph only
  QVERIFY(!near(shownAbove(wire, 0), EdgeItem::breakColour()));

  // A breakpoint without a condition: a red disc on the wire.
  check(tap->findChild<QCheckBox*>(QStringLiteral("break")));
  QCOMPARE(wire->breakMark(), EdgeItem::BreakMark::Always);
  QTRY_VERIFY(near(shownAbove(wire, 0), EdgeItem::breakColour()));
  // With a condition: a white bar across it.
  auto* condition = tap->findChild<QLineEdit*>(QStringLiteral("breakCondition"));
  type(condition,
       QStringLiteral("payment_id == \"pay-00000010\" || payment_id == \"pay-00002000\""));
  QCOMPARE(wire->breakMark(), EdgeItem::BreakMark::Conditional);
  QTRY_VERIFY(near(shownAbove(wire, 0), Qt::white));
  QVERIFY(!near(shownAbove(wire, EdgeItem::kTapRadius), EdgeItem::holdingColour()));

  auto* held = tap->findChild<QPlainTextEdit*>(QStringLiteral("heldRecord"));
  auto* stepBatch = tap->findChild<QPushButton*>(QStringLiteral("stepBatch"));
  auto* resume = tap->findChild<QPushButton*>(QStringLiteral("continue"));
  QVERIFY(stepBatch && !stepBatch->isEnabled());
  QTest::keyClick(window_, Qt::Key_F5);
  // Holding a record: ringed in amber.
  QTRY_VERIFY_WITH_TIMEOUT(held->isVisible(), 20000);
  QCOMPARE(heldPayment(held->toPlainText()), 10);
  QTRY_COMPARE(wire->breakMark(), EdgeItem::BreakMark::Holding);
  QTRY_VERIFY(near(shownAbove(wire, EdgeItem::kTapRadius), EdgeItem::holdingColour()));
  if (!qEnvironmentVariableIsEmpty("SC_SCREENSHOT_DIR"))  // a picture to look at
    window_->grab().save(QDir(qEnvironmentVariable("SC_SCREENSHOT_DIR"))
                             .filePath(QStringLiteral("breakpoint-held.png")));

  // Step Batch: the held record and the rest of its batch pass, the next batch's first is held.
  QVERIFY(stepBatch->isEnabled());
  QTest::mouseClick(stepBatch, Qt::LeftButton);
  QTRY_VERIFY(held->isVisible() && heldPayment(held->toPlainText()) > 10);
  const int next = heldPayment(held->toPlainText());
  QVERIFY2(next > 11 && next < 2000, qPrintable(held->toPlainText()));  // more than one passed
  QTRY_COMPARE(recordsIn("big"), quint64(next - 1));
  QTest::qWait(3 * RunController::kPollMs);
  QCOMPARE(recordsIn("big"), quint64(next - 1));  // and the branch waits again
  QCOMPARE(wire->breakMark(), EdgeItem::BreakMark::Holding);

  // Continue asks the condition again from the record after the one the step held (in the
  // same batch as pay-00002000 when batches are 1,024 long).
  QTest::mouseClick(resume, Qt::LeftButton);
  QTRY_VERIFY(held->isVisible() && heldPayment(held->toPlainText()) == 2000);
  QTRY_COMPARE(recordsIn("big"), quint64(1999));
  QTest::mouseClick(resume, Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!runner()->isActive(), 20000);
  QCOMPARE(recordsIn("big"), quint64(3000));
  QTRY_COMPARE(wire->breakMark(), EdgeItem::BreakMark::Conditional);

  // Removing the breakpoint leaves the tap glyph.
  check(tap->findChild<QCheckBox*>(QStringLiteral("break")));
  QCOMPARE(wire->breakMark(), EdgeItem::BreakMark::None);
  QTRY_VERIFY(!near(shownAbove(wire, 0), EdgeItem::breakColour()));
}

void tst_WireDebugging::debuggerKeysStepAndContinue() {
  // The Run menu has Continue (F5), Step (F10) and Step Batch (F11), enabled while a record is
  // held; the tab's buttons name the keys.
  QAction* resume = window_->action("continue");
  QAction* step = window_->action("step");
  QAction* stepBatch = window_->action("stepBatch");
  QAction* run = window_->action("run");
  QVERIFY(resume && step && stepBatch);
  QCOMPARE(resume->shortcut(), QKeySequence(Qt::Key_F5));
  QCOMPARE(step->shortcut(), QKeySequence(Qt::Key_F10));
  QCOMPARE(stepBatch->shortcut(), QKeySequence(Qt::Key_F11));
  QMenu* runMenu = nullptr;
  for (QAction* a : window_->menuBar()->actions())
    if (a->text() == QLatin1String("&Run")) runMenu = a->menu();
  QVERIFY(runMenu);
  for (QAction* a : {resume, step, stepBatch})
    QVERIFY2(runMenu->actions().contains(a), qPrintable(a->text()));
  QCOMPARE(step->toolTip(), QStringLiteral("Step (F10)"));
  QVERIFY(!resume->isEnabled() && !step->isEnabled() && !stepBatch->isEnabled());
  QVERIFY(run->isEnabled());

  QVERIFY(window_->openFile(write("payments.json", kPayments)));
  QTest::qWait(50);
  WireView* tap = tapWire("gen");
  QVERIFY(tap);
  for (const auto& [button, key] : {std::pair{"step", "(F10)"}, std::pair{"stepBatch", "(F11)"},
                                    std::pair{"continue", "(F5)"}}) {
    const QString tip = tap->findChild<QPushButton*>(QLatin1String(button))->toolTip();
    QVERIFY2(tip.endsWith(QLatin1String(key)), qPrintable(tip));
  }
  type(tap->findChild<QLineEdit*>(QStringLiteral("breakCondition")),
       QStringLiteral("payment_id == \"pay-00000010\" || payment_id == \"pay-00002000\""));
  check(tap->findChild<QCheckBox*>(QStringLiteral("break")));
  auto* held = tap->findChild<QPlainTextEdit*>(QStringLiteral("heldRecord"));
  window_->view()->setFocus();  // the keys work wherever the focus is in the window

  QTest::keyClick(window_, Qt::Key_F5);  // Run
  QTRY_VERIFY_WITH_TIMEOUT(held->isVisible(), 20000);
  QCOMPARE(heldPayment(held->toPlainText()), 10);
  QTRY_VERIFY(step->isEnabled() && resume->isEnabled() && stepBatch->isEnabled());
  QVERIFY(!run->isEnabled());  // F5 is Continue now, never both

  // F10: the held record passes, the next one is held.
  QTest::keyClick(window_, Qt::Key_F10);
  QTRY_VERIFY(held->isVisible() && heldPayment(held->toPlainText()) == 11);
  QTRY_COMPARE(recordsIn("big"), quint64(10));
  QTRY_VERIFY(step->isEnabled());

  // F11: the rest of the batch passes, the next batch's first record is held.
  QTest::keyClick(window_, Qt::Key_F11);
  QTRY_VERIFY(held->isVisible() && heldPayment(held->toPlainText()) > 11);
  const int next = heldPayment(held->toPlainText());
  QVERIFY2(next > 12 && next < 2000, qPrintable(held->toPlainText()));
  QTRY_COMPARE(recordsIn("big"), quint64(next - 1));
  QTRY_VERIFY(resume->isEnabled());

  // F5: runs to the next match, then to the end.
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY(held->isVisible() && heldPayment(held->toPlainText()) == 2000);
  QTRY_COMPARE(recordsIn("big"), quint64(1999));
  QTRY_VERIFY(resume->isEnabled());
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(!runner()->isActive(), 20000);
  QCOMPARE(recordsIn("big"), quint64(3000));
  QTRY_VERIFY(!resume->isEnabled() && !step->isEnabled() && run->isEnabled());
  // Nothing is held: F10 does nothing.
  QTest::keyClick(window_, Qt::Key_F10);
  QVERIFY(!runner()->isActive());
}

void tst_WireDebugging::stopWhileHeldEndsTheRun() {
  // An unbounded source, held at its first record: Stop ends the run all the same.
  QVERIFY(window_->openFile(write("forever.json", R"({
  "streamcanvas": 1,
  "name": "forever",
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 1000}, "ui": {"x": 0, "y": 0}},
    {"id": "sink", "type": "discard.sink", "ui": {"x": 360, "y": 0}}
  ],
  "edges": [{"from": "gen", "to": "sink"}]
})")));
  QTest::qWait(50);
  WireView* tap = tapWire("gen");
  QVERIFY(tap);
  check(tap->findChild<QCheckBox*>(QStringLiteral("break")));
  auto* held = tap->findChild<QPlainTextEdit*>(QStringLiteral("heldRecord"));
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(held->isVisible(), 20000);
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner()->isActive(), 10000);
  QVERIFY(!held->isVisible());
}

namespace {

int threadCount() {
  return int(
      QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

}  // namespace

void tst_WireDebugging::heldBreakpointLeavesAnotherWindowsRunGoing() {
  // Window 1 holds a record at a breakpoint; window 2 (same process, its own run) runs its
  // pipeline to the end meanwhile, and window 1 is still held afterwards.
  QVERIFY(window_->openFile(write("payments.json", kPayments)));
  QTest::qWait(50);
  WireView* tap = tapWire("gen");
  QVERIFY(tap);
  check(tap->findChild<QCheckBox*>(QStringLiteral("break")));
  auto* held = tap->findChild<QPlainTextEdit*>(QStringLiteral("heldRecord"));
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(held->isVisible(), 20000);
  QVERIFY(held->toPlainText().contains(QStringLiteral("\"pay-00000001\"")));

  MainWindow* other = test::showMainWindow({1000, 700});
  QVERIFY(QTest::qWaitForWindowExposed(other));
  QVERIFY(other->openFile(write("other.json", R"({
  "streamcanvas": 1,
  "name": "other",
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 0, "count": 5000}},
    {"id": "sink", "type": "discard.sink"}
  ],
  "edges": [{"from": "gen", "to": "sink"}]
})")));
  QTest::keyClick(other, Qt::Key_F5);
  QVERIFY(other->runController()->isActive());
  QTRY_VERIFY_WITH_TIMEOUT(!other->runController()->isActive(), 20000);
  quint64 received = 0;
  for (const auto& s : other->runController()->stats())
    if (s.id == QLatin1String("sink")) received = s.recordsIn;
  QCOMPARE(received, quint64(5000));
  test::closeMainWindow(other);

  // The first window is still held where it was.
  QVERIFY(runner()->isActive());
  QVERIFY(held->isVisible());
  QCOMPARE(recordsIn("big"), quint64(0));
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner()->isActive(), 20000);
}

void tst_WireDebugging::stoppingARunLeavesNoThreadBehind() {
  QVERIFY(window_->openFile(write("forever.json", R"({
  "streamcanvas": 1,
  "name": "forever",
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 2000}, "ui": {"x": 0, "y": 0}},
    {"id": "win", "type": "window.tumbling",
     "properties": {"size": "1s", "key": "device", "timestamp": "ts",
                    "aggregates": [{"as": "n", "fn": "count"}]}, "ui": {"x": 360, "y": 0}},
    {"id": "out", "type": "console.sink", "ui": {"x": 720, "y": 0}}
  ],
  "edges": [{"from": "gen", "to": "win"}, {"from": "win", "to": "out"}]
})")));
  QTest::qWait(50);
  QVERIFY(tapWire("gen"));
  const int before = threadCount();
  QTest::keyClick(window_, Qt::Key_F5);
  QTRY_VERIFY_WITH_TIMEOUT(recordsIn("win") > 0, 20000);
  QVERIFY(threadCount() > before);  // the engine's threads
  QTest::keyClick(window_, Qt::Key_F5, Qt::ShiftModifier);
  QTRY_VERIFY_WITH_TIMEOUT(!runner()->isActive(), 20000);
  QTRY_COMPARE_WITH_TIMEOUT(threadCount(), before, 10000);
}

QTEST_MAIN(tst_WireDebugging)
#include "tst_WireDebugging.moc"
