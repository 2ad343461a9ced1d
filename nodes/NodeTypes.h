#pragma once
// The spec function of each built-in node type (defined next to each implementation).
#include "engine/graph/NodeSpec.h"

namespace sc {

NodeSpec generatorSpec();
NodeSpec fileSourceSpec();
NodeSpec filterSpec();
NodeSpec mapSpec();
NodeSpec consoleSinkSpec();
NodeSpec fileSinkSpec();
NodeSpec discardSinkSpec();
NodeSpec kafkaSourceSpec();
NodeSpec kafkaSinkSpec();
NodeSpec tumblingWindowSpec();
NodeSpec hoppingWindowSpec();
NodeSpec sessionWindowSpec();

}  // namespace sc
