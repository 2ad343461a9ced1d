// The executor with purpose-built test nodes: delivery, fusion, fan-out copies, back-pressure,
// in-band watermarks (minimum over inputs), barriers and acknowledgements, end of input, failure,
// --max-records and stop.
#include <QElapsedTimer>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Breakpoint.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/Planner.h"

using namespace sc;

namespace {

// Shared observations of one test run (test nodes write, the test reads after wait()).
struct Observed {
  std::mutex mutex;
  std::vector<int64_t> values;           // "v" of every record reaching a collect sink, in order
  std::vector<int64_t> watermarks;       // watermarks seen by collect sinks
  std::vector<uint64_t> barriers;        // checkpoint ids seen by collect sinks
  std::vector<uint64_t> completed;       // checkpoint ids completed at sources
  std::vector<std::thread::id> threads;  // thread of each process() call, per node kind
  int finishes = 0;
  int acquired = 0;  // Node::acquire calls (resources outside the process)
  void reset() {
    std::lock_guard l(mutex);
    values.clear(), watermarks.clear(), barriers.clear(), completed.clear(), threads.clear();
    finishes = acquired = 0;
  }
};
Observed g;

// Emits "v" = 0..count-1 in batches of `batch`, watermark = v after each batch when `wm`.
class CountSource final : public SourceNode {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
    count_ = cfg.getInt("count");
    batch_ = cfg.getInt("batch");
    watermarks_ = cfg.getBool("wm");
    holdMs_ = cfg.getInt("hold_ms");
    slot_ = plan.slotTable().intern("v");
  }
  SourceNode::Poll poll(Emitter& out) override {
    if (count_ > 0 && next_ >= count_) {
      // hold_ms: stay live (idle) that long after the last record before ending.
      if (holdMs_ == 0) return Poll::Done;
      if (heldSince_ == std::chrono::steady_clock::time_point{})
        heldSince_ = std::chrono::steady_clock::now();
      return std::chrono::steady_clock::now() - heldSince_ >= std::chrono::milliseconds(holdMs_)
                 ? Poll::Done
                 : Poll::Idle;
    }
    Batch* b = out.acquire();
    for (int64_t k = 0; k < batch_ && (count_ == 0 || next_ < count_); ++k) {
      uint32_t r = b->append();
      Value v = Value::integer(next_++);
      v.flags = kOwned;
      b->at(slot_, r) = v;
    }
    out.emit(0, b);
    if (watermarks_) out.emitWatermark(next_ - 1);
    return Poll::Produced;
  }
  bool hasState() const override { return true; }
  void notifyCheckpointComplete(uint64_t id) override {
    std::lock_guard l(g.mutex);
    g.completed.push_back(id);
  }

 private:
  int64_t count_ = 0, batch_ = 1, next_ = 0, holdMs_ = 0;
  std::chrono::steady_clock::time_point heldSince_{};
  bool watermarks_ = false;
  uint32_t slot_ = 0;
};

// Stateless: adds `add` to v; throws when v == fail_at.
class AddNode final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
    add_ = cfg.getInt("add");
    failAt_ = cfg.getInt("fail_at");
    slot_ = plan.slotTable().intern("v");
  }
  void process(int, Batch* b, Emitter& out) override {
    {
      std::lock_guard l(g.mutex);
      g.threads.push_back(std::this_thread::get_id());
    }
    for (uint32_t r = 0; r < b->size(); ++r) {
      if (b->at(slot_, r).i == failAt_)
        throw NodeFailure("value " + std::to_string(failAt_) + " is poison");
      b->at(slot_, r).i += add_;
    }
    out.emit(0, b);
  }

 private:
  int64_t add_ = 0, failAt_ = -1;
  uint32_t slot_ = 0;
};

// Two inputs, stateful (own thread): forwards everything; watermarks arrive combined.
class UnionNode final : public Node {
 public:
  void configure(const NodeConfig&, PlanContext&) override {}
  void process(int, Batch* b, Emitter& out) override { out.emit(0, b); }
};

class CollectSink final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
    slot_ = plan.slotTable().intern("v");
    delayUs_ = cfg.getInt("delay_us");
  }
  void process(int, Batch* b, Emitter& out) override {
    if (delayUs_) std::this_thread::sleep_for(std::chrono::microseconds(delayUs_));
    {
      std::lock_guard l(g.mutex);
      for (uint32_t r = 0; r < b->size(); ++r)
        g.values.push_back(b->at(slot_, r).i);
    }
    out.release(b);
  }
  void onWatermark(int64_t wm, Emitter&) override {
    std::lock_guard l(g.mutex);
    g.watermarks.push_back(wm);
  }
  void onBarrier(uint64_t id, Emitter&) override {
    std::lock_guard l(g.mutex);
    g.barriers.push_back(id);
  }
  void finish(Emitter&) override {
    std::lock_guard l(g.mutex);
    ++g.finishes;
  }

 private:
  uint32_t slot_ = 0;
  int64_t delayUs_ = 0;
};

// A sink that holds an outside resource: configure() checks its password (a plan-time check the
// spec cannot express), acquire() would log in.
class ResourceSink final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext&) override {
    const std::string password = cfg.getString("password");
    if (password.size() < 8) throw NodeFailure("password '" + password + "' is too short");
  }
  void acquire(PlanContext&) override {
    std::lock_guard l(g.mutex);
    ++g.acquired;
  }
  void process(int, Batch* b, Emitter& out) override { out.release(b); }
};

PropertySpec intProp(const char* name, int64_t def) {
  PropertySpec p;
  p.name = name;
  p.kind = PropKind::Integer;
  p.defaultValue = def;
  return p;
}

const NodeRegistry& testRegistry() {
  static NodeRegistry r = [] {
    NodeRegistry reg;
    NodeSpec src;
    src.type = "count";
    src.category = "Sources";
    src.outputs = {{"out", ""}};
    PropertySpec wm;
    wm.name = "wm";
    wm.kind = PropKind::Boolean;
    wm.defaultValue = false;
    src.properties = {intProp("count", 10), intProp("batch", 1), wm, intProp("hold_ms", 0)};
    src.create = [] { return std::make_unique<CountSource>(); };
    reg.add(src);
    NodeSpec add;
    add.type = "add";
    add.category = "Transforms";
    add.inputs = {{"in", ""}};
    add.outputs = {{"out", ""}};
    add.properties = {intProp("add", 0), intProp("fail_at", -1)};
    add.stateless = true;
    add.create = [] { return std::make_unique<AddNode>(); };
    reg.add(add);
    NodeSpec uni;
    uni.type = "union";
    uni.category = "Transforms";
    uni.inputs = {{"a", ""}, {"b", ""}};
    uni.outputs = {{"out", ""}};
    uni.create = [] { return std::make_unique<UnionNode>(); };
    reg.add(uni);
    NodeSpec sink;
    sink.type = "collect";
    sink.category = "Sinks";
    sink.inputs = {{"in", ""}};
    sink.properties = {intProp("delay_us", 0)};
    sink.create = [] { return std::make_unique<CollectSink>(); };
    reg.add(sink);
    NodeSpec resource;
    resource.type = "resource";
    resource.category = "Sinks";
    resource.inputs = {{"in", ""}};
    PropertySpec password;
    password.name = "password";
    password.secret = true;
    resource.properties = {password};
    resource.create = [] { return std::make_unique<ResourceSink>(); };
    reg.add(resource);
    return reg;
  }();
  return r;
}

Pipeline parse(const char* json) {
  LoadResult r = parsePipeline(json);
  if (!r.ok()) qFatal("test pipeline invalid: %s", r.diagnostics.format().c_str());
  Diagnostics d = validatePipeline(*r.pipeline, testRegistry());
  if (d.hasErrors()) qFatal("test pipeline invalid: %s", d.format().c_str());
  return *r.pipeline;
}

std::unique_ptr<Execution> runToEnd(const Pipeline& p, RunOptions o = {}) {
  g.reset();
  Diagnostics d;
  auto run = Execution::plan(p, testRegistry(), o, d);
  if (!run) qFatal("plan failed: %s", d.format().c_str());
  run->start();
  if (!run->wait(30'000)) qFatal("pipeline did not finish in 30 s");
  return run;
}

std::vector<int64_t> iota(int64_t from, int64_t n) {
  std::vector<int64_t> v;
  for (int64_t i = 0; i < n; ++i)
    v.push_back(from + i);
  return v;
}

}  // namespace

class TestExecutor : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void checkingMakesThePlanChecksAndAcquiresNothing() {
    const char* text = R"({"streamcanvas":1,"name":"r","nodes":[
      {"id":"s","type":"count"},{"id":"db","type":"resource","properties":{"password":"${PW}"}}],
      "edges":[{"from":"s","to":"db"}]})";
    LoadResult loaded = parsePipeline(text);
    QVERIFY(loaded.ok());
    std::string password = "hunter2";
    EnvLookup env = [&](const std::string& name) -> std::optional<std::string> {
      if (name == "PW") return password;
      return std::nullopt;
    };
    // A plan-time failure: the same message whether checked or run, the secret masked.
    g.reset();
    PlannedPipeline checked =
        planPipeline(*loaded.pipeline, testRegistry(), PlanPurpose::Check, env);
    PlannedPipeline run = planPipeline(*loaded.pipeline, testRegistry(), PlanPurpose::Run, env);
    QVERIFY(!checked.ok());
    QCOMPARE(QString::fromStdString(checked.diagnostics.format()),
             QString("error: node 'db' at /nodes/1: password '***' is too short\n"));
    QCOMPARE(QString::fromStdString(run.diagnostics.format()),
             QString::fromStdString(checked.diagnostics.format()));
    QVERIFY(!run.execution);
    QCOMPARE(g.acquired, 0);

    // A good pipeline: checking acquires nothing and builds no execution; a run does both.
    password = "correct horse";
    checked = planPipeline(*loaded.pipeline, testRegistry(), PlanPurpose::Check, env);
    QVERIFY2(checked.ok(), checked.diagnostics.format().c_str());
    QVERIFY(!checked.execution);
    QCOMPARE(g.acquired, 0);
    run = planPipeline(*loaded.pipeline, testRegistry(), PlanPurpose::Run, env);
    QVERIFY2(run.ok(), run.diagnostics.format().c_str());
    QVERIFY(run.execution);
    QCOMPARE(g.acquired, 1);
    QCOMPARE(run.secrets, std::vector<std::string>{"correct horse"});

    // Substitution problems come first, as before.
    password.clear();
    EnvLookup none = [](const std::string&) { return std::optional<std::string>(); };
    checked = planPipeline(*loaded.pipeline, testRegistry(), PlanPurpose::Check, none);
    QVERIFY(!checked.ok());
    QVERIFY2(checked.diagnostics.format().find("PW") != std::string::npos,
             checked.diagnostics.format().c_str());
  }

  void deliversInOrderThroughFusedChain() {
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":5000,"batch":7}},
      {"id":"a","type":"add","properties":{"add":1}},
      {"id":"b","type":"add","properties":{"add":10}},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"s","to":"a"},{"from":"a","to":"b"},{"from":"b","to":"k"}]})");
    auto run = runToEnd(p);
    QVERIFY(run->result().ok);
    QCOMPARE(g.values, iota(11, 5000));
    QCOMPARE(g.finishes, 1);
    QCOMPARE(run->threadCount(), size_t(2));  // s+a+b fused, k on its own
    auto m = run->metrics();
    QCOMPARE(m[0]->recordsOut.get(), uint64_t(5000));
    QCOMPARE(m[3]->recordsIn.get(), uint64_t(5000));
  }

  void withoutFusionEveryNodeHasAThread() {
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":3000,"batch":5}},
      {"id":"a","type":"add","properties":{"add":1}},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"s","to":"a"},{"from":"a","to":"k"}]})");
    RunOptions o;
    o.fuse = false;
    o.queueCapacity = 2;
    auto run = runToEnd(p, o);
    QCOMPARE(run->threadCount(), size_t(3));
    QCOMPARE(g.values, iota(1, 3000));
  }

  void fanOutCopiesBatches() {
    // One output wired to two branches that modify records differently: each sees its own copy.
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":100,"batch":10}},
      {"id":"a","type":"add","properties":{"add":1000}},
      {"id":"b","type":"add","properties":{"add":2000}},
      {"id":"u","type":"union"},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"s","to":"a"},{"from":"s","to":"b"},{"from":"a","to":"u:a"},{"from":"b","to":"u:b"},
               {"from":"u","to":"k"}]})");
    auto run = runToEnd(p);
    QVERIFY(run->result().ok);
    std::vector<int64_t> got = g.values;
    std::sort(got.begin(), got.end());
    std::vector<int64_t> want = iota(1000, 100);
    auto second = iota(2000, 100);
    want.insert(want.end(), second.begin(), second.end());
    QCOMPARE(got, want);
  }

  void tapSeesEveryRecordLeavingAPort() {
    // A tap on a's output sees exactly what leaves a (before b changes it), across batches, and
    // an unknown node or port is refused.
    struct Tap final : TapSink {
      std::mutex mutex;
      std::vector<int64_t> values;
      void onBatch(const Batch& batch, const SlotTable& slots) override {
        const uint32_t v = slots.find("v");
        std::lock_guard l(mutex);
        for (uint32_t r = 0; r < batch.size(); ++r)
          values.push_back(batch.at(v, r).i);
      }
    };
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":3000,"batch":7}},
      {"id":"a","type":"add","properties":{"add":1}},
      {"id":"b","type":"add","properties":{"add":10}},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"s","to":"a"},{"from":"a","to":"b"},{"from":"b","to":"k"}]})");
    g.reset();
    Diagnostics d;
    auto run = Execution::plan(p, testRegistry(), {}, d);
    QVERIFY(run);
    auto tap = std::make_shared<Tap>();
    QVERIFY(run->setTap("a", "out", tap));
    QVERIFY(!run->setTap("a", "nope", tap));
    QVERIFY(!run->setTap("zz", "", tap));
    QCOMPARE(run->runSeconds(), 0.0);
    QElapsedTimer clock;
    clock.start();
    run->start();
    QVERIFY(run->wait(30'000));
    // The engine's own length of the run: set once wait() returns, within what the caller saw.
    const double seconds = run->runSeconds();
    QVERIFY2(seconds > 0 && seconds <= double(clock.nsecsElapsed()) / 1e9,
             qPrintable(QString::number(seconds)));
    QVERIFY(run->result().ok);
    QCOMPARE(tap->values, iota(1, 3000));
    QCOMPARE(g.values, iota(11, 3000));
    // Detached, it sees nothing more (a second run of the same plan is not possible, so detach
    // before start on a fresh plan).
    g.reset();
    auto again = Execution::plan(p, testRegistry(), {}, d);
    auto unused = std::make_shared<Tap>();
    QVERIFY(again->setTap("a", "", unused));
    QVERIFY(again->setTap("a", "", nullptr));
    again->start();
    QVERIFY(again->wait(30'000));
    QVERIFY(unused->values.empty());
    QCOMPARE(g.values, iota(11, 3000));

    // A sink added beside the tap (a fixture recorder) sees every batch however the tap
    // changes, and a tap set later does not displace it; removed, a sink sees nothing.
    g.reset();
    auto both = Execution::plan(p, testRegistry(), {}, d);
    auto recorder = std::make_shared<Tap>(), first = std::make_shared<Tap>(),
         second = std::make_shared<Tap>(), removed = std::make_shared<Tap>();
    QVERIFY(both->setTap("a", "out", first));
    QVERIFY(both->addTap("a", "out", recorder));
    QVERIFY(!both->addTap("a", "nope", recorder));
    QVERIFY(both->setTap("a", "out", second));  // replaces `first` only
    QVERIFY(both->setTap("a", "out", nullptr));
    QVERIFY(both->setTap("a", "out", second));
    QVERIFY(both->addTap("a", "out", removed));
    QVERIFY(both->removeAddedTap("a", "out", removed.get()));
    both->start();
    QVERIFY(both->wait(30'000));
    QCOMPARE(recorder->values, iota(1, 3000));
    QCOMPARE(second->values, iota(1, 3000));
    QVERIFY(first->values.empty());
    QVERIFY(removed->values.empty());
  }

  void backPressureLosesNothing() {
    // A slow sink behind a 1-batch queue: the source must wait, and every record arrives.
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":2000,"batch":100}},
      {"id":"k","type":"collect","properties":{"delay_us":2000}}],
      "edges":[{"from":"s","to":"k"}]})");
    RunOptions o;
    o.queueCapacity = 1;
    auto run = runToEnd(p, o);
    QCOMPARE(g.values, iota(0, 2000));
  }

  void watermarkIsMinimumOverInputs() {
    // Source a reaches 999, source b only 9 and stays live 500 ms longer: the union's combined
    // watermark never passes b's while b is live.
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"a","type":"count","properties":{"count":1000,"batch":50,"wm":true}},
      {"id":"b","type":"count","properties":{"count":10,"batch":1,"wm":true,"hold_ms":500}},
      {"id":"u","type":"union"},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"a","to":"u:a"},{"from":"b","to":"u:b"},{"from":"u","to":"k"}]})");
    auto run = runToEnd(p);
    QVERIFY(!g.watermarks.empty());
    for (size_t i = 1; i < g.watermarks.size(); ++i)
      QVERIFY(g.watermarks[i] > g.watermarks[i - 1]);
    // While both inputs are live the minimum rules: b (at most 9) holds a (999) back, and a ends
    // first, so nothing past 9 is ever seen.
    QVERIFY(g.watermarks.front() <= 9);
    QCOMPARE(g.watermarks.back(), int64_t(9));
  }

  void barriersReachSinksAndCompleteAtSource() {
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":3000,"batch":10}},
      {"id":"a","type":"add"},
      {"id":"k","type":"collect","properties":{"delay_us":200}}],
      "edges":[{"from":"s","to":"a"},{"from":"a","to":"k"}]})");
    RunOptions o;
    o.checkpoints.intervalMs = 1;
    auto run = runToEnd(p, o);
    QVERIFY(run->result().ok);
    QVERIFY(!g.barriers.empty());
    QVERIFY(!g.completed.empty());
    // Barrier ids are global and increase; completions follow them, and the last checkpoint
    // (taken after end of input, without a barrier) completes after every barrier.
    for (size_t i = 1; i < g.barriers.size(); ++i)
      QVERIFY(g.barriers[i] > g.barriers[i - 1]);
    for (size_t i = 1; i < g.completed.size(); ++i)
      QVERIFY(g.completed[i] > g.completed[i - 1]);
    QVERIFY(g.completed.back() > g.barriers.back());
    QCOMPARE(run->result().lastCheckpoint, g.completed.back());
    QVERIFY(run->result().finished);
  }

  void failureNamesTheNodeAndStopsEverything() {
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":0,"batch":10}},
      {"id":"bad","type":"add","properties":{"fail_at":500}},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"s","to":"bad"},{"from":"bad","to":"k"}]})");
    auto run = runToEnd(p);
    RunResult r = run->result();
    QVERIFY(!r.ok);
    QCOMPARE(QString::fromStdString(r.failedNode), QString("bad"));
    QVERIFY(r.message.find("poison") != std::string::npos);
  }

  void maxRecordsStopsSourcesExactly() {
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"a","type":"count","properties":{"count":0,"batch":64}},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"a","to":"k"}]})");
    RunOptions o;
    o.maxRecords = 1000;
    auto run = runToEnd(p, o);
    QVERIFY(run->result().ok);
    QCOMPARE(g.values, iota(0, 1000));
  }

  void requestStopDrainsUnboundedSource() {
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"a","type":"count","properties":{"count":0,"batch":16}},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"a","to":"k"}]})");
    g.reset();
    Diagnostics d;
    auto run = Execution::plan(p, testRegistry(), {}, d);
    QVERIFY(run);
    run->start();
    QTRY_VERIFY_WITH_TIMEOUT(run->sourceRecords() > 10000, 20000);
    run->requestStop();
    QVERIFY(run->wait(20000));
    QVERIFY(run->result().ok);
    // Everything the source emitted reached the sink, in order.
    QCOMPARE(static_cast<uint64_t>(g.values.size()), run->sourceRecords());
    QCOMPARE(g.values, iota(0, static_cast<int64_t>(g.values.size())));
    QCOMPARE(g.finishes, 1);
  }

  void breakpointHoldsMatchesAndStepsOneRecord() {
    // A breakpoint on a's output holding v == 20 and v == 2001 (a adds 1 to 0..2999, batches of
    // 7): the records before a held one reach the sink, nothing after it; Step passes exactly
    // one record, Continue runs to the next match; the tap sees what passes, as it passes.
    struct Holds final : Breakpoint {
      std::atomic<int64_t> held{-1};
      int64_t firstMatch(const Batch& batch, uint32_t from, bool, const SlotTable& slots) override {
        const uint32_t v = slots.find("v");
        for (uint32_t r = from; r < batch.size(); ++r)
          if (batch.at(v, r).i == 20 || batch.at(v, r).i == 2001) return r;
        return -1;
      }
      void onHold(const Batch& batch, uint32_t row, const SlotTable& slots) override {
        held = batch.at(slots.find("v"), row).i;
      }
    };
    struct Tap final : TapSink {
      std::mutex mutex;
      std::vector<int64_t> values;
      void onBatch(const Batch& batch, const SlotTable& slots) override {
        std::lock_guard l(mutex);
        for (uint32_t r = 0; r < batch.size(); ++r)
          values.push_back(batch.at(slots.find("v"), r).i);
      }
      size_t size() {
        std::lock_guard l(mutex);
        return values.size();
      }
    };
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":3000,"batch":7}},
      {"id":"a","type":"add","properties":{"add":1}},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"s","to":"a"},{"from":"a","to":"k"}]})");
    g.reset();
    Diagnostics d;
    auto run = Execution::plan(p, testRegistry(), {}, d);
    QVERIFY(run);
    auto bp = std::make_shared<Holds>();
    auto tap = std::make_shared<Tap>();
    QVERIFY(run->setBreakpoint("a", "out", bp));
    QVERIFY(!run->setBreakpoint("a", "nope", bp));
    QVERIFY(run->setTap("a", "out", tap));
    auto received = [] {
      std::lock_guard l(g.mutex);
      return g.values.size();
    };
    run->start();
    QTRY_VERIFY_WITH_TIMEOUT(bp->paused(), 20000);
    QCOMPARE(bp->held.load(), int64_t(20));
    QTRY_COMPARE(received(), size_t(19));  // 1..19
    QCOMPARE(tap->size(), size_t(19));
    QTest::qWait(100);  // held: nothing more moves
    QCOMPARE(received(), size_t(19));
    bp->step();
    QTRY_VERIFY(bp->paused() && bp->held == 21);
    QTRY_COMPARE(received(), size_t(20));
    QCOMPARE(tap->size(), size_t(20));
    // Held by the step, not by the condition: no hit.
    QVERIFY(bp->heldByStep());
    QCOMPARE(bp->hits(), uint64_t(1));
    bp->resume();
    QTRY_VERIFY(bp->paused() && bp->held == 2001);
    QVERIFY(!bp->heldByStep());
    QCOMPARE(bp->hits(), uint64_t(2));
    QTRY_COMPARE(received(), size_t(2000));
    bp->resume();
    QVERIFY(run->wait(30'000));
    QVERIFY(run->result().ok);
    QCOMPARE(g.values, iota(1, 3000));
    QCOMPARE(tap->values, iota(1, 3000));
    QCOMPARE(bp->hits(), uint64_t(2));
  }

  void breakpointStepsOneBatch() {
    // As above (batches of 7, a's records 1..3000: 15..21 is one batch), holding v == 20 and
    // v == 2001. Step Batch passes the held record and the rest of its batch and holds the next
    // batch's first record. Like the designer's condition, this one evaluates a batch once, when
    // told it is new: after a step held a first record without asking it, Continue must not
    // reuse the verdict of the batch before (it held 34 that way).
    struct Holds final : Breakpoint {
      std::atomic<int64_t> held{-1};
      std::vector<uint32_t> matches;  // rows of the current batch, evaluated once
      int64_t firstMatch(const Batch& batch, uint32_t from, bool firstInBatch,
                         const SlotTable& slots) override {
        if (firstInBatch) {
          matches.clear();
          const uint32_t v = slots.find("v");
          for (uint32_t r = 0; r < batch.size(); ++r)
            if (batch.at(v, r).i == 20 || batch.at(v, r).i == 2001) matches.push_back(r);
        }
        for (uint32_t r : matches)
          if (r >= from) return r;
        return -1;
      }
      void onHold(const Batch& batch, uint32_t row, const SlotTable& slots) override {
        held = batch.at(slots.find("v"), row).i;
      }
    };
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":3000,"batch":7}},
      {"id":"a","type":"add","properties":{"add":1}},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"s","to":"a"},{"from":"a","to":"k"}]})");
    g.reset();
    Diagnostics d;
    auto run = Execution::plan(p, testRegistry(), {}, d);
    QVERIFY(run);
    auto bp = std::make_shared<Holds>();
    QVERIFY(run->setBreakpoint("a", "out", bp));
    auto received = [] {
      std::lock_guard l(g.mutex);
      return g.values.size();
    };
    run->start();
    QTRY_VERIFY_WITH_TIMEOUT(bp->paused(), 20000);
    QCOMPARE(bp->held.load(), int64_t(20));
    QTRY_COMPARE(received(), size_t(19));
    bp->stepBatch();
    QTRY_VERIFY(bp->paused() && bp->held == 22);
    QTRY_COMPARE(received(), size_t(21));  // 20 and 21, the rest of its batch
    QTest::qWait(100);
    QCOMPARE(received(), size_t(21));
    bp->stepBatch();
    QTRY_VERIFY(bp->paused() && bp->held == 29);
    QTRY_COMPARE(received(), size_t(28));  // 22..28, one whole batch
    bp->resume();
    QTRY_VERIFY(bp->paused() && bp->held != 29);
    QCOMPARE(bp->held.load(), int64_t(2001));
    QTRY_COMPARE(received(), size_t(2000));
    bp->resume();
    QVERIFY(run->wait(30'000));
    QVERIFY(run->result().ok);
    QCOMPARE(g.values, iota(1, 3000));
    QCOMPARE(bp->hits(), uint64_t(2));  // 20 and 2001; 22 and 29 were held by steps
  }

  void stopReleasesAHeldRecord() {
    // Every record held (the default condition), an unbounded source: requestStop ends the run.
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"a","type":"count","properties":{"count":0,"batch":16}},
      {"id":"k","type":"collect"}],
      "edges":[{"from":"a","to":"k"}]})");
    g.reset();
    Diagnostics d;
    auto run = Execution::plan(p, testRegistry(), {}, d);
    QVERIFY(run);
    auto bp = std::make_shared<Breakpoint>();
    QVERIFY(run->setBreakpoint("a", "", bp));
    run->start();
    QTRY_VERIFY_WITH_TIMEOUT(bp->paused(), 20000);
    run->requestStop();
    QVERIFY(run->wait(20000));
    QVERIFY(run->result().ok);
    QCOMPARE(g.values, iota(0, static_cast<int64_t>(g.values.size())));
  }

  // What streamcanvas-run --metrics-port exports: sources ready once open, one queue per edge
  // between threads, and every completed checkpoint in the duration histogram.
  void metricsForTheRunner() {
    Pipeline p = parse(R"({"streamcanvas":1,"name":"t","nodes":[
      {"id":"s","type":"count","properties":{"count":3000,"batch":10}},
      {"id":"a","type":"add"},
      {"id":"k","type":"collect","properties":{"delay_us":200}}],
      "edges":[{"from":"s","to":"a"},{"from":"a","to":"k"}]})");
    RunOptions o;
    o.fuse = false;
    o.queueCapacity = 4;
    o.checkpoints.intervalMs = 1;
    auto run = runToEnd(p, o);
    QVERIFY(run->result().ok);
    const auto nodes = run->metrics();
    QVERIFY(nodes[0]->isSource && !nodes[1]->isSource && !nodes[2]->isSource);
    QCOMPARE(nodes[0]->ready.get(), int64_t(1));
    const auto edges = run->edgeMetrics();
    QCOMPARE(edges.size(), size_t(2));
    QCOMPARE(edges[0]->from + ">" + edges[0]->to + "." + edges[0]->toPort, std::string("s>a.in"));
    QCOMPARE(edges[1]->from + ">" + edges[1]->to + "." + edges[1]->toPort, std::string("a>k.in"));
    QCOMPARE(edges[1]->capacity, int64_t(4));
    const CheckpointStats stats = run->checkpointStats();
    QVERIFY(stats.completed >= 2);
    uint64_t counted = 0;
    for (uint64_t c : stats.durationCounts)
      counted += c;
    QCOMPARE(counted, stats.completed);
    QVERIFY(stats.totalBytes >= stats.lastBytes && stats.lastBytes > 0);
    QVERIFY(stats.totalDurationMs >= stats.lastDurationMs);
  }
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"
