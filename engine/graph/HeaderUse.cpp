#include "engine/graph/HeaderUse.h"

#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

namespace sc {
namespace {

bool mentionsHeaders(const Json& value) {
  if (value.is_string())
    return value.get_ref<const std::string&>().find("$headers") != std::string::npos;
  if (value.is_object() || value.is_array())
    for (const auto& item : value)
      if (mentionsHeaders(item)) return true;
  return false;
}

}  // namespace

HeaderUse pipelineHeaderUse(const Pipeline& pipeline, const NodeRegistry& registry) {
  HeaderUse use = HeaderUse::None;
  for (size_t i = 0; i < pipeline.nodes.size(); ++i) {
    const PipelineNode& node = pipeline.nodes[i];
    const NodeSpec* spec = registry.find(node.type);
    if (!spec || mentionsHeaders(node.properties)) return HeaderUse::Everywhere;
    if (spec->readsHeaders && spec->readsHeaders(NodeConfig(*spec, node.id, i, node.properties))) {
      // Late parsing happens where batches leave a thread: a node that can be fused onto the
      // source's thread (stateless) would read before that.
      if (!spec->outputs.empty() || spec->stateless) return HeaderUse::Everywhere;
      use = HeaderUse::AtSinks;
    }
  }
  return use;
}

}  // namespace sc
