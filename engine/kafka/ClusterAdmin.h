#pragma once
// Cluster inspection and small writes for people: the runner today, the designer's topic browser
// later. Every call takes a timeout and returns a Result (value or message); nothing throws.
// Calls may come from any thread.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/KafkaResult.h"

typedef struct rd_kafka_message_s rd_kafka_message_t;

namespace sc::kafka {

class KafkaClient;

struct PartitionInfo {
  int32_t partition = 0;
  int32_t leader = -1;
  int64_t low = -1;   // first offset still stored
  int64_t high = -1;  // next offset to be written
  int64_t messages() const { return high >= low && low >= 0 ? high - low : 0; }
};

struct TopicInfo {
  std::string name;
  std::vector<PartitionInfo> partitions;
  int64_t messages() const;
};

struct GroupPartitionOffset {
  std::string topic;
  int32_t partition = 0;
  int64_t committed = -1;  // next offset the group will read
  int64_t high = -1;
  int64_t lag = 0;  // high - committed
};

struct GroupInfo {
  std::string groupId;
  // Group state and members need DescribeGroups, which the embedded cluster lacks and which
  // deadlocks librdkafka 2.0.2's admin client against it; left for when the GUI needs them.
  std::vector<GroupPartitionOffset> offsets;  // partitions with a committed offset
  int64_t totalLag() const;
};

// A consumer group as the cluster's coordinator describes it.
struct GroupMember {
  std::string memberId;
  std::string clientId;
  std::string host;
  std::string assignment;  // "orders[0,1] payments[2]" (consumer protocol), else empty
};

struct GroupSummary {
  std::string groupId;
  std::string state;  // Stable, Empty, PreparingRebalance, Dead, ...
  std::string protocol;
  std::vector<GroupMember> members;
};

struct MessageHeader {
  std::string name;
  std::optional<std::string> value;
};

struct KafkaMessage {
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp = -1;  // epoch ms, -1 when unknown
  std::optional<std::string> key;
  std::optional<std::string> value;
  std::vector<MessageHeader> headers;
};

// A copy of a consumed message (topic, partition, offset, timestamp, key, value, headers).
KafkaMessage toKafkaMessage(const rd_kafka_message_t* m);

// Where readMessages starts.
struct ReadPosition {
  enum class Kind { Offset, Timestamp, Beginning, Last };
  Kind kind = Kind::Beginning;
  int64_t value = 0;  // the offset, the epoch-ms timestamp, or the N of the last N messages

  static ReadPosition offset(int64_t o) { return {Kind::Offset, o}; }
  static ReadPosition timestamp(int64_t ms) { return {Kind::Timestamp, ms}; }
  static ReadPosition beginning() { return {Kind::Beginning, 0}; }
  static ReadPosition last(int64_t n) { return {Kind::Last, n}; }
};

class ClusterAdmin {
 public:
  explicit ClusterAdmin(ResolvedConnection connection);
  ~ClusterAdmin();
  ClusterAdmin(const ClusterAdmin&) = delete;
  ClusterAdmin& operator=(const ClusterAdmin&) = delete;

  const ResolvedConnection& connection() const { return connection_; }

  // Every topic (internal "__" topics only when asked) with partitions and watermarks, by name.
  Result<std::vector<TopicInfo>> listTopics(int timeoutMs = 5000, bool includeInternal = false);
  Result<TopicInfo> describeTopic(const std::string& topic, int timeoutMs = 5000);
  // Committed offsets and lag of `groupId` on every partition of `topics` (empty: all topics).
  Result<GroupInfo> describeGroup(const std::string& groupId,
                                  const std::vector<std::string>& topics = {},
                                  int timeoutMs = 5000);
  // Every consumer group with its state and members (DescribeGroups). Not for the embedded
  // cluster: librdkafka's mock cluster does not answer it.
  Result<std::vector<GroupSummary>> listGroups(int timeoutMs = 5000);
  // The topic's configuration entries (retention.ms, cleanup.policy, ...) by name
  // (DescribeConfigs). Not for the embedded cluster, which keeps no topic configuration.
  Result<std::vector<std::pair<std::string, std::string>>> topicConfig(const std::string& topic,
                                                                       int timeoutMs = 5000);
  // Fails when the topic exists already.
  Result<bool> createTopic(const std::string& topic, int partitions, int replicationFactor = 1,
                           int timeoutMs = 5000);
  // Up to maxMessages from one partition, starting at `from`, stopping at the partition's end.
  Result<std::vector<KafkaMessage>> readMessages(const std::string& topic, int32_t partition,
                                                 ReadPosition from, size_t maxMessages = 100,
                                                 int timeoutMs = 5000);
  // Produces one message (partition -1: the partitioner picks) and waits for the acknowledgement;
  // returns it with its partition and offset filled in.
  Result<KafkaMessage> produce(const std::string& topic, int32_t partition,
                               const std::optional<std::string>& key, const std::string& value,
                               const std::vector<MessageHeader>& headers = {},
                               int timeoutMs = 5000);

 private:
  // Metadata and offset queries go through a consumer handle: librdkafka producers ask the
  // cluster to auto-create every topic they look at.
  Result<KafkaClient*> client();
  Result<KafkaClient*> producer();
  Result<bool> fillWatermarks(std::vector<TopicInfo>& topics, int timeoutMs);

  ResolvedConnection connection_;
  std::mutex mutex_;
  std::unique_ptr<KafkaClient> client_;
  std::unique_ptr<KafkaClient> producer_;
};

}  // namespace sc::kafka
