#pragma once
// Source offsets per checkpoint, shared by the Kafka nodes of one run that talk to one cluster,
// so a transactional sink can commit them atomically with its records
// (send_offsets_to_transaction) instead of the source committing them on its own afterwards.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

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
  std::map<std::string, Offsets> upTo(uint64_t id) {
    std::lock_guard lock(mutex_);
    std::map<std::string, Offsets> out;
    for (auto& [group, byId] : entries_) {
      auto it = byId.upper_bound(id);
      if (it == byId.begin()) continue;
      --it;
      out[group] = it->second;
      byId.erase(byId.begin(), it);
    }
    return out;
  }

  // A transactional sink commits the sources' offsets; the sources then leave it to it.
  void setTransactionalCommitter() { transactional_ = true; }
  bool hasTransactionalCommitter() const { return transactional_; }

 private:
  std::mutex mutex_;
  std::map<std::string, std::map<uint64_t, Offsets>> entries_;
  std::atomic<bool> transactional_{false};
};

}  // namespace sc::kafka
