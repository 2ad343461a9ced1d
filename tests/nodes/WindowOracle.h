#pragma once
// Test support for the window nodes: records, scenarios and their generator, a driver that
// feeds a window node through the Node API with watermarks as a source emits them, and the
// brute-force oracle (every record in every window it belongs to, every aggregate computed
// exactly). Used by tst_window_nodes and tst_window_differential.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>

#include <fstream>

#include "FakeEmitter.h"
#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/WatermarkGenerator.h"
#include "nodes/NodeTypes.h"
#include "nodes/window/WindowNode.h"

namespace sc::windowtest {

enum class WindowType { Tumbling, Hopping, Session };
enum class KeyMode { Single, Composite, None };

// One input record as the test knows it.
struct Rec {
  int64_t id = 0;  // also the arrival position
  std::string device;
  int64_t site = 0;
  Kind valueKind = Kind::Missing;
  int64_t valueInt = 0;
  double valueDouble = 0;
  bool hasName = false;
  std::string name;
  bool ivalueNull = false;
  int64_t ivalue = 0;
  int64_t ts = 0;
  int32_t partition = 0;
  int64_t watermarkAtArrival = WatermarkGenerator::kNoWatermark;  // filled by the driver
};

// A field value read back from an output batch, or computed by the oracle.
struct Cell {
  Kind kind = Kind::Null;
  int64_t i = 0;
  double d = 0;
  bool b = false;
  std::string s;

  static Cell null() { return {}; }
  static Cell integer(int64_t x) { return {Kind::Int, x, 0, false, {}}; }
  static Cell number(double x) { return {Kind::Double, 0, x, false, {}}; }
  static Cell string(std::string x) { return {Kind::String, 0, 0, false, std::move(x)}; }
  static Cell of(const Value& v) {
    switch (v.kind) {
      case Kind::Int:
        return integer(v.i);
      case Kind::Double:
        return number(v.d);
      case Kind::Bool:
        return {Kind::Bool, 0, 0, v.b, {}};
      case Kind::String:
        return string(std::string(v.str()));
      case Kind::Json:
        return {Kind::Json, 0, 0, false, std::string(v.str())};
      default:
        return null();
    }
  }
  bool isNumber() const { return kind == Kind::Int || kind == Kind::Double; }
  double toDouble() const { return kind == Kind::Int ? double(i) : d; }
  std::string text() const {
    switch (kind) {
      case Kind::Int:
        return std::to_string(i);
      case Kind::Double:
        return QString::number(d, 'g', 17).toStdString();
      case Kind::String:
        return "\"" + s + "\"";
      case Kind::Json:
        return s;
      case Kind::Bool:
        return b ? "true" : "false";
      default:
        return "null";
    }
  }
};

struct Aggregate {
  std::string as, fn, of;
};

// Every aggregate function, over a mixed numeric field, a string field and a computed expression.
inline std::vector<Aggregate> allAggregates() {
  return {{"n", "count", ""},
          {"n_value", "count", "value"},
          {"sum", "sum", "value"},
          {"avg", "avg", "value"},
          {"min", "min", "value"},
          {"max", "max", "value"},
          {"first", "first", "name"},
          {"last", "last", "value"},
          {"first_value", "first", "value"},
          {"last_name", "last", "name"},
          {"distinct", "count_distinct", "name"},
          {"distinct_value", "count_distinct", "value"},
          {"p50", "p50", "value"},
          {"p90", "p90", "value"},
          {"p95", "p95", "value"},
          {"p99", "p99", "value"},
          {"isum2", "sum", "ivalue * 2"},
          {"imax", "max", "ivalue"}};
}

inline Json aggregatesJson(const std::vector<Aggregate>& aggs) {
  Json a = Json::array();
  for (const auto& g : aggs) {
    Json o = {{"as", g.as}, {"fn", g.fn}};
    if (!g.of.empty()) o["of"] = g.of;
    a.push_back(o);
  }
  return a;
}

inline Cell fieldOf(const Rec& r, const std::string& of) {
  if (of == "value") {
    switch (r.valueKind) {
      case Kind::Int:
        return Cell::integer(r.valueInt);
      case Kind::Double:
        return Cell::number(r.valueDouble);
      case Kind::String:
        return Cell::string("n/a");
      default:
        return Cell::null();
    }
  }
  if (of == "name") return r.hasName ? Cell::string(r.name) : Cell::null();
  if (of == "ivalue") return r.ivalueNull ? Cell::null() : Cell::integer(r.ivalue);
  if (of == "ivalue * 2") return r.ivalueNull ? Cell::null() : Cell::integer(r.ivalue * 2);
  return Cell::null();
}

// Identity of a value for count_distinct (numbers by value: 1 and 1.0 are one value).
inline std::string distinctIdentity(const Cell& c) {
  if (c.kind == Kind::Double && c.d == std::floor(c.d) && std::fabs(c.d) < 9e15)
    return "n" + std::to_string(int64_t(c.d));
  if (c.kind == Kind::Int) return "n" + std::to_string(c.i);
  return std::to_string(int(c.kind)) + c.text();
}

struct Expectation {
  Cell value;
  double relativeTolerance = 0;  // numbers only
};

// The exact answer for one aggregate over one group (records in arrival order).
inline Expectation oracle(const Aggregate& a, const std::vector<const Rec*>& group) {
  if (a.fn == "count" && a.of.empty()) return {Cell::integer(int64_t(group.size()))};
  std::vector<std::pair<const Rec*, Cell>> values;
  for (const Rec* r : group) {
    Cell c = fieldOf(*r, a.of);
    if (c.kind != Kind::Null) values.emplace_back(r, c);
  }
  std::vector<Cell> nums;
  for (const auto& [r, c] : values)
    if (c.isNumber()) nums.push_back(c);
  if (a.fn == "count") return {Cell::integer(int64_t(values.size()))};
  if (a.fn == "sum" || a.fn == "avg") {
    if (nums.empty()) return {Cell::null()};
    bool allInts = true;
    int64_t isum = 0;
    double total = 0;
    for (const Cell& c : nums) {
      allInts &= c.kind == Kind::Int;
      if (c.kind == Kind::Int) isum += c.i;
      total += c.toDouble();
    }
    if (a.fn == "avg") return {Cell::number(total / double(nums.size())), 1e-9};
    return allInts ? Expectation{Cell::integer(isum)} : Expectation{Cell::number(total), 1e-9};
  }
  if (a.fn == "min" || a.fn == "max") {
    if (nums.empty()) return {Cell::null()};
    const bool isMin = a.fn == "min";
    double best = nums[0].toDouble();
    for (const Cell& c : nums)
      best = isMin ? std::min(best, c.toDouble()) : std::max(best, c.toDouble());
    // An integer wins a tie with an equal double.
    for (const Cell& c : nums)
      if (c.kind == Kind::Int && double(c.i) == best) return {c};
    return {Cell::number(best)};
  }
  if (a.fn == "first" || a.fn == "last") {
    if (values.empty()) return {Cell::null()};
    auto better = [&](const Rec* x, const Rec* y) {  // x precedes y in (event time, arrival)
      return x->ts != y->ts ? x->ts < y->ts : x->id < y->id;
    };
    size_t pick = 0;
    for (size_t k = 1; k < values.size(); ++k) {
      const bool earlier = better(values[k].first, values[pick].first);
      if (a.fn == "first" ? earlier : !earlier) pick = k;
    }
    return {values[pick].second};
  }
  if (a.fn == "count_distinct") {
    std::set<std::string> ids;
    for (const auto& [r, c] : values)
      ids.insert(distinctIdentity(c));
    // Exact up to 4096 distinct values, then HyperLogLog (0.8% standard error; 3% is > 3.5 sigma).
    return {Cell::integer(int64_t(ids.size())), ids.size() > 4096 ? 0.03 : 0};
  }
  // Percentiles: the value at rank floor(q * (n - 1)), within 1%.
  if (nums.empty()) return {Cell::null()};
  const double q = a.fn == "p50" ? 0.5 : a.fn == "p90" ? 0.9 : a.fn == "p95" ? 0.95 : 0.99;
  std::vector<double> sorted;
  for (const Cell& c : nums)
    sorted.push_back(c.toDouble());
  std::sort(sorted.begin(), sorted.end());
  return {Cell::number(sorted[size_t(std::floor(q * double(sorted.size() - 1)))]), 0.01 + 1e-12};
}

inline bool matches(const Cell& got, const Expectation& e, const std::string& fn) {
  const Cell& want = e.value;
  if (want.kind == Kind::Null) return got.kind == Kind::Null;
  if (want.isNumber()) {
    if (!got.isNumber()) return false;
    const bool percentile = fn.size() == 3 && fn[0] == 'p';
    // Integer results must keep their kind (sum of ints, count, min/max of an int).
    if (!percentile && fn != "avg" && (want.kind == Kind::Int) != (got.kind == Kind::Int))
      return false;
    const double w = want.toDouble(), g = got.toDouble();
    return std::fabs(g - w) <=
           e.relativeTolerance * std::fabs(w) + (e.relativeTolerance > 0 ? 1e-9 : 0);
  }
  return got.kind == want.kind && got.s == want.s && got.b == want.b;
}

struct Scenario {
  WindowType type = WindowType::Tumbling;
  KeyMode keyMode = KeyMode::Single;
  int keys = 20;
  int records = 20000;
  int partitions = 3;
  int64_t sizeMs = 10'000, slideMs = 10'000, gapMs = 3'000;
  int64_t boundMs = 2'000;
  int64_t latenessMs = 0;
  int latePermille = 0;  // records delayed far beyond the bound
  int64_t stepMs = 40;   // mean event-time step within a partition
  bool uniqueNames = false;
  bool lateWired = true;
  uint32_t seed = 1;
};

inline std::vector<Rec> generate(const Scenario& s) {
  std::mt19937_64 rng(s.seed);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  std::vector<std::vector<std::pair<int64_t, Rec>>> parts(size_t(s.partitions));
  const int64_t base = 1'764'000'000'000;
  std::vector<int64_t> clock(size_t(s.partitions), base);
  for (int n = 0; n < s.records; ++n) {
    const auto p = size_t(uniform(0, s.partitions - 1));
    Rec r;
    clock[p] += uniform(0, 2 * s.stepMs);
    // Occasional silences leave some windows (and whole sessions) empty.
    if (uniform(0, 999) < 3) clock[p] += uniform(s.sizeMs, 4 * s.sizeMs);
    r.ts = clock[p];
    r.partition = int32_t(p);
    r.device = "dev-" + std::to_string(uniform(0, s.keys - 1));
    r.site = uniform(0, 2);
    const int64_t k = uniform(0, 99);
    if (k < 60) {
      r.valueKind = Kind::Double;
      r.valueDouble = double(uniform(-5000, 15000)) / 100.0;
    } else if (k < 80) {
      r.valueKind = Kind::Int;
      r.valueInt = uniform(-100, 200);
    } else if (k < 87) {
      r.valueKind = Kind::Null;
    } else if (k < 94) {
      r.valueKind = Kind::Missing;
    } else {
      r.valueKind = Kind::String;
    }
    r.hasName = uniform(0, 9) > 0;
    r.name = s.uniqueNames ? "name-" + std::to_string(n) : "name-" + std::to_string(uniform(0, 29));
    r.ivalueNull = uniform(0, 9) == 0;
    r.ivalue = uniform(-1000, 1000);
    int64_t arrival = r.ts + uniform(0, s.boundMs);
    if (uniform(0, 999) < s.latePermille)
      arrival = r.ts + s.boundMs + uniform(1, 4 * s.sizeMs + 4 * s.gapMs);
    parts[p].emplace_back(arrival, r);
  }
  for (auto& part : parts)
    std::stable_sort(part.begin(), part.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  // Interleave the partitions in random runs, as a consumer of several partitions sees them.
  std::vector<Rec> out;
  std::vector<size_t> pos(parts.size(), 0);
  while (out.size() < size_t(s.records)) {
    const auto p = size_t(uniform(0, s.partitions - 1));
    for (int64_t run = uniform(1, 60); run > 0 && pos[p] < parts[p].size(); --run) {
      out.push_back(parts[p][pos[p]++].second);
      out.back().id = int64_t(out.size()) - 1;
    }
  }
  return out;
}

// Output identity: window bounds and key text.
using WindowKey = std::tuple<std::string, int64_t, int64_t>;

struct Output {
  std::map<std::string, Cell> fields;
  int emissions = 0;
};

inline std::string keyText(const Rec& r, KeyMode mode) {
  switch (mode) {
    case KeyMode::Single:
      return "\"" + r.device + "\"";
    case KeyMode::Composite:
      return "{\"device\":\"" + r.device + "\",\"site\":" + std::to_string(r.site) + "}";
    case KeyMode::None:
      return "null";
  }
  return {};
}

// Drives one window node: builds batches, runs the source-side watermark generator, and reads
// every result back.
class Driver {
 public:
  Driver(const NodeSpec& spec, const Json& properties) : spec_(spec) {
    PlanContext plan(slots_, doc_, resources_);
    NodeConfig cfg(spec_, "w", 0, properties);
    node_ = spec_.create();
    node_->configure(cfg, plan);
    QVERIFY(plan.takeRequest(strategy_));
    for (const char* f : {"device", "site", "value", "name", "ivalue", "id"})
      slot_[f] = slots_.intern(f);
    out_ = std::make_unique<test::FakeEmitter>(slots_.size(), 1024);
    generator_ = WatermarkGenerator(strategy_);
    std::string error;
    QVERIFY2(generator_.compile(slots_, &error), error.c_str());
  }

  window::WindowNode& node() { return dynamic_cast<window::WindowNode&>(*node_); }
  test::FakeEmitter& emitter() { return *out_; }
  const NodeMetrics& metrics() const { return metrics_; }
  const WatermarkStrategy& strategy() const { return strategy_; }
  void setLateWired(bool on) { out_->setConnected(1, on); }
  // Like a Kafka source with its assignment: partitions count before their first record.
  void declarePartitions(int n) {
    for (int p = 0; p < n; ++p)
      generator_.addPartition(p, 0);
  }
  int32_t slot(const std::string& field) const { return slots_.find(field); }
  // When set, result rows go here instead of being kept (for very large outputs).
  std::function<void(const Batch&, uint32_t)> rawRow;

  // One batch as a source would send it, then the source's watermark if it advanced.
  void push(std::vector<Rec>& recs, size_t from, size_t to) {
    for (size_t k = from; k < to; ++k)
      recs[k].watermarkAtArrival = watermark_;
    feed(recs, from, to);
    int64_t wm;
    if (generator_.advance(0, wm)) watermark(wm);
  }

  // One batch for the node alone (the caller runs watermarks; the generator still observes).
  void feed(const std::vector<Rec>& recs, size_t from, size_t to) {
    Batch* b = out_->acquire();
    for (size_t k = from; k < to; ++k) {
      const Rec& r = recs[k];
      const uint32_t row = b->append();
      b->at(slot_["device"], row) = Value::string(b->arena().copy(r.device));
      b->at(slot_["site"], row) = Value::integer(r.site);
      switch (r.valueKind) {
        case Kind::Int:
          b->at(slot_["value"], row) = Value::integer(r.valueInt);
          break;
        case Kind::Double:
          b->at(slot_["value"], row) = Value::number(r.valueDouble);
          break;
        case Kind::Null:
          b->at(slot_["value"], row) = Value::null();
          break;
        case Kind::String:
          b->at(slot_["value"], row) = Value::string(b->arena().copy("n/a"));
          break;
        default:
          break;
      }
      if (r.hasName) b->at(slot_["name"], row) = Value::string(b->arena().copy(r.name));
      b->at(slot_["ivalue"], row) = r.ivalueNull ? Value::null() : Value::integer(r.ivalue);
      b->at(slot_["id"], row) = Value::integer(r.id);
      b->meta(row).timestamp = r.ts;
      b->meta(row).partition = r.partition;
    }
    generator_.stampAndObserve(*b, 0);
    node_->process(0, b, *out_);
    drain();
  }

  // Like the executor before the first batch (restoreState() comes after this).
  void open() {
    run_ = std::make_unique<RunContext>("w", metrics_, slots_, resources_, stop_);
    node_->open(*run_);
  }

  void watermark(int64_t wm) {
    watermark_ = wm;
    node_->onWatermark(wm, *out_);
    drain();
  }
  void tick(int64_t now) {
    node_->onTick(now, *out_);
    drain();
  }
  void finish() {
    node_->finish(*out_);
    drain();
    QCOMPARE(out_->outstanding(), int64_t(0));
  }

  std::map<WindowKey, Output> results;
  std::vector<std::pair<WindowKey, std::map<std::string, Cell>>> emitted;  // in order
  std::vector<int64_t> lateIds;
  std::vector<int64_t> forwardedWatermarks;

 private:
  void drain() {
    const int32_t startSlot = slots_.find("window_start"), endSlot = slots_.find("window_end"),
                  keySlot = slots_.find("key");
    for (const Batch* b : out_->batches(0)) {
      for (uint32_t r = 0; r < b->size() && rawRow; ++r)
        rawRow(*b, r);
      for (uint32_t r = 0; r < b->size() && !rawRow; ++r) {
        const Value& k = b->at(uint32_t(keySlot), r);
        const WindowKey wk{Cell::of(k).text(), b->at(uint32_t(startSlot), r).i,
                           b->at(uint32_t(endSlot), r).i};
        std::map<std::string, Cell> fields;
        for (uint32_t s = 0; s < slots_.size(); ++s) {
          const Value& v = b->at(s, r);
          if (v.owned()) fields[slots_.text(s)] = Cell::of(v);
        }
        QCOMPARE(b->meta(r).timestamp, std::get<2>(wk) - 1);
        emitted.emplace_back(wk, fields);
        Output& o = results[wk];
        o.fields = fields;
        ++o.emissions;
      }
    }
    for (const Batch* b : out_->batches(1))
      for (uint32_t r = 0; r < b->size(); ++r)
        lateIds.push_back(b->at(slot_["id"], r).i);
    for (int64_t wm : out_->watermarks())
      forwardedWatermarks.push_back(wm);
    out_->clear();
  }

  NodeSpec spec_;
  SlotTable slots_;
  Json doc_ = Json::object();
  ResourceRegistry resources_;
  std::unique_ptr<Node> node_;
  std::unique_ptr<test::FakeEmitter> out_;
  WatermarkStrategy strategy_;
  WatermarkGenerator generator_;
  std::map<std::string, uint32_t> slot_;
  int64_t watermark_ = WatermarkGenerator::kNoWatermark;
  NodeMetrics metrics_;
  std::atomic<bool> stop_{false};
  std::unique_ptr<RunContext> run_;
};

inline int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b) < 0 ? 1 : 0);
}

inline NodeSpec specOf(WindowType t) {
  switch (t) {
    case WindowType::Tumbling:
      return tumblingWindowSpec();
    case WindowType::Hopping:
      return hoppingWindowSpec();
    case WindowType::Session:
      return sessionWindowSpec();
  }
  return {};
}

inline std::string ms(int64_t v) {
  return std::to_string(v) + "ms";
}

inline Json propertiesOf(const Scenario& s, const std::vector<Aggregate>& aggs) {
  Json p = {{"aggregates", aggregatesJson(aggs)},
            {"max_out_of_orderness", ms(s.boundMs)},
            {"allowed_lateness", ms(s.latenessMs)}};
  if (s.type == WindowType::Session)
    p["gap"] = ms(s.gapMs);
  else
    p["size"] = ms(s.sizeMs);
  if (s.type == WindowType::Hopping) p["slide"] = ms(s.slideMs);
  if (s.keyMode == KeyMode::Single) p["key"] = "device";
  if (s.keyMode == KeyMode::Composite) p["key"] = Json::array({"device", "site"});
  return p;
}

// Groups of the oracle: (key, window) -> records included, and the ids of records that are late.
struct OracleResult {
  std::map<WindowKey, std::vector<const Rec*>> groups;
  std::set<int64_t> late;
};

inline OracleResult runOracle(const Scenario& s, const std::vector<Rec>& recs) {
  OracleResult o;
  if (s.type == WindowType::Session) {
    // No late records in session scenarios: sessions per key from the sorted event times.
    std::map<std::string, std::vector<const Rec*>> byKey;
    for (const Rec& r : recs)
      byKey[keyText(r, s.keyMode)].push_back(&r);
    for (auto& [key, list] : byKey) {
      std::vector<const Rec*> sorted = list;
      std::stable_sort(sorted.begin(), sorted.end(),
                       [](const Rec* a, const Rec* b) { return a->ts < b->ts; });
      size_t begin = 0;
      for (size_t k = 1; k <= sorted.size(); ++k) {
        // Records less than `gap` apart share a session.
        if (k < sorted.size() && sorted[k]->ts - sorted[k - 1]->ts < s.gapMs) continue;
        std::vector<const Rec*> group(sorted.begin() + long(begin), sorted.begin() + long(k));
        std::sort(group.begin(), group.end(),
                  [](const Rec* a, const Rec* b) { return a->id < b->id; });
        o.groups[{key, sorted[begin]->ts, sorted[k - 1]->ts + s.gapMs}] = group;
        begin = k;
      }
    }
    return o;
  }
  for (const Rec& r : recs) {
    bool included = false;
    const int64_t last = floorDiv(r.ts, s.slideMs) * s.slideMs;
    for (int64_t start = last; start > r.ts - s.sizeMs; start -= s.slideMs) {
      const int64_t end = start + s.sizeMs;
      // Flink: a window takes a record unless end - 1 + allowed lateness <= the watermark.
      if (r.watermarkAtArrival != WatermarkGenerator::kNoWatermark &&
          end - 1 + s.latenessMs <= r.watermarkAtArrival)
        continue;
      included = true;
      o.groups[{keyText(r, s.keyMode), start, end}].push_back(&r);
    }
    if (!included) o.late.insert(r.id);
  }
  return o;
}

// Runs a scenario and returns the driver for further checks.
std::unique_ptr<Driver> run(const Scenario& s, std::vector<Rec>& recs,
                            const std::vector<Aggregate>& aggs,
                            const Json& extra = Json::object()) {
  Json props = propertiesOf(s, aggs);
  for (auto it = extra.begin(); it != extra.end(); ++it)
    props[it.key()] = *it;
  auto d = std::make_unique<Driver>(specOf(s.type), props);
  d->setLateWired(s.lateWired);
  d->declarePartitions(s.partitions);
  std::mt19937 rng(s.seed * 7 + 1);
  for (size_t at = 0; at < recs.size();) {
    const size_t n =
        std::min(recs.size() - at, size_t(std::uniform_int_distribution<int>(1, 250)(rng)));
    d->push(recs, at, at + n);
    at += n;
  }
  d->finish();
  return d;
}

void compareWithOracle(const Scenario& s, const std::vector<Rec>& recs, Driver& d,
                       const std::vector<Aggregate>& aggs) {
  const OracleResult o = runOracle(s, recs);
  QVERIFY(!o.groups.empty());
  for (const auto& [wk, group] : o.groups) {
    auto it = d.results.find(wk);
    if (it == d.results.end()) {
      // Name what came out instead for this key around that time.
      std::string near;
      for (const auto& [other, out] : d.results)
        if (std::get<0>(other) == std::get<0>(wk) && std::get<2>(other) > std::get<1>(wk) &&
            std::get<1>(other) < std::get<2>(wk))
          near += " [" + std::to_string(std::get<1>(other)) + ", " +
                  std::to_string(std::get<2>(other)) + ")";
      QFAIL(("missing window " + std::get<0>(wk) + " [" + std::to_string(std::get<1>(wk)) + ", " +
             std::to_string(std::get<2>(wk)) + "); emitted instead:" + near)
                .c_str());
    }
    if (s.latenessMs == 0) QCOMPARE(it->second.emissions, 1);
    for (const Aggregate& a : aggs) {
      const Expectation e = oracle(a, group);
      const Cell& got = it->second.fields.at(a.as);
      QVERIFY2(matches(got, e, a.fn),
               (a.as + " of " + std::get<0>(wk) + " [" + std::to_string(std::get<1>(wk)) +
                "): got " + got.text() + ", expected " + e.value.text())
                   .c_str());
    }
  }
  // Nothing beyond the oracle's windows: in particular no empty window.
  QCOMPARE(d.results.size(), o.groups.size());
  std::set<int64_t> lateSeen(d.lateIds.begin(), d.lateIds.end());
  if (s.lateWired) {
    QCOMPARE(lateSeen, o.late);
    QCOMPARE(d.node().lateDropped(), uint64_t(0));
  } else {
    QVERIFY(d.lateIds.empty());
    QCOMPARE(d.node().lateDropped(), uint64_t(o.late.size()));
  }
  // All state is gone once the input ended.
  QCOMPARE(d.node().keyCount(), uint32_t(0));
}

}  // namespace sc::windowtest
