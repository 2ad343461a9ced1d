// Window throughput on one core over pre-parsed records (issue 4): a keyed tumbling window with
// count, sum, avg, min and max of one field, 10,000 and 1,000,000 keys, plus hopping and session
// windows for comparison. Batches of 1024 records are built once and replayed with fresh keys
// and advancing event times (written outside the timed part, as a source would); the source-side
// watermark follows each batch. Time is the thread's CPU time, so a busy machine does not skew
// the figures. Prints records/s and the window state in bytes per key. Before the input ends,
// each case takes a checkpoint of the window (the executor's synchronous pause: onBarrier and
// snapshotState, wall time, best of 3) and restores it into a fresh node.
//
//   bench_window [records-in-millions [only-cases-containing]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "engine/state/StateCodec.h"
#include "nodes/NodeTypes.h"
#include "nodes/window/WindowNode.h"

using namespace sc;

namespace {

// Recycles output batches and counts what the window emits.
class CountingEmitter final : public Emitter {
 public:
  explicit CountingEmitter(uint32_t slots) : slots_(slots) {}
  Batch* acquire() override {
    if (free_.empty()) {
      owned_.push_back(std::make_unique<Batch>(Batch::kDefaultCapacity, slots_));
      return owned_.back().get();
    }
    Batch* b = free_.back();
    free_.pop_back();
    return b;
  }
  void emit(int, Batch* b) override {
    results += b->size();
    b->clear();
    free_.push_back(b);
  }
  void release(Batch*) override {}  // input batches belong to the benchmark
  bool connected(int) const override { return false; }
  void emitWatermark(int64_t) override {}
  uint64_t results = 0;

 private:
  uint32_t slots_;
  std::vector<std::unique_ptr<Batch>> owned_;
  std::vector<Batch*> free_;
};

double wallMs(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

double cpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct Case {
  const char* name;
  NodeSpec (*spec)();
  Json properties;
  uint32_t keys;
  uint64_t records;
  uint64_t recordsPerWindow;  // event time advances so that a window holds about this many
};

const char* g_filter = nullptr;

void run(const Case& c) {
  if (g_filter && !std::strstr(c.name, g_filter)) return;
  SlotTable slots;
  Json doc = Json::object();
  ResourceRegistry resources;
  PlanContext plan(slots, doc, resources);
  const NodeSpec spec = c.spec();
  NodeConfig cfg(spec, "bench", 0, c.properties);
  std::unique_ptr<Node> node = spec.create();
  node->configure(cfg, plan);
  auto& window = dynamic_cast<window::WindowNode&>(*node);
  const uint32_t deviceSlot = slots.intern("device"), valueSlot = slots.intern("value");

  // 64 batches replayed; the key column is rewritten from a key sequence that starts with every
  // key once and then draws them uniformly.
  constexpr uint32_t kBatches = 64, kRows = Batch::kDefaultCapacity;
  std::mt19937_64 rng(42);
  std::vector<std::string> names(c.keys);
  for (uint32_t k = 0; k < c.keys; ++k)
    names[k] = "device-" + std::to_string(k);
  std::vector<uint32_t> sequence(std::max<size_t>(c.keys, 4u << 20));
  for (size_t i = 0; i < sequence.size(); ++i)
    sequence[i] = i < c.keys ? uint32_t(i) : uint32_t(rng() % c.keys);
  std::vector<std::unique_ptr<Batch>> batches;
  for (uint32_t b = 0; b < kBatches; ++b) {
    auto batch = std::make_unique<Batch>(kRows, slots.size());
    for (uint32_t r = 0; r < kRows; ++r) {
      const uint32_t row = batch->append();
      batch->at(valueSlot, row) = Value::number(double(rng() % 10000) / 100.0 - 20.0);
    }
    batches.push_back(std::move(batch));
  }

  CountingEmitter out(slots.size());
  const int64_t windowMs = 60'000;
  const double msPerRecord = double(windowMs) / double(c.recordsPerWindow);
  const int64_t boundMs = 1'000;
  uint64_t done = 0;
  size_t peakBytes = 0;
  uint32_t peakKeys = 0;
  double busy = 0;
  int64_t lastWatermark = INT64_MIN;
  while (done < c.records) {
    Batch& b = *batches[(done / kRows) % kBatches];
    // Event times advance steadily (a source's job, outside the timed part).
    const int64_t t0 = int64_t(double(done) * msPerRecord);
    Value* keys = b.column(deviceSlot);
    for (uint32_t r = 0; r < kRows; ++r) {
      b.meta(r).timestamp = t0 + int64_t(double(r) * msPerRecord);
      keys[r] = Value::string(names[sequence[(done + r) % sequence.size()]]);
    }
    const int64_t watermark = b.meta(kRows - 1).timestamp - boundMs - 1;
    const double start = cpuSeconds();
    node->process(0, &b, out);
    if (watermark > lastWatermark) {
      node->onWatermark(watermark, out);
      lastWatermark = watermark;
    }
    busy += cpuSeconds() - start;
    done += kRows;
    if ((done / kRows) % 64 == 0 && window.keyCount() > peakKeys) {
      peakKeys = window.keyCount();
      peakBytes = window.stateBytes();
    }
  }
  const uint32_t keysAtCheckpoint = window.keyCount();
  std::string snapshot;
  double snapshotMs = 1e300, snapshotCpuMs = 1e300;
  for (uint64_t id = 1; id <= 3; ++id) {
    const auto t = std::chrono::steady_clock::now();
    const double cpu = cpuSeconds();
    node->onBarrier(id, out);
    state::StateWriter w;
    node->snapshotState(id, w);
    snapshotMs = std::min(snapshotMs, wallMs(t));
    snapshotCpuMs = std::min(snapshotCpuMs, (cpuSeconds() - cpu) * 1e3);
    snapshot = w.take();
  }
  double restoreMs;
  bool same;
  {
    std::unique_ptr<Node> restored = spec.create();
    restored->configure(cfg, plan);
    const auto t = std::chrono::steady_clock::now();
    state::StateReader r(snapshot, "bench");
    restored->restoreState(r);
    restoreMs = wallMs(t);
    state::StateWriter again;
    restored->snapshotState(4, again);
    same = again.data() == snapshot;
  }

  const double start = cpuSeconds();
  node->finish(out);
  busy += cpuSeconds() - start;
  std::printf(
      "%-44s %9u keys %6.1f M records  %7.2f M records/s  %6.0f state bytes/key  %llu results\n",
      c.name, c.keys, double(done) / 1e6, double(done) / busy / 1e6,
      peakKeys ? double(peakBytes) / peakKeys : 0.0, static_cast<unsigned long long>(out.results));
  std::printf(
      "%-44s %9u keys  checkpoint %6.1f MB  %5.1f bytes/key  snapshot %6.1f ms (%6.1f ms CPU)  "
      "restore %6.1f ms%s\n",
      "", keysAtCheckpoint, double(snapshot.size()) / 1e6,
      keysAtCheckpoint ? double(snapshot.size()) / keysAtCheckpoint : 0.0, snapshotMs,
      snapshotCpuMs, restoreMs, same ? "" : "  RESTORED SNAPSHOT DIFFERS");
}

Json aggregates() {
  return Json::parse(R"([{"as":"count","fn":"count"},{"as":"sum","fn":"sum","of":"value"},
                         {"as":"avg","fn":"avg","of":"value"},{"as":"min","fn":"min","of":"value"},
                         {"as":"max","fn":"max","of":"value"}])");
}

}  // namespace

int main(int argc, char** argv) {
  const uint64_t millions = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 40;
  const uint64_t records = millions * 1'000'000;
  if (argc > 2) g_filter = argv[2];
  const Json tumbling = {{"size", "1m"},
                         {"key", "device"},
                         {"max_out_of_orderness", "1s"},
                         {"aggregates", aggregates()}};
  Json hopping = tumbling;
  hopping["slide"] = "10s";
  Json session = tumbling;
  session.erase("size");
  session["gap"] = "5s";
  std::printf(
      "window benchmark, one thread, pre-parsed records (count, sum, avg, min, max of one "
      "field)\n");
  run({"tumbling 1m, 10k keys", tumblingWindowSpec, tumbling, 10'000, records, 5'000'000});
  run({"tumbling 1m, 1M keys", tumblingWindowSpec, tumbling, 1'000'000, records / 2, 10'000'000});
  run({"hopping 1m/10s (6 panes per window), 10k keys", hoppingWindowSpec, hopping, 10'000,
       records / 2, 5'000'000});
  run({"session gap 5s, 10k keys", sessionWindowSpec, session, 10'000, records / 4, 5'000'000});
  return 0;
}
