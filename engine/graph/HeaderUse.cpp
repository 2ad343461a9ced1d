#include "engine/graph/HeaderUse.h"

#include "engine/graph/NodeConfig.h"

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

bool pipelineReadsHeaders(const Pipeline& pipeline, const NodeRegistry& registry) {
  for (size_t i = 0; i < pipeline.nodes.size(); ++i) {
    const PipelineNode& node = pipeline.nodes[i];
    const NodeSpec* spec = registry.find(node.type);
    if (!spec) return true;
    if (mentionsHeaders(node.properties)) return true;
    if (spec->readsHeaders && spec->readsHeaders(NodeConfig(*spec, node.id, i, node.properties)))
      return true;
  }
  return false;
}

}  // namespace sc
