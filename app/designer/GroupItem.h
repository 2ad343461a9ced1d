#pragma once
// A group of nodes on the canvas (PipelineDocument::NodeGroup): a named frame around its
// nodes, behind them. Dragging the title bar moves the nodes; a double-click on it collapses
// the group into one opaque box over the same area (its nodes and inner wires hidden) or
// expands it; the context menu renames, collapses or ungroups. Every gesture is a document
// edit; the scene rebuilds the frames from the document.

#include <QCoreApplication>
#include <QGraphicsItem>
#include <QString>
#include <string>
#include <vector>

#include "app/designer/PipelineDocument.h"

namespace sc::designer {

class GraphScene;

class GroupItem : public QGraphicsItem {
  Q_DECLARE_TR_FUNCTIONS(sc::designer::GroupItem)

 public:
  enum { Type = UserType + 3 };
  static constexpr double kPadding = 20;
  static constexpr double kTitleHeight = 34;

  explicit GroupItem(PipelineDocument::NodeGroup group);

  int type() const override { return Type; }
  // The group's name, members or state changed (the item stays: it may be handling an event).
  void setGroup(PipelineDocument::NodeGroup group);
  const std::string& groupId() const { return group_.id; }
  const QString& name() const { return group_.name; }
  bool isCollapsed() const { return group_.collapsed; }
  const std::vector<std::string>& members() const { return group_.nodes; }
  bool hasMember(const std::string& nodeId) const;

  // Fits the frame around `membersRect` (the scene rectangle of its nodes).
  void setMembersRect(const QRectF& membersRect);
  // The title bar in item coordinates: where a drag moves the group.
  QRectF titleRect() const;

  QRectF boundingRect() const override { return frame_; }
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
  void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

 private:
  GraphScene* graph() const;
  // Moves the member node items (and the frame) by `delta` while dragging.
  void dragBy(QPointF delta);

  PipelineDocument::NodeGroup group_;
  QRectF frame_;
  bool dragging_ = false;
  QPointF dragStart_;  // scene position of the press
  QPointF dragMoved_;  // how far the items have been moved so far
};

}  // namespace sc::designer
