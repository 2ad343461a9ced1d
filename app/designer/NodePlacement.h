#pragma once
// Where a node added from the palette (double-click, Enter) goes: beside the node added that way
// before it, so a row of new nodes reads left to right like a pipeline, else at the view's
// centre; then on to the right until it covers no other node.

#include <QPointF>
#include <QRectF>
#include <string>

namespace sc::designer {

class PipelineDocument;

// The top-left corner for a new node of `type`. `previousId`: the node placed before (may be
// gone or empty); `visible`: the scene rectangle the view shows; `centre`: the corner that
// centres a node in the view.
QPointF placeNewNode(const PipelineDocument& doc, const std::string& type,
                     const std::string& previousId, const QRectF& visible, QPointF centre);

}  // namespace sc::designer
