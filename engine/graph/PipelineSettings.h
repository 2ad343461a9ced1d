#pragma once
// The pipeline's `settings`: delivery guarantee, checkpoints and the restart strategy. Declared
// once by a spec (like a node type's), which drives validation, the docs and the designer's
// pipeline inspector; the runner's command-line flags override single values.

#include <cstdint>
#include <string>

#include "engine/graph/Json.h"
#include "engine/graph/NodeSpec.h"

namespace sc {

class Diagnostics;

// Flink's restart strategies: none, fixed-delay, exponential-delay (the default here, as in
// Flink 1.19+: 1 s doubling up to 1 min, 5 attempts).
struct RestartStrategy {
  enum class Kind { None, FixedDelay, Exponential };
  Kind kind = Kind::Exponential;
  int attempts = 5;
  int64_t delayMs = 1000;
  int64_t maxDelayMs = 60'000;

  // Delay before restart number `attempt` (1-based); negative when the attempts are used up.
  int64_t delayBefore(int attempt) const;
  std::string describe() const;
};

struct PipelineSettings {
  bool exactlyOnce = false;  // delivery: exactly_once
  int64_t checkpointIntervalMs = 10'000;
  std::string checkpointDir;  // empty: the default folder (see state/CheckpointStore.h)
  RestartStrategy restart;
  std::string instance = "0";  // this runner's name among several running the pipeline
  bool instanceSet = false;    // `instance` was given (settings or --instance)
  // Several runners share the pipeline through Kafka consumer groups (docs/scale-out.md).
  bool scaleOut = false;
};

// The spec of `settings` (its properties are what the file may hold).
const NodeSpec& pipelineSettingsSpec();
// Reports every problem of `settings` (pointers under /settings).
void validateSettings(const Json& settings, Diagnostics& diags);
struct Pipeline;
class NodeRegistry;
// Checks across settings and nodes: under exactly_once, sinks that cannot take part are
// warnings, and Kafka sinks without acks all and idempotence are errors.
void validateDelivery(const Pipeline& pipeline, const NodeRegistry& registry, Diagnostics& diags);
// Scale-out mode (settings.scale_out): every source is a kafka.source, and no window takes
// records from sources on different connections or from another window. Errors name the node.
void validateScaleOut(const Pipeline& pipeline, const NodeRegistry& registry, Diagnostics& diags);
// Reads validated settings (defaults for what is missing).
PipelineSettings readSettings(const Json& settings);

}  // namespace sc
