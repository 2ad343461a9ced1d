#include "app/designer/EdgeItem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QVarLengthArray>
#include <algorithm>
#include <cmath>

#include "app/designer/GraphScene.h"
#include "app/designer/NodeItem.h"

namespace sc::designer {

namespace {

struct Cubic {
  QPointF p0, c1, c2, p3;
  QRectF hull() const {
    const double left = std::min({p0.x(), c1.x(), c2.x(), p3.x()});
    const double right = std::max({p0.x(), c1.x(), c2.x(), p3.x()});
    const double top = std::min({p0.y(), c1.y(), c2.y(), p3.y()});
    const double bottom = std::max({p0.y(), c1.y(), c2.y(), p3.y()});
    return QRectF(QPointF(left, top), QPointF(right, bottom));
  }
};

// Appends the parts of `c` whose convex hull meets `clip` to `out`, splitting (de Casteljau at
// t = 1/2) where a piece straddles the clip. The pieces are exact parts of the same curve, so
// what is drawn is pixel for pixel the curve, minus what lies outside the clip.
// A straight horizontal or vertical wire has a hull of zero height or width, which
// QRectF::intersects() and contains() treat as empty (never meeting anything): the exposed part
// of such a wire was left undrawn, and the canvas showed a gap until the whole wire repainted.
// These tests take the hull's edges as they are.
bool meets(const QRectF& hull, const QRectF& clip) {
  return hull.left() <= clip.right() && clip.left() <= hull.right() &&
         hull.top() <= clip.bottom() && clip.top() <= hull.bottom();
}

bool within(const QRectF& hull, const QRectF& clip) {
  return clip.left() <= hull.left() && hull.right() <= clip.right() && clip.top() <= hull.top() &&
         hull.bottom() <= clip.bottom();
}

void appendVisible(const Cubic& c, const QRectF& clip, int depth, QPainterPath& out) {
  const QRectF hull = c.hull();
  if (!meets(hull, clip)) return;
  if (depth == 0 || within(hull, clip)) {
    if (out.isEmpty() || out.currentPosition() != c.p0) out.moveTo(c.p0);
    out.cubicTo(c.c1, c.c2, c.p3);
    return;
  }
  const QPointF a = (c.p0 + c.c1) / 2, b = (c.c1 + c.c2) / 2, d = (c.c2 + c.p3) / 2;
  const QPointF ab = (a + b) / 2, bd = (b + d) / 2, mid = (ab + bd) / 2;
  appendVisible({c.p0, a, ab, mid}, clip, depth - 1, out);
  appendVisible({mid, bd, d, c.p3}, clip, depth - 1, out);
}

}  // namespace

EdgeItem::EdgeItem(PipelineEdge edge, NodeItem* from, NodeItem* to)
    : edge_(std::move(edge)), from_(from), to_(to) {
  // The exposed rectangle lets paint() stroke only the visible part of long wires.
  setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption);
  setZValue(-1);
  updatePath();
}

namespace {

// A polyline with its corners rounded (radius up to `radius`, less where segments are short).
QPainterPath roundedPolyline(const std::vector<QPointF>& points, double radius) {
  QPainterPath path(points.front());
  for (size_t i = 1; i + 1 < points.size(); ++i) {
    const QPointF before = points[i - 1], corner = points[i], after = points[i + 1];
    const double in = QLineF(before, corner).length(), out = QLineF(corner, after).length();
    const double r = std::min({radius, in / 2, out / 2});
    if (r <= 0) {
      path.lineTo(corner);
      continue;
    }
    const QPointF enter = corner + (before - corner) * (r / in);
    const QPointF leave = corner + (after - corner) * (r / out);
    path.lineTo(enter);
    path.quadTo(corner, leave);
  }
  path.lineTo(points.back());
  return path;
}

}  // namespace

QPainterPath EdgeItem::curve(QPointF start, QPointF end) {
  return route(start, end, QRectF(start, start), QRectF(end, end));
}

QPainterPath EdgeItem::route(QPointF start, QPointF end, const QRectF& fromBox,
                             const QRectF& toBox) {
  const double dx = end.x() - start.x(), dy = std::abs(end.y() - start.y());
  if (dx >= 2 * kStub && dy <= 2 * dx) {
    // Forward: one S curve.
    const double pull = std::max(40.0, dx * 0.5);
    QPainterPath path(start);
    path.cubicTo(start + QPointF(pull, 0), end - QPointF(pull, 0), end);
    return path;
  }
  if (dx >= 2 * kStub) {
    // Forward but steep: an S curve would drop right past the node's next ports. Level out of
    // the port, down (or up) halfway across, and level into the target.
    const double middle = start.x() + dx / 2;
    return roundedPolyline({start, {middle, start.y()}, {middle, end.y()}, end}, 12);
  }
  // Backward (the target is left of the source's ports): out to the right, along a lane between
  // or around the two nodes, and into the target from the left, never across either node.
  double lane;
  if (toBox.top() - fromBox.bottom() >= 2 * kStub)
    lane = (fromBox.bottom() + toBox.top()) / 2;
  else if (fromBox.top() - toBox.bottom() >= 2 * kStub)
    lane = (toBox.bottom() + fromBox.top()) / 2;
  else if (end.y() >= start.y())
    lane = std::max(fromBox.bottom(), toBox.bottom()) + kStub;
  else
    lane = std::min(fromBox.top(), toBox.top()) - kStub;
  // The legs up or down to the lane keep clear of the other node where they would cross it.
  auto crosses = [](const QRectF& box, double x, double y1, double y2) {
    return box.left() < x && x < box.right() && std::min(y1, y2) < box.bottom() &&
           box.top() < std::max(y1, y2);
  };
  double right = start.x() + kStub, left = end.x() - kStub;
  if (crosses(toBox, right, start.y(), lane)) right = toBox.right() + kStub;
  if (crosses(fromBox, left, lane, end.y())) left = fromBox.left() - kStub;
  return roundedPolyline(
      {start, {right, start.y()}, {right, lane}, {left, lane}, {left, end.y()}, end}, 12);
}

void EdgeItem::updatePath() {
  const QPointF start = from_->mapToScene(from_->portPosition(true, qstr(edge_.fromPort())));
  const QPointF end = to_->mapToScene(to_->portPosition(false, qstr(edge_.toPort())));
  prepareGeometryChange();
  path_ = route(start, end, from_->sceneBoundingRect(), to_->sceneBoundingRect());
  runLabelRect_ = runLabel_.isEmpty() ? QRectF() : placeRunLabel();
  updateBounds();
}

void EdgeItem::updateBounds() {
  const double margin = kTapRadius + 2;  // the tap glyph and the selected pen
  bounds_ = path_.controlPointRect().adjusted(-margin, -margin, margin, margin);
  if (!runLabelRect_.isNull()) bounds_ |= runLabelRect_;  // the rate above the middle
  if (isRepartitioned()) {  // the badge, where it sits with a tap glyph or without
    const QPointF mid = path_.pointAtPercent(0.5);
    for (const QPointF at : {mid, mid + QPointF(0, kTapRadius + kBadgeHeight / 2 + 3)})
      bounds_ |= QRectF(at.x() - kBadgeWidth / 2 - 2, at.y() - kBadgeHeight / 2 - 2,
                        kBadgeWidth + 4, kBadgeHeight + 4);
  }
}

QRectF EdgeItem::repartitionBadgeRect() const {
  QPointF at = path_.pointAtPercent(0.5);
  if (tapped_ || breakMark_ != BreakMark::None) at.ry() += kTapRadius + kBadgeHeight / 2 + 3;
  return QRectF(at.x() - kBadgeWidth / 2, at.y() - kBadgeHeight / 2, kBadgeWidth, kBadgeHeight);
}

void EdgeItem::setRepartition(const QString& note) {
  if (note == repartitionNote_) return;
  const bool resized = note.isEmpty() != repartitionNote_.isEmpty();
  repartitionNote_ = note;
  if (resized) updatePath();  // the bounds include the badge while there is one
  updateToolTip();
  update();
}

void EdgeItem::setRunToolTip(const QString& text) {
  if (text == runToolTip_) return;
  runToolTip_ = text;
  updateToolTip();
}

void EdgeItem::updateToolTip() {
  QStringList parts;
  for (const QString* part : {&repartitionNote_, &runToolTip_})
    if (!part->isEmpty()) parts << *part;
  setToolTip(parts.join(QLatin1Char('\n')));
}

void EdgeItem::setTapped(bool tapped) {
  if (tapped == tapped_) return;
  tapped_ = tapped;
  update();
}

void EdgeItem::setBreakMark(BreakMark mark) {
  if (mark == breakMark_) return;
  breakMark_ = mark;
  update();
}

void EdgeItem::setRunLoad(const QColor& colour, const QString& label) {
  if (colour == runColour_ && label == runLabel_) return;
  const bool relabelled = label != runLabel_;
  runColour_ = colour;
  runLabel_ = label;
  if (relabelled) {  // the label's place and the bounds follow its width (the route does not)
    const QRectF place = label.isEmpty() ? QRectF() : placeRunLabel();
    if (place != runLabelRect_) {
      prepareGeometryChange();
      runLabelRect_ = place;
      updateBounds();
    }
  }
  update();
}

namespace {

// A tap on a wire: a ring in the wire's colour with a filled centre, like a probe's tip.
void paintTapGlyph(QPainter* painter, QPointF at, const CanvasColors& colors) {
  painter->setPen(QPen(colors.selection, 2));
  painter->setBrush(colors.nodeBody);
  painter->drawEllipse(at, EdgeItem::kTapRadius, EdgeItem::kTapRadius);
  painter->setPen(Qt::NoPen);
  painter->setBrush(colors.selection);
  painter->drawEllipse(at, EdgeItem::kTapRadius / 2.5, EdgeItem::kTapRadius / 2.5);
}

// A breakpoint, as debuggers draw one: a red disc; a white bar across it when it has a
// condition; while it holds a record, an amber ring (inside the bounds) and a pause sign.
void paintBreakGlyph(QPainter* painter, QPointF at, EdgeItem::BreakMark mark,
                     const CanvasColors& colors) {
  const double r = EdgeItem::kTapRadius;
  const bool holding = mark == EdgeItem::BreakMark::Holding;
  painter->setPen(holding ? QPen(EdgeItem::holdingColour(), 3) : QPen(colors.nodeBody, 1.5));
  painter->setBrush(EdgeItem::breakColour());
  painter->drawEllipse(at, r, r);
  painter->setPen(Qt::NoPen);
  painter->setBrush(Qt::white);
  if (holding) {
    painter->drawRect(QRectF(at.x() - r * 0.45, at.y() - r * 0.45, r * 0.3, r * 0.9));
    painter->drawRect(QRectF(at.x() + r * 0.15, at.y() - r * 0.45, r * 0.3, r * 0.9));
  } else if (mark == EdgeItem::BreakMark::Conditional) {
    painter->drawRect(QRectF(at.x() - r * 0.55, at.y() - r * 0.18, r * 1.1, r * 0.36));
  }
}

}  // namespace

QRectF EdgeItem::boundingRect() const {
  return bounds_;
}

QPainterPath EdgeItem::shape() const {
  QPainterPathStroker stroker;
  stroker.setWidth(10);
  QPainterPath shape = stroker.createStroke(path_);
  if (isRepartitioned()) shape.addRect(repartitionBadgeRect());  // its tooltip on hover
  return shape;
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const auto* graph = static_cast<const GraphScene*>(scene());
  const CanvasColors& colors = graph->colors();
  const bool selected = isSelected() && !graph->isExporting();
  const bool loaded = runColour_.isValid() && !graph->isExporting();
  QPen pen(selected ? colors.selection
           : loaded ? runColour_
                    : colors.edge,
           selected || loaded ? 3 : 2);
  pen.setCapStyle(Qt::RoundCap);
  if (isRepartitioned()) {
    // Dashed: the records leave the wire for a Kafka topic and come back. The dashes run along
    // the whole curve (segments drawn one by one would each restart the pattern).
    pen.setCapStyle(Qt::FlatCap);
    pen.setDashPattern({4, 3});
  }
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  if (graph->isExporting() || isRepartitioned()) {
    // Whole curves: SVG output stays a vector Bezier, and dashes keep their phase wherever a
    // repaint starts.
    painter->drawPath(path_);
  } else {
    paintWire(painter, option, pen);
  }
  if (isRepartitioned()) paintRepartitionBadge(painter, pen.color(), colors);
  paintMarker(painter, colors);  // over the wire
  if (loaded && !runLabel_.isEmpty()) paintRunLabel(painter, colors);
}

void EdgeItem::paintRepartitionBadge(QPainter* painter, const QColor& ink,
                                     const CanvasColors& colors) const {
  // A small rounded tag in the wire's colour with a shuffle sign (two crossing arrows): the
  // records are shuffled through a topic by their window key.
  const QRectF box = repartitionBadgeRect();
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing, true);
  painter->setPen(QPen(ink, 1.4));
  painter->setBrush(colors.nodeBody);
  painter->drawRoundedRect(box, kBadgeHeight / 2, kBadgeHeight / 2);
  const double left = box.left() + 5, right = box.right() - 5;
  const double top = box.top() + 3.2, bottom = box.bottom() - 3.2;
  QPen glyph(ink, 1.4);
  glyph.setCapStyle(Qt::RoundCap);
  glyph.setJoinStyle(Qt::RoundJoin);
  painter->setPen(glyph);
  painter->setBrush(Qt::NoBrush);
  QPainterPath arrows;
  arrows.moveTo(left, bottom);
  arrows.lineTo(right, top);
  arrows.moveTo(left, top);
  arrows.lineTo(right, bottom);
  const double head = 2.6;
  arrows.moveTo(right - head, top);
  arrows.lineTo(right, top);
  arrows.lineTo(right, top + head);
  arrows.moveTo(right - head, bottom);
  arrows.lineTo(right, bottom);
  arrows.lineTo(right, bottom - head);
  painter->drawPath(arrows);
  painter->restore();
}

void EdgeItem::paintMarker(QPainter* painter, const CanvasColors& colors) const {
  const QPointF at = path_.pointAtPercent(0.5);
  if (breakMark_ != BreakMark::None)
    paintBreakGlyph(painter, at, breakMark_, colors);
  else if (tapped_)
    paintTapGlyph(painter, at, colors);
}

void EdgeItem::paintRunLabel(QPainter* painter, const CanvasColors& colors) const {
  // The rate above the middle of the wire (the tap glyph sits on it), in the canvas's small font.
  if (runLabelRect_.isNull() ||
      QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) < 0.45)
    return;
  painter->setFont(NodeItem::runFont(scene()));
  painter->setPen(colors.mutedText);
  painter->drawText(runLabelRect_, Qt::AlignCenter, runLabel_);
}

QRectF EdgeItem::placeRunLabel() const {
  const double width = QFontMetricsF(NodeItem::runFont(scene())).horizontalAdvance(runLabel_) + 8;
  const QPointF mid = path_.pointAtPercent(0.5);
  QRectF label(mid.x() - width / 2, mid.y() - kTapRadius - 16, width, 14);
  // The node bodies (the wire items lie below the nodes, which would cover the label).
  const QRectF fromBox = from_->mapRectToScene(from_->shape().boundingRect()).adjusted(-2, 0, 2, 0);
  const QRectF toBox = to_->mapRectToScene(to_->shape().boundingRect()).adjusted(-2, 0, 2, 0);
  if (!label.intersects(fromBox) && !label.intersects(toBox)) return label;
  // Between the two nodes, moved sideways as far as it must.
  const double left = fromBox.right() < toBox.left() ? fromBox.right() : toBox.right();
  const double right = fromBox.right() < toBox.left() ? toBox.left() : fromBox.left();
  if (right - left >= width) {
    label.moveLeft(std::clamp(label.left(), left, right - width));
    if (!label.intersects(fromBox) && !label.intersects(toBox)) return label;
  }
  // A wire too short for it: above the gap, clear of both nodes' tops.
  label.moveLeft(mid.x() - width / 2);
  label.moveBottom(std::min(fromBox.top(), toBox.top()) - 2);
  if (label.intersects(fromBox) || label.intersects(toBox)) return {};
  return label;
}

void EdgeItem::paintWire(QPainter* painter, const QStyleOptionGraphicsItem* option, QPen pen) {
  // Stroking is the canvas's most expensive operation, and its cost grows with the wire's length,
  // visible or not. A wire is cut down to the part that is exposed and that the device can show
  // (QGraphicsView::render() exposes whole items), then flattened in device space (the stroker's
  // own half-pixel tolerance) and drawn as line segments: the raster engine draws those on its
  // line path, about 4x faster than a stroked curve with round caps, and the same to the eye.
  QRectF clip = option->exposedRect;
  bool invertible = false;
  const QTransform toDevice = painter->worldTransform();
  const QTransform toItem = toDevice.inverted(&invertible);
  if (const QPaintDevice* device = painter->device(); device && invertible)
    clip &= toItem.mapRect(QRectF(0, 0, device->width(), device->height()));
  const double margin = pen.widthF() + 2;
  clip.adjust(-margin, -margin, margin, margin);
  if (!invertible || toDevice.isRotating() || path_.elementCount() != 4) {
    painter->drawPath(path_);
    return;
  }
  QPainterPath visible;
  if (clip.contains(bounds_))
    visible = path_;
  else
    appendVisible({path_.elementAt(0), path_.elementAt(1), path_.elementAt(2), path_.elementAt(3)},
                  clip, 10, visible);
  pen.setCapStyle(Qt::SquareCap);  // square caps keep the raster engine on its line path
  painter->setPen(pen);
  QVarLengthArray<QLineF, 128> segments;
  for (const QPolygonF& polygon : visible.toSubpathPolygons(toDevice))
    for (qsizetype i = 0; i + 1 < polygon.size(); ++i)
      segments.append(QLineF(toItem.map(polygon[i]), toItem.map(polygon[i + 1])));
  painter->drawLines(segments.constData(), static_cast<int>(segments.size()));
}

}  // namespace sc::designer
