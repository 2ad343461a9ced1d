#include "app/designer/NodePlacement.h"

#include "app/designer/NodeGeometry.h"
#include "app/designer/PipelineDocument.h"

namespace sc::designer {

namespace {

constexpr double kGap = 40;  // between nodes, as the examples and the auto-layout space them

QSizeF nodeSize(const PipelineDocument& doc, const std::string& type) {
  const NodeSpec* spec = doc.registry().find(type);
  return {geometry::kNodeWidth,
          spec ? geometry::nodeHeight(spec->inputs.size(), spec->outputs.size())
               : geometry::nodeHeight(1, 1)};
}

bool coversANode(const PipelineDocument& doc, const QRectF& area) {
  for (const auto& node : doc.pipeline().nodes) {
    const QRectF box(doc.nodePosition(node.id), nodeSize(doc, node.type));
    // Closer than half a gap counts as touching.
    if (box.adjusted(-kGap / 2, -kGap / 2, kGap / 2, kGap / 2).intersects(area)) return true;
  }
  return false;
}

}  // namespace

QPointF placeNewNode(const PipelineDocument& doc, const std::string& type,
                     const std::string& previousId, const QRectF& visible, QPointF centre) {
  const QSizeF size = nodeSize(doc, type);
  QPointF at = centre;
  if (!previousId.empty() && doc.pipeline().node(previousId)) {
    const QPointF previous = doc.nodePosition(previousId);
    // Beside the previous node while the user still looks at it; else where they look now.
    if (visible.intersects(QRectF(previous, nodeSize(doc, doc.pipeline().node(previousId)->type))))
      at = previous + QPointF(geometry::kNodeWidth + kGap, 0);
  }
  // On along the row past nodes already there.
  for (int tries = 0; tries < 1000 && coversANode(doc, QRectF(at, size)); ++tries)
    at.rx() += geometry::kNodeWidth + kGap;
  return at;
}

}  // namespace sc::designer
