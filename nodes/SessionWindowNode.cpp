// window.session: per-key bursts of activity separated by `gap`; overlapping sessions merge.
#include "nodes/NodeTypes.h"
#include "nodes/window/MergingWindowNode.h"

namespace sc {

namespace {

class SessionWindowNode final : public window::MergingWindowNode {
 public:
  SessionWindowNode() : MergingWindowNode(window::WindowKind::Session) {}
};

}  // namespace

NodeSpec sessionWindowSpec() {
  NodeSpec spec = window::windowSpec(window::WindowKind::Session);
  spec.create = [] { return std::make_unique<SessionWindowNode>(); };
  return spec;
}

}  // namespace sc
