// The canvas marks the wires that a scale-out run sends through a repartition topic
// (engine/graph/Repartition.h): dashed, with a badge, the topic and the reason in the tooltip.
// The marks follow the document, driven like a user on the real window: scale_out ticked in
// the settings form, the window's key typed into its table, the wire deleted, the window
// renamed, and each of these undone with the keyboard.
#include <QCheckBox>
#include <QHelpEvent>
#include <QLineEdit>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>

#include "app/designer/CanvasStyle.h"
#include "app/designer/EdgeItem.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/NodeItem.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/PropertyEditors.h"
#include "app/designer/PropertyInspector.h"
#include "designer/WindowTestSupport.h"

using namespace sc;
using namespace sc::designer;

namespace {

// A Kafka source partitioned by message key, a window grouping by a field of the value.
const char* kMeters = R"({
  "streamcanvas": 1,
  "name": "meters",
  "nodes": [
    {"id": "src", "type": "kafka.source",
     "properties": {"topics": ["readings"], "group_id": "meters"}, "ui": {"x": 0, "y": 0}},
    {"id": "per_device", "type": "window.tumbling",
     "properties": {"size": "1m", "key": "device", "timestamp": "ts",
                    "aggregates": [{"as": "n", "fn": "count"}]}, "ui": {"x": 400, "y": 0}},
    {"id": "out", "type": "kafka.sink", "properties": {"topic": "counts"},
     "ui": {"x": 800, "y": 0}}
  ],
  "edges": [{"from": "src", "to": "per_device"}, {"from": "per_device", "to": "out"}]
})";

int distance(const QColor& a, const QColor& b) {
  return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
         std::abs(a.blue() - b.blue());
}

}  // namespace

class tst_RepartitionWires : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void marksFollowTheDocument();
  void markedWireIsDrawnDifferently();

 private:
  EdgeItem* wireInto(const char* node) const {
    for (QGraphicsItem* item : window_->scene()->items())
      if (auto* edge = qgraphicsitem_cast<EdgeItem*>(item))
        if (edge->edge().to.node == node) return edge;
    return nullptr;
  }
  QWidget* canvas() const { return window_->view()->viewport(); }
  QPoint onCanvas(QPointF scenePos) const { return window_->view()->mapFromScene(scenePos); }
  // Clicks the empty canvas (the settings form shows) and scale_out's check box.
  void clickScaleOut();
  // The canvas's own shortcuts, with the canvas focused as after a click on it.
  void undo() { QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier); }
  void redo() {
    QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  }
  // The tooltip shown when the mouse rests on the canvas at `scenePos`.
  QString hoverText(QPointF scenePos);
  PipelineDocument* doc() const { return window_->document(); }

  QTemporaryDir dir_;
  MainWindow* window_ = nullptr;
};

void tst_RepartitionWires::initTestCase() {
  test::useTemporarySettings(dir_, "tst_RepartitionWires");
}

void tst_RepartitionWires::init() {
  window_ = test::showMainWindow();
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
  QVERIFY(window_->openFile(test::writeTestFile(dir_, "meters.json", kMeters)));
  QTest::qWait(50);  // the queued fit
  window_->view()->setTransform(QTransform::fromScale(2, 2));
  window_->view()->centerOn(wireInto("per_device")->middle());
}

void tst_RepartitionWires::cleanup() {
  test::closeMainWindow(window_);
}

void tst_RepartitionWires::clickScaleOut() {
  const QPoint empty(8, 8);
  QVERIFY(!window_->view()->itemAt(empty));
  QTest::mouseClick(canvas(), Qt::LeftButton, {}, empty);
  QVERIFY(window_->inspector()->showsSettings());
  PropertyEditor* editor = window_->inspector()->editor("scale_out");
  QVERIFY(editor);
  auto* box = editor->findChild<QCheckBox*>();
  QVERIFY(box && box->isVisible());
  QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(box->height() / 2, box->height() / 2));
  // Back to the canvas, where the window's shortcuts apply.
  QTest::mouseClick(canvas(), Qt::LeftButton, {}, empty);
}

QString tst_RepartitionWires::hoverText(QPointF scenePos) {
  QToolTip::hideText();
  const QPoint at = onCanvas(scenePos);
  QHelpEvent help(QEvent::ToolTip, at, canvas()->mapToGlobal(at));
  QCoreApplication::sendEvent(canvas(), &help);
  return QToolTip::isVisible() ? QToolTip::text() : QString();
}

void tst_RepartitionWires::marksFollowTheDocument() {
  EdgeItem* wire = wireInto("per_device");
  QVERIFY(wire);
  QVERIFY(!wire->isRepartitioned());  // scale_out is off
  QCOMPARE(window_->scene()->repartitionedEdgeCount(), 0);

  // scale_out ticked in the settings form: the window's key is a field, not the message key.
  clickScaleOut();
  QCOMPARE(doc()->setting("scale_out"), Json(true));
  QVERIFY(wire->isRepartitioned());
  QVERIFY(!wireInto("out")->isRepartitioned());  // the window's output is not repartitioned
  QCOMPARE(window_->scene()->repartitionedEdgeCount(), 1);
  const QString expected = QStringLiteral(
      "Repartitioned through topic meters-per_device-repartition: its key (device) is not the "
      "message key ($key)");
  QVERIFY2(wire->toolTip().startsWith(expected), qPrintable(wire->toolTip()));
  // The mouse resting on the badge shows it.
  QVERIFY2(hoverText(wire->mapToScene(wire->repartitionBadgeRect().center())).startsWith(expected),
           qPrintable(QToolTip::text()));

  // The key becomes the message key, typed into the window's key table: no hop.
  NodeItem* windowNode = window_->scene()->nodeItem("per_device");
  QTest::mouseClick(canvas(), Qt::LeftButton, {},
                    onCanvas(windowNode->mapToScene(windowNode->boundingRect().center())));
  QCOMPARE(window_->inspector()->nodeId(), QStringLiteral("per_device"));
  auto* keys = window_->inspector()->editor("key")->findChild<QTableWidget*>();
  QVERIFY(keys && keys->isVisible());
  QCOMPARE(keys->item(0, 0)->text(), QStringLiteral("device"));
  QTest::mouseClick(keys->viewport(), Qt::LeftButton, {},
                    keys->visualItemRect(keys->item(0, 0)).center());
  QTest::keyClick(keys->viewport(), Qt::Key_F2);  // edit the cell
  QWidget* cellEditor = QApplication::focusWidget();
  QVERIFY(qobject_cast<QLineEdit*>(cellEditor));
  QTest::keyClick(cellEditor, Qt::Key_A, Qt::ControlModifier);
  QTest::keyClicks(cellEditor, QStringLiteral("$key"));
  QTest::keyClick(cellEditor, Qt::Key_Return);  // the delegate commits on its next event
  QTRY_COMPARE(
      QString::fromStdString(doc()->pipeline().node("per_device")->properties["key"].dump()),
      QStringLiteral(R"(["$key"])"));
  QVERIFY(!wire->isRepartitioned());
  QVERIFY(wire->toolTip().isEmpty());
  QCOMPARE(window_->scene()->repartitionedEdgeCount(), 0);

  // Undone from the canvas: the field again, marked again.
  QTest::mouseClick(canvas(), Qt::LeftButton, {}, QPoint(8, 8));
  undo();
  QCOMPARE(QString::fromStdString(doc()->pipeline().node("per_device")->properties["key"].dump()),
           QStringLiteral(R"("device")"));
  QVERIFY(wire->isRepartitioned());

  // The wire deleted (clicked, Delete) and restored (undo): a new item, marked as well.
  QTest::mouseClick(canvas(), Qt::LeftButton, {},
                    onCanvas(wire->mapToScene(wire->path().pointAtPercent(0.3))));
  QCOMPARE(doc()->selectedEdges().size(), size_t(1));
  QTest::keyClick(window_->view(), Qt::Key_Delete);
  QVERIFY(!wireInto("per_device"));
  QCOMPARE(window_->scene()->repartitionedEdgeCount(), 0);
  undo();
  wire = wireInto("per_device");
  QVERIFY(wire && wire->isRepartitioned());

  // Renaming the window renames its topic.
  QTest::mouseClick(canvas(), Qt::LeftButton, {},
                    onCanvas(windowNode->mapToScene(windowNode->boundingRect().center())));
  QLineEdit* id = window_->inspector()->idEdit();
  id->setFocus();
  id->selectAll();
  QTest::keyClicks(id, QStringLiteral("by_device"));
  QTest::keyClick(id, Qt::Key_Return);
  QVERIFY(doc()->pipeline().node("by_device"));
  wire = wireInto("by_device");
  QVERIFY(wire && wire->isRepartitioned());
  QVERIFY2(wire->toolTip().contains(QStringLiteral("topic meters-by_device-repartition:")),
           qPrintable(wire->toolTip()));
  QTest::mouseClick(canvas(), Qt::LeftButton, {}, QPoint(8, 8));
  undo();
  wire = wireInto("per_device");
  QVERIFY(wire && wire->isRepartitioned());
  QVERIFY2(wire->toolTip().contains(QStringLiteral("topic meters-per_device-repartition:")),
           qPrintable(wire->toolTip()));
  redo();
  wire = wireInto("by_device");
  QVERIFY(wire && wire->isRepartitioned());

  // scale_out unticked: no marks; undo and redo bring them back and take them away. (The
  // rename in between keeps the untick from merging with the tick into one undo step, as
  // consecutive edits of one setting do.)
  clickScaleOut();
  QCOMPARE(doc()->setting("scale_out"), Json(false));
  QVERIFY(!wire->isRepartitioned());
  undo();
  QCOMPARE(doc()->setting("scale_out"), Json(true));
  QVERIFY(wire->isRepartitioned());
  redo();
  QVERIFY(!wire->isRepartitioned());
  QCOMPARE(window_->scene()->repartitionedEdgeCount(), 0);
}

void tst_RepartitionWires::markedWireIsDrawnDifferently() {
  // Along the wire (away from its middle) a normal wire is ink all the way; a marked one has
  // gaps of canvas between its dashes, and the frame of its badge is drawn above the middle.
  EdgeItem* wire = wireInto("per_device");
  const CanvasColors colors = canvasColors(window_->scene()->palette());
  // Nearer the wire's colour than the canvas's (grid lines are near the canvas's).
  auto inky = [&](const QColor& c) {
    return distance(c, colors.edge) < distance(c, colors.background);
  };
  auto look = [&](int* gaps, int* inked, QColor* badgeTop) {
    canvas()->repaint();
    const QImage shot = canvas()->grab().toImage();
    const double ratio = shot.devicePixelRatio();
    auto pixel = [&](QPointF scenePos) {
      const QPoint p = onCanvas(scenePos);
      return shot.pixelColor(int(p.x() * ratio), int(p.y() * ratio));
    };
    *gaps = *inked = 0;
    const QPainterPath& path = wire->path();
    for (double length = path.length() * 0.1; length < path.length() * 0.4; length += 1)
      ++*(inky(pixel(wire->mapToScene(path.pointAtPercent(path.percentAtLength(length))))) ? inked
                                                                                           : gaps);
    *badgeTop = pixel(wire->middle() + QPointF(1.5, -EdgeItem::kBadgeHeight / 2));
  };
  int gaps = 0, inked = 0;
  QColor badgeTop;
  look(&gaps, &inked, &badgeTop);
  QCOMPARE(gaps, 0);
  QVERIFY(inked > 50);
  QVERIFY2(!inky(badgeTop), qPrintable(badgeTop.name()));

  clickScaleOut();
  QVERIFY(wire->isRepartitioned());
  look(&gaps, &inked, &badgeTop);
  QVERIFY2(gaps > 15 && inked > 15,
           qPrintable(QStringLiteral("%1 gaps, %2 inked").arg(gaps).arg(inked)));
  QVERIFY2(inky(badgeTop), qPrintable(badgeTop.name()));
}

QTEST_MAIN(tst_RepartitionWires)
#include "tst_RepartitionWires.moc"
