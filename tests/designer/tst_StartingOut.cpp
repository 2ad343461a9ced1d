// A new user's first minutes, driven with the mouse and keys: the empty canvas says what to do,
// File ▸ Examples opens the bundled examples, the Help menu has the node reference (from the
// specs), the expression reference, the shortcuts and About, nodes added by double-clicking the
// palette line up beside each other, and wires keep clear of the other ports of their nodes.
#include <QDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeView>
#include <QtTest>
#include <cmath>

#include "app/designer/EdgeItem.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/HelpMenus.h"
#include "app/designer/MainWindow.h"
#include "app/designer/NodeGeometry.h"
#include "app/designer/NodeItem.h"
#include "app/designer/NodePalette.h"
#include "app/designer/PipelineDocument.h"
#include "designer/WindowTestSupport.h"

using namespace sc;
using namespace sc::designer;

class tst_StartingOut : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void emptyCanvasSaysWhatToDo();
  void examplesMenuOpensTheBundledExamples();
  void helpMenuHasReferencesShortcutsAndAbout();
  void paletteDoubleClicksPlaceNodesSideBySide();
  void wiresKeepClearOfOtherPorts_data();
  void wiresKeepClearOfOtherPorts();

 private:
  QMenu* topMenu(const QString& title) const;
  // Opens a top-level menu with its Alt shortcut and chooses the entry `path` by keys.
  void chooseFromMenu(QMenu* menu, QAction* action);
  QImage canvasCentre() const;

  QTemporaryDir dir_;
  MainWindow* window_ = nullptr;
};

void tst_StartingOut::initTestCase() {
  test::useTemporarySettings(dir_, "tst_StartingOut");
}

void tst_StartingOut::init() {
  window_ = test::showMainWindow();
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
}

void tst_StartingOut::cleanup() {
  test::closeMainWindow(window_);
}

QMenu* tst_StartingOut::topMenu(const QString& title) const {
  for (QAction* a : window_->menuBar()->actions())
    if (a->text().remove('&') == title) return a->menu();
  return nullptr;
}

void tst_StartingOut::chooseFromMenu(QMenu* menu, QAction* action) {
  // Pop the menu up as a click on the menu bar does, then walk down to the entry with the keys.
  QMenuBar* bar = window_->menuBar();
  QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(menu->menuAction()).center());
  QTRY_VERIFY(menu->isVisible());
  QMenu* current = menu;
  // The entry may sit in a submenu of `menu`.
  QMenu* sub = nullptr;
  if (!menu->actions().contains(action))
    for (QAction* a : menu->actions())
      if (a->menu() && a->menu()->actions().contains(action)) sub = a->menu();
  auto walkTo = [&](QMenu* in, QAction* target) {
    for (int i = 0; i < in->actions().size() && in->activeAction() != target; ++i)
      QTest::keyClick(in, Qt::Key_Down);
    QCOMPARE(in->activeAction(), target);
  };
  if (sub) {
    walkTo(current, sub->menuAction());
    QTest::keyClick(current, Qt::Key_Right);
    QTRY_VERIFY(sub->isVisible());
    current = sub;
  }
  walkTo(current, action);
  QTest::keyClick(current, Qt::Key_Return);
  QTRY_VERIFY(!menu->isVisible());
}

QImage tst_StartingOut::canvasCentre() const {
  QWidget* viewport = window_->view()->viewport();
  QRect centre(0, 0, 500, 160);
  centre.moveCenter(viewport->rect().center());
  return viewport->grab(centre).toImage().convertToFormat(QImage::Format_RGB32);
}

namespace {

// How many pixels of `image` differ clearly from its corner pixel (the canvas background).
int inkPixels(const QImage& image) {
  const QColor background = image.pixelColor(0, 0);
  int ink = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) {
      const QColor c = image.pixelColor(x, y);
      if (std::abs(c.lightness() - background.lightness()) > 60) ++ink;
    }
  return ink;
}

}  // namespace

void tst_StartingOut::emptyCanvasSaysWhatToDo() {
  // A new document: the centre of the canvas carries the hint, in readable ink.
  QTRY_VERIFY2(inkPixels(canvasCentre()) > 400, "no hint on the empty canvas");
  // The first node added by the keyboard from the palette (Enter on an entry) takes it away.
  NodePalette* palette = window_->nodePalette();
  palette->view()->setFocus();
  palette->view()->setCurrentIndex(palette->indexOfType("generator"));
  window_->view()->resetTransform();
  window_->view()->centerOn(5000, 5000);  // the node lands away from the hint's area
  const QPoint entry = palette->view()->visualRect(palette->indexOfType("generator")).center();
  QTest::mouseClick(palette->view()->viewport(), Qt::LeftButton, {}, entry);
  QTest::mouseDClick(palette->view()->viewport(), Qt::LeftButton, {}, entry);
  QCOMPARE(window_->document()->pipeline().nodes.size(), size_t(1));
  window_->view()->centerOn(-5000, -5000);  // nothing in sight, but the document has a node
  QTRY_COMPARE(inkPixels(canvasCentre()), 0);
  // Undone, the document is empty again and the hint is back.
  QTest::keySequence(window_, QKeySequence::Undo);
  QCOMPARE(window_->document()->pipeline().nodes.size(), size_t(0));
  QTRY_VERIFY(inkPixels(canvasCentre()) > 400);
}

void tst_StartingOut::examplesMenuOpensTheBundledExamples() {
  const QString dir = examplesDirectory();
  QVERIFY2(!dir.isEmpty(), "no examples found");
  QVERIFY(QFileInfo::exists(dir + "/demo.json"));
  QMenu* file = topMenu("File");
  QVERIFY(file);
  auto* examples = window_->findChild<QMenu*>("examplesMenu");
  QVERIFY(examples);
  // One entry per example file.
  QCOMPARE(examples->actions().size(), QDir(dir).entryList({"*.json"}).size());
  auto* alerts = examples->findChild<QAction*>("example-sensor-alerts");
  QVERIFY(alerts);
  chooseFromMenu(file, alerts);
  QTRY_COMPARE(QFileInfo(window_->document()->filePath()).fileName(),
               QString("sensor-alerts.json"));
  QVERIFY(window_->document()->pipeline().node("hot"));
}

void tst_StartingOut::helpMenuHasReferencesShortcutsAndAbout() {
  QMenu* help = topMenu("Help");
  QVERIFY(help);
  auto page = [&](const char* action, const char* pageName) -> QString {
    chooseFromMenu(help, window_->findChild<QAction*>(action));
    auto* dialog = window_->findChild<QDialog*>(pageName);
    if (!dialog) return {};
    [&] { QTRY_VERIFY(dialog->isVisible()); }();
    const QString text = dialog->findChild<QTextBrowser*>("helpBrowser")->toPlainText();
    dialog->close();
    return text;
  };
  // The node reference lists every node type of the registry, from the specs.
  const QString nodes = page("nodeReference", "nodeReferencePage");
  QVERIFY2(nodes.size() > 1000, qPrintable(nodes));
  for (const NodeSpec* spec : NodeRegistry::builtin().all()) {
    QVERIFY2(nodes.contains(QString::fromStdString(spec->type)), spec->type.c_str());
    QVERIFY2(nodes.contains(QString::fromStdString(spec->title)),
             qPrintable(QString::fromStdString(spec->title) + " not in:\n" + nodes.right(1500)));
  }
  QVERIFY(!nodes.contains("do not edit by hand"));
  const QString expressions = page("expressionReference", "expressionReferencePage");
  QVERIFY2(expressions.contains("Expression language") && expressions.contains("coalesce"),
           qPrintable(expressions.left(200)));
  // The shortcuts page shows the window's actions with their keys as they are now.
  const QString shortcuts = page("shortcutsReference", "shortcutsPage");
  for (const QKeySequence& key : {QKeySequence(QKeySequence::Save), QKeySequence(Qt::Key_F5)})
    QVERIFY2(shortcuts.contains(key.toString(QKeySequence::NativeText)), qPrintable(shortcuts));
  QVERIFY(shortcuts.contains("Run"));
  // About names the program and its version.
  chooseFromMenu(help, window_->findChild<QAction*>("about"));
  QMessageBox* about = nullptr;
  QTRY_VERIFY((about = window_->findChild<QMessageBox*>("aboutBox")) && about->isVisible());
  QVERIFY(about->text().contains("StreamCanvas"));
  QTest::keyClick(about, Qt::Key_Escape);
  QTRY_VERIFY(!window_->findChild<QMessageBox*>("aboutBox"));
}

void tst_StartingOut::paletteDoubleClicksPlaceNodesSideBySide() {
  PipelineDocument* doc = window_->document();
  NodePalette* palette = window_->nodePalette();
  QTreeView* tree = palette->view();
  for (const char* type : {"generator", "filter", "map", "console.sink"}) {
    const QModelIndex index = palette->indexOfType(type);
    tree->scrollTo(index);
    // A double-click is a press, a release, and then the double-click itself.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
  }
  const auto& nodes = doc->pipeline().nodes;
  QCOMPARE(nodes.size(), size_t(4));
  std::vector<QRectF> boxes;
  for (const auto& node : nodes)
    boxes.push_back(
        window_->scene()->nodeItem(QString::fromStdString(node.id))->sceneBoundingRect());
  for (size_t i = 1; i < boxes.size(); ++i) {
    // Each new node sits on the same row, right of the one before, and covers no other.
    QCOMPARE(boxes[i].top(), boxes[0].top());
    QVERIFY2(boxes[i].left() > boxes[i - 1].right() - 20,
             qPrintable(QString("node %1 at x %2, the one before ends at %3")
                            .arg(i)
                            .arg(boxes[i].left())
                            .arg(boxes[i - 1].right())));
  }
  for (size_t i = 0; i < boxes.size(); ++i)
    for (size_t j = i + 1; j < boxes.size(); ++j) {
      const QRectF a = boxes[i].adjusted(10, 12, -18, -20), b = boxes[j].adjusted(10, 12, -18, -20);
      QVERIFY2(!a.intersects(b), qPrintable(QString("nodes %1 and %2 overlap").arg(i).arg(j)));
    }
  // The newest in view: the view follows the row.
  const QRectF visible =
      window_->view()->mapToScene(window_->view()->viewport()->rect()).boundingRect();
  QVERIFY(visible.contains(boxes.back().adjusted(0, 0, 0, -geometry::kRunLineHeight)));
}

void tst_StartingOut::wiresKeepClearOfOtherPorts_data() {
  // Where the target of the filter's "out" wire sits, relative to the filter.
  QTest::addColumn<QPoint>("offset");
  QTest::newRow("right") << QPoint(260, 0);
  QTest::newRow("right, far below") << QPoint(260, 400);
  QTest::newRow("close right, below") << QPoint(240, 160);
  QTest::newRow("below") << QPoint(0, 200);
  QTest::newRow("below left") << QPoint(-300, 220);
  QTest::newRow("left") << QPoint(-300, 0);
  QTest::newRow("above left") << QPoint(-300, -220);
  QTest::newRow("above right, close") << QPoint(120, -140);
  QTest::newRow("below right, close") << QPoint(120, 140);
}

void tst_StartingOut::wiresKeepClearOfOtherPorts() {
  QFETCH(QPoint, offset);
  PipelineDocument* doc = window_->document();
  GraphView* view = window_->view();
  view->resetTransform();
  view->setZoom(0.6);
  view->centerOn(400, 300);
  doc->addNode("filter", QPointF(400, 300));
  doc->addNode("console.sink", QPointF(800, 700));
  NodeItem* filter = window_->scene()->nodeItem("filter");
  NodeItem* sink = window_->scene()->nodeItem("console_sink");
  QVERIFY(filter && sink);
  // The user drags the sink by its title to its place, then wires out -> in with the mouse.
  auto toView = [&](NodeItem* item, QPointF local) {
    return view->mapFromScene(item->mapToScene(local));
  };
  const QPoint grip = toView(sink, QPointF(100, 14));
  const QPoint target = view->mapFromScene(QPointF(400, 300) + QPointF(offset) + QPointF(100, 14));
  QWidget* viewport = view->viewport();
  QTest::mousePress(viewport, Qt::LeftButton, {}, grip);
  for (int i = 1; i <= 4; ++i)
    QTest::mouseMove(viewport, grip + (target - grip) * i / 4);
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, target);
  QVERIFY(std::abs(sink->pos().x() - (400 + offset.x())) <= 10);
  const QPoint from = toView(filter, filter->portPosition(true, "out"));
  const QPoint to = toView(sink, sink->portPosition(false, "in"));
  QTest::mousePress(viewport, Qt::LeftButton, {}, from);
  QTest::mouseMove(viewport, (from + to) / 2);
  QTest::mouseMove(viewport, to);
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
  QCOMPARE(doc->pipeline().edges.size(), size_t(1));

  EdgeItem* wire = nullptr;
  for (QGraphicsItem* item : window_->scene()->items())
    if (item->type() == EdgeItem::Type) wire = static_cast<EdgeItem*>(item);
  QVERIFY(wire);
  // The wire as drawn, in scene coordinates.
  const QPainterPath drawn = wire->sceneTransform().map(wire->path());
  const QPointF start = filter->mapToScene(filter->portPosition(true, "out"));
  const QPointF end = sink->mapToScene(sink->portPosition(false, "in"));
  QCOMPARE(drawn.pointAtPercent(0), start);
  QCOMPARE(drawn.pointAtPercent(1), end);
  // Clear of the filter's "rejected" port and of the sink's other sides: at least the port's
  // radius and a pen's width, and it never runs through either node's body.
  const QPointF rejected = filter->mapToScene(filter->portPosition(true, "rejected"));
  const double clearance = geometry::kPortRadius + 4;
  const QRectF filterBody = filter->mapRectToScene(QRectF(
      0, 0, geometry::kNodeWidth, filter->boundingRect().bottom() - 4 - geometry::kRunLineHeight));
  const QRectF sinkBody = sink->mapRectToScene(QRectF(
      0, 0, geometry::kNodeWidth, sink->boundingRect().bottom() - 4 - geometry::kRunLineHeight));
  double nearest = 1e9;
  for (int i = 0; i <= 400; ++i) {
    const QPointF p = drawn.pointAtPercent(i / 400.0);
    nearest = std::min(nearest, QLineF(p, rejected).length());
    // Inside a body, except the last pixels where it meets its ports.
    const bool nearEnds = QLineF(p, start).length() < 3 || QLineF(p, end).length() < 3;
    QVERIFY2(
        nearEnds || !filterBody.adjusted(1, 1, -1, -1).contains(p),
        qPrintable(QString("the wire runs through the filter at %1,%2").arg(p.x()).arg(p.y())));
    QVERIFY2(nearEnds || !sinkBody.adjusted(1, 1, -1, -1).contains(p),
             qPrintable(QString("the wire runs through the sink at %1,%2").arg(p.x()).arg(p.y())));
  }
  QVERIFY2(nearest >= clearance, qPrintable(QString("the wire passes %1 px from the rejected "
                                                    "port (at least %2 wanted)")
                                                .arg(nearest)
                                                .arg(clearance)));
}

QTEST_MAIN(tst_StartingOut)
#include "tst_StartingOut.moc"
