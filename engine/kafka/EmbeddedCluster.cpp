#include "engine/kafka/EmbeddedCluster.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <vector>

#include "engine/runtime/Log.h"

namespace sc::kafka {

Result<std::shared_ptr<EmbeddedCluster>> EmbeddedCluster::start(int brokers, int defaultPartitions,
                                                                const std::string& name) {
  using R = Result<std::shared_ptr<EmbeddedCluster>>;
  if (brokers < 1) return R::failure("an embedded cluster needs at least 1 broker");
  if (defaultPartitions < 1)
    return R::failure("an embedded cluster needs at least 1 partition per topic");

  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // The handle only hosts the mock brokers; it never connects anywhere itself, so keep its own
  // "no bootstrap.servers" notice out of the log.
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  rd_kafka_conf_set(conf, "client.id", ("streamcanvas-embedded-" + name).c_str(), err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return R::failure(std::string("cannot start the embedded Kafka cluster: ") + err);
  }
  rd_kafka_mock_cluster_t* mock = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mock) {
    rd_kafka_destroy(rk);
    return R::failure("cannot start the embedded Kafka cluster: no loopback port available");
  }
  std::shared_ptr<EmbeddedCluster> cluster(new EmbeddedCluster());
  cluster->handle_ = rk;
  cluster->mock_ = mock;
  cluster->bootstraps_ = rd_kafka_mock_cluster_bootstraps(mock);
  cluster->brokers_ = brokers;
  cluster->defaultPartitions_ = defaultPartitions;
  Logger::global().info("kafka", "embedded Kafka cluster at " + cluster->bootstraps_ +
                                     " (mock broker: keeps the newest 5 MiB per partition)");
  return R::success(std::move(cluster));
}

EmbeddedCluster::~EmbeddedCluster() {
  if (mock_) rd_kafka_mock_cluster_destroy(mock_);
  if (handle_) rd_kafka_destroy(handle_);
}

Result<bool> EmbeddedCluster::ensureTopic(const std::string& topic, int partitions) {
  if (topic.empty()) return Result<bool>::failure("topic name is empty");
  std::lock_guard lock(mutex_);
  if (created_.count(topic)) return Result<bool>::success(false);
  rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(
      mock_, topic.c_str(), partitions > 0 ? partitions : defaultPartitions_,
      brokers_ < 3 ? brokers_ : 3);
  if (e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
    created_.insert(topic);
    return Result<bool>::success(false);
  }
  if (e)
    return Result<bool>::failure("cannot create topic '" + topic + "': " + rd_kafka_err2str(e));
  created_.insert(topic);
  return Result<bool>::success(true);
}

bool EmbeddedCluster::setBrokerDown(int brokerId) {
  return rd_kafka_mock_broker_set_down(mock_, brokerId) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

bool EmbeddedCluster::setBrokerUp(int brokerId) {
  return rd_kafka_mock_broker_set_up(mock_, brokerId) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

void EmbeddedCluster::pushRequestErrors(int apiKey, int error, size_t count) {
  std::vector<rd_kafka_resp_err_t> errors(count, static_cast<rd_kafka_resp_err_t>(error));
  rd_kafka_mock_push_request_errors_array(mock_, static_cast<int16_t>(apiKey), count,
                                          errors.data());
}

}  // namespace sc::kafka
