#pragma once
// Scale-out mode (settings.scale_out): what the Kafka sources of a run tell the windows about
// their partitions, in step with checkpoint barriers. A source records an event while it takes
// its part of checkpoint N (before barrier N goes downstream); a window handles the events of
// checkpoints up to N when barrier N reaches it, so it sees them after every record of the
// partition that came before the barrier and before any record that came after.
//  - Revoked: the partition went to another runner; its state was written with checkpoint N, so
//    the window drops it (a stale copy would fire windows that now belong to the new owner).
//  - Ended: a bounded source read the partition to its end; the window fires what the partition
//    holds, so its last results commit with the offset at the end (docs/scale-out.md).
//  - Marker: the reader of a repartition topic read a watermark marker (payload: its JSON) of
//    the partition; tagged with the next checkpoint the source takes part in, so the window
//    applies it at that barrier, after every record read before it.
// Also where each topic is read from, for the windows' changelog topics. Thread-safe.

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "engine/kafka/KafkaConnection.h"

namespace sc::kafka {

class ScaleOutRegistry {
 public:
  static constexpr const char* kKey = "kafka.scale-out";

  enum class EventKind { Revoked, Ended, Marker };
  struct Event {
    EventKind kind;
    std::string topic;
    int32_t partition;
    uint64_t checkpointId;
    std::string payload = {};  // Marker: the marker's JSON
  };
  // How a topic is read: the connection and its name (to find the run's transactional
  // producer of that connection).
  struct TopicSource {
    ResolvedConnection connection;
    std::string connectionName;
    std::string groupId;
  };

  // A new attempt of the run (in-process restart) starts without the old events.
  void clearEvents() {
    std::lock_guard lock(mutex_);
    events_.clear();
  }
  void addEvent(Event e) {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(e));
  }
  // Events from index `from` on (a reader keeps its own position; events never go away).
  std::vector<Event> eventsFrom(size_t from) const {
    std::lock_guard lock(mutex_);
    if (from >= events_.size()) return {};
    return {events_.begin() + static_cast<std::ptrdiff_t>(from), events_.end()};
  }

  void setSource(const std::string& topic, TopicSource source) {
    std::lock_guard lock(mutex_);
    sources_.emplace(topic, std::move(source));
  }
  // Empty connectionName when no kafka.source reads `topic`.
  TopicSource source(const std::string& topic) const {
    std::lock_guard lock(mutex_);
    auto it = sources_.find(topic);
    return it == sources_.end() ? TopicSource{} : it->second;
  }

  // The windows' changelog topics (partition p holds the state of input partition p). A source
  // holds back a newly assigned partition until no transaction is open on these partitions, so
  // a window never waits for a dead runner's transaction while its own is open (the broker
  // would abort that one after transaction.timeout.ms and fence the runner).
  void addChangelog(const std::string& topic) {
    std::lock_guard lock(mutex_);
    if (std::find(changelogs_.begin(), changelogs_.end(), topic) == changelogs_.end())
      changelogs_.push_back(topic);
  }
  std::vector<std::string> changelogs() const {
    std::lock_guard lock(mutex_);
    return changelogs_;
  }

  // Bounded runs with a repartition hop: the readers of repartition topics learn where those
  // end only once every upstream source of the run has finished (the group committed the end
  // of every upstream partition, so every "ended" marker is in the repartition topic).
  void addUpstreamSource(const std::string& nodeId) {
    std::lock_guard lock(mutex_);
    upstreamRunning_.insert(nodeId);
  }
  void upstreamSourceFinished(const std::string& nodeId) {
    std::lock_guard lock(mutex_);
    upstreamRunning_.erase(nodeId);
  }
  bool upstreamFinished() const {
    std::lock_guard lock(mutex_);
    return upstreamRunning_.empty();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Event> events_;
  std::map<std::string, TopicSource> sources_;
  std::vector<std::string> changelogs_;
  std::set<std::string> upstreamRunning_;
};

}  // namespace sc::kafka
