#include "app/designer/CanvasStyle.h"

#include "app/designer/PaletteIcon.h"

#include <QHash>
#include <algorithm>
#include <cmath>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initIconResources() {
  Q_INIT_RESOURCE(icons);
}

namespace sc::designer {

void ensureResources() {
  static const bool done = (initIconResources(), true);
  Q_UNUSED(done);
}

namespace {

QString categoryKey(const QString& category) {
  const QString c = category.toLower();
  if (c.contains(QLatin1String("source"))) return QStringLiteral("source");
  if (c.contains(QLatin1String("sink"))) return QStringLiteral("sink");
  if (c.contains(QLatin1String("window"))) return QStringLiteral("window");
  if (c.contains(QLatin1String("transform"))) return QStringLiteral("transform");
  return QStringLiteral("node");
}

}  // namespace

QColor blend(const QColor& a, const QColor& b, double t) {
  return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                          static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                          static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

namespace {
double relativeLuminance(const QColor& color) {
  auto channel = [](double c) {
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
         0.0722 * channel(color.blueF());
}
}  // namespace

double wcagContrast(const QColor& a, const QColor& b) {
  const double la = relativeLuminance(a), lb = relativeLuminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor warningTextColor(const QPalette& palette) {
  const QColor background = palette.color(QPalette::Window);
  const QColor text = palette.color(QPalette::WindowText);
  const QColor warning = canvasColors(palette).warning;
  // The amber of the badges is too light for text on a light window (about 3:1): move towards
  // the text colour in small steps until it reads, keeping as much of the hue as possible.
  for (int step = 0; step <= 20; ++step) {
    const QColor candidate = blend(warning, text, step / 20.0);
    if (wcagContrast(candidate, background) >= 4.6) return candidate;
  }
  return text;
}

bool isDarkPalette(const QPalette& palette) {
  return palette.color(QPalette::Window).lightnessF() < 0.5;
}

CanvasColors canvasColors(const QPalette& palette) {
  const bool dark = isDarkPalette(palette);
  const QColor base = palette.color(QPalette::Base);
  const QColor text = palette.color(QPalette::Text);
  CanvasColors c;
  c.background =
      dark ? blend(base, QColor(Qt::black), 0.25) : blend(base, QColor(120, 130, 145), 0.08);
  c.gridMinor = blend(c.background, text, 0.05);
  c.gridMajor = blend(c.background, text, 0.11);
  c.nodeBody = dark ? blend(base, QColor(Qt::white), 0.06) : base;
  c.nodeBorder = blend(c.nodeBody, text, 0.35);
  c.text = text;
  c.mutedText = blend(text, c.nodeBody, 0.4);
  c.edge = blend(c.background, text, 0.55);
  c.selection = palette.color(QPalette::Highlight);
  c.error = dark ? QColor(0xf8, 0x71, 0x71) : QColor(0xd1, 0x24, 0x2f);
  c.warning = dark ? QColor(0xfb, 0xbf, 0x24) : QColor(0xbf, 0x87, 0x00);
  c.accept = dark ? QColor(0x4a, 0xde, 0x80) : QColor(0x1a, 0x7f, 0x37);
  return c;
}

int categoryRank(const QString& category) {
  const QString key = categoryKey(category);
  if (key == QLatin1String("source")) return 0;
  if (key == QLatin1String("transform")) return 1;
  if (key == QLatin1String("window")) return 2;
  if (key == QLatin1String("sink")) return 4;
  return 3;
}

QColor categoryColor(const QString& category) {
  const QString key = categoryKey(category);
  if (key == QLatin1String("source")) return QColor(0x2e, 0x9d, 0x5b);
  if (key == QLatin1String("sink")) return QColor(0xd9, 0x77, 0x1f);
  if (key == QLatin1String("window")) return QColor(0x8e, 0x5b, 0xd0);
  if (key == QLatin1String("transform")) return QColor(0x34, 0x7d, 0xd8);
  return QColor(0x6b, 0x72, 0x80);
}

QIcon categoryIcon(const QString& category) {
  ensureResources();
  static QHash<QString, QIcon> cache;
  const QString key = categoryKey(category);
  auto it = cache.find(key);
  if (it == cache.end())
    it = cache.insert(key, QIcon(QStringLiteral(":/icons/category-%1.svg").arg(key)));
  return *it;
}

QIcon actionIcon(const QString& name) {
  ensureResources();
  return paletteIcon(QStringLiteral(":/icons/%1.svg").arg(name));
}

}  // namespace sc::designer
