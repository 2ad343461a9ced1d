#include "engine/graph/PipelineSettings.h"

#include <algorithm>
#include <set>
#include <vector>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/Repartition.h"
#include "engine/graph/RepartitionPlan.h"

namespace sc {
namespace {

const char* kindName(RestartStrategy::Kind k) {
  switch (k) {
    case RestartStrategy::Kind::None:
      return "none";
    case RestartStrategy::Kind::FixedDelay:
      return "fixed_delay";
    case RestartStrategy::Kind::Exponential:
      return "exponential";
  }
  return "?";
}

NodeSpec makeSpec() {
  NodeSpec s;
  s.type = "settings";
  s.title = "Pipeline settings";
  s.summary = "Delivery guarantee, checkpoints and what happens when a node fails.";
  PropertySpec delivery = makeProperty(
      "delivery", PropKind::Enum,
      "at_least_once: after a failure some records may be written twice; exactly_once: Kafka "
      "sinks write in transactions committed with each checkpoint, file sinks roll back to the "
      "checkpoint, so every result is written once",
      "at_least_once");
  delivery.choices = {"at_least_once", "exactly_once"};
  PropertySpec interval = makeProperty(
      "checkpoint_interval", PropKind::Duration,
      "How often a checkpoint (sources' offsets, window state, sinks' progress) is taken", "10s");
  PropertySpec dir = makeProperty(
      "checkpoint_dir", PropKind::String,
      "Folder for checkpoints (default: $XDG_STATE_HOME/streamcanvas/<pipeline name>, else "
      "~/.local/state/streamcanvas/<pipeline name>); --checkpoint-dir overrides it");
  dir.placeholder = "/var/lib/streamcanvas/my-pipeline";
  PropertySpec restart = makeProperty(
      "restart", PropKind::Map,
      "After a node fails: {\"strategy\": \"none\" | \"fixed_delay\" | \"exponential\", "
      "\"attempts\": 5, \"delay\": \"1s\", \"max_delay\": \"1m\"}; the pipeline restarts from "
      "the last checkpoint. Configuration errors found at start are never retried",
      Json{{"strategy", "exponential"}, {"attempts", 5}, {"delay", "1s"}, {"max_delay", "1m"}});
  PropertySpec instance = makeProperty(
      "instance", PropKind::String,
      "Name of this runner among several that run the pipeline (part of Kafka transactional "
      "ids); --instance overrides it",
      "0");
  PropertySpec scaleOut = makeProperty(
      "scale_out", PropKind::Boolean,
      "Several runners share this pipeline through Kafka consumer groups: partitions (and the "
      "window state of each partition, kept in changelog topics) move between them; "
      "--scale-out sets it",
      false);
  s.properties = {delivery, interval, dir, restart, instance, scaleOut};
  return s;
}

}  // namespace

int64_t RestartStrategy::delayBefore(int attempt) const {
  if (kind == Kind::None || attempt > attempts) return -1;
  if (kind == Kind::FixedDelay) return delayMs;
  int64_t d = delayMs;
  for (int i = 1; i < attempt && d < maxDelayMs; ++i)
    d *= 2;
  return std::min(d, maxDelayMs);
}

std::string RestartStrategy::describe() const {
  if (kind == Kind::None) return "no restarts";
  return std::string(kindName(kind)) + ", " + std::to_string(attempts) + " attempts, delay " +
         formatDurationMs(delayMs) +
         (kind == Kind::Exponential ? " up to " + formatDurationMs(maxDelayMs) : "");
}

const NodeSpec& pipelineSettingsSpec() {
  static const NodeSpec spec = makeSpec();
  return spec;
}

void validateSettings(const Json& settings, Diagnostics& diags) {
  if (settings.is_null()) return;
  if (!settings.is_object()) {
    diags.error("/settings", "settings must be an object", "write \"settings\": {}");
    return;
  }
  const NodeSpec& spec = pipelineSettingsSpec();
  auto hasVar = [](const Json& v) {
    return v.is_string() && v.get<std::string>().find("${") != std::string::npos;
  };
  for (const auto& [key, value] : settings.items()) {
    const std::string ptr = "/settings/" + key;
    const PropertySpec* p = spec.property(key);
    if (!p) {
      std::vector<std::string> names;
      for (const auto& q : spec.properties)
        names.push_back(q.name);
      diags.error(ptr, "unknown setting '" + key + "'", didYouMean(key, names));
      continue;
    }
    if (hasVar(value)) continue;  // checked again after substitution
    if (key == "delivery") {
      if (!value.is_string() || std::find(p->choices.begin(), p->choices.end(),
                                          value.get<std::string>()) == p->choices.end())
        diags.error(ptr, "delivery must be at_least_once or exactly_once");
    } else if (key == "checkpoint_interval") {
      auto ms = value.is_string() ? parseDurationMs(value.get<std::string>()) : std::nullopt;
      if (!ms || *ms < 10)
        diags.error(ptr, "checkpoint_interval must be a duration of at least 10ms",
                    "for example \"10s\" or \"500ms\"");
    } else if (key == "checkpoint_dir" || key == "instance") {
      if (!value.is_string() || value.get<std::string>().empty())
        diags.error(ptr, key + " must be a non-empty string");
    } else if (key == "scale_out") {
      if (!value.is_boolean())
        diags.error(ptr, "scale_out must be true or false", "write \"scale_out\": true");
    } else if (key == "restart") {
      if (!value.is_object()) {
        diags.error(ptr, "restart must be an object like {\"strategy\": \"exponential\"}");
        continue;
      }
      for (const auto& [k, v] : value.items()) {
        const std::string sub = ptr + "/" + k;
        if (hasVar(v)) continue;
        if (k == "strategy") {
          if (!v.is_string() || (v != "none" && v != "fixed_delay" && v != "exponential"))
            diags.error(sub, "restart strategy must be none, fixed_delay or exponential");
        } else if (k == "attempts") {
          if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > 1'000'000)
            diags.error(sub, "restart attempts must be a whole number from 0 to 1000000");
        } else if (k == "delay" || k == "max_delay") {
          auto ms = v.is_string() ? parseDurationMs(v.get<std::string>()) : std::nullopt;
          if (!ms) diags.error(sub, k + " must be a duration like \"1s\"");
        } else {
          diags.error(sub, "unknown restart field '" + k + "'",
                      didYouMean(k, {"strategy", "attempts", "delay", "max_delay"}));
        }
      }
    }
  }
}

void validateDelivery(const Pipeline& pipeline, const NodeRegistry& registry, Diagnostics& diags) {
  if (!pipeline.settings.is_object() ||
      pipeline.settings.value("delivery", std::string()) != "exactly_once")
    return;
  std::string firstConnection, firstSink;
  for (size_t i = 0; i < pipeline.nodes.size(); ++i) {
    const PipelineNode& n = pipeline.nodes[i];
    const NodeSpec* spec = registry.find(n.type);
    if (!spec || !spec->outputs.empty()) continue;
    const std::string ptr = "/nodes/" + std::to_string(i);
    if (!spec->exactlyOnce) {
      diags
          .warning(ptr,
                   n.type + " '" + n.id +
                       "' is at-least-once: after a failure it may "
                       "write some records again",
                   "use a file or Kafka sink where every result must appear once")
          .nodeId = n.id;
      continue;
    }
    // Transactional sinks share one transaction per connection; two connections commit apart.
    for (const PropertySpec& p : spec->properties) {
      auto it = n.properties.find(p.name);
      if (p.connectionType.empty() || it == n.properties.end() || !it->is_string()) continue;
      const std::string connection = it->get<std::string>();
      if (firstConnection.empty()) {
        firstConnection = connection;
        firstSink = n.id;
      } else if (connection != firstConnection) {
        diags
            .warning(ptr + "/properties/" + p.name,
                     n.type + " '" + n.id + "' writes through connection '" + connection +
                         "', sink '" + firstSink + "' through '" + firstConnection +
                         "': their transactions commit one after the other, so a crash between "
                         "the commits can repeat one sink's results",
                     "write every exactly-once result through one connection")
            .nodeId = n.id;
      }
    }
    for (const char* key : {"acks", "idempotence"}) {
      auto it = n.properties.find(key);
      if (it == n.properties.end()) continue;
      const bool bad = key == std::string("acks") ? (it->is_string() && *it != "all")
                                                  : (it->is_boolean() && !it->get<bool>());
      if (bad)
        diags
            .error(ptr + "/properties/" + key,
                   std::string("delivery exactly_once needs ") +
                       (key == std::string("acks") ? "acks all" : "idempotence on"),
                   std::string("remove '") + key + "' or set delivery to at_least_once")
            .nodeId = n.id;
    }
  }
}

void validateScaleOut(const Pipeline& pipeline, const NodeRegistry& registry, Diagnostics& diags) {
  if (!pipeline.settings.is_object()) return;
  auto it = pipeline.settings.find("scale_out");
  if (it == pipeline.settings.end() || !it->is_boolean() || !it->get<bool>()) return;
  auto specOf = [&](const PipelineNode& n) { return registry.find(n.type); };
  for (size_t i = 0; i < pipeline.nodes.size(); ++i) {
    const PipelineNode& n = pipeline.nodes[i];
    const NodeSpec* spec = specOf(n);
    if (!spec) continue;
    const std::string ptr = "/nodes/" + std::to_string(i);
    if (spec->isSource() && n.type != "kafka.source")
      diags
          .error(ptr + "/type",
                 n.type + " '" + n.id +
                     "' cannot be shared between runners: in scale-out mode (settings.scale_out) "
                     "runners split the partitions of Kafka topics",
                 "read the input through a kafka.source, or run the pipeline without scale_out")
          .nodeId = n.id;
    if (spec->category != "Windows") continue;
    // The sources (and windows) upstream of this window, through any other nodes.
    const Upstream up = upstreamOf(pipeline, registry, n.id);
    const std::string& upstreamWindow = up.window;
    std::set<std::string> connections;
    for (const PipelineNode* source : up.sources)
      if (source->type == "kafka.source")
        connections.insert(source->properties.value("connection", std::string()));
    if (!upstreamWindow.empty())
      diags
          .error(ptr,
                 "window '" + n.id + "' reads the results of window '" + upstreamWindow +
                     "': in scale-out mode a window's state is kept per input partition of a "
                     "Kafka topic, so it must read from kafka.source nodes",
                 "run chained windows without scale_out")
          .nodeId = n.id;
    if (connections.size() > 1)
      diags
          .error(ptr,
                 "window '" + n.id +
                     "' reads from Kafka sources on different connections: in scale-out mode its "
                     "state is backed by a changelog topic on the connection of its input",
                 "feed each window from sources of one connection")
          .nodeId = n.id;
  }
  // A repartition hop's topic gets as many partitions as the largest input topic, which a
  // pattern does not name (docs/scale-out.md).
  for (const RepartitionHop& hop : repartitionHops(pipeline, registry))
    for (const PipelineNode* source : kafkaSourcesOf(pipeline, registry, hop.window)) {
      const Json pattern = source->properties.is_object()
                               ? source->properties.value("topic_pattern", Json())
                               : Json();
      if (!pattern.is_string() || pattern.get<std::string>().empty()) continue;
      diags
          .error("/nodes/" + std::to_string(pipeline.nodeIndex(source->id)) +
                     "/properties/topic_pattern",
                 "window '" + hop.window + "' needs a repartition hop in scale-out mode (" +
                     hop.reason +
                     "), whose topic gets as many partitions as the largest input "
                     "topic; kafka.source '" +
                     source->id + "' reads a topic_pattern",
                 "list the topics in `topics` instead of a pattern")
          .nodeId = source->id;
    }
}

PipelineSettings readSettings(const Json& settings) {
  PipelineSettings s;
  if (!settings.is_object()) return s;
  if (settings.value("delivery", std::string()) == "exactly_once") s.exactlyOnce = true;
  if (auto it = settings.find("checkpoint_interval"); it != settings.end() && it->is_string())
    if (auto ms = parseDurationMs(it->get<std::string>())) s.checkpointIntervalMs = *ms;
  if (auto it = settings.find("checkpoint_dir"); it != settings.end() && it->is_string())
    s.checkpointDir = it->get<std::string>();
  if (auto it = settings.find("instance"); it != settings.end() && it->is_string())
    s.instance = it->get<std::string>(), s.instanceSet = true;
  if (auto it = settings.find("scale_out"); it != settings.end() && it->is_boolean())
    s.scaleOut = it->get<bool>();
  if (auto it = settings.find("restart"); it != settings.end() && it->is_object()) {
    const Json& r = *it;
    std::string strategy = r.value("strategy", std::string("exponential"));
    s.restart.kind = strategy == "none"          ? RestartStrategy::Kind::None
                     : strategy == "fixed_delay" ? RestartStrategy::Kind::FixedDelay
                                                 : RestartStrategy::Kind::Exponential;
    if (auto a = r.find("attempts"); a != r.end() && a->is_number_integer())
      s.restart.attempts = static_cast<int>(a->get<int64_t>());
    if (auto d = r.find("delay"); d != r.end() && d->is_string())
      if (auto ms = parseDurationMs(d->get<std::string>())) s.restart.delayMs = *ms;
    if (auto d = r.find("max_delay"); d != r.end() && d->is_string())
      if (auto ms = parseDurationMs(d->get<std::string>())) s.restart.maxDelayMs = *ms;
  }
  return s;
}

}  // namespace sc
