#pragma once
// A Kafka source's offset bookkeeping across checkpoints: the position it recorded in each
// checkpoint, the offsets restored from one, and what it has committed per partition. Offsets
// are committed only once the checkpoint that holds them is durable, and only for partitions
// the source still owns. No librdkafka here: the source turns the answers into commits.

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc::kafka {

struct PartitionOffset {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;  // the next offset to read
  bool operator==(const PartitionOffset&) const = default;
};

class CheckpointOffsets {
 public:
  // A checkpoint being restored held `offset` for this partition.
  void restore(std::string topic, int32_t partition, int64_t offset);
  // The restored offset of a partition, if the checkpoint had one.
  std::optional<int64_t> restored(std::string_view topic, int32_t partition) const;
  size_t restoredCount() const { return restored_.size(); }

  // The source owns the partition from now (again): nothing committed for it in this
  // assignment yet.
  void assign(std::string_view topic, int32_t partition);
  // The partition goes to another consumer: returns the offset to commit for it (what a
  // completed checkpoint covers), if any, and forgets it, including positions of pending
  // checkpoints (the new owner reads what they cover again: at-least-once).
  std::optional<int64_t> revoke(std::string_view topic, int32_t partition);

  // Checkpoint `id` (0: the final part, at the end of input): `positions` are the source's
  // assigned partitions with a position. Returns what the checkpoint holds: those, then the
  // restored offsets of partitions not read again yet, which keep their place.
  std::vector<PartitionOffset> take(uint64_t id, std::vector<PartitionOffset> positions);
  // Checkpoint `id` (and every earlier one) is durable: the offsets to commit now, the newest
  // recorded at or before it, for partitions still owned and past what was committed (`again`:
  // or equal to it). `from` (when given) gets the checkpoint they were recorded in.
  std::vector<PartitionOffset> complete(uint64_t id, bool again = false, uint64_t* from = nullptr);

 private:
  using Key = std::pair<std::string, int32_t>;
  static Key key(std::string_view topic, int32_t partition) {
    return {std::string(topic), partition};
  }

  std::map<Key, int64_t> restored_;
  std::map<Key, int64_t> committed_;  // owned partitions: offset committed (-1: none yet)
  std::deque<std::pair<uint64_t, std::vector<PartitionOffset>>> pending_;
};

}  // namespace sc::kafka
