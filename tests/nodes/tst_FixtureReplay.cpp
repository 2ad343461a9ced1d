// Record and replay of wires (nodes/FixtureReplay.h): a wire recorded during a real run and
// replayed into the node it fed reproduces the sink's output byte for byte, with and without
// event-time windows; a replay keeps only the part of the graph downstream of its inputs;
// recorded speed keeps the recorded gaps.
#include <QtTest>

#include <fstream>
#include <sstream>

#include "engine/graph/Pipeline.h"
#include "engine/runtime/Planner.h"
#include "nodes/FixtureReplay.h"

using namespace sc;

namespace {

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Pipeline parse(const std::string& text) {
  LoadResult r = parsePipeline(text);
  if (!r.ok()) qFatal("test pipeline does not parse: %s", r.diagnostics.format().c_str());
  return *r.pipeline;
}

// Runs `p` to its end; `attach` sees the execution before it starts.
void runToEnd(const Pipeline& p, const std::function<void(Execution&)>& attach = {}) {
  PlannedPipeline planned = planPipeline(p, fixtureRegistry(), PlanPurpose::Run);
  if (!planned.execution) qFatal("cannot plan: %s", planned.diagnostics.format().c_str());
  if (attach) attach(*planned.execution);
  planned.execution->start();
  if (!planned.execution->wait(60'000)) qFatal("the run did not end within 60 s");
  const RunResult result = planned.execution->result();
  if (!result.ok) qFatal("the run failed: %s", result.message.c_str());
}

const char* kSensors = SC_SOURCE_DIR "/resources/data/sensors.jsonl";

// file.source -> filter -> map -> file.sink
std::string stateless(const std::string& out) {
  return R"({"streamcanvas": 1, "name": "stateless", "nodes": [
    {"id": "src", "type": "file.source", "properties": {"path": ")" +
         std::string(kSensors) + R"("}},
    {"id": "hot", "type": "filter", "properties": {"condition": "temperature > 25"}},
    {"id": "label", "type": "map", "properties": {"set": {"double": "temperature * 2"},
                                                  "drop": ["humidity"]}},
    {"id": "out", "type": "file.sink", "properties": {"path": ")" +
         out + R"("}}],
   "edges": [{"from": "src", "to": "hot"}, {"from": "hot", "to": "label"},
             {"from": "label", "to": "out"}]})";
}

// file.source -> window.tumbling (event time from `ts`) -> file.sink
std::string windowed(const std::string& out) {
  return R"({"streamcanvas": 1, "name": "windowed", "nodes": [
    {"id": "src", "type": "file.source", "properties": {"path": ")" +
         std::string(kSensors) + R"("}},
    {"id": "per-minute", "type": "window.tumbling", "properties": {
       "size": "1m", "key": "device", "timestamp": "ts", "max_out_of_orderness": "5s",
       "aggregates": [{"as": "avg_temp", "fn": "avg", "of": "temperature"},
                      {"as": "readings", "fn": "count"}]}},
    {"id": "out", "type": "file.sink", "properties": {"path": ")" +
         out + R"("}}],
   "edges": [{"from": "src", "to": "per-minute"}, {"from": "per-minute", "to": "out"}]})";
}

}  // namespace

class TestFixtureReplay : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void replayReproducesTheSinkByteForByte_data();
  void replayReproducesTheSinkByteForByte();
  void replayKeepsOnlyTheDownstreamPart();
  void recordedMetadataSurvivesTheReplay();
  void testFolderReplaysAsTheRunEnded();
  void recordedSpeedKeepsTheRecordedGaps();
};

void TestFixtureReplay::replayReproducesTheSinkByteForByte_data() {
  QTest::addColumn<QString>("pipeline");
  QTest::addColumn<QString>("wire");  // recorded output port
  QTest::addColumn<QString>("into");  // node the replay feeds
  QTest::newRow("filter output into map") << "stateless"
                                          << "hot"
                                          << "label";
  QTest::newRow("source output into filter") << "stateless"
                                             << "src"
                                             << "hot";
  QTest::newRow("source output replaces the source") << "stateless"
                                                     << "src"
                                                     << "src";
  QTest::newRow("into an event-time window") << "windowed"
                                             << "src"
                                             << "per-minute";
}

void TestFixtureReplay::replayReproducesTheSinkByteForByte() {
  QFETCH(QString, pipeline);
  QFETCH(QString, wire);
  QFETCH(QString, into);
  QTemporaryDir dir;
  const std::string recorded = dir.filePath("recorded.jsonl").toStdString();
  const std::string fixture = dir.filePath("wire.jsonl").toStdString();
  const std::string replayed = dir.filePath("replayed.jsonl").toStdString();
  auto make = pipeline == "stateless" ? stateless : windowed;

  auto recorder = std::make_shared<FixtureRecorder>();
  std::string error;
  QVERIFY2(recorder->open(fixture, error), error.c_str());
  runToEnd(parse(make(recorded)),
           [&](Execution& run) { QVERIFY(run.setTap(wire.toStdString(), "", recorder)); });
  QVERIFY2(recorder->close(error), error.c_str());
  QVERIFY(recorder->records() > 0);

  Diagnostics diags;
  const Pipeline replay =
      buildReplayPipeline(parse(make(replayed)), {ReplayInput{into.toStdString(), "", fixture}},
                          ReplaySpeed::Max, fixtureRegistry(), diags);
  QVERIFY2(!diags.hasErrors(), diags.format().c_str());
  QVERIFY(replay.node("src") == nullptr || replay.node("src")->type == "fixture.source");
  runToEnd(replay);

  const std::string expected = readAll(recorded);
  QVERIFY(!expected.empty());
  QCOMPARE(readAll(replayed), expected);
}

void TestFixtureReplay::replayKeepsOnlyTheDownstreamPart() {
  Diagnostics diags;
  const Pipeline replay =
      buildReplayPipeline(parse(stateless("/dev/null")), {ReplayInput{"label", "", "f.jsonl"}},
                          ReplaySpeed::Recorded, fixtureRegistry(), diags);
  QVERIFY2(!diags.hasErrors(), diags.format().c_str());
  QStringList ids;
  for (const PipelineNode& n : replay.nodes)
    ids << QString::fromStdString(n.id + "=" + n.type);
  QCOMPARE(ids, QStringList({"label=map", "out=file.sink", "label__fixture=fixture.source"}));
  QCOMPARE(replay.node("label__fixture")->properties["speed"].get<std::string>(), "recorded");
  QCOMPARE(replay.edges.size(), size_t(2));

  Diagnostics unknown;
  buildReplayPipeline(parse(stateless("/dev/null")), {ReplayInput{"lable", "", "f.jsonl"}},
                      ReplaySpeed::Max, fixtureRegistry(), unknown);
  QVERIFY(unknown.hasErrors());
  QVERIFY2(unknown.format().find("'lable'") != std::string::npos &&
               unknown.format().find("label") != std::string::npos,
           unknown.format().c_str());
}

// Key, topic, partition, offset, headers and event time reach the replayed nodes as recorded.
void TestFixtureReplay::recordedMetadataSurvivesTheReplay() {
  QTemporaryDir dir;
  const std::string fixture = dir.filePath("in.jsonl").toStdString();
  {
    std::ofstream f(fixture);
    f << R"({"value":{"n":1},"key":"k-1","topic":"orders","partition":3,"offset":41,)"
         R"("timestamp":1700000000000,"at":5,"headers":[["trace","abc"]]})"
      << "\n"
      << R"({"value":{"n":2},"topic":"orders","partition":0,"offset":7,"timestamp":1700000001000,)"
         R"("at":6})"
      << "\n";
  }
  const std::string out = dir.filePath("out.jsonl").toStdString();
  const Pipeline p = parse(R"({"streamcanvas": 1, "name": "meta", "nodes": [
    {"id": "m", "type": "map", "properties": {"set": {
      "k": "$key", "t": "$topic", "p": "$partition", "o": "$offset", "ts": "$timestamp",
      "h": "$headers.trace"}}},
    {"id": "out", "type": "file.sink", "properties": {"path": ")" +
                           out + R"("}}],
   "edges": [{"from": "m", "to": "out"}]})");
  Diagnostics diags;
  runToEnd(buildReplayPipeline(p, {ReplayInput{"m", "", fixture}}, ReplaySpeed::Recorded,
                               fixtureRegistry(), diags));
  QCOMPARE(readAll(out),
           std::string(R"({"n":1,"k":"k-1","t":"orders","p":3,"o":41,"ts":1700000000000,"h":"abc"})"
                       "\n"
                       R"({"n":2,"k":null,"t":"orders","p":0,"o":7,"ts":1700000001000,"h":null})"
                       "\n"));
}

// A recorded run that finished drains its replay (open windows fire at the end); one that was
// stopped with a savepoint stops its replay the same way, so those windows do not fire.
void TestFixtureReplay::testFolderReplaysAsTheRunEnded() {
  QTemporaryDir dir;
  const std::string test = dir.filePath("test").toStdString();
  const Pipeline p = parse(windowed(dir.filePath("out.jsonl").toStdString()));
  RunRecorder recorder;
  runToEnd(p, [&](Execution& run) {
    std::string error;
    QVERIFY2(recorder.attach(run, p, fixtureRegistry(), test, error), error.c_str());
  });
  std::string error;
  QVERIFY2(recorder.finish(error), error.c_str());
  QCOMPARE(recorder.inputRecords(), uint64_t(200));
  QVERIFY(recorder.expectedRecords() > 0);

  FixtureTestResult drained = runFixtureTest(test, p, processEnvironment());
  QVERIFY2(drained.outcome == FixtureTestResult::Outcome::Passed, drained.report.c_str());

  // The same folder marked as stopped: the windows still open at the end are missing.
  std::ifstream in(test + "/manifest.json");
  std::string manifest((std::istreambuf_iterator<char>(in)), {});
  const size_t at = manifest.find("\"drain\"");
  QVERIFY(at != std::string::npos);
  manifest.replace(at, 7, "\"stop\"");
  std::ofstream(test + "/manifest.json", std::ios::trunc) << manifest;
  FixtureTestResult stopped = runFixtureTest(test, p, processEnvironment());
  QVERIFY2(stopped.outcome == FixtureTestResult::Outcome::Failed, stopped.report.c_str());
  QVERIFY2(stopped.report.find("- expected record") != std::string::npos, stopped.report.c_str());
  QVERIFY2(stopped.report.find("+ actual") == std::string::npos, stopped.report.c_str());
}

// Replay at recorded speed: records recorded 300 ms apart arrive at least that far apart, so
// the replay takes at least the recorded span (900 ms); only this lower bound is checked.
void TestFixtureReplay::recordedSpeedKeepsTheRecordedGaps() {
  QTemporaryDir dir;
  const std::string fixture = dir.filePath("in.jsonl").toStdString();
  {
    std::ofstream f(fixture);
    for (int i = 0; i < 4; ++i)
      f << R"({"value":{"n":)" << i << R"(},"at":)" << 1000 + 300 * i << "}\n";
  }
  const std::string out = dir.filePath("out.jsonl").toStdString();
  const Pipeline p = parse(R"({"streamcanvas": 1, "name": "paced", "nodes": [
    {"id": "m", "type": "map", "properties": {"set": {"twice": "n * 2"}}},
    {"id": "out", "type": "file.sink", "properties": {"path": ")" +
                           out + R"("}}],
   "edges": [{"from": "m", "to": "out"}]})");
  Diagnostics diags;
  const Pipeline replay = buildReplayPipeline(p, {ReplayInput{"m", "", fixture}},
                                              ReplaySpeed::Recorded, fixtureRegistry(), diags);
  QVERIFY2(!diags.hasErrors(), diags.format().c_str());
  QElapsedTimer clock;
  clock.start();
  runToEnd(replay);
  const qint64 took = clock.elapsed();
  QVERIFY2(took >= 900, (std::to_string(took) + " ms for a recorded span of 900 ms").c_str());
  QCOMPARE(readAll(out), std::string(R"({"n":0,"twice":0})"
                                     "\n"
                                     R"({"n":1,"twice":2})"
                                     "\n"
                                     R"({"n":2,"twice":4})"
                                     "\n"
                                     R"({"n":3,"twice":6})"
                                     "\n"));
}

QTEST_GUILESS_MAIN(TestFixtureReplay)
#include "tst_FixtureReplay.moc"
