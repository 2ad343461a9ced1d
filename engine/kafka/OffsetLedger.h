#pragma once
// Source offsets per checkpoint, shared by the Kafka nodes of one run that talk to one cluster,
// so a transactional sink can commit them atomically with its records
// (send_offsets_to_transaction) instead of the source committing them on its own afterwards.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

typedef struct rd_kafka_consumer_group_metadata_s rd_kafka_consumer_group_metadata_t;

namespace sc::kafka {

class OffsetLedger {
 public:
  using Offsets = std::vector<std::tuple<std::string, int32_t, int64_t>>;  // topic, partition, next
  static constexpr uint64_t kFinal = UINT64_MAX;  // the part taken at the end of input

  static std::string key(const std::string& bootstrapServers) {
    return "kafka.offset-ledger:" + bootstrapServers;
  }

  // A source's position for `group` at checkpoint `id` (kFinal: at the end of its input).
  void record(uint64_t id, const std::string& group, Offsets offsets) {
    std::lock_guard lock(mutex_);
    entries_[group][id] = std::move(offsets);
  }

  // Per group, the newest position at or before checkpoint `id`; older entries are dropped.
  // `ids` (when given) gets the checkpoint each position is from.
  std::map<std::string, Offsets> upTo(uint64_t id, std::map<std::string, uint64_t>* ids = nullptr) {
    std::lock_guard lock(mutex_);
    std::map<std::string, Offsets> out;
    for (auto& [group, byId] : entries_) {
      auto it = byId.upper_bound(id);
      if (it == byId.begin()) continue;
      --it;
      out[group] = it->second;
      if (ids) (*ids)[group] = it->first;
      byId.erase(byId.begin(), it);
    }
    return out;
  }

  // A transactional sink commits the sources' offsets; the sources then leave it to it.
  void setTransactionalCommitter() { transactional_ = true; }
  bool hasTransactionalCommitter() const { return transactional_; }

  // The transaction of checkpoint `id` (and the offsets in it) committed.
  void noteCommitted(uint64_t id) {
    {
      std::lock_guard lock(mutex_);
      if (id > committed_) committed_ = id;
    }
    committedCv_.notify_all();
  }
  uint64_t committed() {
    std::lock_guard lock(mutex_);
    return committed_;
  }
  // Waits until checkpoint `id`'s transaction committed (true), `timeout` passed or `stop`
  // holds (false); `stop` is looked at every 50 ms.
  bool waitCommitted(uint64_t id, std::chrono::milliseconds timeout,
                     const std::function<bool()>& stop) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(mutex_);
    while (committed_ < id) {
      if (stop() || std::chrono::steady_clock::now() >= until) return false;
      committedCv_.wait_for(lock, std::chrono::milliseconds(50));
    }
    return true;
  }

  // Scale-out: the consumer of `group`, for its group metadata (generation, member id) in
  // send_offsets_to_transaction, so a runner the group has moved on from (a zombie) cannot
  // commit offsets for partitions it lost (KIP-447). The returned object is the caller's.
  using GroupMetadata = std::function<rd_kafka_consumer_group_metadata_t*()>;
  void setGroupMetadata(const std::string& group, GroupMetadata metadata) {
    std::lock_guard lock(mutex_);
    if (metadata)
      metadata_[group] = std::move(metadata);
    else
      metadata_.erase(group);
  }
  rd_kafka_consumer_group_metadata_t* groupMetadata(const std::string& group) {
    std::lock_guard lock(mutex_);
    auto it = metadata_.find(group);
    return it == metadata_.end() ? nullptr : it->second();
  }

  // Scale-out with local checkpoints: the offset metadata of a commit of checkpoint `id`'s
  // positions (state::LocalCheckpoints::commitMetadata), so a restarting runner can tell whether
  // its local checkpoint is what the group committed. Empty: none.
  using CommitMetadata = std::function<std::string(uint64_t id)>;
  void setCommitMetadata(CommitMetadata metadata) {
    std::lock_guard lock(mutex_);
    commitMetadata_ = std::move(metadata);
  }
  std::string commitMetadata(uint64_t id) {
    std::lock_guard lock(mutex_);
    return commitMetadata_ && id != kFinal ? commitMetadata_(id) : std::string();
  }

 private:
  std::mutex mutex_;
  std::condition_variable committedCv_;
  uint64_t committed_ = 0;
  std::map<std::string, GroupMetadata> metadata_;
  CommitMetadata commitMetadata_;
  std::map<std::string, std::map<uint64_t, Offsets>> entries_;
  std::atomic<bool> transactional_{false};
};

}  // namespace sc::kafka
