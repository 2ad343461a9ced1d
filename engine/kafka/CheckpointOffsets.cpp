#include "engine/kafka/CheckpointOffsets.h"

#include <algorithm>

namespace sc::kafka {

void CheckpointOffsets::restore(std::string topic, int32_t partition, int64_t offset) {
  restored_[{std::move(topic), partition}] = offset;
}

std::optional<int64_t> CheckpointOffsets::restored(std::string_view topic,
                                                   int32_t partition) const {
  auto it = restored_.find(key(topic, partition));
  if (it == restored_.end()) return std::nullopt;
  return it->second;
}

void CheckpointOffsets::assign(std::string_view topic, int32_t partition) {
  committed_[key(topic, partition)] = -1;
}

std::optional<int64_t> CheckpointOffsets::revoke(std::string_view topic, int32_t partition) {
  auto it = committed_.find(key(topic, partition));
  if (it == committed_.end()) return std::nullopt;
  const int64_t committed = it->second;
  committed_.erase(it);
  for (auto& [id, offsets] : pending_)
    std::erase_if(offsets, [&](const PartitionOffset& o) {
      return o.partition == partition && o.topic == topic;
    });
  if (committed < 0) return std::nullopt;
  return committed;
}

std::vector<PartitionOffset> CheckpointOffsets::take(uint64_t id,
                                                     std::vector<PartitionOffset> positions) {
  std::vector<PartitionOffset> held = positions;
  for (const auto& [k, offset] : restored_) {
    const bool readAgain = std::any_of(positions.begin(), positions.end(), [&](const auto& p) {
      return p.partition == k.second && p.topic == k.first;
    });
    if (!readAgain) held.push_back({k.first, k.second, offset});
  }
  pending_.emplace_back(id, std::move(positions));
  return held;
}

std::vector<PartitionOffset> CheckpointOffsets::complete(uint64_t id, bool again, uint64_t* from) {
  std::vector<PartitionOffset> latest;
  bool found = false;
  while (!pending_.empty() && (pending_.front().first <= id || pending_.front().first == 0)) {
    if (from) *from = pending_.front().first;
    latest = std::move(pending_.front().second);
    found = true;
    pending_.pop_front();
  }
  std::vector<PartitionOffset> commit;
  if (!found) return commit;
  for (auto& o : latest) {
    auto it = committed_.find(key(o.topic, o.partition));
    // revoked, or nothing new
    if (it == committed_.end() || o.offset < it->second || (o.offset == it->second && !again))
      continue;
    it->second = o.offset;
    commit.push_back(std::move(o));
  }
  return commit;
}

}  // namespace sc::kafka
