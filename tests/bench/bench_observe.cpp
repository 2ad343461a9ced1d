// Issue 11 benchmark: what observing a run costs. bench_pipeline's pipeline (generator -> filter
// -> map -> discard.sink, pre-parsed records) runs headless, then in the designer's window
// (offscreen) with its counters, the Run dock's charts and a tap on the filter's output. Prints
// records/s of both (best of three rounds each) and the ratio; the target is at least 90 %.
//
//   build/tests/bench/bench_observe [records] [notap]   (notap: counters and charts only)
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/designer/MainWindow.h"
#include "app/designer/RunController.h"
#include "app/designer/WireWatch.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Executor.h"

using namespace sc;

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QTemporaryDir state;  // the designer's checkpoints go here
  qputenv("XDG_STATE_HOME", state.path().toUtf8());
  QApplication app(argc, argv);
  const long long records = argc > 1 ? std::atoll(argv[1]) : 20'000'000;
  const std::string text = R"({"streamcanvas": 1, "name": "bench-observe",
    "nodes": [
      {"id": "gen", "type": "generator", "properties": {"template": "sensors", "rate": 0, "count": )" +
                           std::to_string(records) + R"(}},
      {"id": "hot", "type": "filter", "properties": {"condition": "temperature > 20 && status == \"ok\""}},
      {"id": "conv", "type": "map", "properties": {"set": {"temp_f": "temperature * 9 / 5 + 32"}}},
      {"id": "sink", "type": "discard.sink"}],
    "edges": [{"from": "gen", "to": "hot"}, {"from": "hot", "to": "conv"}, {"from": "conv", "to": "sink"}]})";
  LoadResult loaded = parsePipeline(text);
  const NodeRegistry& registry = NodeRegistry::builtin();
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s", loaded.diagnostics.format().c_str());
    return 2;
  }
  const Pipeline& pipeline = *loaded.pipeline;

  double headless = 0;
  for (int round = 0; round < 3; ++round) {
    Diagnostics diags;
    auto run = Execution::plan(pipeline, registry, {}, diags);
    if (!run) {
      std::fprintf(stderr, "%s", diags.format().c_str());
      return 2;
    }
    QElapsedTimer clock;
    clock.start();
    run->start();
    run->wait();
    const double rate = double(records) / (double(clock.nsecsElapsed()) / 1e9);
    std::printf("headless round %d: %.2f M records/s\n", round + 1, rate / 1e6);
    headless = std::max(headless, rate);
  }

  designer::MainWindow window(registry);
  window.resize(1400, 900);
  window.show();
  designer::RunController* runner = window.runController();
  const bool tap = !(argc > 2 && std::string(argv[2]) == "notap");
  if (tap) runner->setTap(QStringLiteral("hot"), QStringLiteral("out"));
  double observed = 0;
  for (int round = 0; round < 3; ++round) {
    QString problems;
    QElapsedTimer clock;
    clock.start();
    if (!runner->start(pipeline, &problems, designer::RunController::StartFrom::Fresh)) {
      std::fprintf(stderr, "%s\n", qPrintable(problems));
      return 2;
    }
    // The window's own event loop does what it does while a user watches: polls, counters,
    // charts, the Tap dock's records.
    QEventLoop loop;
    QObject::connect(runner, &designer::RunController::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const double rate = double(records) / (double(clock.nsecsElapsed()) / 1e9);
    const quint64 got = runner->stats().value(3).recordsIn;
    std::printf("designer round %d: %.2f M records/s (sink got %llu, tap saw %llu)\n", round + 1,
                rate / 1e6, static_cast<unsigned long long>(got),
                static_cast<unsigned long long>(
                    tap ? runner->tap(QStringLiteral("hot"), QStringLiteral("out"))->seen() : 0));
    observed = std::max(observed, rate);
  }
  std::printf("best: headless %.2f M records/s, designer %.2f M records/s = %.1f %%\n",
              headless / 1e6, observed / 1e6, observed / headless * 100);
  return 0;
}
