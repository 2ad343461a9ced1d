#pragma once
// What an empty canvas says to a new user: how to add the first node, and where the examples
// are. Painted by the view over the canvas while the document has no nodes.

#include <QRect>

class QPainter;
class QPalette;

namespace sc::designer {

// Paints the hint centred in `area` (viewport coordinates) in the palette's muted text colours.
void paintEmptyCanvasHint(QPainter* painter, const QRect& area, const QPalette& palette);

}  // namespace sc::designer
