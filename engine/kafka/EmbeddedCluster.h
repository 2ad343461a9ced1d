#pragma once
// An in-process Kafka cluster on loopback (librdkafka's mock cluster): real Kafka protocol, so
// any client (ours, kcat) can connect. The mock keeps only the newest 5 MiB (or 100,000 batches)
// per partition and auto-creates unknown topics with 4 partitions, so topics with another
// partition count are created up front with ensureTopic().

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "engine/kafka/KafkaResult.h"

typedef struct rd_kafka_s rd_kafka_t;
typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace sc::kafka {

class EmbeddedCluster {
 public:
  // The partition count the mock gives topics it auto-creates (not configurable in 2.0.2).
  static constexpr int kMockAutoCreatePartitions = 4;

  // Starts `brokers` brokers (ids 1..brokers); topics created through ensureTopic() get
  // `defaultPartitions` partitions. `name` only labels log lines.
  static Result<std::shared_ptr<EmbeddedCluster>> start(int brokers, int defaultPartitions,
                                                        const std::string& name = "embedded");
  ~EmbeddedCluster();
  EmbeddedCluster(const EmbeddedCluster&) = delete;
  EmbeddedCluster& operator=(const EmbeddedCluster&) = delete;

  // "127.0.0.1:PORT[,127.0.0.1:PORT...]"
  const std::string& bootstrapServers() const { return bootstraps_; }
  int brokerCount() const { return brokers_; }
  int defaultPartitions() const { return defaultPartitions_; }

  // Creates `topic` unless it exists (partitions <= 0: the default). Thread-safe.
  Result<bool> ensureTopic(const std::string& topic, int partitions = 0);

  // Fault injection for tests (broker ids are 1-based).
  bool setBrokerDown(int brokerId);
  bool setBrokerUp(int brokerId);
  // The next `count` requests of Kafka API `apiKey` fail with `error` (an rd_kafka_resp_err_t).
  void pushRequestErrors(int apiKey, int error, size_t count);

  rd_kafka_mock_cluster_t* mock() const { return mock_; }

 private:
  EmbeddedCluster() = default;

  rd_kafka_t* handle_ = nullptr;
  rd_kafka_mock_cluster_t* mock_ = nullptr;
  std::string bootstraps_;
  int brokers_ = 1;
  int defaultPartitions_ = 4;
  std::mutex mutex_;
  std::set<std::string> created_;
};

}  // namespace sc::kafka
