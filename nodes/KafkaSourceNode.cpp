// kafka.source: reads topics through a consumer group (or, when bounded, by assigning every
// partition up to the end offsets seen at start). Its position per (topic, partition) is part of
// every checkpoint; a restored run seeks there. Offsets are committed to the group only when a
// checkpoint has completed (for monitoring lag, and for `start: committed` after a fresh start).
#include "nodes/KafkaSourceNode.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <regex>
#include <utility>

#include "engine/expr/Expression.h"
#include "engine/expr/RegexPattern.h"
#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/RepartitionPlan.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/StopGrace.h"
#include "engine/state/StateCodec.h"
#include "nodes/KafkaSourceLocalRestore.h"
#include "nodes/NodeTypes.h"

namespace sc {
namespace kafkasource {

void KafkaSourceNode::configure(const NodeConfig& cfg, PlanContext& plan) {
  label_ = "kafka.source '" + cfg.id() + "'";
  auto settings = ConnectionSettings::fromPipeline(plan.pipeline(), cfg.getString("connection"));
  if (!settings.ok()) throw NodeFailure(settings.error);
  topics_ = cfg.getStringList("topics");
  pattern_ = cfg.getString("topic_pattern");
  if (topics_.empty() == pattern_.empty())
    throw NodeFailure("set either topics or topic_pattern (exactly one of them)");
  if (!pattern_.empty()) {
    std::string why;
    patternRegex_ = expr::compileRegexPattern(
        pattern_.front() == '^' ? std::string_view(pattern_).substr(1) : pattern_, why);
    if (!patternRegex_) throw NodeFailure("topic_pattern: " + why);
  }
  groupId_ = cfg.getString("group_id");
  if (groupId_.empty()) groupId_ = "streamcanvas-" + plan.pipelineName();
  if (!StartPosition::parse(cfg.getString("start"), start_))
    throw NodeFailure(
        "start '" + cfg.getString("start") +
        "' is not earliest, latest, committed, an ISO-8601 time or epoch milliseconds");
  bounded_ = cfg.getBool("bounded");
  text_ = cfg.getString("format") == "text";
  std::string onError = cfg.getString("on_error");
  onError_ = onError == "fail"          ? OnError::Fail
             : onError == "dead_letter" ? OnError::DeadLetter
                                        : OnError::Skip;
  parseTimestampErrorPolicy(cfg.getString("on_timestamp_error"), timestampErrors_);
  deadLetterTopic_ = cfg.getString("dead_letter_topic");
  if (writesDeadLetters() && deadLetterTopic_.empty())
    throw NodeFailure(
        "dead letters are asked for (on_error or on_timestamp_error) but "
        "dead_letter_topic is not set");
  if (text_) valueSlot_ = plan.slotTable().intern("value");
  headerUse_ = plan.headerUse();  // none, or only sinks: parsed late or never
  settings_ = std::move(settings.value);
  const Json run = plan.pipeline().value("settings", Json::object());
  scaleOut_ = run.is_object() && run.value("scale_out", false) == true;
  if (scaleOut_ && run.value("instance", Json()).is_string())
    instance_ = run["instance"].get<std::string>();
  // Scale-out with repartition hops (engine/graph/RepartitionPlan.h): the reader of a
  // repartition topic hands its markers to the window; the other sources feed the hops.
  nodeId_ = cfg.id();
  if (auto hops =
          std::static_pointer_cast<RepartitionPlan>(plan.resources().find(RepartitionPlan::kKey));
      scaleOut_ && hops && !hops->roles.empty()) {
    const RepartitionRole* role = hops->find(nodeId_);
    repartitionReader_ = role && role->kind == RepartitionRole::Kind::Reader;
    feedsRepartition_ = !repartitionReader_;
  }
}

// Starts the embedded cluster (if the connection asks for one) and creates its topics.
void KafkaSourceNode::acquire(PlanContext& plan) {
  auto resolved = resolveConnection(settings_, plan.resources());
  if (!resolved.ok()) throw NodeFailure(resolved.error);
  connection_ = std::move(resolved.value);
  ledger_ =
      plan.resources().getOrCreate<OffsetLedger>(OffsetLedger::key(connection_.bootstrapServers),
                                                 [] { return std::make_shared<OffsetLedger>(); });
  if (scaleOut_)
    scaleOutRegistry_ = plan.resources().getOrCreate<ScaleOutRegistry>(
        ScaleOutRegistry::kKey, [] { return std::make_shared<ScaleOutRegistry>(); });
  if (scaleOutRegistry_) scaleOutRegistry_->clearEvents();  // plan time: no run has begun
  if (scaleOutRegistry_ && bounded_ && feedsRepartition_)
    scaleOutRegistry_->addUpstreamSource(nodeId_);
  // Embedded topics are created up front so they get the connection's partition count.
  for (const auto& t : topics_)
    if (auto made = connection_.ensureTopic(t); !made.ok()) throw NodeFailure(made.error);
  if (writesDeadLetters())
    if (auto made = connection_.ensureTopic(deadLetterTopic_); !made.ok())
      throw NodeFailure(made.error);
}

void KafkaSourceNode::setWatermarkStrategy(const WatermarkStrategy& s) {
  watermarks_ = WatermarkGenerator(s);
}

void KafkaSourceNode::open(RunContext& ctx) {
  ctx_ = &ctx;
  std::string error;
  if (!watermarks_.compile(ctx.slotTable(), &error)) throw NodeFailure(error);
  if (watermarks_.enabled())
    watermarks_.setTimestampErrorHandling(
        {timestampErrors_, ctx.nodeId(), "record", &ctx.metrics().gauge("timestamp_errors"),
         [this](const Batch& b, uint32_t row, const std::string& why) {
           deadLetterRow(b, row, why);
         }});
  if (watermarks_.enabled()) watermarks_.publishTo(ctx.metrics());
  if (!text_) extractor_ = std::make_unique<JsonFieldExtractor>(ctx.slotTable());
  NodeMetrics& m = ctx.metrics();
  lagTotal_ = &m.gauge("lag");
  lagMsTotal_ = &m.gauge("lag_ms");
  lagMsTotal_->set(-1);
  assignedGauge_ = &m.gauge("assigned_partitions");
  fetchRate_ = &m.gauge("fetch_rate");
  connectedGauge_ = &m.gauge("connected");

  ClientOptions o;
  o.kind = ClientKind::Consumer;
  o.label = label_;
  // The prefetch queue must hold more than a second of consumption: librdkafka (2.0.x) stops
  // fetching once the consumer queue (all partitions together: their queues are forwarded
  // into it) exceeds either threshold, and looks again only a second later, even if the
  // queue has long drained. 100,000 messages (the default) cost a one-second stall every
  // ~100 ms of processing, 4-5x the wall time of a bounded read.
  o.defaults = {{"auto.offset.reset", "earliest"},
                {"isolation.level", "read_committed"},
                {"queued.min.messages", "2000000"},
                {"queued.max.messages.kbytes", "262144"},
                {"fetch.wait.max.ms", "100"}};
  o.overrides = {{"group.id", groupId_},
                 {"enable.auto.commit", "false"},
                 {"enable.auto.offset.store", "false"},
                 // End of partition: bounded runs end there; idleness needs it too.
                 {"enable.partition.eof", "true"}};
  if (connection_.cluster && !scaleOut_) {
    // The embedded cluster (librdkafka 2.0's mock) keeps a group whose last member left
    // "rebalancing" for the session timeout less a second, and a member that joins meanwhile
    // waits for it: at the default 45 s, every second Run in the designer read nothing for 44 s.
    // On loopback in one process a short session is safe. (Scale-out, below, sets 6 s.)
    o.defaults.emplace_back("session.timeout.ms", "4000");
    o.defaults.emplace_back("heartbeat.interval.ms", "500");
  }
  if (scaleOut_) {
    // A runner that dies loses its partitions to the others within seconds (the
    // connection's properties may say otherwise).
    o.defaults.emplace_back("session.timeout.ms", "6000");
    // A member learns of a rebalance from a heartbeat answer: at librdkafka's 3 s default a
    // runner that joins (or a second group, the repartition readers) waits seconds for the
    // others to rejoin. 500 ms keeps every join within about a second.
    o.defaults.emplace_back("heartbeat.interval.ms", "500");
    // Eager rebalancing: every rebalance revokes everything (see pollScaleOut).
    o.overrides.emplace_back("partition.assignment.strategy", "range,roundrobin");
    // A bounded runner is a static member (KIP-345): when it ends (the whole group's input
    // is committed, groupFinished) it does not leave the group, so the runners still
    // finishing are not handed its partitions, at their end, to restore and close again; and
    // a restart with the same --instance gets its partitions back without a rebalance of the
    // others. A runner that stops early keeps its partitions from the others until its
    // session times out (session.timeout.ms), as one that dies does. Unbounded runners stay
    // dynamic: a stopped one hands its partitions over at once.
    if (bounded_ && !instance_.empty()) {
      staticMemberId_ = staticGroupMemberId(instance_, nodeId_);
      o.defaults.emplace_back("group.instance.id", staticMemberId_);
    }
  }
  if (!bounded_ || scaleOut_)
    o.rebalance = [this](int err, rd_kafka_topic_partition_list_t* parts) {
      onRebalance(err, parts);
    };
  auto consumer = KafkaClient::create(connection_, std::move(o));
  if (!consumer.ok()) throw NodeFailure(consumer.error);
  consumer_ = std::move(consumer.value);
  rk_ = consumer_->handle();
  queue_ = rd_kafka_queue_get_consumer(rk_);

  if (writesDeadLetters()) {
    auto writer = DeadLetterWriter::create(connection_, deadLetterTopic_, label_);
    if (!writer.ok()) throw NodeFailure(writer.error);
    deadLetters_ = std::move(writer.value);
  }

  registerPartitionGauges(m);
  if (scaleOut_ && ledger_) {
    // The group's generation travels with transactional offset commits (zombie fencing).
    rd_kafka_t* rk = rk_;
    ledger_->setGroupMetadata(groupId_, [rk] { return rd_kafka_consumer_group_metadata(rk); });
  }
  if (scaleOut_) useLocalCheckpoints(ctx);
  if (!bounded_ || scaleOut_) subscribe();
  ctx.log().info(
      "kafka", label_ + ": reading " + describeTopics() + " from " + connection_.bootstrapServers +
                   (bounded_ && !scaleOut_
                        ? " up to the current end offsets"
                        : " as group '" + groupId_ + "'" +
                              (bounded_ ? " up to the end offsets seen on assignment" : "")));
  lastMetricsMs_ = nowMs();
}

// A breakpoint or back-pressure holds this thread: the lag gauges keep counting.
void KafkaSourceNode::whileBlocked() {
  const int64_t now = nowMs();
  if (now - lastMetricsMs_ >= 1000) updateMetrics(now);
}

SourceNode::Poll KafkaSourceNode::poll(Emitter& out) {
  if (stopRequested_.load(std::memory_order_relaxed)) return Poll::Done;
  rethrowPending();
  const int64_t now = nowMs();
  if (now - lastMetricsMs_ >= 1000) updateMetrics(now);
  if (bounded_ && !scaleOut_ && !assigned_ && !assignBounded()) {
    // Serve client events (connection state, errors) while waiting for the cluster.
    if (rd_kafka_message_t* m = rd_kafka_consumer_poll(rk_, 0)) {
      if (m->err) handleEvent(m);
      rd_kafka_message_destroy(m);
    }
    return Poll::Idle;
  }
  if (bounded_ && scaleOut_) {
    if (repartitionReader_) learnRepartitionEnds(now);
    checkpointAtTheEnd(now);
    if (groupFinished(now)) {
      if (feedsRepartition_) scaleOutRegistry_->upstreamSourceFinished(nodeId_);
      return Poll::Done;
    }
  } else if (bounded_ && allDone()) {
    return Poll::Done;
  }

  Batch* batch = out.acquire();
  // Never take more than the run accepts (--max-records): the position then covers exactly
  // the records that entered.
  const auto capacity = static_cast<uint32_t>(
      std::min<uint64_t>(batch->capacity(), std::max<uint64_t>(1, out.budget())));
  if (messages_.size() < capacity) messages_.resize(capacity);
  size_t n = 0;
  inPoll_ = true;  // rebalance callbacks run in here
  if (scaleOut_) {
    if (!waitingForChangelog_.empty()) releaseStablePartitions(now);
    n = pollScaleOut(capacity);
  } else if (rd_kafka_message_t* first = rd_kafka_consumer_poll(rk_, 50)) {
    messages_[0] = first;
    ssize_t more = rd_kafka_consume_batch_queue(queue_, 0, messages_.data() + 1, capacity - 1);
    n = 1 + (more > 0 ? static_cast<size_t>(more) : 0);
  }
  inPoll_ = false;
  rethrowPending();
  if (n == 0) {
    out.release(batch);
    advanceWatermark(out, now);
    return Poll::Idle;
  }
  size_t i = 0;
  uint64_t bytes = 0;
  // Only sinks read headers: the messages stay until the batch was emitted (beforeHandOff).
  const bool hold = headerUse_ == HeaderUse::AtSinks;
  try {
    for (; i < n; ++i) {
      // Scale-out: a batch holds the records of one partition (windows keep state per
      // partition).
      if (scaleOut_ && !batch->empty() && !messages_[i]->err &&
          (batch->meta(batch->size() - 1).partition != messages_[i]->partition ||
           batch->meta(batch->size() - 1).topic != rd_kafka_topic_name(messages_[i]->rkt))) {
        if (watermarks_.enabled()) watermarks_.stampAndObserve(*batch, now);
        out.emit(0, batch);
        batch = out.acquire();
      }
      bytes += append(*batch, messages_[i]);
      if (hold)
        held_.hold(messages_[i]);
      else
        rd_kafka_message_destroy(messages_[i]);
    }
  } catch (...) {
    for (; i < n; ++i)
      rd_kafka_message_destroy(messages_[i]);
    held_.destroyAll();
    out.release(batch);
    throw;
  }
  struct DestroyHeld {
    HeldMessages& held;
    ~DestroyHeld() { held.destroyAll(); }
  } destroyHeld{held_};
  fetched_ += n;
  ctx_->metrics().bytesIn.add(bytes);
  if (batch->empty()) {
    out.release(batch);
  } else {
    if (watermarks_.enabled()) watermarks_.stampAndObserve(*batch, now);
    out.emit(0, batch);
  }
  advanceWatermark(out, now);
  return Poll::Produced;
}

void KafkaSourceNode::snapshotState(uint64_t checkpointId, state::StateWriter& w) {
  // Dead letters written so far must be durable before the offsets of their records commit.
  if (deadLetters_) {
    if (std::string error = deadLetters_->flush(10000); !error.empty())
      throw NodeFailure(error + "; stopping so no record is lost");
    rethrowPending();
  }
  std::vector<PartitionOffset> positions;
  for (const auto& p : partitions_)
    if (p.next >= 0) positions.push_back({std::string(p.topic), p.partition, p.next});
  if (ledger_) {
    OffsetLedger::Offsets forSinks;
    for (const auto& o : positions)
      forSinks.emplace_back(o.topic, o.partition, o.offset);
    ledger_->record(checkpointId == 0 ? OffsetLedger::kFinal : checkpointId, groupId_,
                    std::move(forSinks));
  }
  if (scaleOutRegistry_ && checkpointId != 0) reportScaleOutEvents(checkpointId);
  lastCheckpoint_ = std::max(lastCheckpoint_, checkpointId);
  const std::vector<PartitionOffset> held = offsets_.take(checkpointId, std::move(positions));
  w.u32(static_cast<uint32_t>(held.size()));
  for (const auto& o : held) {
    w.str(o.topic);
    w.u32(static_cast<uint32_t>(o.partition));
    w.i64(o.offset);
  }
  watermarks_.save(w);
}

void KafkaSourceNode::restoreState(state::StateReader& r) {
  uint32_t n = r.count(16);
  for (uint32_t i = 0; i < n; ++i) {
    std::string topic = r.str();
    auto partition = static_cast<int32_t>(r.u32());
    int64_t offset = r.i64();
    if (offset < 0) r.fail("an offset >= 0");
    offsets_.restore(std::move(topic), partition, offset);
  }
  watermarks_.load(r, nowMs());
  r.expectEnd();
  ctx_->log().info("kafka", label_ + ": resuming " + std::to_string(n) +
                                " partition(s) from the checkpoint's offsets");
}

void KafkaSourceNode::notifyCheckpointComplete(uint64_t checkpointId) {
  // Every checkpoint up to this one is durable: commit the newest offsets among them.
  // With local checkpoints, unchanged offsets are committed again: the metadata names the
  // newest checkpoint, whose state may differ without new records (an ended partition fired).
  uint64_t from = 0;
  const std::vector<PartitionOffset> newest =
      offsets_.complete(checkpointId, local_ != nullptr, &from);
  if (local_ && ledger_ && ledger_->hasTransactionalCommitter())
    local_->noteCommitted(ledger_->committed());
  if (newest.empty() || !rk_) return;
  // A transactional sink on this cluster commits these offsets with its records.
  if (ledger_ && ledger_->hasTransactionalCommitter()) return;
  PartitionList commit;
  const std::string note = local_ ? local_->commitMetadata(from) : std::string();
  for (const auto& o : newest)
    setCommitMetadata(commit.add(o.topic, o.partition, o.offset), note);
  lastCommitNote_ = note;
  rd_kafka_commit(rk_, commit.get(), 1);
  if (local_) local_->noteCommitted(from);
}

void KafkaSourceNode::beforeHandOff(Batch& batch) {
  if (headerUse_ == HeaderUse::AtSinks) held_.fillHeaders(batch);
}

void KafkaSourceNode::close() {
  if (ledger_) ledger_->setGroupMetadata(groupId_, nullptr);
  if (queue_) rd_kafka_queue_destroy(queue_), queue_ = nullptr;
  if (consumer_) {
    // Leaving the group revokes through onRebalance, which commits only completed offsets.
    consumer_->close();
    consumer_.reset();
    rk_ = nullptr;
  }
  if (deadLetters_) deadLetters_->close(10000), deadLetters_.reset();
  changelogProbe_.reset();
}

std::string KafkaSourceNode::describeTopics() const {
  if (!pattern_.empty()) return "topics matching '" + pattern_ + "'";
  std::string s;
  for (const auto& t : topics_)
    s += (s.empty() ? "'" : ", '") + t + "'";
  return (topics_.size() == 1 ? "topic " : "topics ") + s;
}

std::string_view KafkaSourceNode::topicName(const char* name) {
  for (const auto& t : topicNames_)
    if (t == name) return t;
  return topicNames_.emplace_back(name);
}

PartitionState* KafkaSourceNode::find(std::string_view topic, int32_t partition) {
  for (auto& p : partitions_)
    if (p.partition == partition && p.topic == topic) return &p;
  return nullptr;
}

PartitionState* KafkaSourceNode::find(const rd_kafka_message_t* m) {
  if (last_ < partitions_.size() && partitions_[last_].rkt == m->rkt &&
      partitions_[last_].partition == m->partition)
    return &partitions_[last_];
  for (size_t i = 0; i < partitions_.size(); ++i) {
    PartitionState& p = partitions_[i];
    if (p.partition != m->partition) continue;
    if (p.rkt != m->rkt) {
      if (p.topic != rd_kafka_topic_name(m->rkt)) continue;
      p.rkt = m->rkt;
    }
    last_ = i;
    return &p;
  }
  return nullptr;
}

Gauge* KafkaSourceNode::lagGauge(std::string_view topic, int32_t partition) {
  auto it = lagGauges_.find({std::string(topic), partition});
  return it == lagGauges_.end() ? nullptr : it->second.first;
}

Gauge* KafkaSourceNode::lagMsGauge(std::string_view topic, int32_t partition) {
  auto it = lagGauges_.find({std::string(topic), partition});
  return it == lagGauges_.end() ? nullptr : it->second.second;
}

void KafkaSourceNode::registerPartitionGauges(NodeMetrics& m) {
  if (topics_.empty()) return;
  // Register the partitions known now (per-partition gauges are not added later).
  const rd_kafka_metadata_t* md = nullptr;
  if (rd_kafka_metadata(rk_, 1, nullptr, &md, 2000) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
  for (int t = 0; t < md->topic_cnt; ++t) {
    std::string name = md->topics[t].topic;
    if (std::find(topics_.begin(), topics_.end(), name) == topics_.end()) continue;
    for (int p = 0; p < md->topics[t].partition_cnt && lagGauges_.size() < kMaxPartitionGauges;
         ++p) {
      int32_t id = md->topics[t].partitions[p].id;
      Gauge* lagMs = &m.gauge(partitionGaugeName("lag_ms", name, id));
      lagMs->set(-1);
      lagGauges_[{name, id}] = {&m.gauge(partitionGaugeName("lag", name, id)), lagMs};
    }
  }
  rd_kafka_metadata_destroy(md);
}

void KafkaSourceNode::subscribe() {
  PartitionList subscription;
  if (!pattern_.empty())
    subscription.add(pattern_.front() == '^' ? pattern_ : "^" + pattern_, RD_KAFKA_PARTITION_UA, 0);
  for (const auto& t : topics_)
    subscription.add(t, RD_KAFKA_PARTITION_UA, 0);
  if (rd_kafka_resp_err_t e = rd_kafka_subscribe(rk_, subscription.get()))
    throw NodeFailure(label_ + ": cannot subscribe: " + rd_kafka_err2str(e));
}

bool KafkaSourceNode::matches(const std::string& topic) const {
  if (!pattern_.empty()) {
    if (topic.rfind("__", 0) == 0) return false;
    // Anchored at the start, as librdkafka anchors a "^" subscription.
    return std::regex_search(topic, *patternRegex_, std::regex_constants::match_continuous);
  }
  return std::find(topics_.begin(), topics_.end(), topic) != topics_.end();
}

bool KafkaSourceNode::allDone() const {
  for (const auto& p : partitions_)
    if (!p.done) return false;
  return assigned_;
}

// Appends one message as a row (or handles it as an event or a malformed record). Returns the
// payload bytes taken.
uint64_t KafkaSourceNode::append(Batch& batch, rd_kafka_message_t* m) {
  if (m->err) {
    handleEvent(m);
    return 0;
  }
  consumer_->noteActivity();
  PartitionState* p = find(m);
  if (!p) return 0;  // a partition revoked in the meantime
  if (bounded_ && (p->done || m->offset >= p->end)) {
    p->done = true;
    return 0;
  }
  if (repartitionReader_ && takeMarker(*p, m)) return 0;
  const uint32_t row = batch.append();
  RecordMeta& meta = batch.meta(row);
  Arena& arena = batch.arena();
  std::string_view payload(static_cast<const char*>(m->payload), m->payload ? m->len : 0);
  meta.topic = p->topic;
  meta.partition = m->partition;
  meta.offset = m->offset;
  rd_kafka_timestamp_type_t tsType;
  int64_t ts = rd_kafka_message_timestamp(m, &tsType);
  meta.timestamp = ts >= 0 ? ts : nowMs();
  if (ts >= 0) p->lastTimestamp = ts;
  if (m->key) {
    meta.key = arena.copy(std::string_view(static_cast<const char*>(m->key), m->key_len));
    meta.hasKey = true;
  }
  if (headerUse_ == HeaderUse::Everywhere) copyKafkaHeaders(m, arena, meta);
  p->next = m->offset + 1;
  p->caughtUp = false;
  if (bounded_ && p->next >= p->end) p->done = true;
  if (text_) {
    Value v = Value::string(arena.copy(payload));
    v.flags = kOwned;
    batch.at(valueSlot_, row) = v;
    return payload.size();
  }
  meta.payload = arena.copyPadded(payload);
  if (!extractor_->extract(batch, row)) {
    batch.truncate(row);
    malformed(m, extractor_->error());
  }
  return payload.size();
}

void KafkaSourceNode::handleEvent(const rd_kafka_message_t* m) {
  if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
    if (PartitionState* p = find(m)) {
      p->caughtUp = true;
      // A repartition topic is written in transactions: its end is a commit marker, never
      // delivered; the position passes it (what the group commits, and the end it compares).
      if (repartitionReader_ && m->offset > p->position()) p->next = m->offset;
      if (bounded_ && m->offset >= p->end) p->done = true;
    }
    return;
  }
  std::string reason = rd_kafka_message_errstr(m);
  if (m->rkt)
    reason = std::string(rd_kafka_topic_name(m->rkt)) + "[" + std::to_string(m->partition) +
             "]: " + reason;
  if (m->err == RD_KAFKA_RESP_ERR__FATAL || !consumer_->fatalError().empty()) {
    char why[256] = {0};
    if (rd_kafka_fatal_error(rk_, why, sizeof why) == RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID)
      throw PermanentNodeFailure(
          label_ + ": another runner joined group '" + groupId_ +
          "' as this runner's static member '" + staticMemberId_ +
          "', and the broker let it take the place: every runner needs its own --instance "
          "(the default, host-pid, is unique only where host names are); this one stops");
    throw NodeFailure(label_ + ": " + reason);
  }
  if (reportedEvents_.insert(static_cast<int>(m->err)).second)
    ctx_->log().warn("kafka", label_ + ": " + reason + " (reported once; still retrying)");
}

void KafkaSourceNode::malformed(const rd_kafka_message_t* m, std::string_view why) {
  std::string where = std::string(rd_kafka_topic_name(m->rkt)) + "[" +
                      std::to_string(m->partition) + "]@" + std::to_string(m->offset);
  std::string_view payload(static_cast<const char*>(m->payload), m->payload ? m->len : 0);
  if (onError_ == OnError::Fail)
    throw NodeFailure(label_ + ": message " + where + " is not a JSON object (" + std::string(why) +
                      "); set on_error to skip or dead_letter to go on past such messages");
  ctx_->metrics().errors.add(1);
  if (++malformedCount_ <= kMalformedSamples)
    ctx_->log().warn(
        "kafka",
        label_ + ": skipping message " + where + ", not a JSON object (" + std::string(why) +
            "): " + std::string(payload.substr(0, 200)) +
            (malformedCount_ == kMalformedSamples ? " (further ones are only counted)" : ""));
  if (onError_ == OnError::DeadLetter) deadLetter(m, why);
}

bool KafkaSourceNode::writesDeadLetters() const {
  return onError_ == OnError::DeadLetter || timestampErrors_ == TimestampErrorPolicy::DeadLetter;
}

// A record already in a batch (on_timestamp_error: dead_letter) to the dead-letter topic, with
// the same headers as a malformed message.
void KafkaSourceNode::deadLetterRow(const Batch& b, uint32_t row, const std::string& why) {
  const RecordMeta& meta = b.meta(row);
  DeadLetter letter;
  letter.payload = meta.payload;
  if (text_ && b.at(valueSlot_, row).kind == Kind::String)
    letter.payload = b.at(valueSlot_, row).str();
  letter.hasKey = meta.hasKey;
  if (meta.hasKey) letter.key = meta.key;
  // The record's headers as a librdkafka list (a rare path: one allocation per letter).
  rd_kafka_headers_t* hdrs = rd_kafka_headers_new(meta.headerCount);
  for (uint32_t h = 0; h < meta.headerCount; ++h)
    rd_kafka_header_add(
        hdrs, meta.headers[h].name.data(), static_cast<ssize_t>(meta.headers[h].name.size()),
        meta.headers[h].value.data(), static_cast<ssize_t>(meta.headers[h].value.size()));
  letter.headers = hdrs;
  letter.topic = meta.topic;
  letter.partition = meta.partition;
  letter.offset = meta.offset;
  letter.error = why;
  std::string error = deadLetters_->write(letter, [this] { return ctx_->stopRequested(); });
  rd_kafka_headers_destroy(hdrs);
  if (!error.empty()) throw NodeFailure(error);
}

void KafkaSourceNode::deadLetter(const rd_kafka_message_t* m, std::string_view why) {
  DeadLetter letter;
  letter.payload = {static_cast<const char*>(m->payload), m->payload ? m->len : 0};
  letter.hasKey = m->key != nullptr;
  if (m->key) letter.key = {static_cast<const char*>(m->key), m->key_len};
  rd_kafka_headers_t* original = nullptr;
  if (rd_kafka_message_headers(m, &original) == RD_KAFKA_RESP_ERR_NO_ERROR)
    letter.headers = original;
  letter.topic = rd_kafka_topic_name(m->rkt);
  letter.partition = m->partition;
  letter.offset = m->offset;
  letter.error = why;
  std::string error = deadLetters_->write(letter, [this] { return ctx_->stopRequested(); });
  if (!error.empty()) throw NodeFailure(error);
}

void KafkaSourceNode::rethrowPending() {
  if (!pendingError_.empty()) throw NodeFailure(pendingError_);
  if (deadLetters_)
    if (std::string error = deadLetters_->failure(); !error.empty()) throw NodeFailure(error);
  if (consumer_) {
    std::string fatal = consumer_->fatalError();
    if (!fatal.empty()) throw NodeFailure(label_ + ": " + fatal);
  }
}

void KafkaSourceNode::advanceWatermark(Emitter& out, int64_t now) {
  if (!watermarks_.enabled()) return;
  if (watermarks_.strategy().idleTimeoutMs > 0) markPartitionsWithDataActive(now);
  int64_t wm;
  if (watermarks_.advance(now, wm)) out.emitWatermark(wm);
}

// A partition is idle only when it has no data: not when its records wait behind another
// partition's in the consumer queue, or while the source was blocked by a full downstream
// queue (Flink pauses its idleness clock under back-pressure for the same reason). Data is
// waiting when the broker's high watermark (as of the last fetch) is past our position and
// the consumer has not reported the end of the partition since.
void KafkaSourceNode::markPartitionsWithDataActive(int64_t now) {
  for (const auto& p : partitions_) {
    if (p.caughtUp || p.position() < 0 || (bounded_ && p.done)) continue;
    int64_t low = -1, high = -1;
    rd_kafka_get_watermark_offsets(rk_, topicCString(p.topic), p.partition, &low, &high);
    if (high > p.position()) watermarks_.markActive(p.topic, p.partition, now);
  }
}

void KafkaSourceNode::updateMetrics(int64_t now) {
  int64_t total = 0;
  int64_t maxBehind = -1;
  for (auto& p : partitions_) {
    int64_t low = -1, high = -1;
    rd_kafka_get_watermark_offsets(rk_, std::string(p.topic).c_str(), p.partition, &low, &high);
    int64_t position = p.next;
    if (position < 0) {
      PartitionList q;
      q.add(p.topic, p.partition, RD_KAFKA_OFFSET_INVALID);
      if (!rd_kafka_position(rk_, q.get())) position = q.get()->elems[0].offset;
    }
    int64_t lag = high >= 0 && position >= 0 && high > position ? high - position : 0;
    if (bounded_ && p.done) lag = 0;
    if (p.lag) p.lag->set(lag);
    total += lag;
    // Time behind, where the broker gives timestamps: now - the timestamp of the oldest unread
    // message; caught up is 0 behind, -1 unknown. That message is not read yet: it is no older
    // than the last one read, nor (producer time) than the last moment the partition was seen
    // read to its end - the later of the two, so an idle hour before it does not count.
    if (lag == 0) p.caughtUpAt = now;
    const int64_t since = std::max(p.lastTimestamp, p.caughtUpAt);
    const int64_t behind = lag == 0 ? 0 : (since >= 0 ? std::max<int64_t>(0, now - since) : -1);
    if (p.lagMs) p.lagMs->set(behind);
    maxBehind = std::max(maxBehind, behind);
  }
  lagTotal_->set(total);
  lagMsTotal_->set(partitions_.empty() ? -1 : maxBehind);
  fetchRate_->set(static_cast<int64_t>(
      fetched_ * 1000 / static_cast<uint64_t>(std::max<int64_t>(1, now - lastMetricsMs_))));
  fetched_ = 0;
  connectedGauge_->set(consumer_->state() == LinkState::Up ? 1 : 0);
  lastMetricsMs_ = now;
}

}  // namespace kafkasource

using kafkasource::KafkaSourceNode;
using kafkasource::StartPosition;

NodeSpec kafkaSourceSpec() {
  NodeSpec s;
  s.type = "kafka.source";
  s.category = "Sources";
  s.title = "Kafka Source";
  s.summary = "Reads records from Kafka topics; its offsets are part of every checkpoint.";
  s.description =
      "Consumes `topics` (or every topic matching `topic_pattern`) as consumer group `group_id`. "
      "Each record carries `$key`, `$topic`, `$partition`, `$offset`, `$timestamp` and "
      "`$headers.NAME`. The position per topic and partition is saved in every checkpoint and a "
      "restored run resumes there; `start` applies only to partitions without one. Offsets are "
      "committed to the group when a checkpoint completes, so they never run ahead of what every "
      "sink has made durable. Transactions are read committed. `bounded` reads every partition "
      "up to the end offsets seen when the run starts, then ends the run. With `format: text` "
      "the payload is the string field `value`.";
  s.outputs = {{"out", "Records read from Kafka"}};

  PropertySpec connection =
      makeProperty("connection", PropKind::String, "Name of a Kafka entry under \"connections\"");
  connection.required = true;
  connection.placeholder = "local";
  connection.connectionType = "kafka";
  PropertySpec topics = makeProperty("topics", PropKind::List, "Topics to read");
  topics.item = PropKind::String;
  topics.acceptsSingle = true;
  topics.placeholder = "sensors";
  PropertySpec pattern =
      makeProperty("topic_pattern", PropKind::String,
                   "Regular expression; every matching topic is read (instead of topics)");
  pattern.placeholder = "sensors-.*";
  PropertySpec group = makeProperty("group_id", PropKind::String,
                                    "Consumer group (default: streamcanvas-<pipeline name>)");
  PropertySpec start = makeProperty(
      "start", PropKind::String,
      "Where to begin on a partition that has no offset in the checkpoint or the group: "
      "earliest, latest, committed (= earliest), an ISO-8601 time or epoch milliseconds",
      "committed");
  start.placeholder = "committed";
  PropertySpec bounded =
      makeProperty("bounded", PropKind::Boolean,
                   "Stop at the end offsets seen at start (backfills, tests)", false);
  PropertySpec format = makeProperty(
      "format", PropKind::Enum, "Payload format: json objects, or text (field 'value')", "json");
  format.choices = {"json", "text"};
  PropertySpec onError =
      makeProperty("on_error", PropKind::Enum,
                   "Messages that are not JSON objects: skip (count and log a sample), dead_letter "
                   "(copy to dead_letter_topic with error headers) or fail the run",
                   "skip");
  onError.choices = {"skip", "dead_letter", "fail"};
  PropertySpec deadLetter = makeProperty(
      "dead_letter_topic", PropKind::String,
      "Topic for malformed messages (on_error: dead_letter) and records without a usable event "
      "time (on_timestamp_error: dead_letter)");
  PropertySpec commit =
      makeProperty("commit_interval", PropKind::Duration,
                   "Deprecated and ignored: offsets are committed when a checkpoint completes "
                   "(settings.checkpoint_interval); kept so older files load",
                   "1s");
  s.properties = {connection,
                  topics,
                  pattern,
                  group,
                  start,
                  bounded,
                  format,
                  onError,
                  deadLetter,
                  commit,
                  onTimestampErrorProperty(true)};
  s.outputFields = [](const NodeConfig& cfg, const std::vector<FieldSet>&) {
    // JSON payloads are known only from a sample (the node's ui "sampled_fields").
    if (cfg.getString("format") != "text") return std::vector<FieldSet>{FieldSet()};
    return std::vector<FieldSet>{
        FieldSet::exactly({{"value", FieldType::String}},
                          "the fields of kafka.source '" + cfg.id() + "' with format text")};
  };

  s.validate = [](const NodeConfig& cfg, Diagnostics& diags) {
    const bool hasTopics = cfg.has("topics") && !cfg.getStringList("topics").empty();
    const bool hasPattern = cfg.has("topic_pattern") && !cfg.getString("topic_pattern").empty();
    if (hasTopics == hasPattern)
      diags
          .error(cfg.pointer(hasTopics ? "topic_pattern" : "topics"),
                 hasTopics ? "set topics or topic_pattern, not both" : "no topics to read",
                 "list topics, e.g. [\"sensors\"], or give a topic_pattern such as \"sensors-.*\"")
          .property = hasTopics ? "topic_pattern" : "topics";
    if (hasPattern) {
      std::string p = cfg.getString("topic_pattern");
      std::string why;
      if (p.find("${") == std::string::npos && !expr::compileRegexPattern(p, why))
        diags.error(cfg.pointer("topic_pattern"), "topic_pattern: " + why).property =
            "topic_pattern";
    }
    std::string startText = cfg.getString("start");
    StartPosition sp;
    if (startText.find("${") == std::string::npos && !StartPosition::parse(startText, sp))
      diags
          .error(cfg.pointer("start"), "start '" + startText + "' is not a start position",
                 "use earliest, latest, committed, an ISO-8601 time like 2026-11-26T10:00:00Z, or "
                 "epoch "
                 "milliseconds")
          .property = "start";
    const bool wantsDeadLetters = cfg.getString("on_error") == "dead_letter" ||
                                  cfg.getString("on_timestamp_error") == "dead_letter";
    if (wantsDeadLetters && cfg.getString("dead_letter_topic").empty())
      diags
          .error(cfg.pointer("dead_letter_topic"),
                 "on_error or on_timestamp_error is dead_letter but no dead_letter_topic is set",
                 "name a topic for the dead letters")
          .property = "dead_letter_topic";
  };
  // Dead letters of records (on_timestamp_error) carry the record's headers.
  s.readsHeaders = [](const NodeConfig& cfg) {
    return cfg.getString("on_timestamp_error") == "dead_letter";
  };
  s.create = [] { return std::make_unique<KafkaSourceNode>(); };
  return s;
}

}  // namespace sc
