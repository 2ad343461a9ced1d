#pragma once
// Source-side event-time tracking (Flink's BoundedOutOfOrdernessWatermarks per partition):
// each partition's watermark is (largest event time seen) - maxOutOfOrderness - 1; the source's
// watermark is the minimum over active partitions, idle ones excluded, and never moves back.

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graph/NodeSpec.h"
#include "engine/runtime/Context.h"

namespace sc {

class Batch;
struct Gauge;
struct NodeMetrics;
namespace state {
class StateWriter;
class StateReader;
}  // namespace state
namespace expr {
class Expression;
class EvalScratch;
}  // namespace expr

// What a source does with a record whose timestamp expression gives no usable time (missing,
// null, not a number or ISO-8601 string). Such a record never moves the watermark.
enum class TimestampErrorPolicy {
  Late,        // marked (RecordMeta::noEventTime): windows send it to `late`, or count and drop it
  DeadLetter,  // handed to the source's dead-letter writer, then dropped
  Skip,        // counted and dropped
  Fail,        // the run fails, naming the node and the record's position
};
bool parseTimestampErrorPolicy(std::string_view text, TimestampErrorPolicy& out);
// The `on_timestamp_error` property every source declares (one definition for all of them);
// dead_letter is offered only by sources that have a dead-letter destination.
PropertySpec onTimestampErrorProperty(bool offersDeadLetter);

struct TimestampErrorHandling {
  TimestampErrorPolicy policy = TimestampErrorPolicy::Late;
  std::string nodeId;
  // How the record's position reads in messages: "line" gives "line 17" ($offset); records with
  // a topic read "topic 'c' partition 0 offset 17".
  std::string positionLabel = "record";
  Gauge* counter = nullptr;  // the source's `timestamp_errors` gauge
  // DeadLetter: writes row `row` of the batch elsewhere (throws NodeFailure when it cannot).
  std::function<void(const Batch&, uint32_t row, const std::string& why)> deadLetter;
};

class WatermarkGenerator {
 public:
  static constexpr int64_t kNoWatermark = std::numeric_limits<int64_t>::min();

  WatermarkGenerator();  // out of line: members hold incomplete expression types
  explicit WatermarkGenerator(const WatermarkStrategy& s);
  ~WatermarkGenerator();
  WatermarkGenerator(WatermarkGenerator&&) noexcept;
  WatermarkGenerator& operator=(WatermarkGenerator&&) noexcept;

  bool enabled() const { return enabled_; }
  const WatermarkStrategy& strategy() const { return strategy_; }

  // Compiles the strategy's timestamp expression. The executor interned its fields into the
  // pipeline's slot table at plan time, so sources call this in open() with RunContext::slotTable()
  // (compiling against a copy keeps slot ids identical). False with a message on failure.
  bool compile(const SlotTable& slots, std::string* error);
  // How records without a usable event time are handled (default: Late, nothing counted).
  void setTimestampErrorHandling(TimestampErrorHandling handling);
  uint64_t timestampErrors() const { return timestampErrors_; }

  // Event time of every row of `batch` (epoch ms): the timestamp expression, a number or an
  // ISO-8601 string, written into meta(row).timestamp so downstream windows read it as
  // $timestamp. A row without a usable time follows the timestamp error policy (it may be
  // removed from the batch; Fail throws NodeFailure) and is never observed.
  void stamp(Batch& batch);
  // stamp(), then observes every row with an event time.
  void stampAndObserve(Batch& batch, int64_t nowMs);

  // Partition bookkeeping (Kafka assignment changes), keyed by (topic, partition): c/0 and d/0
  // are different partitions. A partition counts as active from here. The overloads without a
  // topic are for single-stream sources (topic "").
  void addPartition(std::string_view topic, int32_t partition, int64_t nowMs);
  void removePartition(std::string_view topic, int32_t partition);
  void observe(std::string_view topic, int32_t partition, int64_t eventTimeMs, int64_t nowMs);
  // The partition has data waiting that the source has not read yet (it was busy elsewhere or
  // blocked by back-pressure): it is not idle, whatever the time since its last record.
  void markActive(std::string_view topic, int32_t partition, int64_t nowMs);
  void addPartition(int32_t partition, int64_t nowMs) { addPartition({}, partition, nowMs); }
  void removePartition(int32_t partition) { removePartition({}, partition); }
  void observe(int32_t partition, int64_t eventTimeMs, int64_t nowMs) {
    observe({}, partition, eventTimeMs, nowMs);
  }
  size_t partitionCount() const { return partitions_.size(); }

  // Publishes the event-time state as named gauges of `metrics` for observers (the designer's
  // canvas), updated by current() (once per tick or batch, never per record):
  // "event_time_newest" (largest event time seen, ms), "idle_timeout_ms" (the strategy's), and
  // per named partition (up to kMaxPartitionGauges) "event_time TOPIC[P]" (its largest event
  // time, INT64_MIN before data) and "last_seen TOPIC[P]" (wall-clock ms of its last record or of
  // its assignment). Single-stream sources (topic "") get the node-wide gauges only.
  void publishTo(NodeMetrics& metrics);
  static constexpr size_t kMaxPartitionGauges = 64;

  // Checkpoints: the largest event time per partition and the watermark emitted so far. On
  // restore partitions count as just seen (idleness restarts from the restore).
  void save(state::StateWriter& out) const;
  void load(state::StateReader& in, int64_t nowMs);

  // The combined watermark now (kNoWatermark until an active partition has data), monotonic.
  int64_t current(int64_t nowMs);
  // True when the watermark advanced since the last call; `out` gets the new value.
  bool advance(int64_t nowMs, int64_t& out);

 private:
  struct PartitionState {
    std::string topic;
    int32_t partition = 0;
    int64_t maxEventTime = kNoWatermark;
    int64_t lastSeenMs = 0;
    Gauge* eventTimeGauge = nullptr;  // publishTo(): null when not published
    Gauge* lastSeenGauge = nullptr;
  };
  void publishPartition(PartitionState& p);
  void updateGauges();
  PartitionState& partition(std::string_view topic, int32_t partition);

  WatermarkStrategy strategy_;
  bool enabled_ = false;
  std::vector<PartitionState> partitions_;  // few (assigned partitions): a scan beats hashing
  int64_t emitted_ = kNoWatermark;
  int64_t last_ = kNoWatermark;
  std::unique_ptr<expr::Expression> timestamp_;
  std::unique_ptr<expr::EvalScratch> scratch_;
  TimestampErrorHandling errors_;
  uint64_t timestampErrors_ = 0;
  std::vector<uint8_t> keep_;
  NodeMetrics* metrics_ = nullptr;
  Gauge* newestGauge_ = nullptr;
  size_t publishedPartitions_ = 0;
};

// Parses an ISO-8601 date-time ("2026-11-26T10:15:30Z", with fraction and offset) into epoch ms.
bool parseIso8601Ms(std::string_view text, int64_t& out);

}  // namespace sc
