// file.source driven through the Node API: JSON lines, CSV, follow mode, bad lines, missing
// files, watermarks, and the shipped sample data checked against nlohmann/json.
#include <QtTest>

#include <chrono>
#include <fstream>
#include <mutex>

#include <nlohmann/json.hpp>

#include "engine/expr/Expression.h"
#include "engine/runtime/Log.h"
#include "engine/runtime/WatermarkGenerator.h"
#include "nodes/NodeTypes.h"
#include "nodes/RecordJson.h"
#include "tests/nodes/NodeHarness.h"

using namespace sc;
using nlohmann::json;
using sc::test::FakeEmitter;
using sc::test::NodeHarness;

namespace {

void writeFile(const std::string& path, const std::string& text, bool append = false) {
  std::ofstream f(path, append ? std::ios::app | std::ios::binary : std::ios::binary);
  f << text;
}

int64_t wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Collects log lines while alive.
struct LogCapture {
  LogCapture() {
    Logger::global().setSink([this](LogLevel, std::string_view, std::string_view message) {
      std::lock_guard lock(mutex);
      lines.emplace_back(message);
    });
  }
  ~LogCapture() { Logger::global().setSink({}); }
  std::mutex mutex;
  std::vector<std::string> lines;
};

struct Rows {
  std::vector<const Batch*> batches;
  size_t size() const {
    size_t n = 0;
    for (const Batch* b : batches)
      n += b->size();
    return n;
  }
  // (batch, row) of the i-th record.
  std::pair<const Batch*, uint32_t> at(size_t i) const {
    for (const Batch* b : batches) {
      if (i < b->size()) return {b, uint32_t(i)};
      i -= b->size();
    }
    return {nullptr, 0};
  }
};

}  // namespace

class TestFileSourceNode : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void init() { QVERIFY(dir_.isValid()); }
  void jsonLines();
  void sampleDataMatchesOracle();
  void csvWithHeader();
  void csvSampleEqualsJsonSample();
  void manyLinesAndLongLines();
  void followsAppendedLines();
  void missingFile();
  void badLinesAreCountedLoggedAndSkipped();
  void badLineFailsWhenAsked();
  void eventTimeFromField();

 private:
  std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }
  QTemporaryDir dir_;
};

void TestFileSourceNode::jsonLines() {
  const std::string file = path("in.jsonl");
  writeFile(file,
            "\xEF\xBB\xBF{\"device\":\"d-1\",\"temperature\":31.5}\n"
            "\n"
            "{\"device\":\"d-2\",\"temperature\":20}\r\n"
            "   \n"
            "{\"temperature\":-1.25e1,\"device\":\"d\\u00e9\"}");  // no final newline
  NodeHarness h(fileSourceSpec(), {{"path", file}});
  h.configure();
  uint32_t device = h.slots.intern("device");
  uint32_t temperature = h.slots.intern("temperature");
  h.open();
  auto out = h.emitter();
  const int64_t before = wallMs();
  QCOMPARE(h.pollUntilDone(*out), SourceNode::Poll::Done);
  const int64_t after = wallMs();
  Rows rows{out->batches()};
  QCOMPARE(rows.size(), size_t(3));
  const Batch& b = *rows.batches[0];
  QCOMPARE(b.meta(0).payload, std::string_view(R"({"device":"d-1","temperature":31.5})"));
  QCOMPARE(b.meta(1).payload, std::string_view(R"({"device":"d-2","temperature":20})"));
  QCOMPARE(b.meta(0).offset, int64_t(1));  // line numbers
  QCOMPARE(b.meta(1).offset, int64_t(3));
  QCOMPARE(b.meta(2).offset, int64_t(5));
  QCOMPARE(b.at(device, 0).str(), std::string_view("d-1"));
  QCOMPARE(b.at(temperature, 0).d, 31.5);
  QCOMPARE(b.at(temperature, 1).kind, Kind::Int);
  QCOMPARE(b.at(temperature, 2).d, -12.5);
  QCOMPARE(b.at(device, 2).str(), std::string_view("d\xc3\xa9"));
  for (uint32_t r = 0; r < 3; ++r)
    QVERIFY(b.meta(r).timestamp >= before && b.meta(r).timestamp <= after);
  QCOMPARE(h.metrics.errors.get(), uint64_t(0));
  QVERIFY(h.metrics.bytesIn.get() > 90);
  h.node().close();
}

void TestFileSourceNode::sampleDataMatchesOracle() {
  const std::string file = std::string(SC_SOURCE_DIR) + "/resources/data/sensors.jsonl";
  NodeHarness h(fileSourceSpec(), {{"path", file}});
  h.configure();
  const char* fields[] = {"device", "temperature", "humidity", "status", "ts"};
  for (const char* f : fields)
    h.slots.intern(f);
  h.open();
  auto out = h.emitter(64);  // several batches
  h.pollUntilDone(*out);
  Rows rows{out->batches()};
  QCOMPARE(rows.size(), size_t(200));
  std::ifstream in(file);
  std::string line;
  for (size_t i = 0; std::getline(in, line); ++i) {
    auto [b, r] = rows.at(i);
    QCOMPARE(b->meta(r).payload, std::string_view(line));
    json oracle = json::parse(line);
    QCOMPARE(b->at(0, r).str(), std::string_view(oracle["device"].get<std::string>()));
    QCOMPARE(b->at(1, r).toDouble(), oracle["temperature"].get<double>());
    QCOMPARE(b->at(2, r).i, oracle["humidity"].get<int64_t>());
    QCOMPARE(b->at(3, r).str(), std::string_view(oracle["status"].get<std::string>()));
    QCOMPARE(b->at(4, r).str(), std::string_view(oracle["ts"].get<std::string>()));
  }
}

void TestFileSourceNode::csvWithHeader() {
  const std::string file = path("in.csv");
  writeFile(file,
            "name,count,ratio,flag,note,zip\r\n"
            "plain,42,0.5,true,,007\r\n"
            "\"with, comma\",-3,1e3,false,\"say \"\"hi\"\"\",12345\n"
            "\"multi\nline\",0,-0.25,TRUE,x\n"
            "short,1\n");
  NodeHarness h(fileSourceSpec(), {{"path", file}, {"format", "csv"}});
  h.configure();
  h.open();
  auto out = h.emitter();
  h.pollUntilDone(*out);
  Rows rows{out->batches()};
  QCOMPARE(rows.size(), size_t(4));
  const char* expected[] = {
      R"({"name":"plain","count":42,"ratio":0.5,"flag":true,"note":null,"zip":"007"})",
      R"({"name":"with, comma","count":-3,"ratio":1e3,"flag":false,"note":"say \"hi\"","zip":12345})",
      R"({"name":"multi\nline","count":0,"ratio":-0.25,"flag":"TRUE","note":"x"})",
      R"({"name":"short","count":1})",
  };
  for (size_t i = 0; i < 4; ++i) {
    auto [b, r] = rows.at(i);
    QCOMPARE(b->meta(r).payload, std::string_view(expected[i]));
  }
  QCOMPARE(rows.at(0).first->meta(0).offset, int64_t(2));
  QCOMPARE(rows.at(3).first->meta(3).offset, int64_t(6));  // the line a record starts on
  QCOMPARE(h.metrics.errors.get(), uint64_t(0));
}

void TestFileSourceNode::csvSampleEqualsJsonSample() {
  std::vector<std::string> payloads[2];
  const char* files[] = {"/resources/data/sensors.jsonl", "/resources/data/sensors.csv"};
  for (int k = 0; k < 2; ++k) {
    NodeHarness h(fileSourceSpec(), {{"path", std::string(SC_SOURCE_DIR) + files[k]},
                                     {"format", k == 0 ? "jsonl" : "csv"}});
    h.configure();
    h.open();
    auto out = h.emitter();
    h.pollUntilDone(*out);
    for (const Batch* b : out->batches())
      for (uint32_t r = 0; r < b->size(); ++r)
        payloads[k].emplace_back(b->meta(r).payload);
  }
  QCOMPARE(payloads[1].size(), size_t(200));
  QVERIFY(payloads[0] == payloads[1]);
}

void TestFileSourceNode::manyLinesAndLongLines() {
  const std::string file = path("big.jsonl");
  std::string text;
  const std::string longValue(600 * 1024, 'x');  // longer than the read buffer
  for (int i = 0; i < 5000; ++i) {
    if (i == 2500)
      text += "{\"i\":" + std::to_string(i) + ",\"long\":\"" + longValue + "\"}\n";
    else
      text += "{\"i\":" + std::to_string(i) + "}\n";
  }
  writeFile(file, text);
  NodeHarness h(fileSourceSpec(), {{"path", file}});
  h.configure();
  uint32_t i = h.slots.intern("i");
  uint32_t longSlot = h.slots.intern("long");
  h.open();
  auto out = h.emitter();
  h.pollUntilDone(*out);
  Rows rows{out->batches()};
  QCOMPARE(rows.size(), size_t(5000));
  for (size_t n = 0; n < 5000; ++n) {
    auto [b, r] = rows.at(n);
    QCOMPARE(b->at(i, r).i, int64_t(n));
    QCOMPARE(b->meta(r).offset, int64_t(n + 1));
  }
  auto [b, r] = rows.at(2500);
  QCOMPARE(b->at(longSlot, r).len, uint32_t(longValue.size()));
}

void TestFileSourceNode::followsAppendedLines() {
  const std::string file = path("follow.jsonl");
  writeFile(file, "{\"n\":1}\n{\"n\":2}\n");
  NodeHarness h(fileSourceSpec(), {{"path", file}, {"follow", true}});
  h.configure();
  uint32_t n = h.slots.intern("n");
  h.open();
  auto out = h.emitter();
  QCOMPARE(h.source().poll(*out), SourceNode::Poll::Produced);
  QCOMPARE(h.source().poll(*out), SourceNode::Poll::Idle);  // at the end: wait, do not finish
  QCOMPARE(out->records(), uint64_t(2));
  writeFile(file, "{\"n\":3}\n{\"n\":", true);  // the second line is not complete yet
  QCOMPARE(h.source().poll(*out), SourceNode::Poll::Produced);
  QCOMPARE(out->records(), uint64_t(3));
  QCOMPARE(h.source().poll(*out), SourceNode::Poll::Idle);
  writeFile(file, "4}\n", true);
  QCOMPARE(h.source().poll(*out), SourceNode::Poll::Produced);
  Rows rows{out->batches()};
  QCOMPARE(rows.size(), size_t(4));
  for (size_t k = 0; k < 4; ++k) {
    auto [b, r] = rows.at(k);
    QCOMPARE(b->at(n, r).i, int64_t(k + 1));
  }
  // Truncation (log rotation): reading starts over.
  writeFile(file, "{\"n\":5}\n");
  QCOMPARE(h.source().poll(*out), SourceNode::Poll::Idle);  // notices the shorter file
  QCOMPARE(h.source().poll(*out), SourceNode::Poll::Produced);
  QCOMPARE(out->records(), uint64_t(5));
  h.source().requestStop();
  QCOMPARE(h.source().poll(*out), SourceNode::Poll::Done);
}

void TestFileSourceNode::missingFile() {
  NodeHarness h(fileSourceSpec(), {{"path", path("nope/missing.jsonl")}});
  try {
    h.configure();
    QFAIL("configure() accepted a missing file");
  } catch (const NodeFailure& e) {
    const std::string message = e.what();
    QVERIFY2(message.find("missing.jsonl") != std::string::npos, e.what());
    QVERIFY2(message.find("No such file") != std::string::npos, e.what());
    QVERIFY2(message.find("check the path") != std::string::npos, e.what());
  }
  NodeHarness dir(fileSourceSpec(), {{"path", dir_.path().toStdString()}});
  QVERIFY_THROWS_EXCEPTION(NodeFailure, dir.configure());
}

void TestFileSourceNode::badLinesAreCountedLoggedAndSkipped() {
  const std::string file = path("bad.jsonl");
  std::string text = "{\"a\":1}\n";
  for (int i = 0; i < 7; ++i)
    text += "{\"a\": oops " + std::to_string(i) + "\n";
  text += "[1,2]\n{\"a\":2}\n";
  writeFile(file, text);
  LogCapture log;
  NodeHarness h(fileSourceSpec(), {{"path", file}});
  h.configure();
  uint32_t a = h.slots.intern("a");
  h.open();
  auto out = h.emitter();
  h.pollUntilDone(*out);
  h.node().close();
  Rows rows{out->batches()};
  QCOMPARE(rows.size(), size_t(2));
  QCOMPARE(rows.at(0).first->at(a, 0).i, int64_t(1));
  QCOMPARE(rows.at(1).first->at(a, 1).i, int64_t(2));
  QCOMPARE(rows.at(1).first->meta(1).offset, int64_t(10));
  QCOMPARE(h.metrics.errors.get(), uint64_t(8));
  std::lock_guard lock(log.mutex);
  QVERIFY(log.lines.size() >= 6);
  QVERIFY2(log.lines[0].find(file + ":2: ") == 0, log.lines[0].c_str());
  QVERIFY2(log.lines[0].find("{\"a\": oops 0") != std::string::npos, log.lines[0].c_str());
  // Only the first few are logged one by one, then a summary at close.
  size_t perLine = 0;
  for (const auto& l : log.lines)
    perLine += l.find("skipped invalid line") != std::string::npos;
  QCOMPARE(perLine, size_t(5));
  QVERIFY(log.lines.back().find("skipped 8 invalid lines") != std::string::npos);
}

void TestFileSourceNode::badLineFailsWhenAsked() {
  const std::string file = path("fail.csv");
  writeFile(file, "a,b\n1,2\n3,4,5\n");
  NodeHarness h(fileSourceSpec(), {{"path", file}, {"format", "csv"}, {"on_error", "fail"}});
  h.configure();
  h.open();
  auto out = h.emitter();
  try {
    h.pollUntilDone(*out);
    QFAIL("a bad line did not fail the source");
  } catch (const NodeFailure& e) {
    QVERIFY2(std::string(e.what()).find(file + ":3:") == 0, e.what());
    QVERIFY2(std::string(e.what()).find("3 fields") != std::string::npos, e.what());
  }
  QCOMPARE(h.metrics.errors.get(), uint64_t(1));
}

void TestFileSourceNode::eventTimeFromField() {
  const std::string file = path("times.jsonl");
  writeFile(file,
            "{\"ts\":\"2026-11-26T10:00:01Z\"}\n{\"ts\":\"2026-11-26T10:00:03Z\"}\n"
            "{\"ts\":\"2026-11-26T10:00:02Z\"}\n{\"no\":\"time\"}\n");
  NodeHarness h(fileSourceSpec(), {{"path", file}});
  h.configure();
  h.slots.intern("ts");  // the executor interns the strategy's fields before handing it over
  WatermarkStrategy strategy;
  strategy.timestamp = "ts";
  strategy.maxOutOfOrdernessMs = 1000;
  h.source().setWatermarkStrategy(strategy);
  h.open();
  auto out = h.emitter();
  const int64_t before = wallMs();
  h.pollUntilDone(*out);
  const Batch& b = *out->batches().at(0);
  QCOMPARE(b.size(), 4u);
  QCOMPARE(b.meta(0).timestamp, int64_t(1795687201000));
  QCOMPARE(b.meta(1).timestamp, int64_t(1795687203000));
  QCOMPARE(b.meta(2).timestamp, int64_t(1795687202000));
  QVERIFY(b.meta(3).timestamp >= before);  // no event time: ingestion time stays
  std::vector<int64_t> wms = out->watermarks();
  QVERIFY(!wms.empty());
  QVERIFY(wms.back() >= 1795687203000 - 1000 - 1);
}

QTEST_GUILESS_MAIN(TestFileSourceNode)
#include "tst_FileSourceNode.moc"
