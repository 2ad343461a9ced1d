// Issue 11 benchmark: what observing a run costs. A pipeline runs headless (Execution, as
// streamcanvas-run runs it), then in the designer's window (offscreen) with its counters, the Run
// dock's charts and a tap on the filter's output. Six rounds, alternating which runs first;
// prints records/s of both per round, the best of each and the median of the rounds' ratios;
// the target is at least 90 %.
//
//   build/tests/bench/bench_observe [records] [notap]
//       bench_pipeline's pipeline: generator -> filter -> map -> discard.sink, pre-parsed records
//   build/tests/bench/bench_observe kafka [messages] [notap]
//       bench_kafka's pipeline: bounded kafka.source (32 partitions, more above 960,000 messages)
//       -> filter -> kafka.sink, on
//       the embedded cluster in this process (as the designer runs it), ~100-byte readings; each
//       round reads the topic from the start with its own consumer group and writes its own topic
//
// notap: counters and charts only.
#include <sys/resource.h>
#include <time.h>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "SensorReadings.h"
#include "app/designer/MainWindow.h"
#include "app/designer/RunController.h"
#include "app/designer/WireWatch.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "engine/runtime/Executor.h"

using namespace sc;

namespace {

// CPU seconds of the whole process, and of the calling (the GUI) thread.
double processCpu() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
double threadCpu() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

std::unique_ptr<Pipeline> parse(const std::string& text) {
  LoadResult loaded = parsePipeline(text);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s", loaded.diagnostics.format().c_str());
    std::exit(2);
  }
  return std::make_unique<Pipeline>(std::move(*loaded.pipeline));
}

// The generator pipeline of bench_pipeline.
std::string generatorPipeline(long long records) {
  return R"({"streamcanvas": 1, "name": "bench-observe",
    "nodes": [
      {"id": "gen", "type": "generator", "properties": {"template": "sensors", "rate": 0, "count": )" +
         std::to_string(records) + R"(}},
      {"id": "hot", "type": "filter", "properties": {"condition": "temperature > 20 && status == \"ok\""}},
      {"id": "conv", "type": "map", "properties": {"set": {"temp_f": "temperature * 9 / 5 + 32"}}},
      {"id": "sink", "type": "discard.sink"}],
    "edges": [{"from": "gen", "to": "hot"}, {"from": "hot", "to": "conv"}, {"from": "conv", "to": "sink"}]})";
}

// The Kafka pipeline of bench_kafka, reading `in` from the start with group `group` into `out`.
std::string kafkaPipeline(const std::string& boot, const std::string& group,
                          const std::string& out) {
  return R"({"streamcanvas": 1, "name": "bench-observe-kafka",
    "connections": {"k": {"type": "kafka", "bootstrap_servers": ")" +
         boot + R"("}},
    "nodes": [
      {"id": "src", "type": "kafka.source", "properties": {"connection": "k", "topics": ["readings"],
       "bounded": true, "start": "earliest", "group_id": ")" +
         group + R"("}},
      {"id": "hot", "type": "filter", "properties": {"condition": "temperature > 30"}},
      {"id": "out", "type": "kafka.sink", "properties": {"connection": "k", "topic": ")" +
         out +
         R"("}}],
    "edges": [{"from": "src", "to": "hot"}, {"from": "hot", "to": "out"}]})";
}

}  // namespace

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QTemporaryDir state;  // the checkpoints go here
  qputenv("XDG_STATE_HOME", state.path().toUtf8());
  QApplication app(argc, argv);
  int arg = 1;
  const bool kafka = argc > arg && std::string(argv[arg]) == "kafka";
  if (kafka) ++arg;
  const long long records = argc > arg && std::string(argv[arg]) != "notap"
                                ? std::atoll(argv[arg++])
                                : (kafka ? 1'000'000 : 20'000'000);
  const bool tap = !(argc > arg && std::string(argv[arg]) == "notap");
  const NodeRegistry& registry = NodeRegistry::builtin();

  // Each round's pipeline (Kafka: its own group and output topic, so each reads everything).
  std::shared_ptr<kafka::EmbeddedCluster> cluster;
  // The mock broker keeps the newest 5 MiB per partition (~45,000 readings): at least 32
  // partitions, as bench_kafka, and more for longer runs.
  const int kPartitions = std::max(32, int(records / 30'000) + 1);
  std::function<std::unique_ptr<Pipeline>(const std::string&)> pipelineFor;
  if (kafka) {
    auto started = kafka::EmbeddedCluster::start(1, 1, "bench");
    if (!started.ok()) {
      std::fprintf(stderr, "embedded cluster: %s\n", started.error.c_str());
      return 2;
    }
    cluster = started.value;
    const std::string boot = cluster->bootstrapServers();
    if (!cluster->ensureTopic("readings", kPartitions).ok() ||
        !bench::produceReadings(boot, "readings", kPartitions, long(records))) {
      std::fprintf(stderr, "cannot fill the topic readings\n");
      return 2;
    }
    pipelineFor = [boot](const std::string& round) {
      return parse(kafkaPipeline(boot, "bench-observe-" + round, "hot-" + round));
    };
    std::printf("embedded cluster in this process, %lld readings of ~100 bytes in %d partitions\n",
                records, kPartitions);
  } else {
    pipelineFor = [records](const std::string&) { return parse(generatorPipeline(records)); };
  }
  // Every record read, or the rate means nothing.
  auto check = [&](unsigned long long read, const char* where) {
    if (read == static_cast<unsigned long long>(records)) return;
    std::fprintf(stderr, "%s: the source produced %llu of %lld records\n", where, read, records);
    std::exit(1);
  };

  designer::MainWindow window(registry);
  window.resize(1400, 900);
  window.show();
  designer::RunController* runner = window.runController();
  if (tap) runner->setTap(QStringLiteral("hot"), QStringLiteral("out"));

  double cpu = 0, gui = 0;   // of the last run: the process's CPU seconds, the GUI thread's
  double windowSeconds = 0;  // the last designer run, start to the window's finished signal
  auto runHeadless = [&](const std::string& name) {
    const std::unique_ptr<Pipeline> pipeline = pipelineFor(name);
    Diagnostics diags;
    auto run = Execution::plan(*pipeline, registry, {}, diags);
    if (!run) {
      std::fprintf(stderr, "%s", diags.format().c_str());
      std::exit(2);
    }
    QElapsedTimer clock;
    clock.start();
    const double cpu0 = processCpu();
    run->start();
    run->wait();
    cpu = processCpu() - cpu0;
    const double rate = double(records) / run->runSeconds();
    unsigned long long read = 0;
    for (const NodeMetrics* n : run->metrics())
      if (n->isSource) read += n->recordsOut.get();
    check(read, "headless");
    return rate;
  };
  auto runInDesigner = [&](const std::string& name) {
    const std::unique_ptr<Pipeline> pipeline = pipelineFor(name);
    QString problems;
    QElapsedTimer clock;
    clock.start();
    const double cpu0 = processCpu(), gui0 = threadCpu();
    if (!runner->start(*pipeline, &problems, designer::RunController::StartFrom::Fresh)) {
      std::fprintf(stderr, "%s\n", qPrintable(problems));
      std::exit(2);
    }
    // The window's own event loop does what it does while a user watches: polls, counters,
    // charts, the Tap dock's records.
    QEventLoop loop;
    QObject::connect(runner, &designer::RunController::finished, &loop, &QEventLoop::quit);
    loop.exec();
    cpu = processCpu() - cpu0;
    gui = threadCpu() - gui0;
    // The engine's own start-to-end (as for the headless run), not when the window's 250 ms
    // poll noticed the end: that is up to a quarter second per run, 10-20 % of a 1 s run.
    // The window's figure goes next to it.
    windowSeconds = double(clock.nsecsElapsed()) / 1e9;
    const double rate = double(records) / runner->engineSeconds();
    check(runner->stats().value(0).recordsOut, "designer");
    return rate;
  };

  // Alternating, each side first in every other round: neither always meets the warmer cluster
  // or the quieter moment.
  constexpr int kRounds = 6;
  std::vector<double> headless, observed, ratios;
  for (int round = 0; round < kRounds; ++round) {
    const std::string tag = std::to_string(round);
    double h = 0, d = 0, hCpu = 0, dCpu = 0, dGui = 0;
    if (round % 2 == 0) {
      h = runHeadless("headless-" + tag);
      hCpu = cpu;
      d = runInDesigner("designer-" + tag);
      dCpu = cpu, dGui = gui;
    } else {
      d = runInDesigner("designer-" + tag);
      dCpu = cpu, dGui = gui;
      h = runHeadless("headless-" + tag);
      hCpu = cpu;
    }
    headless.push_back(h);
    observed.push_back(d);
    ratios.push_back(d / h);
    std::printf(
        "round %d: headless %.2f M records/s, designer %.2f M records/s (%.1f %%); CPU s headless "
        "%.2f, designer %.2f of which the GUI thread %.2f; the window saw the end after %.2f s "
        "(engine %.2f s); tap saw %llu\n",
        round + 1, h / 1e6, d / 1e6, d / h * 100, hCpu, dCpu, dGui, windowSeconds,
        double(records) / d,
        static_cast<unsigned long long>(
            tap ? runner->tap(QStringLiteral("hot"), QStringLiteral("out"))->seen() : 0));
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return (v[v.size() / 2] + v[(v.size() - 1) / 2]) / 2;
  };
  const double bestH = *std::max_element(headless.begin(), headless.end());
  const double bestD = *std::max_element(observed.begin(), observed.end());
  std::printf("best: headless %.2f M records/s, designer %.2f M records/s = %.1f %%\n", bestH / 1e6,
              bestD / 1e6, bestD / bestH * 100);
  std::printf("median of the rounds' ratios: %.1f %%\n", median(ratios) * 100);
  return 0;
}
