// What the Topics dock shows of a real cluster that the embedded one cannot answer: a topic's
// configuration (DescribeConfigs: retention and the like) and consumer groups with their state
// and members (DescribeGroups, with each member's decoded assignment). Against the real_kafka
// fixture (tests/kafka/kafka-fixture.sh).
#include <QtTest>

#include <QRandomGenerator>

#include <algorithm>
#include <map>

#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/KafkaConnection.h"
#include "integration/RealKafka.h"

using namespace sc;
using namespace sc::kafka;
using namespace sc::test;

namespace {

std::string unique(const char* prefix) {
  return std::string(prefix) + "-" + std::to_string(QRandomGenerator::global()->generate());
}

}  // namespace

class TestRealClusterAdmin : public QObject {
  Q_OBJECT

 private:
  RealKafka kafka_;

  ResolvedConnection connection() const {
    ResolvedConnection c;
    c.settings.name = "real";
    c.settings.bootstrapServers = kafka_.bootstrap(SecurityMode::Plaintext);
    c.bootstrapServers = c.settings.bootstrapServers;
    return c;
  }

 private Q_SLOTS:
  void initTestCase() {
    kafka_ = RealKafka::fromEnvironment();
    QVERIFY2(kafka_.ok(), qPrintable(kafka_.error()));
  }

  // The configuration the topic was created with comes back, retention first.
  void topicConfigShowsRetention() {
    const std::string topic = unique("configured");
    const std::string created =
        createTopic(kafka_, SecurityMode::Plaintext, topic, 2,
                    {{"retention.ms", "3600000"}, {"cleanup.policy", "compact"}});
    QVERIFY2(created.empty(), created.c_str());
    ClusterAdmin admin(connection());
    auto config = admin.topicConfig(topic, 10000);
    QVERIFY2(config.ok(), config.error.c_str());
    std::map<std::string, std::string> byName(config.value.begin(), config.value.end());
    QCOMPARE(byName["retention.ms"], std::string("3600000"));
    QCOMPARE(byName["cleanup.policy"], std::string("compact"));
    QVERIFY(byName.count("segment.bytes"));  // the broker's defaults too
    auto missing = admin.topicConfig(unique("no-such-topic"), 10000);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error.find("no-such-topic") != std::string::npos, missing.error.c_str());
  }

  // A consumer that joined a group: the group is listed as Stable with that member, its client
  // id and its assignment decoded to "topic[0,1]".
  void groupsShowStateAndMembers() {
    const std::string topic = unique("grouped");
    const std::string group = unique("browser-group");
    QVERIFY(createTopic(kafka_, SecurityMode::Plaintext, topic, 2).empty());
    RdKafkaPtr consumer =
        kafka_.newClient(RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
                         {{"group.id", group}, {"client.id", "member-under-test"}});
    QVERIFY(consumer);
    rd_kafka_poll_set_consumer(consumer.get());
    rd_kafka_topic_partition_list_t* subscription = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(subscription, topic.c_str(), RD_KAFKA_PARTITION_UA);
    QCOMPARE(rd_kafka_subscribe(consumer.get(), subscription), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_topic_partition_list_destroy(subscription);

    ClusterAdmin admin(connection());
    GroupSummary found;
    // Poll the consumer (it joins and gets its partitions) until the broker reports it stable.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          if (rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 100))
            rd_kafka_message_destroy(m);
          auto groups = admin.listGroups(5000);
          if (!groups.ok()) return false;
          for (const GroupSummary& g : groups.value)
            if (g.groupId == group) found = g;
          return found.state == "Stable" && found.members.size() == 1 &&
                 !found.members[0].assignment.empty();
        }(),
        60000);
    QCOMPARE(found.protocol, std::string("range"));
    QCOMPARE(found.members[0].clientId, std::string("member-under-test"));
    QVERIFY(!found.members[0].memberId.empty());
    QVERIFY(!found.members[0].host.empty());
    QCOMPARE(found.members[0].assignment, topic + "[0,1]");
    rd_kafka_consumer_close(consumer.get());
  }
};

QTEST_GUILESS_MAIN(TestRealClusterAdmin)
#include "tst_realclusteradmin.moc"
