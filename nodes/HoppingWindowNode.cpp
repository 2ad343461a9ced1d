// window.hopping: windows of `size` starting every `slide`, sharing panes of gcd(size, slide).
#include "nodes/NodeTypes.h"
#include "nodes/window/PaneWindowNode.h"

namespace sc {

namespace {

class HoppingWindowNode final : public window::PaneWindowNode {
 public:
  HoppingWindowNode() : PaneWindowNode(window::WindowKind::Hopping) {}
};

}  // namespace

NodeSpec hoppingWindowSpec() {
  NodeSpec spec = window::windowSpec(window::WindowKind::Hopping);
  spec.create = [] { return std::make_unique<HoppingWindowNode>(); };
  return spec;
}

}  // namespace sc
