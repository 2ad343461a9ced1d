#pragma once
// Access to the real Apache Kafka broker of the real_kafka ctest fixture
// (tests/kafka/kafka-fixture.sh, registered by sc_require_real_kafka in
// cmake/StreamCanvasHelpers.cmake). The fixture writes KEY=VALUE lines to a file whose path ctest
// passes in SC_REAL_KAFKA_ENV; RealKafka reads it and turns it into librdkafka properties for
// each security mode the broker serves. Plain librdkafka C API, independent of the engine.
//
//   RealKafka kafka = RealKafka::fromEnvironment();
//   QVERIFY2(kafka.ok(), qPrintable(kafka.error()));
//   RdKafkaPtr rk = kafka.newClient(RD_KAFKA_PRODUCER, SecurityMode::SaslPlain);

#include <librdkafka/rdkafka.h>

#include <QtTest>

#include <QFile>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sc::test {

enum class SecurityMode {
  Plaintext,    // PLAINTEXT listener, no authentication
  SaslPlain,    // SASL_SSL, PLAIN user/password
  SaslScram,    // SASL_SSL, SCRAM-SHA-512 user/password
  Mtls,         // SSL listener, client certificate required
  OAuthBearer,  // SASL_SSL, OAUTHBEARER with an unsecured JWT (principal admin)
};

inline const char* toString(SecurityMode mode) {
  switch (mode) {
    case SecurityMode::Plaintext:
      return "plaintext";
    case SecurityMode::SaslPlain:
      return "sasl_plain";
    case SecurityMode::SaslScram:
      return "sasl_scram";
    case SecurityMode::Mtls:
      return "mtls";
    case SecurityMode::OAuthBearer:
      return "oauthbearer";
  }
  return "?";
}

struct RdKafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using RdKafkaPtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;

using KafkaProperties = std::vector<std::pair<std::string, std::string>>;

class RealKafka {
 public:
  // Reads the file named by SC_REAL_KAFKA_ENV; error() says what is wrong when !ok().
  static RealKafka fromEnvironment() {
    RealKafka k;
    const QByteArray path = qgetenv("SC_REAL_KAFKA_ENV");
    if (path.isEmpty()) {
      k.error_ = QStringLiteral(
          "SC_REAL_KAFKA_ENV is not set: run this test through ctest (ctest -L real-kafka), which "
          "starts the broker, or run 'tests/kafka/kafka-fixture.sh start DIR' and set "
          "SC_REAL_KAFKA_ENV=DIR/kafka.env");
      return k;
    }
    QFile file(QString::fromLocal8Bit(path));
    if (!file.open(QIODevice::ReadOnly)) {
      k.error_ = QStringLiteral("cannot read %1 (%2): did the real_kafka_start test pass?")
                     .arg(file.fileName(), file.errorString());
      return k;
    }
    for (const QByteArray& line : file.readAll().split('\n')) {
      const qsizetype eq = line.indexOf('=');
      if (eq > 0) k.values_[line.left(eq).toStdString()] = line.mid(eq + 1).toStdString();
    }
    for (const char* key : {"KAFKA_PLAINTEXT", "KAFKA_SASL_SSL", "KAFKA_SSL", "KAFKA_CA",
                            "KAFKA_CLIENT_CERT", "KAFKA_CLIENT_KEY", "KAFKA_PLAIN_USER",
                            "KAFKA_PLAIN_PASSWORD", "KAFKA_SCRAM_USER", "KAFKA_SCRAM_PASSWORD"})
      if (k.value(key).empty()) {
        k.error_ = QStringLiteral("%1 has no %2").arg(file.fileName(), QLatin1String(key));
        return k;
      }
    return k;
  }

  bool ok() const { return error_.isEmpty(); }
  const QString& error() const { return error_; }

  // A value of the env file ("" when absent), e.g. KAFKA_LOG or KAFKA_SCRAM_USER.
  std::string value(const std::string& key) const {
    auto it = values_.find(key);
    return it == values_.end() ? std::string() : it->second;
  }

  // host:port of the listener that serves `mode`.
  std::string bootstrap(SecurityMode mode) const {
    switch (mode) {
      case SecurityMode::Plaintext:
        return value("KAFKA_PLAINTEXT");
      case SecurityMode::Mtls:
        return value("KAFKA_SSL");
      default:
        return value("KAFKA_SASL_SSL");
    }
  }

  // The librdkafka properties that connect with `mode`, bootstrap.servers included.
  KafkaProperties properties(SecurityMode mode) const {
    KafkaProperties p{{"bootstrap.servers", bootstrap(mode)}};
    auto tls = [&] {
      p.emplace_back("ssl.ca.location", value("KAFKA_CA"));
      p.emplace_back("ssl.endpoint.identification.algorithm", "https");
    };
    switch (mode) {
      case SecurityMode::Plaintext:
        p.emplace_back("security.protocol", "plaintext");
        break;
      case SecurityMode::SaslPlain:
        p.emplace_back("security.protocol", "sasl_ssl");
        tls();
        p.emplace_back("sasl.mechanism", "PLAIN");
        p.emplace_back("sasl.username", value("KAFKA_PLAIN_USER"));
        p.emplace_back("sasl.password", value("KAFKA_PLAIN_PASSWORD"));
        break;
      case SecurityMode::SaslScram:
        p.emplace_back("security.protocol", "sasl_ssl");
        tls();
        p.emplace_back("sasl.mechanism", "SCRAM-SHA-512");
        p.emplace_back("sasl.username", value("KAFKA_SCRAM_USER"));
        p.emplace_back("sasl.password", value("KAFKA_SCRAM_PASSWORD"));
        break;
      case SecurityMode::Mtls:
        p.emplace_back("security.protocol", "ssl");
        tls();
        p.emplace_back("ssl.certificate.location", value("KAFKA_CLIENT_CERT"));
        p.emplace_back("ssl.key.location", value("KAFKA_CLIENT_KEY"));
        break;
      case SecurityMode::OAuthBearer:
        // sasl.oauthbearer.method is left at its default ("default"): Debian's librdkafka is
        // built without OIDC and rejects the property.
        p.emplace_back("security.protocol", "sasl_ssl");
        tls();
        p.emplace_back("sasl.mechanism", "OAUTHBEARER");
        p.emplace_back("enable.sasl.oauthbearer.unsecure.jwt", "true");
        p.emplace_back("sasl.oauthbearer.config", "principal=admin");
        break;
    }
    return p;
  }

  // A librdkafka configuration with properties(mode) and then `extra` (later entries win);
  // nullptr and *error set when a property is rejected.
  rd_kafka_conf_t* newConf(SecurityMode mode, const KafkaProperties& extra,
                           std::string* error) const {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    char err[512];
    KafkaProperties all = properties(mode);
    all.insert(all.end(), extra.begin(), extra.end());
    for (const auto& [k, v] : all)
      if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
        if (error) *error = k + ": " + err;
        rd_kafka_conf_destroy(conf);
        return nullptr;
      }
    return conf;
  }

  // A producer or consumer for `mode`; null with a test warning when it cannot be created.
  RdKafkaPtr newClient(rd_kafka_type_t type, SecurityMode mode,
                       const KafkaProperties& extra = {}) const {
    std::string error;
    rd_kafka_conf_t* conf = newConf(mode, extra, &error);
    if (!conf) {
      qWarning("librdkafka configuration for %s: %s", toString(mode), error.c_str());
      return nullptr;
    }
    char err[512];
    rd_kafka_t* rk = rd_kafka_new(type, conf, err, sizeof err);
    if (!rk) {
      rd_kafka_conf_destroy(conf);
      qWarning("rd_kafka_new for %s: %s", toString(mode), err);
    }
    return RdKafkaPtr(rk);
  }

 private:
  std::map<std::string, std::string> values_;
  QString error_;
};

// Creates `topic` through the admin API, with topic `configs`; "" on success, else the broker's
// error.
inline std::string createTopic(const RealKafka& kafka, SecurityMode mode, const std::string& topic,
                               int partitions = 1, const KafkaProperties& configs = {}) {
  RdKafkaPtr rk = kafka.newClient(RD_KAFKA_PRODUCER, mode);
  if (!rk) return "no client";
  char err[512];
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, err, sizeof err);
  if (!nt) return err;
  for (const auto& [name, value] : configs)
    rd_kafka_NewTopic_set_config(nt, name.c_str(), value.c_str());
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk.get());
  rd_kafka_CreateTopics(rk.get(), &nt, 1, nullptr, q);
  rd_kafka_NewTopic_destroy(nt);
  std::string result = "no CreateTopics result within 30 s";
  if (rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000)) {
    if (rd_kafka_event_error(ev)) {
      result = rd_kafka_event_error_string(ev);
    } else {
      size_t n = 0;
      const rd_kafka_topic_result_t** results =
          rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
      result = n == 1 && !rd_kafka_topic_result_error(results[0])
                   ? std::string()
                   : (n == 1 ? rd_kafka_topic_result_error_string(results[0]) : "no result");
    }
    rd_kafka_event_destroy(ev);
  }
  rd_kafka_queue_destroy(q);
  return result;
}

// The partitions a reader has read to their end, by (topic, partition). librdkafka reports a
// partition's end again each time it reaches a new end, so counting the reports would end a read
// while another partition is still behind.
class PartitionEnds {
 public:
  void expect(const std::string& topic, int32_t partition) { expected_.emplace(topic, partition); }
  void reached(const std::string& topic, int32_t partition) {
    if (expected_.count({topic, partition})) ended_.emplace(topic, partition);
  }
  bool all() const { return ended_.size() == expected_.size(); }

 private:
  std::set<std::pair<std::string, int32_t>> expected_, ended_;
};

// Every message value of `topic` (all partitions, in offset order per partition) up to the end a
// consumer with `extra` properties sees (isolation.level decides where that is for transactions).
inline std::vector<std::string> readValues(const RealKafka& kafka, SecurityMode mode,
                                           const std::string& topic,
                                           const KafkaProperties& extra = {}) {
  std::vector<std::string> out;
  KafkaProperties props{{"group.id", "tst-realkafka-reader"},
                        {"enable.auto.commit", "false"},
                        {"enable.partition.eof", "true"}};
  props.insert(props.end(), extra.begin(), extra.end());
  RdKafkaPtr rk = kafka.newClient(RD_KAFKA_CONSUMER, mode, props);
  if (!rk) return out;
  rd_kafka_poll_set_consumer(rk.get());
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk.get(), topic.c_str(), nullptr);
  if (rd_kafka_metadata(rk.get(), 0, rkt, &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR &&
      md->topic_cnt == 1 && !md->topics[0].err) {
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(8);
    PartitionEnds ends;
    for (int p = 0; p < md->topics[0].partition_cnt; ++p) {
      const int32_t id = md->topics[0].partitions[p].id;
      rd_kafka_topic_partition_list_add(list, topic.c_str(), id)->offset =
          RD_KAFKA_OFFSET_BEGINNING;
      ends.expect(topic, id);
    }
    rd_kafka_assign(rk.get(), list);
    rd_kafka_topic_partition_list_destroy(list);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!ends.all() && std::chrono::steady_clock::now() < deadline) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(rk.get(), 100);
      if (!m) continue;
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
        ends.reached(rd_kafka_topic_name(m->rkt), m->partition);
      else if (!m->err)
        out.emplace_back(static_cast<const char*>(m->payload), m->len);
      rd_kafka_message_destroy(m);
    }
    if (!ends.all()) qWarning("readValues(%s): end of partition not reached", topic.c_str());
  } else {
    qWarning("readValues(%s): no metadata for the topic", topic.c_str());
  }
  if (md) rd_kafka_metadata_destroy(md);
  rd_kafka_topic_destroy(rkt);
  rd_kafka_consumer_close(rk.get());
  return out;
}

}  // namespace sc::test

Q_DECLARE_METATYPE(sc::test::SecurityMode)

namespace QTest {
template <>
inline char* toString(const std::vector<std::string>& v) {
  QByteArray s = "[";
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? ", \"" : "\"") + QByteArray::fromStdString(v[i]) + '"';
  return qstrdup(s + ']');
}
}  // namespace QTest
