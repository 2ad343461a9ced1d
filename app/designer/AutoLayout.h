#pragma once
// Layered left-to-right layout (Sugiyama style, simplified): each node's layer is the length of
// the longest path reaching it, nodes within a layer are ordered by the barycentre of their
// neighbours over a few down and up sweeps, then placed in columns.

#include <QPointF>
#include <functional>
#include <map>
#include <string>

#include "engine/graph/Pipeline.h"

namespace sc::designer {

struct LayoutMetrics {
  double columnWidth = 260;  // distance between layer columns
  double rowGap = 40;        // vertical gap between nodes of one layer
  std::function<double(const PipelineNode&)> nodeHeight = [](const PipelineNode&) { return 80.0; };
};

// Top-left positions for every node, on the 10 px grid. Back edges of cycles are ignored.
std::map<std::string, QPointF> layeredLayout(const Pipeline& pipeline,
                                             const LayoutMetrics& metrics = {});

}  // namespace sc::designer
