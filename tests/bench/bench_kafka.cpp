// Kafka throughput on the embedded cluster: the limit, a bare librdkafka consume loop, against
// kafka.source -> filter (about a third pass) -> kafka.sink through the executor, both reading
// the same preloaded topic in the same run. Prints messages/s of each and the ratio.
//
//   bench_kafka [MESSAGES]     (default 150000; the mock keeps 5 MiB per partition)
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "BareConsumeLoop.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Log.h"

using Clock = std::chrono::steady_clock;

namespace {

constexpr int kPartitions = 4;

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// ~100-byte sensor readings; temperature > 30 for one in three.
void preload(const std::string& boot, const char* topic, long count) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", boot.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "linger.ms", "20", err, sizeof err);
  rd_kafka_conf_set(conf, "batch.num.messages", "10000", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  char buf[160];
  for (long i = 0; i < count; ++i) {
    int n = std::snprintf(
        buf, sizeof buf,
        "{\"sensor\":\"sensor-%04ld\",\"temperature\":%.1f,\"humidity\":%.1f,\"status\":\"ok\","
        "\"ts\":%ld}",
        i % 1000, i % 3 == 0 ? 31.5 + (i % 7) : 18.0 + (i % 9), 40.0 + (i % 20),
        1764150000000L + i);
    while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic),
                             RD_KAFKA_V_PARTITION(static_cast<int32_t>(i % kPartitions)),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_VALUE(buf, static_cast<size_t>(n)),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(rk, 10);
  }
  rd_kafka_flush(rk, 60000);
  rd_kafka_destroy(rk);
}

double pipelineRun(const std::string& boot, const char* topic, long count, int round) {
  std::string text = R"({"streamcanvas":1,"name":"bench-)" + std::to_string(round) + R"(",
    "connections":{"k":{"type":"kafka","bootstrap_servers":")" +
                     boot + R"("}},
    "nodes":[
      {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":[")" +
                     topic +
                     R"("],"bounded":true,"start":"earliest"}},
      {"id":"hot","type":"filter","properties":{"condition":"temperature > 30"}},
      {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":"bench-out"}}],
    "edges":[{"from":"src","to":"hot"},{"from":"hot","to":"out"}]})";
  sc::LoadResult loaded = sc::parsePipeline(text, "<bench>");
  sc::Diagnostics diags;
  auto t0 = Clock::now();
  auto run = sc::Execution::plan(*loaded.pipeline, sc::NodeRegistry::builtin(), {}, diags);
  if (!run) {
    std::fprintf(stderr, "%s\n", diags.format().c_str());
    std::exit(1);
  }
  run->start();
  run->wait();
  double s = seconds(t0, Clock::now());
  if (!run->result().ok) {
    std::fprintf(stderr, "pipeline failed: %s\n", run->result().message.c_str());
    std::exit(1);
  }
  uint64_t read = run->sourceRecords();
  if (static_cast<long>(read) != count)
    std::fprintf(stderr, "pipeline read %lu of %ld\n", static_cast<unsigned long>(read), count);
  return static_cast<double>(count) / s;
}

}  // namespace

int main(int argc, char** argv) {
  long count = argc > 1 ? std::atol(argv[1]) : 150000;
  if (count <= 0) return std::fprintf(stderr, "usage: bench_kafka [MESSAGES]\n"), 2;
  sc::Logger::global().setLevel(sc::LogLevel::Warn);
  auto cluster = sc::kafka::EmbeddedCluster::start(1, kPartitions, "bench");
  if (!cluster.ok()) return std::fprintf(stderr, "%s\n", cluster.error.c_str()), 1;
  const std::string boot = cluster.value->bootstrapServers();
  const char* topic = "bench-in";
  cluster.value->ensureTopic(topic, kPartitions);
  cluster.value->ensureTopic("bench-out", kPartitions);
  preload(boot, topic, count);
  std::printf("embedded cluster, %ld messages of ~100 bytes in %d partitions\n", count,
              kPartitions);

  // Alternate the two so neither gets a warmer cluster; report the best of each.
  double bare = 0, pipeline = 0;
  for (int round = 0; round < 3; ++round) {
    bare = std::max(bare, sc::bench::bareConsumeLoop(boot, topic, kPartitions, count));
    pipeline = std::max(pipeline, pipelineRun(boot, topic, count, round));
  }
  std::printf("bare librdkafka consume loop:                 %10.0f msg/s\n", bare);
  std::printf("kafka.source -> filter (1/3) -> kafka.sink:   %10.0f msg/s\n", pipeline);
  std::printf(
      "ratio: %.1f%% of the limit (target >= 85%%; the pipeline is timed from plan to "
      "exit, the bare loop from its first message to its last)\n",
      100.0 * pipeline / bare);
  return 0;
}
