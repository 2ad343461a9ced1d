// kafka.source: reads topics through a consumer group (or, when bounded, by assigning every
// partition up to the end offsets seen at start). Its position per (topic, partition) is part of
// every checkpoint; a restored run seeks there. Offsets are committed to the group only when a
// checkpoint has completed (for monitoring lag, and for `start: committed` after a fresh start).
#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <utility>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/expr/RegexPattern.h"
#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/RepartitionPlan.h"
#include "engine/kafka/CheckpointOffsets.h"
#include "engine/kafka/DeadLetterWriter.h"
#include "engine/kafka/KafkaClient.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/OffsetLedger.h"
#include "engine/kafka/ScaleOutRegistry.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/StopGrace.h"
#include "engine/runtime/WatermarkGenerator.h"
#include "engine/state/LocalCheckpoints.h"
#include "engine/state/StateCodec.h"
#include "nodes/KafkaHeaders.h"
#include "nodes/KafkaSourceLocalRestore.h"
#include "nodes/NodeTypes.h"
#include "nodes/RecordJson.h"
#include "nodes/window/RepartitionMarkers.h"

namespace sc {
namespace {

using namespace sc::kafka;

constexpr size_t kMaxPartitionGauges = 64;
constexpr int kMetadataTimeoutMs = 200;     // poll() must come back within ~100 ms
constexpr int kCommittedTimeoutMs = 10000;  // the group's offsets, once per assignment
constexpr int kMalformedSamples = 3;
constexpr int kScaleOutStartTimeoutMs = 60000;  // offsets of a dead runner's open transaction
constexpr int kRevokeCommitTimeoutMs = 60000;
constexpr int kStableQueryTimeoutMs = 1000;

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// `start`: a keyword, an ISO-8601 time or epoch milliseconds.
struct StartPosition {
  enum class Kind { Earliest, Latest, Committed, Timestamp } kind = Kind::Committed;
  int64_t timestampMs = 0;

  static bool parse(const std::string& text, StartPosition& out) {
    if (text == "earliest") return out.kind = Kind::Earliest, true;
    if (text == "latest") return out.kind = Kind::Latest, true;
    if (text == "committed") return out.kind = Kind::Committed, true;
    if (!text.empty() &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        text.size() <= 15) {
      out.kind = Kind::Timestamp;
      out.timestampMs = std::stoll(text);
      return true;
    }
    int64_t ms = 0;
    if (parseIso8601Ms(text, ms)) {
      out.kind = Kind::Timestamp;
      out.timestampMs = ms;
      return true;
    }
    return false;
  }
};

enum class OnError { Skip, DeadLetter, Fail };

// One assigned partition.
struct PartitionState {
  std::string_view topic;  // points into KafkaSourceNode::topicNames_
  int32_t partition = 0;
  const rd_kafka_topic_t* rkt = nullptr;  // learned from the first message, for fast lookup
  int64_t next = -1;         // offset after the last record emitted downstream (-1: none yet)
  int64_t end = -1;          // bounded: stop before this offset
  bool done = false;         // bounded: reached `end`
  bool caughtUp = false;     // reached the end of the log (PARTITION_EOF), nothing read since
  bool endReported = false;  // scale-out: the window was told this partition ended
  int64_t from = -1;         // concrete start offset of this assignment (-1: not known)
  // Where reading goes on: after the last record, else where the assignment started.
  int64_t position() const { return next >= 0 ? next : from; }
  Gauge* lag = nullptr;
  Gauge* lagMs = nullptr;      // time behind: now - timestamp of the last record read
  int64_t lastTimestamp = -1;  // broker timestamp of the last record read (-1: none)
  int64_t caughtUpAt = -1;     // when the metrics last saw this partition read to its end
};

class PartitionList {
 public:
  explicit PartitionList(int size = 8) : list_(rd_kafka_topic_partition_list_new(size)) {}
  ~PartitionList() { rd_kafka_topic_partition_list_destroy(list_); }
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;
  rd_kafka_topic_partition_list_t* get() const { return list_; }
  rd_kafka_topic_partition_t* add(std::string_view topic, int32_t partition, int64_t offset) {
    auto* p = rd_kafka_topic_partition_list_add(list_, std::string(topic).c_str(), partition);
    p->offset = offset;
    return p;
  }

 private:
  rd_kafka_topic_partition_list_t* list_;
};

class KafkaSourceNode final : public SourceNode {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
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
  void acquire(PlanContext& plan) override {
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

  void setWatermarkStrategy(const WatermarkStrategy& s) override {
    watermarks_ = WatermarkGenerator(s);
  }

  bool hasState() const override { return true; }
  bool reportsReadiness() const override { return true; }

  void open(RunContext& ctx) override {
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
    ctx.log().info("kafka",
                   label_ + ": reading " + describeTopics() + " from " +
                       connection_.bootstrapServers +
                       (bounded_ && !scaleOut_
                            ? " up to the current end offsets"
                            : " as group '" + groupId_ + "'" +
                                  (bounded_ ? " up to the end offsets seen on assignment" : "")));
    lastMetricsMs_ = nowMs();
  }

  // A breakpoint or back-pressure holds this thread: the lag gauges keep counting.
  void whileBlocked() override {
    const int64_t now = nowMs();
    if (now - lastMetricsMs_ >= 1000) updateMetrics(now);
  }

  Poll poll(Emitter& out) override {
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

  void snapshotState(uint64_t checkpointId, state::StateWriter& w) override {
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

  void restoreState(state::StateReader& r) override {
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

  void notifyCheckpointComplete(uint64_t checkpointId) override {
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

  void requestStop() override { stopRequested_.store(true); }

  void beforeHandOff(Batch& batch) override {
    if (headerUse_ == HeaderUse::AtSinks) held_.fillHeaders(batch);
  }

  void close() override {
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

  ~KafkaSourceNode() override { close(); }

 private:
  std::string describeTopics() const {
    if (!pattern_.empty()) return "topics matching '" + pattern_ + "'";
    std::string s;
    for (const auto& t : topics_)
      s += (s.empty() ? "'" : ", '") + t + "'";
    return (topics_.size() == 1 ? "topic " : "topics ") + s;
  }

  std::string_view topicName(const char* name) {
    for (const auto& t : topicNames_)
      if (t == name) return t;
    return topicNames_.emplace_back(name);
  }

  PartitionState* find(std::string_view topic, int32_t partition) {
    for (auto& p : partitions_)
      if (p.partition == partition && p.topic == topic) return &p;
    return nullptr;
  }

  PartitionState* find(const rd_kafka_message_t* m) {
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

  Gauge* lagGauge(std::string_view topic, int32_t partition) {
    auto it = lagGauges_.find({std::string(topic), partition});
    return it == lagGauges_.end() ? nullptr : it->second.first;
  }
  Gauge* lagMsGauge(std::string_view topic, int32_t partition) {
    auto it = lagGauges_.find({std::string(topic), partition});
    return it == lagGauges_.end() ? nullptr : it->second.second;
  }

  void registerPartitionGauges(NodeMetrics& m) {
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

  void subscribe() {
    PartitionList subscription;
    if (!pattern_.empty())
      subscription.add(pattern_.front() == '^' ? pattern_ : "^" + pattern_, RD_KAFKA_PARTITION_UA,
                       0);
    for (const auto& t : topics_)
      subscription.add(t, RD_KAFKA_PARTITION_UA, 0);
    if (rd_kafka_resp_err_t e = rd_kafka_subscribe(rk_, subscription.get()))
      throw NodeFailure(label_ + ": cannot subscribe: " + rd_kafka_err2str(e));
  }

  bool matches(const std::string& topic) const {
    if (!pattern_.empty()) {
      if (topic.rfind("__", 0) == 0) return false;
      // Anchored at the start, as librdkafka anchors a "^" subscription.
      return std::regex_search(topic, *patternRegex_, std::regex_constants::match_continuous);
    }
    return std::find(topics_.begin(), topics_.end(), topic) != topics_.end();
  }

  // Bounded runs read every partition themselves: find the partitions and their end offsets,
  // then assign. Retried on each poll until the cluster answers.
  bool assignBounded() {
    const rd_kafka_metadata_t* md = nullptr;
    if (rd_kafka_metadata(rk_, 1, nullptr, &md, kMetadataTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
      return false;
    PartitionList ends;
    std::vector<std::string> found;
    for (int t = 0; t < md->topic_cnt; ++t) {
      std::string name = md->topics[t].topic;
      if (md->topics[t].err || !matches(name)) continue;
      found.push_back(name);
      for (int p = 0; p < md->topics[t].partition_cnt; ++p)
        ends.add(name, md->topics[t].partitions[p].id, RD_KAFKA_OFFSET_END);
    }
    rd_kafka_metadata_destroy(md);
    for (const auto& t : topics_)
      if (std::find(found.begin(), found.end(), t) == found.end())
        throw NodeFailure(label_ + ": topic '" + t + "' does not exist on " +
                          connection_.bootstrapServers);
    if (ends.get()->cnt == 0) {
      assigned_ = true;  // a pattern that matches nothing: nothing to read
      ctx_->metrics().ready.set(1);
      return true;
    }
    // -1 asks ListOffsets for the latest offset of every partition in one request.
    if (rd_kafka_offsets_for_times(rk_, ends.get(), 1000) != RD_KAFKA_RESP_ERR_NO_ERROR)
      return false;
    PartitionList starts;
    if (!startOffsets(ends.get(), starts)) return false;
    for (int i = 0; i < ends.get()->cnt; ++i) {
      const auto& e = ends.get()->elems[i];
      PartitionState p;
      p.topic = topicName(e.topic);
      p.partition = e.partition;
      p.end = e.offset;
      const std::optional<int64_t> restored = offsets_.restored(p.topic, p.partition);
      int64_t from = RD_KAFKA_OFFSET_INVALID;
      for (int k = 0; k < starts.get()->cnt; ++k)
        if (starts.get()->elems[k].partition == e.partition &&
            std::strcmp(starts.get()->elems[k].topic, e.topic) == 0)
          from = starts.get()->elems[k].offset;
      // Latest without a committed offset, or a committed offset at the end: nothing to read.
      p.done = from == RD_KAFKA_OFFSET_END || (from >= 0 && from >= e.offset) || e.offset <= 0;
      p.from = from;
      if (restored) {
        // The position is known before the first message arrives: a checkpoint taken before
        // then must still hold it.
        p.next = *restored;
        p.done = p.done || p.next >= e.offset;
      }
      p.lag = lagGauge(p.topic, p.partition);
      p.lagMs = lagMsGauge(p.topic, p.partition);
      partitions_.push_back(p);
      offsets_.assign(p.topic, p.partition);
      watermarks_.addPartition(p.topic, p.partition, nowMs());
    }
    if (rd_kafka_resp_err_t e = rd_kafka_assign(rk_, starts.get()))
      throw NodeFailure(label_ + ": cannot assign partitions: " + rd_kafka_err2str(e));
    assigned_ = true;
    assignedGauge_->set(static_cast<int64_t>(partitions_.size()));
    ctx_->metrics().ready.set(1);
    return true;
  }

  // Start offsets for partitions read for the first time in this run: the checkpoint's offset
  // when the run was restored, else the group's committed offset, and only for a partition that
  // has neither does `start` decide (as Kafka's auto.offset.reset), so a restart or a partition
  // moving within the group never skips or repeats records, whatever `start` says.
  bool startOffsets(const rd_kafka_topic_partition_list_t* partitions, PartitionList& out) {
    PartitionList byTime, committed;
    for (int i = 0; i < partitions->cnt; ++i) {
      const auto& e = partitions->elems[i];
      if (!offsets_.restored(e.topic, e.partition))
        committed.add(e.topic, e.partition, RD_KAFKA_OFFSET_INVALID);
    }
    if (committed.get()->cnt > 0 &&
        rd_kafka_committed(rk_, committed.get(), kCommittedTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
      return false;
    if (local_) decideLocalRestore(*local_, ctx_->nodeId(), committed.get());
    for (int i = 0; i < partitions->cnt; ++i) {
      const auto& e = partitions->elems[i];
      if (const auto restored = offsets_.restored(e.topic, e.partition)) {
        out.add(e.topic, e.partition, *restored);
        continue;
      }
      int64_t stored = RD_KAFKA_OFFSET_INVALID;
      for (int k = 0; k < committed.get()->cnt; ++k)
        if (committed.get()->elems[k].partition == e.partition &&
            std::strcmp(committed.get()->elems[k].topic, e.topic) == 0)
          stored = committed.get()->elems[k].offset;
      if (stored >= 0) {
        out.add(e.topic, e.partition, stored);
        continue;
      }
      // Concrete offsets, all in one ListOffsets request (-2: earliest, -1: latest): a logical
      // offset (BEGINNING, END) sends each partition through librdkafka's own offset query,
      // which waits half a second when the partition has not joined its broker thread yet.
      int64_t query = -2;  // earliest, and committed without an offset
      if (start_.kind == StartPosition::Kind::Latest) query = -1;
      if (start_.kind == StartPosition::Kind::Timestamp) query = start_.timestampMs;
      byTime.add(e.topic, e.partition, query);
    }
    if (byTime.get()->cnt == 0) return true;
    if (rd_kafka_offsets_for_times(rk_, byTime.get(), 5000) != RD_KAFKA_RESP_ERR_NO_ERROR)
      return false;
    for (int i = 0; i < byTime.get()->cnt; ++i) {
      const auto& e = byTime.get()->elems[i];
      out.add(e.topic, e.partition,
              e.offset < 0 ? RD_KAFKA_OFFSET_END : e.offset);  // none that late
    }
    return true;
  }

  void onRebalance(int err, rd_kafka_topic_partition_list_t* parts) {
    // Runs inside librdkafka's poll: exceptions must not cross the C frames.
    ++rebalances_;
    try {
      // Not strcmp on rd_kafka_rebalance_protocol() itself: it can be NULL while the consumer
      // closes, which crashed runners at the end of a scale-out run (cooperativeRebalance).
      const bool cooperative = cooperativeRebalance(rk_, cooperative_);
      if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        assign(parts, cooperative);
        ctx_->metrics().ready.set(1);  // the group gave this member its share (maybe none)
      } else {
        if (scaleOut_)
          ctx_->log().info("kafka", label_ + ": " + std::to_string(parts->cnt) + " partition(s) " +
                                        (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS
                                             ? "revoked"
                                             : std::string("lost: ") +
                                                   rd_kafka_err2str(rd_kafka_resp_err_t(err))));
        if (!cooperative) ctx_->metrics().ready.set(0);  // until the group assigns again
        revoke(parts);
        if (cooperative)
          rd_kafka_incremental_unassign(rk_, parts);
        else
          rd_kafka_assign(rk_, nullptr);
      }
      assignedGauge_->set(static_cast<int64_t>(partitions_.size()));
    } catch (const std::exception& e) {
      if (pendingError_.empty()) pendingError_ = e.what();
    } catch (...) {
      // The run failed while taking a checkpoint (recorded where it happened); poll ends it.
      if (pendingError_.empty()) pendingError_ = label_ + ": the run failed during a rebalance";
    }
  }

  void assign(rd_kafka_topic_partition_list_t* parts, bool cooperative) {
    PartitionList fresh, positioned;
    for (int i = 0; i < parts->cnt; ++i) {
      const auto& e = parts->elems[i];
      std::string_view topic = topicName(e.topic);
      // A partition that comes back in this run resumes from the group's committed offset.
      // Scale-out looks that offset up itself (startOffsets): a batch read that a rebalance
      // interrupted seeks back to the concrete start (pollScaleOut).
      if (!scaleOut_ && seen_.count({std::string(topic), e.partition}))
        positioned.add(topic, e.partition, RD_KAFKA_OFFSET_STORED);
      else
        fresh.add(topic, e.partition, 0);
    }
    // Scale-out: offsets a runner that died committed in a transaction are unstable until the
    // broker aborts it (transaction.timeout.ms): keep asking, a while.
    const auto giveUp = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(scaleOut_ ? kScaleOutStartTimeoutMs : 0);
    auto found = std::make_unique<PartitionList>();
    while (!startOffsets(fresh.get(), *found)) {
      if (std::chrono::steady_clock::now() >= giveUp || ctx_->stopRequested())
        throw NodeFailure(label_ + ": cannot find the start offsets of the assigned partitions");
      found = std::make_unique<PartitionList>();
    }
    PartitionList& starts = *found;
    std::map<std::pair<std::string, int32_t>, int64_t> ends;
    const bool endsKnown = !repartitionReader_;  // learnRepartitionEnds
    if (bounded_ && scaleOut_ && endsKnown) ends = endOffsets(parts);
    for (int i = 0; i < positioned.get()->cnt; ++i)
      starts.add(positioned.get()->elems[i].topic, positioned.get()->elems[i].partition,
                 RD_KAFKA_OFFSET_STORED);
    for (int i = 0; i < starts.get()->cnt; ++i) {
      const auto& e = starts.get()->elems[i];
      PartitionState p;
      p.topic = topicName(e.topic);
      p.partition = e.partition;
      p.lag = lagGauge(p.topic, p.partition);
      p.lagMs = lagMsGauge(p.topic, p.partition);
      p.from = e.offset;  // negative (logical) for a partition that comes back
      if (const auto restored = offsets_.restored(p.topic, p.partition))
        p.next = *restored;  // held by checkpoints until the first message arrives
      if (bounded_ && scaleOut_ && !endsKnown) {
        p.end = INT64_MAX;  // a repartition topic: learnRepartitionEnds
      } else if (bounded_ && scaleOut_) {
        p.end = ends[{std::string(p.topic), p.partition}];
        p.done =
            p.end <= 0 || e.offset == RD_KAFKA_OFFSET_END || (e.offset >= 0 && e.offset >= p.end);
      }
      if (scaleOutRegistry_)
        scaleOutRegistry_->setSource(std::string(p.topic), {connection_, settings_.name, groupId_});
      offsets_.assign(p.topic, p.partition);
      partitions_.push_back(p);
      seen_.insert({std::string(p.topic), p.partition});
      watermarks_.addPartition(p.topic, p.partition, nowMs());
    }
    rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR_NO_ERROR;
    if (cooperative) {
      if (rd_kafka_error_t* error = rd_kafka_incremental_assign(rk_, starts.get())) {
        std::string text = rd_kafka_error_string(error);
        rd_kafka_error_destroy(error);
        throw NodeFailure(label_ + ": cannot take the assigned partitions: " + text);
      }
    } else {
      e = rd_kafka_assign(rk_, starts.get());
    }
    if (e)
      throw NodeFailure(label_ + ": cannot take the assigned partitions: " + rd_kafka_err2str(e));
    ctx_->log().info("kafka", label_ + ": assigned " + std::to_string(parts->cnt) +
                                  " partition(s)" + describeStarts(starts.get()));
    if (scaleOut_ && scaleOutRegistry_ && !scaleOutRegistry_->changelogs().empty()) {
      // Read nothing of a partition while a transaction is open on its changelog partitions
      // (see releaseStablePartitions). Only those are paused: librdkafka 2.0.x fetches a
      // resumed partition again only at its broker thread's next wake-up, up to a second later.
      // librdkafka keeps a partition's pause across assignments: one revoked while it waited
      // is resumed when it comes back stable.
      PartitionList busy, stale;
      const int64_t now = nowMs();
      for (int i = 0; i < starts.get()->cnt; ++i) {
        const auto& part = starts.get()->elems[i];
        const bool wasPaused =
            pausedWhenRevoked_.erase({std::string(part.topic), part.partition}) > 0;
        if (busyChangelog(part.partition).empty()) {
          if (wasPaused) stale.add(part.topic, part.partition, RD_KAFKA_OFFSET_INVALID);
          continue;
        }
        busy.add(part.topic, part.partition, RD_KAFKA_OFFSET_INVALID);
        waitingForChangelog_.push_back({std::string(part.topic), part.partition, now});
      }
      if (busy.get()->cnt > 0) rd_kafka_pause_partitions(rk_, busy.get());
      if (stale.get()->cnt > 0) rd_kafka_resume_partitions(rk_, stale.get());
      nextStableCheckMs_ = now + 100;
    }
  }

  // Scale-out: the changelog with a transaction open on partition `partition` (its last stable
  // offset below its high watermark, or not known), or "" when none has one. A changelog that
  // does not exist yet holds no state to wait for.
  std::string busyChangelog(int32_t partition) {
    openChangelogProbe();
    for (const auto& changelog : scaleOutRegistry_->changelogs()) {
      int64_t low = 0, lso = -1, high = -1;
      rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(rk_, changelog.c_str(), partition,
                                                                 &low, &lso, kStableQueryTimeoutMs);
      if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
          err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION || err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
        continue;
      if (!err)
        err = rd_kafka_query_watermark_offsets(changelogProbe_->handle(), changelog.c_str(),
                                               partition, &low, &high, kStableQueryTimeoutMs);
      if (err || lso < high) return changelog;
    }
    return {};
  }

  // Scale-out: a newly assigned partition stays paused until no transaction is open on its
  // changelog partitions (their last stable offset reached their high watermark). A runner that
  // died leaves its open transaction there until the broker aborts it (transaction.timeout.ms
  // plus the abort cleanup interval, 10-20 s); a window restoring the partition's state at its
  // first record would wait that long inside its own runner's open transaction, which the
  // broker then aborts too (fencing the runner). Waiting here, before any record of the
  // partition is read, holds no transaction open: the other partitions, checkpoints and commits
  // go on (as Kafka Streams keeps a task in RESTORING). Checked every 100 ms.
  void openChangelogProbe() {
    if (changelogProbe_) return;
    ClientOptions c;
    c.kind = ClientKind::Consumer;
    c.label = label_ + " changelog probe";
    c.overrides = {{"group.id", groupId_ + "-changelog-probe"},
                   {"enable.auto.commit", "false"},
                   {"isolation.level", "read_uncommitted"}};
    auto probe = KafkaClient::create(connection_, std::move(c));
    if (!probe.ok()) throw NodeFailure(probe.error);
    changelogProbe_ = std::move(probe.value);
  }

  void releaseStablePartitions(int64_t now) {
    if (now < nextStableCheckMs_) return;
    nextStableCheckMs_ = now + 100;
    PartitionList resume;
    for (auto it = waitingForChangelog_.begin(); it != waitingForChangelog_.end();) {
      const std::string busy = busyChangelog(it->partition);
      const bool stable = busy.empty();
      const int64_t waited = now - it->sinceMs;
      if (!stable && waited < kScaleOutStartTimeoutMs) {
        ++it;
        continue;
      }
      // After a minute it goes on anyway: the window's restore then names the open transaction.
      if (waited >= 1000)
        ctx_->log().info("kafka", label_ + ": " + it->topic + "[" + std::to_string(it->partition) +
                                      "] waited " + std::to_string(waited) +
                                      " ms for a transaction open on its changelog partition" +
                                      (busy.empty() ? std::string() : " ('" + busy + "')"));
      resume.add(it->topic, it->partition, RD_KAFKA_OFFSET_INVALID);
      it = waitingForChangelog_.erase(it);
    }
    if (resume.get()->cnt > 0) rd_kafka_resume_partitions(rk_, resume.get());
  }

  // Scale-out: this runner's local checkpoints (state::LocalCheckpoints), when it keeps them.
  // Commits then name their checkpoint, and assignments decide per partition whether a window
  // may restore its state from one (KafkaSourceLocalRestore.h).
  void useLocalCheckpoints(RunContext& ctx) {
    local_ = std::static_pointer_cast<state::LocalCheckpoints>(
        ctx.resources().find(state::LocalCheckpoints::kKey));
    if (local_ && local_->token().empty()) local_.reset();
    if (!local_ || !ledger_) return;
    ledger_->setCommitMetadata([local = local_](uint64_t id) { return local->commitMetadata(id); });
  }

  bool waitsForChangelog(std::string_view topic, int32_t partition) const {
    for (const auto& h : waitingForChangelog_)
      if (h.partition == partition && h.topic == topic) return true;
    return false;
  }

  // Scale-out: " (topic[p] from offset, ...)", for following partitions between runners in
  // their logs. Logical offsets: "stored" (the group's), "end".
  std::string describeStarts(const rd_kafka_topic_partition_list_t* starts) const {
    if (!scaleOut_ || starts->cnt == 0) return {};
    std::string text = " (";
    for (int i = 0; i < starts->cnt; ++i) {
      const auto& e = starts->elems[i];
      if (i) text += ", ";
      text += std::string(e.topic) + "[" + std::to_string(e.partition) + "] from ";
      text += e.offset == RD_KAFKA_OFFSET_STORED ? std::string("stored")
              : e.offset == RD_KAFKA_OFFSET_END  ? std::string("end")
                                                 : std::to_string(e.offset);
    }
    return text + ")";
  }

  // Commits what every sink finished with for the revoked partitions, then forgets them:
  // records of theirs still in flight will be read again by the new owner (at-least-once).
  void revoke(rd_kafka_topic_partition_list_t* parts) {
    if (scaleOut_ && inPoll_) commitBeforeRevoke(parts);
    PartitionList commit;
    for (int i = 0; i < parts->cnt; ++i) {
      const auto& e = parts->elems[i];
      std::erase_if(waitingForChangelog_, [&](const ChangelogWait& h) {
        const bool match = h.partition == e.partition && h.topic == e.topic;
        if (match) pausedWhenRevoked_.insert({h.topic, h.partition});  // still paused
        return match;
      });
      PartitionState* p = find(std::string_view(e.topic), e.partition);
      if (!p) continue;
      if (const auto committed = offsets_.revoke(p->topic, p->partition))
        setCommitMetadata(commit.add(p->topic, p->partition, *committed), lastCommitNote_);
      watermarks_.removePartition(p->topic, p->partition);
      if (p->lag) p->lag->set(0);
      const size_t index = static_cast<size_t>(p - partitions_.data());
      partitions_.erase(partitions_.begin() + static_cast<std::ptrdiff_t>(index));
      last_ = partitions_.size();
    }
    // Scale-out with transactions: the offsets committed in them are the truth; a plain commit
    // of an older completed checkpoint here would move the group back.
    // With local checkpoints the commit repeats the metadata of the last one (which committed
    // every owned partition: CheckpointOffsets::complete with `again`).
    const bool transactional = scaleOut_ && ledger_ && ledger_->hasTransactionalCommitter();
    if (commit.get()->cnt > 0 && !transactional) rd_kafka_commit(rk_, commit.get(), 0);
  }

  // Scale-out: a batch read, as without scale-out, unless a rebalance callback ran inside the
  // batch call: messages taken before the callback belong to the assignment it ended (their
  // offsets were not in the checkpoint it committed), those after it to the new one, and the
  // array does not tell which is which. Appending an old one would move the partition's
  // position past records not read yet, or repeat them. So all of them are dropped, and each
  // partition they came from that is still assigned is sought back to this runner's position
  // in it (for one just assigned: its concrete start), which fetches the new ones again.
  // A callback inside the first call comes before the message it returns.
  size_t pollScaleOut(uint32_t capacity) {
    rd_kafka_message_t* first = rd_kafka_consumer_poll(rk_, 50);
    if (!first) return 0;
    messages_[0] = first;
    const uint64_t before = rebalances_;
    const ssize_t more =
        capacity > 1 ? rd_kafka_consume_batch_queue(queue_, 0, messages_.data() + 1, capacity - 1)
                     : 0;
    const size_t n = 1 + (more > 0 ? static_cast<size_t>(more) : 0);
    if (rebalances_ == before) return n;
    PartitionList seekTo;
    for (size_t i = 0; i < n; ++i) {
      const rd_kafka_message_t* m = messages_[i];
      if (!m->err && m->rkt) {
        if (const PartitionState* p = find(m)) {
          // No concrete position (a start at the end): from the oldest message dropped.
          const int64_t to = p->position() >= 0 ? p->position() : m->offset;
          rd_kafka_topic_partition_t* e = rd_kafka_topic_partition_list_find(
              seekTo.get(), rd_kafka_topic_name(m->rkt), m->partition);
          if (!e)
            seekTo.add(p->topic, p->partition, to);
          else if (to < e->offset)
            e->offset = to;
        }
      }
      rd_kafka_message_destroy(messages_[i]);
    }
    if (seekTo.get()->cnt > 0) {
      if (rd_kafka_error_t* error = rd_kafka_seek_partitions(rk_, seekTo.get(), 5000)) {
        std::string text = rd_kafka_error_string(error);
        rd_kafka_error_destroy(error);
        throw NodeFailure(label_ + ": cannot go back to the positions after a rebalance: " + text);
      }
      for (int i = 0; i < seekTo.get()->cnt; ++i)
        if (seekTo.get()->elems[i].err)
          throw NodeFailure(label_ + ": cannot go back to the position of " +
                            std::string(seekTo.get()->elems[i].topic) + "[" +
                            std::to_string(seekTo.get()->elems[i].partition) +
                            "] after a rebalance: " + rd_kafka_err2str(seekTo.get()->elems[i].err));
    }
    ctx_->log().info("kafka", label_ + ": a rebalance came in the middle of a read; " +
                                  std::to_string(n) + " message(s) dropped, " +
                                  std::to_string(seekTo.get()->cnt) +
                                  " partition(s) read again from their position");
    return 0;
  }

  // Scale-out (inside poll, on the source's thread): what this runner did with the revoked
  // partitions commits before they go: a checkpoint now, whose snapshot tells the windows to
  // write and drop their state, and whose transaction (or offset commit) completes before the
  // new owner starts reading (Kafka Streams commits in onPartitionsRevoked the same way).
  void commitBeforeRevoke(rd_kafka_topic_partition_list_t* parts) {
    bool owned = false;
    for (int i = 0; i < parts->cnt; ++i)
      if (find(std::string_view(parts->elems[i].topic), parts->elems[i].partition)) {
        revoked_.emplace_back(parts->elems[i].topic, parts->elems[i].partition);
        owned = true;
      }
    if (!owned) return;
    const uint64_t id = ctx_->checkpointNow();
    if (id == 0) return;  // the run is stopping: its savepoint commits instead
    if (!ctx_->waitForCheckpoint(id)) {
      ctx_->log().warn("kafka", label_ + ": checkpoint " + std::to_string(id) +
                                    " before giving up partitions did not complete; the new owner "
                                    "repeats what it does not cover");
      return;
    }
    if (ledger_ && ledger_->hasTransactionalCommitter()) {
      if (!ledger_->waitCommitted(id, std::chrono::milliseconds(kRevokeCommitTimeoutMs),
                                  [this] { return ctx_->stopRequested(); }))
        ctx_->log().warn("kafka", label_ + ": the transaction of checkpoint " + std::to_string(id) +
                                      " did not commit before the partitions went");
    } else {
      notifyCheckpointComplete(id);
    }
    std::string positions;
    for (const auto& p : partitions_)
      positions += (positions.empty() ? " (" : ", ") + std::string(p.topic) + "[" +
                   std::to_string(p.partition) + "] at " + std::to_string(p.position());
    if (!positions.empty()) positions += ")";
    ctx_->log().info("kafka", label_ + ": committed checkpoint " + std::to_string(id) +
                                  " before giving up " + std::to_string(parts->cnt) +
                                  " partition(s)" + positions);
  }

  // Scale-out: tells the windows, with checkpoint `id`, which partitions went to another runner
  // and which a bounded read finished (see ScaleOutRegistry).
  void reportScaleOutEvents(uint64_t id) {
    for (auto& [topic, partition] : revoked_)
      scaleOutRegistry_->addEvent({ScaleOutRegistry::EventKind::Revoked, topic, partition, id});
    revoked_.clear();
    if (!bounded_) return;
    for (auto& p : partitions_)
      if (p.done && !p.endReported && !waitsForChangelog(p.topic, p.partition)) {
        p.endReported = true;
        scaleOutRegistry_->addEvent(
            {ScaleOutRegistry::EventKind::Ended, std::string(p.topic), p.partition, id});
      }
  }

  // Bounded scale-out: the end offset (read_committed) of each partition, the first time it is
  // assigned in this run; later assignments keep it.
  std::map<std::pair<std::string, int32_t>, int64_t> endOffsets(
      const rd_kafka_topic_partition_list_t* parts) {
    PartitionList query;
    for (int i = 0; i < parts->cnt; ++i)
      if (!ends_.count({parts->elems[i].topic, parts->elems[i].partition}))
        query.add(parts->elems[i].topic, parts->elems[i].partition, -1);
    if (query.get()->cnt > 0) {
      const auto giveUp =
          std::chrono::steady_clock::now() + std::chrono::milliseconds(kScaleOutStartTimeoutMs);
      auto answered = [&] {
        if (rd_kafka_offsets_for_times(rk_, query.get(), 5000) != RD_KAFKA_RESP_ERR_NO_ERROR)
          return false;
        for (int i = 0; i < query.get()->cnt; ++i)
          if (query.get()->elems[i].err || query.get()->elems[i].offset < 0) return false;
        return true;
      };
      while (!answered()) {
        for (int i = 0; i < query.get()->cnt; ++i)
          query.get()->elems[i].offset = -1, query.get()->elems[i].err = RD_KAFKA_RESP_ERR_NO_ERROR;
        if (std::chrono::steady_clock::now() >= giveUp || ctx_->stopRequested())
          throw NodeFailure(label_ + ": cannot find the end offsets of the assigned partitions");
      }
      for (int i = 0; i < query.get()->cnt; ++i) {
        const auto& e = query.get()->elems[i];
        ends_[{e.topic, e.partition}] = e.offset;
      }
    }
    return ends_;
  }

  // Bounded scale-out: once every partition of this runner is read to its end, a checkpoint now
  // rather than at the next interval tells the windows (Ended), which fire what they hold, and
  // commits the results with the end offsets, so the group, and a repartition hop's readers,
  // learn of the end at once (with the default 10 s interval each stage waited up to 10 s).
  void checkpointAtTheEnd(int64_t now) {
    if (partitions_.empty() || now < nextEndCheckpointMs_) return;
    bool unreported = false;
    for (const auto& p : partitions_) {
      if (!p.done) return;
      unreported = unreported || (!p.endReported && !waitsForChangelog(p.topic, p.partition));
    }
    if (!unreported) return;
    nextEndCheckpointMs_ = now + 500;  // until this checkpoint's barrier reported the ends
    if (const uint64_t id = ctx_->checkpointNow(); id != 0)
      ctx_->log().info("kafka", label_ +
                                    ": every partition of this runner is read to its end; "
                                    "checkpoint " +
                                    std::to_string(id) + " now");
  }

  // Bounded scale-out: this runner ends once its own partitions are done and the group has
  // committed the end offset of every partition of its topics, so partitions of a runner that
  // died are never left without a reader by runners that finished first. Since a partition's
  // last results commit with its end offset (ScaleOutRegistry: Ended), a committed end means
  // they are written. Asks the cluster at most every 250 ms.
  bool groupFinished(int64_t now) {
    if (repartitionReader_ && !readerEndsKnown_) return false;
    for (const auto& p : partitions_)
      if (!p.done) return false;
    if (now - lastGroupCheckMs_ < 250) return false;
    lastGroupCheckMs_ = now;
    const rd_kafka_metadata_t* md = nullptr;
    if (rd_kafka_metadata(rk_, 1, nullptr, &md, kMetadataTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
      return false;
    PartitionList all;
    for (int t = 0; t < md->topic_cnt; ++t) {
      std::string name = md->topics[t].topic;
      if (md->topics[t].err || !matches(name)) continue;
      for (int p = 0; p < md->topics[t].partition_cnt; ++p)
        all.add(name, md->topics[t].partitions[p].id, RD_KAFKA_OFFSET_INVALID);
    }
    rd_kafka_metadata_destroy(md);
    if (all.get()->cnt == 0) return false;
    std::map<std::pair<std::string, int32_t>, int64_t> ends;
    if (repartitionReader_) {
      auto stable = stableEnds(all.get());
      if (!stable) return false;
      ends = std::move(*stable);
    } else {
      ends = endOffsets(all.get());
    }
    if (rd_kafka_committed(rk_, all.get(), 2000) != RD_KAFKA_RESP_ERR_NO_ERROR) return false;
    for (int i = 0; i < all.get()->cnt; ++i) {
      const auto& e = all.get()->elems[i];
      const int64_t end = ends.at({e.topic, e.partition});
      if (end > 0 && (e.err || e.offset < end)) return false;
    }
    ctx_->log().info("kafka", label_ + ": every partition of group '" + groupId_ +
                                  "' is read to its end; this runner ends");
    return true;
  }

  // Bounded scale-out, the reader of a repartition topic: once every upstream source of the run
  // has finished (the group committed the end of every upstream partition, and with it every
  // record and "ended" marker of the hop), each partition's end is known as soon as no
  // transaction is open on it (stableEnds); until then it reads on. Checked every 100 ms.
  void learnRepartitionEnds(int64_t now) {
    if (now < nextEndCheckMs_ || !scaleOutRegistry_->upstreamFinished()) return;
    nextEndCheckMs_ = now + 100;
    if (!readerEndsKnown_)
      ctx_->log().info("kafka", label_ +
                                    ": the upstream finished; reading the repartition topic "
                                    "to its end");
    readerEndsKnown_ = true;
    PartitionList open;
    for (const auto& p : partitions_)
      if (p.end == INT64_MAX) open.add(p.topic, p.partition, -1);
    if (open.get()->cnt == 0) return;
    const auto ends = stableEnds(open.get());
    if (!ends) return;
    for (auto& p : partitions_) {
      if (p.end != INT64_MAX) continue;
      p.end = ends->at({std::string(p.topic), p.partition});
      p.done = p.end <= 0 || (p.position() >= 0 && p.position() >= p.end);
    }
  }

  // A repartition topic's ends: each partition's high watermark, once no transaction is open on
  // it (its last stable offset reached the high watermark). An open transaction (a dead
  // runner's, until the broker aborts it) holds the last stable offset back below records
  // other runners committed after it. nullopt: some partition is not stable yet.
  std::optional<std::map<std::pair<std::string, int32_t>, int64_t>> stableEnds(
      const rd_kafka_topic_partition_list_t* parts) {
    openChangelogProbe();
    std::map<std::pair<std::string, int32_t>, int64_t> ends;
    for (int i = 0; i < parts->cnt; ++i) {
      const auto& e = parts->elems[i];
      int64_t low = 0, lso = -1, high = -1;
      if (rd_kafka_query_watermark_offsets(rk_, e.topic, e.partition, &low, &lso,
                                           kStableQueryTimeoutMs) ||
          rd_kafka_query_watermark_offsets(changelogProbe_->handle(), e.topic, e.partition, &low,
                                           &high, kStableQueryTimeoutMs) ||
          lso < high)
        return std::nullopt;
      ends[{e.topic, e.partition}] = high;
    }
    return ends;
  }

  // The reader of a repartition topic: a watermark marker goes to the window (ScaleOutRegistry,
  // applied at the next barrier, after the records read before it), not downstream as a record.
  bool takeMarker(PartitionState& p, const rd_kafka_message_t* m) {
    rd_kafka_headers_t* headers = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    if (rd_kafka_message_headers(m, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR ||
        rd_kafka_header_get_last(headers, window::kRepartitionMarkerHeader, &value, &size) !=
            RD_KAFKA_RESP_ERR_NO_ERROR)
      return false;
    scaleOutRegistry_->addEvent(
        {ScaleOutRegistry::EventKind::Marker, std::string(p.topic), m->partition,
         lastCheckpoint_ + 1,
         std::string(static_cast<const char*>(m->payload), m->payload ? m->len : 0)});
    p.next = m->offset + 1;
    p.caughtUp = false;
    if (bounded_ && p.next >= p.end) p.done = true;
    return true;
  }

  bool allDone() const {
    for (const auto& p : partitions_)
      if (!p.done) return false;
    return assigned_;
  }

  // Appends one message as a row (or handles it as an event or a malformed record). Returns the
  // payload bytes taken.
  uint64_t append(Batch& batch, rd_kafka_message_t* m) {
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

  void handleEvent(const rd_kafka_message_t* m) {
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

  void malformed(const rd_kafka_message_t* m, std::string_view why) {
    std::string where = std::string(rd_kafka_topic_name(m->rkt)) + "[" +
                        std::to_string(m->partition) + "]@" + std::to_string(m->offset);
    std::string_view payload(static_cast<const char*>(m->payload), m->payload ? m->len : 0);
    if (onError_ == OnError::Fail)
      throw NodeFailure(label_ + ": message " + where + " is not a JSON object (" +
                        std::string(why) +
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

  bool writesDeadLetters() const {
    return onError_ == OnError::DeadLetter || timestampErrors_ == TimestampErrorPolicy::DeadLetter;
  }

  // A record already in a batch (on_timestamp_error: dead_letter) to the dead-letter topic, with
  // the same headers as a malformed message.
  void deadLetterRow(const Batch& b, uint32_t row, const std::string& why) {
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

  void deadLetter(const rd_kafka_message_t* m, std::string_view why) {
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

  void rethrowPending() {
    if (!pendingError_.empty()) throw NodeFailure(pendingError_);
    if (deadLetters_)
      if (std::string error = deadLetters_->failure(); !error.empty()) throw NodeFailure(error);
    if (consumer_) {
      std::string fatal = consumer_->fatalError();
      if (!fatal.empty()) throw NodeFailure(label_ + ": " + fatal);
    }
  }

  void advanceWatermark(Emitter& out, int64_t now) {
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
  void markPartitionsWithDataActive(int64_t now) {
    for (const auto& p : partitions_) {
      if (p.caughtUp || p.position() < 0 || (bounded_ && p.done)) continue;
      int64_t low = -1, high = -1;
      rd_kafka_get_watermark_offsets(rk_, topicCString(p.topic), p.partition, &low, &high);
      if (high > p.position()) watermarks_.markActive(p.topic, p.partition, now);
    }
  }

  // RecordMeta::topic views point into topicNames_, whose strings are NUL-terminated.
  static const char* topicCString(std::string_view topic) { return topic.data(); }

  void updateMetrics(int64_t now) {
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

  // configuration
  std::string label_;
  ConnectionSettings settings_;
  ResolvedConnection connection_;
  std::vector<std::string> topics_;
  std::string pattern_;
  std::shared_ptr<const std::regex> patternRegex_;  // pattern_ without its leading '^'
  std::string groupId_;
  StartPosition start_;
  bool bounded_ = false;
  bool text_ = false;
  OnError onError_ = OnError::Skip;
  std::string deadLetterTopic_;
  TimestampErrorPolicy timestampErrors_ = TimestampErrorPolicy::Late;
  uint32_t valueSlot_ = 0;
  HeaderUse headerUse_ = HeaderUse::Everywhere;
  WatermarkGenerator watermarks_;

  // run
  RunContext* ctx_ = nullptr;
  std::unique_ptr<KafkaClient> consumer_;
  std::unique_ptr<DeadLetterWriter> deadLetters_;
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_queue_t* queue_ = nullptr;
  std::unique_ptr<JsonFieldExtractor> extractor_;
  std::vector<rd_kafka_message_t*> messages_;
  HeldMessages held_;                   // this poll's messages, when only sinks read headers
  std::deque<std::string> topicNames_;  // stable storage behind RecordMeta::topic
  std::vector<PartitionState> partitions_;
  size_t last_ = 0;
  std::set<std::pair<std::string, int32_t>> seen_;
  CheckpointOffsets offsets_;             // per checkpoint, restored, committed
  std::shared_ptr<OffsetLedger> ledger_;  // positions per checkpoint, for transactional sinks
  bool assigned_ = false;
  // scale-out
  bool scaleOut_ = false;
  bool inPoll_ = false;       // inside librdkafka's poll, where rebalance callbacks run
  uint64_t rebalances_ = 0;   // rebalance callbacks so far
  bool cooperative_ = false;  // the group's rebalance protocol, as last known
  std::shared_ptr<ScaleOutRegistry> scaleOutRegistry_;
  std::shared_ptr<state::LocalCheckpoints> local_;           // this runner's, when it keeps them
  std::string lastCommitNote_;                               // metadata of the last plain commit
  std::vector<std::pair<std::string, int32_t>> revoked_;     // reported with the next checkpoint
  std::map<std::pair<std::string, int32_t>, int64_t> ends_;  // bounded: end offset per partition
  struct ChangelogWait {
    std::string topic;
    int32_t partition;
    int64_t sinceMs;
  };
  std::vector<ChangelogWait> waitingForChangelog_;  // paused until their changelogs are stable
  std::set<std::pair<std::string, int32_t>> pausedWhenRevoked_;  // revoked while waiting
  int64_t nextStableCheckMs_ = 0;
  std::unique_ptr<KafkaClient> changelogProbe_;  // read_uncommitted: high watermarks
  int64_t lastGroupCheckMs_ = 0;
  // repartition hops (engine/graph/RepartitionPlan.h)
  std::string nodeId_;
  std::string instance_;        // scale-out: this runner's --instance (its static group membership)
  std::string staticMemberId_;  // its group.instance.id, when a static member
  bool repartitionReader_ = false;  // reads a repartition topic: markers go to the window
  bool feedsRepartition_ = false;   // another source of a run with hops
  bool readerEndsKnown_ = false;    // bounded reader: the upstream finished
  int64_t nextEndCheckMs_ = 0;
  int64_t nextEndCheckpointMs_ = 0;
  uint64_t lastCheckpoint_ = 0;  // the newest checkpoint this source took part in
  std::atomic<bool> stopRequested_{false};
  std::string pendingError_;
  std::set<int> reportedEvents_;
  uint64_t malformedCount_ = 0;

  // metrics
  // (lag, lag_ms) per partition
  std::map<std::pair<std::string, int32_t>, std::pair<Gauge*, Gauge*>> lagGauges_;
  Gauge* lagTotal_ = nullptr;
  Gauge* lagMsTotal_ = nullptr;  // the most any partition is behind in time (ms)
  Gauge* assignedGauge_ = nullptr;
  Gauge* fetchRate_ = nullptr;
  Gauge* connectedGauge_ = nullptr;
  uint64_t fetched_ = 0;
  int64_t lastMetricsMs_ = 0;
};

}  // namespace

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
