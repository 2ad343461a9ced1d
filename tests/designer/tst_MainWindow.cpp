// The whole designer window with the real node registry, driven like a user: drag from the
// palette, wire with the mouse, type into the inspector, undo and redo with the keyboard, save,
// copy and paste through the clipboard, follow a problem from the problems panel.
#include <QClipboard>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/NodeItem.h"
#include "app/designer/NodePalette.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/ProblemsPanel.h"
#include "app/designer/PropertyEditors.h"
#include "app/designer/PropertyInspector.h"

using namespace sc;
using namespace sc::designer;

class tst_MainWindow : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void buildWireEditUndoRedoSave();
  void examplesOpenAndSaveByteIdentical();
  void problemsPanelSelectsNodeAndFocusesProperty();
  void problemsPanelAndRunAgreeOnPlanTimeProblems();
  void problemsPanelNamesUnknownConnections();
  void copyPasteThroughTheClipboard();
  void pasteJsonWrittenInATextEditor();
  void fileThatFailsToLoadOpensNothing();
  void dirtyMarkerAndClosePrompt();
  void findNodeSelectsIt();
  void recentFilesAndExport();
  void openedFileStaysFittedUntilTheUserZooms();

 private:
  QPoint portPoint(const QString& id, bool output, const QString& port) const;
  QPoint titlePoint(const QString& id) const;
  void dropFromPalette(const QString& type, QPoint at);
  void wire(QPoint from, QPoint to);
  QString example(const char* name) const {
    return QStringLiteral(SC_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
  }

  QTemporaryDir dir_;
  MainWindow* window_ = nullptr;
  QStringList errors_;
  int prompts_ = 0;
  QMessageBox::StandardButton answer_ = QMessageBox::Discard;
};

void tst_MainWindow::initTestCase() {
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
  QCoreApplication::setOrganizationName("StreamCanvasTest");
  QCoreApplication::setApplicationName("tst_MainWindow");
}

void tst_MainWindow::init() {
  errors_.clear();
  prompts_ = 0;
  answer_ = QMessageBox::Discard;
  window_ = new MainWindow(NodeRegistry::builtin());
  window_->setUnsavedChangesPrompt([this] {
    ++prompts_;
    return answer_;
  });
  window_->setErrorReporter(
      [this](const QString& title, const QString& text) { errors_ << title + '\n' + text; });
  window_->resize(1400, 900);
  window_->show();
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
}

void tst_MainWindow::cleanup() {
  answer_ = QMessageBox::Discard;
  window_->close();
  delete window_;
  window_ = nullptr;
}

QPoint tst_MainWindow::portPoint(const QString& id, bool output, const QString& port) const {
  NodeItem* item = window_->scene()->nodeItem(id);
  return window_->view()->mapFromScene(item->mapToScene(item->portPosition(output, port)));
}

QPoint tst_MainWindow::titlePoint(const QString& id) const {
  NodeItem* item = window_->scene()->nodeItem(id);
  return window_->view()->mapFromScene(item->mapToScene(QPointF(100, 14)));
}

void tst_MainWindow::dropFromPalette(const QString& type, QPoint at) {
  NodePalette* palette = window_->nodePalette();
  const QModelIndex index = palette->indexOfType(type);
  QVERIFY2(index.isValid(), qPrintable(type));
  std::unique_ptr<QMimeData> mime(palette->view()->model()->mimeData({index}));
  QWidget* viewport = window_->view()->viewport();
  QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
  QApplication::sendEvent(viewport, &enter);
  QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
  QApplication::sendEvent(viewport, &move);
  QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
  QApplication::sendEvent(viewport, &drop);
  QVERIFY(drop.isAccepted());
}

void tst_MainWindow::wire(QPoint from, QPoint to) {
  QWidget* viewport = window_->view()->viewport();
  QTest::mousePress(viewport, Qt::LeftButton, {}, from);
  QTest::mouseMove(viewport, (from + to) / 2);
  QTest::mouseMove(viewport, to);
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

void tst_MainWindow::buildWireEditUndoRedoSave() {
  PipelineDocument* doc = window_->document();
  GraphView* view = window_->view();
  view->resetTransform();
  view->centerOn(400, 150);

  dropFromPalette("generator", QPoint(150, 150));
  dropFromPalette("filter", QPoint(420, 250));
  dropFromPalette("console.sink", QPoint(690, 150));
  QCOMPARE(doc->pipeline().nodes.size(), size_t(3));
  QVERIFY(doc->pipeline().node("generator") && doc->pipeline().node("filter") &&
          doc->pipeline().node("console_sink"));

  wire(portPoint("generator", true, "out"), portPoint("filter", false, "in"));
  wire(portPoint("filter", true, "out"), portPoint("console_sink", false, "in"));
  QCOMPARE(doc->pipeline().edges.size(), size_t(2));

  // Select the filter with a click and type its condition in the inspector.
  QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, titlePoint("filter"));
  QCOMPARE(window_->inspector()->nodeId(), QString("filter"));
  PropertyEditor* condition = window_->inspector()->editor("condition");
  QVERIFY(condition);
  auto* text = qobject_cast<QPlainTextEdit*>(condition->focusTarget());
  QVERIFY(text);
  text->setFocus();
  QTest::keyClicks(text, "temperature > 30");
  QCOMPARE(doc->pipeline().node("filter")->properties["condition"], Json("temperature > 30"));
  const int steps = doc->undoStack()->count();

  // The generator's rate through a line edit.
  QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, titlePoint("generator"));
  PropertyEditor* rate = window_->inspector()->editor("rate");
  QVERIFY(rate);
  auto* rateEdit = qobject_cast<QLineEdit*>(rate->focusTarget());
  QVERIFY(rateEdit);
  rateEdit->setFocus();
  QTest::keyClicks(rateEdit, "50");
  QCOMPARE(doc->pipeline().node("generator")->properties["rate"], Json(50));
  QCOMPARE(doc->undoStack()->count(), steps + 1);  // typing "50" is one step

  // Undo and redo with the keyboard, focus on the canvas.
  view->setFocus();
  QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
  QVERIFY(!doc->pipeline().node("generator")->properties.contains("rate"));
  QVERIFY(rateEdit->text().isEmpty());  // the inspector follows the undo
  QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
  QVERIFY(!doc->pipeline().node("filter")->properties.contains("condition"));
  QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  QCOMPARE(doc->pipeline().node("filter")->properties["condition"], Json("temperature > 30"));
  QCOMPARE(doc->pipeline().node("generator")->properties["rate"], Json(50));

  // Auto-layout (Ctrl+L) gives positions the expected file can state exactly.
  QTest::keyClick(view, Qt::Key_L, Qt::ControlModifier);
  const QString path = dir_.filePath("built.json");
  QVERIFY(window_->saveFile(path));
  QFile saved(path);
  QVERIFY(saved.open(QIODevice::ReadOnly));
  const QByteArray expected = R"({
  "streamcanvas": 1,
  "name": "",
  "settings": {},
  "connections": {},
  "nodes": [
    {
      "id": "generator",
      "type": "generator",
      "properties": {"rate": 50},
      "ui": {"x": 0, "y": -60}
    },
    {
      "id": "filter",
      "type": "filter",
      "properties": {"condition": "temperature > 30"},
      "ui": {"x": 260, "y": -70}
    },
    {
      "id": "console_sink",
      "type": "console.sink",
      "properties": {},
      "ui": {"x": 520, "y": -60}
    }
  ],
  "edges": [
    {"from": "generator", "to": "filter"},
    {"from": "filter", "to": "console_sink"}
  ]
}
)";
  QCOMPARE(saved.readAll(), expected);
  QVERIFY(!window_->isWindowModified());
}

void tst_MainWindow::examplesOpenAndSaveByteIdentical() {
  const QDir examples(QStringLiteral(SC_SOURCE_DIR "/resources/examples"));
  const QStringList files = examples.entryList({"*.json"}, QDir::Files);
  QVERIFY(!files.isEmpty());
  for (const QString& file : files) {
    QVERIFY2(window_->openFile(examples.filePath(file)), qPrintable(errors_.join('\n')));
    QCOMPARE(window_->scene()->edgeItemCount(), int(window_->document()->pipeline().edges.size()));
    const QString out = dir_.filePath(file);
    QVERIFY(window_->saveFile(out));
    QFile a(examples.filePath(file)), b(out);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());
  }
}

void tst_MainWindow::problemsPanelSelectsNodeAndFocusesProperty() {
  const QString path = dir_.filePath("problems.json");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({
  "streamcanvas": 1,
  "name": "problems",
  "settings": {},
  "connections": {},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"template": "sensors"}},
    {"id": "hot", "type": "filter", "properties": {"condition": "temperature >"}},
    {"id": "out", "type": "console.sink", "properties": {}}
  ],
  "edges": [{"from": "gen", "to": "hot"}, {"from": "hot", "to": "out"}]
}
)");
  file.close();
  QVERIFY2(window_->openFile(path), qPrintable(errors_.join('\n')));
  ProblemsPanel* panel = window_->problemsPanel();
  QVERIFY(panel->topLevelItemCount() >= 1);
  QTreeWidgetItem* item = nullptr;
  for (int i = 0; i < panel->topLevelItemCount(); ++i)
    if (panel->topLevelItem(i)->text(1) == "hot") item = panel->topLevelItem(i);
  QVERIFY(item);
  QCOMPARE(window_->scene()->nodeItem("hot")->problems().errors, 1);
  panel->scrollToItem(item);
  QTest::mouseClick(panel->viewport(), Qt::LeftButton, {}, panel->visualItemRect(item).center());
  QCOMPARE(window_->document()->selectedNodes(), std::set<std::string>{"hot"});
  PropertyEditor* condition = window_->inspector()->editor("condition");
  QVERIFY(condition);
  QCOMPARE(QApplication::focusWidget(), condition->focusTarget());
  QVERIFY2(condition->problemText().contains("column"), qPrintable(condition->problemText()));

  // Fixing the expression clears the problem everywhere.
  QTest::keyClicks(condition->focusTarget(), " 30");
  window_->document()->validateNow();
  QCOMPARE(window_->scene()->nodeItem("hot")->problems().errors, 0);
  QVERIFY(condition->problemText().isEmpty());
  for (int i = 0; i < panel->topLevelItemCount(); ++i)
    QVERIFY(panel->topLevelItem(i)->text(1) != "hot");
}

void tst_MainWindow::problemsPanelAndRunAgreeOnPlanTimeProblems() {
  // Two windows fed by one source disagree on event time: only planning finds it. The panel
  // used to show nothing while Run refused; both now report the same problem.
  const QString path = dir_.filePath("plan.json");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({
  "streamcanvas": 1,
  "name": "plan",
  "settings": {},
  "connections": {},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"count": 10}},
    {"id": "by-ts", "type": "window.tumbling", "properties": {"size": "1m", "timestamp": "ts"}},
    {"id": "by-kafka", "type": "window.tumbling", "properties": {"size": "1m"}},
    {"id": "a", "type": "discard.sink", "properties": {}},
    {"id": "b", "type": "discard.sink", "properties": {}}
  ],
  "edges": [
    {"from": "gen", "to": "by-ts"},
    {"from": "gen", "to": "by-kafka"},
    {"from": "by-ts", "to": "a"},
    {"from": "by-kafka", "to": "b"}
  ]
}
)");
  file.close();
  QVERIFY2(window_->openFile(path), qPrintable(errors_.join('\n')));
  ProblemsPanel* panel = window_->problemsPanel();
  QCOMPARE(panel->topLevelItemCount(), 1);
  QTreeWidgetItem* item = panel->topLevelItem(0);
  QCOMPARE(item->text(1), QString("by-kafka"));
  QCOMPARE(item->text(0), QString("windows fed by source 'gen' disagree on the event-time "
                                  "expression ('ts' vs '$timestamp') — use the same timestamp "
                                  "expression in every window downstream of one source"));
  QCOMPARE(window_->scene()->nodeItem("by-kafka")->problems().errors, 1);

  QTest::keyClick(window_->view()->viewport(), Qt::Key_F5);
  QCOMPARE(errors_.size(), 1);
  QCOMPARE(errors_.last(), "Cannot run the pipeline\n" + item->toolTip(0) + '\n');

  // Clicking the problem focuses the property it is about.
  panel->scrollToItem(item);
  QTest::mouseClick(panel->viewport(), Qt::LeftButton, {}, panel->visualItemRect(item).center());
  QCOMPARE(window_->document()->selectedNodes(), std::set<std::string>{"by-kafka"});
  PropertyEditor* timestamp = window_->inspector()->editor("timestamp");
  QVERIFY(timestamp);
  QCOMPARE(QApplication::focusWidget(), timestamp->focusTarget());
}

void tst_MainWindow::problemsPanelNamesUnknownConnections() {
  const QString path = dir_.filePath("connection.json");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({
  "streamcanvas": 1,
  "name": "connection",
  "settings": {},
  "connections": {
    "local": {"type": "kafka", "bootstrap_servers": "embedded"},
    "prod": {"type": "kafka", "bootstrap_servers": "broker:9092"}
  },
  "nodes": [
    {"id": "in", "type": "kafka.source", "properties": {"connection": "locl", "topics": ["t"]}},
    {"id": "out", "type": "discard.sink", "properties": {}}
  ],
  "edges": [{"from": "in", "to": "out"}]
}
)");
  file.close();
  QVERIFY2(window_->openFile(path), qPrintable(errors_.join('\n')));
  ProblemsPanel* panel = window_->problemsPanel();
  QCOMPARE(panel->topLevelItemCount(), 1);
  QCOMPARE(panel->topLevelItem(0)->text(1), QString("in"));
  QCOMPARE(panel->topLevelItem(0)->text(0),
           QString("unknown connection 'locl' — did you mean 'local'? defined connections: "
                   "local, prod"));
  QCOMPARE(panel->topLevelItem(0)->text(2), QString("/nodes/0/properties/connection"));
}

void tst_MainWindow::copyPasteThroughTheClipboard() {
  QVERIFY(window_->openFile(example("sensor-alerts.json")));
  PipelineDocument* doc = window_->document();
  GraphView* view = window_->view();
  QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, titlePoint("hot"));
  QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier,
                    titlePoint("fahrenheit"));
  QCOMPARE(doc->selectedNodes(), (std::set<std::string>{"hot", "fahrenheit"}));
  view->setFocus();
  QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
  const Json copied = Json::parse(QApplication::clipboard()->text().toStdString());
  QCOMPARE(copied["streamcanvas"], Json(1));
  QCOMPARE(copied["nodes"].size(), size_t(2));
  QCOMPARE(copied["nodes"][0]["id"], Json("hot"));
  QCOMPARE(copied["nodes"][1]["properties"],
           (Json{{"set", {{"temp_f", "temperature * 9 / 5 + 32"}}}}));
  QCOMPARE(copied["edges"], (Json::array({{{"from", "hot"}, {"to", "fahrenheit"}}})));

  QTest::keyClick(view, Qt::Key_V, Qt::ControlModifier);
  QCOMPARE(doc->pipeline().nodes.size(), size_t(6));
  QCOMPARE(doc->selectedNodes(), (std::set<std::string>{"filter", "map"}));
  QCOMPARE(doc->pipeline().edges.back().from.node, std::string("filter"));
  QCOMPARE(doc->pipeline().edges.back().to.node, std::string("map"));
  QCOMPARE(doc->pipeline().node("filter")->properties, doc->pipeline().node("hot")->properties);
  QCOMPARE(doc->nodePosition("filter"), doc->nodePosition("hot") + QPointF(30, 30));

  // Cut puts the pasted copies (still selected) on the clipboard and removes them; pasting
  // brings them back under the same ids, which are free again.
  QTest::keyClick(view, Qt::Key_X, Qt::ControlModifier);
  QCOMPARE(doc->pipeline().nodes.size(), size_t(4));
  QTest::keyClick(view, Qt::Key_V, Qt::ControlModifier);
  QCOMPARE(doc->pipeline().nodes.size(), size_t(6));
  QVERIFY(doc->pipeline().node("filter") && doc->pipeline().node("map"));
}

void tst_MainWindow::pasteJsonWrittenInATextEditor() {
  QApplication::clipboard()->setText(
      R"([{"id": "print", "type": "console.sink"}, {"id": "gen", "type": "generator",
          "properties": {"template": "clicks"}}])");
  window_->view()->setFocus();
  QTest::keyClick(window_->view(), Qt::Key_V, Qt::ControlModifier);
  PipelineDocument* doc = window_->document();
  QCOMPARE(doc->pipeline().nodes.size(), size_t(2));
  QCOMPARE(doc->pipeline().node("gen")->properties["template"], Json("clicks"));
  QVERIFY(window_->scene()->nodeItem("print"));
  // Not JSON: nothing happens and the status bar says why.
  QApplication::clipboard()->setText("just words");
  QTest::keyClick(window_->view(), Qt::Key_V, Qt::ControlModifier);
  QCOMPARE(doc->pipeline().nodes.size(), size_t(2));
}

void tst_MainWindow::fileThatFailsToLoadOpensNothing() {
  QVERIFY(window_->openFile(example("sensor-alerts.json")));
  const QString title = window_->windowTitle();
  const QString path = dir_.filePath("bad.json");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({"streamcanvas": 7, "nodes": "nope"})");
  file.close();
  QVERIFY(!window_->openFile(path));
  QCOMPARE(errors_.size(), 1);
  QVERIFY2(errors_.first().contains("bad.json"), qPrintable(errors_.first()));
  QCOMPARE(window_->document()->pipeline().nodes.size(), size_t(4));
  QCOMPARE(window_->windowTitle(), title);
}

void tst_MainWindow::dirtyMarkerAndClosePrompt() {
  QVERIFY(window_->openFile(example("sensor-alerts.json")));
  QVERIFY(window_->windowTitle().contains("[*]"));
  QVERIFY(window_->windowTitle().contains("sensor-alerts.json"));
  QVERIFY(!window_->isWindowModified());
  window_->document()->setSelection({"out"});
  window_->view()->setFocus();
  QTest::keyClick(window_->view(), Qt::Key_Delete);
  QCOMPARE(window_->document()->pipeline().nodes.size(), size_t(3));
  QVERIFY(window_->isWindowModified());
  answer_ = QMessageBox::Cancel;
  QVERIFY(!window_->close());
  QCOMPARE(prompts_, 1);
  QVERIFY(window_->isVisible());
  QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier);
  QVERIFY(!window_->isWindowModified());  // back at the saved state
  QVERIFY(window_->close());
  QCOMPARE(prompts_, 1);  // nothing to save: no question
}

void tst_MainWindow::findNodeSelectsIt() {
  QVERIFY(window_->openFile(example("sensor-alerts.json")));
  window_->view()->setFocus();
  QTest::keyClick(window_->view(), Qt::Key_F, Qt::ControlModifier);
  QCOMPARE(QApplication::focusWidget(), window_->findEdit());
  QTest::keyClicks(window_->findEdit(), "FAHR");
  QTest::keyClick(window_->findEdit(), Qt::Key_Return);
  QCOMPARE(window_->document()->selectedNodes(), std::set<std::string>{"fahrenheit"});
}

void tst_MainWindow::recentFilesAndExport() {
  QVERIFY(window_->openFile(example("sensor-alerts.json")));
  QCOMPARE(window_->recentFiles().value(0),
           QFileInfo(example("sensor-alerts.json")).absoluteFilePath());
  const QString png = dir_.filePath("diagram.png");
  QVERIFY(window_->exportImage(png));
  QImage image(png);
  QVERIFY(!image.isNull());
  QVERIFY(image.width() > 400);
  // Exporting leaves the selection as it was.
  window_->document()->setSelection({"hot"});
  QVERIFY(window_->exportImage(dir_.filePath("diagram.svg")));
  QVERIFY(window_->scene()->nodeItem("hot")->isSelected());
  QFile svg(dir_.filePath("diagram.svg"));
  QVERIFY(svg.open(QIODevice::ReadOnly));
  QVERIFY(svg.readAll().contains("<svg"));
}

void tst_MainWindow::openedFileStaysFittedUntilTheUserZooms() {
  // Opened while the window is small (as before a window manager sizes it), the diagram is
  // fitted again when the window grows, up to 100 %.
  window_->resize(500, 400);
  QVERIFY(window_->openFile(example("sensor-alerts.json")));
  GraphView* view = window_->view();
  QTest::qWait(50);  // the fit queued by the document reset has run at the small size
  QVERIFY(view->zoom() < 0.9);
  window_->resize(1600, 1000);
  QTRY_COMPARE(view->zoom(), 1.0);
  const QRectF diagram = window_->scene()->diagramRect(0);
  QVERIFY(view->mapToScene(view->viewport()->rect()).boundingRect().contains(diagram));
  // Once the user zooms, resizing leaves the zoom alone.
  QWheelEvent wheel(QPointF(200, 200), view->viewport()->mapToGlobal(QPointF(200, 200)), QPoint(),
                    QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(view->viewport(), &wheel);
  const double zoomed = view->zoom();
  QVERIFY(zoomed < 1.0);
  window_->resize(900, 700);
  QTest::qWait(50);
  QCOMPARE(view->zoom(), zoomed);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
