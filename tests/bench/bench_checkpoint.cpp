// What checkpoints cost (the checkpoint issue), in one run:
//
// 1. Throughput: kafka.source (bounded, embedded cluster preloaded with ~100-byte sensor
//    readings) -> filter -> window.tumbling (keyed by sensor, count/sum/avg/min/max, event time)
//    -> file.sink, run alternately with checkpoints every second into a temporary directory
//    (written and fsynced) and with checkpoints off. Prints records/s of each round, the median
//    ratio with/without, and the executor's CheckpointStats. A bare librdkafka consume loop over
//    the same topic shows whether the embedded cluster is the bottleneck. Each round also
//    reports records per CPU-second of the whole process: on a shared machine wall clock swings
//    by 2x from round to round, and a pipeline with idle time hides a checkpoint's work in it.
//    Target: checkpoints every second cost at most 10 % of throughput.
// 2. Synchronous pause: generator -> window.tumbling holding 1,000,000 keys open (one window of
//    a day, key "device-" + (ts % 1000000), 1 ms of event time per record) -> discard.sink,
//    checkpoints every second; the longest snapshotState of one node (maxPauseUs), the size and
//    the duration of the checkpoints. Target: under 100 ms.
//
// Figures are wall clock: on a loaded machine they are lower bounds (see README "Performance").
//
//   bench_checkpoint [MESSAGES [ROUNDS [PAUSE-SECONDS]]]   (default 2000000 5 8)
#include <librdkafka/rdkafka.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "BareConsumeLoop.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Log.h"

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

// The mock broker keeps the newest 5 MiB of record batches per partition, as stored (that is,
// compressed): zstd keeps ~250,000 readings per partition well under it.
constexpr int kPartitions = 8;
constexpr int64_t kIntervalMs = 1000;
constexpr long kSensors = 1000;
constexpr long kPauseKeys = 1'000'000;

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// CPU seconds of the whole process (pipeline threads, librdkafka's and the mock broker's): other
// engineers' builds on the same cores stretch wall-clock time far more than this.
double processCpuSeconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n == 0 ? 0.0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

fs::path tempDir(const char* what) {
  std::string pattern = (fs::temp_directory_path() / (std::string("sc-bench-") + what + "-XXXXXX"));
  if (!mkdtemp(pattern.data())) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  return pattern;
}

// ~100-byte sensor readings: 1000 sensors, event time 1 ms apart, humidity < 55 for 3 in 4.
void preload(const std::string& boot, const char* topic, long count) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", boot.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "linger.ms", "50", err, sizeof err);
  rd_kafka_conf_set(conf, "batch.num.messages", "10000", err, sizeof err);
  rd_kafka_conf_set(conf, "compression.codec", "zstd", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  char buf[160];
  for (long i = 0; i < count; ++i) {
    int n = std::snprintf(
        buf, sizeof buf,
        "{\"sensor\":\"sensor-%04ld\",\"temperature\":%.1f,\"humidity\":%.1f,\"status\":\"ok\","
        "\"ts\":%ld}",
        i % kSensors, i % 3 == 0 ? 31.5 + (i % 7) : 18.0 + (i % 9), 40.0 + (i % 20),
        1764150000000L + i);
    while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic),
                             RD_KAFKA_V_PARTITION(static_cast<int32_t>(i % kPartitions)),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_VALUE(buf, static_cast<size_t>(n)),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(rk, 10);
  }
  rd_kafka_flush(rk, 120000);
  // Everything must still be there: the mock drops the oldest batches beyond 5 MiB.
  long kept = 0;
  for (int p = 0; p < kPartitions; ++p) {
    int64_t low = 0, high = 0;
    rd_kafka_query_watermark_offsets(rk, topic, p, &low, &high, 10000);
    kept += static_cast<long>(high - low);
  }
  rd_kafka_destroy(rk);
  if (kept != count) {
    std::fprintf(stderr, "the embedded cluster kept %ld of %ld messages (5 MiB per partition)\n",
                 kept, count);
    std::exit(1);
  }
}

// One run and what its checkpoints did, watched from outside as a monitor would.
struct Outcome {
  double seconds = 0;
  double cpuSeconds = 0;
  uint64_t records = 0;
  sc::CheckpointStats stats;
  int64_t maxDurationMs = 0;
  int64_t maxAlignmentMs = 0;
  uint64_t maxBytes = 0;
  std::vector<sc::CheckpointStats> seen;  // every completed checkpoint the watcher caught
  std::vector<uint64_t> seenRecords;      // source records when the watcher saw each one
};

Outcome runPipeline(const std::string& text, const sc::RunOptions& options) {
  sc::LoadResult loaded = sc::parsePipeline(text, "<bench>");
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.diagnostics.format().c_str());
    std::exit(1);
  }
  sc::Diagnostics diags;
  auto run = sc::Execution::plan(*loaded.pipeline, sc::NodeRegistry::builtin(), options, diags);
  if (!run) {
    std::fprintf(stderr, "%s\n", diags.format().c_str());
    std::exit(1);
  }
  Outcome out;
  auto note = [&](const sc::CheckpointStats& s) {
    if (s.lastId == 0 || (!out.seen.empty() && out.seen.back().lastId == s.lastId)) return;
    out.seen.push_back(s);
    out.seenRecords.push_back(run->sourceRecords());
    out.maxDurationMs = std::max(out.maxDurationMs, s.lastDurationMs);
    out.maxAlignmentMs = std::max(out.maxAlignmentMs, s.lastAlignmentMs);
    out.maxBytes = std::max(out.maxBytes, s.lastBytes);
  };
  const auto t0 = Clock::now();
  const double cpu0 = processCpuSeconds();
  run->start();
  while (!run->wait(20))
    note(run->checkpointStats());
  out.seconds = seconds(t0, Clock::now());
  out.cpuSeconds = processCpuSeconds() - cpu0;
  if (!run->result().ok) {
    std::fprintf(stderr, "pipeline failed in %s: %s\n", run->result().failedNode.c_str(),
                 run->result().message.c_str());
    std::exit(1);
  }
  out.stats = run->checkpointStats();
  note(out.stats);
  out.records = run->sourceRecords();
  return out;
}

std::string windowAggregates(const char* field) {
  const std::string f = field;
  return R"([{"as":"count","fn":"count"},{"as":"sum","fn":"sum","of":")" + f +
         R"("},{"as":"avg","fn":"avg","of":")" + f + R"("},{"as":"min","fn":"min","of":")" + f +
         R"("},{"as":"max","fn":"max","of":")" + f + R"("}])";
}

Outcome kafkaRound(const std::string& boot, const char* topic, bool checkpoints, int round) {
  const fs::path out = tempDir("out");
  const fs::path chk = checkpoints ? tempDir("chk") : fs::path();
  const std::string text = R"({"streamcanvas":1,"name":"bench-checkpoint-)" +
                           std::to_string(round) + R"(",
    "connections":{"k":{"type":"kafka","bootstrap_servers":")" +
                           boot + R"("}},
    "nodes":[
      {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":[")" +
                           topic + R"("],"bounded":true,"start":"earliest","group_id":"bench-)" +
                           std::to_string(round) + (checkpoints ? "-on" : "-off") + R"("}},
      {"id":"dry","type":"filter","properties":{"condition":"humidity < 55"}},
      {"id":"win","type":"window.tumbling","properties":{"size":"10s","key":"sensor",
        "timestamp":"ts","max_out_of_orderness":"1s","aggregates":)" +
                           windowAggregates("temperature") + R"(}},
      {"id":"out","type":"file.sink","properties":{"path":")" +
                           (out / "results.jsonl").string() + R"("}}],
    "edges":[{"from":"src","to":"dry"},{"from":"dry","to":"win"},{"from":"win","to":"out"}]})";
  sc::RunOptions options;
  options.checkpoints.intervalMs = checkpoints ? kIntervalMs : 0;
  options.checkpoints.dir = chk.string();
  Outcome o = runPipeline(text, options);
  std::error_code ec;
  fs::remove_all(out, ec);
  if (checkpoints) fs::remove_all(chk, ec);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::atol(argv[1]) : 2'000'000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  const int pauseSeconds = argc > 3 ? std::atoi(argv[3]) : 8;
  if (count <= 0 || rounds <= 0 || pauseSeconds <= 0)
    return std::fprintf(stderr, "usage: bench_checkpoint [MESSAGES [ROUNDS [PAUSE-SECONDS]]]\n"), 2;
  sc::Logger::global().setLevel(sc::LogLevel::Warn);

  // ---- 1. throughput with and without checkpoints -------------------------------------------
  auto cluster = sc::kafka::EmbeddedCluster::start(1, kPartitions, "bench");
  if (!cluster.ok()) return std::fprintf(stderr, "%s\n", cluster.error.c_str()), 1;
  const std::string boot = cluster.value->bootstrapServers();
  const char* topic = "bench-in";
  cluster.value->ensureTopic(topic, kPartitions);
  const auto p0 = Clock::now();
  preload(boot, topic, count);
  std::printf(
      "1. kafka.source -> filter (humidity < 55, 3/4 pass) -> window.tumbling 10s by sensor "
      "(1000 keys,\n   count/sum/avg/min/max, event time) -> file.sink; embedded cluster, %ld "
      "messages of ~100 bytes\n   in %d partitions (zstd, preloaded in %.1f s); checkpoints every "
      "%lld ms into a temp dir vs off\n\n",
      count, kPartitions, seconds(p0, Clock::now()), static_cast<long long>(kIntervalMs));
  std::printf("   %-5s  %-11s %10s %8s %8s %11s %6s %8s %8s %10s %8s %8s\n", "round", "checkpoints",
              "records/s", "wall s", "CPU s", "rec/CPU-s", "done", "last ms", "max ms", "max bytes",
              "align ms", "pause ms");
  std::vector<double> with, without, ratios, cpuWith, cpuWithout, cpuRatios, bare;
  for (int round = 0; round < rounds; ++round) {
    bare.push_back(sc::bench::bareConsumeLoop(boot, topic, kPartitions, count));
    // Alternate which goes first so neither always gets the warmer cluster.
    double pair[2] = {0, 0}, cpuPair[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
      const bool on = (k == 0) == (round % 2 == 0);
      const Outcome o = kafkaRound(boot, topic, on, round);
      if (static_cast<long>(o.records) != count)
        std::fprintf(stderr, "   round %d read %llu of %ld records\n", round,
                     static_cast<unsigned long long>(o.records), count);
      const double rate = static_cast<double>(o.records) / o.seconds;
      const double cpuRate = static_cast<double>(o.records) / o.cpuSeconds;
      pair[on ? 0 : 1] = rate;
      cpuPair[on ? 0 : 1] = cpuRate;
      (on ? with : without).push_back(rate);
      (on ? cpuWith : cpuWithout).push_back(cpuRate);
      std::printf("   %-5d  %-11s %10.0f %8.2f %8.2f %11.0f", round + 1, on ? "every 1 s" : "off",
                  rate, o.seconds, o.cpuSeconds, cpuRate);
      if (on)
        std::printf(" %6llu %8lld %8lld %10llu %8lld %8.2f\n",
                    static_cast<unsigned long long>(o.stats.completed),
                    static_cast<long long>(o.stats.lastDurationMs),
                    static_cast<long long>(o.maxDurationMs),
                    static_cast<unsigned long long>(o.maxBytes),
                    static_cast<long long>(o.maxAlignmentMs), o.stats.maxPauseUs / 1e3);
      else
        std::printf(" %6s\n", "-");
      std::fflush(stdout);
    }
    ratios.push_back(pair[0] / pair[1]);
    cpuRatios.push_back(cpuPair[0] / cpuPair[1]);
  }
  const double ratio = median(ratios), cpuRatio = median(cpuRatios);
  std::printf("\n   ratio with/without per round (wall clock):");
  for (double r : ratios)
    std::printf(" %.1f %%", 100 * r);
  std::printf("\n   ratio with/without per round (CPU time):  ");
  for (double r : cpuRatios)
    std::printf(" %.1f %%", 100 * r);
  std::printf(
      "\n\n   bare librdkafka consume loop, same topic:  %10.0f msg/s (median of %d)\n"
      "   pipeline, checkpoints every 1 s:           %10.0f records/s, %10.0f per CPU-second "
      "(medians)\n"
      "   pipeline, checkpoints off:                 %10.0f records/s, %10.0f per CPU-second "
      "(medians)\n"
      "   ratio with/without, wall clock (median):   %9.1f %%  -> cost %5.1f %% (target <= 10 %%) "
      "%s\n"
      "   ratio with/without, CPU time (median):     %9.1f %%  -> cost %5.1f %%\n",
      median(bare), rounds, median(with), median(cpuWith), median(without), median(cpuWithout),
      100 * ratio, 100 * (1 - ratio), 1 - ratio <= 0.10 ? "MET" : "MISSED", 100 * cpuRatio,
      100 * (1 - cpuRatio));
  std::printf("   pipeline off / bare loop:                  %9.1f %%%s\n\n",
              100 * median(without) / median(bare),
              median(without) > 0.8 * median(bare)
                  ? "  (the embedded cluster is the bottleneck)"
                  : "  (the pipeline, not the embedded cluster, limits)");
  cluster.value.reset();

  // ---- 2. synchronous pause with 1 M window keys open ----------------------------------------
  const fs::path chk = tempDir("chk");
  // The key as JSON text: concat("device-", to_string(ts % 1000000)).
  const std::string key =
      R"(concat(\"device-\", to_string(ts % )" + std::to_string(kPauseKeys) + "))";
  const std::string text = R"({"streamcanvas":1,"name":"bench-checkpoint-pause",
    "nodes":[
      {"id":"gen","type":"generator","properties":{"rate":0,"interval":"1ms"}},
      {"id":"win","type":"window.tumbling","properties":{"size":"1d","key":")" +
                           key + R"(",
        "timestamp":"ts","max_out_of_orderness":"1s","aggregates":)" +
                           windowAggregates("temperature") + R"(}},
      {"id":"out","type":"discard.sink","properties":{}}],
    "edges":[{"from":"gen","to":"win"},{"from":"win","to":"out"}]})";
  sc::RunOptions options;
  options.checkpoints.intervalMs = kIntervalMs;
  options.checkpoints.dir = chk.string();
  options.durationMs = int64_t(pauseSeconds) * 1000;
  options.stopMode = sc::StopMode::Savepoint;  // the last checkpoint keeps the window open too
  const Outcome o = runPipeline(text, options);
  std::error_code ec;
  fs::remove_all(chk, ec);
  std::printf(
      "2. generator -> window.tumbling 1d keyed by \"device-\" + (ts %% %ld) (%ld keys open, "
      "count/sum/avg/\n   min/max) -> discard.sink, checkpoints every %lld ms into a temp dir, "
      "%d s, savepoint at the end\n\n",
      kPauseKeys, kPauseKeys, static_cast<long long>(kIntervalMs), pauseSeconds);
  std::printf("   %-6s %12s %12s %12s %12s\n", "id", "records (~)", "bytes", "duration ms",
              "pause ms");
  for (size_t i = 0; i < o.seen.size(); ++i) {
    const sc::CheckpointStats& s = o.seen[i];
    std::printf(
        "   %-6llu %12llu %12llu %12lld %12.1f%s\n", static_cast<unsigned long long>(s.lastId),
        static_cast<unsigned long long>(o.seenRecords[i]),
        static_cast<unsigned long long>(s.lastBytes), static_cast<long long>(s.lastDurationMs),
        s.lastPauseUs / 1e3, s.lastWasSavepoint ? "  (savepoint)" : "");
  }
  std::printf(
      "\n   %llu records (%.0f records/s), %llu checkpoints completed, %llu failed\n"
      "   largest checkpoint %.1f MB (%.1f bytes/key), longest %lld ms trigger to durable\n"
      "   max synchronous pause (longest snapshotState of one node): %.1f ms (target < 100 ms) "
      "%s\n",
      static_cast<unsigned long long>(o.records), double(o.records) / o.seconds,
      static_cast<unsigned long long>(o.stats.completed),
      static_cast<unsigned long long>(o.stats.failed), double(o.maxBytes) / 1e6,
      double(o.maxBytes) / double(kPauseKeys), static_cast<long long>(o.maxDurationMs),
      o.stats.maxPauseUs / 1e3, o.stats.maxPauseUs < 100'000 ? "MET" : "MISSED");
  std::vector<double> pauses;
  for (const sc::CheckpointStats& s : o.seen)
    if (!s.lastWasSavepoint) pauses.push_back(s.lastPauseUs / 1e3);
  if (!pauses.empty())
    std::printf("   periodic checkpoints: pause min %.1f ms, median %.1f ms, max %.1f ms\n",
                *std::min_element(pauses.begin(), pauses.end()), median(pauses),
                *std::max_element(pauses.begin(), pauses.end()));
  if (o.records < static_cast<uint64_t>(kPauseKeys))
    std::printf("   (only %llu records: fewer than %ld keys were open; run longer)\n",
                static_cast<unsigned long long>(o.records), kPauseKeys);
  if (!o.stats.lastError.empty()) std::printf("   last error: %s\n", o.stats.lastError.c_str());
  return 0;
}
