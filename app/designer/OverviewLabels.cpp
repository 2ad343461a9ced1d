#include "app/designer/OverviewLabels.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>

#include "app/designer/CanvasStyle.h"

namespace sc::designer {

namespace {
constexpr double kPadX = 4, kPadY = 1;
constexpr double kGap = 2;  // between two labels, so neighbours do not touch

int markRank(OverviewLabel::Mark mark) {
  switch (mark) {
    case OverviewLabel::Mark::Selected:
      return 0;
    case OverviewLabel::Mark::Error:
      return 1;
    case OverviewLabel::Mark::Warning:
      return 2;
    case OverviewLabel::Mark::None:
      break;
  }
  return 3;
}
}  // namespace

QFont OverviewLabels::labelFont(const QFont& base) {
  QFont font = base;
  font.setBold(true);
  if (font.pointSizeF() > 0 && font.pointSizeF() < kMinPointSize)
    font.setPointSizeF(kMinPointSize);
  else if (font.pointSizeF() <= 0 && font.pixelSize() < 12)
    font.setPixelSize(12);
  return font;
}

QVector<OverviewLabel> OverviewLabels::layout(QVector<Candidate> candidates, const QFont& base,
                                              const QRectF& viewport) {
  const QFont font = labelFont(base);
  if (font != measuredWith_) {
    measuredWith_ = font;
    measured_.clear();
  }
  const QFontMetricsF metrics(font);
  const double height = metrics.height() + 2 * kPadY;
  const double maxWidth = metrics.horizontalAdvance(QLatin1Char('M')) * kMaxWidthEm;
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (markRank(a.mark) != markRank(b.mark)) return markRank(a.mark) < markRank(b.mark);
    if (a.nodeRect.top() != b.nodeRect.top()) return a.nodeRect.top() < b.nodeRect.top();
    if (a.nodeRect.left() != b.nodeRect.left()) return a.nodeRect.left() < b.nodeRect.left();
    return a.nodeId < b.nodeId;
  });
  QVector<OverviewLabel> placed;
  QVector<QRectF> taken;  // placed rectangles grown by kGap
  for (const Candidate& candidate : candidates) {
    auto found = measured_.find(candidate.nodeId);
    if (found == measured_.end()) {
      const QString text = metrics.elidedText(candidate.nodeId, Qt::ElideRight, maxWidth);
      found = measured_.insert(candidate.nodeId, {text, metrics.horizontalAdvance(text)});
    }
    const double width = found->second + 2 * kPadX;
    QRectF rect(0, 0, width, height);
    rect.moveCenter(candidate.nodeRect.center());
    rect = QRectF(rect.topLeft().toPoint(), rect.size());  // whole pixels: sharp text
    if (!viewport.contains(rect)) continue;
    const bool overlaps = std::any_of(taken.begin(), taken.end(),
                                      [&](const QRectF& other) { return other.intersects(rect); });
    if (overlaps) continue;
    taken.push_back(rect.adjusted(-kGap, -kGap, kGap, kGap));
    placed.push_back({candidate.nodeId, found->first, rect, candidate.mark});
  }
  return placed;
}

void OverviewLabels::paint(QPainter* painter, const QVector<OverviewLabel>& labels,
                           const QFont& base, const CanvasColors& colors) {
  if (labels.isEmpty()) return;
  painter->save();
  painter->setFont(labelFont(base));
  painter->setRenderHint(QPainter::Antialiasing, false);
  // A background in the node colour: the text contrasts with it as on a node at full size,
  // and the grid, wires and boxes underneath do not show through.
  for (const OverviewLabel& label : labels) {
    QColor border = colors.nodeBorder;
    if (label.mark == OverviewLabel::Mark::Selected) border = colors.selection;
    if (label.mark == OverviewLabel::Mark::Error) border = colors.error;
    if (label.mark == OverviewLabel::Mark::Warning) border = colors.warning;
    painter->setPen(QPen(border, label.mark == OverviewLabel::Mark::None ? 1 : 2));
    painter->setBrush(colors.nodeBody);
    painter->drawRect(label.rect.adjusted(0.5, 0.5, -0.5, -0.5));
    painter->setPen(colors.text);
    painter->drawText(label.rect, Qt::AlignCenter, label.text);
  }
  painter->restore();
}

}  // namespace sc::designer
