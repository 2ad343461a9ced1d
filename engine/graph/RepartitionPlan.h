#pragma once
// Scale-out mode: the repartition hops of engine/graph/Repartition.h put into the pipeline a run
// executes (Kafka Streams' groupBy). For each hop the edges into window W are replaced by
//
//   upstream -> kafka.sink "W~repartition-sink"  (topic <pipeline>-<W>-repartition, message key
//                                                 the window key, watermark markers at barriers)
//   kafka.source "W~repartition-source" -> W     (reads that topic back)
//
// The internal nodes are ordinary kafka.sink / kafka.source nodes; what makes them a hop (the
// window key they write, the markers they write and read, the window's upstream topics) is in a
// RepartitionPlan that the run's resources hold under RepartitionPlan::kKey, looked up by node id.
// Node ids with '~' cannot clash with user ids (the file format refuses '~' in ids).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/graph/Pipeline.h"

namespace sc {

class NodeRegistry;

struct RepartitionRole {
  enum class Kind { Writer, Reader, Window };
  Kind kind = Kind::Writer;
  std::string window;  // W's id
  std::string topic;   // the repartition topic
  // Writer: W's key expressions (empty: one global key) and event time, so the message key puts
  // equal window keys in one partition and the markers carry W's watermark.
  std::vector<std::string> keys;
  std::string timestamp = "$timestamp";
  int64_t maxOutOfOrdernessMs = 0;
  bool processingTime = false;
  // The topics W's kafka.source nodes read (empty with a topic_pattern): the writer creates the
  // repartition topic with as many partitions as the largest; the window waits for a marker of
  // every partition of each before its event time moves.
  std::vector<std::string> upstreamTopics;
  // Writer: the top-level fields W reads (its key, timestamp and aggregate expressions), when
  // they are known and W's only wired output is its results: each message then carries just
  // those (projection, as Flink's planner prunes fields before a shuffle). Not projected when W
  // reads a nested path, or sends late records on (they leave with all their fields).
  bool projected = false;
  std::vector<std::string> fields;
};

struct RepartitionPlan {
  static constexpr const char* kKey = "repartition.plan";
  std::map<std::string, RepartitionRole> roles;  // by node id
  const RepartitionRole* find(const std::string& nodeId) const {
    auto it = roles.find(nodeId);
    return it == roles.end() ? nullptr : &it->second;
  }
};

// The kafka.source nodes that feed `window` (upstream through anything but windows).
std::vector<const PipelineNode*> kafkaSourcesOf(const Pipeline& pipeline,
                                                const NodeRegistry& registry,
                                                const std::string& window);

// The ids of the internal nodes of W's hop.
std::string repartitionSinkId(const std::string& window);
std::string repartitionSourceId(const std::string& window);

// The pipeline with every hop of repartitionHops() in place (the pipeline itself when there is
// none, e.g. without scale-out); the roles of the nodes involved go to `plan`.
Pipeline planRepartition(const Pipeline& pipeline, const NodeRegistry& registry,
                         RepartitionPlan& plan);

}  // namespace sc
