#pragma once

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

namespace sc {

// Whether anything in `pipeline` reads the Kafka headers of its records (RecordMeta::headers):
// an expression that names `$headers` (any string property containing that text counts, so
// the rule errs towards reading), or a node whose spec's readsHeaders says so for its
// configuration (kafka.sink keeping the incoming headers or writing dead letters, kafka.source
// writing dead letters of records). Sources skip header parsing when nothing reads them: in
// librdkafka 2.0.x asking a message for its headers allocates even when it has none, about a
// seventh of a kafka.source -> filter -> kafka.sink run's CPU. Unknown node types count as
// readers. Taps and recordings also show headers: RunOptions::headersForTaps covers them.
bool pipelineReadsHeaders(const Pipeline& pipeline, const NodeRegistry& registry);

}  // namespace sc
