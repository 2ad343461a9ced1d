#pragma once
// What a node sees of the pipeline at plan time and at run time.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/graph/HeaderUse.h"
#include "engine/graph/Json.h"

#include "engine/runtime/Log.h"
#include "engine/runtime/Metrics.h"
#include "engine/runtime/SlotTable.h"

namespace sc {

// How a window wants event time tracked. The executor hands the strategy to every source
// upstream of the window; sources generate watermarks per partition/input and send them in-band.
struct WatermarkStrategy {
  std::string timestamp = "$timestamp";  // expression: epoch ms number or ISO-8601 string
  int64_t maxOutOfOrdernessMs = 0;
  int64_t idleTimeoutMs = 0;  // 0: a silent partition holds the watermark back forever
  bool processingTime = false;
};

// Shared objects that live for one run, keyed by name (the embedded Kafka cluster, client
// handles shared between nodes of one connection). Thread-safe.
class ResourceRegistry {
 public:
  template <typename T>
  std::shared_ptr<T> getOrCreate(const std::string& key,
                                 const std::function<std::shared_ptr<T>()>& make) {
    std::lock_guard lock(mutex_);
    auto& slot = items_[key];
    if (!slot) slot = make();
    return std::static_pointer_cast<T>(slot);
  }
  void clear() {
    std::lock_guard lock(mutex_);
    items_.clear();
  }
  // The resource stored under `key` (null if none); the caller knows its type from the key.
  std::shared_ptr<void> find(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = items_.find(key);
    return it == items_.end() ? nullptr : it->second;
  }
  std::vector<std::string> keys() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [key, item] : items_)
      if (item) out.push_back(key);
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<void>> items_;
};

class PlanContext {
 public:
  PlanContext(SlotTable& slotTable, const Json& pipeline, ResourceRegistry& resources)
      : slots_(slotTable), pipeline_(pipeline), resources_(resources) {}

  SlotTable& slotTable() { return slots_; }
  // The whole resolved pipeline document (settings, connections) after ${VAR} substitution.
  const Json& pipeline() const { return pipeline_; }
  std::string pipelineName() const { return pipeline_.value("name", std::string("pipeline")); }
  ResourceRegistry& resources() { return resources_; }
  Logger& log() { return Logger::global(); }

  // Where the run reads Kafka headers (HeaderUse.h): sources may skip them, or parse them late.
  HeaderUse headerUse() const { return headerUse_; }
  void setHeaderUse(HeaderUse use) { headerUse_ = use; }

  // Called by a node during configure(): the sources upstream of it must produce watermarks.
  void requestWatermarks(const WatermarkStrategy& s) { requested_ = s, hasRequest_ = true; }
  // The executor reads and resets the request after each node's configure().
  bool takeRequest(WatermarkStrategy& out) {
    if (!hasRequest_) return false;
    out = requested_;
    hasRequest_ = false;
    return true;
  }

 private:
  SlotTable& slots_;
  const Json& pipeline_;
  ResourceRegistry& resources_;
  WatermarkStrategy requested_;
  bool hasRequest_ = false;
  HeaderUse headerUse_ = HeaderUse::Everywhere;
};

class RunContext {
 public:
  RunContext(std::string nodeId, NodeMetrics& metrics, const SlotTable& slotTable,
             ResourceRegistry& resources, const std::atomic<bool>& stop)
      : nodeId_(std::move(nodeId)),
        metrics_(metrics),
        slots_(slotTable),
        resources_(resources),
        stop_(stop) {}

  const std::string& nodeId() const { return nodeId_; }
  NodeMetrics& metrics() { return metrics_; }
  const SlotTable& slotTable() const { return slots_; }
  ResourceRegistry& resources() { return resources_; }
  Logger& log() { return Logger::global(); }
  bool stopRequested() const { return stop_.load(std::memory_order_relaxed); }
  // The node's state comes from checkpoint restoreId(): restoreState() follows open().
  bool restoring() const { return restoreId_ != 0; }
  uint64_t restoreId() const { return restoreId_; }
  void setRestoreId(uint64_t id) { restoreId_ = id; }
  // delivery: exactly_once for this run.
  bool exactlyOnce() const { return exactlyOnce_; }
  void setExactlyOnce(bool exactlyOnce) { exactlyOnce_ = exactlyOnce; }
  // Blocks until checkpoint `id` is durable (true) or failed, or the run stops (false). A sink
  // whose transaction must not take records after barrier `id` waits here before writing more.
  bool waitForCheckpoint(uint64_t id) const { return waitForCheckpoint_ && waitForCheckpoint_(id); }
  void setCheckpointWaiter(std::function<bool(uint64_t)> wait) {
    waitForCheckpoint_ = std::move(wait);
  }
  // Sources only, on their own thread (inside poll): starts a checkpoint at once and sends this
  // source's barrier for it (and for any other triggered one) downstream before returning its
  // id; 0 when the run is stopping. Scale-out: a consumer whose partitions are revoked commits
  // what it did with them first (as Kafka Streams does in onPartitionsRevoked).
  uint64_t checkpointNow() const { return checkpointNow_ ? checkpointNow_() : 0; }
  void setCheckpointNow(std::function<uint64_t()> now) { checkpointNow_ = std::move(now); }
  // settings.scale_out: several runners share the pipeline through Kafka.
  bool scaleOut() const { return scaleOut_; }
  void setScaleOut(bool scaleOut) { scaleOut_ = scaleOut; }

 private:
  std::string nodeId_;
  NodeMetrics& metrics_;
  const SlotTable& slots_;
  ResourceRegistry& resources_;
  const std::atomic<bool>& stop_;
  uint64_t restoreId_ = 0;
  bool exactlyOnce_ = false;
  std::function<bool(uint64_t)> waitForCheckpoint_;
  std::function<uint64_t()> checkpointNow_;
  bool scaleOut_ = false;
};

}  // namespace sc
