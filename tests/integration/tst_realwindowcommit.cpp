// The scale-out window under exactly_once writes a partition's state to its changelog in the
// run's shared Kafka transaction. State written at checkpoint N belongs to N's transaction, so
// the transaction of checkpoint N-1 must commit first, whether or not the window itself wrote
// in it. It once waited only when it had written at N-1 as well: after a checkpoint without
// writes (its first one) the state of N joined the transaction of N-1, ahead of the offsets it
// goes with, or failed ("Local: Erroneous state") while another thread committed N-1
// (tst_realscaleout's runner d died so, by chance of timing). This test drives the node itself
// against the real broker, with the checkpoint waits recorded, so no timing decides.
#include <QtTest>

#include <atomic>
#include <vector>

#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/NodeSpec.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/ScaleOutRegistry.h"
#include "engine/kafka/TransactionalProducer.h"
#include "engine/runtime/Context.h"
#include "engine/state/StateCodec.h"
#include "integration/RealKafka.h"
#include "nodes/FakeEmitter.h"

using namespace sc;
using namespace sc::test;

class TestRealWindowCommit : public QObject {
  Q_OBJECT

  RealKafka kafka_;

 private Q_SLOTS:
  void initTestCase() {
    kafka_ = RealKafka::fromEnvironment();
    QVERIFY2(kafka_.ok(), qPrintable(kafka_.error()));
  }

  void stateOfACheckpointWaitsForTheCommitOfTheOneBefore() {
    const std::string run = std::to_string(QDateTime::currentMSecsSinceEpoch());
    const std::string pipelineName = "windowcommit-" + run, topic = "windowcommit-in-" + run;
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, topic, 1)),
             QString());
    const Json document = {
        {"streamcanvas", 1},
        {"name", pipelineName},
        {"settings", {{"delivery", "exactly_once"}, {"scale_out", true}}},
        {"connections",
         {{"real",
           {{"type", "kafka"},
            {"bootstrap_servers", kafka_.bootstrap(SecurityMode::Plaintext)}}}}}};
    auto settings = kafka::ConnectionSettings::fromPipeline(document, "real");
    QVERIFY2(settings.ok(), settings.error.c_str());
    ResourceRegistry resources;
    auto connection = kafka::resolveConnection(settings.value, resources);
    QVERIFY2(connection.ok(), connection.error.c_str());

    // What the run's kafka.source and kafka.sink would have set up: the topic's source, and the
    // shared transactional producer of its connection.
    auto registry = resources.getOrCreate<kafka::ScaleOutRegistry>(
        kafka::ScaleOutRegistry::kKey, [] { return std::make_shared<kafka::ScaleOutRegistry>(); });
    registry->setSource(topic, {connection.value, "real", pipelineName});
    auto txn = resources.getOrCreate<kafka::TransactionalProducer>(
        kafka::TransactionalProducer::key("real"), [&] {
          return std::make_shared<kafka::TransactionalProducer>(
              connection.value, "streamcanvas-" + pipelineName + "-test", kafka::Properties{},
              kafka::Properties{}, nullptr);
        });
    // The sink's part of the transaction: attached from the start, as kafka.sink is.
    auto sinkMember = std::make_shared<kafka::TransactionalProducer::Member>();
    sinkMember->label = "sink";
    sinkMember->topic = topic;
    txn->attach(sinkMember, 30000);

    const NodeSpec* spec = NodeRegistry::builtin().find("window.tumbling");
    QVERIFY(spec && spec->createForScaleOut);
    std::unique_ptr<Node> window = spec->createForScaleOut(*spec);
    SlotTable slots;
    PlanContext plan(slots, document, resources);
    NodeConfig config(*spec, "win", 0,
                      {{"size", "1s"},
                       {"key", "k"},
                       {"timestamp", "ts"},
                       {"aggregates", Json::array({{{"as", "n"}, {"fn", "count"}}})}});
    window->configure(config, plan);
    const int32_t k = slots.intern("k"), ts = slots.intern("ts");

    NodeMetrics metrics;
    std::atomic<bool> stop{false};
    RunContext ctx("win", metrics, slots, resources, stop);
    ctx.setExactlyOnce(true);
    ctx.setScaleOut(true);
    std::vector<uint64_t> waitedFor;  // the checkpoints the window waited for, in order
    ctx.setCheckpointWaiter([&](uint64_t id) {
      waitedFor.push_back(id);
      return true;  // complete: the window commits the transaction through it
    });
    window->open(ctx);
    FakeEmitter out(static_cast<uint32_t>(slots.size()));

    // Checkpoint 1 before any record: no partition, nothing written.
    {
      state::StateWriter w;
      window->onBarrier(1, out);
      window->snapshotState(1, w);
    }
    QVERIFY(waitedFor.empty());

    // A record of partition 0: its window is created (and restored: nothing there yet).
    Batch* b = out.acquire();
    const uint32_t row = b->append();
    b->at(k, row) = Value::string(b->arena().copy("a"));
    b->at(ts, row) = Value::integer(1'700'000'000'000);
    b->meta(row).timestamp = 1'700'000'000'000;
    b->meta(row).topic = topic;
    b->meta(row).partition = 0;
    b->meta(row).offset = 0;
    window->process(0, b, out);

    // Checkpoint 2: the partition's state goes to the changelog, in checkpoint 2's transaction:
    // checkpoint 1's commits first.
    {
      state::StateWriter w;
      window->onBarrier(2, out);
      window->snapshotState(2, w);
    }
    QCOMPARE(waitedFor, std::vector<uint64_t>{1});

    window->close();
    txn->detach(5000);
  }
};

QTEST_GUILESS_MAIN(TestRealWindowCommit)
#include "tst_realwindowcommit.moc"
