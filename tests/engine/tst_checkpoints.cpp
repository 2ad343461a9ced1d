// Checkpoints: the file format and its damage detection, the store, and the executor's aligned
// barriers with purpose-built stateful nodes: snapshots consistent across a union, a savepoint
// and a failure each resumed without a gap or a duplicate, --max-records covered exactly, and a
// changed graph refused.
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/PipelineSettings.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Node.h"
#include "engine/state/CheckpointStore.h"
#include "engine/state/StateCodec.h"

using namespace sc;
using namespace sc::state;

namespace {

// What the test nodes saw; written by node threads, read after wait().
struct Observed {
  std::mutex mutex;
  std::vector<int64_t> values;  // the sink's "durable" output, in order
  // snapshot values per checkpoint id and node id
  std::map<uint64_t, std::map<std::string, int64_t>> snaps;
  std::vector<uint64_t> completed;
  std::atomic<int64_t> failAt{-1};  // the sink throws on this value (once)
  void reset() {
    std::lock_guard l(mutex);
    values.clear(), snaps.clear(), completed.clear();
    failAt = -1;
  }
  void snap(uint64_t id, const std::string& node, int64_t v) {
    std::lock_guard l(mutex);
    if (id) snaps[id][node] = v;
  }
};
Observed g;

// Emits v = next.. in batches of `batch`; `delay_us` between batches; its position is its state.
class SeqSource final : public SourceNode {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
    id_ = cfg.id();
    count_ = cfg.getInt("count");
    batch_ = cfg.getInt("batch");
    delayUs_ = cfg.getInt("delay_us");
    base_ = cfg.getInt("base");
    slot_ = plan.slotTable().intern("v");
  }
  Poll poll(Emitter& out) override {
    if (count_ > 0 && next_ >= count_) return Poll::Done;
    if (delayUs_) std::this_thread::sleep_for(std::chrono::microseconds(delayUs_));
    Batch* b = out.acquire();
    const int64_t n = std::min<int64_t>(
        batch_, static_cast<int64_t>(std::min<uint64_t>(out.budget(), INT64_MAX)));
    for (int64_t k = 0; k < n && (count_ == 0 || next_ < count_); ++k) {
      uint32_t r = b->append();
      Value v = Value::integer(base_ + next_++);
      v.flags = kOwned;
      b->at(slot_, r) = v;
    }
    out.emit(0, b);
    return Poll::Produced;
  }
  bool hasState() const override { return true; }
  void snapshotState(uint64_t id, StateWriter& w) override {
    w.i64(next_);
    g.snap(id, id_, next_);
  }
  void restoreState(StateReader& r) override {
    next_ = r.i64();
    r.expectEnd();
  }
  void notifyCheckpointComplete(uint64_t id) override {
    std::lock_guard l(g.mutex);
    g.completed.push_back(id);
  }

 private:
  std::string id_;
  int64_t count_ = 0, batch_ = 1, delayUs_ = 0, base_ = 0, next_ = 0;
  uint32_t slot_ = 0;
};

// Two inputs on its own thread; counts what came through each input (its state).
class CountingUnion final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext&) override { id_ = cfg.id(); }
  void process(int port, Batch* b, Emitter& out) override {
    counts_[port] += b->size();
    out.emit(0, b);
  }
  bool hasState() const override { return true; }
  void snapshotState(uint64_t id, StateWriter& w) override {
    w.i64(counts_[0]);
    w.i64(counts_[1]);
    g.snap(id, id_ + ".a", counts_[0]);
    g.snap(id, id_ + ".b", counts_[1]);
  }
  void restoreState(StateReader& r) override {
    counts_[0] = r.i64();
    counts_[1] = r.i64();
  }

 private:
  std::string id_;
  int64_t counts_[2] = {0, 0};
};

// Appends v to g.values; its state is how many values it holds, and a restore cuts g.values
// back to that (as file.sink truncates its file).
class DurableSink final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
    id_ = cfg.id();
    slot_ = plan.slotTable().intern("v");
  }
  void process(int, Batch* b, Emitter& out) override {
    std::lock_guard l(g.mutex);
    for (uint32_t r = 0; r < b->size(); ++r) {
      const int64_t v = b->at(slot_, r).i;
      if (v == g.failAt) {
        g.failAt = -1;
        out.release(b);
        throw NodeFailure("value " + std::to_string(v) + " is poison");
      }
      g.values.push_back(v);
    }
    out.release(b);
  }
  bool hasState() const override { return true; }
  void snapshotState(uint64_t id, StateWriter& w) override {
    int64_t n;
    {
      std::lock_guard l(g.mutex);
      n = static_cast<int64_t>(g.values.size());
    }
    w.i64(n);
    g.snap(id, id_, n);
  }
  void restoreState(StateReader& r) override {
    const int64_t n = r.i64();
    std::lock_guard l(g.mutex);
    if (static_cast<int64_t>(g.values.size()) < n) throw NodeFailure("output lost");
    g.values.resize(static_cast<size_t>(n));
  }

 private:
  std::string id_;
  uint32_t slot_ = 0;
};

PropertySpec intProp(const char* name, int64_t def) {
  return makeProperty(name, PropKind::Integer, "test setting", def);
}

const NodeRegistry& registry() {
  static NodeRegistry r = [] {
    NodeRegistry reg;
    NodeSpec src;
    src.type = "seq";
    src.category = "Sources";
    src.outputs = {{"out", ""}};
    src.properties = {intProp("count", 0), intProp("batch", 16), intProp("delay_us", 0),
                      intProp("base", 0)};
    src.create = [] { return std::make_unique<SeqSource>(); };
    reg.add(src);
    NodeSpec uni;
    uni.type = "union";
    uni.category = "Transforms";
    uni.inputs = {{"a", ""}, {"b", ""}};
    uni.outputs = {{"out", ""}};
    uni.create = [] { return std::make_unique<CountingUnion>(); };
    reg.add(uni);
    NodeSpec sink;
    sink.type = "durable";
    sink.category = "Sinks";
    sink.inputs = {{"in", ""}};
    sink.create = [] { return std::make_unique<DurableSink>(); };
    reg.add(sink);
    return reg;
  }();
  return r;
}

Pipeline parse(const std::string& json) {
  LoadResult r = parsePipeline(json);
  if (!r.ok()) qFatal("test pipeline invalid: %s", r.diagnostics.format().c_str());
  Diagnostics d = validatePipeline(*r.pipeline, registry());
  if (d.hasErrors()) qFatal("test pipeline invalid: %s", d.format().c_str());
  return *r.pipeline;
}

const char* kChain = R"({"streamcanvas":1,"name":"chain","nodes":[
  {"id":"s","type":"seq","properties":{"count":0,"batch":16}},
  {"id":"k","type":"durable"}],
  "edges":[{"from":"s","to":"k"}]})";

std::vector<int64_t> iota(int64_t n) {
  std::vector<int64_t> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    v[static_cast<size_t>(i)] = i;
  return v;
}

Checkpoint sample() {
  Checkpoint c;
  c.id = 42;
  c.pipelineName = "p";
  c.graphHash = 0x1234;
  c.createdMs = 1700000000000;
  c.savepoint = true;
  c.parts = {{"src", std::string("\x01\x02\x03", 3)}, {"sink", "hello"}, {"empty", ""}};
  return c;
}

}  // namespace

class TestCheckpoints : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  int dirs_ = 0;
  std::string freshDir() { return tmp_.filePath(QString("c%1").arg(++dirs_)).toStdString(); }

  // Runs until `until` holds (then stops) or the input ends.
  std::unique_ptr<Execution> run(const Pipeline& p, RunOptions o,
                                 const std::function<bool()>& until = {}) {
    Diagnostics d;
    auto x = Execution::plan(p, registry(), o, d);
    if (!x) qFatal("plan failed: %s", d.format().c_str());
    x->start();
    if (until) {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (!until() && std::chrono::steady_clock::now() < deadline && !x->wait(1)) {
      }
      x->requestStop();
    }
    if (!x->wait(30'000)) qFatal("pipeline did not end in 30 s");
    return x;
  }

 private Q_SLOTS:
  void encodingRoundTrips() {
    Checkpoint c = sample();
    Checkpoint back = decodeCheckpoint(encodeCheckpoint(c));
    QCOMPARE(back.id, c.id);
    QCOMPARE(back.pipelineName, c.pipelineName);
    QCOMPARE(back.graphHash, c.graphHash);
    QCOMPARE(back.createdMs, c.createdMs);
    QVERIFY(back.savepoint && !back.finished);
    QCOMPARE(back.parts, c.parts);
  }

  void everyFlippedByteAndCutIsDetected() {
    const std::string image = encodeCheckpoint(sample());
    for (size_t i = 0; i < image.size(); ++i) {
      std::string bad = image;
      bad[i] = static_cast<char>(bad[i] ^ 0x20);
      QVERIFY_THROWS_EXCEPTION(StateError, decodeCheckpoint(bad));
    }
    for (size_t n = 0; n < image.size(); ++n)
      QVERIFY_THROWS_EXCEPTION(StateError, decodeCheckpoint(image.substr(0, n)));
  }

  void readerRefusesImpossibleCounts() {
    StateWriter w;
    w.u32(0xffffffff);  // a count no remaining bytes can hold
    StateReader r(w.data());
    QVERIFY_THROWS_EXCEPTION(StateError, r.count(1));
    StateReader r2(w.data());
    QVERIFY_THROWS_EXCEPTION(StateError, r2.str());
  }

  void storeKeepsThreeAndSkipsDamagedOnes() {
    CheckpointStore store(freshDir());
    Checkpoint c = sample();
    for (uint64_t id = 1; id <= 5; ++id) {
      c.id = id;
      QCOMPARE(QString::fromStdString(store.write(c)), QString());
    }
    QCOMPARE(store.ids(), (std::vector<uint64_t>{3, 4, 5}));
    for (const auto& e : std::filesystem::directory_iterator(store.dir()))
      QVERIFY2(e.path().extension() == ".sc", "a temporary file was left behind");
    QCOMPARE(store.loadLatest().checkpoint->id, uint64_t(5));
    {  // damage the newest: the previous one is used, with a warning
      std::fstream f(store.pathOf(5), std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(10);
      f.put('X');
    }
    auto loaded = store.loadLatest();
    QCOMPARE(loaded.checkpoint->id, uint64_t(4));
    QCOMPARE(loaded.warnings.size(), size_t(1));
    QVERIFY(loaded.warnings[0].find("chk-5.sc") != std::string::npos);
    std::filesystem::resize_file(store.pathOf(4), 20);  // cut short
    loaded = store.loadLatest();
    QCOMPARE(loaded.checkpoint->id, uint64_t(3));
    QCOMPARE(loaded.warnings.size(), size_t(2));
    QVERIFY(store.removeAll().empty());
    QVERIFY(store.ids().empty());
    QVERIFY(!store.loadLatest().checkpoint);
  }

  // A finished run's record goes in first and stays: the checkpoints go after it, and only
  // removeAll (--fresh) removes the record, after the checkpoints.
  void finishedRunIsRecordedBeforeTheCheckpointsGo() {
    CheckpointStore store(freshDir());
    QVERIFY(!store.finishedRun());
    Checkpoint c = sample();
    for (uint64_t id = 1; id <= 2; ++id) {
      c.id = id;
      QCOMPARE(QString::fromStdString(store.write(c)), QString());
    }
    const CheckpointStore::FinishedRun run{"line\nbreak", 0xfeedfacecafebeefull, 2, 1780000000123};
    QCOMPARE(QString::fromStdString(store.markFinished(run)), QString());
    QVERIFY(store.ids().empty());
    auto got = store.finishedRun();
    QVERIFY(got);
    QCOMPARE(QString::fromStdString(got->pipelineName), QString("line break"));
    QCOMPARE(got->graphHash, run.graphHash);
    QCOMPARE(got->lastCheckpoint, uint64_t(2));
    QCOMPARE(got->finishedMs, run.finishedMs);
    for (const auto& e : std::filesystem::directory_iterator(store.dir()))
      QCOMPARE(QString::fromStdString(e.path().filename().string()), QString("finished"));
    // A checkpoint left by an interrupted removal goes; the record stays.
    QCOMPARE(QString::fromStdString(store.write(c)), QString());
    QCOMPARE(QString::fromStdString(store.removeCheckpoints()), QString());
    QVERIFY(store.ids().empty());
    QVERIFY(store.finishedRun());
    // A damaged record still says "finished", with nothing else known.
    {
      std::ofstream f(store.dir() + "/finished", std::ios::trunc);
      f << "graph=12x\ncheckpoint=99999999999999999999999\n\xff=";
    }
    got = store.finishedRun();
    QVERIFY(got);
    QCOMPARE(got->graphHash, uint64_t(0));
    QCOMPARE(got->lastCheckpoint, uint64_t(0));
    QVERIFY(store.removeAll().empty());
    QVERIFY(!store.finishedRun());
  }

  // With unaligned barriers, the union would count records of the fast input that came after
  // the barrier while it waited for the slow one, and its counts would not match the sources'
  // positions in the same checkpoint.
  void snapshotsAreConsistentAcrossAUnion() {
    g.reset();
    Pipeline p = parse(R"({"streamcanvas":1,"name":"u","nodes":[
      {"id":"fast","type":"seq","properties":{"count":60000,"batch":7}},
      {"id":"slow","type":"seq","properties":{"count":6000,"batch":13,"delay_us":300,
                                              "base":1000000}},
      {"id":"u","type":"union"},
      {"id":"k","type":"durable"}],
      "edges":[{"from":"fast","to":"u:a"},{"from":"slow","to":"u:b"},{"from":"u","to":"k"}]})");
    RunOptions o;
    o.checkpoints.intervalMs = 2;
    o.queueCapacity = 4;
    auto x = run(p, o);
    QVERIFY(x->result().ok);
    QVERIFY(x->result().finished);
    std::lock_guard l(g.mutex);
    int checked = 0;
    for (const auto& [id, s] : g.snaps) {
      if (!s.count("k") || !s.count("u.a") || !s.count("fast") || !s.count("slow")) continue;
      QCOMPARE(s.at("u.a"), s.at("fast"));
      QCOMPARE(s.at("u.b"), s.at("slow"));
      QCOMPARE(s.at("k"), s.at("fast") + s.at("slow"));
      ++checked;
    }
    QVERIFY2(checked >= 5, qPrintable(QString("only %1 checkpoints were taken").arg(checked)));
    QCOMPARE(g.values.size(), size_t(66000));
  }

  void savepointThenRestoreContinuesExactly() {
    g.reset();
    Pipeline p = parse(kChain);
    RunOptions o;
    o.checkpoints.intervalMs = 5;
    o.checkpoints.dir = freshDir();
    o.stopMode = StopMode::Savepoint;
    CheckpointStore store(o.checkpoints.dir);
    int64_t target = 0;
    for (int round = 0; round < 3; ++round) {
      auto latest = store.loadLatest();
      if (round > 0) {
        QVERIFY(latest.checkpoint);
        QVERIFY(latest.checkpoint->savepoint);
        o.checkpoints.restore = std::make_shared<Checkpoint>(*latest.checkpoint);
      }
      target += 20000;
      auto x = run(p, o, [&] {
        std::lock_guard l(g.mutex);
        return static_cast<int64_t>(g.values.size()) >= target;
      });
      QVERIFY(x->result().ok);
      QVERIFY(!x->result().finished);
      QVERIFY(x->checkpointStats().lastWasSavepoint);
    }
    std::lock_guard l(g.mutex);
    QVERIFY(static_cast<int64_t>(g.values.size()) >= target);
    QCOMPARE(g.values, iota(static_cast<int64_t>(g.values.size())));
  }

  void failureRestoresFromTheLastCheckpoint() {
    g.reset();
    Pipeline p = parse(R"({"streamcanvas":1,"name":"f","nodes":[
      {"id":"s","type":"seq","properties":{"count":200000,"batch":16}},
      {"id":"k","type":"durable"}],
      "edges":[{"from":"s","to":"k"}]})");
    RunOptions o;
    o.checkpoints.intervalMs = 1;
    o.checkpoints.dir = freshDir();
    g.failAt = 150000;
    auto x = run(p, o);
    QVERIFY(!x->result().ok);
    QCOMPARE(QString::fromStdString(x->result().failedNode), QString("k"));
    CheckpointStore store(o.checkpoints.dir);
    auto latest = store.loadLatest();
    QVERIFY2(latest.checkpoint, "no checkpoint completed before the failure");
    {
      std::lock_guard l(g.mutex);
      // The sink wrote past the checkpoint before failing: those values will be written again.
      QVERIFY(g.values.size() > 0);
    }
    o.checkpoints.restore = std::make_shared<Checkpoint>(*latest.checkpoint);
    x = run(p, o);
    QVERIFY(x->result().ok);
    QVERIFY(x->result().finished);
    std::lock_guard l(g.mutex);
    QCOMPARE(g.values, iota(200000));
  }

  void maxRecordsCheckpointCoversExactlyWhatEntered() {
    g.reset();
    Pipeline p = parse(kChain);
    RunOptions o;
    o.checkpoints.dir = freshDir();
    o.stopMode = StopMode::Savepoint;
    o.maxRecords = 1000;
    auto x = run(p, o);
    QVERIFY(x->result().ok);
    auto latest = CheckpointStore(o.checkpoints.dir).loadLatest();
    QVERIFY(latest.checkpoint && latest.checkpoint->savepoint);
    StateReader r(*latest.checkpoint->part("s"));
    QCOMPARE(r.i64(), int64_t(1000));
    std::lock_guard l(g.mutex);
    QCOMPARE(g.values, iota(1000));
  }

  void changedGraphIsRefusedUnlessAllowed() {
    g.reset();
    Pipeline p = parse(kChain);
    RunOptions o;
    o.checkpoints.dir = freshDir();
    o.stopMode = StopMode::Savepoint;
    o.maxRecords = 100;
    run(p, o);
    auto latest = CheckpointStore(o.checkpoints.dir).loadLatest();
    QVERIFY(latest.checkpoint);
    QCOMPARE(latest.checkpoint->graphHash, Execution::graphHash(p));
    Pipeline changed = p;
    changed.nodes[0].properties["batch"] = 32;
    QVERIFY(Execution::graphHash(changed) != Execution::graphHash(p));
    Pipeline moved = p;  // positions and the name are not part of the graph
    moved.name = "renamed";
    moved.nodes[0].ui = Json{{"x", 500}, {"y", 9}};
    QCOMPARE(Execution::graphHash(moved), Execution::graphHash(p));
    o.maxRecords = 0;
    o.checkpoints.restore = std::make_shared<Checkpoint>(*latest.checkpoint);
    Diagnostics d;
    QVERIFY(!Execution::plan(changed, registry(), o, d));
    QVERIFY(d.format().find("different graph") != std::string::npos);
    QVERIFY(d.format().find("--allow-changed-graph") != std::string::npos);
    o.checkpoints.allowChangedGraph = true;
    Diagnostics d2;
    QVERIFY(Execution::plan(changed, registry(), o, d2));
  }

  void restartDelaysFollowTheStrategy() {
    RestartStrategy r;  // the default: exponential, 5 attempts, 1 s doubling up to 1 min
    QCOMPARE(r.delayBefore(1), int64_t(1000));
    QCOMPARE(r.delayBefore(2), int64_t(2000));
    QCOMPARE(r.delayBefore(5), int64_t(16000));
    QCOMPARE(r.delayBefore(6), int64_t(-1));
    r.attempts = 10;
    QCOMPARE(r.delayBefore(8), int64_t(60000));  // capped at max_delay
    PipelineSettings s = readSettings(
        Json{{"restart", {{"strategy", "fixed_delay"}, {"attempts", 2}, {"delay", "250ms"}}},
             {"delivery", "exactly_once"},
             {"checkpoint_interval", "500ms"}});
    QVERIFY(s.exactlyOnce);
    QCOMPARE(s.checkpointIntervalMs, int64_t(500));
    QCOMPARE(s.restart.delayBefore(2), int64_t(250));
    QCOMPARE(s.restart.delayBefore(3), int64_t(-1));
    QCOMPARE(readSettings(Json{{"restart", {{"strategy", "none"}}}}).restart.delayBefore(1),
             int64_t(-1));
    Diagnostics d;
    validateSettings(Json{{"restart", {{"strategy", "sometimes"}, {"delay", "soon"}}},
                          {"delivery", "twice"},
                          {"checkpoint_intervall", "1s"}},
                     d);
    const std::string text = d.format();
    QVERIFY2(text.find("/settings/restart/strategy") != std::string::npos, text.c_str());
    QVERIFY2(text.find("/settings/restart/delay") != std::string::npos, text.c_str());
    QVERIFY2(text.find("/settings/delivery") != std::string::npos, text.c_str());
    QVERIFY2(text.find("did you mean 'checkpoint_interval'") != std::string::npos, text.c_str());
  }

  void damagedNodeStateFailsTheRestoreWithTheNode() {
    g.reset();
    Pipeline p = parse(kChain);
    RunOptions o;
    auto c = std::make_shared<Checkpoint>();
    c->id = 7;
    c->graphHash = Execution::graphHash(p);
    c->parts = {{"s", "abc"}, {"k", std::string(8, '\0')}};  // "s" is cut short
    o.checkpoints.restore = c;
    auto x = run(p, o);
    QVERIFY(!x->result().ok);
    QVERIFY(x->result().restoreFailed);
    QCOMPARE(QString::fromStdString(x->result().failedNode), QString("s"));
    QVERIFY(x->result().message.find("checkpoint 7") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestCheckpoints)
#include "tst_checkpoints.moc"
