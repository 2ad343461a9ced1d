// window.tumbling, window.hopping and window.session through the Node API: the semantics the
// randomized oracle comparison (tst_window_differential) does not reach on its own: empty
// windows, session merges and lateness, the late port, early results, processing time,
// composite keys, forwarded watermarks, spec validation and the sensor-averages example.
#include <QtTest>

#include "WindowOracle.h"

using namespace sc;
using namespace sc::windowtest;

class TestWindowNodes : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void emptyWindowsAreNotEmitted();
  void sessionBridgingRecordMergesSessions();
  void sessionLateRecordWithinLatenessFiresAgain();
  void latePortGetsTheRecordsThemselves();
  void earlyResultsOnTick();
  void processingTimeFiresOnTheClock();
  void compositeKeyIsAnObject();
  void watermarksAreForwarded();
  void stateGaugesAreEmptyWhenTheInputEnds();
  void specValidation_data();
  void specValidation();
  void exampleSensorAveragesEndToEnd();
};

void TestWindowNodes::emptyWindowsAreNotEmitted() {
  Driver d(hoppingWindowSpec(), {{"size", "10s"}, {"slide", "5s"}, {"key", "device"}});
  std::vector<Rec> recs(2);
  recs[0].device = recs[1].device = "a";
  recs[0].ts = 1'000;
  recs[1].ts = 1'000'000;  // far later: everything in between is empty
  recs[1].id = 1;
  d.push(recs, 0, 2);
  d.finish();
  std::set<std::pair<int64_t, int64_t>> windows;
  for (const auto& [wk, o] : d.results)
    windows.insert({std::get<1>(wk), std::get<2>(wk)});
  const std::set<std::pair<int64_t, int64_t>> expected = {
      {-5'000, 5'000}, {0, 10'000}, {995'000, 1'005'000}, {1'000'000, 1'010'000}};
  QCOMPARE(windows, expected);
}

void TestWindowNodes::sessionBridgingRecordMergesSessions() {
  Driver d(sessionWindowSpec(), {{"gap", "10ms"},
                                 {"key", "device"},
                                 {"max_out_of_orderness", "100ms"},
                                 {"aggregates", Json::parse(R"([{"as":"n","fn":"count"},
                                                                 {"as":"first","fn":"first","of":"value"}])")}});
  std::vector<Rec> recs(4);
  const int64_t times[] = {0, 15, 22, 8};  // 8 bridges [0, 10) and [15, 32)
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = "a";
    recs[k].ts = times[k];
    recs[k].valueKind = Kind::Int;
    recs[k].valueInt = int64_t(k);
  }
  d.push(recs, 0, 3);
  d.push(recs, 3, 4);
  d.finish();
  QCOMPARE(d.results.size(), size_t(1));
  const auto& [wk, o] = *d.results.begin();
  QCOMPARE(std::get<1>(wk), int64_t(0));
  QCOMPARE(std::get<2>(wk), int64_t(32));
  QCOMPARE(o.fields.at("n").i, int64_t(4));
  QCOMPARE(o.fields.at("first").i, int64_t(0));
}

void TestWindowNodes::sessionLateRecordWithinLatenessFiresAgain() {
  Driver d(sessionWindowSpec(),
           {{"gap", "10ms"}, {"key", "device"}, {"allowed_lateness", "100ms"}});
  d.setLateWired(true);
  std::vector<Rec> recs(4);
  const int64_t times[] = {0, 5, 8, 500};
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = "a";
    recs[k].ts = times[k];
  }
  d.push(recs, 0, 2);
  d.watermark(50);  // fires [0, 15)
  QCOMPARE(d.emitted.size(), size_t(1));
  d.push(recs, 2, 3);  // 8 extends it to [0, 18): fired again at once, since 17 <= 50
  QCOMPARE(d.emitted.size(), size_t(2));
  QCOMPARE(std::get<2>(d.emitted.back().first), int64_t(18));
  QCOMPARE(d.emitted.back().second.at("count").i, int64_t(3));
  d.watermark(200);  // past lateness: state dropped
  QCOMPARE(d.node().keyCount(), uint32_t(0));
  std::vector<Rec> late(1);
  late[0].id = 9;
  late[0].device = "a";
  late[0].ts = 9;
  d.push(late, 0, 1);
  QCOMPARE(d.lateIds, std::vector<int64_t>{9});
  d.finish();
  QCOMPARE(d.emitted.size(), size_t(2));
}

void TestWindowNodes::latePortGetsTheRecordsThemselves() {
  Driver d(tumblingWindowSpec(), {{"size", "10ms"}, {"key", "device"}});
  std::vector<Rec> recs(3);
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = "d" + std::to_string(k);
  }
  recs[0].ts = 3;
  recs[1].ts = 15;
  recs[2].ts = 9;  // window [0, 10) fired at watermark 9: late
  d.push(recs, 0, 2);
  d.watermark(9);
  QCOMPARE(d.emitted.size(), size_t(1));
  d.push(recs, 2, 3);
  QCOMPARE(d.lateIds, std::vector<int64_t>{2});
  d.setLateWired(false);
  recs[2].id = 7;
  d.push(recs, 2, 3);
  QCOMPARE(d.lateIds, std::vector<int64_t>{2});
  QCOMPARE(d.node().lateDropped(), uint64_t(1));
  d.finish();
  QCOMPARE(d.emitted.size(), size_t(2));
}

void TestWindowNodes::earlyResultsOnTick() {
  Driver d(tumblingWindowSpec(), {{"size", "10ms"}, {"key", "device"}, {"emit", "1s"}});
  QCOMPARE(d.node().tickIntervalMs(), int64_t(1000));
  std::vector<Rec> recs(4);
  const int64_t times[] = {1, 2, 3, 12};
  const char* devices[] = {"a", "b", "a", "a"};
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = devices[k];
    recs[k].ts = times[k];
  }
  d.push(recs, 0, 2);
  d.tick(1000);
  QCOMPARE(d.emitted.size(), size_t(2));  // a and b, one record each
  d.push(recs, 2, 3);
  d.tick(1500);  // too soon: nothing
  QCOMPARE(d.emitted.size(), size_t(2));
  d.tick(2000);  // only a changed
  QCOMPARE(d.emitted.size(), size_t(3));
  QCOMPARE(std::get<0>(d.emitted.back().first), std::string("\"a\""));
  QCOMPARE(d.emitted.back().second.at("count").i, int64_t(2));
  d.tick(3000);  // nothing changed
  QCOMPARE(d.emitted.size(), size_t(3));
  d.push(recs, 3, 4);
  d.watermark(10);  // final results of [0, 10)
  QCOMPARE(d.emitted.size(), size_t(5));
  d.tick(4000);  // [10, 20) is open and changed
  QCOMPARE(d.emitted.size(), size_t(6));
  QCOMPARE(std::get<1>(d.emitted.back().first), int64_t(10));
  d.finish();
  QCOMPARE(d.emitted.size(), size_t(7));
}

void TestWindowNodes::processingTimeFiresOnTheClock() {
  Driver d(tumblingWindowSpec(), {{"size", "1s"}, {"key", "device"}, {"time", "processing"}});
  QVERIFY(d.strategy().processingTime);
  QVERIFY(d.node().tickIntervalMs() > 0);
  int64_t now = 10'000'300;
  d.node().setClock([&now] { return now; });
  std::vector<Rec> recs(3);
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = "a";
    recs[k].ts = 42;  // ignored: processing time
  }
  d.push(recs, 0, 2);
  d.watermark(99'999'999'999);  // event-time watermarks do not fire processing-time windows
  QVERIFY(d.emitted.empty());
  now = 10'000'998;
  d.tick(now);
  QVERIFY(d.emitted.empty());
  now = 10'000'999;  // end - 1 of [10,000,000, 10,001,000)
  d.tick(now);
  QCOMPARE(d.emitted.size(), size_t(1));
  QCOMPARE(std::get<1>(d.emitted[0].first), int64_t(10'000'000));
  QCOMPARE(d.emitted[0].second.at("count").i, int64_t(2));
  d.push(recs, 2, 3);  // the clock has not moved: the record counts in the next window
  d.finish();
  QCOMPARE(d.emitted.size(), size_t(2));
  QCOMPARE(std::get<1>(d.emitted[1].first), int64_t(10'001'000));
  QVERIFY(d.lateIds.empty());
}

void TestWindowNodes::compositeKeyIsAnObject() {
  Driver d(tumblingWindowSpec(),
           {{"size", "10ms"}, {"key", Json::array({"device", "site", "lower(device)"})}});
  std::vector<Rec> recs(2);
  recs[0].device = "A\"1";
  recs[0].site = 3;
  recs[1] = recs[0];
  recs[1].id = 1;
  recs[1].site = 4;
  d.push(recs, 0, 2);
  d.finish();
  QCOMPARE(d.results.size(), size_t(2));
  const std::string first = std::get<0>(d.emitted[0].first);
  QCOMPARE(first, std::string("{\"device\":\"A\\\"1\",\"site\":3,\"lower(device)\":\"a\\\"1\"}"));
  QCOMPARE(d.emitted[0].second.at("key").kind, Kind::Json);
  QVERIFY(Json::parse(first).is_object());
}

void TestWindowNodes::watermarksAreForwarded() {
  Driver d(tumblingWindowSpec(), {{"size", "10ms"}});
  d.watermark(5);
  d.watermark(25);
  QCOMPARE(d.forwardedWatermarks, (std::vector<int64_t>{5, 25}));
}

void TestWindowNodes::stateGaugesAreEmptyWhenTheInputEnds() {
  // The designer shows open windows, keys and state size under a window node; after the input
  // ended (finish: every window fired) they read empty, not the last watermark's values.
  Driver d(tumblingWindowSpec(), {{"size", "10s"}, {"key", "device"}});
  d.open();
  std::vector<Rec> recs(3);
  recs[0].device = "a";
  recs[1].device = "b";
  recs[2].device = "a";
  recs[0].ts = 1'000;
  recs[1].ts = 2'000;
  recs[2].ts = 3'000;
  for (size_t k = 0; k < recs.size(); ++k)
    recs[k].id = int64_t(k);
  d.push(recs, 0, 3);  // the source's watermark (2,999) closes nothing: [0, 10s) stays open
  auto gauge = [&](const char* name) { return d.metrics().gaugeValue(name).value_or(-1); };
  QCOMPARE(gauge("open_windows"), int64_t(1));
  QCOMPARE(gauge("window_keys"), int64_t(2));
  QVERIFY(gauge("window_state_bytes") > 0);
  d.finish();
  QCOMPARE(d.results.size(), size_t(2));
  QCOMPARE(gauge("open_windows"), int64_t(0));
  QCOMPARE(gauge("window_keys"), int64_t(0));
  QCOMPARE(gauge("window_state_bytes"), int64_t(d.node().stateBytes()));  // memory kept
}

void TestWindowNodes::specValidation_data() {
  QTest::addColumn<int>("type");
  QTest::addColumn<QString>("properties");
  QTest::addColumn<QString>("pointer");  // empty: valid
  const int T = int(WindowType::Tumbling), H = int(WindowType::Hopping),
            S = int(WindowType::Session);
  QTest::newRow("valid") << T << R"({"size":"1m","aggregates":[{"as":"a","fn":"avg","of":"x"}]})"
                         << "";
  QTest::newRow("slide > size") << H << R"({"size":"1m","slide":"2m"})"
                                << "/nodes/0/properties/slide";
  QTest::newRow("slide not dividing size") << H << R"({"size":"1m","slide":"25s"})"
                                           << "";
  QTest::newRow("zero gap") << S << R"({"gap":"0"})"
                            << "/nodes/0/properties/gap";
  QTest::newRow("of missing") << T << R"({"size":"1m","aggregates":[{"as":"a","fn":"sum"}]})"
                              << "/nodes/0/properties/aggregates/0";
  QTest::newRow("count needs no of")
      << T << R"({"size":"1m","aggregates":[{"as":"a","fn":"count"}]})"
      << "";
  QTest::newRow("duplicate as")
      << T
      << R"({"size":"1m","aggregates":[{"as":"a","fn":"count"},{"as":"a","fn":"max","of":"x"}]})"
      << "/nodes/0/properties/aggregates/1/as";
  QTest::newRow("as clashes with key")
      << T << R"({"size":"1m","aggregates":[{"as":"key","fn":"count"}]})"
      << "/nodes/0/properties/aggregates/0/as";
  QTest::newRow("bad emit") << T << R"({"size":"1m","emit":"sometimes"})"
                            << "/nodes/0/properties/emit";
  QTest::newRow("emit interval") << T << R"({"size":"1m","emit":"500ms"})"
                                 << "";
}

void TestWindowNodes::specValidation() {
  QFETCH(int, type);
  QFETCH(QString, properties);
  QFETCH(QString, pointer);
  const NodeSpec spec = specOf(WindowType(type));
  NodeConfig cfg(spec, "w", 0, Json::parse(properties.toStdString()));
  Diagnostics diags;
  spec.validate(cfg, diags);
  if (pointer.isEmpty()) {
    QVERIFY2(diags.empty(), diags.format().c_str());
    SlotTable slots;
    Json doc = Json::object();
    ResourceRegistry resources;
    PlanContext plan(slots, doc, resources);
    auto node = spec.create();
    node->configure(cfg, plan);
  } else {
    QCOMPARE(diags.size(), size_t(1));
    QCOMPARE(QString::fromStdString(diags.items()[0].pointer), pointer);
    SlotTable slots;
    Json doc = Json::object();
    ResourceRegistry resources;
    PlanContext plan(slots, doc, resources);
    auto node = spec.create();
    QVERIFY_THROWS_EXCEPTION(NodeFailure, node->configure(cfg, plan));
  }
}

void TestWindowNodes::exampleSensorAveragesEndToEnd() {
  // The example through the real executor: file.source stamps event time from `ts` and sends
  // watermarks in-band; results go to a file instead of the console.
  const std::string source = SC_SOURCE_DIR;
  LoadResult loaded = loadPipelineFile(source + "/resources/examples/sensor-averages.json");
  QVERIFY2(loaded.ok(), loaded.diagnostics.format().c_str());
  Pipeline p = *loaded.pipeline;
  QTemporaryDir dir;
  const std::string output = dir.filePath("out.jsonl").toStdString();
  p.node("src")->properties["path"] = source + "/resources/data/sensors.jsonl";
  p.node("out")->type = "file.sink";
  p.node("out")->properties = {{"path", output}, {"format", "jsonl"}};
  Diagnostics diags = validatePipeline(p, NodeRegistry::builtin());
  QVERIFY2(!diags.hasErrors(), diags.format().c_str());
  auto run = Execution::plan(p, NodeRegistry::builtin(), RunOptions{}, diags);
  QVERIFY2(run, diags.format().c_str());
  run->start();
  QVERIFY(run->wait(60'000));
  QVERIFY2(run->result().ok, run->result().message.c_str());

  struct Minute {
    double sum = 0, max = -1e300;
    int64_t count = 0;
  };
  std::map<std::pair<std::string, int64_t>, Minute> want;
  std::ifstream in(source + "/resources/data/sensors.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const Json j = Json::parse(line);
    int64_t ts = 0;
    QVERIFY(parseIso8601Ms(j["ts"].get<std::string>(), ts));
    Minute& m = want[{j["device"].get<std::string>(), ts / 60'000 * 60'000}];
    const double t = j["temperature"].get<double>();
    m.sum += t;
    m.max = std::max(m.max, t);
    ++m.count;
  }
  std::ifstream results(output);
  size_t rows = 0;
  for (std::string line; std::getline(results, line);) {
    const Json j = Json::parse(line);
    ++rows;
    const auto key = std::make_pair(j["key"].get<std::string>(), j["window_start"].get<int64_t>());
    QVERIFY2(want.count(key), line.c_str());
    const Minute& m = want[key];
    QCOMPARE(j["window_end"].get<int64_t>(), key.second + 60'000);
    QCOMPARE(j["readings"].get<int64_t>(), m.count);
    QVERIFY2(std::fabs(j["avg_temp"].get<double>() - m.sum / double(m.count)) < 1e-9, line.c_str());
    QCOMPARE(j["max_temp"].get<double>(), m.max);
  }
  QCOMPARE(rows, want.size());
}

QTEST_GUILESS_MAIN(TestWindowNodes)
#include "tst_window_nodes.moc"
