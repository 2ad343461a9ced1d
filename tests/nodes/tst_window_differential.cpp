// window.tumbling, window.hopping and window.session driven through the Node API, compared with a
// brute-force oracle (WindowOracle.h): every record is put in every window it belongs to and every
// aggregate is computed exactly (sorting for percentiles, which must be within 1%). Inputs come
// from several partitions, shuffled within the out-of-orderness bound, with watermarks from the
// real WatermarkGenerator interleaved as a source emits them; some scenarios add records later
// than the bound (late port or dropped). Also one million keys.
#include <QtTest>

#include "WindowOracle.h"

using namespace sc;
using namespace sc::windowtest;

class TestWindowDifferential : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void differential_data();
  void differential();
  void millionKeys();
};

void TestWindowDifferential::differential_data() {
  QTest::addColumn<int>("type");
  QTest::addColumn<int>("keyMode");
  QTest::addColumn<int>("keys");
  QTest::addColumn<int>("records");
  QTest::addColumn<qint64>("size");
  QTest::addColumn<qint64>("slide");
  QTest::addColumn<qint64>("lateness");
  QTest::addColumn<int>("latePermille");
  QTest::addColumn<bool>("lateWired");
  QTest::addColumn<bool>("uniqueNames");
  QTest::addColumn<uint>("seed");
  const int T = int(WindowType::Tumbling), H = int(WindowType::Hopping),
            S = int(WindowType::Session);
  const int single = int(KeyMode::Single), composite = int(KeyMode::Composite),
            none = int(KeyMode::None);
  QTest::newRow("tumbling keyed") << T << single << 25 << 30000 << qint64(10000) << qint64(0)
                                  << qint64(0) << 0 << true << false << 1u;
  QTest::newRow("tumbling composite") << T << composite << 10 << 20000 << qint64(5000) << qint64(0)
                                      << qint64(0) << 0 << true << false << 2u;
  QTest::newRow("tumbling one key, approximate distinct")
      << T << none << 1 << 40000 << qint64(600000) << qint64(0) << qint64(0) << 0 << true << true
      << 3u;
  QTest::newRow("tumbling late to port, lateness")
      << T << single << 15 << 20000 << qint64(4000) << qint64(0) << qint64(3000) << 30 << true
      << false << 4u;
  QTest::newRow("tumbling late dropped") << T << single << 15 << 20000 << qint64(4000) << qint64(0)
                                         << qint64(0) << 30 << false << false << 5u;
  QTest::newRow("hopping size multiple of slide")
      << H << single << 20 << 20000 << qint64(10000) << qint64(2000) << qint64(0) << 0 << true
      << false << 6u;
  QTest::newRow("hopping pane gcd, late, lateness")
      << H << composite << 8 << 20000 << qint64(10000) << qint64(4000) << qint64(5000) << 25 << true
      << false << 7u;
  QTest::newRow("hopping late dropped") << H << none << 1 << 10000 << qint64(6000) << qint64(3000)
                                        << qint64(0) << 25 << false << false << 8u;
  QTest::newRow("session keyed") << S << single << 30 << 20000 << qint64(0) << qint64(0)
                                 << qint64(0) << 0 << true << false << 9u;
  QTest::newRow("session composite") << S << composite << 12 << 20000 << qint64(0) << qint64(0)
                                     << qint64(0) << 0 << true << false << 10u;
  QTest::newRow("session one key")
      << S << none << 1 << 8000 << qint64(0) << qint64(0) << qint64(0) << 0 << true << false << 11u;
}

void TestWindowDifferential::differential() {
  QFETCH(int, type);
  QFETCH(int, keyMode);
  QFETCH(int, keys);
  QFETCH(int, records);
  QFETCH(qint64, size);
  QFETCH(qint64, slide);
  QFETCH(qint64, lateness);
  QFETCH(int, latePermille);
  QFETCH(bool, lateWired);
  QFETCH(bool, uniqueNames);
  QFETCH(uint, seed);
  Scenario s;
  s.type = WindowType(type);
  s.keyMode = KeyMode(keyMode);
  s.keys = keys;
  s.records = records;
  if (size > 0) s.sizeMs = size;
  s.slideMs = slide > 0 ? slide : s.sizeMs;
  s.latenessMs = lateness;
  s.latePermille = latePermille;
  s.lateWired = lateWired;
  s.uniqueNames = uniqueNames;
  s.seed = seed;
  std::vector<Rec> recs = generate(s);
  const auto aggs = allAggregates();
  auto d = run(s, recs, aggs);
  compareWithOracle(s, recs, *d, aggs);
  if (latePermille > 0) {
    const OracleResult o = runOracle(s, recs);
    QVERIFY2(!o.late.empty(), "the scenario should produce late records");
  }
}

void TestWindowDifferential::millionKeys() {
  // 1,000,000 keys in one tumbling window, two records each: every key comes out once, right.
  Driver d(
      tumblingWindowSpec(),
      {{"size", "1m"}, {"key", "device"}, {"aggregates", Json::parse(R"([{"as":"n","fn":"count"},
                                                                  {"as":"s","fn":"sum","of":"value"}])")}});
  const int keys = 1'000'000;
  std::vector<Rec> recs(size_t(2 * keys));
  for (size_t k = 0; k < recs.size(); ++k) {
    Rec& r = recs[k];
    r.id = int64_t(k);
    const int key = int(k % keys);
    r.device = "device-" + std::to_string(key);
    r.valueKind = Kind::Int;
    r.valueInt = key;
    r.ts = 60'000 + int64_t(k % 1000);
  }
  for (size_t at = 0; at < recs.size(); at += 1000)
    d.push(recs, at, at + 1000);
  QCOMPARE(d.node().keyCount(), uint32_t(keys));
  const auto keySlot = uint32_t(d.slot("key")), startSlot = uint32_t(d.slot("window_start")),
             countSlot = uint32_t(d.slot("n")), sumSlot = uint32_t(d.slot("s"));
  std::vector<uint8_t> seen(keys, 0);
  size_t rows = 0, wrong = 0;
  d.rawRow = [&](const Batch& b, uint32_t r) {
    ++rows;
    const std::string_view key = b.at(keySlot, r).str();
    const int k = std::stoi(std::string(key.substr(7)));
    wrong += b.at(startSlot, r).i != 60'000 || b.at(countSlot, r).i != 2 ||
             b.at(sumSlot, r).i != 2 * int64_t(k) || seen[size_t(k)]++;
  };
  d.finish();
  QCOMPARE(rows, size_t(keys));
  QCOMPARE(wrong, size_t(0));
  QCOMPARE(d.node().keyCount(), uint32_t(0));
}

QTEST_GUILESS_MAIN(TestWindowDifferential)
#include "tst_window_differential.moc"
