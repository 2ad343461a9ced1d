// WatermarkGenerator (the source side of event time) and parseIso8601Ms: per-partition bounded
// out-of-orderness (max - bound - 1), the minimum over active partitions, idle partitions
// excluded by wall time, monotonic output, and event times stamped from an expression.
#include <QtTest>

#include "engine/runtime/Batch.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/SlotTable.h"
#include "engine/runtime/WatermarkGenerator.h"

using namespace sc;

namespace {

WatermarkStrategy strategy(int64_t bound, int64_t idle = 0, std::string timestamp = "$timestamp") {
  WatermarkStrategy s;
  s.timestamp = std::move(timestamp);
  s.maxOutOfOrdernessMs = bound;
  s.idleTimeoutMs = idle;
  return s;
}

}  // namespace

class TestWindowWatermarks : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void boundedOutOfOrderness();
  void minimumOverPartitions();
  void idlePartitionsAreExcluded();
  void declaredPartitionHoldsBack();
  void removedPartitionReleases();
  void stampsFromExpression();
  void untimedRowsNeverMoveTheWatermark();
  void processingTimeDoesNothing();
  void badExpression();
  void iso8601_data();
  void iso8601();
};

void TestWindowWatermarks::boundedOutOfOrderness() {
  WatermarkGenerator g(strategy(100));
  QVERIFY(g.enabled());
  int64_t wm = 0;
  QVERIFY(!g.advance(0, wm));
  QCOMPARE(g.current(0), WatermarkGenerator::kNoWatermark);
  g.observe(0, 1000, 0);
  QVERIFY(g.advance(0, wm));
  QCOMPARE(wm, int64_t(899));  // Flink: max - bound - 1
  QVERIFY(!g.advance(0, wm));  // nothing new
  g.observe(0, 950, 0);        // out of order: no change
  QVERIFY(!g.advance(0, wm));
  g.observe(0, 1500, 0);
  QVERIFY(g.advance(0, wm));
  QCOMPARE(wm, int64_t(1399));
}

void TestWindowWatermarks::minimumOverPartitions() {
  WatermarkGenerator g(strategy(0));
  g.observe(0, 5000, 0);
  g.observe(1, 3000, 0);
  g.observe(2, 4000, 0);
  QCOMPARE(g.current(0), int64_t(2999));
  g.observe(1, 6000, 0);
  QCOMPARE(g.current(0), int64_t(3999));
  g.observe(2, 7000, 0);
  QCOMPARE(g.current(0), int64_t(4999));
}

void TestWindowWatermarks::idlePartitionsAreExcluded() {
  WatermarkGenerator g(strategy(0, 1000));
  g.observe(0, 10'000, 0);
  g.observe(1, 2'000, 0);
  QCOMPARE(g.current(500), int64_t(1999));
  g.observe(0, 12'000, 900);  // partition 1 silent since wall time 0
  QCOMPARE(g.current(999), int64_t(1999));
  QCOMPARE(g.current(1000), int64_t(11'999));  // silent for idle_timeout: excluded
  // It speaks again with old data: active again, but the watermark never moves back.
  g.observe(1, 3'000, 1100);
  QCOMPARE(g.current(1100), int64_t(11'999));
  g.observe(1, 20'000, 1200);
  g.observe(0, 15'000, 1200);
  QCOMPARE(g.current(1200), int64_t(14'999));
  // Everyone idle: the watermark stays.
  QCOMPARE(g.current(5000), int64_t(14'999));
  int64_t wm;
  QVERIFY(g.advance(5000, wm));
  QCOMPARE(wm, int64_t(14'999));
}

void TestWindowWatermarks::declaredPartitionHoldsBack() {
  WatermarkGenerator g(strategy(0, 1000));
  g.addPartition(0, 0);
  g.addPartition(1, 0);
  g.observe(0, 5000, 10);
  QCOMPARE(g.current(10), WatermarkGenerator::kNoWatermark);  // partition 1 has no data yet
  QCOMPARE(g.current(1000), int64_t(4999));                   // until it is idle
}

void TestWindowWatermarks::removedPartitionReleases() {
  WatermarkGenerator g(strategy(0));
  g.observe(0, 5000, 0);
  g.observe(1, 1000, 0);
  QCOMPARE(g.current(0), int64_t(999));
  g.removePartition(1);  // revoked in a rebalance
  QCOMPARE(g.current(0), int64_t(4999));
}

void TestWindowWatermarks::stampsFromExpression() {
  SlotTable slots;
  const uint32_t ts = slots.intern("ts");
  WatermarkGenerator g(strategy(10, 0, "ts"));
  std::string error;
  QVERIFY2(g.compile(slots, &error), error.c_str());
  Batch b(8, slots.size());
  const Value values[] = {Value::integer(1000), Value::number(2000.7),
                          Value::string(b.arena().copy("1970-01-01T00:00:03.5Z")),
                          Value::string(b.arena().copy("soon")), Value::null()};
  for (const Value& v : values) {
    const uint32_t r = b.append();
    b.at(ts, r) = v;
    b.meta(r).timestamp = 77;
    b.meta(r).partition = 0;
  }
  g.stampAndObserve(b, 0);
  QCOMPARE(b.meta(0).timestamp, int64_t(1000));
  QCOMPARE(b.meta(1).timestamp, int64_t(2000));
  QCOMPARE(b.meta(2).timestamp, int64_t(3500));
  QCOMPARE(b.meta(3).timestamp, int64_t(77));  // no usable time: kept, and marked
  QCOMPARE(b.meta(4).timestamp, int64_t(77));
  QVERIFY(b.meta(3).noEventTime && b.meta(4).noEventTime && !b.meta(2).noEventTime);
  QCOMPARE(g.timestampErrors(), uint64_t(2));
  int64_t wm;
  QVERIFY(g.advance(0, wm));
  QCOMPARE(wm, int64_t(3500 - 10 - 1));
}

void TestWindowWatermarks::untimedRowsNeverMoveTheWatermark() {
  // A row without a usable time carries its read time (far ahead of the data): it must not
  // drag the watermark there, whatever the policy; skip removes it from the batch.
  for (TimestampErrorPolicy policy : {TimestampErrorPolicy::Late, TimestampErrorPolicy::Skip}) {
    SlotTable slots;
    const uint32_t ts = slots.intern("ts");
    WatermarkGenerator g(strategy(0, 0, "ts"));
    std::string error;
    QVERIFY2(g.compile(slots, &error), error.c_str());
    g.setTimestampErrorHandling({policy, "src", "line", nullptr, {}});
    Batch b(8, slots.size());
    for (int i = 0; i < 3; ++i) {
      const uint32_t r = b.append();
      b.at(ts, r) = i == 1 ? Value::null() : Value::integer(1000 + i);
      b.meta(r).timestamp = 1'800'000'000'000;  // now
      b.meta(r).offset = i + 1;
    }
    g.stampAndObserve(b, 0);
    QCOMPARE(b.size(), policy == TimestampErrorPolicy::Skip ? 2u : 3u);
    QCOMPARE(g.current(0), int64_t(1001));
  }
  // fail: names the node and the position.
  SlotTable slots;
  const uint32_t ts = slots.intern("ts");
  WatermarkGenerator g(strategy(0, 0, "ts"));
  std::string error;
  QVERIFY2(g.compile(slots, &error), error.c_str());
  g.setTimestampErrorHandling({TimestampErrorPolicy::Fail, "src", "line", nullptr, {}});
  Batch b(8, slots.size());
  const uint32_t r = b.append();
  b.at(ts, r) = Value::string(b.arena().copy("soon"));
  b.meta(r).offset = 42;
  try {
    g.stampAndObserve(b, 0);
    QFAIL("no failure");
  } catch (const NodeFailure& e) {
    QVERIFY2(std::string(e.what()).find("src: line 42: ") == 0, e.what());
  }
}

void TestWindowWatermarks::processingTimeDoesNothing() {
  WatermarkStrategy s = strategy(0);
  s.processingTime = true;
  WatermarkGenerator g(s);
  SlotTable slots;
  QVERIFY(g.compile(slots, nullptr));
  Batch b(2, 1);
  b.append();
  b.meta(0).timestamp = 5;
  g.stampAndObserve(b, 100);
  int64_t wm;
  QVERIFY(!g.advance(100, wm));
}

void TestWindowWatermarks::badExpression() {
  SlotTable slots;
  WatermarkGenerator g(strategy(0, 0, "ts +"));
  std::string error;
  QVERIFY(!g.compile(slots, &error));
  QVERIFY2(error.find("ts +") != std::string::npos, error.c_str());
}

void TestWindowWatermarks::iso8601_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<bool>("valid");
  QTest::addColumn<qint64>("ms");
  QTest::newRow("utc") << "2026-11-26T10:15:30Z" << true << qint64(1795688130000);
  QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << true << qint64(0);
  QTest::newRow("before epoch") << "1969-12-31T23:59:59.999Z" << true << qint64(-1);
  QTest::newRow("leap day") << "2024-02-29T12:00:00Z" << true << qint64(1709208000000);
  QTest::newRow("offset, fraction")
      << "2026-11-26T10:15:30.123+02:00" << true << qint64(1795680930123);
  QTest::newRow("negative offset, no colon")
      << "2026-11-26T00:00:00-0530" << true << qint64(1795671000000);
  QTest::newRow("date only") << "2026-11-26" << true << qint64(1795651200000);
  QTest::newRow("no seconds, space") << "2026-11-26 10:15Z" << true << qint64(1795688100000);
  QTest::newRow("no zone is utc") << "2026-11-26T10:15:30" << true << qint64(1795688130000);
  QTest::newRow("microseconds truncated")
      << "2026-11-26T10:15:30.123999Z" << true << qint64(1795688130123);
  QTest::newRow("month 13") << "2026-13-01T00:00:00Z" << false << qint64(0);
  QTest::newRow("february 30") << "2026-02-30T00:00:00Z" << false << qint64(0);
  QTest::newRow("hour 25") << "2026-11-26T25:00:00Z" << false << qint64(0);
  QTest::newRow("trailing text") << "2026-11-26T10:15:30Zx" << false << qint64(0);
  QTest::newRow("empty fraction") << "2026-11-26T10:15:30.Z" << false << qint64(0);
  QTest::newRow("not a date") << "yesterday" << false << qint64(0);
  QTest::newRow("empty") << "" << false << qint64(0);
}

void TestWindowWatermarks::iso8601() {
  QFETCH(QString, text);
  QFETCH(bool, valid);
  QFETCH(qint64, ms);
  int64_t out = 0;
  const std::string s = text.toStdString();
  QCOMPARE(parseIso8601Ms(s, out), valid);
  if (valid) QCOMPARE(qint64(out), ms);
}

QTEST_GUILESS_MAIN(TestWindowWatermarks)
#include "tst_window_watermarks.moc"
