#pragma once
// Watermarks across a repartition hop (docs/scale-out.md). The hop's writer (kafka.sink) writes,
// at each checkpoint barrier and in that checkpoint's transaction, one marker record to every
// partition of the repartition topic: for each upstream (topic, partition) it owns, the
// watermark of what it wrote from there (newest event time - max_out_of_orderness - 1), whether
// a bounded read ended it, and the partition counts of the upstream topics. The window behind
// the hop keeps, per repartition partition, the newest marker watermark per upstream partition
// (a partition that moves between runners never moves time back) and takes the minimum: an
// upstream partition with no marker yet holds time back, an ended one does not count. Markers
// are read in order with the records, so a watermark never overtakes the records before it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc::state {
class StateWriter;
class StateReader;
}  // namespace sc::state

namespace sc::window {

// The Kafka header that makes a record of a repartition topic a marker.
inline constexpr const char* kRepartitionMarkerHeader = "streamcanvas-watermark";

struct UpstreamMark {
  int64_t watermark = INT64_MIN;  // INT64_MIN: no record yet
  bool ended = false;
  bool operator==(const UpstreamMark&) const = default;
};
using UpstreamPartition = std::pair<std::string, int32_t>;  // (topic, partition)

struct RepartitionMarker {
  std::map<UpstreamPartition, UpstreamMark> upstream;
  std::map<std::string, int32_t> partitions;  // partition count per upstream topic

  // {"upstream":[{"topic":..,"partition":..,"watermark":..,"ended":..}],"partitions":{..}}
  std::string encode() const;
  // nullopt (and `error` says why) when `json` is not a marker.
  static std::optional<RepartitionMarker> decode(std::string_view json, std::string* error);
};

// The writer's side: what it wrote per upstream partition it owns.
class MarkerTracker {
 public:
  // Records of (topic, partition) up to event time `newest` were written.
  void wrote(std::string_view topic, int32_t partition, int64_t newest);
  void ended(const std::string& topic, int32_t partition);
  // The partition went to another runner: it gets its last marker with the next write.
  void revoked(const std::string& topic, int32_t partition);
  void setPartitionCount(const std::string& topic, int32_t count) { counts_[topic] = count; }
  bool knowsPartitionCount(const std::string& topic) const { return counts_.count(topic) > 0; }
  std::vector<std::string> topics() const;
  bool empty() const { return owned_.empty(); }

  // The marker to write now (watermark: newest - maxOutOfOrderness - 1); then forgets what was
  // revoked or ended (an ended partition's marker is written once; its readers keep it).
  RepartitionMarker take(int64_t maxOutOfOrdernessMs);

 private:
  struct Owned {
    int64_t newest = INT64_MIN;
    bool ended = false;
    bool revoked = false;
  };
  std::map<UpstreamPartition, Owned> owned_;
  std::map<std::string, int32_t> counts_;
  // the entry of the last partition written (batches come one partition at a time)
  std::string lastTopic_;
  int32_t lastPartition_ = -1;
  Owned* last_ = nullptr;
};

// The reader's side, per repartition partition: the merged event time. Kept in the window's
// snapshot, so it moves with the partition through the changelog.
class MarkerMerge {
 public:
  // The upstream topics known from the plan (a topic no marker named yet holds time back).
  void expectTopics(const std::vector<std::string>& topics);
  void add(const RepartitionMarker& marker);
  // INT64_MIN: no time yet; INT64_MAX: every upstream partition ended.
  int64_t eventTime() const;
  bool allEnded() const { return eventTime() == INT64_MAX; }
  const std::map<UpstreamPartition, UpstreamMark>& upstream() const { return upstream_; }

  void save(state::StateWriter& out) const;
  void load(state::StateReader& in);  // throws state::StateError on damaged bytes
  bool operator==(const MarkerMerge&) const = default;

 private:
  std::map<UpstreamPartition, UpstreamMark> upstream_;
  std::map<std::string, int32_t> partitions_;  // -1: expected, count not known yet
};

}  // namespace sc::window
