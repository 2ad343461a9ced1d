#pragma once
// Toolbar and menu icons drawn from their SVG in the application palette's colours, looked up at
// paint time: normal icons in the button text colour, disabled ones in the disabled text colour,
// so a theme switch recolours every icon at once and disabled icons always read as dimmer than
// enabled ones (the style's generated disabled pixmaps brightened them on dark palettes).

#include <QIcon>
#include <QPalette>
#include <QString>

namespace sc::designer {

// The icon of the SVG resource at `path` (":/icons/undo.svg"). Its neutral strokes (#5f6b7a) take
// the palette's colour for the mode; accent colours (run's green, stop's red) stay while enabled.
QIcon paletteIcon(const QString& path);

// The colour an icon's neutral strokes take in `mode` under `palette`.
QColor iconColor(const QPalette& palette, QIcon::Mode mode);

}  // namespace sc::designer
