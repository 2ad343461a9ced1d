#include "app/designer/NodeItem.h"

#include <QCoreApplication>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>

#include "app/designer/CanvasStyle.h"
#include "app/designer/EdgeItem.h"
#include "app/designer/GraphScene.h"
#include "app/designer/NodeGeometry.h"
#include "app/designer/Translations.h"

namespace sc::designer {

using namespace geometry;

NodeItem::NodeItem(const QString& id, const QString& type, const NodeSpec* spec)
    : id_(id), type_(type), spec_(spec) {
  setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
  setAcceptHoverEvents(false);
  typeLabel_ =
      spec && !spec->title.empty() ? specText(spec->title) + QStringLiteral("  ·  ") + type : type;
  const QString category = spec ? qstr(spec->category) : QString();
  accent_ = categoryColor(category);
  icon_ = categoryIcon(category);
  setExtraPorts({}, {});
}

void NodeItem::setId(const QString& id) {
  id_ = id;
  fitted_ = {};
  elidedFor_ = QFont();
  elidedTitle_.clear();
  update();
}

void NodeItem::setExtraPorts(const QStringList& extraInputs, const QStringList& extraOutputs) {
  prepareGeometryChange();
  inputs_.clear();
  outputs_.clear();
  if (spec_) {
    for (const auto& p : spec_->inputs)
      inputs_.push_back({qstr(p.name), false, true});
    for (const auto& p : spec_->outputs)
      outputs_.push_back({qstr(p.name), true, true});
  }
  for (const QString& name : extraInputs)
    inputs_.push_back({name, false, false});
  for (const QString& name : extraOutputs)
    outputs_.push_back({name, true, false});
  QPainterPath body, headerArea, stripeArea;
  body.addRoundedRect(QRectF(0, 0, kNodeWidth, height()).adjusted(0.5, 0.5, -0.5, 0), 6, 6);
  headerArea.addRect(QRectF(0, 0, kNodeWidth, kHeaderHeight));
  stripeArea.addRect(QRectF(0, 0, 5, height()));
  headerPath_ = body.intersected(headerArea);
  stripePath_ = body.intersected(stripeArea);
}

double NodeItem::height() const {
  return nodeHeight(inputs_.size(), outputs_.size());
}

QPointF NodeItem::portPosition(bool output, const QString& name) const {
  const auto& ports = output ? outputs_ : inputs_;
  int row = 0;
  for (size_t i = 0; i < ports.size(); ++i)
    if (ports[i].name == name) row = static_cast<int>(i);
  return QPointF(output ? kNodeWidth : 0, kHeaderHeight + kPortSpacing * (row + 0.5) + 4);
}

std::optional<NodeItem::Port> NodeItem::portAt(QPointF itemPos) const {
  constexpr double grab = 10;
  for (const auto* ports : {&inputs_, &outputs_})
    for (const Port& port : *ports) {
      const QPointF c = portPosition(port.output, port.name);
      // The port's circle and its label both grab, so the target is easy to hit.
      const QRectF area = port.output ? QRectF(c.x() - kNodeWidth / 2, c.y() - kPortSpacing / 2,
                                               kNodeWidth / 2 + grab, kPortSpacing)
                                      : QRectF(c.x() - grab, c.y() - kPortSpacing / 2,
                                               kNodeWidth / 2 + grab, kPortSpacing);
      if (area.contains(itemPos)) return port;
    }
  return std::nullopt;
}

void NodeItem::setPortHighlight(const QString& name, bool output, PortHighlight highlight) {
  if (highlightPort_ == name && highlightOutput_ == output && highlight_ == highlight) return;
  highlightPort_ = name;
  highlightOutput_ = output;
  highlight_ = highlight;
  update();
}

void NodeItem::setProblems(ProblemCount count) {
  if (count.errors == problems_.errors && count.warnings == problems_.warnings) return;
  problems_ = count;
  update();
}

void NodeItem::removeEdge(EdgeItem* edge) {
  std::erase(edges_, edge);
}

namespace {

QString compactCount(double n) {
  if (n < 10'000) return QString::number(qRound64(n));
  if (n < 1e6) return QStringLiteral("%1k").arg(n / 1e3, 0, 'f', n < 1e5 ? 1 : 0);
  if (n < 1e9) return QStringLiteral("%1M").arg(n / 1e6, 0, 'f', n < 1e8 ? 1 : 0);
  return QStringLiteral("%1G").arg(n / 1e9, 0, 'f', 1);
}

}  // namespace

void NodeItem::setRunStats(quint64 recordsIn, quint64 recordsOut, double perSecond, quint64 errors,
                           bool failed) {
  // Sources show what they produced, sinks what they received, others both.
  QStringList parts;
  if (!inputs_.empty()) parts << tr("in %1").arg(compactCount(double(recordsIn)));
  if (!outputs_.empty() || inputs_.empty())
    parts << tr("out %1").arg(compactCount(double(recordsOut)));
  if (perSecond > 0) parts << tr("%1/s").arg(compactCount(perSecond));
  if (errors > 0) parts << tr("%n errors", nullptr, int(std::min<quint64>(errors, 1u << 30)));
  if (failed) parts << tr("failed");
  const QString text = parts.join(QStringLiteral("  ·  "));
  if (text == runText_ && failed == runFailed_) return;
  runText_ = text;
  runFailed_ = failed;
  update();
}

namespace {

// `text` in rows of at most `width`, broken between words, after the row's last comma or before
// its last "·" where it has one; the last of `maxRows` is elided.
QStringList wrapped(const QString& text, const QFontMetricsF& metrics, double width, int maxRows) {
  QStringList rows;
  QStringList row;
  const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
  for (qsizetype i = 0; i < words.size(); ++i) {
    row << words[i];
    if (row.size() == 1 || metrics.horizontalAdvance(row.join(QLatin1Char(' '))) <= width) continue;
    row.removeLast();
    if (rows.size() + 1 == maxRows) {  // the last row: the rest, elided
      row << words.mid(i);
      break;
    }
    qsizetype keep = row.size();
    for (qsizetype j = row.size() - 1; j >= 1; --j)
      if (row[j].endsWith(QLatin1Char(',')) || (j + 1 < row.size() && row[j + 1] == u"·")) {
        keep = j + 1;
        break;
      }
    rows << QStringList(row.mid(0, keep)).join(QLatin1Char(' '));
    row = row.mid(keep);
    row << words[i];
    // The words carried over may not fit with this one: go again from the carried row.
    while (row.size() > 1 && metrics.horizontalAdvance(row.join(QLatin1Char(' '))) > width &&
           rows.size() + 1 < maxRows) {
      rows << QStringList(row.mid(0, row.size() - 1)).join(QLatin1Char(' '));
      row = QStringList{row.last()};
    }
  }
  if (!row.isEmpty() || rows.isEmpty())
    rows << metrics.elidedText(row.join(QLatin1Char(' ')), Qt::ElideRight, width);
  return rows;
}

}  // namespace

QFont NodeItem::runFont(const QGraphicsScene* scene) {
  QFont font = scene ? scene->font() : QFont();
  font.setPointSizeF(font.pointSizeF() * 0.8);
  return font;
}

void NodeItem::setRunDetail(const QStringList& lines, const QString& tip, bool hint) {
  if (lines == runDetail_ && hint == runHint_ && (lines.isEmpty() || tip == toolTip())) return;
  if (runDetail_.isEmpty() && !lines.isEmpty()) designToolTip_ = toolTip();
  const bool wasShown = !runDetail_.isEmpty();
  runDetail_ = lines;
  runHint_ = hint;
  // Wrapped here, not in paint(): the bounds grow with the rows.
  QVector<DetailRow> rows;
  const QFontMetricsF metrics(runFont(scene()));
  for (qsizetype i = 0; i < lines.size(); ++i) {
    const bool hintLine = hint && i == lines.size() - 1;
    for (const QString& row : wrapped(lines[i], metrics, kNodeWidth - 4, hintLine ? 3 : 2))
      rows.push_back({row, hintLine});
  }
  if (rows.size() != runRows_.size()) prepareGeometryChange();
  runRows_ = std::move(rows);
  setToolTip(lines.isEmpty() ? (wasShown ? designToolTip_ : toolTip()) : tip);
  update();
}

QStringList NodeItem::runDetailRows() const {
  QStringList out;
  for (const DetailRow& row : runRows_)
    out << row.text;
  return out;
}

void NodeItem::paintRunDetail(QPainter* painter, const QFont& font,
                              const CanvasColors& colors) const {
  const QFontMetricsF metrics(font);
  for (qsizetype i = 0; i < runRows_.size(); ++i) {
    painter->setPen(runRows_[i].hint ? colors.warning : colors.mutedText);
    painter->drawText(
        QRectF(2, height() + 2 + kRunLineHeight * double(i + 1), kNodeWidth - 4, kRunLineHeight),
        Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(runRows_[i].text, Qt::ElideRight, kNodeWidth - 4));
  }
}

void NodeItem::clearRunStats() {
  setRunDetail({}, {}, false);
  if (runText_.isEmpty()) return;
  runText_.clear();
  runFailed_ = false;
  update();
}

QRectF NodeItem::boundingRect() const {
  // Room for the port circles, the selection outline, the badge and the run counters below.
  return QRectF(0, 0, kNodeWidth, height())
      .adjusted(-kPortRadius - 4, -12, kPortRadius + 12,
                4 + kRunLineHeight * double(1 + runRows_.size()));
}

QPainterPath NodeItem::shape() const {
  QPainterPath path;
  path.addRoundedRect(QRectF(-kPortRadius, 0, kNodeWidth + 2 * kPortRadius, height()), 6, 6);
  return path;
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const auto* graph = static_cast<const GraphScene*>(scene());
  const CanvasColors& colors = graph->colors();
  const bool selected = isSelected() && !graph->isExporting();
  const QRectF body(0, 0, kNodeWidth, height());
  const double lod =
      QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
  if (detailFor(lod) == Detail::Title) {
    paintTitleOnly(painter, lod);
    return;
  }

  painter->setPen(QPen(selected ? colors.selection : colors.nodeBorder, selected ? 2.5 : 1));
  painter->setBrush(colors.nodeBody);
  painter->drawRoundedRect(body, 6, 6);

  // Header: a tint of the category colour with a solid stripe on the left. The tint is mixed
  // here rather than painted translucent: the raster engine fills an antialiased path with an
  // opaque colour about ten times faster.
  painter->setPen(Qt::NoPen);
  painter->setBrush(blend(colors.nodeBody, accent_, isDarkPalette(graph->palette()) ? 0.28 : 0.16));
  painter->drawPath(headerPath_);
  painter->setBrush(accent_);
  painter->drawPath(stripePath_);

  {
    icon_.paint(painter, QRect(12, 12, 22, 22));
    QFont titleFont = graph->font();
    titleFont.setBold(true);
    QFont smallFont = graph->font();
    smallFont.setPointSizeF(smallFont.pointSizeF() * 0.85);
    if (elidedTitle_.isEmpty() || elidedFor_ != titleFont) elideLabels(titleFont, smallFont);
    const double textLeft = 42, textWidth = kNodeWidth - textLeft - 10;
    painter->setFont(titleFont);
    painter->setPen(colors.text);
    painter->drawText(QRectF(textLeft, 5, textWidth, 20), Qt::AlignLeft | Qt::AlignVCenter,
                      elidedTitle_);
    painter->setFont(smallFont);
    painter->setPen(colors.mutedText);
    painter->drawText(QRectF(textLeft, 24, textWidth, 16), Qt::AlignLeft | Qt::AlignVCenter,
                      elidedType_);
  }

  painter->setPen(QPen(colors.nodeBorder, 1));
  painter->drawLine(QPointF(0, kHeaderHeight), QPointF(kNodeWidth, kHeaderHeight));

  for (size_t i = 0; i < inputs_.size(); ++i)
    paintPort(painter, inputs_[i], static_cast<int>(i));
  for (size_t i = 0; i < outputs_.size(); ++i)
    paintPort(painter, outputs_[i], static_cast<int>(i));

  if (!runText_.isEmpty() && !graph->isExporting()) {
    const QFont font = runFont(scene());
    painter->setFont(font);
    painter->setPen(runFailed_ ? colors.error : colors.mutedText);
    painter->drawText(QRectF(2, height() + 2, kNodeWidth - 4, kRunLineHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, runText_);
    paintRunDetail(painter, font, colors);
  }

  if (problems_.errors > 0 || problems_.warnings > 0) {
    const bool errors = problems_.errors > 0;
    const QRectF badge(kNodeWidth - 12, -10, 22, 22);
    painter->setPen(QPen(colors.nodeBody, 2));
    painter->setBrush(errors ? colors.error : colors.warning);
    painter->drawEllipse(badge);
    {
      QFont badgeFont = graph->font();
      badgeFont.setBold(true);
      badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.8);
      painter->setFont(badgeFont);
      painter->setPen(Qt::white);
      painter->drawText(badge, Qt::AlignCenter,
                        QString::number(errors ? problems_.errors : problems_.warnings));
    }
  }
  Q_UNUSED(option);
}

void NodeItem::paintTitleOnly(QPainter* painter, double lod) {
  const auto* graph = static_cast<const GraphScene*>(scene());
  const CanvasColors& colors = graph->colors();
  const bool selected = isSelected() && !graph->isExporting();
  const QRectF body(0, 0, kNodeWidth, height());
  // One box in the header tint with the category stripe: at this size rounded corners, port
  // circles and the header line are a pixel or less and only cost time.
  QPen border(selected ? colors.selection : colors.nodeBorder, selected ? 2.5 : 1);
  border.setCosmetic(true);  // a visible outline at any zoom (Find selects what it shows)
  painter->setPen(border);
  painter->setBrush(blend(colors.nodeBody, accent_, isDarkPalette(graph->palette()) ? 0.28 : 0.16));
  painter->drawRect(body);
  const double stripe = std::max(5.0, 3 / lod);
  painter->fillRect(QRectF(0, 0, stripe, body.height()), accent_);
  if (problems_.errors > 0 || problems_.warnings > 0) {
    const double r = std::max(11.0, 4 / lod);
    painter->setPen(Qt::NoPen);
    painter->setBrush(problems_.errors > 0 ? colors.error : colors.warning);
    painter->drawEllipse(QPointF(kNodeWidth, 0), std::min(r, 14.0), std::min(r, 12.0));
  }

  if (graph->titlesDrawnByView()) return;
  // The title in device pixels (hinted, sharp, from the glyph cache): as large as the box
  // allows up to a little above the canvas font, shrunk to fit the width, then elided.
  const QTransform world = painter->worldTransform();
  const QRectF box = world.mapRect(body.adjusted(stripe + 4, 3, -4, -3));
  const QSize boxKey(qRound(box.width()), qRound(box.height()));
  if (fitted_.box != boxKey || fitted_.baseFont != graph->font()) {
    fitted_.box = boxKey;
    fitted_.baseFont = graph->font();
    const double largest = QFontInfo(graph->font()).pixelSize() * 1.3;
    double px = std::min(largest, box.height() * 0.7);
    QFont font = graph->font();
    font.setBold(true);
    font.setPixelSize(std::max(1, qRound(px)));
    const double width = QFontMetricsF(font).horizontalAdvance(id_);
    if (width > box.width() && width > 0) {
      // Shrink to fit, but not below a readable size: then the end is elided instead.
      px = std::max(std::min(px, 8.0), px * box.width() / width);
      font.setPixelSize(std::max(1, qRound(px)));
    }
    fitted_.font = font;
    fitted_.title =
        px >= 4 ? QFontMetricsF(font).elidedText(id_, Qt::ElideRight, box.width()) : QString();
    // The type line where there is room for it under the title.
    fitted_.type.clear();
    if (box.height() >= px * 2.6) {
      fitted_.typeFont = graph->font();
      fitted_.typeFont.setPixelSize(std::max(1, qRound(px * 0.8)));
      fitted_.type =
          QFontMetricsF(fitted_.typeFont).elidedText(typeLabel_, Qt::ElideRight, box.width());
    }
  }
  if (fitted_.title.isEmpty()) return;
  painter->setWorldTransform(QTransform());
  painter->setPen(colors.text);
  painter->setFont(fitted_.font);
  if (fitted_.type.isEmpty()) {
    painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter, fitted_.title);
  } else {
    const double titleHeight = QFontMetricsF(fitted_.font).height();
    const double typeHeight = QFontMetricsF(fitted_.typeFont).height();
    const double top = box.center().y() - (titleHeight + typeHeight) / 2;
    painter->drawText(QRectF(box.left(), top, box.width(), titleHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, fitted_.title);
    painter->setFont(fitted_.typeFont);
    painter->setPen(colors.mutedText);
    painter->drawText(QRectF(box.left(), top + titleHeight, box.width(), typeHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, fitted_.type);
  }
  painter->setWorldTransform(world);
}

void NodeItem::elideLabels(const QFont& titleFont, const QFont& smallFont) {
  const double textWidth = kNodeWidth - 42 - 10;
  elidedFor_ = titleFont;
  elidedTitle_ = QFontMetricsF(titleFont).elidedText(id_, Qt::ElideRight, textWidth);
  elidedType_ = QFontMetricsF(smallFont).elidedText(typeLabel_, Qt::ElideRight, textWidth);
}

void NodeItem::paintPort(QPainter* painter, const Port& port, int row) const {
  const auto* graph = static_cast<const GraphScene*>(scene());
  const CanvasColors& colors = graph->colors();
  const QPointF c = portPosition(port.output, port.name);
  Q_UNUSED(row);
  QColor fill = port.declared ? accent_ : colors.error;
  double radius = kPortRadius;
  if (highlight_ != PortHighlight::None && highlightPort_ == port.name &&
      highlightOutput_ == port.output) {
    fill = highlight_ == PortHighlight::Accept ? colors.accept : colors.error;
    radius += 3;
  }
  // A ring in the body colour around the port, as two fills: faster than a stroked ellipse.
  painter->setPen(Qt::NoPen);
  painter->setBrush(colors.nodeBody);
  painter->drawEllipse(c, radius + 0.75, radius + 0.75);
  painter->setBrush(fill);
  painter->drawEllipse(c, radius - 0.75, radius - 0.75);
  QFont portFont = graph->font();
  portFont.setPointSizeF(portFont.pointSizeF() * 0.85);
  painter->setFont(portFont);
  painter->setPen(port.declared ? colors.text : colors.error);
  const QRectF label = port.output ? QRectF(kNodeWidth / 2, c.y() - 9, kNodeWidth / 2 - 12, 18)
                                   : QRectF(12, c.y() - 9, kNodeWidth / 2 - 12, 18);
  painter->drawText(label, (port.output ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                    port.name);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (change == ItemPositionChange) {
    const QPointF p = value.toPointF();
    return QPointF(std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid);
  }
  if (change == ItemPositionHasChanged)
    for (EdgeItem* edge : edges_)
      edge->updatePath();
  return QGraphicsItem::itemChange(change, value);
}

}  // namespace sc::designer
