#pragma once

namespace sc {

struct Pipeline;
class NodeRegistry;

// Where the Kafka headers of records (RecordMeta::headers) are read in `pipeline`. Sources parse
// them only as far as needed: in librdkafka 2.0.x asking a message for its headers allocates
// even when it has none, a seventh to a quarter of a kafka.source -> filter -> kafka.sink run's
// CPU.
enum class HeaderUse {
  None,     // nothing reads them: sources skip them
  AtSinks,  // only sinks (kafka.sink keeping them or writing dead letters): sources parse them
            // only for records that leave their thread (SourceNode::beforeHandOff), which
            // skips those a filter fused onto the source's thread dropped
  Everywhere,
};

// Everywhere: an expression names `$headers` (any string property containing that text counts,
// so the rule errs towards reading), a node that is not a sink reads them by its spec's
// readsHeaders (kafka.source writing dead letters of records), or a node type is unknown.
// AtSinks: only sinks' readsHeaders say so (kafka.sink keeping them, the default, or writing
// dead letters). Taps and recordings show headers too: RunOptions::headersForTaps makes it
// Everywhere.
HeaderUse pipelineHeaderUse(const Pipeline& pipeline, const NodeRegistry& registry);

}  // namespace sc
