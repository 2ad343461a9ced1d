#pragma once
// Kafka headers of consumed messages into records (RecordMeta::headers), either at once or, when
// only sinks read them (HeaderUse::AtSinks), just for the records that leave the source's thread:
// a filter fused onto that thread has dropped the others by then, and in librdkafka 2.0.x every
// rd_kafka_message_headers() call allocates, even for a message without headers.
#include <librdkafka/rdkafka.h>

#include <cstring>
#include <string_view>
#include <vector>

#include "engine/runtime/Batch.h"

namespace sc {

// Copies the headers of `m` into `meta`, their bytes into `arena`.
inline void copyKafkaHeaders(const rd_kafka_message_t* m, Arena& arena, RecordMeta& meta) {
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(m, &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
  const size_t count = rd_kafka_header_cnt(hdrs);
  Header* out = arena.allocateArray<Header>(count);
  const char* name;
  const void* value;
  size_t size;
  size_t h = 0;
  for (; h < count && !rd_kafka_header_get_all(hdrs, h, &name, &value, &size); ++h)
    out[h] =
        Header{arena.copy(name),
               arena.copy(std::string_view(static_cast<const char*>(value), value ? size : 0))};
  meta.headers = out;
  meta.headerCount = static_cast<uint32_t>(h);
}

// The messages of one poll, held until its batch has been emitted (every hand-off happens inside
// the emit call), then destroyed.
class HeldMessages {
 public:
  HeldMessages() = default;
  HeldMessages(const HeldMessages&) = delete;
  HeldMessages& operator=(const HeldMessages&) = delete;
  ~HeldMessages() { destroyAll(); }

  void hold(rd_kafka_message_t* m) { held_.push_back(m); }
  void destroyAll() {
    for (rd_kafka_message_t* m : held_)
      rd_kafka_message_destroy(m);
    held_.clear();
  }

  // Gives every record of `batch` that came from a held message (same topic, partition and
  // offset) that message's headers. Fused nodes drop records but keep their order, so one walk
  // forward finds them; a record out of order is looked up from the start.
  void fillHeaders(Batch& batch) const {
    size_t next = 0;
    for (uint32_t row = 0; row < batch.size(); ++row) {
      RecordMeta& meta = batch.meta(row);
      if (meta.headerCount > 0 || meta.offset < 0) continue;
      size_t at = find(meta, next);
      if (at == held_.size()) at = find(meta, 0);
      if (at == held_.size()) continue;  // not a message of this poll
      copyKafkaHeaders(held_[at], batch.arena(), meta);
      next = at;  // the same message may follow (a node copying a record)
    }
  }

 private:
  size_t find(const RecordMeta& meta, size_t from) const {
    for (size_t i = from; i < held_.size(); ++i) {
      const rd_kafka_message_t* m = held_[i];
      if (!m->err && m->offset == meta.offset && m->partition == meta.partition &&
          std::string_view(rd_kafka_topic_name(m->rkt)) == meta.topic)
        return i;
    }
    return held_.size();
  }

  std::vector<rd_kafka_message_t*> held_;
};

}  // namespace sc
