// cooperativeRebalance (engine/kafka/KafkaClient.h): kafka.source's rebalance callback asks for
// the group's rebalance protocol, and librdkafka answers NULL once the group is being left or
// gone. The revoke that rd_kafka_consumer_close() runs through the callback sometimes came after
// that point (under load), and the answer went to strcmp: scale-out runners crashed (SIGSEGV) at
// their very end (tst_realscaleout's hop scenario, docs/scale-out.md). Without a broker.
#include <librdkafka/rdkafka.h>

#include <QtTest>

#include "engine/kafka/KafkaClient.h"

using sc::kafka::cooperativeRebalance;
using sc::kafka::staticGroupMemberId;

namespace {

rd_kafka_t* consumer(const char* group) {
  char error[256];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // Nothing listens there: no cluster is needed for what is asked here.
  rd_kafka_conf_set(conf, "bootstrap.servers", "127.0.0.1:1", error, sizeof error);
  rd_kafka_conf_set(conf, "log_level", "0", error, sizeof error);
  if (group) rd_kafka_conf_set(conf, "group.id", group, error, sizeof error);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
  if (!rk) qFatal("rd_kafka_new: %s", error);
  return rk;
}

}  // namespace

class TestRebalanceProtocol : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void aClosedGroupHasNoProtocolAndTheLastAnswerServes() {
    rd_kafka_t* rk = consumer("tst-rebalanceprotocol");
    bool known = true;
    // A member that has not joined: "NONE", not cooperative; the answer is kept.
    QVERIFY(!cooperativeRebalance(rk, known));
    QVERIFY(!known);
    rd_kafka_consumer_close(rk);
    // The premise: once the group is left, librdkafka has no answer (what the callback inside
    // rd_kafka_consumer_close got at times, and passed to strcmp).
    QVERIFY(rd_kafka_rebalance_protocol(rk) == nullptr);
    QVERIFY(!cooperativeRebalance(rk, known));
    known = true;  // a cooperative group before: unassigned incrementally at the close too
    QVERIFY(cooperativeRebalance(rk, known));
    QVERIFY(known);
    rd_kafka_destroy(rk);
  }

  // group.instance.id holds what Kafka allows there ([a-zA-Z0-9._-], at most 249 characters;
  // the Java client refuses others, librdkafka passes them on): the repartition reader's node id
  // has a '~', and --instance takes any text.
  void staticMemberIdsAreValidKafkaNames() {
    QCOMPARE(QString::fromStdString(staticGroupMemberId("a", "in")), "streamcanvas-a-in");
    QCOMPARE(
        QString::fromStdString(staticGroupMemberId("vm-1.example_2", "win~repartition-source")),
        "streamcanvas-vm-1.example_2-win_repartition-source");
    QCOMPARE(QString::fromStdString(staticGroupMemberId("rack 3/ü", "in")),
             "streamcanvas-rack_3___-in");  // / and the two bytes of ü
    const std::string longA = staticGroupMemberId(std::string(300, 'x') + "a", "in");
    const std::string longB = staticGroupMemberId(std::string(300, 'x') + "b", "in");
    QCOMPARE(longA.size(), size_t(249));
    QVERIFY(longA != longB);
    QCOMPARE(longA.substr(0, 200), longB.substr(0, 200));
  }

  void aConsumerWithoutAGroupHasNoProtocol() {
    rd_kafka_t* rk = consumer(nullptr);
    QVERIFY(rd_kafka_rebalance_protocol(rk) == nullptr);
    bool known = false;
    QVERIFY(!cooperativeRebalance(rk, known));
    rd_kafka_destroy(rk);
    QVERIFY(!cooperativeRebalance(nullptr, known));
  }
};

QTEST_GUILESS_MAIN(TestRebalanceProtocol)
#include "tst_rebalanceprotocol.moc"
