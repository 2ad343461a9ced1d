#pragma once
// The Kafka limit the benchmarks compare against (as ../shared/bench/rawconsume.c measures it): a
// bare consumer with librdkafka's default fetch settings that assigns every partition of `topic`
// and drains `count` messages, timed from its first message to its last. Returns messages/s.
// `wholeSeconds`, when given, receives the time from creating the consumer to the last message
// (what a tool that connects, reads and shows pays).
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <string>
#include <vector>

namespace sc::bench {

inline double bareConsumeLoop(const std::string& boot, const char* topic, int partitions,
                              long count, double* wholeSeconds = nullptr) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point created = Clock::now();
  char err[512];
  Clock::time_point t0{};
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", boot.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "group.id", "bench-bare", err, sizeof err);
  rd_kafka_conf_set(conf, "enable.auto.commit", "false", err, sizeof err);
  rd_kafka_conf_set(conf, "enable.auto.offset.store", "false", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p)
    rd_kafka_topic_partition_list_add(list, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  rd_kafka_assign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  rd_kafka_queue_t* queue = rd_kafka_queue_get_consumer(rk);
  std::vector<rd_kafka_message_t*> msgs(1024);
  long seen = 0;
  unsigned long touched = 0;  // read a byte of each payload, as a consumer would
  while (seen < count) {
    rd_kafka_message_t* first = rd_kafka_consumer_poll(rk, 100);
    if (!first) continue;
    if (seen == 0 && !first->err) t0 = Clock::now();
    msgs[0] = first;
    ssize_t more = rd_kafka_consume_batch_queue(queue, 0, msgs.data() + 1, msgs.size() - 1);
    size_t n = 1 + (more > 0 ? static_cast<size_t>(more) : 0);
    for (size_t i = 0; i < n; ++i) {
      if (!msgs[i]->err) {
        ++seen;
        if (msgs[i]->len) touched += static_cast<const unsigned char*>(msgs[i]->payload)[0];
      }
      rd_kafka_message_destroy(msgs[i]);
    }
  }
  const Clock::time_point last = Clock::now();
  const double s = std::chrono::duration<double>(last - t0).count();
  if (wholeSeconds) *wholeSeconds = std::chrono::duration<double>(last - created).count();
  rd_kafka_queue_destroy(queue);
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return touched == 0 && count > 0 ? 0.0 : static_cast<double>(count) / s;
}

}  // namespace sc::bench
