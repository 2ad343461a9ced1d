#pragma once
// Deterministic sensor readings (~100 bytes of JSON) for the Kafka benchmarks that run on the
// embedded cluster: bench_topics filters them, bench_observe runs a pipeline over them.
#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <string>

namespace sc::bench {

// Produces `count` readings round-robin over `partitions` of `topic`; false if the producer
// could not be made or not everything was delivered within a minute.
inline bool produceReadings(const std::string& boot, const char* topic, int partitions,
                            long count) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", boot.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "linger.ms", "20", err, sizeof err);
  rd_kafka_conf_set(conf, "batch.num.messages", "10000", err, sizeof err);
  rd_kafka_conf_set(conf, "queue.buffering.max.messages", "1000000", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) return false;
  char value[160];
  for (long i = 0; i < count; ++i) {
    const int n = std::snprintf(value, sizeof value,
                                "{\"sensor\":\"s-%04ld\",\"temperature\":%ld.%ld,\"humidity\":%ld,"
                                "\"status\":\"ok\",\"ts\":%ld}",
                                i % 1000, 10 + i % 30, i % 10, 40 + i % 50, 1780000000000L + i);
    while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(int(i % partitions)),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_VALUE(value, size_t(n)),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(rk, 10);
  }
  const bool flushed = rd_kafka_flush(rk, 60000) == RD_KAFKA_RESP_ERR_NO_ERROR;
  rd_kafka_destroy(rk);
  return flushed;
}

}  // namespace sc::bench
