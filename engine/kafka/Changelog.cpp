#include "engine/kafka/Changelog.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "engine/kafka/EmbeddedCluster.h"
#include "engine/kafka/KafkaClient.h"
#include "engine/state/CheckpointStore.h"
#include "engine/state/StateCodec.h"

namespace sc::kafka {
namespace {

constexpr uint32_t kChunkMagic = 0x43434353;     // "SCCC"
constexpr uint32_t kManifestMagic = 0x4d434353;  // "SCCM"

using Clock = std::chrono::steady_clock;

int partitionCount(rd_kafka_t* rk, const std::string& topic, int timeoutMs) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  int count = -1;
  if (rd_kafka_metadata(rk, 0, rkt, &md, timeoutMs) == RD_KAFKA_RESP_ERR_NO_ERROR &&
      md->topic_cnt == 1 && !md->topics[0].err)
    count = md->topics[0].partition_cnt;
  if (md) rd_kafka_metadata_destroy(md);
  rd_kafka_topic_destroy(rkt);
  return count;
}

}  // namespace

Result<int> Changelog::ensureTopic(const ResolvedConnection& connection, const std::string& topic,
                                   const std::string& inputTopic, const std::string& who) {
  return ensureInternalTopic(connection, topic, {inputTopic}, {{"cleanup.policy", "compact"}}, who);
}

Result<int> Changelog::ensureInternalTopic(
    const ResolvedConnection& connection, const std::string& topic,
    const std::vector<std::string>& inputTopics,
    const std::vector<std::pair<std::string, std::string>>& config, const std::string& who) {
  using R = Result<int>;
  ClientOptions o;
  o.kind = ClientKind::Producer;
  o.label = who + " changelog admin";
  auto client = KafkaClient::create(connection, std::move(o));
  if (!client.ok()) return R::failure(client.error);
  rd_kafka_t* rk = client.value->handle();
  int partitions = 0;
  for (const std::string& input : inputTopics) {
    const int n = partitionCount(rk, input, 10000);
    if (n <= 0) return R::failure(who + ": cannot find the partitions of topic '" + input + "'");
    partitions = std::max(partitions, n);
  }
  if (partitions <= 0)
    return R::failure(who + ": no input topic to size the internal topic '" + topic + "' by");
  if (connection.cluster) {  // the embedded cluster keeps no topic configuration
    auto made = connection.cluster->ensureTopic(topic, partitions);
    if (!made.ok()) return R::failure(who + ": " + made.error);
  } else {
    char err[512] = {0};
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, -1, err, sizeof err);
    if (!nt) return R::failure(who + ": cannot create internal topic '" + topic + "': " + err);
    for (const auto& [name, value] : config)
      rd_kafka_NewTopic_set_config(nt, name.c_str(), value.c_str());
    rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
    rd_kafka_CreateTopics(rk, &nt, 1, nullptr, q);
    rd_kafka_NewTopic_destroy(nt);
    std::string error = "no answer to CreateTopics within 30 s";
    if (rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000)) {
      error.clear();
      if (rd_kafka_event_error(ev)) {
        error = rd_kafka_event_error_string(ev);
      } else {
        size_t n = 0;
        const rd_kafka_topic_result_t** results =
            rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
        for (size_t i = 0; i < n; ++i)
          if (rd_kafka_topic_result_error(results[i]) &&
              rd_kafka_topic_result_error(results[i]) != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
            error = rd_kafka_topic_result_error_string(results[i]);
      }
      rd_kafka_event_destroy(ev);
    }
    rd_kafka_queue_destroy(q);
    if (!error.empty())
      return R::failure(who + ": cannot create internal topic '" + topic + "': " + error);
  }
  int count = -1;
  for (int attempt = 0; attempt < 50 && count <= 0; ++attempt) {
    count = partitionCount(rk, topic, 2000);
    if (count <= 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  client.value->close(0);
  if (count <= 0) return R::failure(who + ": internal topic '" + topic + "' did not appear");
  return R::success(count);
}

std::vector<ChangelogRecord> Changelog::encode(std::string_view inputTopic, int32_t partition,
                                               uint64_t checkpointId, uint64_t writer,
                                               std::string_view snapshot, size_t chunkBytes) {
  std::vector<ChangelogRecord> out;
  const std::string prefix = keyPrefix(inputTopic, partition);
  uint32_t index = 0;
  size_t at = 0;
  do {
    const size_t n = std::min(chunkBytes, snapshot.size() - at);
    state::StateWriter w;
    w.u32(kChunkMagic);
    w.u64(checkpointId);
    w.u64(writer);
    w.u32(index);
    w.str(snapshot.substr(at, n));
    out.push_back({prefix + "c" + std::to_string(index), w.take()});
    at += n;
    ++index;
  } while (at < snapshot.size());
  state::StateWriter m;
  m.u32(kManifestMagic);
  m.u64(checkpointId);
  m.u64(writer);
  m.u32(index);
  m.u64(snapshot.size());
  m.u32(state::crc32(snapshot.data(), snapshot.size()));
  out.push_back({prefix + "m", m.take()});
  return out;
}

void Changelog::Assembler::add(std::string_view key, std::string_view value) {
  if (key.substr(0, prefix_.size()) != prefix_ || key.size() <= prefix_.size()) return;
  const char kind = key[prefix_.size()];
  state::StateReader r(value, "changelog record '" + std::string(key) + "'");
  if (kind == 'c') {
    if (r.u32() != kChunkMagic) r.fail("a changelog chunk");
    const uint64_t id = r.u64(), writer = r.u64();
    const uint32_t index = r.u32();
    std::string bytes = r.str();
    if (id != groupId_ || writer != groupWriter_) {
      chunks_.clear();  // chunks of a newer snapshot (an older one was cut short)
      groupId_ = id;
      groupWriter_ = writer;
    }
    chunks_[index] = std::move(bytes);
  } else if (kind == 'm') {
    if (r.u32() != kManifestMagic) r.fail("a changelog manifest");
    const uint64_t id = r.u64(), writer = r.u64();
    const uint32_t count = r.u32();
    const uint64_t size = r.u64();
    const uint32_t crc = r.u32();
    const std::string where = "changelog snapshot of checkpoint " + std::to_string(id) + " (" +
                              prefix_.substr(0, prefix_.size() - 1) + ")";
    if (id != groupId_ || writer != groupWriter_ || chunks_.size() != count)
      throw std::runtime_error(where + " is incomplete: its manifest names " +
                               std::to_string(count) + " chunks, " +
                               std::to_string(chunks_.size()) + " of them were found");
    std::string all;
    all.reserve(size);
    for (uint32_t i = 0; i < count; ++i) {
      auto it = chunks_.find(i);
      if (it == chunks_.end())
        throw std::runtime_error(where + " lacks chunk " + std::to_string(i));
      all += it->second;
    }
    if (all.size() != size || state::crc32(all.data(), all.size()) != crc)
      throw std::runtime_error(where + " does not match its checksum");
    snapshot_ = std::move(all);
    checkpointId_ = id;
    chunks_.clear();
  }
}

Result<std::optional<std::string>> Changelog::restore(rd_kafka_t* consumer, rd_kafka_t* probe,
                                                      const std::string& topic, int32_t partition,
                                                      const std::string& inputTopic, int waitMs,
                                                      const std::function<bool()>& stop) {
  using R = Result<std::optional<std::string>>;
  const std::string where = "changelog '" + topic + "' partition " + std::to_string(partition);
  const auto deadline = Clock::now() + std::chrono::milliseconds(waitMs);
  for (;;) {
    int64_t low = 0, stable = -1, high = -1;
    const bool known =
        !rd_kafka_query_watermark_offsets(consumer, topic.c_str(), partition, &low, &stable,
                                          5000) &&
        !rd_kafka_query_watermark_offsets(probe, topic.c_str(), partition, &low, &high, 5000);
    if (known && stable >= high && low >= high) return R::success(std::nullopt);  // empty
    if (known && stable >= high) break;
    if (stop()) return R::failure("stopped while waiting for " + where);
    if (Clock::now() >= deadline)
      return R::failure("a transaction stayed open on " + where + " for " +
                        std::to_string(waitMs / 1000) +
                        " s (a runner that died holds it until the broker aborts it after "
                        "transaction.timeout.ms)");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset =
      RD_KAFKA_OFFSET_BEGINNING;
  rd_kafka_resp_err_t err = rd_kafka_assign(consumer, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err) return R::failure("cannot read " + where + ": " + rd_kafka_err2str(err));
  Assembler assembler(inputTopic, partition);
  std::string failure;
  bool atEnd = false;
  while (!atEnd) {
    if (stop()) {
      failure = "stopped while reading " + where;
      break;
    }
    if (Clock::now() >= deadline) {
      failure =
          "the end of " + where + " was not reached within " + std::to_string(waitMs / 1000) + " s";
      break;
    }
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 100);
    if (!m) continue;
    const bool ours = m->partition == partition && m->rkt && topic == rd_kafka_topic_name(m->rkt);
    if (!ours) {
      // left over from the partition read before
    } else if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      atEnd = true;
    } else if (m->err) {
      if (m->err == RD_KAFKA_RESP_ERR__FATAL ||
          m->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
        failure = "cannot read " + where + ": " + rd_kafka_message_errstr(m);
    } else {
      try {
        assembler.add(
            std::string_view(static_cast<const char*>(m->key), m->key ? m->key_len : 0),
            std::string_view(static_cast<const char*>(m->payload), m->payload ? m->len : 0));
      } catch (const std::exception& e) {
        failure = e.what();
      }
    }
    rd_kafka_message_destroy(m);
    if (!failure.empty()) break;
  }
  rd_kafka_assign(consumer, nullptr);
  if (!failure.empty()) return R::failure(failure);
  return R::success(assembler.snapshot());
}

}  // namespace sc::kafka
