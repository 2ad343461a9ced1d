// Every built-in node type, one line each. Adding a node type: one source file with its spec
// and implementation, one line here, its tests.
#include "engine/graph/NodeRegistry.h"
#include "engine/kafka/KafkaConnection.h"
#include "nodes/NodeTypes.h"

namespace sc {

void registerBuiltinNodes(NodeRegistry& r) {
  r.add(generatorSpec());
  r.add(fileSourceSpec());
  r.add(filterSpec());
  r.add(mapSpec());
  r.add(consoleSinkSpec());
  r.add(fileSinkSpec());
  r.add(discardSinkSpec());
  r.add(kafkaSourceSpec());
  r.add(kafkaSinkSpec());
  r.add(tumblingWindowSpec());
  r.add(hoppingWindowSpec());
  r.add(sessionWindowSpec());
  r.addConnectionType(kafka::kafkaConnectionType());
}

const NodeRegistry& NodeRegistry::builtin() {
  static const NodeRegistry registry = [] {
    NodeRegistry r;
    registerBuiltinNodes(r);
    return r;
  }();
  return registry;
}

}  // namespace sc
