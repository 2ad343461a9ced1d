#include "app/designer/GraphView.h"

#include <QMimeData>
#include <QPaintEvent>
#include <QPainter>
#include <QPixmapCache>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "app/designer/EmptyCanvasHint.h"
#include "app/designer/GraphScene.h"
#include "app/designer/Minimap.h"
#include "app/designer/NodeGeometry.h"
#include "app/designer/NodeItem.h"
#include "app/designer/NodePalette.h"
#include "app/designer/PipelineDocument.h"

namespace sc::designer {

GraphView::GraphView(GraphScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), graph_(scene) {
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                 QPainter::SmoothPixmapTransform);
  setDragMode(RubberBandDrag);
  setRubberBandSelectionMode(Qt::IntersectsItemShape);
  setTransformationAnchor(AnchorUnderMouse);
  setResizeAnchor(AnchorViewCenter);
  setViewportUpdateMode(SmartViewportUpdate);
  setCacheMode(CacheBackground);
  setOptimizationFlags(DontSavePainterState);
  setAcceptDrops(true);
  setFocusPolicy(Qt::StrongFocus);
  // Nodes are cached as pixmaps in QPixmapCache (QGraphicsItem::DeviceCoordinateCache). Its
  // default 10 MB hold about 25 nodes at 200% scaling, so panning a full screen would repaint
  // every node on every frame; 96 MB hold a 4K screen full of them.
  if (QPixmapCache::cacheLimit() < kNodeCacheKiB) QPixmapCache::setCacheLimit(kNodeCacheKiB);
  zoomSettle_.setSingleShot(true);
  zoomSettle_.setInterval(kZoomSettleMs);
  connect(&zoomSettle_, &QTimer::timeout, this, [this] {
    graph_->setZooming(false);
    setCacheMode(CacheBackground);
  });
  scene->setTitlesDrawnByView(true);  // see paintOverviewLabels()
  minimap_ = new Minimap(this);
  minimapRefresh_.setSingleShot(true);
  minimapRefresh_.setInterval(0);
  connect(&minimapRefresh_, &QTimer::timeout, this, [this] {
    if (minimapStale_)
      minimap_->diagramChanged();
    else
      minimap_->refresh();
    minimapStale_ = false;
  });
  PipelineDocument* doc = scene->document();
  for (auto signal : {&PipelineDocument::documentReset, &PipelineDocument::selectionChanged,
                      &PipelineDocument::groupsChanged})
    connect(doc, signal, this, &GraphView::diagramChanged);
  connect(doc, &PipelineDocument::nodeAdded, this, &GraphView::diagramChanged);
  connect(doc, &PipelineDocument::nodeRemoved, this, &GraphView::diagramChanged);
  connect(doc, &PipelineDocument::nodeMoved, this, &GraphView::diagramChanged);
  connect(this, &GraphView::zoomChanged, this, &GraphView::scheduleMinimap);
  centerOn(0, 0);
  // The empty-canvas hint comes and goes with the first node.
  for (auto signal : {&PipelineDocument::nodeAdded, &PipelineDocument::nodeRemoved})
    connect(doc, signal, viewport(), qOverload<>(&QWidget::update));
  connect(doc, &PipelineDocument::documentReset, viewport(), qOverload<>(&QWidget::update));
}

void GraphView::paintEvent(QPaintEvent* event) {
  QGraphicsView::paintEvent(event);
  QPainter painter(viewport());
  if (graph_->document()->pipeline().nodes.empty()) {
    labels_.clear();
    paintEmptyCanvasHint(&painter, viewport()->rect(), palette());
    return;
  }
  paintOverviewLabels(&painter, event->region());
}

void GraphView::paintOverviewLabels(QPainter* painter, const QRegion& repainted) {
  const double scale = zoom();
  if (NodeItem::detailFor(scale) == NodeItem::Detail::Full || !graph_->titlesDrawnByView()) {
    labels_.clear();
    labelsKey_.clear();
    return;
  }
  // Laid out over every node in view whatever the repainted region, so a partial repaint
  // draws the same labels as a full one.
  const QRectF shown = viewport()->rect();
  const QRectF sceneShown = mapToScene(viewport()->rect()).boundingRect();
  QVector<OverviewLabels::Candidate> candidates;
  for (NodeItem* item : graph_->nodeItems()) {
    if (!item->isVisible()) continue;  // in a collapsed group
    const QRectF box = item->mapRectToScene(
        QRectF(0, 0, geometry::kNodeWidth,
               geometry::nodeHeight(item->inputs().size(), item->outputs().size())));
    if (!sceneShown.intersects(box)) continue;
    OverviewLabel::Mark mark = OverviewLabel::Mark::None;
    if (item->problems().warnings > 0) mark = OverviewLabel::Mark::Warning;
    if (item->problems().errors > 0) mark = OverviewLabel::Mark::Error;
    if (item->isSelected()) mark = OverviewLabel::Mark::Selected;
    candidates.push_back(
        {item->id(), QRectF(mapFromScene(box.topLeft()), mapFromScene(box.bottomRight())), mark});
  }
  labels_ = overview_.layout(std::move(candidates), graph_->font(), shown);
  QVector<QPair<QString, QPointF>> key;
  key.reserve(labels_.size());
  for (const OverviewLabel& label : labels_)
    key.push_back({label.nodeId, graph_->nodeItem(label.nodeId)->pos()});
  if (key != labelsKey_ || scale != labelsZoom_) {
    labelsKey_ = std::move(key);
    labelsZoom_ = scale;
    if (!QRegion(viewport()->rect()).subtracted(repainted).isEmpty()) viewport()->update();
  }
  OverviewLabels::paint(painter, labels_, graph_->font(), graph_->colors());
}

void GraphView::diagramChanged() {
  minimapStale_ = true;
  scheduleMinimap();
}

void GraphView::scheduleMinimap() {
  if (!minimapRefresh_.isActive()) minimapRefresh_.start();
}

void GraphView::scrollContentsBy(int dx, int dy) {
  QGraphicsView::scrollContentsBy(dx, dy);
  // The scroll moved the map with the viewport's pixels: back to its corner at once.
  if (minimap_->isVisible()) minimap_->refresh();
  scheduleMinimap();
}

void GraphView::panTo(const QPointF& scenePos) {
  keepFitted_ = false;
  centerOn(scenePos);
}

void GraphView::reveal(const QRectF& sceneRect) {
  keepFitted_ = false;
  if (zoom() < kRevealZoom) setZoom(kRevealZoom);
  centerOn(sceneRect.center());
}

void GraphView::noteZooming() {
  // Like the nodes, the background is painted directly while the scale changes: a cached one
  // would be re-rendered and then copied on every frame.
  graph_->setZooming(true);
  setCacheMode(CacheNone);
  zoomSettle_.start();
}

void GraphView::scaleBy(double factor) {
  keepFitted_ = false;
  const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
  factor = target / zoom();
  if (std::abs(factor - 1) < 1e-9) return;
  noteZooming();
  scale(factor, factor);
  Q_EMIT zoomChanged(zoom());
}

void GraphView::setZoom(double value) {
  const ViewportAnchor anchor = transformationAnchor();
  setTransformationAnchor(AnchorViewCenter);
  scaleBy(value / zoom());
  setTransformationAnchor(anchor);
}

void GraphView::fitToView() {
  const QRectF rect = graph_->diagramRect();
  noteZooming();
  fitInView(rect, Qt::KeepAspectRatio);
  // Small diagrams are not blown up beyond 100%; huge ones not shrunk past the minimum.
  if (zoom() > 1.0 || zoom() < kMinZoom) {
    const double target = std::clamp(zoom(), kMinZoom, 1.0);
    resetTransform();
    scale(target, target);
    centerOn(rect.center());
  }
  Q_EMIT zoomChanged(zoom());
}

void GraphView::fitAfterLoad() {
  fitToView();
  keepFitted_ = true;
}

void GraphView::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  if (keepFitted_) fitToView();
  scheduleMinimap();
}

QPointF GraphView::visibleCentre() const {
  return mapToScene(viewport()->rect().center());
}

void GraphView::wheelEvent(QWheelEvent* event) {
  const int delta = event->angleDelta().y();
  if (delta == 0) return;
  // Keep the scene point under the cursor in place (the event's position, not QCursor::pos(),
  // which AnchorUnderMouse would use).
  const QPoint cursor = event->position().toPoint();
  const QPointF under = mapToScene(cursor);
  const ViewportAnchor anchor = transformationAnchor();
  setTransformationAnchor(NoAnchor);
  // The whole viewport is repainted after a zoom step: with updates off, the scroll that puts
  // the point back under the cursor does not first move the old pixels around.
  viewport()->setUpdatesEnabled(false);
  scaleBy(std::pow(kStep, delta / 120.0));
  setTransformationAnchor(anchor);
  const QPoint shift = mapFromScene(under) - cursor;
  horizontalScrollBar()->setValue(horizontalScrollBar()->value() + shift.x());
  verticalScrollBar()->setValue(verticalScrollBar()->value() + shift.y());
  viewport()->setUpdatesEnabled(true);
  viewport()->update();
  event->accept();
}

void GraphView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && spaceHeld_)) {
    panning_ = true;
    keepFitted_ = false;
    panLast_ = event->position().toPoint();
    viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
    return;
  }
  QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseMoveEvent(QMouseEvent* event) {
  if (panning_) {
    const QPoint pos = event->position().toPoint();
    const QPoint delta = pos - panLast_;
    panLast_ = pos;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    event->accept();
    return;
  }
  QGraphicsView::mouseMoveEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent* event) {
  if (panning_ && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
    panning_ = false;
    viewport()->setCursor(spaceHeld_ ? Qt::OpenHandCursor : Qt::ArrowCursor);
    event->accept();
    return;
  }
  QGraphicsView::mouseReleaseEvent(event);
}

void GraphView::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
    spaceHeld_ = true;
    viewport()->setCursor(Qt::OpenHandCursor);
    event->accept();
    return;
  }
  QGraphicsView::keyPressEvent(event);
}

void GraphView::keyReleaseEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
    spaceHeld_ = false;
    if (!panning_) viewport()->setCursor(Qt::ArrowCursor);
    event->accept();
    return;
  }
  QGraphicsView::keyReleaseEvent(event);
}

void GraphView::focusOutEvent(QFocusEvent* event) {
  spaceHeld_ = false;
  QGraphicsView::focusOutEvent(event);
}

void GraphView::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(NodePalette::kTopicMimeType)) {
    event->setDropAction(Qt::CopyAction);  // see dropEvent
    event->accept();
  } else if (event->mimeData()->hasFormat(NodePalette::kMimeType)) {
    event->acceptProposedAction();
  } else {
    QGraphicsView::dragEnterEvent(event);
  }
}

void GraphView::dragMoveEvent(QDragMoveEvent* event) {
  if (event->mimeData()->hasFormat(NodePalette::kTopicMimeType)) {
    event->setDropAction(Qt::CopyAction);  // see dropEvent
    event->accept();
  } else if (event->mimeData()->hasFormat(NodePalette::kMimeType)) {
    event->acceptProposedAction();
  } else {
    QGraphicsView::dragMoveEvent(event);
  }
}

void GraphView::dropEvent(QDropEvent* event) {
  const QMimeData* mime = event->mimeData();
  // The drop point is where the user "holds" the new node: the middle of its header.
  const QPointF grip(geometry::kNodeWidth / 2, geometry::kHeaderHeight / 2);
  const QPointF at = mapToScene(event->position().toPoint()) - grip;
  if (mime->hasFormat(NodePalette::kTopicMimeType)) {
    // A topic from the Topics dock: a source reading it, or with Shift (or Alt) a sink writing
    // to it, set to the connection it was browsed through.
    const Json data =
        Json::parse(mime->data(NodePalette::kTopicMimeType).toStdString(), nullptr, false);
    if (!data.is_object() || !data.value("topic", Json()).is_string()) return;
    const bool sink = event->modifiers() & (Qt::ShiftModifier | Qt::AltModifier);
    const std::string topic = data["topic"].get<std::string>();
    Json properties = sink ? Json{{"topic", topic}} : Json{{"topics", Json::array({topic})}};
    std::string connection = data.value("connection", std::string());
    PipelineDocument* doc = graph_->document();
    // A cluster that no connection of the document names (a run's embedded cluster, a typed
    // address) becomes one, added with the node: one Undo removes both.
    const Json add = data.value("add", Json());
    const bool adding =
        !connection.empty() && add.is_object() && doc->connection(connection) != add;
    if (adding) {
      doc->undoStack()->beginMacro(sink ? tr("Add Kafka sink for %1").arg(qstr(topic))
                                        : tr("Add Kafka source for %1").arg(qstr(topic)));
      connection = doc->addConnection(connection, add);
    }
    if (!connection.empty()) properties["connection"] = connection;
    doc->addNode(sink ? "kafka.sink" : "kafka.source", at, properties);
    if (adding) doc->undoStack()->endMacro();
    // Always a copy, whatever the modifier proposes: a move would make the topic list clear the
    // dragged row.
    event->setDropAction(Qt::CopyAction);
    event->accept();
    setFocus();
    return;
  }
  if (!mime->hasFormat(NodePalette::kMimeType)) {
    QGraphicsView::dropEvent(event);
    return;
  }
  const QString type = QString::fromUtf8(mime->data(NodePalette::kMimeType));
  graph_->document()->addNode(sstr(type), at);
  event->acceptProposedAction();
  setFocus();
}

}  // namespace sc::designer
