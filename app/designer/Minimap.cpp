#include "app/designer/Minimap.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/GroupItem.h"
#include "app/designer/NodeItem.h"

namespace sc::designer {

namespace {
constexpr double kInset = 6;  // space between the map's border and the diagram
}

// A child of the viewport, not of the view: a sibling over the viewport would make Qt repaint
// the whole viewport on every scroll instead of moving its pixels (the map is moved back after).
Minimap::Minimap(GraphView* view) : QWidget(view->viewport()), view_(view) {
  setObjectName(QStringLiteral("minimap"));
  setFixedSize(kWidth, kHeight);
  setCursor(Qt::PointingHandCursor);
  setToolTip(tr("Overview: click or drag to move the view"));
  // Opaque, so that repainting it never repaints the canvas underneath.
  setAttribute(Qt::WA_OpaquePaintEvent);
  hide();
}

void Minimap::setEnabledByUser(bool enabled) {
  enabledByUser_ = enabled;
  refresh();
}

void Minimap::diagramChanged() {
  pictureStale_ = true;
  refresh();
}

void Minimap::updateMapping() {
  const QRectF world = view_->graphScene()->diagramRect(0);
  if (world != world_) pictureStale_ = true;
  world_ = world;
  const double w = kWidth - 2 * kInset, h = kHeight - 2 * kInset;
  scale_ = std::min(w / std::max(1.0, world_.width()), h / std::max(1.0, world_.height()));
  // As tall as a wide diagram needs, so the map covers no more of the canvas than it must.
  const int height = std::clamp(qRound(world_.height() * scale_ + 2 * kInset), 40, kHeight);
  offset_ = QPointF(kInset + (w - world_.width() * scale_) / 2,
                    kInset + (height - 2 * kInset - world_.height() * scale_) / 2);
  if (height != this->height()) {
    setFixedHeight(height);
    pictureStale_ = true;
  }
}

QPointF Minimap::toScene(QPointF mapPos) const {
  return world_.topLeft() + (mapPos - offset_) / scale_;
}

QPointF Minimap::toMap(QPointF scenePos) const {
  return offset_ + (scenePos - world_.topLeft()) * scale_;
}

void Minimap::refresh() {
  updateMapping();
  const int height = this->height();
  const QRect viewport = view_->viewport()->rect();
  move(viewport.right() + 1 - kWidth - kMargin, viewport.bottom() + 1 - height - kMargin);
  // Only useful while something is out of view, and only where it leaves room for the canvas.
  const QRectF visible = view_->mapToScene(view_->viewport()->rect()).boundingRect();
  const bool wanted = enabledByUser_ && !view_->graphScene()->nodeItems().isEmpty() &&
                      !visible.contains(world_) && viewport.width() >= 3 * kWidth &&
                      viewport.height() >= 2 * kHeight;
  if (wanted != isVisible()) setVisible(wanted);
  if (wanted) {
    raise();
    update();
  }
}

void Minimap::drawDiagram() {
  const GraphScene* scene = view_->graphScene();
  const CanvasColors& colors = scene->colors();
  picture_ = QPixmap(size() * devicePixelRatioF());
  picture_.setDevicePixelRatio(devicePixelRatioF());
  picture_.fill(colors.background);
  QPainter painter(&picture_);
  painter.setPen(QPen(colors.nodeBorder, 1));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(rect().adjusted(0, 0, -1, -1));
  // Nodes at least two pixels wide, so that even a 1000-node diagram shows every node.
  const auto mapped = [&](const QRectF& sceneRect) {
    QRectF r(toMap(sceneRect.topLeft()), toMap(sceneRect.bottomRight()));
    if (r.width() < 2) r.setWidth(2);
    if (r.height() < 2) r.setHeight(2);
    return r;
  };
  for (const GroupItem* group : scene->groupItems()) {
    painter.setBrush(group->isCollapsed() ? colors.mutedText : Qt::NoBrush);
    painter.setPen(group->isCollapsed() ? Qt::NoPen : QPen(colors.mutedText, 1));
    painter.drawRect(mapped(group->sceneBoundingRect()));
  }
  painter.setPen(Qt::NoPen);
  for (const NodeItem* node : scene->nodeItems()) {
    if (!node->isVisible()) continue;
    painter.setBrush(node->isSelected() ? colors.selection : node->accent());
    painter.drawRect(mapped(node->mapRectToScene(node->shape().boundingRect())));
  }
  pictureStale_ = false;
}

void Minimap::paintEvent(QPaintEvent*) {
  if (pictureStale_ || picture_.deviceIndependentSize() != QSizeF(size())) drawDiagram();
  QPainter painter(this);
  painter.drawPixmap(0, 0, picture_);
  const CanvasColors& colors = view_->graphScene()->colors();

  // The part of the diagram the view shows.
  const QRectF visible = view_->mapToScene(view_->viewport()->rect()).boundingRect();
  QRectF frame(toMap(visible.topLeft()), toMap(visible.bottomRight()));
  frame = frame.intersected(QRectF(rect()).adjusted(1, 1, -2, -2));
  painter.setRenderHint(QPainter::Antialiasing, true);
  QColor fill = colors.selection;
  fill.setAlpha(40);
  painter.setBrush(fill);
  painter.setPen(QPen(colors.selection, 1.5));
  painter.drawRect(frame);
}

void Minimap::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  dragging_ = true;
  view_->panTo(toScene(event->position()));
  event->accept();
}

void Minimap::mouseMoveEvent(QMouseEvent* event) {
  if (!dragging_) return QWidget::mouseMoveEvent(event);
  view_->panTo(toScene(event->position()));
  event->accept();
}

void Minimap::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) dragging_ = false;
  event->accept();
}

}  // namespace sc::designer
