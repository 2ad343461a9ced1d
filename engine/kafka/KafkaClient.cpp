#include "engine/kafka/KafkaClient.h"

#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <cstring>

#include "engine/graph/Json.h"
#include "engine/runtime/Identifiers.h"
#include "engine/runtime/Log.h"

namespace sc::kafka {

namespace {

KafkaClient* clientOf(void* opaque) {
  return static_cast<KafkaClient*>(opaque);
}

void errorTrampoline(rd_kafka_t*, int err, const char* reason, void* opaque) {
  clientOf(opaque)->onError(err, reason);
}

void logTrampoline(const rd_kafka_t* rk, int level, const char* facility, const char* message) {
  if (void* opaque = rd_kafka_opaque(rk)) clientOf(opaque)->onLog(level, facility, message);
}

int statsTrampoline(rd_kafka_t*, char* json, size_t len, void* opaque) {
  clientOf(opaque)->onStats(json, len);
  return 0;  // librdkafka frees the JSON
}

void rebalanceTrampoline(rd_kafka_t*, rd_kafka_resp_err_t err,
                         rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  clientOf(opaque)->onRebalance(err, partitions);
}

void commitTrampoline(rd_kafka_t*, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t*,
                      void* opaque) {
  clientOf(opaque)->onCommit(err);
}

void deliveryTrampoline(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  clientOf(opaque)->onDelivery(message);
}

bool hasKey(const Properties& props, const std::string& key) {
  for (const auto& [k, v] : props)
    if (k == key) return true;
  return false;
}

}  // namespace

Result<std::unique_ptr<KafkaClient>> KafkaClient::create(const ResolvedConnection& connection,
                                                         ClientOptions options) {
  using R = Result<std::unique_ptr<KafkaClient>>;
  std::unique_ptr<KafkaClient> client(new KafkaClient());
  client->options_ = std::move(options);
  client->bootstrap_ = connection.bootstrapServers;
  client->connectionName_ = connection.settings.name;
  const ClientOptions& o = client->options_;

  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  auto fail = [&](const std::string& what) {
    rd_kafka_conf_destroy(conf);
    return R::failure(o.label + ": " + what);
  };
  std::string e = setProperty(conf, "bootstrap.servers", connection.bootstrapServers);
  if (!e.empty()) return fail(e);
  // Statistics tell us when a broker is reachable again while no data flows.
  if (!hasKey(connection.settings.properties, "statistics.interval.ms"))
    setProperty(conf, "statistics.interval.ms", "1000");
  for (const auto& [k, v] : o.defaults)
    if (std::string err = setProperty(conf, k, v); !err.empty()) return fail("'" + k + "': " + err);
  if (e = applyProperties(conf, connection.settings.properties); !e.empty()) return fail(e);
  for (const auto& [k, v] : o.overrides)
    if (std::string err = setProperty(conf, k, v); !err.empty()) return fail("'" + k + "': " + err);

  rd_kafka_conf_set_opaque(conf, client.get());
  rd_kafka_conf_set_error_cb(conf, errorTrampoline);
  rd_kafka_conf_set_log_cb(conf, logTrampoline);
  rd_kafka_conf_set_stats_cb(conf, statsTrampoline);
  if (o.kind == ClientKind::Consumer && o.rebalance)
    rd_kafka_conf_set_rebalance_cb(conf, rebalanceTrampoline);
  if (o.kind == ClientKind::Consumer) rd_kafka_conf_set_offset_commit_cb(conf, commitTrampoline);
  if (o.kind == ClientKind::Producer) rd_kafka_conf_set_dr_msg_cb(conf, deliveryTrampoline);

  char err[512] = {0};
  rd_kafka_t* rk =
      rd_kafka_new(o.kind == ClientKind::Consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER, conf,
                   err, sizeof err);
  if (!rk) return fail(err);  // conf is still ours when rd_kafka_new fails
  client->rk_ = rk;
  if (o.kind == ClientKind::Consumer) rd_kafka_poll_set_consumer(rk);
  return R::success(std::move(client));
}

KafkaClient::~KafkaClient() {
  close();
}

std::string KafkaClient::fatalError() const {
  std::lock_guard lock(mutex_);
  return fatal_;
}

int KafkaClient::flush(int timeoutMs) {
  if (!rk_) return 0;
  rd_kafka_flush(rk_, timeoutMs);
  return rd_kafka_outq_len(rk_);
}

void KafkaClient::close(int flushTimeoutMs) {
  if (!rk_) return;
  if (options_.kind == ClientKind::Consumer) {
    if (state() != LinkState::Down) {
      rd_kafka_consumer_close(rk_);
      rd_kafka_destroy(rk_);
    } else {
      // Leaving a group needs the coordinator; with the cluster gone that would only stall.
      rd_kafka_destroy_flags(rk_, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    }
  } else {
    // After a fatal error (a refused login included) nothing will be acknowledged any more:
    // waiting for the queue would only delay the exit by the whole flush timeout.
    const bool failed = !fatalError().empty();
    int left = failed ? rd_kafka_outq_len(rk_) : flush(flushTimeoutMs);
    if (failed) rd_kafka_purge(rk_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    if (left > 0)
      Logger::global().warn("kafka", options_.label + ": " + std::to_string(left) +
                                         " messages were not acknowledged before closing");
    rd_kafka_destroy(rk_);
  }
  rk_ = nullptr;
}

void KafkaClient::markUp() {
  int previous = state_.exchange(int(LinkState::Up));
  if (previous == int(LinkState::Up)) return;
  {
    std::lock_guard lock(mutex_);
    reportedErrors_.clear();
  }
  if (previous == int(LinkState::Down))
    Logger::global().info("kafka",
                          options_.label + ": connected to Kafka at " + bootstrap_ + " again");
}

void KafkaClient::markDown(const std::string& reason) {
  if (state_.exchange(int(LinkState::Down)) == int(LinkState::Down)) return;
  Logger::global().warn(
      "kafka", options_.label + ": Kafka at " + bootstrap_ + " is unreachable (" + reason +
                   "); retrying in the background, nothing is lost or committed meanwhile");
}

void KafkaClient::onError(int err, const char* reason) {
  auto code = static_cast<rd_kafka_resp_err_t>(err);
  if (code == RD_KAFKA_RESP_ERR__FATAL) {
    char text[512] = {0};
    rd_kafka_fatal_error(rk_, text, sizeof text);
    std::lock_guard lock(mutex_);
    if (fatal_.empty()) {
      fatal_ = text[0] ? text : reason;
      Logger::global().error("kafka", options_.label + ": fatal Kafka error: " + fatal_);
    }
    return;
  }
  // A broker that refuses our certificate (TLS 1.3 reports it after the handshake, as an alert
  // on the first read) shows up as a transport error carrying OpenSSL's reason.
  if (code == RD_KAFKA_RESP_ERR__TRANSPORT && reason && std::strstr(reason, "SSL routines"))
    code = RD_KAFKA_RESP_ERR__SSL;
  switch (code) {
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR__SSL: {
      // Wrong credentials or certificates do not heal by retrying: stop the run with one clear
      // message instead of a retry storm. librdkafka's reason names no secret.
      std::lock_guard lock(mutex_);
      if (fatal_.empty()) {
        fatal_ =
            "connection '" + connectionName_ + "' to " + bootstrap_ + ": " +
            (code == RD_KAFKA_RESP_ERR__SSL ? "TLS handshake failed" : "authentication failed") +
            " (" + reason +
            "); check the connection's security properties (sasl.mechanism, sasl.username, "
            "sasl.password, ssl.* certificate files)";
        Logger::global().error("kafka", options_.label + ": " + fatal_);
      }
      return;
    }
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__RESOLVE:
      // After a refused login the brokers are "down" only because they refuse us: no retry note.
      if (!fatalError().empty()) return;
      markDown(reason);
      return;
    case RD_KAFKA_RESP_ERR__TRANSPORT:
      // One connection dropped; librdkafka reconnects. Only all brokers down is a state change.
      Logger::global().debug("kafka", options_.label + ": " + reason);
      return;
    default:
      break;
  }
  {
    std::lock_guard lock(mutex_);
    if (!reportedErrors_.insert(err).second) return;
  }
  Logger::global().warn("kafka", options_.label + ": " + reason);
}

void KafkaClient::onLog(int level, const char* facility, const char* message) {
  std::string text = options_.label + ": " + facility + ": " + message;
  if (std::string_view(facility) == "CONFWARN")
    Logger::global().warn("kafka", text);
  else if (level <= 2)
    Logger::global().error("kafka", text);
  else
    Logger::global().debug("kafka", text);  // connection retries are reported once via onError
}

void KafkaClient::onStats(const char* json, size_t len) {
  Json stats = Json::parse(json, json + len, nullptr, false);
  if (stats.is_discarded() || !stats.contains("brokers")) return;
  for (const auto& [name, broker] : stats["brokers"].items()) {
    (void)name;
    if (broker.value("nodeid", -1) >= 0 && broker.value("state", std::string()) == "UP") {
      markUp();
      return;
    }
  }
}

std::string staticGroupMemberId(std::string_view instance, std::string_view node) {
  const std::string whole = "streamcanvas-" + std::string(instance) + "-" + std::string(node);
  std::string id = portableName(whole);
  constexpr size_t kMax = 249;
  if (id.size() > kMax) {
    char tail[18];  // the hash of the whole id keeps two long ones apart
    std::snprintf(tail, sizeof tail, "-%016llx", static_cast<unsigned long long>(fnv1a(whole)));
    id = id.substr(0, kMax - 17) + tail;
  }
  return id;
}

bool cooperativeRebalance(rd_kafka_t* rk, bool& known) {
  if (const char* protocol = rk ? rd_kafka_rebalance_protocol(rk) : nullptr)
    known = std::strcmp(protocol, "COOPERATIVE") == 0;
  return known;
}

void KafkaClient::onRebalance(int err, rd_kafka_topic_partition_list_t* partitions) {
  if (options_.rebalance) {
    options_.rebalance(err, partitions);
    return;
  }
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS)
    rd_kafka_assign(rk_, partitions);
  else
    rd_kafka_assign(rk_, nullptr);
}

void KafkaClient::onCommit(int err) {
  if (!err || err == RD_KAFKA_RESP_ERR__NO_OFFSET) return;
  {
    std::lock_guard lock(mutex_);
    if (!reportedErrors_.insert(err).second) return;
  }
  Logger::global().warn("kafka", options_.label + ": committing offsets failed (" +
                                     rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(err)) +
                                     "); the next checkpoint commits them again");
}

void KafkaClient::onDelivery(const rd_kafka_message_t* message) {
  if (!message->err) noteActivity();
  if (options_.delivery) options_.delivery(message);
}

}  // namespace sc::kafka
