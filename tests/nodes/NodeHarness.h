#pragma once
// Drives one node through the Node API the way the executor does (configure with a real
// PlanContext and SlotTable, open with a RunContext), without threads or queues. Pair it with
// FakeEmitter to collect what the node emits.

#include <atomic>
#include <memory>
#include <string>

#include "engine/graph/Json.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeSpec.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Metrics.h"
#include "engine/runtime/Node.h"
#include "tests/nodes/FakeEmitter.h"

namespace sc::test {

class NodeHarness {
 public:
  NodeHarness(NodeSpec spec, Json properties, std::string id = "node")
      : spec_(std::move(spec)),
        config_(spec_, std::move(id), 0, std::move(properties)),
        plan_(slots, pipeline_, resources_),
        node_(spec_.create()) {
    metrics.nodeId = config_.id();
    metrics.type = spec_.type;
  }

  // Plan time for a run: configure, then acquire (may throw NodeFailure). Intern further slots
  // afterwards to mimic downstream nodes, before open().
  void configure() {
    node_->configure(config_, plan_);
    node_->acquire(plan_);
  }
  void open() {
    run_ = std::make_unique<RunContext>(config_.id(), metrics, slots, resources_, stop);
    node_->open(*run_);
  }

  Node& node() { return *node_; }
  SourceNode& source() { return dynamic_cast<SourceNode&>(*node_); }
  const NodeConfig& config() const { return config_; }
  PlanContext& plan() { return plan_; }

  // An emitter whose batches fit the slot table as it is now.
  std::unique_ptr<FakeEmitter> emitter(uint32_t capacity = Batch::kDefaultCapacity) {
    return std::make_unique<FakeEmitter>(slots.size(), capacity);
  }

  // Polls the source until it reports Done or `maxPolls` calls went by; returns the last result.
  SourceNode::Poll pollUntilDone(Emitter& out, int maxPolls = 1'000'000) {
    SourceNode::Poll r = SourceNode::Poll::Idle;
    for (int i = 0; i < maxPolls; ++i) {
      r = source().poll(out);
      if (r == SourceNode::Poll::Done) break;
    }
    return r;
  }

  SlotTable slots;
  NodeMetrics metrics;
  std::atomic<bool> stop{false};

 private:
  NodeSpec spec_;
  NodeConfig config_;
  Json pipeline_ = Json::object();
  ResourceRegistry resources_;
  PlanContext plan_;
  std::unique_ptr<Node> node_;
  std::unique_ptr<RunContext> run_;
};

}  // namespace sc::test
