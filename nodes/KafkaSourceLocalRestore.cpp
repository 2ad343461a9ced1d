#include "nodes/KafkaSourceLocalRestore.h"

#include <librdkafka/rdkafka.h>

#include <cstring>
#include <string_view>

#include "engine/state/StateCodec.h"

namespace sc {

void setCommitMetadata(rd_kafka_topic_partition_t* p, const std::string& note) {
  if (note.empty()) return;
  if (p->metadata) rd_kafka_mem_free(nullptr, p->metadata);
  p->metadata = rd_kafka_mem_malloc(nullptr, note.size());
  std::memcpy(p->metadata, note.data(), note.size());
  p->metadata_size = note.size();
}

std::optional<int64_t> kafkaSourceOffsetIn(const std::string& part, const std::string& topic,
                                           int32_t partition) {
  try {
    state::StateReader r(part, "kafka.source part");
    const uint32_t n = r.count(16);
    for (uint32_t i = 0; i < n; ++i) {
      const std::string t = r.str();
      const auto p = static_cast<int32_t>(r.u32());
      const int64_t offset = r.i64();
      if (p == partition && t == topic) return offset;
    }
  } catch (const state::StateError&) {
  }
  return std::nullopt;
}

void decideLocalRestore(state::LocalCheckpoints& local, const std::string& sourceNodeId,
                        const rd_kafka_topic_partition_list_t* committed) {
  for (int i = 0; i < committed->cnt; ++i) {
    const rd_kafka_topic_partition_t& e = committed->elems[i];
    state::LocalCheckpoints::Decision d;
    const auto mark = state::LocalCheckpoints::parseMetadata(
        e.metadata ? std::string_view(static_cast<const char*>(e.metadata), e.metadata_size)
                   : std::string_view());
    const std::vector<uint64_t> ids = local.ids();
    const std::string newest =
        ids.empty() ? "no local checkpoint" : "local checkpoint " + std::to_string(ids.back());
    if (e.offset < 0) {
      d.why = newest + ", the group has no commit";
    } else if (!mark) {
      d.why = newest + ", the group's commit names no checkpoint";
    } else if (mark->token != local.token()) {
      d.why = newest + ", group committed checkpoint " + std::to_string(mark->id) +
              " of another runner";
    } else if (const auto c = local.load(mark->id); !c) {
      d.why = newest + ", group committed " + std::to_string(mark->id) + ", which is not kept";
    } else if (const std::string* part = c->part(sourceNodeId); !part) {
      d.why =
          "local checkpoint " + std::to_string(mark->id) + " has no part of '" + sourceNodeId + "'";
    } else if (const auto offset = kafkaSourceOffsetIn(*part, e.topic, e.partition);
               !offset || *offset != e.offset) {
      d.why = "local checkpoint " + std::to_string(mark->id) + " at offset " +
              (offset ? std::to_string(*offset) : std::string("none")) + ", group committed " +
              std::to_string(e.offset);
    } else {
      d.local = mark->id;
      d.why = "matches the group's commit";
    }
    local.decide(e.topic, e.partition, std::move(d));
  }
}

}  // namespace sc
