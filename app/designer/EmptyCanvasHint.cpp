#include "app/designer/EmptyCanvasHint.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPalette>

#include "app/designer/CanvasStyle.h"

namespace sc::designer {

// The translation context of these texts.
class EmptyCanvasHint {
  Q_DECLARE_TR_FUNCTIONS(sc::designer::EmptyCanvasHint)
};

void paintEmptyCanvasHint(QPainter* painter, const QRect& area, const QPalette& palette) {
  const CanvasColors colors = canvasColors(palette);
  const QString title = EmptyCanvasHint::tr("Start a pipeline");
  const QString body = EmptyCanvasHint::tr(
      "Drag a node from the Nodes panel onto the canvas, or double-click it in the panel.\n"
      "Then drag from an output port to an input port to wire them.\n"
      "To start from a working pipeline, open one under File ▸ Examples.");
  painter->save();
  painter->resetTransform();
  const QFont bodyFont = painter->font();
  QFont titleFont = bodyFont;
  titleFont.setPointSizeF(bodyFont.pointSizeF() * 1.5);
  titleFont.setBold(true);
  const QFontMetrics titleMetrics(titleFont);
  const QFontMetrics bodyMetrics(bodyFont);
  const int width = std::max(100, std::min(area.width() - 40, 560));
  const int flags = Qt::AlignHCenter | Qt::TextWordWrap;
  const QRect bodyBox = bodyMetrics.boundingRect(QRect(0, 0, width, 10000), flags, body);
  QRect box(0, 0, width, titleMetrics.height() + 12 + bodyBox.height());
  box.moveCenter(area.center());
  painter->setFont(titleFont);
  painter->setPen(colors.text);
  painter->drawText(QRect(box.left(), box.top(), width, titleMetrics.height()), flags, title);
  painter->setFont(bodyFont);
  painter->setPen(colors.mutedText);
  painter->drawText(
      QRect(box.left(), box.top() + titleMetrics.height() + 12, width, bodyBox.height()), flags,
      body);
  painter->restore();
}

}  // namespace sc::designer
