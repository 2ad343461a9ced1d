// The canvas driven with mouse and keyboard events on the view's viewport: wiring, refusals,
// selection, moving, zooming, panning and palette drops. Stand-in registry.
#include <QMimeData>
#include <QScrollBar>
#include <QtTest>

#include "app/designer/EdgeItem.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/NodeGeometry.h"
#include "app/designer/NodeItem.h"
#include "app/designer/NodePalette.h"
#include "app/designer/PipelineDocument.h"
#include "designer/StandInRegistry.h"

using namespace sc;
using namespace sc::designer;

namespace {

PipelineNode node(const std::string& id, const std::string& type, int x, int y) {
  return PipelineNode{id, type, Json::object(), Json{{"x", x}, {"y", y}}};
}

}  // namespace

class tst_GraphScene : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void init();
  void cleanup();
  void wiringOutputToInputConnects();
  void wiringInputToOutputConnects();
  void refusedWiringSaysWhy_data();
  void refusedWiringSaysWhy();
  void dropTargetIsHighlighted();
  void dragMovesSnappedAndMergesIntoOneUndoStep();
  void rubberBandAndCtrlClickSelect();
  void clickSelectsEdgeAndRemoveDeletesIt();
  void wheelZoomsAroundTheCursor();
  void middleButtonPans();
  void paletteDropAddsNodeAtDropPoint();
  void paletteFilterAndDoubleClick();
  void sceneFollowsUndo();
  void longWireIsDrawnWhereVisible();

 private:
  QPoint portPoint(const QString& id, bool output, const QString& port) const;
  void drag(QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = {});

  PipelineDocument* doc_ = nullptr;
  GraphScene* scene_ = nullptr;
  GraphView* view_ = nullptr;
};

void tst_GraphScene::init() {
  doc_ = new PipelineDocument(test::standInRegistry());
  Pipeline p;
  p.nodes = {node("src", "test.source", 0, 0), node("hot", "test.filter", 300, 0),
             node("out", "test.sink", 600, 0), node("other", "test.filter", 300, 200)};
  p.edges = {PipelineEdge{EdgeEnd{"src", ""}, EdgeEnd{"hot", ""}}};
  doc_->setPipeline(p);
  scene_ = new GraphScene(doc_);
  view_ = new GraphView(scene_);
  view_->resize(1000, 600);
  view_->show();
  QVERIFY(QTest::qWaitForWindowExposed(view_));
  view_->centerOn(400, 100);
}

void tst_GraphScene::cleanup() {
  delete view_;
  delete scene_;
  delete doc_;
}

QPoint tst_GraphScene::portPoint(const QString& id, bool output, const QString& port) const {
  NodeItem* item = scene_->nodeItem(id);
  return view_->mapFromScene(item->mapToScene(item->portPosition(output, port)));
}

void tst_GraphScene::drag(QPoint from, QPoint to, Qt::KeyboardModifiers modifiers) {
  QWidget* viewport = view_->viewport();
  QTest::mousePress(viewport, Qt::LeftButton, modifiers, from);
  // Several steps, as a real drag delivers.
  for (int i = 1; i <= 4; ++i)
    QTest::mouseMove(viewport, from + (to - from) * i / 4);
  QTest::mouseRelease(viewport, Qt::LeftButton, modifiers, to);
}

void tst_GraphScene::wiringOutputToInputConnects() {
  drag(portPoint("hot", true, "out"), portPoint("out", false, "in"));
  QCOMPARE(doc_->pipeline().edges.size(), size_t(2));
  QCOMPARE(doc_->pipeline().edges.back().from.text(), std::string("hot"));
  QCOMPARE(doc_->pipeline().edges.back().to.text(), std::string("out"));
  QCOMPARE(scene_->edgeItemCount(), 2);
  // A non-default port is kept in the edge.
  drag(portPoint("hot", true, "rejected"), portPoint("other", false, "in"));
  QCOMPARE(doc_->pipeline().edges.back().from.text(), std::string("hot:rejected"));
  QCOMPARE(doc_->undoStack()->count(), 2);
}

void tst_GraphScene::wiringInputToOutputConnects() {
  drag(portPoint("out", false, "in"), portPoint("other", true, "out"));
  QCOMPARE(doc_->pipeline().edges.size(), size_t(2));
  QCOMPARE(doc_->pipeline().edges.back().from.text(), std::string("other"));
  QCOMPARE(doc_->pipeline().edges.back().to.text(), std::string("out"));
}

void tst_GraphScene::refusedWiringSaysWhy_data() {
  QTest::addColumn<QString>("fromNode");
  QTest::addColumn<bool>("fromOutput");
  QTest::addColumn<QString>("fromPort");
  QTest::addColumn<QString>("toNode");
  QTest::addColumn<bool>("toOutput");
  QTest::addColumn<QString>("toPort");
  QTest::addColumn<QString>("reason");
  QTest::newRow("output to output")
      << QString("hot") << true << QString("out") << QString("other") << true << QString("out")
      << QString("output port to an input port");
  QTest::newRow("same node") << QString("hot") << true << QString("out") << QString("hot") << false
                             << QString("in") << QString("itself");
  QTest::newRow("duplicate") << QString("src") << true << QString("out") << QString("hot") << false
                             << QString("in") << QString("already connected");
  QTest::newRow("input to input") << QString("out") << false << QString("in") << QString("other")
                                  << false << QString("in")
                                  << QString("output port to an input port");
}

void tst_GraphScene::refusedWiringSaysWhy() {
  QFETCH(QString, fromNode);
  QFETCH(bool, fromOutput);
  QFETCH(QString, fromPort);
  QFETCH(QString, toNode);
  QFETCH(bool, toOutput);
  QFETCH(QString, toPort);
  QFETCH(QString, reason);
  QSignalSpy status(scene_, &GraphScene::statusMessage);
  drag(portPoint(fromNode, fromOutput, fromPort), portPoint(toNode, toOutput, toPort));
  QCOMPARE(doc_->pipeline().edges.size(), size_t(1));
  QCOMPARE(doc_->undoStack()->count(), 0);
  QCOMPARE(status.count(), 1);
  const QString message = status.first().first().toString();
  QVERIFY2(message.contains("refused") && message.contains(reason), qPrintable(message));
}

void tst_GraphScene::dropTargetIsHighlighted() {
  // hot -> other is fine; then other -> hot would make a cycle.
  drag(portPoint("hot", true, "out"), portPoint("other", false, "in"));
  QCOMPARE(doc_->pipeline().edges.size(), size_t(2));
  QSignalSpy status(scene_, &GraphScene::statusMessage);
  QWidget* viewport = view_->viewport();
  const QPoint start = portPoint("other", true, "out"), target = portPoint("hot", false, "in");
  QTest::mousePress(viewport, Qt::LeftButton, {}, start);
  QTest::mouseMove(viewport, (start + target) / 2);
  QTest::mouseMove(viewport, target);
  QCOMPARE(scene_->nodeItem("hot")->portHighlight("in", false), NodeItem::PortHighlight::Refuse);
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, target);
  QCOMPARE(doc_->pipeline().edges.size(), size_t(2));
  QVERIFY(status.count() == 1 && status.first().first().toString().contains("cycle"));
  QCOMPARE(scene_->nodeItem("hot")->portHighlight("in", false), NodeItem::PortHighlight::None);
  // A compatible target is marked as accepted while hovering.
  const QPoint ok = portPoint("out", false, "in");
  QTest::mousePress(viewport, Qt::LeftButton, {}, start);
  QTest::mouseMove(viewport, (start + ok) / 2);
  QTest::mouseMove(viewport, ok);
  QCOMPARE(scene_->nodeItem("out")->portHighlight("in", false), NodeItem::PortHighlight::Accept);
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, ok);
  QCOMPARE(doc_->pipeline().edges.size(), size_t(3));
}

void tst_GraphScene::dragMovesSnappedAndMergesIntoOneUndoStep() {
  NodeItem* item = scene_->nodeItem("other");
  const QPoint title = view_->mapFromScene(item->mapToScene(QPointF(100, 12)));
  drag(title, title + QPoint(53, 27));
  QCOMPARE(doc_->nodePosition("other"), QPointF(350, 230));  // 53 -> 50, 27 -> 30
  QCOMPARE(item->pos(), QPointF(350, 230));
  const QPoint title2 = view_->mapFromScene(item->mapToScene(QPointF(100, 12)));
  drag(title2, title2 + QPoint(20, 0));
  QCOMPARE(doc_->nodePosition("other"), QPointF(370, 230));
  QCOMPARE(doc_->undoStack()->count(), 1);
  doc_->undoStack()->undo();
  QCOMPARE(item->pos(), QPointF(300, 200));
}

void tst_GraphScene::rubberBandAndCtrlClickSelect() {
  // A band around src and hot (from empty canvas above-left to below hot).
  const QPoint from = view_->mapFromScene(QPointF(-40, -40));
  const QPoint to = view_->mapFromScene(QPointF(520, 150));
  drag(from, to);
  QCOMPARE(doc_->selectedNodes(), (std::set<std::string>{"src", "hot"}));
  // Ctrl-click adds a node to the selection.
  const QPoint outTitle =
      view_->mapFromScene(scene_->nodeItem("out")->mapToScene(QPointF(100, 12)));
  QTest::mouseClick(view_->viewport(), Qt::LeftButton, Qt::ControlModifier, outTitle);
  QCOMPARE(doc_->selectedNodes(), (std::set<std::string>{"src", "hot", "out"}));
  // A plain click selects one node only.
  QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, outTitle);
  QCOMPARE(doc_->selectedNodes(), (std::set<std::string>{"out"}));
  // The document's selection shows on the canvas.
  doc_->setSelection({"hot"});
  QVERIFY(scene_->nodeItem("hot")->isSelected());
  QVERIFY(!scene_->nodeItem("out")->isSelected());
}

void tst_GraphScene::clickSelectsEdgeAndRemoveDeletesIt() {
  // Clicking an edge selects it; removing the selection removes the edge only.
  EdgeItem* edge = scene_->edgeItem(doc_->pipeline().edges[0]);
  QVERIFY(edge);
  const QPainterPath curve = EdgeItem::curve(
      scene_->nodeItem("src")->mapToScene(scene_->nodeItem("src")->portPosition(true, "out")),
      scene_->nodeItem("hot")->mapToScene(scene_->nodeItem("hot")->portPosition(false, "in")));
  QTest::mouseClick(view_->viewport(), Qt::LeftButton, {},
                    view_->mapFromScene(curve.pointAtPercent(0.5)));
  QCOMPARE(doc_->selectedEdges().size(), size_t(1));
  doc_->removeSelection();
  QVERIFY(doc_->pipeline().edges.empty());
  QCOMPARE(scene_->edgeItemCount(), 0);
}

void tst_GraphScene::wheelZoomsAroundTheCursor() {
  const QPoint cursor = portPoint("hot", false, "in");
  const QPointF under = view_->mapToScene(cursor);
  QWheelEvent wheel(cursor, view_->viewport()->mapToGlobal(cursor), QPoint(), QPoint(0, 120),
                    Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(view_->viewport(), &wheel);
  QCOMPARE(view_->zoom(), GraphView::kStep);
  const QPointF after = view_->mapToScene(cursor);
  QVERIFY2(QLineF(under, after).length() < 2, "the point under the cursor stays put");
  for (int i = 0; i < 40; ++i)
    view_->zoomIn();
  QCOMPARE(view_->zoom(), GraphView::kMaxZoom);
}

void tst_GraphScene::middleButtonPans() {
  const int h = view_->horizontalScrollBar()->value();
  const int v = view_->verticalScrollBar()->value();
  QWidget* viewport = view_->viewport();
  QTest::mousePress(viewport, Qt::MiddleButton, {}, QPoint(500, 300));
  QTest::mouseMove(viewport, QPoint(450, 280));
  QTest::mouseRelease(viewport, Qt::MiddleButton, {}, QPoint(450, 280));
  QCOMPARE(view_->horizontalScrollBar()->value(), h + 50);
  QCOMPARE(view_->verticalScrollBar()->value(), v + 20);
  QVERIFY(doc_->selectedNodes().empty());
  // Space + left drag pans too, without moving or selecting anything.
  QTest::keyPress(view_, Qt::Key_Space);
  drag(portPoint("hot", false, "in"), portPoint("hot", false, "in") + QPoint(-30, 0));
  QTest::keyRelease(view_, Qt::Key_Space);
  QCOMPARE(view_->horizontalScrollBar()->value(), h + 80);
  QCOMPARE(doc_->undoStack()->count(), 0);
}

void tst_GraphScene::paletteDropAddsNodeAtDropPoint() {
  // The palette's own model produces the drag payload.
  NodePalette palette(test::standInRegistry());
  QAbstractItemModel* model = palette.view()->model();
  QModelIndex sinkIndex;
  for (int g = 0; g < model->rowCount(); ++g)
    for (int r = 0; r < model->rowCount(model->index(g, 0)); ++r) {
      const QModelIndex i = model->index(r, 0, model->index(g, 0));
      if (i.data().toString() == "Test sink") sinkIndex = i;
    }
  QVERIFY(sinkIndex.isValid());
  std::unique_ptr<QMimeData> mime(model->mimeData({sinkIndex}));
  QVERIFY(mime && mime->hasFormat(NodePalette::kMimeType));

  QWidget* viewport = view_->viewport();
  const QPoint at(700, 400);
  QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
  QApplication::sendEvent(viewport, &enter);
  QVERIFY(enter.isAccepted());
  QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
  QApplication::sendEvent(viewport, &move);
  QVERIFY(move.isAccepted());
  QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
  QApplication::sendEvent(viewport, &drop);
  QVERIFY(drop.isAccepted());

  const PipelineNode* added = doc_->pipeline().node("test_sink");
  QVERIFY(added);
  const QPointF expected =
      view_->mapToScene(at) - QPointF(geometry::kNodeWidth / 2, geometry::kHeaderHeight / 2);
  QVERIFY(QLineF(doc_->nodePosition("test_sink"), expected).length() <= 8);
  QVERIFY(scene_->nodeItem("test_sink"));
  QCOMPARE(doc_->selectedNodes(), std::set<std::string>{"test_sink"});
}

void tst_GraphScene::paletteFilterAndDoubleClick() {
  NodePalette palette(test::standInRegistry());
  palette.show();
  QVERIFY(QTest::qWaitForWindowExposed(&palette));
  QCOMPARE(palette.visibleTypes().size(), 4);
  QTest::keyClicks(palette.filterEdit(), "consumes");  // matches the summary
  QCOMPARE(palette.visibleTypes(), QStringList{"test.sink"});
  QSignalSpy add(&palette, &NodePalette::addRequested);
  QTreeView* tree = palette.view();
  const QModelIndex entry = tree->model()->index(0, 0, tree->model()->index(0, 0));
  const QPoint p = tree->visualRect(entry).center();
  QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, p);
  QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, p);
  QCOMPARE(add.count(), 1);
  QCOMPARE(add.first().first().toString(), QString("test.sink"));
}

void tst_GraphScene::sceneFollowsUndo() {
  doc_->setSelection({"other"});
  doc_->removeSelection();
  QVERIFY(!scene_->nodeItem("other"));
  doc_->undoStack()->undo();
  QVERIFY(scene_->nodeItem("other"));
  QVERIFY(doc_->renameNode("hot", "warm"));
  QVERIFY(scene_->nodeItem("warm") && !scene_->nodeItem("hot"));
  QCOMPARE(scene_->edgeItemCount(), 1);
  doc_->undoStack()->undo();
  QVERIFY(scene_->nodeItem("hot"));
  QVERIFY(scene_->edgeItem(doc_->pipeline().edges[0]));
}

// Long wires are cut to the visible part and drawn as flattened segments (EdgeItem::paint):
// what the view shows must be the same curve a plain QPainter::drawPath draws.
void tst_GraphScene::longWireIsDrawnWhereVisible() {
  Pipeline p;
  p.nodes = {node("src", "test.source", 0, 0), node("far", "test.sink", 9000, 1400)};
  p.edges = {PipelineEdge{EdgeEnd{"src", ""}, EdgeEnd{"far", ""}}};
  doc_->setPipeline(p);
  EdgeItem* edge = scene_->edgeItem(p.edges[0]);
  QVERIFY(edge);
  NodeItem* src = scene_->nodeItem("src");
  NodeItem* far = scene_->nodeItem("far");
  const QPainterPath curve = EdgeItem::curve(src->mapToScene(src->portPosition(true, "out")),
                                             far->mapToScene(far->portPosition(false, "in")));
  scene_->setSelectionArea(QPainterPath());  // nothing selected: the wire has its plain colour

  for (const auto& [zoom, at] : {std::pair{2.0, 0.3}, std::pair{1.0, 0.5}, std::pair{0.5, 0.1}}) {
    view_->setZoom(zoom);
    view_->centerOn(curve.pointAtPercent(at));
    QTest::qWait(GraphView::kZoomSettleMs + 50);
    QWidget* viewport = view_->viewport();
    const QImage shown = viewport->grab().toImage().convertToFormat(QImage::Format_RGB32);
    edge->hide();
    QImage reference = viewport->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QImage bare = reference.copy();
    edge->show();
    {
      QPainter painter(&reference);
      painter.setRenderHints(view_->renderHints());
      painter.setTransform(view_->viewportTransform());
      QPen pen(scene_->colors().edge, 2);
      pen.setCapStyle(Qt::RoundCap);
      painter.setPen(pen);
      painter.drawPath(curve);
    }
    // Compare where ink is (pixels that differ clearly from the canvas without the wire),
    // allowing a pixel of antialiasing jitter: ink in one picture needs ink within one pixel in
    // the other. A missing or misplaced piece of the wire fails this.
    auto inked = [&](const QImage& image, int x, int y) {
      if (x < 0 || y < 0 || x >= bare.width() || y >= bare.height()) return false;
      const QRgb a = image.pixel(x, y), b = bare.pixel(x, y);
      return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) +
                 std::abs(qBlue(a) - qBlue(b)) >
             90;
    };
    auto inkNear = [&](const QImage& image, int x, int y) {
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          if (inked(image, x + dx, y + dy)) return true;
      return false;
    };
    int referenceInk = 0, mismatched = 0;
    for (int y = 0; y < bare.height(); ++y)
      for (int x = 0; x < bare.width(); ++x) {
        const bool r = inked(reference, x, y), s = inked(shown, x, y);
        referenceInk += r;
        mismatched += (r && !inkNear(shown, x, y)) + (s && !inkNear(reference, x, y));
      }
    const QString where = QStringLiteral("zoom %1 at %2").arg(zoom).arg(at);
    QVERIFY2(referenceInk > 300, qPrintable(where + ": the wire crosses the view"));
    QVERIFY2(mismatched < referenceInk / 20,
             qPrintable(QStringLiteral("%1: %2 of %3 wire pixels differ")
                            .arg(where)
                            .arg(mismatched)
                            .arg(referenceInk)));
  }
}

QTEST_MAIN(tst_GraphScene)
#include "tst_GraphScene.moc"
