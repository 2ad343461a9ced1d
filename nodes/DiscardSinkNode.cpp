// discard.sink: drops every record. Ends branches whose output is not needed and measures
// pipelines without sink cost (tests/bench/bench_pipeline.cpp).
#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Node.h"
#include "nodes/NodeTypes.h"

namespace sc {
namespace {

class DiscardSinkNode final : public Node {
 public:
  void configure(const NodeConfig&, PlanContext&) override {}
  void process(int, Batch* batch, Emitter& out) override { out.release(batch); }
};

}  // namespace

NodeSpec discardSinkSpec() {
  NodeSpec s;
  s.type = "discard.sink";
  s.category = "Sinks";
  s.title = "Discard";
  s.summary = "Drops every record (ends a branch; measures a pipeline without sink cost).";
  s.inputs = {{"in", "Records to drop"}};
  s.stateless = true;
  s.exactlyOnce = true;  // nothing written, nothing to repeat
  s.create = [] { return std::make_unique<DiscardSinkNode>(); };
  return s;
}

}  // namespace sc
