#include "engine/graph/Repartition.h"

#include <algorithm>
#include <set>

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/NodeSpec.h"
#include "engine/graph/Pipeline.h"

namespace sc {
namespace {

bool scaleOutOn(const Pipeline& p) {
  if (!p.settings.is_object()) return false;
  auto it = p.settings.find("scale_out");
  return it != p.settings.end() && it->is_boolean() && it->get<bool>();
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The window's key expressions as written ("key": "a" or ["a", "b"]).
std::vector<std::string> keyExpressions(const PipelineNode& window) {
  std::vector<std::string> keys;
  if (!window.properties.is_object()) return keys;
  auto it = window.properties.find("key");
  if (it == window.properties.end()) return keys;
  if (it->is_string()) {
    keys.push_back(trimmed(it->get<std::string>()));
  } else if (it->is_array()) {
    for (const Json& k : *it)
      if (k.is_string()) keys.push_back(trimmed(k.get<std::string>()));
  }
  return keys;
}

}  // namespace

std::string kafkaTopicSafe(const std::string& name) {
  std::string out = name;
  for (char& c : out) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) c = '_';
  }
  return out;
}

std::string repartitionTopicName(const std::string& pipeline, const std::string& window) {
  return kafkaTopicSafe(pipeline) + "-" + kafkaTopicSafe(window) + "-repartition";
}

Upstream upstreamOf(const Pipeline& pipeline, const NodeRegistry& registry,
                    const std::string& node) {
  Upstream out;
  std::vector<std::string> stack{node};
  std::set<std::string> seen;
  while (!stack.empty()) {
    const std::string id = stack.back();
    stack.pop_back();
    if (!seen.insert(id).second) continue;
    for (const PipelineEdge& e : pipeline.edges) {
      if (e.to.node != id) continue;
      const PipelineNode* up = pipeline.node(e.from.node);
      const NodeSpec* upSpec = up ? registry.find(up->type) : nullptr;
      if (!upSpec) continue;
      if (upSpec->category == "Windows") {
        if (out.window.empty()) out.window = up->id;
      } else if (upSpec->isSource()) {
        if (std::find(out.sources.begin(), out.sources.end(), up) == out.sources.end())
          out.sources.push_back(up);
      } else {
        if (up->type != "filter" && up->type != "map") out.onlyFiltersAndMaps = false;
        stack.push_back(up->id);
      }
    }
  }
  return out;
}

std::vector<RepartitionHop> repartitionHops(const Pipeline& pipeline,
                                            const NodeRegistry& registry) {
  std::vector<RepartitionHop> hops;
  if (!scaleOutOn(pipeline)) return hops;
  for (const PipelineNode& n : pipeline.nodes) {
    const NodeSpec* spec = registry.find(n.type);
    if (!spec || spec->category != "Windows") continue;
    const Upstream up = upstreamOf(pipeline, registry, n.id);
    const std::vector<const PipelineNode*>& sources = up.sources;
    const bool otherPath = !up.onlyFiltersAndMaps;
    if (!up.window.empty()) continue;  // chained windows: refused by validation
    RepartitionHop hop;
    hop.window = n.id;
    hop.topic = repartitionTopicName(pipeline.name, n.id);
    const std::vector<std::string> keys = keyExpressions(n);
    if (keys.empty()) {
      hop.reason = "it has no key: every record goes to one group, read by one runner";
    } else if (keys.size() > 1 || keys[0] != "$key") {
      std::string text;
      for (const std::string& k : keys)
        text += (text.empty() ? "" : ", ") + k;
      hop.reason = "its key (" + text + ") is not the message key ($key)";
    } else if (sources.size() != 1) {
      hop.reason = "it reads " + std::to_string(sources.size()) +
                   " sources: one key arrives through partitions of several topics";
    } else {
      const Json& props = sources[0]->properties;
      const bool pattern = props.is_object() && props.contains("topic_pattern") &&
                           props["topic_pattern"].is_string() &&
                           !props["topic_pattern"].get<std::string>().empty();
      const auto topics = props.is_object() ? props.find("topics") : props.end();
      const bool oneTopic =
          !pattern && topics != props.end() && topics->is_array() && topics->size() == 1;
      if (!oneTopic)
        hop.reason = "its source '" + sources[0]->id +
                     "' reads several topics (or a pattern): one key arrives through partitions "
                     "of several topics";
      else if (otherPath)
        hop.reason = "a node between its source and it may change the message key";
      else
        continue;  // $key of one topic: each key already lives in one partition
    }
    for (size_t i = 0; i < pipeline.edges.size(); ++i)
      if (pipeline.edges[i].to.node == n.id) hop.edges.push_back(i);
    hops.push_back(std::move(hop));
  }
  return hops;
}

}  // namespace sc
