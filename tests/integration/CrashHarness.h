#pragma once
// The crash harness's input and oracle, shared by the tests that kill the runner: deterministic
// sensor readings (40 devices, event time rising 30 ms per reading, keyed by device so every
// device stays in one partition), the expected tumbling-window results computed here from the
// input, and the comparison of a sink's JSON results with them.

#include <librdkafka/rdkafka.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QtTest>

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace sc::test::crash {

constexpr int kDevices = 40;
constexpr int64_t kStartMs = 1'780'000'000'000;  // 2026-05-28
constexpr int64_t kStepMs = 30;

struct Reading {
  std::string device;
  int64_t ts;
  int v;
};

inline Reading reading(int i) {
  return {"d-" + std::to_string(i % kDevices), kStartMs + i * kStepMs, (i * 37) % 100};
}

inline std::string readingJson(const Reading& x) {
  return "{\"device\":\"" + x.device + "\",\"ts\":" + std::to_string(x.ts) +
         ",\"v\":" + std::to_string(x.v) + "}";
}

// (key, window_start) -> count, sum, min, max of v over readings with v >= 20.
using Result = std::map<std::pair<QString, qint64>, std::tuple<qint64, qint64, qint64, qint64>>;

inline Result oracle(int records, int64_t windowMs = 60000) {
  Result r;
  for (int i = 0; i < records; ++i) {
    Reading x = reading(i);
    if (x.v < 20) continue;
    const qint64 start = x.ts / windowMs * windowMs;
    auto [it, fresh] =
        r.try_emplace({QString::fromStdString(x.device), start}, 0, 0, INT64_MAX, INT64_MIN);
    auto& [n, sum, lo, hi] = it->second;
    ++n;
    sum += x.v;
    lo = std::min<qint64>(lo, x.v);
    hi = std::max<qint64>(hi, x.v);
  }
  return r;
}

// Parses the sink's JSON results; a (key, window) seen twice is a duplicate.
inline Result parseResults(const std::vector<QByteArray>& lines, int* duplicates) {
  Result r;
  *duplicates = 0;
  for (const QByteArray& line : lines) {
    if (line.isEmpty()) continue;
    QJsonObject o = QJsonDocument::fromJson(line).object();
    auto key = std::make_pair(o["key"].toString(), qint64(o["window_start"].toDouble()));
    auto value = std::make_tuple(qint64(o["n"].toDouble()), qint64(o["sum"].toDouble()),
                                 qint64(o["lo"].toDouble()), qint64(o["hi"].toDouble()));
    if (!r.emplace(key, value).second) ++*duplicates;
  }
  return r;
}

inline QString describeDifference(const Result& want, const Result& got) {
  int missing = 0, extra = 0, wrong = 0;
  QString first;
  for (const auto& [k, v] : want) {
    auto it = got.find(k);
    if (it == got.end()) {
      if (first.isEmpty()) first = QString("missing %1@%2").arg(k.first).arg(k.second);
      ++missing;
    } else if (it->second != v) {
      if (first.isEmpty())
        first = QString("%1@%2: count %3 want %4")
                    .arg(k.first)
                    .arg(k.second)
                    .arg(std::get<0>(it->second))
                    .arg(std::get<0>(v));
      ++wrong;
    }
  }
  for (const auto& [k, v] : got)
    if (!want.count(k)) ++extra;
  return QString("%1 missing, %2 extra, %3 wrong (%4)")
      .arg(missing)
      .arg(extra)
      .arg(wrong)
      .arg(first);
}

// Produces readings 0..count-1 to `topic` through `rk`, an independent producer that must be
// idempotent: retried batches would otherwise land twice or out of order, and the oracle counts
// on event time rising within every partition.
inline void produceReadings(rd_kafka_t* rk, const std::string& topic, int count) {
  for (int i = 0; i < count; ++i) {
    Reading x = reading(i);
    std::string value = readingJson(x);
    rd_kafka_resp_err_t e;
    while ((e = rd_kafka_producev(
                rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_VALUE(value.data(), value.size()),
                RD_KAFKA_V_KEY(x.device.data(), x.device.size()), RD_KAFKA_V_END)) ==
           RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(rk, 10);
    QCOMPARE(e, RD_KAFKA_RESP_ERR_NO_ERROR);
  }
  QCOMPARE(rd_kafka_flush(rk, 60000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

}  // namespace sc::test::crash
