#include "engine/graph/RepartitionPlan.h"

#include <algorithm>
#include <set>

#include "engine/graph/FieldSchema.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/NodeSpec.h"
#include "engine/graph/Repartition.h"

namespace sc {
namespace {

Json propertyOr(const PipelineNode& n, const char* name, Json fallback) {
  if (n.properties.is_object())
    if (auto it = n.properties.find(name); it != n.properties.end()) return *it;
  return fallback;
}

}  // namespace

std::vector<const PipelineNode*> kafkaSourcesOf(const Pipeline& p, const NodeRegistry& registry,
                                                const std::string& window) {
  std::vector<const PipelineNode*> sources;
  for (const PipelineNode* s : upstreamOf(p, registry, window).sources)
    if (s->type == "kafka.source") sources.push_back(s);
  return sources;
}

std::string repartitionSinkId(const std::string& window) {
  return window + "~repartition-sink";
}

std::string repartitionSourceId(const std::string& window) {
  return window + "~repartition-source";
}

Pipeline planRepartition(const Pipeline& pipeline, const NodeRegistry& registry,
                         RepartitionPlan& plan) {
  plan.roles.clear();
  const std::vector<RepartitionHop> hops = repartitionHops(pipeline, registry);
  if (hops.empty()) return pipeline;
  Pipeline out = pipeline;
  std::set<size_t> replaced;
  for (const RepartitionHop& hop : hops) {
    const PipelineNode* window = pipeline.node(hop.window);
    const NodeSpec* spec = registry.find(window->type);
    const auto sources = kafkaSourcesOf(pipeline, registry, hop.window);
    if (sources.empty()) continue;  // validation refuses it (scale-out reads only Kafka)
    const PipelineNode& source = *sources.front();

    RepartitionRole role;
    role.window = hop.window;
    role.topic = hop.topic;
    const NodeConfig cfg(*spec, window->id, static_cast<size_t>(pipeline.nodeIndex(window->id)),
                         window->properties);
    for (const std::string& k : cfg.getStringList("key"))
      if (k.find_first_not_of(" \t\r\n") != std::string::npos) role.keys.push_back(k);
    role.processingTime = cfg.getString("time") == "processing";
    role.timestamp = cfg.getString("timestamp");
    role.maxOutOfOrdernessMs = cfg.getDurationMs("max_out_of_orderness");
    for (const PipelineNode* s : sources) {
      const Json topics = propertyOr(*s, "topics", Json::array());
      if (topics.is_array())
        for (const Json& t : topics)
          if (t.is_string() && std::find(role.upstreamTopics.begin(), role.upstreamTopics.end(),
                                         t) == role.upstreamTopics.end())
            role.upstreamTopics.push_back(t.get<std::string>());
    }

    bool resultsOnly = true;  // no wire leaves W but its results (late records keep all)
    for (const PipelineEdge& e : pipeline.edges)
      if (e.from.node == hop.window && e.fromPort() != "out") resultsOnly = false;
    if (auto read = topLevelFieldsRead(*window, registry); read && resultsOnly) {
      role.projected = true;
      role.fields = std::move(*read);
    }

    // The writer: takes the window's inputs. Under exactly_once it shares the run's transaction
    // with the other kafka.sink nodes of its connection, which must agree on these settings.
    const Json connection = propertyOr(source, "connection", "");
    PipelineNode sink;
    sink.id = repartitionSinkId(hop.window);
    sink.type = "kafka.sink";
    sink.properties = {{"connection", connection}, {"topic", hop.topic}, {"headers", "drop"}};
    // Otherwise it has a producer of its own, which lingers 100 ms (as Kafka Streams' producers
    // do): batches ~20 times larger than at the 5 ms default cost the broker half the CPU
    // (bench_scaleout, docs/scale-out.md).
    const bool sharesTransaction =
        pipeline.settings.is_object() && pipeline.settings.value("delivery", "") == "exactly_once";
    if (!sharesTransaction) sink.properties["linger"] = "100ms";
    for (const PipelineNode& n : pipeline.nodes)
      if (n.type == "kafka.sink" && propertyOr(n, "connection", "") == connection) {
        for (const char* name : {"acks", "compression", "linger", "idempotence"})
          if (n.properties.is_object() && n.properties.contains(name) &&
              (sharesTransaction || std::string_view(name) != "linger"))
            sink.properties[name] = n.properties[name];
        break;
      }
    // The reader: its own consumer group (see docs/scale-out.md), from the oldest record of a
    // partition without a committed offset, bounded when W's input is.
    const Json group = propertyOr(source, "group_id", "");
    const std::string groupId = group.is_string() && !group.get<std::string>().empty()
                                    ? group.get<std::string>()
                                    : "streamcanvas-" + pipeline.name;
    PipelineNode reader;
    reader.id = repartitionSourceId(hop.window);
    reader.type = "kafka.source";
    reader.properties = {{"connection", connection},
                         {"topics", Json::array({hop.topic})},
                         {"group_id", groupId + "-" + hop.window + "-repartition"},
                         {"start", "earliest"},
                         {"bounded", propertyOr(source, "bounded", false)},
                         {"on_error", "fail"}};

    RepartitionRole writer = role, readerRole = role, windowRole = role;
    writer.kind = RepartitionRole::Kind::Writer;
    readerRole.kind = RepartitionRole::Kind::Reader;
    windowRole.kind = RepartitionRole::Kind::Window;
    plan.roles[sink.id] = std::move(writer);
    plan.roles[reader.id] = std::move(readerRole);
    plan.roles[hop.window] = std::move(windowRole);

    for (size_t e : hop.edges) {
      replaced.insert(e);
      PipelineEdge in = pipeline.edges[e];
      in.to = EdgeEnd{sink.id, ""};
      out.edges.push_back(std::move(in));
    }
    out.edges.push_back({EdgeEnd{reader.id, ""}, EdgeEnd{hop.window, ""}});
    out.nodes.push_back(std::move(sink));
    out.nodes.push_back(std::move(reader));
  }
  std::vector<PipelineEdge> edges;
  for (size_t i = 0; i < out.edges.size(); ++i)
    if (!replaced.count(i)) edges.push_back(std::move(out.edges[i]));
  out.edges = std::move(edges);
  return out;
}

}  // namespace sc
