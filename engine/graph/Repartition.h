#pragma once
// Which windows of a scale-out pipeline need a repartition hop (docs/scale-out.md), decided from
// the graph alone, as Kafka Streams decides between groupByKey and groupBy. In scale-out mode a
// window keeps its state per input (topic, partition), so every key must reach it through one
// partition of one topic. That holds without a hop only when the window reads exactly one
// kafka.source with one topic (no pattern), through filter and map nodes only (they never change
// the record key), and its key is the message key itself: `"key": "$key"` (or ["$key"]).
// Anything else (a field such as "device", no key, several keys, several topics or sources)
// goes through the internal topic `<pipeline>-<window>-repartition`, keyed by the window key.
// The runner, the planner and the designer (which marks the edge) all use this one function.

#include <string>
#include <vector>

namespace sc {

struct Pipeline;
struct PipelineNode;
class NodeRegistry;

// What feeds `node`, walking upstream through every node that is neither a source nor a window
// (the one walk behind the hop decision, the hop's plan and scale-out validation).
struct Upstream {
  std::vector<const PipelineNode*> sources;  // every source node reached, in the order found
  std::string window;                        // a window reached (chained windows); empty: none
  bool onlyFiltersAndMaps = true;            // false: a node on the way may change the key
};
Upstream upstreamOf(const Pipeline& pipeline, const NodeRegistry& registry,
                    const std::string& node);

struct RepartitionHop {
  std::string window;  // the window node's id
  std::string topic;   // <pipeline>-<window>-repartition
  std::string reason;  // why, for tooltips and logs: "its key device is not the message key"
  // The edges into the window that the hop replaces (indexes into Pipeline::edges).
  std::vector<size_t> edges;
};

// Kafka topic names allow [a-zA-Z0-9._-]; anything else in a pipeline or node name becomes '_'
// (the internal topics: repartition topics and changelogs).
std::string kafkaTopicSafe(const std::string& name);

// The internal topic of `window` in `pipeline` (the same naming as the changelog topics).
std::string repartitionTopicName(const std::string& pipeline, const std::string& window);

// Empty unless settings.scale_out is true. Windows whose type is unknown are left out; chained
// windows (refused in scale-out mode by validation) are left out too.
std::vector<RepartitionHop> repartitionHops(const Pipeline& pipeline, const NodeRegistry& registry);

}  // namespace sc
