#include "nodes/window/PartitionedWindowNode.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "engine/graph/NodeSpec.h"
#include "engine/kafka/Changelog.h"
#include "engine/kafka/KafkaClient.h"
#include "engine/kafka/ScaleOutRegistry.h"
#include "engine/runtime/Identifiers.h"
#include "engine/state/LocalCheckpoints.h"
#include "engine/state/StateCodec.h"

namespace sc::window {
namespace {

using kafka::Changelog;
using kafka::ScaleOutRegistry;

constexpr int kRestoreTimeoutMs = 120000;
constexpr int kFlushTimeoutMs = 30000;
constexpr int kCommitTimeoutMs = 60000;

int64_t saturatingSub(int64_t a, int64_t b) {
  return a < INT64_MIN + b ? INT64_MIN : a - b;
}

}  // namespace

uint64_t PartitionedWindowNode::stateHash(const std::string& bytes) {
  return fnv1a(bytes);
}

struct PartitionedWindowNode::PendingEvent {
  ScaleOutRegistry::Event event;
};

PartitionedWindowNode::PartitionedWindowNode(const NodeSpec& spec) : spec_(spec) {}

PartitionedWindowNode::~PartitionedWindowNode() {
  close();
}

void PartitionedWindowNode::configure(const NodeConfig& config, PlanContext& plan) {
  config_.emplace(config);
  document_ = plan.pipeline();
  slots_ = &plan.slotTable();
  pipelineName_ = plan.pipelineName();
  nodeId_ = config.id();
  label_ = spec_.type + " '" + nodeId_ + "'";
  const Json run = document_.value("settings", Json::object());
  exactlyOnce_ = run.is_object() && run.value("delivery", std::string()) == "exactly_once";
  // The window's own configure runs (checks, slots, its watermark request) as without
  // scale-out; the request is passed on, and kept for the per-partition event time.
  prototype_ = spec_.create();
  PlanContext own(plan.slotTable(), document_, plan.resources());
  prototype_->configure(config, own);
  if (own.takeRequest(strategy_)) {
    hasStrategy_ = true;
    plan.requestWatermarks(strategy_);
  }
  auto hops =
      std::static_pointer_cast<RepartitionPlan>(plan.resources().find(RepartitionPlan::kKey));
  if (const RepartitionRole* role = hops ? hops->find(nodeId_) : nullptr;
      role && role->kind == RepartitionRole::Kind::Window)
    hop_ = *role;
}

void PartitionedWindowNode::open(RunContext& ctx) {
  ctx_ = &ctx;
  registry_ = ctx.resources().getOrCreate<ScaleOutRegistry>(
      ScaleOutRegistry::kKey, [] { return std::make_shared<ScaleOutRegistry>(); });
  registry_->addChangelog(Changelog::topicName(pipelineName_, nodeId_));
  local_ = std::static_pointer_cast<state::LocalCheckpoints>(
      ctx.resources().find(state::LocalCheckpoints::kKey));
  std::random_device random;
  writer_ = (uint64_t(random()) << 32) ^ random() ^
            static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
}

int64_t PartitionedWindowNode::tickIntervalMs() const {
  return prototype_ ? prototype_->tickIntervalMs() : 0;
}

PartitionedWindowNode::Partition& PartitionedWindowNode::partition(std::string_view topic,
                                                                   int32_t number) {
  Key key{std::string(topic), number};
  auto it = partitions_.find(key);
  if (it != partitions_.end()) return it->second;
  if (std::find(topicsSeen_.begin(), topicsSeen_.end(), key.first) == topicsSeen_.end())
    topicsSeen_.push_back(key.first);
  Partition p;
  p.node = spec_.create();
  // Same configuration, same slots: every name it interns exists already.
  PlanContext plan(*slots_, document_, ctx_->resources());
  p.node->configure(*config_, plan);
  p.node->open(*ctx_);
  if (hop_) p.markers.expectTopics(hop_->upstreamTopics);
  restorePartition(key, p);
  return partitions_.emplace(std::move(key), std::move(p)).first->second;
}

void PartitionedWindowNode::process(int port, Batch* batch, Emitter& out) {
  emitter_.out = &out;
  const uint32_t n = batch->size();
  if (n == 0) {
    out.release(batch);
    return;
  }
  // The source sends one partition per batch; split a batch that mixes them anyway.
  uint32_t r = 1;
  const RecordMeta& first = batch->meta(0);
  while (r < n && batch->meta(r).partition == first.partition &&
         batch->meta(r).topic == first.topic)
    ++r;
  if (r == n) {
    processOne(port, batch);
    return;
  }
  for (uint32_t begin = 0; begin < n;) {
    const RecordMeta& head = batch->meta(begin);
    Batch* part = out.acquire();
    uint32_t end = begin;
    while (end < n && batch->meta(end).partition == head.partition &&
           batch->meta(end).topic == head.topic)
      part->copyRowFrom(*batch, end++);
    processOne(port, part);
    begin = end;
  }
  out.release(batch);
}

void PartitionedWindowNode::processOne(int port, Batch* batch) {
  const RecordMeta& first = batch->meta(0);
  Partition& p = partition(first.topic, first.partition);
  const uint32_t n = batch->size();
  for (uint32_t r = 0; r < n; ++r)
    if (!batch->meta(r).noEventTime)
      p.maxTimestamp = std::max(p.maxTimestamp, batch->meta(r).timestamp);
  p.node->process(port, batch, emitter_);
  if (hop_) return;  // its event time comes from the hop's markers
  if (!hasStrategy_ || strategy_.processingTime || p.maxTimestamp == INT64_MIN) return;
  // Flink's bounded out-of-orderness: newest time - bound - 1.
  const int64_t time =
      saturatingSub(saturatingSub(p.maxTimestamp, strategy_.maxOutOfOrdernessMs), 1);
  if (time > p.eventTime) {
    p.eventTime = time;
    p.node->onWatermark(time, emitter_);
  }
}

void PartitionedWindowNode::onWatermark(int64_t watermarkMs, Emitter& out) {
  out.emitWatermark(watermarkMs);
}

void PartitionedWindowNode::onTick(int64_t nowMs, Emitter& out) {
  emitter_.out = &out;
  for (auto& [key, p] : partitions_)
    p.node->onTick(nowMs, emitter_);
}

void PartitionedWindowNode::onBarrier(uint64_t checkpointId, Emitter& out) {
  emitter_.out = &out;
  for (auto& [key, p] : partitions_)
    p.node->onBarrier(checkpointId, emitter_);
  handleEvents(checkpointId);
}

// The sources' partition events of checkpoints up to `checkpointId` (ScaleOutRegistry).
void PartitionedWindowNode::handleEvents(uint64_t checkpointId) {
  if (!registry_) return;
  for (auto& e : registry_->eventsFrom(eventsRead_)) {
    ++eventsRead_;
    pendingEvents_.push_back(std::make_unique<PendingEvent>(PendingEvent{std::move(e)}));
  }
  for (auto it = pendingEvents_.begin(); it != pendingEvents_.end();) {
    const ScaleOutRegistry::Event& e = (*it)->event;
    if (e.checkpointId > checkpointId) {
      ++it;
      continue;
    }
    const Key key{e.topic, e.partition};
    if (e.kind == ScaleOutRegistry::EventKind::Marker) {
      if (hop_ && e.topic == hop_->topic) applyMarker(e.topic, e.partition, e.payload);
    } else if (e.kind == ScaleOutRegistry::EventKind::Revoked) {
      if (auto found = partitions_.find(key); found != partitions_.end())
        found->second.revokedAt = checkpointId;
    } else if (std::find(topicsSeen_.begin(), topicsSeen_.end(), e.topic) != topicsSeen_.end()) {
      // Ended: everything of the partition arrived; its windows fire now, so their results
      // commit with the end offset. Restored first if this runner has not seen the partition
      // (its remaining records may all have been filtered out).
      Partition& p = partition(e.topic, e.partition);
      p.revokedAt = 0;
      p.node->finish(emitter_);
    }
    it = pendingEvents_.erase(it);
  }
}

// A marker of the hop, in order with the partition's records (all read before it are in).
void PartitionedWindowNode::applyMarker(const std::string& topic, int32_t number,
                                        const std::string& json) {
  std::string why;
  const auto marker = RepartitionMarker::decode(json, &why);
  if (!marker)
    throw NodeFailure(label_ + ": a watermark marker in " + topic + "[" + std::to_string(number) +
                      "] is damaged (" + why + "); the topic is written only by StreamCanvas");
  Partition& p = partition(topic, number);
  p.revokedAt = 0;
  p.markers.add(*marker);
  advanceHopTime(p);
}

void PartitionedWindowNode::advanceHopTime(Partition& p) {
  if (p.ended) return;
  const int64_t time = p.markers.eventTime();
  if (time == INT64_MAX) {
    p.ended = true;  // every upstream partition ended: everything fires
    p.node->finish(emitter_);
    return;
  }
  if (time == INT64_MIN || time <= p.eventTime || !hasStrategy_ || strategy_.processingTime) return;
  p.eventTime = time;
  p.node->onWatermark(time, emitter_);
}

void PartitionedWindowNode::snapshotState(uint64_t checkpointId, state::StateWriter& out) {
  throwIfDeliveryFailed();
  bool first = true;
  // Every partition's state (revoked ones too) also goes to the local checkpoint, when this
  // runner keeps them: the fast path of its restart (docs/scale-out.md).
  out.u32(local_ ? static_cast<uint32_t>(partitions_.size()) : 0);
  for (auto& [key, p] : partitions_) {
    state::StateWriter w;
    p.node->snapshotState(checkpointId, w);
    std::string bytes = w.take();
    if (hop_) {
      // The hop's markers go with the window's state (they move with the partition).
      state::StateWriter both;
      p.markers.save(both);
      both.str(bytes);
      bytes = both.take();
    }
    if (local_) {
      out.str(key.first);
      out.u32(static_cast<uint32_t>(key.second));
      out.str(bytes);
    }
    const uint64_t hash = fnv1a(bytes);
    if (p.written && hash == p.writtenHash) continue;
    if (first) commitPrevious(), first = false;
    writeChangelog(checkpointId, key, bytes);
    p.writtenHash = hash;
    p.written = true;
  }
  previousCheckpoint_ = checkpointId;
  if (!first) {
    if (producer_) {
      // at_least_once: the state is in Kafka before the checkpoint completes.
      if (rd_kafka_flush(rk_, kFlushTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
        throw NodeFailure(label_ + ": the changelog '" + changelogTopic_ +
                          "' did not acknowledge the state within 30 s");
      throwIfDeliveryFailed();
    }
  }
  // Partitions the source gave up with this checkpoint: their state is written; a stale copy
  // must not fire windows that now belong to another runner.
  std::erase_if(partitions_, [&](const auto& entry) {
    return entry.second.revokedAt != 0 && entry.second.revokedAt <= checkpointId;
  });
}

void PartitionedWindowNode::restoreState(state::StateReader& in) {
  // Not restored as a whole: a partition's state comes from a local checkpoint only when it is
  // what the group committed (restorePartition), else from the changelog.
  (void)in;
}

void PartitionedWindowNode::finish(Emitter& out) {
  emitter_.out = &out;
  for (auto& [key, p] : partitions_)
    p.node->finish(emitter_);
}

void PartitionedWindowNode::close() {
  for (auto& [key, p] : partitions_)
    p.node->close();
  restoreConsumer_.reset();
  restoreProbe_.reset();
  if (producer_) producer_->close(kFlushTimeoutMs), producer_.reset();
  if (txn_ && rk_) txn_->detach(kFlushTimeoutMs);
  txn_.reset();
  rk_ = nullptr;
}

// ---- changelog -----------------------------------------------------------------------------

void PartitionedWindowNode::prepareChangelog(const std::string& topic) {
  if (!changelogTopic_.empty()) return;
  const ScaleOutRegistry::TopicSource source = registry_->source(topic);
  if (source.connectionName.empty())
    throw NodeFailure(label_ + ": records of topic '" + topic +
                      "' come from no kafka.source of this run, so the window's state has no "
                      "changelog to go to (scale-out mode)");
  connectionName_ = source.connectionName;
  changelogTopic_ = Changelog::topicName(pipelineName_, nodeId_);
  auto made = Changelog::ensureTopic(source.connection, changelogTopic_, topic, label_);
  if (!made.ok()) throw NodeFailure(made.error);
  changelogPartitions_ = made.value;

  kafka::ClientOptions c;
  c.kind = kafka::ClientKind::Consumer;
  c.label = label_ + " changelog reader";
  c.overrides = {{"group.id", changelogTopic_ + "-restore"}, {"enable.auto.commit", "false"},
                 {"enable.auto.offset.store", "false"},      {"enable.partition.eof", "true"},
                 {"isolation.level", "read_committed"},      {"fetch.wait.max.ms", "10"}};
  auto consumer = kafka::KafkaClient::create(source.connection, c);
  if (!consumer.ok()) throw NodeFailure(consumer.error);
  restoreConsumer_ = std::move(consumer.value);
  c.label = label_ + " changelog probe";
  for (auto& [name, value] : c.overrides)
    if (name == "isolation.level") value = "read_uncommitted";
  auto probe = kafka::KafkaClient::create(source.connection, std::move(c));
  if (!probe.ok()) throw NodeFailure(probe.error);
  restoreProbe_ = std::move(probe.value);

  auto onDelivery = [this](const rd_kafka_message_t* m) {
    if (!m->err) return;
    std::lock_guard lock(deliveryMutex_);
    if (deliveryError_.empty())
      deliveryError_ = label_ + ": the changelog '" + changelogTopic_ +
                       "' refused the state: " + rd_kafka_err2str(m->err);
  };
  if (exactlyOnce_) {
    // The state commits with the output and the offsets, in the run's one transaction.
    txn_ = std::static_pointer_cast<kafka::TransactionalProducer>(
        ctx_->resources().find(kafka::TransactionalProducer::key(connectionName_)));
    if (!txn_)
      throw NodeFailure(label_ +
                        ": delivery exactly_once in scale-out mode writes the window's "
                        "changelog in the transaction of a kafka.sink on connection '" +
                        connectionName_ + "', and there is none; add one or use at_least_once");
    member_ = std::make_shared<kafka::TransactionalProducer::Member>();
    member_->label = label_;
    member_->topic = changelogTopic_;
    member_->delivery = onDelivery;
    try {
      rk_ = txn_->attach(member_, kCommitTimeoutMs);
    } catch (const std::runtime_error& e) {
      txn_.reset();
      throw NodeFailure(e.what());
    }
  } else {
    kafka::ClientOptions o;
    o.kind = kafka::ClientKind::Producer;
    o.label = label_ + " changelog";
    o.overrides = {{"enable.idempotence", "true"}, {"acks", "all"}};
    o.delivery = onDelivery;
    auto producer = kafka::KafkaClient::create(source.connection, std::move(o));
    if (!producer.ok()) throw NodeFailure(producer.error);
    producer_ = std::move(producer.value);
    rk_ = producer_->handle();
  }
}

void PartitionedWindowNode::restoreFromChangelog(const Key& key, Partition& p,
                                                 const std::string& why) {
  prepareChangelog(key.first);
  if (key.second >= changelogPartitions_)
    throw NodeFailure(label_ + ": topic '" + key.first + "' has a partition " +
                      std::to_string(key.second) + " but the changelog '" + changelogTopic_ +
                      "' only " + std::to_string(changelogPartitions_) +
                      " partitions; add partitions to the changelog topic");
  const auto started = std::chrono::steady_clock::now();
  auto restored = Changelog::restore(restoreConsumer_->handle(), restoreProbe_->handle(),
                                     changelogTopic_, key.second, key.first, kRestoreTimeoutMs,
                                     [this] { return ctx_->stopRequested(); });
  if (!restored.ok()) throw NodeFailure(label_ + ": " + restored.error);
  if (!restored.value) {
    ctx_->log().info(nodeId_, "no state of " + key.first + "[" + std::to_string(key.second) +
                                  "] in '" + changelogTopic_ + "': the partition starts empty" +
                                  (why.empty() ? std::string() : " (" + why + ")"));
    return;
  }
  restoreSnapshot(p, *restored.value,
                  "changelog state of " + key.first + "[" + std::to_string(key.second) + "]");
  p.writtenHash = fnv1a(*restored.value);
  p.written = true;
  ctx_->log().info(
      nodeId_, "restored the state of " + key.first + "[" + std::to_string(key.second) +
                   "] from '" + changelogTopic_ + "' (" + std::to_string(restored.value->size()) +
                   " bytes, " +
                   std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now() - started)
                                      .count()) +
                   " ms" + (why.empty() ? std::string() : "; " + why) + ")");
}

// A partition's snapshot (as snapshotState writes it) into its window: behind a hop, the
// markers' state first, then the window's own bytes.
void PartitionedWindowNode::restoreSnapshot(Partition& p, const std::string& bytes,
                                            const std::string& what) {
  state::StateReader r(bytes, what);
  if (!hop_) {
    p.node->restoreState(r);
    return;
  }
  p.markers.load(r);
  const std::string inner = r.str();
  r.expectEnd();
  state::StateReader windowState(inner, what);
  p.node->restoreState(windowState);
  // A partition whose upstream all ended was fired by its previous owner.
  p.ended = p.markers.allEnded();
  const int64_t time = p.markers.eventTime();
  if (time != INT64_MIN && time != INT64_MAX) p.eventTime = time;
}

// Records produced for checkpoint N must not join the transaction of the checkpoint written
// before (still open until that checkpoint completes): commit it first, as a sink does.
// State written at checkpoint N belongs to N's transaction: the one of the checkpoint before
// (whatever this window wrote in it) commits first, as kafka.sink waits after its barrier.
// Written while that commit ran, the state failed ("Erroneous state"); written before it
// began, it joined the earlier transaction, ahead of the offsets it goes with.
void PartitionedWindowNode::commitPrevious() {
  if (!txn_ || previousCheckpoint_ == 0) return;
  const uint64_t previous = previousCheckpoint_;
  if (!ctx_->waitForCheckpoint(previous)) return;  // failed: the next commit covers it
  try {
    txn_->commitThrough(previous, false, label_, kCommitTimeoutMs);
  } catch (const std::runtime_error& e) {
    throw NodeFailure(e.what());
  }
}

void PartitionedWindowNode::writeChangelog(uint64_t checkpointId, const Key& key,
                                           const std::string& snapshot) {
  for (const auto& record :
       Changelog::encode(key.first, key.second, checkpointId, writer_, snapshot)) {
    rd_kafka_resp_err_t err;
    const auto giveUp =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(kFlushTimeoutMs);
    while ((err = rd_kafka_producev(
                rk_, RD_KAFKA_V_TOPIC(changelogTopic_.c_str()), RD_KAFKA_V_PARTITION(key.second),
                RD_KAFKA_V_KEY(record.key.data(), record.key.size()),
                RD_KAFKA_V_VALUE(const_cast<char*>(record.value.data()), record.value.size()),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(member_.get()),
                RD_KAFKA_V_END)) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      if (std::chrono::steady_clock::now() >= giveUp) break;
      rd_kafka_poll(rk_, 10);
    }
    if (err)
      throw NodeFailure(label_ + ": cannot write the state of " + key.first + "[" +
                        std::to_string(key.second) + "] to '" + changelogTopic_ +
                        "': " + rd_kafka_err2str(err));
  }
}

void PartitionedWindowNode::throwIfDeliveryFailed() {
  std::lock_guard lock(deliveryMutex_);
  if (!deliveryError_.empty()) throw NodeFailure(deliveryError_);
}

}  // namespace sc::window
