// kafka.sink (nodes/KafkaSinkNode.h) as the writer of a repartition hop
// (engine/graph/RepartitionPlan.h, docs/scale-out.md): the window's key as the message key,
// projected messages, and watermark markers to every partition at each barrier.
#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>

#include "engine/expr/Expression.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/RepartitionPlan.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/JsonString.h"
#include "nodes/KafkaSinkNode.h"
#include "nodes/window/RepartitionMarkers.h"

namespace sc::kafkasink {

// The writer of a hop: the window's key as the message key, the window's event time asked
// of the sources (it becomes the message timestamp), markers at every barrier.
void KafkaSinkNode::configureHop(const NodeConfig& cfg, PlanContext& plan) {
  auto hops =
      std::static_pointer_cast<RepartitionPlan>(plan.resources().find(RepartitionPlan::kKey));
  const RepartitionRole* role = hops ? hops->find(cfg.id()) : nullptr;
  if (!role || role->kind != RepartitionRole::Kind::Writer) return;
  hop_ = *role;
  expr::CompileError err;
  for (const std::string& k : role->keys) {
    auto e = expr::Expression::compile(k, plan.slotTable(), expr::Type::Any, &err);
    if (!e)
      throw NodeFailure("the key '" + k + "' of window '" + role->window +
                        "' does not compile at column " + std::to_string(err.column) + ": " +
                        err.message);
    hopKeys_.push_back(std::move(e));
    hopKeyScratch_.push_back(std::make_unique<expr::EvalScratch>());
  }
  hopKeyColumns_.resize(hopKeys_.size());
  hopEncoder_.setNames(role->keys);
  if (role->projected)
    for (const std::string& name : role->fields) {
      hopSlots_.push_back(plan.slotTable().intern(FieldPath{{PathSegment{name}}}));
      std::string member;
      appendJsonString(member, name);
      hopMembers_.push_back(member + ':');
    }
  WatermarkStrategy strategy;
  strategy.timestamp = role->timestamp;
  strategy.maxOutOfOrdernessMs = role->maxOutOfOrdernessMs;
  strategy.processingTime = role->processingTime;
  plan.requestWatermarks(strategy);
}

void KafkaSinkNode::encodeHopKeys(const Batch& batch) {
  if (hopKeys_.empty()) return;
  for (size_t k = 0; k < hopKeys_.size(); ++k)
    hopKeyColumns_[k] = hopKeys_[k]->evaluate(batch, *hopKeyScratch_[k]);
  hopEncoder_.encode(hopKeyColumns_.data(), batch.size());
}

// A projected hop's message: only the fields the window reads (RepartitionRole::fields), a
// flat object in name order; a Missing field is left out, as the window would not see it.
void KafkaSinkNode::appendProjected(const Batch& batch, uint32_t r, std::string& out) {
  out += '{';
  bool first = true;
  for (size_t f = 0; f < hopSlots_.size(); ++f) {
    if (hopSlots_[f] >= batch.slotCount()) continue;
    const Value& v = batch.at(hopSlots_[f], r);
    if (v.kind == Kind::Missing) continue;
    if (!first) out += ',';
    first = false;
    out += hopMembers_[f];
    appendJsonValue(out, v);
  }
  out += '}';
}

// Row r's message key: the window key's canonical bytes (KeyEncoder: 1 and 1.0 are one key),
// so equal window keys go to one partition. No key: one constant key, one partition.
std::string_view KafkaSinkNode::hopKey(uint32_t r) {
  hopKeyText_.clear();
  if (hopKeys_.empty()) {
    hopKeyText_.push_back(static_cast<char>(Kind::Null));
  } else {
    const keyed::KeyView& v = hopEncoder_.views()[r];
    hopKeyText_.push_back(static_cast<char>(v.tag));
    hopKeyText_.append(v.data, v.len);
  }
  return hopKeyText_;
}

// The sources' partition events of checkpoints up to `id`: partitions that went to another
// runner get their last marker now, partitions a bounded read finished say so.
void KafkaSinkNode::takeHopEvents(uint64_t id) {
  for (auto& e : scaleOutRegistry_->eventsFrom(eventsRead_)) {
    ++eventsRead_;
    if (e.kind != ScaleOutRegistry::EventKind::Marker && e.topic != topic_)
      pendingEvents_.push_back(std::move(e));
  }
  std::erase_if(pendingEvents_, [&](const ScaleOutRegistry::Event& e) {
    if (e.checkpointId > id) return false;
    if (e.kind == ScaleOutRegistry::EventKind::Ended)
      markers_.ended(e.topic, e.partition);
    else
      markers_.revoked(e.topic, e.partition);
    return true;
  });
}

// One marker to every partition of the repartition topic, in this checkpoint's transaction.
void KafkaSinkNode::writeMarkers(uint64_t id) {
  takeHopEvents(id);
  if (markers_.empty()) return;
  for (const std::string& topic : markers_.topics())
    if (!markers_.knowsPartitionCount(topic)) markers_.setPartitionCount(topic, countOf(topic));
  const std::string payload = markers_.take(hop_->maxOutOfOrdernessMs).encode();
  for (int32_t q = 0; q < hopPartitions_; ++q) {
    for (;;) {
      rd_kafka_headers_t* headers = rd_kafka_headers_new(1);
      rd_kafka_header_add(headers, window::kRepartitionMarkerHeader, -1, payload.data(),
                          static_cast<ssize_t>(payload.size()));
      const rd_kafka_resp_err_t e = rd_kafka_producev(
          rk_, RD_KAFKA_V_RKT(rkt_), RD_KAFKA_V_PARTITION(q),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
          RD_KAFKA_V_VALUE(const_cast<char*>(payload.data()), payload.size()),
          RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(member_.get()), RD_KAFKA_V_END);
      if (!e) break;
      rd_kafka_headers_destroy(headers);  // still ours after a failure
      if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL)
        throw NodeFailure(label_ + ": cannot write a watermark marker to '" + topic_ + "' [" +
                          std::to_string(q) + "]: " + rd_kafka_err2str(e));
      serveReports(10);
      if (stopGrace_.expired(stopping())) throw NodeFailure(undelivered(0));
    }
  }
  dirty_ = true;
}

// The partition count of an upstream topic (the window waits for a marker of each).
int32_t KafkaSinkNode::countOf(const std::string& topic) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  int32_t count = -1;
  if (rd_kafka_metadata(rk_, 0, rkt, &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR &&
      md->topic_cnt == 1 && !md->topics[0].err)
    count = md->topics[0].partition_cnt;
  if (md) rd_kafka_metadata_destroy(md);
  rd_kafka_topic_destroy(rkt);
  if (count <= 0)
    throw NodeFailure(label_ + ": cannot find the partitions of topic '" + topic +
                      "' for the watermark markers of the repartition topic '" + topic_ + "'");
  return count;
}

}  // namespace sc::kafkasink
