// kafka.source and kafka.sink through the executor against an embedded cluster: exact output,
// offsets committed only for delivered records, resuming from the committed offsets, record
// metadata, keys and headers, malformed messages (skip, dead letter, fail), messages without a
// usable event time (dead letter), text payloads, consumer groups, and a sink whose deliveries
// fail.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "engine/kafka/EmbeddedCluster.h"
#include "engine/runtime/Breakpoint.h"
#include "integration/KafkaTestSupport.h"

using namespace sc;
using namespace sc::kafka;

namespace {

int64_t epochMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// {"id":i,"temperature":40 or 20}: every third passes "temperature > 30".
std::vector<test::Produced> sensorMessages(int from, int count) {
  std::vector<test::Produced> v;
  for (int i = from; i < from + count; ++i)
    v.push_back(
        {"{\"id\":" + std::to_string(i) + ",\"temperature\":" + (i % 3 == 0 ? "40" : "20") + "}",
         "dev-" + std::to_string(i % 7),
         {{"trace", "t" + std::to_string(i)}},
         -1});
  return v;
}

std::vector<std::string> hotValues(int from, int count) {
  std::vector<std::string> v;
  for (const auto& m : sensorMessages(from, count))
    if (m.value.find("\"temperature\":40") != std::string::npos) v.push_back(m.value);
  std::sort(v.begin(), v.end());
  return v;
}

const char* kFilterPipeline = R"({"streamcanvas":1,"name":"NAME",
  "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
  "nodes":[
    {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":["in"],"bounded":true,SRCPROPS}},
    {"id":"hot","type":"filter","properties":{"condition":"temperature > 30"}},
    {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out"}}],
  "edges":[{"from":"src","to":"hot"},{"from":"hot","to":"out"}]})";

}  // namespace

class TestKafkaNodes : public QObject {
  Q_OBJECT

  std::shared_ptr<EmbeddedCluster> cluster_;
  std::string boot_;

  std::string pipeline(const std::string& name,
                       const std::string& srcProps = R"("start":"committed")",
                       const char* text = kFilterPipeline) {
    return replaceAll(replaceAll(replaceAll(text, "NAME", name), "BOOT", boot_), "SRCPROPS",
                      srcProps);
  }

 private Q_SLOTS:
  void init() {
    auto started = EmbeddedCluster::start(1, 3);
    QVERIFY2(started.ok(), started.error.c_str());
    cluster_ = started.value;
    boot_ = cluster_->bootstrapServers();
    for (const char* t : {"in", "out", "dlq"})
      QVERIFY(cluster_->ensureTopic(t).ok());
  }
  void cleanup() { cluster_.reset(); }

  void boundedFilterMovesExactlyTheMatchingRecordsAndCommits() {
    auto input = sensorMessages(0, 300);
    input.push_back({"not json", "", {}, 0});
    input.push_back({"{\"id\": ", "", {}, 1});
    test::produceAll(boot_, "in", input);
    auto run = test::planPipeline(pipeline("p1"));
    QVERIFY(run);
    run->start();
    QVERIFY(run->wait(60000));
    QVERIFY2(run->result().ok, run->result().message.c_str());
    QCOMPARE(test::sortedValues(test::readAll(boot_, "out")), hotValues(0, 300));
    const NodeMetrics* src = test::metricsOf(*run, "src");
    QVERIFY(src);
    QCOMPARE(src->errors.get(), uint64_t(2));
    QCOMPARE(src->recordsOut.get(), uint64_t(300));
    QCOMPARE(test::gaugeOf(*src, "assigned_partitions"), int64_t(3));
    // Everything was delivered, so everything is committed: exactly the end offsets.
    auto ends = test::readAll(boot_, "in");
    std::map<int32_t, int64_t> expected;
    for (const auto& m : ends)
      expected[m.partition] = std::max(expected[m.partition], m.offset + 1);
    QCOMPARE(test::committedOffsets(boot_, "streamcanvas-p1", "in", 3), expected);
  }

  // Event time per (topic, partition): c holds June 2026, d holds 2025. When watermark state was
  // keyed by partition number alone, c/0 and d/0 shared one state, the watermark jumped to June
  // and d's records went late.
  void multiTopicEventTimeIsKeyedByTopicAndPartition() {
    QVERIFY(cluster_->ensureTopic("c").ok());
    QVERIFY(cluster_->ensureTopic("d").ok());
    QVERIFY(cluster_->ensureTopic("late").ok());
    auto readings = [](int64_t startMs) {
      std::vector<test::Produced> v;
      for (int i = 0; i < 5000; ++i)
        v.push_back({"{\"ts\":" + std::to_string(startMs + i * 1000LL) + "}",
                     "k" + std::to_string(i % 10),
                     {},
                     -1});
      return v;
    };
    test::produceAll(boot_, "c", readings(1780272000000));  // 2026-06-01
    test::produceAll(boot_, "d", readings(1740787200000));  // 2025-03-01
    const std::string text = replaceAll(R"({"streamcanvas":1,"name":"multi",
  "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
  "nodes":[
    {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":["c","d"],
      "bounded":true,"start":"earliest"}},
    {"id":"w","type":"window.tumbling","properties":{"size":"1h","timestamp":"ts",
      "aggregates":[{"as":"n","fn":"count"}]}},
    {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out"}},
    {"id":"lateout","type":"kafka.sink","properties":{"connection":"k","topic":"late"}}],
  "edges":[{"from":"src","to":"w"},{"from":"w","to":"out"},{"from":"w:late","to":"lateout"}]})",
                                        "BOOT", boot_);
    RunResult r = test::runPipeline(text);
    QVERIFY2(r.ok, r.message.c_str());
    QCOMPARE(test::readAll(boot_, "late").size(), size_t(0));
    int64_t counted = 0;
    for (const auto& m : test::readAll(boot_, "out"))
      counted += nlohmann::json::parse(m.value)["n"].get<int64_t>();
    QCOMPARE(counted, int64_t(10000));
  }

  void secondRunResumesFromTheCommittedOffsets() {
    test::produceAll(boot_, "in", sensorMessages(0, 90));
    QVERIFY(test::runPipeline(pipeline("p2")).ok);
    QCOMPARE(test::readAll(boot_, "out").size(), size_t(30));
    QVERIFY(test::runPipeline(pipeline("p2")).ok);
    QCOMPARE(test::readAll(boot_, "out").size(), size_t(30));  // nothing new, nothing twice
    test::produceAll(boot_, "in", sensorMessages(90, 30));
    QVERIFY(test::runPipeline(pipeline("p2")).ok);
    QCOMPARE(test::sortedValues(test::readAll(boot_, "out")), hotValues(0, 120));
    // start applies only to partitions without a committed offset: with the group's offsets,
    // earliest and latest both continue where the group is (nothing new here).
    test::produceAll(boot_, "in", sensorMessages(120, 30));
    QVERIFY(test::runPipeline(pipeline("p2", "\"start\":\"latest\"")).ok);
    QCOMPARE(test::sortedValues(test::readAll(boot_, "out")), hotValues(0, 150));
    QVERIFY(test::runPipeline(pipeline("p2", "\"start\":\"earliest\"")).ok);
    QCOMPARE(test::readAll(boot_, "out").size(), size_t(50));
    // A new group: earliest reads everything, latest nothing.
    QVERIFY(test::runPipeline(pipeline("p2-latest", "\"start\":\"latest\"")).ok);
    QCOMPARE(test::readAll(boot_, "out").size(), size_t(50));
    QVERIFY(test::runPipeline(pipeline("p2-earliest", "\"start\":\"earliest\"")).ok);
    QCOMPARE(test::readAll(boot_, "out").size(), size_t(100));
  }

  void recordsCarryMetadataKeysAndHeaders() {
    test::produceAll(boot_, "in", sensorMessages(0, 20));
    const char* text = R"({"streamcanvas":1,"name":"meta",
      "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
      "nodes":[
        {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":"in","bounded":true}},
        {"id":"m","type":"map","properties":{"set":{"t":"$topic","p":"$partition","o":"$offset","k":"$key",
                                                     "trace":"$headers.trace"}}},
        {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out","key":"id",
                                                      "headers":{"origin":"$topic","hot":"temperature > 30"}}}],
      "edges":[{"from":"src","to":"m"},{"from":"m","to":"out"}]})";
    auto result = test::runPipeline(pipeline("meta", "", text));
    QVERIFY2(result.ok, result.message.c_str());
    auto in = test::readAll(boot_, "in");
    auto out = test::readAll(boot_, "out");
    QCOMPARE(out.size(), size_t(20));
    std::map<int64_t, test::Consumed> byId;
    for (const auto& m : in)
      byId[nlohmann::json::parse(m.value)["id"].get<int64_t>()] = m;
    for (const auto& o : out) {
      auto j = nlohmann::json::parse(o.value);
      const test::Consumed& src = byId.at(j["id"].get<int64_t>());
      QCOMPARE(j["t"].get<std::string>(), std::string("in"));
      QCOMPARE(j["p"].get<int64_t>(), int64_t(src.partition));
      QCOMPARE(j["o"].get<int64_t>(), src.offset);
      QCOMPARE(j["k"].get<std::string>(), src.key);
      QCOMPARE(j["trace"].get<std::string>(), "t" + std::to_string(j["id"].get<int64_t>()));
      QCOMPARE(o.key, std::to_string(j["id"].get<int64_t>()));
      QCOMPARE(o.headers.at("origin"), std::string("in"));
      QCOMPARE(o.headers.at("hot"),
               std::string(j["temperature"].get<int64_t>() > 30 ? "true" : "false"));
    }
  }

  // Without taps (the runner), a source reads headers only when the pipeline does
  // (engine/graph/HeaderUse.h); where it does, they arrive as with taps.
  void headersReachTheirReadersWithoutTaps() {
    test::produceAll(boot_, "in", sensorMessages(0, 12));
    RunOptions noTaps;
    noTaps.headersForTaps = false;
    // kafka.sink keeps the incoming headers by default.
    RunResult kept = test::runPipeline(pipeline("kept"), 60000, noTaps);
    QVERIFY2(kept.ok, kept.message.c_str());
    const auto out = test::readAll(boot_, "out");
    QCOMPARE(out.size(), size_t(4));
    for (const auto& o : out) {
      QVERIFY2(o.headers.count("trace"), "the kept headers did not reach the output");
      QCOMPARE(o.headers.at("trace"),
               "t" + std::to_string(nlohmann::json::parse(o.value)["id"].get<int64_t>()));
    }
    // An expression naming $headers, the sink dropping them.
    const char* text = R"({"streamcanvas":1,"name":"named",
      "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
      "nodes":[
        {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":"in","bounded":true}},
        {"id":"m","type":"map","properties":{"set":{"trace":"$headers.trace"}}},
        {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"named","headers":"drop"}}],
      "edges":[{"from":"src","to":"m"},{"from":"m","to":"out"}]})";
    RunResult named = test::runPipeline(pipeline("named", "", text), 60000, noTaps);
    QVERIFY2(named.ok, named.message.c_str());
    const auto mapped = test::readAll(boot_, "named");
    QCOMPARE(mapped.size(), size_t(12));
    for (const auto& o : mapped) {
      const auto j = nlohmann::json::parse(o.value);
      QCOMPARE(j["trace"].get<std::string>(), "t" + std::to_string(j["id"].get<int64_t>()));
      QVERIFY(o.headers.empty());
    }
  }

  void sinkKeepsTheRecordKeyByDefault() {
    test::produceAll(boot_, "in", sensorMessages(0, 9));
    QVERIFY(test::runPipeline(pipeline("keys")).ok);
    auto out = test::readAll(boot_, "out");
    QCOMPARE(out.size(), size_t(3));
    for (const auto& o : out) {
      int64_t id = nlohmann::json::parse(o.value)["id"].get<int64_t>();
      QCOMPARE(o.key, "dev-" + std::to_string(id % 7));
    }
  }

  void malformedMessagesGoToTheDeadLetterTopic() {
    auto input = sensorMessages(0, 6);
    input.push_back({"not json", "bad-key", {{"h", "v"}}, 2});
    test::produceAll(boot_, "in", input);
    auto result =
        test::runPipeline(pipeline("dlq", R"("on_error":"dead_letter","dead_letter_topic":"dlq")"));
    QVERIFY2(result.ok, result.message.c_str());
    auto dead = test::readAll(boot_, "dlq");
    QCOMPARE(dead.size(), size_t(1));
    QCOMPARE(dead[0].value, std::string("not json"));
    QCOMPARE(dead[0].key, std::string("bad-key"));
    QCOMPARE(dead[0].headers.at("h"), std::string("v"));
    QCOMPARE(dead[0].headers.at("sc.source.topic"), std::string("in"));
    QCOMPARE(dead[0].headers.at("sc.source.partition"), std::string("2"));
    QCOMPARE(dead[0].headers.at("sc.source.offset"), std::string("2"));
    QVERIFY(!dead[0].headers.at("sc.error").empty());
    QCOMPARE(test::readAll(boot_, "out").size(), size_t(2));
  }

  void untimedMessagesGoToTheDeadLetterTopic() {
    // on_timestamp_error: dead_letter. The message without `ts` is copied to the dead-letter
    // topic with its key, headers and position, and neither counted nor late downstream.
    std::vector<test::Produced> input;
    for (int i = 0; i < 100; ++i)
      input.push_back({"{\"ts\":" + std::to_string(1748736000000LL + i * 1000) + "}", "k", {}, 0});
    input.push_back({"{\"id\":7}", "no-ts", {{"h", "v"}}, 0});
    test::produceAll(boot_, "in", input);
    const std::string text = replaceAll(R"({"streamcanvas":1,"name":"untimed",
  "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
  "nodes":[
    {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":["in"],
      "bounded":true,"start":"earliest","on_timestamp_error":"dead_letter","dead_letter_topic":"dlq"}},
    {"id":"w","type":"window.tumbling","properties":{"size":"1m","timestamp":"ts"}},
    {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out"}},
    {"id":"lateout","type":"kafka.sink","properties":{"connection":"k","topic":"late"}}],
  "edges":[{"from":"src","to":"w"},{"from":"w","to":"out"},{"from":"w:late","to":"lateout"}]})",
                                        "BOOT", boot_);
    QVERIFY(cluster_->ensureTopic("late").ok());
    RunResult r = test::runPipeline(text);
    QVERIFY2(r.ok, r.message.c_str());
    auto dead = test::readAll(boot_, "dlq");
    QCOMPARE(dead.size(), size_t(1));
    QCOMPARE(dead[0].value, std::string("{\"id\":7}"));
    QCOMPARE(dead[0].key, std::string("no-ts"));
    QCOMPARE(dead[0].headers.at("h"), std::string("v"));
    QCOMPARE(dead[0].headers.at("sc.source.offset"), std::string("100"));
    QVERIFY2(dead[0].headers.at("sc.error").find("'ts'") != std::string::npos,
             dead[0].headers.at("sc.error").c_str());
    QCOMPARE(test::readAll(boot_, "late").size(), size_t(0));
    int64_t counted = 0;
    for (const auto& m : test::readAll(boot_, "out"))
      counted += nlohmann::json::parse(m.value)["count"].get<int64_t>();
    QCOMPARE(counted, int64_t(100));
  }

  void malformedMessageFailsTheRunWhenAsked() {
    auto input = sensorMessages(0, 3);
    input.push_back({"{oops", "", {}, 1});
    test::produceAll(boot_, "in", input);
    test::LogCapture log;
    auto result = test::runPipeline(pipeline("fail", R"("on_error":"fail")"));
    QVERIFY(!result.ok);
    QCOMPARE(result.failedNode, std::string("src"));
    int64_t offset = -1;
    for (const auto& m : test::readAll(boot_, "in"))
      if (m.value == "{oops") offset = m.offset;
    const std::string where = "in[1]@" + std::to_string(offset);
    QVERIFY2(result.message.find(where) != std::string::npos, result.message.c_str());
    QVERIFY2(result.message.find("not a JSON object") != std::string::npos, result.message.c_str());
  }

  void textPayloadsBecomeTheValueField() {
    test::produceAll(boot_, "in", {{"hello world", "", {}, 0}, {"{\"a\":1}", "", {}, 0}});
    const char* text = R"({"streamcanvas":1,"name":"text",
      "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
      "nodes":[
        {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":["in"],"bounded":true,"format":"text"}},
        {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out"}}],
      "edges":[{"from":"src","to":"out"}]})";
    auto result = test::runPipeline(pipeline("text", "", text));
    QVERIFY2(result.ok, result.message.c_str());
    auto out = test::readAll(boot_, "out");
    QCOMPARE(out.size(), size_t(2));
    const std::string first = "{\"value\":\"hello world\"}";
    const std::string second = "{\"value\":\"{\\\"a\\\":1}\"}";
    QCOMPARE(out[0].value, first);
    QCOMPARE(out[1].value, second);
  }

  void consumerGroupReadsNewMessagesUntilStopped() {
    const char* text = R"({"streamcanvas":1,"name":"live",
      "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
      "nodes":[
        {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":["in"],"commit_interval":"200ms"}},
        {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out"}}],
      "edges":[{"from":"src","to":"out"}]})";
    test::produceAll(boot_, "in", sensorMessages(0, 40));
    auto run = test::planPipeline(pipeline("live", "", text));
    QVERIFY(run);
    run->start();
    QVERIFY(test::waitFor([&] { return test::readAll(boot_, "out").size() >= 40; }));
    test::produceAll(boot_, "in", sensorMessages(40, 20));
    QVERIFY(test::waitFor([&] { return test::readAll(boot_, "out").size() >= 60; }));
    const NodeMetrics* src = test::metricsOf(*run, "src");
    QVERIFY(test::waitFor([&] { return test::gaugeOf(*src, "lag") == 0; }));
    run->requestStop();
    QVERIFY(run->wait(30000));
    QVERIFY2(run->result().ok, run->result().message.c_str());
    auto out = test::readAll(boot_, "out");
    std::vector<std::string> expected;
    for (const auto& m : sensorMessages(0, 60))
      expected.push_back(m.value);
    std::sort(expected.begin(), expected.end());
    QCOMPARE(test::sortedValues(out), expected);
    int64_t committed = 0;
    for (const auto& [p, o] : test::committedOffsets(boot_, "streamcanvas-live", "in", 3))
      committed += std::max<int64_t>(o, 0);
    QCOMPARE(committed, int64_t(60));
  }

  // Lag while debugging: a breakpoint holds the source's first record, so its thread never
  // polls again; messages produced meanwhile still show as lag (messages and time behind).
  void lagKeepsCountingWhileABreakpointHoldsTheSource() {
    const char* text = R"({"streamcanvas":1,"name":"held",
      "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
      "nodes":[
        {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":["in"]}},
        {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out"}}],
      "edges":[{"from":"src","to":"out"}]})";
    test::produceAll(boot_, "in", {{"{\"id\":0}", "", {}, 0}});
    auto run = test::planPipeline(pipeline("held", "", text));
    QVERIFY(run);
    auto bp = std::make_shared<Breakpoint>();
    QVERIFY(run->setBreakpoint("src", "", bp));
    run->start();
    QVERIFY(test::waitFor([&] { return bp->paused(); }));
    const NodeMetrics* src = test::metricsOf(*run, "src");
    // Held, and read to the end: nothing behind.
    QVERIFY(test::waitFor(
        [&] { return test::gaugeOf(*src, "lag") == 0 && test::gaugeOf(*src, "lag_ms") == 0; }));
    // A gap between the record read and the next one produced: it is not time behind.
    std::this_thread::sleep_for(std::chrono::milliseconds(4000));
    test::produceAll(
        boot_, "in",
        {{"{\"id\":1}", "", {}, 0}, {"{\"id\":2}", "", {}, 0}, {"{\"id\":3}", "", {}, 0}});
    int64_t oldestUnread = -1;  // the first message produced after the held one
    for (const auto& m : test::readAll(boot_, "in"))
      if (m.partition == 0 && m.offset == 1) oldestUnread = m.timestamp;
    QVERIFY(oldestUnread > 0);
    QVERIFY2(test::waitFor([&] { return test::gaugeOf(*src, "lag") == 3; }),
             std::to_string(test::gaugeOf(*src, "lag")).c_str());
    QVERIFY(test::waitFor([&] { return test::gaugeOf(*src, "lag_ms") > 0; }));
    // lag_ms is now - the oldest unread message's timestamp, give or take one metrics update
    // (every second) on either side: within 1.5 s. Counting from the held record instead would
    // be at least 4 s - 1 s too much.
    const int64_t behind = test::gaugeOf(*src, "lag_ms");
    const int64_t expected = epochMs() - oldestUnread;
    QVERIFY2(std::abs(behind - expected) <= 1500,
             (std::to_string(behind) + " ms behind, expected " + std::to_string(expected)).c_str());
    // And it grows while the breakpoint holds.
    QVERIFY(test::waitFor([&] { return test::gaugeOf(*src, "lag_ms") > behind; }));
    QCOMPARE(test::gaugeOf(*src, "lag"), int64_t(3));
    bp->release();
    QVERIFY(test::waitFor(
        [&] { return test::gaugeOf(*src, "lag") == 0 && test::gaugeOf(*src, "lag_ms") == 0; }));
    run->requestStop();
    QVERIFY(run->wait(30000));
    QVERIFY2(run->result().ok, run->result().message.c_str());
    QCOMPARE(test::readAll(boot_, "out").size(), size_t(4));
  }

  void failedDeliveriesFailTheSinkAndCommitNothing() {
    test::produceAll(boot_, "in", sensorMessages(0, 30));
    // Every produce request fails for good: the sink must fail, the source must not commit.
    cluster_->pushRequestErrors(0 /* Produce */, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
                                1000);
    auto result = test::runPipeline(pipeline("denied"));
    QVERIFY(!result.ok);
    QCOMPARE(result.failedNode, std::string("out"));
    QVERIFY2(result.message.find("'out'") != std::string::npos, result.message.c_str());
    QVERIFY2(result.message.find("uthoriz") != std::string::npos, result.message.c_str());
    for (const auto& [p, o] : test::committedOffsets(boot_, "streamcanvas-denied", "in", 3))
      QVERIFY2(o < 0, "offsets of undelivered records must not be committed");
  }
};

QTEST_GUILESS_MAIN(TestKafkaNodes)
#include "tst_kafkanodes.moc"
