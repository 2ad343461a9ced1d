// `start` semantics against the real broker: `start` applies only to a partition with no committed
// offset and no checkpoint. Two streamcanvas-run processes share one consumer group with
// `start: latest` (kafka.source -> kafka.sink, unbounded); partitions move between them when one
// joins and when one leaves, and a restarted runner resumes at the group's offsets instead of
// jumping to the end. Every record produced while a member held the partitions reaches the output
// at least once.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <csignal>
#include <map>
#include <set>
#include <thread>

#include "engine/graph/Json.h"
#include "integration/RealKafka.h"

using namespace sc::test;
using sc::Json;

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
constexpr int kPartitions = 4;
constexpr int kPerPhase = 400;

void produce(rd_kafka_t* rk, const std::string& topic, const std::string& value,
             int32_t partition = RD_KAFKA_PARTITION_UA) {
  rd_kafka_resp_err_t err;
  while (
      (err = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(partition),
                               RD_KAFKA_V_KEY(value.data(), value.size()),
                               RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                               RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)) ==
      RD_KAFKA_RESP_ERR__QUEUE_FULL)
    rd_kafka_poll(rk, 10);
  if (err) qFatal("produce: %s", rd_kafka_err2str(err));
}

// Reads the output topic as it grows: one consumer, assigned every partition from the start.
class OutputReader {
 public:
  OutputReader(const RealKafka& kafka, const std::string& topic, int partitions) {
    rk_ = kafka.newClient(
        RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
        {{"group.id", "tst-realkafkagroup-reader"}, {"enable.auto.commit", "false"}});
    if (!rk_) qFatal("no output reader");
    rd_kafka_poll_set_consumer(rk_.get());
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; ++p)
      rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk_.get(), list);
    rd_kafka_topic_partition_list_destroy(list);
  }
  // Reads until `done` holds for what was seen, or `timeoutMs` passes; true when it held.
  template <typename Done>
  bool readUntil(Done done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done(seen_)) {
      if (deadline.hasExpired()) return false;
      if (rd_kafka_message_t* m = rd_kafka_consumer_poll(rk_.get(), 100)) {
        if (!m->err)
          ++seen_[Json::parse(std::string(static_cast<const char*>(m->payload), m->len))["value"]
                      .get<std::string>()];
        rd_kafka_message_destroy(m);
      }
    }
    return true;
  }
  const std::map<std::string, int>& seen() const { return seen_; }

 private:
  RdKafkaPtr rk_;
  std::map<std::string, int> seen_;  // value -> times seen
};

bool allOf(const std::map<std::string, int>& seen, const std::vector<std::string>& values) {
  for (const auto& v : values)
    if (!seen.count(v)) return false;
  return true;
}

}  // namespace

class TestRealKafkaGroup : public QObject {
  Q_OBJECT

 private:
  RealKafka kafka_;
  QTemporaryDir dir_;

  QString writePipeline(const std::string& in, const std::string& out) {
    Json doc = {
        {"streamcanvas", 1},
        {"name", "start-latest"},
        {"settings", {{"checkpoint_interval", "200ms"}, {"restart", {{"strategy", "none"}}}}},
        {"connections",
         {{"real",
           {{"type", "kafka"}, {"bootstrap_servers", kafka_.bootstrap(SecurityMode::Plaintext)}}}}},
        {"nodes", Json::array({{{"id", "in"},
                                {"type", "kafka.source"},
                                {"properties",
                                 {{"connection", "real"},
                                  {"topics", Json::array({in})},
                                  {"start", "latest"},
                                  {"group_id", "start-latest-" + in},
                                  {"format", "text"}}}},
                               {{"id", "out"},
                                {"type", "kafka.sink"},
                                {"properties", {{"connection", "real"}, {"topic", out}}}}})},
        {"edges", Json::array({{{"from", "in"}, {"to", "out"}}})}};
    const QString path = dir_.filePath("start-latest.json");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write the pipeline");
    f.write(QByteArray::fromStdString(doc.dump(2)));
    return path;
  }

  std::unique_ptr<QProcess> startRunner(const QString& pipeline, const QString& name) {
    auto p = std::make_unique<QProcess>();
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(kRunner, {pipeline, "--instance", name, "--checkpoint-dir",
                       dir_.filePath("ckpt-" + name), "--fresh"});
    if (!p->waitForStarted(10000)) qFatal("runner did not start");
    return p;
  }

  // SIGINT: the runner leaves the group after its last checkpoint; it must exit cleanly.
  static void stopRunner(QProcess& p) {
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    if (!p.waitForFinished(60000)) {
      p.kill();
      p.waitForFinished();
      QFAIL("the runner did not stop within 60 s of SIGINT");
    }
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && (p.exitCode() == 0 || p.exitCode() == 130),
             p.readAll().constData());
  }

 private Q_SLOTS:
  void initTestCase() {
    kafka_ = RealKafka::fromEnvironment();
    QVERIFY2(kafka_.ok(), qPrintable(kafka_.error()));
    QVERIFY(dir_.isValid());
  }

  void startLatestNeverSkipsAfterMovesAndRestarts() {
    const std::string run = std::to_string(QDateTime::currentMSecsSinceEpoch());
    const std::string in = "group-in-" + run, out = "group-out-" + run;
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, in, kPartitions)),
             QString());
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, out, 1)),
             QString());
    RdKafkaPtr producer =
        kafka_.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext, {{"linger.ms", "5"}});
    QVERIFY(producer);
    OutputReader output(kafka_, out, 1);
    const QString pipeline = writePipeline(in, out);
    int next = 0;
    // Produces the next kPerPhase records over every partition; returns their values.
    auto phase = [&] {
      std::vector<std::string> values;
      for (int i = 0; i < kPerPhase; ++i, ++next) {
        values.push_back("r-" + std::to_string(next));
        produce(producer.get(), in, values.back(), next % kPartitions);
      }
      rd_kafka_flush(producer.get(), 30000);
      return values;
    };
    // Until a member holds every partition, records may go before `latest`: probe each partition
    // until its probe shows up, so the group is known to have positions everywhere.
    auto waitForProbes = [&](const std::string& tag) {
      for (int round = 0; round < 120; ++round) {
        std::vector<std::string> probes;
        for (int p = 0; p < kPartitions; ++p) {
          probes.push_back(tag + "-" + std::to_string(round) + "-" + std::to_string(p));
          produce(producer.get(), in, probes.back(), p);
        }
        rd_kafka_flush(producer.get(), 30000);
        if (output.readUntil([&](const auto& seen) { return allOf(seen, probes); }, 1000))
          return true;
      }
      return false;
    };

    // A alone: `latest` applies (no committed offsets yet).
    auto a = startRunner(pipeline, "a");
    QVERIFY2(waitForProbes("probe-a"), "runner A never read its partitions");
    std::vector<std::string> expected = phase();
    QVERIFY(output.readUntil([&](const auto& s) { return allOf(s, expected); }, 60000));

    // B joins: partitions move from A to B and resume at A's committed offsets.
    auto b = startRunner(pipeline, "b");
    for (int i = 0; i < 6; ++i) {  // records keep coming while the group rebalances
      auto more = phase();
      expected.insert(expected.end(), more.begin(), more.end());
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    QVERIFY2(output.readUntil([&](const auto& s) { return allOf(s, expected); }, 90000),
             "records produced while B joined are missing");

    // A leaves: its partitions move to B.
    stopRunner(*a);
    for (int i = 0; i < 3; ++i) {
      auto more = phase();
      expected.insert(expected.end(), more.begin(), more.end());
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    QVERIFY2(output.readUntil([&](const auto& s) { return allOf(s, expected); }, 90000),
             "records produced after A left are missing");

    // Nobody runs while records arrive; a restarted runner (fresh checkpoint) with start: latest
    // resumes at the group's offsets, so these are not skipped.
    stopRunner(*b);
    auto whileDown = phase();
    expected.insert(expected.end(), whileDown.begin(), whileDown.end());
    auto b2 = startRunner(pipeline, "b");
    QVERIFY2(output.readUntil([&](const auto& s) { return allOf(s, whileDown); }, 90000),
             "the restart with start: latest skipped records produced while it was down");
    auto last = phase();
    expected.insert(expected.end(), last.begin(), last.end());
    QVERIFY(output.readUntil([&](const auto& s) { return allOf(s, expected); }, 60000));
    stopRunner(*b2);

    int duplicates = 0;
    for (const std::string& v : expected)
      duplicates += output.seen().at(v) - 1;
    qInfo(
        "%zu records through two members, a join, a leave and a restart; %d duplicates "
        "(at-least-once)",
        expected.size(), duplicates);
  }
};

QTEST_GUILESS_MAIN(TestRealKafkaGroup)
#include "tst_realkafkagroup.moc"
