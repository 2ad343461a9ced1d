#pragma once
// Owning wrappers for librdkafka consumer and producer handles: configuration from a connection,
// librdkafka's log routed to sc::Logger, connection state tracked so a broker going away (or
// coming back) is logged once per change rather than once per retry, and an orderly close
// (rd_kafka_consumer_close before destroy; producers flush with a bounded wait).

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/KafkaResult.h"

typedef struct rd_kafka_s rd_kafka_t;
typedef struct rd_kafka_message_s rd_kafka_message_t;
typedef struct rd_kafka_topic_partition_list_s rd_kafka_topic_partition_list_t;

namespace sc::kafka {

enum class ClientKind { Consumer, Producer };

// What the client knows about its link to the cluster.
enum class LinkState : int { Connecting = 0, Up = 1, Down = 2 };

using Properties = std::vector<std::pair<std::string, std::string>>;

struct ClientOptions {
  ClientKind kind = ClientKind::Consumer;
  std::string label;     // who is talking, for log lines: "kafka.source 'src'"
  Properties defaults;   // applied before the connection's properties (they may override)
  Properties overrides;  // applied after them (settings the node depends on)
  // Consumer: called from poll on the consuming thread for every assignment change.
  std::function<void(int err, rd_kafka_topic_partition_list_t* partitions)> rebalance;
  // Producer: called from poll for every delivery report.
  std::function<void(const rd_kafka_message_t* message)> delivery;
};

// Whether the consumer's group rebalances cooperatively (incremental assign and unassign) rather
// than eagerly. rd_kafka_rebalance_protocol() returns NULL on error, and does so at times for the
// revoke that rd_kafka_consumer_close() runs through the rebalance callback (the group is being
// left); then `known`, the last answer (false, eager, before any), is the answer. Each answer
// is kept in `known`.
bool cooperativeRebalance(rd_kafka_t* rk, bool& known);

// A consumer's group.instance.id (static membership, KIP-345) for runner `instance` and node
// `node`: "streamcanvas-<instance>-<node>" in the characters Kafka allows there ([a-zA-Z0-9._-],
// the others become '_'; the repartition reader's id holds a '~'), at most 249 of them (longer
// ones end in a hash of the whole, so two long ones stay apart).
std::string staticGroupMemberId(std::string_view instance, std::string_view node);

class KafkaClient {
 public:
  static Result<std::unique_ptr<KafkaClient>> create(const ResolvedConnection& connection,
                                                     ClientOptions options);
  ~KafkaClient();
  KafkaClient(const KafkaClient&) = delete;
  KafkaClient& operator=(const KafkaClient&) = delete;

  rd_kafka_t* handle() const { return rk_; }
  ClientKind kind() const { return options_.kind; }
  const std::string& label() const { return options_.label; }
  const std::string& bootstrapServers() const { return bootstrap_; }

  LinkState state() const { return static_cast<LinkState>(state_.load(std::memory_order_relaxed)); }
  // Data came back from the cluster (a message, a delivery report): the link works.
  void noteActivity() {
    if (state_.load(std::memory_order_relaxed) != int(LinkState::Up)) markUp();
  }
  // A fatal client error (e.g. idempotence violated); empty while none.
  std::string fatalError() const;

  // Producer: waits up to timeoutMs for every queued message; returns how many are still not
  // acknowledged. Serves delivery reports meanwhile.
  int flush(int timeoutMs);
  // Consumer: leaves the group (revoking through the rebalance callback) unless the cluster is
  // unreachable; producer: flushes up to flushTimeoutMs. Then destroys the handle. Idempotent.
  void close(int flushTimeoutMs = 10000);

  // librdkafka callbacks (public so the C trampolines can reach them).
  void onError(int err, const char* reason);
  void onLog(int level, const char* facility, const char* message);
  void onStats(const char* json, size_t len);
  void onRebalance(int err, rd_kafka_topic_partition_list_t* partitions);
  void onDelivery(const rd_kafka_message_t* message);
  void onCommit(int err);

 private:
  KafkaClient() = default;
  void markUp();
  void markDown(const std::string& reason);

  rd_kafka_t* rk_ = nullptr;
  ClientOptions options_;
  std::string bootstrap_;
  std::atomic<int> state_{int(LinkState::Connecting)};
  mutable std::mutex mutex_;
  std::string fatal_;
  std::string connectionName_;    // for messages: which pipeline connection failed
  std::set<int> reportedErrors_;  // error codes already logged in the current link state
};

}  // namespace sc::kafka
