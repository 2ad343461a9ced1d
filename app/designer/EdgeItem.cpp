#include "app/designer/EdgeItem.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <cmath>

#include "app/designer/GraphScene.h"
#include "app/designer/NodeItem.h"

namespace sc::designer {

EdgeItem::EdgeItem(PipelineEdge edge, NodeItem* from, NodeItem* to)
    : edge_(std::move(edge)), from_(from), to_(to) {
  setFlags(ItemIsSelectable);
  setZValue(-1);
  updatePath();
}

QPainterPath EdgeItem::curve(QPointF start, QPointF end) {
  const double dx = std::max(40.0, std::abs(end.x() - start.x()) * 0.5);
  QPainterPath path(start);
  path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end);
  return path;
}

void EdgeItem::updatePath() {
  const QPointF start = from_->mapToScene(from_->portPosition(true, qstr(edge_.fromPort())));
  const QPointF end = to_->mapToScene(to_->portPosition(false, qstr(edge_.toPort())));
  prepareGeometryChange();
  path_ = curve(start, end);
  bounds_ = path_.controlPointRect().adjusted(-6, -6, 6, 6);
}

QRectF EdgeItem::boundingRect() const {
  return bounds_;
}

QPainterPath EdgeItem::shape() const {
  QPainterPathStroker stroker;
  stroker.setWidth(10);
  return stroker.createStroke(path_);
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  const auto* graph = static_cast<const GraphScene*>(scene());
  const CanvasColors& colors = graph->colors();
  const bool selected = isSelected() && !graph->isExporting();
  QPen pen(selected ? colors.selection : colors.edge, selected ? 3 : 2);
  pen.setCapStyle(Qt::RoundCap);
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(path_);
}

}  // namespace sc::designer
