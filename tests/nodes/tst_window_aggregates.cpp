// The window state building blocks against exact oracles: the percentile sketch (1% relative
// error at every rank), the distinct counter (exact up to 4096, then HyperLogLog), the key
// table (interning, reference counting, deletion), and aggregate records (merging equals
// folding everything into one record; 128-bit integer sums).
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "engine/runtime/Arena.h"
#include "nodes/state/KeyTable.h"
#include "nodes/window/AggregateLayout.h"
#include "nodes/window/DistinctCounter.h"
#include "nodes/window/QuantileSketch.h"

using namespace sc;
using namespace sc::window;
using namespace sc::keyed;

namespace {

double exactQuantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[size_t(std::floor(q * double(v.size() - 1)))];
}

void checkQuantiles(const QuantileSketch& sketch, const std::vector<double>& values,
                    const char* what) {
  for (double q : {0.0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1.0}) {
    const double want = exactQuantile(values, q), got = sketch.quantile(q);
    if (std::fabs(got - want) > QuantileSketch::kAlpha * std::fabs(want) + 1e-12)
      QFAIL(qPrintable(QString("%1: q=%2 got %3, want %4")
                           .arg(what)
                           .arg(q)
                           .arg(got, 0, 'g', 17)
                           .arg(want, 0, 'g', 17)));
  }
}

uint64_t hashOf(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

}  // namespace

class TestWindowAggregates : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void quantilesWithinOnePercent_data();
  void quantilesWithinOnePercent();
  void quantilesExactForFewValues();
  void quantileMergeEqualsUnion();
  void distinctExactThenApproximate_data();
  void distinctExactThenApproximate();
  void distinctMerge();
  void keyTableInternsAndForgets();
  void aggregateMergeEqualsSingleRecord();
  void integerSumsAreExact();
  void emptyAggregates();
};

void TestWindowAggregates::quantilesWithinOnePercent_data() {
  QTest::addColumn<int>("distribution");
  QTest::newRow("uniform positive") << 0;
  QTest::newRow("mixed signs and zeros") << 1;
  QTest::newRow("lognormal, wide range") << 2;
  QTest::newRow("integers") << 3;
}

void TestWindowAggregates::quantilesWithinOnePercent() {
  QFETCH(int, distribution);
  std::mt19937_64 rng(uint64_t(distribution) + 11);
  std::vector<double> values;
  QuantileSketch sketch;
  for (int n = 0; n < 50000; ++n) {
    double x = 0;
    switch (distribution) {
      case 0:
        x = std::uniform_real_distribution<double>(0.5, 1000)(rng);
        break;
      case 1:
        x = n % 7 == 0 ? 0.0 : std::normal_distribution<double>(0, 50)(rng);
        break;
      case 2:
        x = std::lognormal_distribution<double>(0, 4)(rng);
        break;
      default:
        x = double(std::uniform_int_distribution<int>(-300, 3000)(rng));
        break;
    }
    values.push_back(x);
    sketch.add(x);
  }
  QCOMPARE(sketch.count(), uint64_t(values.size()));
  checkQuantiles(sketch, values, "sketch");
}

void TestWindowAggregates::quantilesExactForFewValues() {
  QuantileSketch sketch;
  std::vector<double> values;
  for (uint32_t n = 0; n < QuantileSketch::kExactValues; ++n) {
    values.push_back(double((n * 37) % 101) - 20.5);
    sketch.add(values.back());
  }
  for (double q : {0.0, 0.5, 0.9, 0.99, 1.0})
    QCOMPARE(sketch.quantile(q), exactQuantile(values, q));
  sketch.add(1e6);  // past the exact limit: approximate from here on
  values.push_back(1e6);
  checkQuantiles(sketch, values, "after switching");
}

void TestWindowAggregates::quantileMergeEqualsUnion() {
  std::mt19937_64 rng(5);
  std::vector<double> all;
  QuantileSketch a, b, small;
  for (int n = 0; n < 20000; ++n) {
    const double x = std::exponential_distribution<double>(0.01)(rng) - 30;
    all.push_back(x);
    (n % 3 ? a : b).add(x);
  }
  for (int n = 0; n < 10; ++n) {
    small.add(n);
    all.push_back(n);
  }
  a.merge(b);
  a.merge(small);
  QCOMPARE(a.count(), uint64_t(all.size()));
  checkQuantiles(a, all, "merged");
  // Exact + exact stays exact while it fits.
  QuantileSketch x, y;
  std::vector<double> few;
  for (int n = 0; n < 20; ++n) {
    x.add(n * 1.5);
    y.add(-n * 2.0);
    few.push_back(n * 1.5);
    few.push_back(-n * 2.0);
  }
  x.merge(y);
  for (double q : {0.0, 0.3, 0.5, 1.0})
    QCOMPARE(x.quantile(q), exactQuantile(few, q));
}

void TestWindowAggregates::distinctExactThenApproximate_data() {
  QTest::addColumn<int>("distinct");
  for (int n : {1, 100, 4096, 4097, 10000, 100000, 1000000})
    QTest::newRow(qPrintable(QString::number(n))) << n;
}

void TestWindowAggregates::distinctExactThenApproximate() {
  QFETCH(int, distinct);
  DistinctCounter c;
  for (int rep = 0; rep < 2; ++rep)  // every value twice
    for (int n = 0; n < distinct; ++n)
      c.add(hashOf(uint64_t(n)));
  const auto got = double(c.estimate());
  if (distinct <= int(DistinctCounter::kExactLimit)) {
    QVERIFY(c.exact());
    QCOMPARE(got, double(distinct));
  } else {
    QVERIFY(!c.exact());
    QVERIFY2(std::fabs(got - distinct) <= 0.03 * distinct,
             qPrintable(QString("estimate %1").arg(got)));
  }
}

void TestWindowAggregates::distinctMerge() {
  DistinctCounter a, b, big;
  for (int n = 0; n < 3000; ++n)
    a.add(hashOf(uint64_t(n)));
  for (int n = 1000; n < 4000; ++n)
    b.add(hashOf(uint64_t(n)));
  a.merge(b);  // union 4000: still exact
  QVERIFY(a.exact());
  QCOMPARE(a.estimate(), uint64_t(4000));
  for (int n = 0; n < 50000; ++n)
    big.add(hashOf(uint64_t(n) + 500000));
  a.merge(big);  // 54000 distinct
  QVERIFY(!a.exact());
  QVERIFY(std::fabs(double(a.estimate()) - 54000) <= 0.03 * 54000);
  DistinctCounter c;
  c.merge(a);
  QCOMPARE(c.estimate(), a.estimate());
}

void TestWindowAggregates::keyTableInternsAndForgets() {
  KeyTable table;
  std::mt19937_64 rng(3);
  std::map<std::string, uint32_t> oracle;  // live key -> id
  std::vector<std::string> live;
  for (int step = 0; step < 200000; ++step) {
    const std::string key =
        "k" + std::to_string(rng() % 20000) + std::string(rng() % 3 ? 0 : 20, 'x');
    const KeyView view{key.data(), uint32_t(key.size()), uint8_t(Kind::String)};
    bool created;
    const uint32_t id = table.intern(view, hashKey(view), created);
    auto it = oracle.find(key);
    if (it != oracle.end()) {
      QVERIFY(!created);
      QCOMPARE(id, it->second);
    } else {
      QVERIFY(created);
      table.retain(id);
      oracle[key] = id;
      live.push_back(key);
    }
    const KeyView back = table.view(id);
    QCOMPARE(std::string(back.data, back.len), key);
    if (rng() % 2 && !live.empty()) {  // forget a random live key
      const size_t pick = rng() % live.size();
      table.release(oracle[live[pick]]);
      table.collectAll();
      oracle.erase(live[pick]);
      live[pick] = live.back();
      live.pop_back();
    }
    table.sweep();
  }
  QCOMPARE(table.size(), uint32_t(oracle.size()));
  // Unretained new keys disappear at the next sweep.
  const std::string fresh = "never-retained";
  const KeyView view{fresh.data(), uint32_t(fresh.size()), uint8_t(Kind::String)};
  bool created;
  table.intern(view, hashKey(view), created);
  QVERIFY(created);
  table.sweep();
  QCOMPARE(table.size(), uint32_t(oracle.size()));
  table.intern(view, hashKey(view), created);
  QVERIFY(created);
  table.sweep();
  // Released keys stay interned for one collect() round; one used again in between stays.
  KeyTable rounds;
  auto intern = [&rounds](const std::string& k, bool& isNew) {
    const KeyView v{k.data(), uint32_t(k.size()), uint8_t(Kind::String)};
    return rounds.intern(v, hashKey(v), isNew);
  };
  bool isNew;
  const uint32_t a = intern("recurring", isNew), b = intern("once", isNew);
  rounds.retain(a);
  rounds.retain(b);
  rounds.release(a);
  rounds.release(b);
  rounds.collect();  // first round: both kept
  QCOMPARE(rounds.size(), uint32_t(2));
  QCOMPARE(rounds.held(), uint32_t(0));
  QCOMPARE(intern("recurring", isNew), a);
  QVERIFY(!isNew);
  rounds.retain(a);
  rounds.release(a);
  rounds.collect();  // "once" had no reference for a whole round: gone; "recurring" stays
  QCOMPARE(rounds.size(), uint32_t(1));
  QCOMPARE(intern("recurring", isNew), a);
  QVERIFY(!isNew);
  rounds.collectAll();
  QCOMPARE(rounds.size(), uint32_t(0));
}

void TestWindowAggregates::aggregateMergeEqualsSingleRecord() {
  std::vector<AggregateSpec> specs;
  const std::vector<std::string> fns = aggFnNames();
  for (const std::string& fn : fns) {
    AggregateSpec s;
    s.as = fn;
    parseAggFn(fn, s.fn);
    s.of = fn == "count" ? "" : "x";
    specs.push_back(s);
  }
  AggregateSpec countOf{"count_x", AggFn::Count, "x"};
  specs.push_back(countOf);
  AggregateLayout layout(specs);
  QCOMPARE(layout.inputs().size(), size_t(1));
  std::vector<uint8_t> whole(layout.recordSize()), part1(layout.recordSize()),
      part2(layout.recordSize()), merged(layout.recordSize());
  for (auto* r : {&whole, &part1, &part2, &merged})
    layout.init(r->data());

  std::mt19937_64 rng(9);
  const uint32_t n = 3000;
  std::vector<Value> column(n);
  std::vector<int64_t> times(n);
  std::vector<uint8_t*> toWhole(n), toParts(n);
  Arena arena;
  for (uint32_t r = 0; r < n; ++r) {
    switch (rng() % 5) {
      case 0:
        column[r] = Value::integer(int64_t(rng() % 1000) - 500);
        break;
      case 1:
        column[r] = Value::string(arena.copy("s" + std::to_string(rng() % 50)));
        break;
      case 2:
        column[r] = Value::null();
        break;
      default:
        column[r] = Value::number(double(rng() % 100000) / 7.0);
        break;
    }
    times[r] = int64_t(rng() % 1000);
    toWhole[r] = whole.data();
    toParts[r] = r % 2 ? part1.data() : part2.data();
  }
  AggregateLayout::countRows(toWhole.data(), n);
  layout.update(0, column.data(), toWhole.data(), times.data(), 0, n);
  AggregateLayout::countRows(toParts.data(), n);
  layout.update(0, column.data(), toParts.data(), times.data(), 0, n);
  layout.merge(merged.data(), part2.data());
  layout.merge(merged.data(), part1.data());
  QCOMPARE(AggregateLayout::rows(merged.data()), uint64_t(n));
  Arena out;
  for (size_t i = 0; i < specs.size(); ++i) {
    const Value a = layout.result(i, whole.data(), out), b = layout.result(i, merged.data(), out);
    QVERIFY2(a.kind == b.kind, specs[i].as.c_str());
    if (a.kind == Kind::Double)
      QVERIFY2(std::fabs(a.d - b.d) <= 1e-9 * std::fabs(a.d), specs[i].as.c_str());
    else
      QVERIFY2(valuesEqual(a, b), specs[i].as.c_str());
  }
  for (auto* r : {&whole, &part1, &part2, &merged})
    layout.release(r->data());
}

void TestWindowAggregates::integerSumsAreExact() {
  AggregateLayout layout({{"s", AggFn::Sum, "x"}, {"a", AggFn::Avg, "x"}});
  std::vector<uint8_t> rec(layout.recordSize());
  layout.init(rec.data());
  const int64_t big = std::numeric_limits<int64_t>::max() - 5;
  std::vector<Value> column = {Value::integer(big), Value::integer(big), Value::integer(-big),
                               Value::integer(-big), Value::integer(7)};
  std::vector<uint8_t*> recs(column.size(), rec.data());
  std::vector<int64_t> times(column.size(), 0);
  Arena arena;
  // Two values: the sum overflows 64 bits and comes out as a double.
  layout.update(0, column.data(), recs.data(), times.data(), 0, 2);
  Value s = layout.result(0, rec.data(), arena);
  QCOMPARE(s.kind, Kind::Double);
  QCOMPARE(s.d, 2.0 * double(big));
  // All five: the intermediate overflow cancels and the exact integer 7 remains.
  layout.update(0, column.data() + 2, recs.data(), times.data(), 2, 3);
  s = layout.result(0, rec.data(), arena);
  QCOMPARE(s.kind, Kind::Int);
  QCOMPARE(s.i, int64_t(7));
  QCOMPARE(layout.result(1, rec.data(), arena).d, 7.0 / 5.0);
}

void TestWindowAggregates::emptyAggregates() {
  // A window whose values are all null or non-numeric: count 0, everything else null.
  std::vector<AggregateSpec> specs;
  for (const std::string& fn : aggFnNames()) {
    AggregateSpec s;
    s.as = fn;
    parseAggFn(fn, s.fn);
    s.of = "x";
    specs.push_back(s);
  }
  AggregateLayout layout(specs);
  std::vector<uint8_t> rec(layout.recordSize());
  layout.init(rec.data());
  std::vector<Value> column = {Value::null(), Value::missing()};
  std::vector<uint8_t*> recs(2, rec.data());
  std::vector<int64_t> times(2, 0);
  AggregateLayout::countRows(recs.data(), 2);
  layout.update(0, column.data(), recs.data(), times.data(), 0, 2);
  Arena arena;
  for (size_t i = 0; i < specs.size(); ++i) {
    const Value v = layout.result(i, rec.data(), arena);
    if (specs[i].fn == AggFn::Count || specs[i].fn == AggFn::CountDistinct)
      QCOMPARE(v.i, int64_t(0));
    else
      QVERIFY2(v.kind == Kind::Null, specs[i].as.c_str());
  }
}

QTEST_GUILESS_MAIN(TestWindowAggregates)
#include "tst_window_aggregates.moc"
