#pragma once
// Helpers shared by the Kafka integration tests: an embedded cluster per test, producing and
// reading topics with plain librdkafka (independent of the code under test), running pipelines
// through the executor, and capturing log lines.

#include <librdkafka/rdkafka.h>

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Log.h"
#include "engine/runtime/Planner.h"

namespace sc::test {

struct Produced {
  std::string value;
  std::string key;
  std::vector<std::pair<std::string, std::string>> headers;
  int32_t partition = -1;
  int64_t timestamp = 0;  // epoch ms; 0: the producer's clock
};

// Produces messages with an independent librdkafka producer and waits for every acknowledgement.
// A client connection to a cluster the test started.
inline kafka::ResolvedConnection connectionTo(
    const std::shared_ptr<kafka::EmbeddedCluster>& cluster) {
  kafka::ResolvedConnection c;
  c.settings.name = "test";
  c.settings.bootstrapServers = cluster->bootstrapServers();
  c.bootstrapServers = cluster->bootstrapServers();
  c.cluster = cluster;
  return c;
}

inline void produceAll(const std::string& bootstrap, const std::string& topic,
                       const std::vector<Produced>& messages) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "linger.ms", "5", err, sizeof err);
  rd_kafka_conf_set(conf, "log_level", "0", err,
                    sizeof err);  // retries while a test keeps the broker down
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  QVERIFY2(rk, err);
  for (const auto& m : messages) {
    rd_kafka_headers_t* hdrs = rd_kafka_headers_new(m.headers.size());
    for (const auto& [k, v] : m.headers)
      rd_kafka_header_add(hdrs, k.c_str(), -1, v.data(), static_cast<ssize_t>(v.size()));
    const char* key = m.key.empty() ? nullptr : m.key.data();
    const size_t keyLen = m.key.size();
    char* value = const_cast<char*>(m.value.data());
    const size_t valueLen = m.value.size();
    const int32_t partition = m.partition < 0 ? RD_KAFKA_PARTITION_UA : m.partition;
    rd_kafka_resp_err_t e = rd_kafka_producev(
        rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(partition),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE(value, valueLen),
        RD_KAFKA_V_KEY(key, keyLen), RD_KAFKA_V_TIMESTAMP(m.timestamp), RD_KAFKA_V_HEADERS(hdrs),
        RD_KAFKA_V_END);
    if (e) rd_kafka_headers_destroy(hdrs);
    QCOMPARE(e, RD_KAFKA_RESP_ERR_NO_ERROR);
  }
  QCOMPARE(rd_kafka_flush(rk, 20000), RD_KAFKA_RESP_ERR_NO_ERROR);
  rd_kafka_destroy(rk);
}

struct Consumed {
  std::string value;
  std::string key;
  bool hasKey = false;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp = -1;  // the message's timestamp (epoch ms)
  std::map<std::string, std::string> headers;
};

// Reads every message of every partition of `topic` up to its current end, independently of
// the code under test (assign + partition EOF).
inline std::vector<Consumed> readAll(const std::string& bootstrap, const std::string& topic) {
  char err[512];
  std::vector<Consumed> out;
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "group.id", "test-reader", err, sizeof err);
  rd_kafka_conf_set(conf, "enable.auto.commit", "false", err, sizeof err);
  rd_kafka_conf_set(conf, "enable.partition.eof", "true", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) return out;
  rd_kafka_poll_set_consumer(rk);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  if (rd_kafka_metadata(rk, 0, rkt, &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR &&
      md->topic_cnt == 1) {
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(8);
    for (int p = 0; p < md->topics[0].partition_cnt; ++p)
      rd_kafka_topic_partition_list_add(list, topic.c_str(), md->topics[0].partitions[p].id)
          ->offset = RD_KAFKA_OFFSET_BEGINNING;
    int remaining = list->cnt;
    rd_kafka_assign(rk, list);
    rd_kafka_topic_partition_list_destroy(list);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (remaining > 0 && std::chrono::steady_clock::now() < deadline) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 100);
      if (!m) continue;
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        --remaining;
      } else if (!m->err) {
        Consumed c;
        c.value.assign(static_cast<const char*>(m->payload), m->len);
        if (m->key) c.key.assign(static_cast<const char*>(m->key), m->key_len), c.hasKey = true;
        c.partition = m->partition;
        c.offset = m->offset;
        c.timestamp = rd_kafka_message_timestamp(m, nullptr);
        rd_kafka_headers_t* hdrs = nullptr;
        if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
          const char* name;
          const void* value;
          size_t size;
          for (size_t i = 0; !rd_kafka_header_get_all(hdrs, i, &name, &value, &size); ++i)
            c.headers[name] = std::string(static_cast<const char*>(value), size);
        }
        out.push_back(std::move(c));
      }
      rd_kafka_message_destroy(m);
    }
  }
  if (md) rd_kafka_metadata_destroy(md);
  rd_kafka_topic_destroy(rkt);
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return out;
}

inline std::vector<std::string> sortedValues(const std::vector<Consumed>& messages) {
  std::vector<std::string> v;
  for (const auto& m : messages)
    v.push_back(m.value);
  std::sort(v.begin(), v.end());
  return v;
}

// Committed offset of `group` per partition of `topic` (-1: none), read with a plain consumer.
inline std::map<int32_t, int64_t> committedOffsets(const std::string& bootstrap,
                                                   const std::string& group,
                                                   const std::string& topic, int partitions) {
  char err[512];
  std::map<int32_t, int64_t> out;
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p)
    rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
  rd_kafka_ListConsumerGroupOffsets_t* request =
      rd_kafka_ListConsumerGroupOffsets_new(group.c_str(), list);
  rd_kafka_topic_partition_list_destroy(list);
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_ListConsumerGroupOffsets(rk, &request, 1, nullptr, q);
  rd_kafka_ListConsumerGroupOffsets_destroy(request);
  if (rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 10000)) {
    size_t n = 0;
    const rd_kafka_group_result_t** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
        rd_kafka_event_ListConsumerGroupOffsets_result(ev), &n);
    for (size_t g = 0; g < n; ++g)
      if (const rd_kafka_topic_partition_list_t* parts =
              rd_kafka_group_result_partitions(groups[g]))
        for (int i = 0; i < parts->cnt; ++i)
          out[parts->elems[i].partition] = parts->elems[i].offset;
    rd_kafka_event_destroy(ev);
  }
  rd_kafka_queue_destroy(q);
  rd_kafka_destroy(rk);
  return out;
}

// Log lines captured while it lives (the global logger goes back to stderr afterwards).
class LogCapture {
 public:
  LogCapture() {
    Logger::global().setSink(
        [this](LogLevel, std::string_view component, std::string_view message) {
          std::lock_guard lock(mutex_);
          lines_.push_back(std::string(component) + ": " + std::string(message));
        });
  }
  ~LogCapture() { Logger::global().setSink({}); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  int count(const std::string& needle) const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(std::count_if(lines_.begin(), lines_.end(), [&](const std::string& l) {
      return l.find(needle) != std::string::npos;
    }));
  }
  std::string all() const {
    std::lock_guard lock(mutex_);
    std::string s;
    for (const auto& l : lines_)
      s += l + '\n';
    return s;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

// Parses a pipeline text and plans it for a run the way the runner and the designer do
// (sc::planPipeline); fails the test with the diagnostics otherwise.
inline std::unique_ptr<Execution> planPipeline(const std::string& text, RunOptions options = {}) {
  LoadResult loaded = parsePipeline(text, "<test>");
  if (!loaded.ok()) {
    qWarning("%s", loaded.diagnostics.format().c_str());
    return nullptr;
  }
  PlannedPipeline planned = sc::planPipeline(*loaded.pipeline, NodeRegistry::builtin(),
                                             PlanPurpose::Run, processEnvironment(), options);
  if (!planned.ok()) qWarning("%s", planned.diagnostics.format().c_str());
  return std::move(planned.execution);
}

// Runs to the end (bounded sources) within timeoutMs; returns the result.
inline RunResult runPipeline(const std::string& text, int64_t timeoutMs = 60000,
                             RunOptions options = {}) {
  auto run = planPipeline(text, options);
  if (!run) return RunResult{false, "", "plan failed"};
  run->start();
  if (!run->wait(timeoutMs)) {
    run->requestStop();
    run->wait();
    return RunResult{false, "", "did not finish in time"};
  }
  return run->result();
}

inline const NodeMetrics* metricsOf(const Execution& run, const std::string& id) {
  for (const NodeMetrics* m : run.metrics())
    if (m->nodeId == id) return m;
  return nullptr;
}

inline int64_t gaugeOf(const NodeMetrics& m, const std::string& name) {
  return m.gaugeValue(name).value_or(INT64_MIN);
}

// Waits (polling, no timed assertion) until pred() holds or the limit passes.
template <typename Pred>
bool waitFor(Pred pred, int limitMs = 30000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limitMs);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace sc::test
