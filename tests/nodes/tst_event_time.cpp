// Event time end to end through the real executor (file.source -> windows -> file.sink), compared
// with brute-force counts: records whose timestamp cannot be computed (on_timestamp_error) and
// chained windows (window -> window, the downstream one timed by its own timestamp field and
// driven by the upstream window's output watermark).
#include <QtTest>

#include <fstream>
#include <map>
#include <random>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Planner.h"

using namespace sc;

namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 3'600'000;
constexpr int64_t kJune2025 = 1'748'736'000'000;  // 2025-06-01T00:00:00Z: historical data

struct Reading {
  std::string device;
  int64_t ts = 0;
  bool hasTs = true;
};

void writeJsonl(const std::string& path, const std::vector<Reading>& readings) {
  std::ofstream out(path);
  for (const Reading& r : readings) {
    Json j = {{"device", r.device}, {"v", 1}};
    if (r.hasTs) j["ts"] = r.ts;
    out << j.dump() << '\n';
  }
}

std::vector<Json> readJsonl(const std::string& path) {
  std::vector<Json> rows;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) rows.push_back(Json::parse(line));
  return rows;
}

Json node(const std::string& id, const std::string& type, Json properties) {
  return {{"id", id}, {"type", type}, {"properties", std::move(properties)}};
}

Pipeline pipelineOf(Json nodes, Json edges) {
  Json doc = {{"streamcanvas", 1},          {"name", "event-time"},
              {"settings", Json::object()}, {"connections", Json::object()},
              {"nodes", std::move(nodes)},  {"edges", std::move(edges)}};
  LoadResult loaded = parsePipeline(doc.dump());
  if (!loaded.ok()) qFatal("%s", loaded.diagnostics.format().c_str());
  return *loaded.pipeline;
}

struct Outcome {
  RunResult result;
  Diagnostics diagnostics;
  std::map<std::string, int64_t> gauges;  // "node/gauge" -> value
};

Outcome run(const Pipeline& p) {
  Outcome o;
  PlannedPipeline planned = planPipeline(p, NodeRegistry::builtin(), PlanPurpose::Run);
  o.diagnostics = planned.diagnostics;
  if (!planned.execution) {
    o.result.ok = false;
    o.result.message = planned.diagnostics.format();
    return o;
  }
  planned.execution->start();
  if (!planned.execution->wait(60'000)) qFatal("the run did not end within 60 s");
  o.result = planned.execution->result();
  for (const NodeMetrics* m : planned.execution->metrics())
    for (const auto& [name, value] : m->gaugeValues())
      o.gauges[m->nodeId + "/" + name] = value;
  return o;
}

// 3,000 readings of two devices, one a second in event-time order, in June 2025; reading 1,000
// (line 1,001) has no `ts`.
std::vector<Reading> historicalWithOneUntimed() {
  std::vector<Reading> readings;
  for (int i = 0; i < 3000; ++i)
    readings.push_back({i % 2 ? "d-1" : "d-0", kJune2025 + int64_t(i) * 1000, i != 1000});
  return readings;
}

// (device, window start) -> count: the brute-force answer of a tumbling count window.
std::map<std::pair<std::string, int64_t>, int64_t> countsPer(const std::vector<Reading>& readings,
                                                             int64_t size) {
  std::map<std::pair<std::string, int64_t>, int64_t> counts;
  for (const Reading& r : readings)
    if (r.hasTs) ++counts[{r.device, r.ts - r.ts % size}];
  return counts;
}

std::map<std::pair<std::string, int64_t>, int64_t> countsIn(const std::vector<Json>& rows,
                                                            const std::string& field) {
  std::map<std::pair<std::string, int64_t>, int64_t> counts;
  for (const Json& j : rows) {
    auto& slot = counts[{j["key"].get<std::string>(), j["window_start"].get<int64_t>()}];
    if (slot != 0) qWarning("window reported twice: %s", j.dump().c_str());
    slot += j[field].get<int64_t>();
  }
  return counts;
}

}  // namespace

class TestEventTime : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void untimedRecordGoesLate();
  void timestampErrorPolicies_data();
  void timestampErrorPolicies();
  void deadLetterOnlyWhereThereIsOne();
  void chainedWindowsMatchOracle_data();
  void chainedWindowsMatchOracle();
  void windowFedByWindowAndSourceIsRefused();
};

void TestEventTime::untimedRecordGoesLate() {
  // The default (on_timestamp_error: late): the one record without `ts` reaches the late port
  // and every other record is counted in its minute. Before, it kept its read time (now), moved
  // the watermark to the present, and 1,999 later records went late plus a window "now" appeared.
  QTemporaryDir dir;
  const std::string input = dir.filePath("in.jsonl").toStdString();
  const std::string output = dir.filePath("out.jsonl").toStdString();
  const std::string late = dir.filePath("late.jsonl").toStdString();
  const std::vector<Reading> readings = historicalWithOneUntimed();
  writeJsonl(input, readings);
  Pipeline p = pipelineOf(
      Json::array(
          {node("src", "file.source", {{"path", input}}),
           node("w", "window.tumbling", {{"size", "1m"}, {"key", "device"}, {"timestamp", "ts"}}),
           node("out", "file.sink", {{"path", output}}),
           node("late", "file.sink", {{"path", late}})}),
      Json::array({{{"from", "src"}, {"to", "w"}},
                   {{"from", "w"}, {"to", "out"}},
                   {{"from", "w:late"}, {"to", "late"}}}));
  Outcome o = run(p);
  QVERIFY2(o.result.ok, o.result.message.c_str());
  QCOMPARE(countsIn(readJsonl(output), "count"), countsPer(readings, kMinute));
  const std::vector<Json> lateRows = readJsonl(late);
  QCOMPARE(lateRows.size(), size_t(1));
  QVERIFY(!lateRows[0].contains("ts"));
  QCOMPARE(o.gauges["src/timestamp_errors"], int64_t(1));
}

void TestEventTime::timestampErrorPolicies_data() {
  QTest::addColumn<QString>("policy");
  QTest::addColumn<bool>("latePortWired");
  QTest::addColumn<int>("lateRecords");  // at the late port
  QTest::addColumn<int>("lateDropped");  // the window's late_dropped gauge
  QTest::newRow("late, port wired") << "late" << true << 1 << 0;
  QTest::newRow("late, port unwired: counted") << "late" << false << 0 << 1;
  QTest::newRow("skip") << "skip" << true << 0 << 0;
  QTest::newRow("fail") << "fail" << true << 0 << 0;
}

void TestEventTime::timestampErrorPolicies() {
  QFETCH(QString, policy);
  QFETCH(bool, latePortWired);
  QFETCH(int, lateRecords);
  QFETCH(int, lateDropped);
  QTemporaryDir dir;
  const std::string input = dir.filePath("in.jsonl").toStdString();
  const std::string output = dir.filePath("out.jsonl").toStdString();
  const std::string late = dir.filePath("late.jsonl").toStdString();
  const std::vector<Reading> readings = historicalWithOneUntimed();
  writeJsonl(input, readings);
  Json edges = Json::array({{{"from", "src"}, {"to", "w"}}, {{"from", "w"}, {"to", "out"}}});
  if (latePortWired) edges.push_back({{"from", "w:late"}, {"to", "late"}});
  Json nodes = Json::array(
      {node("src", "file.source", {{"path", input}, {"on_timestamp_error", policy.toStdString()}}),
       node("w", "window.tumbling", {{"size", "1m"}, {"key", "device"}, {"timestamp", "ts"}}),
       node("out", "file.sink", {{"path", output}})});
  if (latePortWired) nodes.push_back(node("late", "file.sink", {{"path", late}}));
  Pipeline p = pipelineOf(nodes, edges);
  Outcome o = run(p);
  if (policy == "fail") {
    QVERIFY(!o.result.ok);
    // Names the node and the record's position, and what to do.
    QVERIFY2(o.result.message.find("src") != std::string::npos, o.result.message.c_str());
    QVERIFY2(o.result.message.find("line 1001") != std::string::npos, o.result.message.c_str());
    QVERIFY2(o.result.message.find("on_timestamp_error") != std::string::npos,
             o.result.message.c_str());
    return;
  }
  QVERIFY2(o.result.ok, o.result.message.c_str());
  QCOMPARE(countsIn(readJsonl(output), "count"), countsPer(readings, kMinute));
  QCOMPARE(int(readJsonl(late).size()), lateRecords);
  QCOMPARE(o.gauges["w/late_dropped"], int64_t(lateDropped));
  QCOMPARE(o.gauges["src/timestamp_errors"], int64_t(1));
}

void TestEventTime::deadLetterOnlyWhereThereIsOne() {
  // file.source and generator have no dead-letter destination: the spec refuses the choice.
  QTemporaryDir dir;
  const std::string input = dir.filePath("in.jsonl").toStdString();
  writeJsonl(input, historicalWithOneUntimed());
  for (const std::string type : {"file.source", "generator"}) {
    Json props = {{"on_timestamp_error", "dead_letter"}};
    if (type == "file.source") props["path"] = input;
    Pipeline p = pipelineOf(
        Json::array({node("src", type, props), node("out", "discard.sink", Json::object())}),
        Json::array({{{"from", "src"}, {"to", "out"}}}));
    PlannedPipeline planned = planPipeline(p, NodeRegistry::builtin(), PlanPurpose::Check);
    QVERIFY2(!planned.ok(), type.c_str());
    QVERIFY2(planned.diagnostics.format().find("on_timestamp_error") != std::string::npos,
             planned.diagnostics.format().c_str());
  }
  // kafka.source offers it, and then needs dead_letter_topic.
  Pipeline k = pipelineOf(
      Json::array(
          {node("src", "kafka.source",
                {{"connection", "local"}, {"topics", "t"}, {"on_timestamp_error", "dead_letter"}}),
           node("out", "discard.sink", Json::object())}),
      Json::array({{{"from", "src"}, {"to", "out"}}}));
  const Diagnostics diags = validatePipeline(k, NodeRegistry::builtin());
  QVERIFY2(diags.format().find("dead_letter_topic") != std::string::npos, diags.format().c_str());
}

void TestEventTime::chainedWindowsMatchOracle_data() {
  QTest::addColumn<QString>("timestamp");  // of the hourly window
  QTest::addColumn<int64_t>("shift");      // the hourly window's time of a minute [s, s+1m)
  QTest::newRow("window_start") << "window_start" << int64_t(0);
  QTest::newRow("window_end") << "window_end" << kMinute;
  QTest::newRow("$timestamp (window_end - 1)") << "$timestamp" << kMinute - 1;
}

void TestEventTime::chainedWindowsMatchOracle() {
  // Tumbling 1 min -> tumbling 1 h of the counts, out-of-order input within the bound. The hourly
  // window must count every reading once, in the hour of its minute's chosen timestamp.
  QFETCH(QString, timestamp);
  QFETCH(int64_t, shift);
  QTemporaryDir dir;
  const std::string input = dir.filePath("in.jsonl").toStdString();
  const std::string minutes = dir.filePath("minutes.jsonl").toStdString();
  const std::string hours = dir.filePath("hours.jsonl").toStdString();
  std::mt19937_64 rng(7);
  std::vector<Reading> readings;
  for (int i = 0; i < 20'000; ++i) {
    // About 5.5 h of readings, each up to 4 s out of order (bound: 5 s).
    const int64_t t = kJune2025 + int64_t(i) * 1000 + int64_t(rng() % 4000);
    readings.push_back({"d-" + std::to_string(rng() % 3), t, true});
  }
  writeJsonl(input, readings);
  Pipeline p = pipelineOf(
      Json::array(
          {node("src", "file.source", {{"path", input}}),
           node("m", "window.tumbling",
                {{"size", "1m"},
                 {"key", "device"},
                 {"timestamp", "ts"},
                 {"max_out_of_orderness", "5s"}}),
           node("h", "window.tumbling",
                {{"size", "1h"},
                 {"key", "key"},
                 {"timestamp", timestamp.toStdString()},
                 {"aggregates",
                  Json::array({{{"as", "readings"}, {"fn", "sum"}, {"of", "count"}}})}}),
           node("minutes", "file.sink", {{"path", minutes}}),
           node("hours", "file.sink", {{"path", hours}}),
           node("late", "file.sink", {{"path", dir.filePath("late.jsonl").toStdString()}})}),
      Json::array({{{"from", "src"}, {"to", "m"}},
                   {{"from", "m"}, {"to", "h"}},
                   {{"from", "m"}, {"to", "minutes"}},
                   {{"from", "h"}, {"to", "hours"}},
                   {{"from", "h:late"}, {"to", "late"}}}));
  Outcome o = run(p);
  QVERIFY2(o.result.ok, o.result.message.c_str());
  const auto perMinute = countsPer(readings, kMinute);
  QCOMPARE(countsIn(readJsonl(minutes), "count"), perMinute);
  // Brute force over the readings: each lands in the hour of (its minute + shift).
  std::map<std::pair<std::string, int64_t>, int64_t> perHour;
  for (const Reading& r : readings) {
    const int64_t at = r.ts - r.ts % kMinute + shift;
    ++perHour[{r.device, at - at % kHour}];
  }
  QCOMPARE(countsIn(readJsonl(hours), "readings"), perHour);
  QCOMPARE(readJsonl(dir.filePath("late.jsonl").toStdString()).size(), size_t(0));
}

void TestEventTime::windowFedByWindowAndSourceIsRefused() {
  QTemporaryDir dir;
  const std::string input = dir.filePath("in.jsonl").toStdString();
  writeJsonl(input, historicalWithOneUntimed());
  Pipeline p = pipelineOf(
      Json::array({node("src", "file.source", {{"path", input}}),
                   node("m", "window.tumbling", {{"size", "1m"}, {"timestamp", "ts"}}),
                   node("h", "window.tumbling", {{"size", "1h"}, {"timestamp", "window_start"}}),
                   node("out", "discard.sink", Json::object())}),
      Json::array({{{"from", "src"}, {"to", "m"}},
                   {{"from", "m"}, {"to", "h"}},
                   {{"from", "src"}, {"to", "h"}},
                   {{"from", "h"}, {"to", "out"}}}));
  PlannedPipeline planned = planPipeline(p, NodeRegistry::builtin(), PlanPurpose::Check);
  QVERIFY(!planned.ok());
  QVERIFY2(planned.diagnostics.format().find(
               "both from another window and straight from a source") != std::string::npos,
           planned.diagnostics.format().c_str());
}

QTEST_GUILESS_MAIN(TestEventTime)
#include "tst_event_time.moc"
