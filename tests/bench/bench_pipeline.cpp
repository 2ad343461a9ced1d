// Issue 2 benchmark: generator -> filter -> map -> discard.sink on one thread (the executor fuses
// the stateless chain), over records the generator builds in place (pre-parsed). Prints records/s
// of wall time and of process CPU time: on a loaded machine the thread gets only part of a core,
// and the CPU figure is what one core does.
//
//   build/tests/bench/bench_pipeline [records]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Executor.h"

int main(int argc, char** argv) {
  const long long records = argc > 1 ? std::atoll(argv[1]) : 50'000'000;
  const std::string text = R"({"streamcanvas": 1, "name": "bench",
    "nodes": [
      {"id": "gen", "type": "generator", "properties": {"template": "sensors", "rate": 0, "count": )" +
                           std::to_string(records) + R"(}},
      {"id": "hot", "type": "filter", "properties": {"condition": "temperature > 20 && status == \"ok\""}},
      {"id": "conv", "type": "map", "properties": {"set": {"temp_f": "temperature * 9 / 5 + 32"}}},
      {"id": "sink", "type": "discard.sink"}],
    "edges": [{"from": "gen", "to": "hot"}, {"from": "hot", "to": "conv"}, {"from": "conv", "to": "sink"}]})";
  sc::LoadResult loaded = sc::parsePipeline(text);
  const sc::NodeRegistry& registry = sc::NodeRegistry::builtin();
  sc::Diagnostics diags =
      loaded.ok() ? sc::validatePipeline(*loaded.pipeline, registry) : loaded.diagnostics;
  if (diags.hasErrors()) {
    std::fprintf(stderr, "%s", diags.format().c_str());
    return 2;
  }
  for (int round = 0; round < 3; ++round) {
    sc::Diagnostics planDiags;
    auto run = sc::Execution::plan(*loaded.pipeline, registry, {}, planDiags);
    if (!run) {
      std::fprintf(stderr, "%s", planDiags.format().c_str());
      return 2;
    }
    auto t0 = std::chrono::steady_clock::now();
    const std::clock_t cpu0 = std::clock();
    run->start();
    run->wait();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double cpuSecs = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
    auto m = run->metrics();
    std::printf(
        "round %d: %lld records in %.3f s = %.1f M records/s on %zu thread(s) (%.3f s CPU = %.1f M "
        "records per CPU-second); filter passed %llu, sink got %llu\n",
        round + 1, records, secs, records / secs / 1e6, run->threadCount(), cpuSecs,
        records / cpuSecs / 1e6, static_cast<unsigned long long>(m[1]->recordsOut.get()),
        static_cast<unsigned long long>(m[3]->recordsIn.get()));
  }
  return 0;
}
