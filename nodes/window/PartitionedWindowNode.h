#pragma once
// A window in scale-out mode (settings.scale_out): one window node of the same type per input
// (topic, partition), each with its own event time, state and changelog entry, so the state of
// a partition can move with the partition to another runner (docs/scale-out.md).
//
//  - Records: the source cuts batches at partition changes; a batch goes to its partition's
//    window (batches that mix partitions are split). A partition's window is created when its
//    first record arrives, and restored from the changelog before it takes that record.
//  - Event time per partition (as Kafka Streams' stream time per task): the newest record time
//    of the partition minus max_out_of_orderness. The run's combined watermark is passed on
//    downstream but fires nothing: a partition that moved keeps the time it had reached, and
//    its records are never late because another partition ran ahead.
//  - At checkpoint N: every partition's window takes its snapshot (the window's deterministic
//    encoding); snapshots that changed since their last write go to the changelog, under
//    exactly_once in the run's shared Kafka transaction (with the output and the offsets).
//    Partitions the source gave up with checkpoint N are dropped after that write; partitions a
//    bounded source finished by N fire what they hold first.
//
// Behind a repartition hop (engine/graph/RepartitionPlan.h) it reads the repartition topic, one
// window per partition of it, and its event time comes from the hop's watermark markers, not
// from record times: per partition, the minimum over the upstream partitions' newest markers
// (RepartitionMarkers.h), kept in the partition's snapshot so it moves with the partition. When
// every upstream partition has ended, the partition fires everything.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/graph/Json.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/RepartitionPlan.h"
#include "engine/kafka/TransactionalProducer.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "nodes/window/RepartitionMarkers.h"

namespace sc {
struct NodeSpec;
class SlotTable;
namespace kafka {
class ScaleOutRegistry;
}  // namespace kafka
namespace state {
class LocalCheckpoints;
}  // namespace state
}  // namespace sc

namespace sc::window {

class PartitionedWindowNode final : public Node {
 public:
  explicit PartitionedWindowNode(const NodeSpec& spec);
  ~PartitionedWindowNode() override;

  void configure(const NodeConfig& config, PlanContext& plan) override;
  void open(RunContext& ctx) override;
  void process(int port, Batch* batch, Emitter& out) override;
  void onWatermark(int64_t watermarkMs, Emitter& out) override;
  int64_t tickIntervalMs() const override;
  void onTick(int64_t nowMs, Emitter& out) override;
  void onBarrier(uint64_t checkpointId, Emitter& out) override;
  bool hasState() const override { return true; }
  void snapshotState(uint64_t checkpointId, state::StateWriter& out) override;
  void restoreState(state::StateReader& in) override;
  void finish(Emitter& out) override;
  void close() override;

 private:
  // What a partition's window emits goes to the real output; its watermarks do not (the
  // node forwards the run's watermark itself).
  class PartitionEmitter final : public Emitter {
   public:
    Emitter* out = nullptr;
    Batch* acquire() override { return out->acquire(); }
    void emit(int port, Batch* batch) override { out->emit(port, batch); }
    void release(Batch* batch) override { out->release(batch); }
    bool connected(int port) const override { return out->connected(port); }
    void emitWatermark(int64_t) override {}
  };
  struct Partition {
    std::unique_ptr<Node> node;
    int64_t maxTimestamp = INT64_MIN;  // newest record time seen
    int64_t eventTime = INT64_MIN;     // the watermark given to `node`
    uint64_t writtenHash = 0;          // of the snapshot last in the changelog
    bool written = false;
    uint64_t revokedAt = 0;  // dropped after the snapshot of this checkpoint (0: kept)
    MarkerMerge markers;     // behind a hop: the upstream partitions' watermarks
    bool ended = false;      // behind a hop: every upstream partition ended, all fired
  };
  using Key = std::pair<std::string, int32_t>;

  Partition& partition(std::string_view topic, int32_t partition);
  void processOne(int port, Batch* batch);
  void handleEvents(uint64_t checkpointId);
  void applyMarker(const std::string& topic, int32_t partition, const std::string& json);
  void advanceHopTime(Partition& p);
  void prepareChangelog(const std::string& topic);
  void restoreFromChangelog(const Key& key, Partition& p, const std::string& why = {});
  // PartitionedWindowLocalRestore.cpp: from this runner's local checkpoint when its source
  // decided it is exactly the group's committed state, else from the changelog.
  void restorePartition(const Key& key, Partition& p);
  const std::string* localState(uint64_t checkpointId, const Key& key);
  static uint64_t stateHash(const std::string& bytes);
  void restoreSnapshot(Partition& p, const std::string& bytes, const std::string& what);
  void writeChangelog(uint64_t checkpointId, const Key& key, const std::string& snapshot);
  void commitPrevious();
  void throwIfDeliveryFailed();

  const NodeSpec& spec_;
  std::optional<NodeConfig> config_;
  Json document_;
  SlotTable* slots_ = nullptr;
  std::string pipelineName_, nodeId_, label_;
  bool exactlyOnce_ = false;
  WatermarkStrategy strategy_;
  bool hasStrategy_ = false;
  std::unique_ptr<Node> prototype_;     // configured at plan time: tick interval, validation
  std::optional<RepartitionRole> hop_;  // set: behind a repartition hop

  RunContext* ctx_ = nullptr;
  PartitionEmitter emitter_;
  std::map<Key, Partition> partitions_;
  std::vector<std::string> topicsSeen_;

  // scale-out events from the sources (ScaleOutRegistry)
  std::shared_ptr<kafka::ScaleOutRegistry> registry_;
  size_t eventsRead_ = 0;
  struct PendingEvent;
  std::vector<std::unique_ptr<PendingEvent>> pendingEvents_;

  // local checkpoints (scale-out's fast path of a restart): the partitions' states of the one
  // last read
  std::shared_ptr<state::LocalCheckpoints> local_;
  uint64_t localId_ = 0;
  std::map<Key, std::string> localStates_;

  // changelog
  std::string changelogTopic_;
  std::string connectionName_;
  int changelogPartitions_ = 0;
  uint64_t writer_ = 0;  // tells this process's snapshots from others' in the changelog
  std::unique_ptr<kafka::KafkaClient> restoreConsumer_;
  std::unique_ptr<kafka::KafkaClient> restoreProbe_;   // read_uncommitted: high watermarks
  std::unique_ptr<kafka::KafkaClient> producer_;       // at_least_once
  std::shared_ptr<kafka::TransactionalProducer> txn_;  // exactly_once: the run's transaction
  std::shared_ptr<kafka::TransactionalProducer::Member> member_;
  rd_kafka_t* rk_ = nullptr;
  // The checkpoint of the last barrier: the shared transaction holds records up to it until
  // it commits, so state written after it waits for that commit (commitPrevious).
  uint64_t previousCheckpoint_ = 0;
  std::mutex deliveryMutex_;
  std::string deliveryError_;
};

}  // namespace sc::window
