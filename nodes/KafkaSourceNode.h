#pragma once
// kafka.source's node class, private to its implementation files (other code reaches the node
// type through kafkaSourceSpec, nodes/NodeTypes.h):
//   KafkaSourceNode.cpp        configuration, the run's life cycle, polling, decoding, dead
//                              letters, checkpoints, metrics and the spec
//   KafkaSourceAssignment.cpp  start offsets, bounded assignment, group rebalances (assign,
//                              revoke, a rebalance inside a batch read) and the scale-out wait
//                              for changelogs with an open transaction
//   KafkaSourceScaleOut.cpp    bounded scale-out: end offsets, the group's end (groupFinished),
//                              events for the windows, the repartition-hop reader
#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/kafka/CheckpointOffsets.h"
#include "engine/kafka/DeadLetterWriter.h"
#include "engine/kafka/KafkaClient.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/OffsetLedger.h"
#include "engine/kafka/ScaleOutRegistry.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/WatermarkGenerator.h"
#include "engine/state/LocalCheckpoints.h"
#include "nodes/KafkaHeaders.h"
#include "nodes/RecordJson.h"

namespace sc::kafkasource {

using namespace sc::kafka;

constexpr size_t kMaxPartitionGauges = 64;
constexpr int kMetadataTimeoutMs = 200;     // poll() must come back within ~100 ms
constexpr int kCommittedTimeoutMs = 10000;  // the group's offsets, once per assignment
constexpr int kMalformedSamples = 3;
constexpr int kScaleOutStartTimeoutMs = 60000;  // offsets of a dead runner's open transaction
constexpr int kRevokeCommitTimeoutMs = 60000;
constexpr int kStableQueryTimeoutMs = 1000;

inline int64_t nowMs() {
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
  void configure(const NodeConfig& cfg, PlanContext& plan) override;
  void acquire(PlanContext& plan) override;
  void setWatermarkStrategy(const WatermarkStrategy& s) override;

  bool hasState() const override { return true; }
  bool reportsReadiness() const override { return true; }

  void open(RunContext& ctx) override;
  void whileBlocked() override;
  Poll poll(Emitter& out) override;
  void snapshotState(uint64_t checkpointId, state::StateWriter& w) override;
  void restoreState(state::StateReader& r) override;
  void notifyCheckpointComplete(uint64_t checkpointId) override;

  void requestStop() override { stopRequested_.store(true); }

  void beforeHandOff(Batch& batch) override;
  void close() override;

  ~KafkaSourceNode() override { close(); }

 private:
  std::string describeTopics() const;
  std::string_view topicName(const char* name);
  PartitionState* find(std::string_view topic, int32_t partition);
  PartitionState* find(const rd_kafka_message_t* m);
  Gauge* lagGauge(std::string_view topic, int32_t partition);
  Gauge* lagMsGauge(std::string_view topic, int32_t partition);
  void registerPartitionGauges(NodeMetrics& m);
  void subscribe();
  bool matches(const std::string& topic) const;

  // KafkaSourceAssignment.cpp: which partitions this source reads and from where
  bool assignBounded();
  bool startOffsets(const rd_kafka_topic_partition_list_t* partitions, PartitionList& out);
  void onRebalance(int err, rd_kafka_topic_partition_list_t* parts);
  void assign(rd_kafka_topic_partition_list_t* parts, bool cooperative);
  std::string busyChangelog(int32_t partition);
  void openChangelogProbe();
  void releaseStablePartitions(int64_t now);
  bool waitsForChangelog(std::string_view topic, int32_t partition) const;
  std::string describeStarts(const rd_kafka_topic_partition_list_t* starts) const;
  void revoke(rd_kafka_topic_partition_list_t* parts);
  size_t pollScaleOut(uint32_t capacity);
  void commitBeforeRevoke(rd_kafka_topic_partition_list_t* parts);

  // KafkaSourceScaleOut.cpp: a bounded group's end, events for the windows, hop readers
  void useLocalCheckpoints(RunContext& ctx);
  void reportScaleOutEvents(uint64_t id);
  std::map<std::pair<std::string, int32_t>, int64_t> endOffsets(
      const rd_kafka_topic_partition_list_t* parts);
  void checkpointAtTheEnd(int64_t now);
  bool groupFinished(int64_t now);
  void learnRepartitionEnds(int64_t now);
  std::optional<std::map<std::pair<std::string, int32_t>, int64_t>> stableEnds(
      const rd_kafka_topic_partition_list_t* parts);
  bool takeMarker(PartitionState& p, const rd_kafka_message_t* m);

  bool allDone() const;
  uint64_t append(Batch& batch, rd_kafka_message_t* m);
  void handleEvent(const rd_kafka_message_t* m);
  void malformed(const rd_kafka_message_t* m, std::string_view why);
  bool writesDeadLetters() const;
  void deadLetterRow(const Batch& b, uint32_t row, const std::string& why);
  void deadLetter(const rd_kafka_message_t* m, std::string_view why);
  void rethrowPending();
  void advanceWatermark(Emitter& out, int64_t now);
  void markPartitionsWithDataActive(int64_t now);

  // RecordMeta::topic views point into topicNames_, whose strings are NUL-terminated.
  static const char* topicCString(std::string_view topic) { return topic.data(); }

  void updateMetrics(int64_t now);

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

}  // namespace sc::kafkasource
