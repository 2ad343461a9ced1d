#include "app/designer/GroupItem.h"

#include <QFontInfo>
#include <QFontMetricsF>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QInputDialog>
#include <QMenu>
#include <QPainter>
#include <QPointer>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>
#include <functional>

#include "app/designer/CanvasStyle.h"
#include "app/designer/GraphScene.h"
#include "app/designer/NodeGeometry.h"
#include "app/designer/NodeItem.h"

namespace sc::designer {

GroupItem::GroupItem(PipelineDocument::NodeGroup group) {
  setAcceptedMouseButtons(Qt::LeftButton | Qt::RightButton);
  setGroup(std::move(group));
}

void GroupItem::setGroup(PipelineDocument::NodeGroup group) {
  group_ = std::move(group);
  // Expanded: behind the wires (z -1) and nodes; collapsed: an opaque box over the wires that
  // lead into the group.
  setZValue(group_.collapsed ? 0.5 : -2);
  setToolTip(group_.collapsed ? tr("%1: %n node(s); double-click the title to expand", nullptr,
                                   int(group_.nodes.size()))
                                    .arg(group_.name)
                              : group_.name);
  update();
}

GraphScene* GroupItem::graph() const {
  return static_cast<GraphScene*>(scene());
}

bool GroupItem::hasMember(const std::string& nodeId) const {
  return std::find(group_.nodes.begin(), group_.nodes.end(), nodeId) != group_.nodes.end();
}

void GroupItem::setMembersRect(const QRectF& membersRect) {
  const QRectF frame =
      membersRect.adjusted(-kPadding, -kPadding - kTitleHeight, kPadding, kPadding);
  if (frame == frame_ && pos().isNull()) return;
  prepareGeometryChange();
  setPos(0, 0);
  frame_ = frame;
}

QRectF GroupItem::titleRect() const {
  return QRectF(frame_.left(), frame_.top(), frame_.width(), kTitleHeight);
}

QPainterPath GroupItem::shape() const {
  // Expanded, only the title bar takes clicks: a press inside the frame still starts a
  // rubber band or selects a node. Collapsed, the whole box does.
  QPainterPath path;
  path.addRect(group_.collapsed ? frame_ : titleRect());
  return path;
}

void GroupItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  const GraphScene* scene = graph();
  const CanvasColors& colors = scene->colors();
  const double lod =
      QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
  const QColor frameColour = blend(colors.mutedText, colors.selection, 0.35);
  QPen border(frameColour, group_.collapsed ? 2 : 1.5);
  border.setCosmetic(true);
  painter->setPen(border);
  if (group_.collapsed)
    painter->setBrush(blend(colors.nodeBody, frameColour, 0.18));
  else
    painter->setBrush(blend(colors.background, frameColour, 0.07));
  painter->drawRoundedRect(frame_, 10, 10);
  painter->setPen(Qt::NoPen);
  painter->setBrush(blend(colors.background, frameColour, group_.collapsed ? 0.45 : 0.25));
  QPainterPath title;
  title.addRoundedRect(titleRect(), 10, 10);
  QPainterPath square;
  square.addRect(titleRect().adjusted(0, kTitleHeight / 2, 0, 0));
  painter->drawPath(title.united(square));

  // Text in device pixels, like a zoomed-out node's title: readable at any zoom the box allows.
  const QTransform world = painter->worldTransform();
  const double largest = QFontInfo(scene->font()).pixelSize() * (group_.collapsed ? 1.6 : 1.3);
  QFont font = scene->font();
  font.setBold(true);
  const QString count = tr("%n node(s)", nullptr, int(group_.nodes.size()));
  painter->setWorldTransform(QTransform());
  if (group_.collapsed) {
    // Name and size in the middle of the box.
    const QRectF box = world.mapRect(frame_.adjusted(12, kTitleHeight, -12, -8));
    const double px = std::min(largest, box.height() * 0.4);
    if (px >= 4) {
      font.setPixelSize(std::max(1, qRound(px)));
      painter->setFont(font);
      painter->setPen(colors.text);
      const QFontMetricsF metrics(font);
      painter->drawText(
          QRectF(box.left(), box.center().y() - metrics.height(), box.width(), metrics.height()),
          Qt::AlignCenter, metrics.elidedText(group_.name, Qt::ElideRight, box.width()));
      QFont small = scene->font();
      small.setPixelSize(std::max(1, qRound(px * 0.75)));
      painter->setFont(small);
      painter->setPen(colors.mutedText);
      painter->drawText(QRectF(box.left(), box.center().y(), box.width(), metrics.height()),
                        Qt::AlignCenter, count);
    }
  }
  const QRectF bar = world.mapRect(titleRect().adjusted(12, 2, -12, -2));
  const double px = std::min(largest, bar.height() * 0.7);
  if (px >= 4) {
    font.setPixelSize(std::max(1, qRound(px)));
    painter->setFont(font);
    painter->setPen(colors.text);
    const QString marker = group_.collapsed ? QStringLiteral("▸ ") : QStringLiteral("▾ ");
    const QString text = group_.collapsed || lod < NodeItem::kFullDetailLod
                             ? marker + group_.name
                             : marker + group_.name + QStringLiteral("  ·  ") + count;
    painter->drawText(bar, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(font).elidedText(text, Qt::ElideRight, bar.width()));
  }
  painter->setWorldTransform(world);
}

void GroupItem::dragBy(QPointF delta) {
  GraphScene* scene = graph();
  for (const auto& id : group_.nodes)
    if (NodeItem* node = scene->nodeItem(qstr(id))) node->setPos(node->pos() + delta);
  setPos(pos() + delta);
}

void GroupItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QGraphicsItem::mousePressEvent(event);
  dragging_ = true;
  dragStart_ = event->scenePos();
  dragMoved_ = {};
  event->accept();
}

void GroupItem::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
  if (!dragging_) return;
  // Whole grid steps, so that the nodes keep their snapped positions.
  const QPointF total = event->scenePos() - dragStart_;
  const QPointF snapped(std::round(total.x() / geometry::kGrid) * geometry::kGrid,
                        std::round(total.y() / geometry::kGrid) * geometry::kGrid);
  if (snapped == dragMoved_) return;
  dragBy(snapped - dragMoved_);
  dragMoved_ = snapped;
}

void GroupItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  if (!dragging_ || event->button() != Qt::LeftButton) return;
  dragging_ = false;
  if (dragMoved_.isNull()) return;
  const QPointF moved = dragMoved_;
  // The document moves the nodes for real (one undo step); the scene then refits the frame.
  dragBy(-moved);
  dragMoved_ = {};
  graph()->document()->moveGroup(group_.id, moved);
}

void GroupItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  event->accept();
  // The document's signal rebuilds this item: nothing may touch `this` afterwards.
  graph()->document()->setGroupCollapsed(group_.id, !group_.collapsed);
}

void GroupItem::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
  PipelineDocument* doc = graph()->document();
  const std::string id = group_.id;
  const QString name = group_.name;
  const bool collapsed = group_.collapsed;
  QWidget* parent = event->widget();
  QMenu menu(parent);
  QAction* rename = menu.addAction(tr("&Rename Group…"));
  QAction* toggle = menu.addAction(collapsed ? tr("&Expand Group") : tr("&Collapse Group"));
  QAction* ungroup = menu.addAction(tr("&Ungroup"));
  event->accept();
  QAction* chosen = menu.exec(event->screenPos());
  // The edit runs after this event: ungrouping deletes this item. Only copies are used.
  std::function<void()> edit;
  if (chosen == rename) {
    edit = [doc, id, name, parent = QPointer<QWidget>(parent)] {
      bool ok = false;
      const QString text = QInputDialog::getText(parent, tr("Rename Group"), tr("Group name:"),
                                                 QLineEdit::Normal, name, &ok)
                               .trimmed();
      if (ok && !text.isEmpty()) doc->renameGroup(id, text);
    };
  } else if (chosen == toggle) {
    edit = [doc, id, collapsed] { doc->setGroupCollapsed(id, !collapsed); };
  } else if (chosen == ungroup) {
    edit = [doc, id] { doc->ungroup(id); };
  }
  if (edit) QMetaObject::invokeMethod(doc, edit, Qt::QueuedConnection);
}

}  // namespace sc::designer
