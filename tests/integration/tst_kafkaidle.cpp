// Idle detection under back-pressure (issue 10, #4): a partition counts as idle only when it has
// no data, not when its records wait in the consumer queue while the source is blocked by a full
// downstream queue. Three partitions advance their event time in step; a slow sink on a second
// branch keeps the source blocked longer than the window's idle_timeout. No record may go late.
#include <QtTest>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/Planner.h"
#include "integration/KafkaTestSupport.h"

using namespace sc;
using namespace sc::kafka;

namespace {

// Sleeps `delay_ms` per batch: a sink that cannot keep up.
class SlowSink final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext&) override {
    delayMs_ = cfg.getInt("delay_ms");
  }
  void process(int, Batch* batch, Emitter& out) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(delayMs_));
    out.release(batch);
  }

 private:
  int64_t delayMs_ = 0;
};

const NodeRegistry& registry() {
  static NodeRegistry r = [] {
    NodeRegistry reg;
    registerBuiltinNodes(reg);
    NodeSpec slow;
    slow.type = "slow.sink";
    slow.category = "Sinks";
    slow.title = "Slow sink";
    slow.summary = "Test sink that sleeps per batch";
    slow.inputs = {{"in", "Records"}};
    slow.properties = {makeProperty("delay_ms", PropKind::Integer, "Sleep per batch", int64_t(0))};
    slow.create = [] { return std::make_unique<SlowSink>(); };
    reg.add(slow);
    return reg;
  }();
  return r;
}

const char* kPipeline = R"({"streamcanvas":1,"name":"idle",
  "connections":{"k":{"type":"kafka","bootstrap_servers":"BOOT"}},
  "nodes":[
    {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":["in"],
      "bounded":true,"start":"earliest"}},
    {"id":"w","type":"window.tumbling","properties":{"size":"10s","timestamp":"ts",
      "idle_timeout":"50ms","aggregates":[{"as":"n","fn":"count"}]}},
    {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"out"}},
    {"id":"lateout","type":"kafka.sink","properties":{"connection":"k","topic":"late"}},
    {"id":"slow","type":"slow.sink","properties":{"delay_ms":120}}],
  "edges":[{"from":"src","to":"w"},{"from":"w","to":"out"},{"from":"w:late","to":"lateout"},
           {"from":"src","to":"slow"}]})";

}  // namespace

class TestKafkaIdle : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void partitionsWithWaitingDataAreNotIdleUnderBackPressure() {
    auto started = EmbeddedCluster::start(1, 3);
    QVERIFY2(started.ok(), started.error.c_str());
    std::shared_ptr<EmbeddedCluster> cluster = started.value;
    const std::string boot = cluster->bootstrapServers();
    for (const char* t : {"in", "out", "late"})
      QVERIFY(cluster->ensureTopic(t).ok());
    // Every partition holds the same hour, one reading a second: in step, nothing is late.
    std::vector<test::Produced> input;
    const int64_t t0 = 1780272000000;  // 2026-06-01
    for (int i = 0; i < 2000; ++i)
      for (int32_t p = 0; p < 3; ++p)
        input.push_back({"{\"ts\":" + std::to_string(t0 + i * 1000LL) + "}", "", {}, p});
    test::produceAll(boot, "in", input);

    std::string text = kPipeline;
    text.replace(text.find("BOOT"), 4, boot);
    LoadResult loaded = parsePipeline(text, "<test>");
    QVERIFY(loaded.ok());
    RunOptions options;
    options.queueCapacity = 1;    // the slow sink blocks the source at once
    options.batchCapacity = 200;  // several batches per partition's fetched chunk
    PlannedPipeline planned = sc::planPipeline(*loaded.pipeline, registry(), PlanPurpose::Run,
                                               processEnvironment(), options);
    QVERIFY2(planned.ok(), planned.diagnostics.format().c_str());
    auto run = std::move(planned.execution);
    run->start();
    QVERIFY(run->wait(120000));
    QVERIFY2(run->result().ok, run->result().message.c_str());

    QCOMPARE(test::readAll(boot, "late").size(), size_t(0));
    int64_t counted = 0;
    for (const auto& m : test::readAll(boot, "out"))
      counted += nlohmann::json::parse(m.value)["n"].get<int64_t>();
    QCOMPARE(counted, int64_t(6000));
  }
};

QTEST_GUILESS_MAIN(TestKafkaIdle)
#include "tst_kafkaidle.moc"
