#pragma once
// A connection on the canvas: a cubic Bezier from an output port to an input port, or a rounded
// path around the nodes when the input lies behind the output.

#include <QColor>
#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

#include "app/designer/PipelineDocument.h"

namespace sc::designer {

class NodeItem;
struct CanvasColors;

class EdgeItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 2 };
  EdgeItem(PipelineEdge edge, NodeItem* from, NodeItem* to);

  int type() const override { return Type; }
  const PipelineEdge& edge() const { return edge_; }
  NodeItem* fromNode() const { return from_; }
  NodeItem* toNode() const { return to_; }
  // The wire in item coordinates.
  const QPainterPath& path() const { return path_; }
  // Recomputes the curve after either end moved.
  void updatePath();
  // A tapped wire carries a small tap glyph at its middle.
  void setTapped(bool tapped);
  bool isTapped() const { return tapped_; }
  // Where the glyph sits (scene coordinates): the middle of the curve.
  QPointF middle() const { return mapToScene(path_.pointAtPercent(0.5)); }
  static constexpr double kTapRadius = 7;

  // A breakpoint on the wire (its port), drawn in place of the tap glyph: a red disc, with a
  // bar when it has a condition, and ringed with a pause sign while it holds a record.
  enum class BreakMark { None, Always, Conditional, Holding };
  void setBreakMark(BreakMark mark);
  BreakMark breakMark() const { return breakMark_; }
  static QColor breakColour() { return QColor(0xd3, 0x2f, 0x2f); }
  static QColor holdingColour() { return QColor(0xf5, 0xb8, 0x00); }

  // While a run shows: the wire drawn in `colour` (how full its queue is) with `label` (its
  // rate) at its middle; an invalid colour and empty label clear it.
  void setRunLoad(const QColor& colour, const QString& label);
  const QString& runLabel() const { return runLabel_; }
  // Whether the label is drawn: it sits above the middle of the wire, moved along it to stay
  // clear of the two nodes; where the wire is too short for it, above the gap between them,
  // clear of their tops; left out only where neither fits (the tooltip still says it all).
  bool runLabelShown() const { return !runLabelRect_.isNull(); }
  const QRectF& runLabelArea() const { return runLabelRect_; }  // item coordinates
  const QColor& runColour() const { return runColour_; }
  // The run's numbers for the tooltip (empty: none), shown with the repartition note.
  void setRunToolTip(const QString& text);

  // In scale-out mode, a wire into a window that reads its records back from an internal
  // repartition topic (engine/graph/Repartition.h) is dashed and carries a small shuffle badge;
  // `note` (the topic and the reason) goes into the tooltip. An empty note clears it.
  void setRepartition(const QString& note);
  bool isRepartitioned() const { return !repartitionNote_.isEmpty(); }
  const QString& repartitionNote() const { return repartitionNote_; }
  // Where the badge is drawn (item coordinates): on the middle of the wire, or just below it
  // when a tap or breakpoint glyph sits there.
  QRectF repartitionBadgeRect() const;
  static constexpr double kBadgeWidth = 20, kBadgeHeight = 12;

  // The curve between two scene points, shared with the wire preview.
  static QPainterPath curve(QPointF start, QPointF end);
  // The wire from an output port at `start` to an input port at `end` of nodes covering
  // `fromBox` and `toBox` (scene coordinates): an S curve when the target lies to the right,
  // else a rounded path around the nodes, so a wire never crosses a node or its other ports.
  static QPainterPath route(QPointF start, QPointF end, const QRectF& fromBox, const QRectF& toBox);
  // How far a wire runs level out of a port before it turns.
  static constexpr double kStub = 20;

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  // The wire alone, stroked only where it is exposed.
  void paintWire(QPainter* painter, const QStyleOptionGraphicsItem* option, QPen pen);
  QRectF placeRunLabel() const;  // where the rate fits (item coordinates), else null
  void updateBounds();           // bounds_ from the route, the label and the badge
  void paintRunLabel(QPainter* painter, const CanvasColors& colors) const;
  void paintMarker(QPainter* painter, const CanvasColors& colors) const;  // tap or breakpoint
  void paintRepartitionBadge(QPainter* painter, const QColor& ink,
                             const CanvasColors& colors) const;
  void updateToolTip();

  PipelineEdge edge_;
  NodeItem* from_;
  NodeItem* to_;
  QPainterPath path_;
  QRectF bounds_;
  bool tapped_ = false;
  BreakMark breakMark_ = BreakMark::None;
  QColor runColour_;
  QString runLabel_;
  QRectF runLabelRect_;  // where runLabel_ is written, inside the bounds; null: not written
  QString runToolTip_;
  QString repartitionNote_;
};

}  // namespace sc::designer
