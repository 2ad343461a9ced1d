#pragma once
// Copies messages a source cannot decode to a dead-letter topic: payload, key and headers as
// they were, plus headers naming the reason and the origin (sc.error, sc.source.topic,
// sc.source.partition, sc.source.offset). Its own idempotent producer; acknowledgements are
// awaited before the source's offsets for those messages may commit (flush()).

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "engine/kafka/KafkaClient.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/KafkaResult.h"

typedef struct rd_kafka_headers_s rd_kafka_headers_t;

namespace sc::kafka {

// One message to set aside, and why.
struct DeadLetter {
  std::string_view payload;
  std::string_view key;
  bool hasKey = false;
  const rd_kafka_headers_t* headers = nullptr;  // the original message's, copied (may be null)
  std::string_view topic;                       // where it was read
  int32_t partition = 0;
  int64_t offset = 0;
  std::string_view error;  // what was wrong with it
};

class DeadLetterWriter {
 public:
  // `label` names the node in messages ("kafka.source 'src'"); `properties` are extra producer
  // settings applied after the connection's (tests bound the local queue with them).
  static Result<std::unique_ptr<DeadLetterWriter>> create(const ResolvedConnection& connection,
                                                          std::string topic, std::string label,
                                                          Properties properties = {});
  ~DeadLetterWriter();

  // Queues `letter`. While librdkafka's queue is full it serves delivery reports and retries,
  // until `stopping()` says the run is stopping. Empty on success, else what went wrong.
  std::string write(const DeadLetter& letter, const std::function<bool()>& stopping = {});
  // Waits up to timeoutMs until every letter written so far is acknowledged. Empty on success,
  // else what went wrong (a delivery failed, or some are still not acknowledged).
  std::string flush(int timeoutMs);
  // The first delivery failure reported so far (empty: none).
  std::string failure() const;
  void close(int flushTimeoutMs);

  const std::string& topic() const { return topic_; }

  // The headers a dead letter carries: the original ones, then the sc.* ones. The caller owns
  // the result (rd_kafka_headers_destroy), or passes it to a produce call that takes it.
  static rd_kafka_headers_t* headersFor(const DeadLetter& letter);

 private:
  DeadLetterWriter() = default;

  std::string topic_;
  std::string label_;
  std::unique_ptr<KafkaClient> producer_;
  std::atomic<bool> failed_{false};
  std::string failure_;  // written once, on the thread that polls, before failed_ is set
};

}  // namespace sc::kafka
