#include "app/designer/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QProcess>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>

#include "app/designer/CanvasStyle.h"

namespace sc::designer {

namespace {

struct PlatformLook {
  QString style;
  QPalette palette;
};

const PlatformLook& platformLook() {
  static const PlatformLook look{QApplication::style()->name(), QApplication::palette()};
  return look;
}

Theme& current() {
  static Theme theme = Theme::System;
  return theme;
}

bool gnomePrefersDark() {
  if (QGuiApplication::platformName() == QLatin1String("offscreen")) return false;
  const QString gsettings = QStandardPaths::findExecutable(QStringLiteral("gsettings"));
  if (gsettings.isEmpty()) return false;
  QProcess process;
  process.start(gsettings, {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"),
                            QStringLiteral("color-scheme")});
  if (!process.waitForFinished(1000)) {
    process.kill();
    process.waitForFinished(200);
    return false;
  }
  return QString::fromUtf8(process.readAllStandardOutput()).contains(QLatin1String("dark"));
}

void setLook(const QString& style, const QPalette& palette) {
  if (QApplication::style()->name() != style)
    if (QStyle* s = QStyleFactory::create(style)) QApplication::setStyle(s);
  QApplication::setPalette(palette);
}

}  // namespace

QString themeName(Theme theme) {
  switch (theme) {
    case Theme::Light:
      return QStringLiteral("light");
    case Theme::Dark:
      return QStringLiteral("dark");
    case Theme::System:
      break;
  }
  return QStringLiteral("system");
}

std::optional<Theme> themeFromName(const QString& name) {
  for (Theme t : {Theme::System, Theme::Light, Theme::Dark})
    if (name.compare(themeName(t), Qt::CaseInsensitive) == 0) return t;
  return std::nullopt;
}

bool systemPrefersDark() {
  static const bool dark = [] {
    if (isDarkPalette(platformLook().palette)) return true;
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME");
    if (gtkTheme.endsWith(QLatin1String(":dark"), Qt::CaseInsensitive)) return true;
    return gnomePrefersDark();
  }();
  return dark;
}

QPalette lightPalette() {
  QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
  QPalette palette = fusion ? fusion->standardPalette() : QPalette(QColor(0xef, 0xef, 0xef));
  delete fusion;
  palette.setColor(QPalette::Highlight, QColor(0x30, 0x6c, 0xd8));
  palette.setColor(QPalette::Link, QColor(0x1f, 0x5f, 0xc2));
  return palette;
}

QPalette darkPalette() {
  const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), button(0x35, 0x38, 0x3d);
  const QColor text(0xe3, 0xe5, 0xe8), dimText(0x8c, 0x91, 0x99), highlight(0x3d, 0x7b, 0xe0);
  QPalette p;
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
  p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, dimText);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, button);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
  p.setColor(QPalette::Light, QColor(0x4a, 0x4e, 0x54));
  p.setColor(QPalette::Midlight, QColor(0x40, 0x43, 0x49));
  p.setColor(QPalette::Mid, QColor(0x2f, 0x32, 0x36));
  p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1c));
  p.setColor(QPalette::Shadow, QColor(0x0c, 0x0d, 0x0e));
  p.setColor(QPalette::Highlight, highlight);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, QColor(0x6c, 0xa6, 0xff));
  p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xf0));
  for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, dimText);
  p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4e, 0x54));
  p.setColor(QPalette::Disabled, QPalette::Base, window);
  return p;
}

void applyTheme(Theme theme) {
  const PlatformLook& platform = platformLook();
  const bool platformDark = isDarkPalette(platform.palette);
  const bool wantDark = theme == Theme::Dark || (theme == Theme::System && systemPrefersDark());
  current() = theme;
  if (wantDark == platformDark)
    setLook(platform.style, platform.palette);
  else
    setLook(QStringLiteral("Fusion"), wantDark ? darkPalette() : lightPalette());
}

Theme currentTheme() {
  return current();
}

}  // namespace sc::designer
