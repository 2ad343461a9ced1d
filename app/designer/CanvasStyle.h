#pragma once
// Colours and icons of the canvas, derived from the application palette so light and dark
// system themes both read well; category colours are fixed hues that work on either.

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace sc::designer {

struct CanvasColors {
  QColor background;
  QColor gridMinor;
  QColor gridMajor;
  QColor nodeBody;
  QColor nodeBorder;
  QColor text;
  QColor mutedText;
  QColor edge;
  QColor selection;
  QColor error;
  QColor warning;
  QColor accept;
};

// Registers the icon resources (they live in a static library, so nothing pulls them in by itself).
void ensureResources();

bool isDarkPalette(const QPalette& palette);
CanvasColors canvasColors(const QPalette& palette);
// The warning colour for text on the palette's window background: the canvas warning colour,
// darkened or lightened towards the text colour until it reads (WCAG contrast >= 4.5).
QColor warningTextColor(const QPalette& palette);
// WCAG 2 contrast ratio of two colours, 1..21.
double wcagContrast(const QColor& a, const QColor& b);
// Category ("Sources", "Transforms", "Windows", "Sinks", ...) -> accent colour and icon.
// Where a category sits in the flow of a pipeline: sources, transforms, windows, others, sinks.
// The palette lists its groups in this order.
int categoryRank(const QString& category);
// The colour t of the way from a to b (opaque).
QColor blend(const QColor& a, const QColor& b, double t);
QColor categoryColor(const QString& category);
QIcon categoryIcon(const QString& category);
// Toolbar and menu icons from resources/icons ("zoom-in" -> :/icons/zoom-in.svg).
QIcon actionIcon(const QString& name);

}  // namespace sc::designer
