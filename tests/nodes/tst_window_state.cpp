// Checkpoints of window.tumbling, window.hopping and window.session: a node restored from a
// snapshot taken anywhere in a stream continues exactly like the node that never stopped (same
// results in the same order, same late records and counts), its own snapshot is the snapshot
// it was restored from byte for byte, and snapshots that are damaged, truncated or taken with
// another configuration are refused with a message, never crash and leave the node empty.
#include <QtTest>

#include "WindowOracle.h"
#include "engine/state/StateCodec.h"
#include "nodes/window/DistinctCounter.h"
#include "nodes/window/QuantileSketch.h"

using namespace sc;
using namespace sc::windowtest;

namespace {

// What the source side does, decided once so every node sees the same: batches, watermarks,
// ticks, and the wall clock each step runs at.
struct Step {
  enum Op { Push, Watermark, Tick } op = Push;
  size_t from = 0, to = 0;
  int64_t value = 0;  // watermark, or the tick's time
  int64_t clock = 0;  // the clock while the step runs (processing time)
};

struct Plan {
  Scenario scenario;
  std::vector<Aggregate> aggs = allAggregates();
  Json extra = Json::object();  // further properties (emit, time)
  bool ticks = false;
  bool oracle = true;  // compare with the brute-force oracle too
};

std::vector<Step> script(const Plan& plan, std::vector<Rec>& recs) {
  const Scenario& s = plan.scenario;
  WatermarkStrategy strategy;
  strategy.maxOutOfOrdernessMs = s.boundMs;
  WatermarkGenerator generator(strategy);
  for (int p = 0; p < s.partitions; ++p)
    generator.addPartition(p, 0);
  std::mt19937 rng(s.seed * 7 + 1);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<Step> steps;
  int64_t watermark = WatermarkGenerator::kNoWatermark;
  int64_t clock = 1'764'000'000'000;
  for (size_t at = 0; at < recs.size();) {
    const size_t n = std::min(recs.size() - at, size_t(uniform(1, 250)));
    clock += uniform(20, 400);
    for (size_t k = at; k < at + n; ++k) {
      recs[k].watermarkAtArrival = watermark;
      generator.observe(recs[k].partition, recs[k].ts, 0);
    }
    steps.push_back({Step::Push, at, at + n, 0, clock});
    at += n;
    if (int64_t wm; generator.advance(0, wm)) {
      steps.push_back({Step::Watermark, 0, 0, wm, clock});
      watermark = wm;
    }
    if (plan.ticks && uniform(0, 2) == 0) {
      clock += uniform(0, 300);
      steps.push_back({Step::Tick, 0, 0, clock, clock});
    }
  }
  return steps;
}

// One node with its own clock, fed from the script.
struct Run {
  Run(const Plan& plan, std::vector<Rec>& records) : recs(records) {
    Json props = propertiesOf(plan.scenario, plan.aggs);
    for (auto it = plan.extra.begin(); it != plan.extra.end(); ++it)
      props[it.key()] = *it;
    driver = std::make_unique<Driver>(specOf(plan.scenario.type), props);
    driver->setLateWired(plan.scenario.lateWired);
    driver->node().setClock([this] { return now; });
    driver->open();
  }
  void exec(const std::vector<Step>& steps, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      const Step& st = steps[i];
      now = st.clock;
      switch (st.op) {
        case Step::Push:
          driver->feed(recs, st.from, st.to);
          break;
        case Step::Watermark:
          driver->watermark(st.value);
          break;
        case Step::Tick:
          driver->tick(st.value);
          break;
      }
    }
  }
  std::string snapshot(uint64_t id = 1) {
    driver->node().onBarrier(id, driver->emitter());
    // Every step drains the output, so a barrier finds nothing pending.
    QTest::qVerify(driver->emitter().records(0) == 0, "nothing pending at the barrier", "",
                   __FILE__, __LINE__);
    state::StateWriter w;
    driver->node().snapshotState(id, w);
    return w.take();
  }
  void restore(const std::string& bytes) {
    state::StateReader r(bytes, "window w");
    driver->node().restoreState(r);
  }

  std::vector<Rec>& recs;
  std::unique_ptr<Driver> driver;
  int64_t now = 0;
};

// A result row as text: window, key, every field with its kind (1 and 1.0 differ).
std::vector<std::string> rows(const Driver& d, size_t from = 0) {
  std::vector<std::string> out;
  for (size_t i = from; i < d.emitted.size(); ++i) {
    const auto& [wk, fields] = d.emitted[i];
    std::string row = std::get<0>(wk) + " [" + std::to_string(std::get<1>(wk)) + ", " +
                      std::to_string(std::get<2>(wk)) + ")";
    for (const auto& [name, cell] : fields)
      row += " " + name + "=" + std::to_string(int(cell.kind)) + ":" + cell.text();
    out.push_back(std::move(row));
  }
  return out;
}

void compareRows(const std::vector<std::string>& got, const std::vector<std::string>& want,
                 const std::string& what) {
  for (size_t i = 0; i < std::min(got.size(), want.size()); ++i)
    if (got[i] != want[i])
      QFAIL((what + ": result " + std::to_string(i) + " differs:\n  got:  " + got[i] +
             "\n  want: " + want[i])
                .c_str());
  QVERIFY2(got.size() == want.size(), (what + ": " + std::to_string(got.size()) +
                                       " results instead of " + std::to_string(want.size()))
                                          .c_str());
}

Plan planOf(WindowType type, KeyMode keys, uint32_t seed) {
  Plan p;
  p.scenario.type = type;
  p.scenario.keyMode = keys;
  p.scenario.keys = keys == KeyMode::None ? 1 : 12;
  p.scenario.records = 6000;
  p.scenario.stepMs = 4;  // equal event times are common: first/last break ties by arrival
  p.scenario.sizeMs = 2'000;
  p.scenario.slideMs = 2'000;
  p.scenario.gapMs = 60;
  p.scenario.boundMs = 300;
  p.scenario.seed = seed;
  return p;
}

// A small snapshot of every kind of state for the damage tests: a few keys, strings, distinct
// counters, a percentile sketch past its exact values, a fired window kept for lateness.
struct Small {
  Plan plan;
  std::vector<Rec> recs;
  std::vector<Step> steps;
  size_t cut = 0;
  std::string bytes;
};

Small smallSnapshot(WindowType type) {
  Small s;
  s.plan = planOf(type, KeyMode::Composite, 77);
  s.plan.scenario.keys = 2;
  s.plan.scenario.records = 400;
  s.plan.scenario.latenessMs = 500;
  s.plan.scenario.latePermille = 20;
  s.plan.scenario.gapMs = 300;
  s.plan.extra["emit"] = "1s";
  s.plan.ticks = true;
  s.recs = generate(s.plan.scenario);
  s.steps = script(s.plan, s.recs);
  s.cut = s.steps.size() / 2;
  Run a(s.plan, s.recs);
  a.exec(s.steps, 0, s.cut);
  s.bytes = a.snapshot();
  return s;
}

}  // namespace

class TestWindowState : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void continuesExactly_data();
  void continuesExactly();
  void refusesOtherConfigurations();
  void refusesTruncatedSnapshots_data();
  void refusesTruncatedSnapshots();
  void survivesFlippedBytes_data();
  void survivesFlippedBytes();
  void refusesForeignBytes();
  void sideObjectsRoundTrip();
};

void TestWindowState::continuesExactly_data() {
  QTest::addColumn<int>("type");
  QTest::addColumn<int>("keyMode");
  QTest::addColumn<qint64>("lateness");
  QTest::addColumn<int>("latePermille");
  QTest::addColumn<bool>("lateWired");
  QTest::addColumn<QString>("emit");
  QTest::addColumn<bool>("processingTime");
  QTest::addColumn<bool>("sketches");  // one key, many values: HyperLogLog and DDSketch
  QTest::addColumn<int>("keys");       // 0: a dozen
  const int T = int(WindowType::Tumbling), H = int(WindowType::Hopping),
            S = int(WindowType::Session);
  const int single = int(KeyMode::Single), composite = int(KeyMode::Composite),
            none = int(KeyMode::None);
  QTest::newRow("tumbling keyed, late port, lateness")
      << T << single << qint64(700) << 30 << true << "" << false << false << 0;
  QTest::newRow("tumbling keys come and go, lateness")
      << T << single << qint64(700) << 30 << true << "" << false << false << 3000;
  QTest::newRow("tumbling composite, late dropped")
      << T << composite << qint64(0) << 30 << false << "" << false << false << 0;
  QTest::newRow("tumbling one key, sketches")
      << T << none << qint64(0) << 0 << true << "" << false << true << 0;
  QTest::newRow("tumbling early results")
      << T << single << qint64(300) << 10 << true << "500ms" << false << false << 0;
  QTest::newRow("tumbling processing time")
      << T << single << qint64(0) << 0 << true << "700ms" << true << false << 0;
  QTest::newRow("hopping keyed, lateness")
      << H << single << qint64(900) << 25 << true << "" << false << false << 0;
  QTest::newRow("hopping composite, early results")
      << H << composite << qint64(400) << 10 << false << "1s" << false << false << 0;
  QTest::newRow("session keyed") << S << single << qint64(0) << 0 << true << "" << false << false
                                 << 0;
  QTest::newRow("session composite, early results, lateness")
      << S << composite << qint64(200) << 0 << true << "300ms" << false << false << 0;
  QTest::newRow("session keys come and go")
      << S << single << qint64(100) << 20 << true << "" << false << false << 2000;
  QTest::newRow("session late records")
      << S << single << qint64(150) << 30 << false << "" << false << false << 0;
  QTest::newRow("session processing time")
      << S << none << qint64(0) << 0 << true << "" << true << false << 0;
}

void TestWindowState::continuesExactly() {
  QFETCH(int, type);
  QFETCH(int, keyMode);
  QFETCH(qint64, lateness);
  QFETCH(int, latePermille);
  QFETCH(bool, lateWired);
  QFETCH(QString, emit);
  QFETCH(bool, processingTime);
  QFETCH(bool, sketches);
  QFETCH(int, keys);
  Plan plan = planOf(WindowType(type), KeyMode(keyMode), uint32_t(type * 100 + keyMode * 10 + 1));
  Scenario& s = plan.scenario;
  if (WindowType(type) == WindowType::Hopping) {
    s.sizeMs = 2'000;
    s.slideMs = 800;  // panes of 400 ms
  }
  s.latenessMs = lateness;
  s.latePermille = latePermille;
  s.lateWired = lateWired;
  if (keys > 0) s.keys = keys;
  if (sketches) {
    s.records = 9000;
    s.sizeMs = s.slideMs = 60'000;
    s.uniqueNames = true;  // > 4096 distinct names per window
  }
  if (!emit.isEmpty()) {
    plan.extra["emit"] = emit.toStdString();
    plan.ticks = true;
  }
  if (processingTime) {
    plan.extra["time"] = "processing";
    plan.ticks = true;
  }
  // The oracle knows event time, and sessions without late records or early results (an early
  // result of a session that grows later names bounds the oracle never sees).
  plan.oracle =
      !processingTime && !(s.type == WindowType::Session && (latePermille > 0 || !emit.isEmpty()));
  std::vector<Rec> recs = generate(s);
  const std::vector<Step> steps = script(plan, recs);

  // The node that never stops.
  Run whole(plan, recs);
  whole.exec(steps, 0, steps.size());
  whole.driver->finish();
  const std::vector<std::string> want = rows(*whole.driver);
  QVERIFY(!want.empty());
  if (plan.oracle) {
    compareWithOracle(s, recs, *whole.driver, plan.aggs);
    if (QTest::currentTestFailed()) return;
  }

  // A node snapshotted at several points continues unchanged (snapshots have no side effects).
  const std::vector<size_t> cuts = {
      0,           1, steps.size() / 5, steps.size() / 2, steps.size() * 4 / 5, steps.size() - 1,
      steps.size()};
  Run a(plan, recs);
  std::vector<std::string> snapshots;
  std::vector<size_t> emittedAt, lateAt;
  std::vector<uint64_t> droppedAt;
  size_t done = 0;
  for (size_t cut : cuts) {
    a.exec(steps, done, cut);
    done = cut;
    snapshots.push_back(a.snapshot(snapshots.size() + 1));
    emittedAt.push_back(a.driver->emitted.size());
    lateAt.push_back(a.driver->lateIds.size());
    droppedAt.push_back(a.driver->node().lateDropped());
  }
  a.driver->finish();
  compareRows(rows(*a.driver), want, "snapshotted node");
  QCOMPARE(a.driver->lateIds, whole.driver->lateIds);

  for (size_t c = 0; c < cuts.size(); ++c) {
    const std::string where = "restored at step " + std::to_string(cuts[c]) + " of " +
                              std::to_string(steps.size()) + " (" +
                              std::to_string(snapshots[c].size()) + " bytes)";
    Run b(plan, recs);
    b.restore(snapshots[c]);
    QCOMPARE(b.driver->node().lateDropped(), droppedAt[c]);
    QVERIFY2(b.snapshot(99) == snapshots[c],
             (where + ": snapshot of the restored node differs").c_str());
    // Running on to the next cut reaches the state the uninterrupted node had there.
    if (c + 1 < cuts.size()) {
      size_t step = cuts[c];
      for (; step < cuts[c + 1]; ++step) {
        b.exec(steps, step, step + 1);
        if (std::getenv("SC_DEBUG_STEPS")) qInfo("step %zu op %d", step, int(steps[step].op));
      }
      QVERIFY2(b.snapshot(98) == snapshots[c + 1],
               (where + ": state differs at step " + std::to_string(cuts[c + 1])).c_str());
    }
    b.exec(steps, c + 1 < cuts.size() ? cuts[c + 1] : cuts[c], steps.size());
    b.driver->finish();
    std::vector<std::string> got = rows(*a.driver);
    got.resize(emittedAt[c]);
    const std::vector<std::string> after = rows(*b.driver);
    got.insert(got.end(), after.begin(), after.end());
    compareRows(got, want, where);
    if (QTest::currentTestFailed()) return;
    std::vector<int64_t> late(whole.driver->lateIds.begin(),
                              whole.driver->lateIds.begin() + long(lateAt[c]));
    late.insert(late.end(), b.driver->lateIds.begin(), b.driver->lateIds.end());
    QCOMPARE(late, whole.driver->lateIds);
    QCOMPARE(b.driver->node().lateDropped(), whole.driver->node().lateDropped());
    QCOMPARE(b.driver->node().keyCount(), uint32_t(0));
  }
  if (latePermille > 0)
    QVERIFY(!whole.driver->lateIds.empty() || whole.driver->node().lateDropped() > 0);
}

void TestWindowState::refusesOtherConfigurations() {
  Small small = smallSnapshot(WindowType::Tumbling);
  struct Other {
    const char* what;
    WindowType type;
    Json change;
  };
  const std::vector<Other> others = {
      {"size", WindowType::Tumbling, {{"size", "3s"}}},
      {"key", WindowType::Tumbling, {{"key", "device"}}},
      {"aggregates",
       WindowType::Tumbling,
       {{"aggregates", aggregatesJson({{"n", "count", ""}, {"s", "sum", "value"}})}}},
      {"aggregate input",
       WindowType::Tumbling,
       {{"aggregates",
         [] {
           auto aggs = allAggregates();
           aggs[2].of = "ivalue";
           return aggregatesJson(aggs);
         }()}}},
      {"time", WindowType::Tumbling, {{"time", "processing"}}},
      {"kind hopping", WindowType::Hopping, {{"slide", "1s"}}},
      {"kind session", WindowType::Session, {{"gap", "1s"}}},
  };
  for (const Other& o : others) {
    Plan plan = small.plan;
    plan.scenario.type = o.type;
    for (auto it = o.change.begin(); it != o.change.end(); ++it)
      plan.extra[it.key()] = *it;
    Run b(plan, small.recs);
    try {
      b.restore(small.bytes);
      QFAIL((std::string("restored a snapshot of a window with another ") + o.what).c_str());
    } catch (const state::StateError& e) {
      const std::string message = e.what();
      QVERIFY2(message.find("differently configured window") != std::string::npos &&
                   message.find("window.tumbling size=2000ms") != std::string::npos,
               message.c_str());
    }
    QCOMPARE(b.driver->node().keyCount(), uint32_t(0));
  }
  // Lateness and the emit interval may change: the state is still valid.
  Plan relaxed = small.plan;
  relaxed.extra["allowed_lateness"] = "2s";
  relaxed.extra["emit"] = "final";
  Run b(relaxed, small.recs);
  b.restore(small.bytes);
  QVERIFY(b.driver->node().keyCount() > 0);
  b.exec(small.steps, small.cut, small.steps.size());
  b.driver->finish();
  QCOMPARE(b.driver->node().keyCount(), uint32_t(0));
}

void TestWindowState::refusesTruncatedSnapshots_data() {
  QTest::addColumn<int>("type");
  QTest::newRow("tumbling") << int(WindowType::Tumbling);
  QTest::newRow("hopping") << int(WindowType::Hopping);
  QTest::newRow("session") << int(WindowType::Session);
}

void TestWindowState::refusesTruncatedSnapshots() {
  QFETCH(int, type);
  Small small = smallSnapshot(WindowType(type));
  qInfo("%zu bytes", small.bytes.size());
  Run b(small.plan, small.recs);
  for (size_t n = 0; n < small.bytes.size(); ++n) {
    try {
      b.restore(small.bytes.substr(0, n));
      QFAIL(("a snapshot cut to " + std::to_string(n) + " bytes was restored").c_str());
    } catch (const state::StateError& e) {
      QVERIFY(std::string(e.what()).find("w") == 0);
    }
    QCOMPARE(b.driver->node().keyCount(), uint32_t(0));
  }
  // The node is still usable after all the refusals.
  b.restore(small.bytes);
  QCOMPARE(b.snapshot(), small.bytes);
}

void TestWindowState::survivesFlippedBytes_data() {
  refusesTruncatedSnapshots_data();
}

void TestWindowState::survivesFlippedBytes() {
  // Every single-byte change is refused or restores something the node can run on: never a
  // crash, a hang or a huge allocation (run under ASan to see more).
  QFETCH(int, type);
  Small small = smallSnapshot(WindowType(type));
  size_t refused = 0, restored = 0;
  auto b = std::make_unique<Run>(small.plan, small.recs);
  for (size_t at = 0; at < small.bytes.size(); ++at) {
    for (uint8_t mask : {uint8_t(0x01), uint8_t(0xff)}) {
      std::string bytes = small.bytes;
      bytes[at] = char(uint8_t(bytes[at]) ^ mask);
      try {
        b->restore(bytes);
      } catch (const state::StateError&) {
        ++refused;
        QCOMPARE(b->driver->node().keyCount(), uint32_t(0));
        continue;
      } catch (const NodeFailure&) {
        ++refused;
        continue;
      }
      ++restored;
      // Run on to the end; what comes out is not checked (a changed aggregate is valid state).
      b->snapshot();
      b->exec(small.steps, small.cut, small.steps.size());
      b->driver->finish();
      b = std::make_unique<Run>(small.plan, small.recs);
    }
  }
  qInfo("%zu bytes: %zu changes refused, %zu restored", small.bytes.size(), refused, restored);
  QVERIFY(refused > 0);
}

void TestWindowState::refusesForeignBytes() {
  Plan plan = planOf(WindowType::Session, KeyMode::Single, 5);
  std::vector<Rec> recs;
  Run b(plan, recs);
  for (const std::string& bytes : {std::string(), std::string("not a window"),
                                   std::string(4096, '\xff'), std::string(64, '\0')}) {
    QVERIFY_THROWS_EXCEPTION(state::StateError, b.restore(bytes));
    QCOMPARE(b.driver->node().keyCount(), uint32_t(0));
  }
  // A snapshot with bytes after its end.
  Run a(plan, recs);
  std::string bytes = a.snapshot() + "x";
  QVERIFY_THROWS_EXCEPTION(state::StateError, b.restore(bytes));
  bytes.pop_back();
  b.restore(bytes);
}

void TestWindowState::sideObjectsRoundTrip() {
  // Distinct counters and sketches in both of their modes, saved, loaded and saved again.
  std::mt19937_64 rng(3);
  for (uint32_t n : {0u, 1u, 100u, 4096u, 4097u, 20000u}) {
    window::DistinctCounter d;
    for (uint32_t i = 0; i < n; ++i)
      d.add(rng() % (n + 1));
    state::StateWriter w;
    d.save(w);
    window::DistinctCounter e;
    state::StateReader r(w.data());
    e.load(r);
    QVERIFY(r.atEnd());
    QCOMPARE(e.estimate(), d.estimate());
    QCOMPARE(e.exact(), d.exact());
    state::StateWriter again;
    e.save(again);
    QCOMPARE(again.data(), w.data());
    if (!d.exact()) {
      std::string bad = w.data();
      bad[1 + 17] = char(64);  // a register beyond the largest rank
      state::StateReader rb(bad);
      QVERIFY_THROWS_EXCEPTION(state::StateError, e.load(rb));
    }
  }
  for (uint32_t n : {0u, 5u, 64u, 65u, 5000u}) {
    window::QuantileSketch q;
    for (uint32_t i = 0; i < n; ++i)
      q.add(double(int64_t(rng() % 20001) - 10000) / 7.0);
    if (n == 5) (void)q.quantile(0.5);  // sorted now
    state::StateWriter w;
    q.save(w);
    window::QuantileSketch e;
    state::StateReader r(w.data());
    e.load(r);
    QVERIFY(r.atEnd());
    state::StateWriter again;
    e.save(again);
    QCOMPARE(again.data(), w.data());
    QCOMPARE(e.count(), q.count());
    for (double p : {0.0, 0.5, 0.99, 1.0})
      if (n > 0) QCOMPARE(e.quantile(p), q.quantile(p));
  }
}

QTEST_GUILESS_MAIN(TestWindowState)
#include "tst_window_state.moc"
