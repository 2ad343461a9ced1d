// window.tumbling: fixed, non-overlapping windows; a pane window whose pane is the whole window.
#include "nodes/NodeTypes.h"
#include "nodes/window/PaneWindowNode.h"

namespace sc {

namespace {

class TumblingWindowNode final : public window::PaneWindowNode {
 public:
  TumblingWindowNode() : PaneWindowNode(window::WindowKind::Tumbling) {}
};

}  // namespace

NodeSpec tumblingWindowSpec() {
  NodeSpec spec = window::windowSpec(window::WindowKind::Tumbling);
  spec.create = [] { return std::make_unique<TumblingWindowNode>(); };
  return spec;
}

}  // namespace sc
