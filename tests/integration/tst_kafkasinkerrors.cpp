// kafka.sink per record, against an embedded cluster: a record the cluster refuses follows
// on_error (fail, skip, dead_letter; also under exactly_once), the record's event time becomes
// the message timestamp, and incoming headers are kept, dropped or replaced.
#include <QtTest>

#include <nlohmann/json.hpp>

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

constexpr int kRecords = 20;
constexpr int kHuge = 7;  // the record too large for the sink's message.max.bytes

// {"n":i,"pad":"..."}, record kHuge ~3000 bytes; every record carries header trace=t<i>.
std::vector<test::Produced> input() {
  std::vector<test::Produced> v;
  for (int i = 0; i < kRecords; ++i)
    v.push_back({"{\"n\":" + std::to_string(i) + ",\"pad\":\"" +
                     std::string(i == kHuge ? 3000 : 10, 'x') + "\"}",
                 "k" + std::to_string(i),
                 {{"trace", "t" + std::to_string(i)}},
                 -1});
  return v;
}

// The source reads with default limits; the sink's own connection takes at most 2000 bytes a
// message, so librdkafka refuses the huge record on the spot.
const char* kCopyPipeline = R"({"streamcanvas":1,"name":"NAME",
  "settings":{"delivery":"DELIVERY"},
  "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"},
                 "small":{"type":"kafka","bootstrap_servers":"BOOT",
                          "properties":{"message.max.bytes":"2000"}}},
  "nodes":[
    {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":["in"],"bounded":true}},
    {"id":"out","type":"kafka.sink","properties":{"connection":"SINKCONN","topic":"out",SINK}}],
  "edges":[{"from":"src","to":"out"}]})";

int numberOf(const test::Consumed& m) {
  return nlohmann::json::parse(m.value)["n"].get<int>();
}

}  // namespace

class TestKafkaSinkErrors : public QObject {
  Q_OBJECT

  std::shared_ptr<EmbeddedCluster> cluster_;
  std::string boot_;
  QTemporaryDir tmp_;
  int runs_ = 0;

  std::string pipeline(const std::string& name, const std::string& sink,
                       const std::string& connection = "small",
                       const std::string& delivery = "at_least_once") {
    std::string text = replaceAll(kCopyPipeline, "NAME", name);
    text = replaceAll(text, "BOOT", boot_);
    text = replaceAll(text, "SINKCONN", connection);
    text = replaceAll(text, "DELIVERY", delivery);
    return replaceAll(text, ",SINK", sink.empty() ? "" : "," + sink);
  }

  // Runs a bounded pipeline to its end; returns the sink's error count (-1: the run failed).
  int64_t runCountingErrors(const std::string& text, std::string* message = nullptr) {
    RunOptions options;
    if (text.find("exactly_once") != std::string::npos) {
      options.checkpoints.exactlyOnce = true;
      options.checkpoints.intervalMs = 100;
      options.checkpoints.dir = tmp_.filePath(QString::number(++runs_)).toStdString();
    }
    auto run = test::planPipeline(text, options);
    if (!run) return -2;
    run->start();
    if (!run->wait(60000)) return -3;
    if (message) *message = run->result().message;
    if (!run->result().ok) return -1;
    return static_cast<int64_t>(test::metricsOf(*run, "out")->errors.get());
  }

  static std::vector<int> numbers(const std::vector<test::Consumed>& messages) {
    std::vector<int> v;
    for (const auto& m : messages)
      v.push_back(numberOf(m));
    std::sort(v.begin(), v.end());
    return v;
  }

  static std::vector<int> allBut(int missing) {
    std::vector<int> v;
    for (int i = 0; i < kRecords; ++i)
      if (i != missing) v.push_back(i);
    return v;
  }

 private Q_SLOTS:
  void init() {
    auto started = EmbeddedCluster::start(1, 3);
    QVERIFY2(started.ok(), started.error.c_str());
    cluster_ = started.value;
    boot_ = cluster_->bootstrapServers();
    for (const char* t : {"in", "out", "dlq"})
      QVERIFY(cluster_->ensureTopic(t).ok());
    test::produceAll(boot_, "in", input());
  }
  void cleanup() { cluster_.reset(); }

  void refusedRecordFailsTheRunByDefault() {
    std::string message;
    QCOMPARE(runCountingErrors(pipeline("fail", ""), &message), int64_t(-1));
    QVERIFY2(message.find("kafka.sink 'out'") != std::string::npos &&
                 message.find("too large") != std::string::npos &&
                 message.find("set on_error to skip or dead_letter") != std::string::npos,
             message.c_str());
  }

  void refusedRecordIsSkippedAndCounted() {
    std::string message;
    QCOMPARE(runCountingErrors(pipeline("skip", R"("on_error":"skip")"), &message), int64_t(1));
    QCOMPARE(numbers(test::readAll(boot_, "out")), allBut(kHuge));
  }

  void refusedRecordGoesToTheDeadLetterTopic() {
    std::string message;
    QCOMPARE(
        runCountingErrors(pipeline("dead", R"("on_error":"dead_letter","dead_letter_topic":"dlq")"),
                          &message),
        int64_t(1));
    QCOMPARE(numbers(test::readAll(boot_, "out")), allBut(kHuge));
    const auto dead = test::readAll(boot_, "dlq");
    QCOMPARE(dead.size(), size_t(1));
    const test::Consumed& d = dead[0];
    QCOMPARE(d.key, "k" + std::to_string(kHuge));
    QCOMPARE(d.headers.at("trace"), "t" + std::to_string(kHuge));
    QVERIFY2(d.headers.at("sc.error").find("too large") != std::string::npos,
             d.headers.at("sc.error").c_str());
    QCOMPARE(d.headers.at("sc.topic"), std::string("out"));
    // Too large for the dead-letter topic as well: the start of the value, and its size.
    QVERIFY(std::stoul(d.headers.at("sc.value.bytes")) > 3000);
    QVERIFY(d.value.size() < 2000);
    QVERIFY(d.value.starts_with("{\"n\":" + std::to_string(kHuge) + ","));
  }

  void deadLetterJoinsTheTransactionUnderExactlyOnce() {
    std::string message;
    QCOMPARE(
        runCountingErrors(pipeline("eos", R"("on_error":"dead_letter","dead_letter_topic":"dlq")",
                                   "small", "exactly_once"),
                          &message),
        int64_t(1));
    QCOMPARE(numbers(test::readAll(boot_, "out")), allBut(kHuge));
    QCOMPARE(test::readAll(boot_, "dlq").size(), size_t(1));
  }

  void recordsRefusedByTheBrokerFollowOnError() {
    // The broker refuses the next produce request outright (its records too large for it):
    // every record of it goes to the dead-letter topic, none is lost. (One request only: the
    // mock fails requests in order, whatever their topic, and the dead letters follow.)
    cluster_->pushRequestErrors(0 /* Produce */, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, 1);
    std::string message;
    const int64_t errors = runCountingErrors(
        pipeline("broker", R"("on_error":"dead_letter","dead_letter_topic":"dlq")", "k"), &message);
    QVERIFY2(errors >= 1, message.c_str());
    const auto out = test::readAll(boot_, "out");
    const auto dead = test::readAll(boot_, "dlq");
    QCOMPARE(int64_t(dead.size()), errors);
    std::vector<int> all = numbers(out), deadNumbers = numbers(dead);
    all.insert(all.end(), deadNumbers.begin(), deadNumbers.end());
    std::sort(all.begin(), all.end());
    QCOMPARE(all, allBut(-1));
    for (const auto& d : dead)
      QVERIFY2(d.headers.at("sc.error").find("too large") != std::string::npos,
               d.headers.at("sc.error").c_str());
  }

  void eventTimeBecomesTheMessageTimestamp() {
    const std::string text = replaceAll(R"({"streamcanvas":1,"name":"ts",
      "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
      "nodes":[
        {"id":"gen","type":"generator","properties":{"count":50,"rate":0,
                                                      "start_time":"2025-03-01T00:00:00Z"}},
        {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out"}}],
      "edges":[{"from":"gen","to":"out"}]})",
                                        "BOOT", boot_);
    auto result = test::runPipeline(text);
    QVERIFY2(result.ok, result.message.c_str());
    const auto out = test::readAll(boot_, "out");
    QCOMPARE(out.size(), size_t(50));
    for (const auto& m : out)
      QCOMPARE(m.timestamp, nlohmann::json::parse(m.value)["ts"].get<int64_t>());
  }

  void incomingHeadersAreKeptByDefault() {
    QCOMPARE(runCountingErrors(pipeline("keep", "", "k")), int64_t(0));
    const auto out = test::readAll(boot_, "out");
    QCOMPARE(out.size(), size_t(kRecords));
    for (const auto& m : out) {
      QCOMPARE(m.headers.size(), size_t(1));
      QCOMPARE(m.headers.at("trace"), "t" + std::to_string(numberOf(m)));
    }
  }

  void incomingHeadersCanBeDroppedOrReplaced() {
    QCOMPARE(runCountingErrors(pipeline("drop", R"("headers":"drop")", "k")), int64_t(0));
    auto out = test::readAll(boot_, "out");
    QCOMPARE(out.size(), size_t(kRecords));
    for (const auto& m : out)
      QVERIFY(m.headers.empty());
    QVERIFY(cluster_->ensureTopic("out2").ok());
    QCOMPARE(runCountingErrors(
                 replaceAll(pipeline("replace", R"("headers":{"copy":"$headers.trace"})", "k"),
                            R"("topic":"out")", R"("topic":"out2")")),
             int64_t(0));
    out = test::readAll(boot_, "out2");
    QCOMPARE(out.size(), size_t(kRecords));
    for (const auto& m : out) {
      QCOMPARE(m.headers.size(), size_t(1));
      QCOMPARE(m.headers.at("copy"), "t" + std::to_string(numberOf(m)));
    }
  }

  void headersWordsAreValidated() {
    LoadResult loaded = parsePipeline(pipeline("bad", R"("headers":"kept")", "k"), "<test>");
    QVERIFY(loaded.ok());
    PlannedPipeline planned = sc::planPipeline(*loaded.pipeline, NodeRegistry::builtin(),
                                               PlanPurpose::Check, processEnvironment(), {});
    const std::string text = planned.diagnostics.format();
    QVERIFY2(!planned.ok() && text.find("/nodes/1/properties/headers") != std::string::npos &&
                 text.find("keep") != std::string::npos,
             text.c_str());
  }
};

QTEST_GUILESS_MAIN(TestKafkaSinkErrors)
#include "tst_kafkasinkerrors.moc"
