// Kafka faults injected with the mock cluster's own tools: a broker unreachable at start, a broker
// going away mid-run, and failing requests. The pipeline goes on, no record is lost, offsets are
// never committed ahead of delivery, and each state change is logged once, not once per retry.
#include <QtTest>

#include <thread>

#include "engine/kafka/EmbeddedCluster.h"
#include "integration/KafkaTestSupport.h"

using namespace sc;
using namespace sc::kafka;

namespace {

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::vector<test::Produced> numbered(int from, int count) {
  std::vector<test::Produced> v;
  for (int i = from; i < from + count; ++i)
    v.push_back({"{\"n\":" + std::to_string(i) + "}", "", {}, -1});
  return v;
}

std::vector<std::string> sortedDistinct(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::vector<std::string> expectedValues(int count) {
  std::vector<std::string> v;
  for (const auto& m : numbered(0, count))
    v.push_back(m.value);
  std::sort(v.begin(), v.end());
  return v;
}

const char* kCopyPipeline = R"({"streamcanvas":1,"name":"NAME",
  "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT",
                      "properties":{"reconnect.backoff.max.ms":"500","topic.metadata.refresh.interval.ms":"1000"}}},
  "nodes":[
    {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":["in"],"commit_interval":"200ms",SRC}},
    {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out"}}],
  "edges":[{"from":"src","to":"out"}]})";

}  // namespace

class TestKafkaResilience : public QObject {
  Q_OBJECT

  std::shared_ptr<EmbeddedCluster> cluster_;
  std::string boot_;

  std::string pipeline(const std::string& name, const std::string& src) {
    return replaceAll(replaceAll(replaceAll(kCopyPipeline, "NAME", name), "BOOT", boot_), "SRC",
                      src);
  }

  int64_t committedTotal(const std::string& group) {
    int64_t total = 0;
    for (const auto& [p, o] : test::committedOffsets(boot_, group, "in", 3))
      total += std::max<int64_t>(o, 0);
    return total;
  }

 private Q_SLOTS:
  void init() {
    auto started = EmbeddedCluster::start(1, 3);
    QVERIFY2(started.ok(), started.error.c_str());
    cluster_ = started.value;
    boot_ = cluster_->bootstrapServers();
    QVERIFY(cluster_->ensureTopic("in").ok());
    QVERIFY(cluster_->ensureTopic("out").ok());
  }
  void cleanup() { cluster_.reset(); }

  void brokerUnreachableAtStart() {
    test::produceAll(boot_, "in", numbered(0, 200));
    test::LogCapture log;
    QVERIFY(cluster_->setBrokerDown(1));
    auto run = test::planPipeline(pipeline("atstart", R"("bounded":true)"));
    QVERIFY(run);
    run->start();
    // Let librdkafka retry many times while the broker is away.
    QVERIFY(test::waitFor([&] { return log.count("kafka.source 'src': Kafka at") > 0; }));
    std::this_thread::sleep_for(std::chrono::seconds(2));
    QVERIFY2(!run->wait(0), "the pipeline must wait for the broker, not end");
    QVERIFY(cluster_->setBrokerUp(1));
    QVERIFY(run->wait(60000));
    QVERIFY2(run->result().ok, run->result().message.c_str());
    QCOMPARE(test::sortedValues(test::readAll(boot_, "out")), expectedValues(200));
    QCOMPARE(committedTotal("streamcanvas-atstart"), int64_t(200));
    QCOMPARE(log.count("kafka.source 'src': Kafka at " + boot_ + " is unreachable"), 1);
    QCOMPARE(log.count("kafka.source 'src': connected to Kafka at " + boot_ + " again"), 1);
    QVERIFY2(log.count("kafka.sink 'out': Kafka at " + boot_ + " is unreachable") <= 1,
             log.all().c_str());
  }

  void brokerGoesAwayMidRun() {
    test::produceAll(boot_, "in", numbered(0, 100));
    test::LogCapture log;
    auto run = test::planPipeline(pipeline("midrun", R"("start":"earliest")"));
    QVERIFY(run);
    run->start();
    QVERIFY(test::waitFor([&] { return test::readAll(boot_, "out").size() >= 100; }, 60000));
    QVERIFY(cluster_->setBrokerDown(1));
    // More input is written while the broker is away; the test's producer retries as well.
    std::thread writer([&] { test::produceAll(boot_, "in", numbered(100, 100)); });
    std::this_thread::sleep_for(std::chrono::seconds(3));
    QVERIFY2(!run->wait(0), "the pipeline must survive the outage");
    QVERIFY(cluster_->setBrokerUp(1));
    writer.join();
    QVERIFY(test::waitFor(
        [&] {
          return sortedDistinct(test::sortedValues(test::readAll(boot_, "out"))).size() >= 200;
        },
        60000));
    QVERIFY(test::waitFor([&] { return committedTotal("streamcanvas-midrun") == 200; }, 30000));
    run->requestStop();
    QVERIFY(run->wait(30000));
    QVERIFY2(run->result().ok, run->result().message.c_str());
    auto out = test::sortedValues(test::readAll(boot_, "out"));
    QCOMPARE(sortedDistinct(out), expectedValues(200));  // nothing lost (duplicates are allowed)
    QCOMPARE(committedTotal("streamcanvas-midrun"), int64_t(200));
    QCOMPARE(log.count("kafka.source 'src': Kafka at " + boot_ + " is unreachable"), 1);
    QCOMPARE(log.count("kafka.source 'src': connected to Kafka at " + boot_ + " again"), 1);
    QVERIFY2(log.count("kafka.sink 'out': Kafka at " + boot_ + " is unreachable") <= 1,
             log.all().c_str());
  }

  void failingRequestsAreRetriedAndNeverCommitAhead() {
    test::produceAll(boot_, "in", numbered(0, 300));
    // Retriable errors for fetches, produces and commits.
    cluster_->pushRequestErrors(1 /* Fetch */, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, 3);
    cluster_->pushRequestErrors(0 /* Produce */, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS, 5);
    cluster_->pushRequestErrors(8 /* OffsetCommit */, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
                                2);
    auto result = test::runPipeline(pipeline("errors", R"("bounded":true)"));
    QVERIFY2(result.ok, result.message.c_str());
    auto out = test::sortedValues(test::readAll(boot_, "out"));
    QCOMPARE(out, expectedValues(300));  // idempotent producer: retries leave no duplicates
    std::map<int32_t, int64_t> ends;
    for (const auto& m : test::readAll(boot_, "in"))
      ends[m.partition] = std::max(ends[m.partition], m.offset + 1);
    for (const auto& [p, o] : test::committedOffsets(boot_, "streamcanvas-errors", "in", 3))
      QVERIFY2(o <= ends[p], "never beyond what was read and delivered");
  }
};

QTEST_GUILESS_MAIN(TestKafkaResilience)
#include "tst_kafkaresilience.moc"
