#pragma once
// Scale-out mode: the state a window keeps for one input partition, backed by a compacted
// changelog topic `<pipeline>-<node>-changelog` (Kafka Streams' way). Changelog partition p holds
// the state of input partition p. Each write is a whole snapshot (the window's deterministic
// encoding), cut into chunks under a message's size limit and followed by a manifest naming the
// checkpoint, the writer and the chunk count; a reader takes the last manifest whose chunks are
// all there and whose checksum matches. Compaction keeps the newest chunk and manifest per key.
//
// Record keys: "<input topic>/<partition>/c<index>" (chunk) and "<input topic>/<partition>/m".

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/graph/Repartition.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/KafkaResult.h"

typedef struct rd_kafka_s rd_kafka_t;

namespace sc::kafka {

class KafkaClient;

struct ChangelogRecord {
  std::string key;
  std::string value;
};

class Changelog {
 public:
  static constexpr size_t kChunkBytes = 900 * 1024;  // under the default 1 MB message limit

  // Kafka-legal like the repartition topics: pipeline names may hold spaces or slashes.
  static std::string topicName(const std::string& pipeline, const std::string& node) {
    return kafkaTopicSafe(pipeline) + "-" + kafkaTopicSafe(node) + "-changelog";
  }
  static std::string keyPrefix(std::string_view inputTopic, int32_t partition) {
    return std::string(inputTopic) + "/" + std::to_string(partition) + "/";
  }

  // Creates `topic` (cleanup.policy compact, as many partitions as `inputTopic`) unless it
  // exists; returns its partition count.
  static Result<int> ensureTopic(const ResolvedConnection& connection, const std::string& topic,
                                 const std::string& inputTopic, const std::string& who);
  // The same for any internal topic (repartition topics too): `config` as its topic configuration,
  // as many partitions as the largest of `inputTopics`.
  static Result<int> ensureInternalTopic(
      const ResolvedConnection& connection, const std::string& topic,
      const std::vector<std::string>& inputTopics,
      const std::vector<std::pair<std::string, std::string>>& config, const std::string& who);

  // The records of one snapshot: chunks, then the manifest.
  static std::vector<ChangelogRecord> encode(std::string_view inputTopic, int32_t partition,
                                             uint64_t checkpointId, uint64_t writer,
                                             std::string_view snapshot,
                                             size_t chunkBytes = kChunkBytes);

  // Puts together the last complete snapshot of one input partition from the records of its
  // changelog partition, read in order. Throws std::runtime_error for a manifest whose chunks
  // do not match it (a damaged changelog).
  class Assembler {
   public:
    Assembler(std::string inputTopic, int32_t partition)
        : prefix_(keyPrefix(inputTopic, partition)) {}
    void add(std::string_view key, std::string_view value);
    // The newest snapshot and the checkpoint that wrote it (nullopt: none yet).
    const std::optional<std::string>& snapshot() const { return snapshot_; }
    uint64_t checkpointId() const { return checkpointId_; }

   private:
    std::string prefix_;
    uint64_t groupId_ = 0, groupWriter_ = 0;
    std::map<uint32_t, std::string> chunks_;  // of the snapshot being written (groupId_, writer)
    std::optional<std::string> snapshot_;
    uint64_t checkpointId_ = 0;
  };

  // Reads changelog partition `partition` of `topic` up to its end (read_committed) with
  // `consumer` (a read_committed consumer client, assigned here) and returns the newest snapshot
  // of (inputTopic, partition). First waits (up to `waitMs`) until no transaction is open on the
  // partition (its last stable offset, from `consumer`, reaches its high watermark, from the
  // read_uncommitted `probe`): a dead owner's open transaction holds back what later owners
  // committed after it until the broker aborts it (transaction.timeout.ms), and the markers of
  // a transaction the previous owner just committed may still be on their way. `stop` is looked
  // at often.
  static Result<std::optional<std::string>> restore(rd_kafka_t* consumer, rd_kafka_t* probe,
                                                    const std::string& topic, int32_t partition,
                                                    const std::string& inputTopic, int waitMs,
                                                    const std::function<bool()>& stop);
};

}  // namespace sc::kafka
