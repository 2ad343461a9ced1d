#include "app/designer/PaletteIcon.h"

#include <QApplication>
#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPixmapCache>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <cmath>

#include "app/designer/CanvasStyle.h"

namespace sc::designer {

namespace {

// The grey the icon files are drawn in: the colour that follows the palette.
constexpr char kNeutral[] = "#5f6b7a";

class PaletteIconEngine : public QIconEngine {
 public:
  explicit PaletteIconEngine(const QString& path) : path_(path) {
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) svg_ = QString::fromUtf8(file.readAll());
  }

  void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override {
    const qreal scale = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->drawPixmap(rect, scaledPixmap(rect.size(), mode, state, scale));
  }

  QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
    return scaledPixmap(size, mode, state, 1.0);
  }

  QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State, qreal scale) override {
    const QColor colour = iconColor(QApplication::palette(), mode);
    const QSize pixels = (QSizeF(size) * scale).toSize();
    const QString key = QStringLiteral("sc-icon:%1:%2x%3:%4:%5")
                            .arg(path_)
                            .arg(pixels.width())
                            .arg(pixels.height())
                            .arg(colour.name(QColor::HexArgb))
                            .arg(mode == QIcon::Disabled);
    QPixmap out;
    if (QPixmapCache::find(key, &out)) return out;
    out = QPixmap(pixels);
    out.fill(Qt::transparent);
    if (!svg_.isEmpty() && !pixels.isEmpty()) {
      QString svg = svg_;
      if (mode == QIcon::Disabled) {
        // Disabled: one muted colour, accents included.
        static const QRegularExpression anyColour(QStringLiteral("#[0-9a-fA-F]{6}\\b"));
        svg.replace(anyColour, colour.name());
      } else {
        svg.replace(QLatin1String(kNeutral), colour.name(), Qt::CaseInsensitive);
        // Accents (run's green, stop's red) keep their hue, a little towards the text colour
        // so they read on light and dark toolbars alike.
        static const QRegularExpression accent(QStringLiteral("#[0-9a-fA-F]{6}\\b"));
        QString recoloured;
        qsizetype last = 0;
        for (auto it = accent.globalMatch(svg); it.hasNext();) {
          const QRegularExpressionMatch m = it.next();
          recoloured += svg.mid(last, m.capturedStart() - last);
          const QColor own(m.captured());
          recoloured += own == colour ? m.captured() : blend(own, colour, 0.3).name();
          last = m.capturedEnd();
        }
        svg = recoloured + svg.mid(last);
      }
      QSvgRenderer renderer(svg.toUtf8());
      QPainter painter(&out);
      painter.setRenderHint(QPainter::Antialiasing);
      renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(pixels)));
    }
    out.setDevicePixelRatio(scale);
    QPixmapCache::insert(key, out);
    return out;
  }

  QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }
  QIconEngine* clone() const override { return new PaletteIconEngine(*this); }
  QString key() const override { return QStringLiteral("sc-palette-svg"); }
  bool isNull() override { return svg_.isEmpty(); }

 private:
  QString path_;
  QString svg_;
};

// WCAG 2 contrast ratio, 1..21.
double contrastRatio(const QColor& a, const QColor& b) {
  auto luminance = [](const QColor& c) {
    auto channel = [](double v) {
      return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) +
           0.0722 * channel(rgb.blueF());
  };
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

QColor iconColor(const QPalette& palette, QIcon::Mode mode) {
  switch (mode) {
    case QIcon::Disabled: {
      // The palette's disabled colour, unless 40% of the enabled one is dimmer still: dark
      // palettes tune disabled text to stay legible, brighter than a disabled icon should be.
      const QColor button = palette.color(QPalette::Active, QPalette::Button);
      const QColor role = palette.color(QPalette::Disabled, QPalette::ButtonText);
      const QColor faint = blend(button, iconColor(palette, QIcon::Normal), 0.4);
      return contrastRatio(role, button) <= contrastRatio(faint, button) ? role : faint;
    }
    case QIcon::Selected:
      return palette.color(QPalette::Active, QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active:
      break;
  }
  // A little softer than text, as the grey of the files was on light backgrounds.
  return blend(palette.color(QPalette::Active, QPalette::Button),
               palette.color(QPalette::Active, QPalette::ButtonText), 0.8);
}

QIcon paletteIcon(const QString& path) {
  return QIcon(new PaletteIconEngine(path));
}

}  // namespace sc::designer
