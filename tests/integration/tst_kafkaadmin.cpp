// ClusterAdmin and the kafka connection type against an embedded cluster: topics with
// watermarks, group offsets and lag, topic creation, reading at offsets, producing; errors come
// back as values, including from an unreachable cluster. (Reading from a timestamp is not
// covered: the mock cluster cannot look offsets up by time.)
#include <QtTest>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/runtime/Context.h"
#include "integration/KafkaTestSupport.h"

using namespace sc;
using namespace sc::kafka;

using test::connectionTo;

class TestKafkaAdmin : public QObject {
  Q_OBJECT

  std::shared_ptr<EmbeddedCluster> cluster_;

 private Q_SLOTS:
  void init() {
    auto started = EmbeddedCluster::start(1, 3);
    QVERIFY2(started.ok(), started.error.c_str());
    cluster_ = started.value;
  }
  void cleanup() { cluster_.reset(); }

  void createsTopicsAndRefusesDuplicates() {
    ClusterAdmin admin(connectionTo(cluster_));
    auto made = admin.createTopic("orders", 5);
    QVERIFY2(made.ok(), made.error.c_str());
    auto again = admin.createTopic("orders", 5);
    QVERIFY(!again.ok());
    QVERIFY2(again.error.find("already exists") != std::string::npos, again.error.c_str());
    auto topic = admin.describeTopic("orders");
    QVERIFY2(topic.ok(), topic.error.c_str());
    QCOMPARE(topic.value.partitions.size(), size_t(5));
    QCOMPARE(topic.value.messages(), int64_t(0));
    QVERIFY(!admin.createTopic("", 1).ok());
    QVERIFY(!admin.createTopic("zero", 0).ok());
  }

  void listsTopicsWithWatermarks() {
    ClusterAdmin admin(connectionTo(cluster_));
    QVERIFY(admin.createTopic("a", 2).ok());
    QVERIFY(admin.createTopic("b", 1).ok());
    std::vector<test::Produced> msgs;
    for (int i = 0; i < 7; ++i)
      msgs.push_back({"{\"i\":" + std::to_string(i) + "}", "", {}, i < 5 ? 0 : 1});
    test::produceAll(cluster_->bootstrapServers(), "a", msgs);
    auto topics = admin.listTopics();
    QVERIFY2(topics.ok(), topics.error.c_str());
    QCOMPARE(topics.value.size(), size_t(2));
    QCOMPARE(topics.value[0].name, std::string("a"));
    QCOMPARE(topics.value[0].partitions.size(), size_t(2));
    QCOMPARE(topics.value[0].partitions[0].low, int64_t(0));
    QCOMPARE(topics.value[0].partitions[0].high, int64_t(5));
    QCOMPARE(topics.value[0].partitions[1].high, int64_t(2));
    QCOMPARE(topics.value[0].messages(), int64_t(7));
    QCOMPARE(topics.value[1].name, std::string("b"));
    QCOMPARE(topics.value[1].messages(), int64_t(0));
    // Looking at a topic never creates it.
    QVERIFY(!admin.describeTopic("missing").ok());
    QCOMPARE(admin.listTopics().value.size(), size_t(2));
  }

  void producesAndReadsBack() {
    ClusterAdmin admin(connectionTo(cluster_));
    QVERIFY(admin.createTopic("events", 2).ok());
    for (int i = 0; i < 6; ++i) {
      auto p =
          admin.produce("events", 1, std::string("k") + std::to_string(i), "v" + std::to_string(i),
                        {{"trace", std::string("t") + std::to_string(i)}, {"empty", std::nullopt}});
      QVERIFY2(p.ok(), p.error.c_str());
      QCOMPARE(p.value.partition, 1);
      QCOMPARE(p.value.offset, int64_t(i));
    }
    auto all = admin.readMessages("events", 1, ReadPosition::beginning());
    QVERIFY2(all.ok(), all.error.c_str());
    QCOMPARE(all.value.size(), size_t(6));
    for (int i = 0; i < 6; ++i) {
      const KafkaMessage& m = all.value[i];
      QCOMPARE(m.offset, int64_t(i));
      QCOMPARE(*m.key, "k" + std::to_string(i));
      QCOMPARE(*m.value, "v" + std::to_string(i));
      QCOMPARE(m.headers.size(), size_t(2));
      QCOMPARE(m.headers[0].name, std::string("trace"));
      QCOMPARE(*m.headers[0].value, "t" + std::to_string(i));
      QCOMPARE(m.headers[1].name, std::string("empty"));
      QVERIFY(!m.headers[1].value.has_value());
      QVERIFY(m.timestamp > 0);
    }
    auto fromFour = admin.readMessages("events", 1, ReadPosition::offset(4));
    QVERIFY(fromFour.ok());
    QCOMPARE(fromFour.value.size(), size_t(2));
    QCOMPARE(fromFour.value[0].offset, int64_t(4));
    auto lastTwo = admin.readMessages("events", 1, ReadPosition::last(2), 10);
    QCOMPARE(lastTwo.value.size(), size_t(2));
    QCOMPARE(*lastTwo.value[1].value, std::string("v5"));
    auto limited = admin.readMessages("events", 1, ReadPosition::beginning(), 3);
    QCOMPARE(limited.value.size(), size_t(3));
    auto empty = admin.readMessages("events", 0, ReadPosition::beginning());
    QVERIFY(empty.ok());
    QVERIFY(empty.value.empty());
    auto badPartition = admin.readMessages("events", 7, ReadPosition::beginning());
    QVERIFY(!badPartition.ok());
    QVERIFY2(badPartition.error.find("no partition 7") != std::string::npos,
             badPartition.error.c_str());
  }

  void describesGroupOffsetsAndLag() {
    ClusterAdmin admin(connectionTo(cluster_));
    QVERIFY(admin.createTopic("orders", 2).ok());
    std::vector<test::Produced> msgs;
    for (int i = 0; i < 10; ++i)
      msgs.push_back({"x", "", {}, i % 2});
    test::produceAll(cluster_->bootstrapServers(), "orders", msgs);

    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", cluster_->bootstrapServers().c_str(), err,
                      sizeof err);
    rd_kafka_conf_set(conf, "group.id", "billing", err, sizeof err);
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    rd_kafka_topic_partition_list_t* commit = rd_kafka_topic_partition_list_new(2);
    rd_kafka_topic_partition_list_add(commit, "orders", 0)->offset = 3;
    rd_kafka_topic_partition_list_add(commit, "orders", 1)->offset = 5;
    QCOMPARE(rd_kafka_commit(rk, commit, 0), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_topic_partition_list_destroy(commit);
    rd_kafka_destroy(rk);

    auto group = admin.describeGroup("billing");
    QVERIFY2(group.ok(), group.error.c_str());
    QCOMPARE(group.value.offsets.size(), size_t(2));
    QCOMPARE(group.value.offsets[0].committed, int64_t(3));
    QCOMPARE(group.value.offsets[0].high, int64_t(5));
    QCOMPARE(group.value.offsets[0].lag, int64_t(2));
    QCOMPARE(group.value.offsets[1].committed, int64_t(5));
    QCOMPARE(group.value.offsets[1].lag, int64_t(0));
    QCOMPARE(group.value.totalLag(), int64_t(2));
    auto unknown = admin.describeGroup("nobody", {"orders"});
    QVERIFY(unknown.ok());
    QVERIFY(unknown.value.offsets.empty());
  }

  void unreachableClusterGivesErrors() {
    ResolvedConnection c;
    c.settings.name = "nowhere";
    c.settings.bootstrapServers = "127.0.0.1:1";
    c.bootstrapServers = "127.0.0.1:1";
    test::LogCapture log;
    ClusterAdmin admin(c);
    auto topics = admin.listTopics(300);
    QVERIFY(!topics.ok());
    QVERIFY2(topics.error.find("127.0.0.1:1") != std::string::npos, topics.error.c_str());
    QVERIFY(!admin.produce("t", -1, std::nullopt, "v", {}, 300).ok());
    QVERIFY(!admin.readMessages("t", 0, ReadPosition::beginning(), 10, 300).ok());
    QVERIFY(!admin.describeGroup("g", {}, 300).ok());
  }

  void connectionTypeChecksFieldsAndProperties() {
    ConnectionType type = kafkaConnectionType();
    Diagnostics d;
    type.validate(
        Json::parse(R"({"type":"kafka","bootstrap_servers":"embedded","embedded_partitions":2,
                                  "properties":{"acks":"all","linger.ms":5,"sasl.password":"${SECRET}"}})"),
        "/connections/local", d);
    QVERIFY2(d.empty(), d.format().c_str());

    Diagnostics bad;
    type.validate(Json::parse(R"({"type":"kafka","bootstrap_server":"x","embedded_brokers":0,
                                  "properties":{"acks":"bogus","no.such.thing":"1","sasl.password":"hunter2",
                                                "bootstrap.servers":"h:1"}})"),
                  "/connections/local", bad);
    std::string all = bad.format();
    QCOMPARE(bad.size(), size_t(5));
    QCOMPARE(bad.items()[0].pointer, std::string("/connections/local/bootstrap_server"));
    QVERIFY2(bad.items()[0].hint.find("bootstrap_servers") != std::string::npos, all.c_str());
    QCOMPARE(bad.items()[1].pointer, std::string("/connections/local/embedded_brokers"));
    QCOMPARE(bad.items()[2].pointer, std::string("/connections/local/properties/acks"));
    QVERIFY2(bad.items()[2].message.find("Invalid value") != std::string::npos, all.c_str());
    QCOMPARE(bad.items()[3].pointer, std::string("/connections/local/properties/no.such.thing"));
    QVERIFY2(bad.items()[3].message.find("No such configuration property") != std::string::npos,
             all.c_str());
    QCOMPARE(bad.items()[4].pointer,
             std::string("/connections/local/properties/bootstrap.servers"));
    QVERIFY2(all.find("hunter2") == std::string::npos, "secret values never appear in messages");
  }

  void secretPropertiesAreMasked() {
    QVERIFY(isSecretProperty("sasl.password"));
    QVERIFY(isSecretProperty("ssl.key.password"));
    QVERIFY(isSecretProperty("my.client.SECRET"));
    QVERIFY(!isSecretProperty("sasl.username"));
    QCOMPARE(describeProperties({{"sasl.username", "me"}, {"sasl.password", "pw"}}),
             std::string("sasl.username=me, sasl.password=***"));
    auto s = ConnectionSettings::fromJson(
        "c", Json::parse(R"({"type":"kafka","bootstrap_servers":"h:9092",
                                                                 "properties":{"sasl.password":"s3cr3t-value"}})"));
    QVERIFY(s.ok());
    QCOMPARE(Logger::global().redact("password is s3cr3t-value"), std::string("password is ***"));
  }

  void embeddedConnectionIsSharedPerName() {
    ResourceRegistry resources;
    auto settings = ConnectionSettings::fromJson(
        "local",
        Json::parse(R"({"type":"kafka","bootstrap_servers":"embedded","embedded_partitions":3})"));
    QVERIFY(settings.ok());
    auto a = resolveConnection(settings.value, resources);
    auto b = resolveConnection(settings.value, resources);
    QVERIFY2(a.ok(), a.error.c_str());
    QVERIFY(a.value.cluster);
    QCOMPARE(a.value.cluster.get(), b.value.cluster.get());
    QVERIFY(a.value.bootstrapServers.rfind("127.0.0.1:", 0) == 0);
    QVERIFY(a.value.ensureTopic("three").ok());
    ClusterAdmin admin(a.value);
    auto t = admin.describeTopic("three");
    QVERIFY2(t.ok(), t.error.c_str());
    QCOMPARE(t.value.partitions.size(), size_t(3));
  }
};

QTEST_GUILESS_MAIN(TestKafkaAdmin)
#include "tst_kafkaadmin.moc"
