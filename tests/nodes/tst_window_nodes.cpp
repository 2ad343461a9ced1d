// window.tumbling, window.hopping and window.session driven through the Node API, compared with a
// brute-force oracle written here: every record is put in every window it belongs to and every
// aggregate is computed exactly (sorting for percentiles, which must be within 1%). Inputs come
// from several partitions, shuffled within the out-of-orderness bound, with watermarks from the
// real WatermarkGenerator interleaved as a source emits them; some scenarios add records later
// than the bound (late port or dropped).
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

using namespace sc;

namespace {

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
std::vector<Aggregate> allAggregates() {
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

Json aggregatesJson(const std::vector<Aggregate>& aggs) {
  Json a = Json::array();
  for (const auto& g : aggs) {
    Json o = {{"as", g.as}, {"fn", g.fn}};
    if (!g.of.empty()) o["of"] = g.of;
    a.push_back(o);
  }
  return a;
}

Cell fieldOf(const Rec& r, const std::string& of) {
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
std::string distinctIdentity(const Cell& c) {
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
Expectation oracle(const Aggregate& a, const std::vector<const Rec*>& group) {
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

bool matches(const Cell& got, const Expectation& e, const std::string& fn) {
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

std::vector<Rec> generate(const Scenario& s) {
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

std::string keyText(const Rec& r, KeyMode mode) {
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
    Batch* b = out_->acquire();
    for (size_t k = from; k < to; ++k) {
      Rec& r = recs[k];
      r.watermarkAtArrival = watermark_;
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
    int64_t wm;
    if (generator_.advance(0, wm)) watermark(wm);
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
};

int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b) < 0 ? 1 : 0);
}

NodeSpec specOf(WindowType t) {
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

std::string ms(int64_t v) {
  return std::to_string(v) + "ms";
}

Json propertiesOf(const Scenario& s, const std::vector<Aggregate>& aggs) {
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

OracleResult runOracle(const Scenario& s, const std::vector<Rec>& recs) {
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

}  // namespace

class TestWindowNodes : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void differential_data();
  void differential();
  void millionKeys();
  void emptyWindowsAreNotEmitted();
  void sessionBridgingRecordMergesSessions();
  void sessionLateRecordWithinLatenessFiresAgain();
  void latePortGetsTheRecordsThemselves();
  void earlyResultsOnTick();
  void processingTimeFiresOnTheClock();
  void compositeKeyIsAnObject();
  void watermarksAreForwarded();
  void specValidation_data();
  void specValidation();
  void exampleSensorAveragesEndToEnd();
};

void TestWindowNodes::differential_data() {
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

void TestWindowNodes::differential() {
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

void TestWindowNodes::millionKeys() {
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

void TestWindowNodes::emptyWindowsAreNotEmitted() {
  Driver d(hoppingWindowSpec(), {{"size", "10s"}, {"slide", "5s"}, {"key", "device"}});
  std::vector<Rec> recs(2);
  recs[0].device = recs[1].device = "a";
  recs[0].ts = 1'000;
  recs[1].ts = 1'000'000;  // far later: everything in between is empty
  recs[1].id = 1;
  d.push(recs, 0, 2);
  d.finish();
  std::set<std::pair<int64_t, int64_t>> windows;
  for (const auto& [wk, o] : d.results)
    windows.insert({std::get<1>(wk), std::get<2>(wk)});
  const std::set<std::pair<int64_t, int64_t>> expected = {
      {-5'000, 5'000}, {0, 10'000}, {995'000, 1'005'000}, {1'000'000, 1'010'000}};
  QCOMPARE(windows, expected);
}

void TestWindowNodes::sessionBridgingRecordMergesSessions() {
  Driver d(sessionWindowSpec(), {{"gap", "10ms"},
                                 {"key", "device"},
                                 {"max_out_of_orderness", "100ms"},
                                 {"aggregates", Json::parse(R"([{"as":"n","fn":"count"},
                                                                 {"as":"first","fn":"first","of":"value"}])")}});
  std::vector<Rec> recs(4);
  const int64_t times[] = {0, 15, 22, 8};  // 8 bridges [0, 10) and [15, 32)
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = "a";
    recs[k].ts = times[k];
    recs[k].valueKind = Kind::Int;
    recs[k].valueInt = int64_t(k);
  }
  d.push(recs, 0, 3);
  d.push(recs, 3, 4);
  d.finish();
  QCOMPARE(d.results.size(), size_t(1));
  const auto& [wk, o] = *d.results.begin();
  QCOMPARE(std::get<1>(wk), int64_t(0));
  QCOMPARE(std::get<2>(wk), int64_t(32));
  QCOMPARE(o.fields.at("n").i, int64_t(4));
  QCOMPARE(o.fields.at("first").i, int64_t(0));
}

void TestWindowNodes::sessionLateRecordWithinLatenessFiresAgain() {
  Driver d(sessionWindowSpec(),
           {{"gap", "10ms"}, {"key", "device"}, {"allowed_lateness", "100ms"}});
  d.setLateWired(true);
  std::vector<Rec> recs(4);
  const int64_t times[] = {0, 5, 8, 500};
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = "a";
    recs[k].ts = times[k];
  }
  d.push(recs, 0, 2);
  d.watermark(50);  // fires [0, 15)
  QCOMPARE(d.emitted.size(), size_t(1));
  d.push(recs, 2, 3);  // 8 extends it to [0, 18): fired again at once, since 17 <= 50
  QCOMPARE(d.emitted.size(), size_t(2));
  QCOMPARE(std::get<2>(d.emitted.back().first), int64_t(18));
  QCOMPARE(d.emitted.back().second.at("count").i, int64_t(3));
  d.watermark(200);  // past lateness: state dropped
  QCOMPARE(d.node().keyCount(), uint32_t(0));
  std::vector<Rec> late(1);
  late[0].id = 9;
  late[0].device = "a";
  late[0].ts = 9;
  d.push(late, 0, 1);
  QCOMPARE(d.lateIds, std::vector<int64_t>{9});
  d.finish();
  QCOMPARE(d.emitted.size(), size_t(2));
}

void TestWindowNodes::latePortGetsTheRecordsThemselves() {
  Driver d(tumblingWindowSpec(), {{"size", "10ms"}, {"key", "device"}});
  std::vector<Rec> recs(3);
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = "d" + std::to_string(k);
  }
  recs[0].ts = 3;
  recs[1].ts = 15;
  recs[2].ts = 9;  // window [0, 10) fired at watermark 9: late
  d.push(recs, 0, 2);
  d.watermark(9);
  QCOMPARE(d.emitted.size(), size_t(1));
  d.push(recs, 2, 3);
  QCOMPARE(d.lateIds, std::vector<int64_t>{2});
  d.setLateWired(false);
  recs[2].id = 7;
  d.push(recs, 2, 3);
  QCOMPARE(d.lateIds, std::vector<int64_t>{2});
  QCOMPARE(d.node().lateDropped(), uint64_t(1));
  d.finish();
  QCOMPARE(d.emitted.size(), size_t(2));
}

void TestWindowNodes::earlyResultsOnTick() {
  Driver d(tumblingWindowSpec(), {{"size", "10ms"}, {"key", "device"}, {"emit", "1s"}});
  QCOMPARE(d.node().tickIntervalMs(), int64_t(1000));
  std::vector<Rec> recs(4);
  const int64_t times[] = {1, 2, 3, 12};
  const char* devices[] = {"a", "b", "a", "a"};
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = devices[k];
    recs[k].ts = times[k];
  }
  d.push(recs, 0, 2);
  d.tick(1000);
  QCOMPARE(d.emitted.size(), size_t(2));  // a and b, one record each
  d.push(recs, 2, 3);
  d.tick(1500);  // too soon: nothing
  QCOMPARE(d.emitted.size(), size_t(2));
  d.tick(2000);  // only a changed
  QCOMPARE(d.emitted.size(), size_t(3));
  QCOMPARE(std::get<0>(d.emitted.back().first), std::string("\"a\""));
  QCOMPARE(d.emitted.back().second.at("count").i, int64_t(2));
  d.tick(3000);  // nothing changed
  QCOMPARE(d.emitted.size(), size_t(3));
  d.push(recs, 3, 4);
  d.watermark(10);  // final results of [0, 10)
  QCOMPARE(d.emitted.size(), size_t(5));
  d.tick(4000);  // [10, 20) is open and changed
  QCOMPARE(d.emitted.size(), size_t(6));
  QCOMPARE(std::get<1>(d.emitted.back().first), int64_t(10));
  d.finish();
  QCOMPARE(d.emitted.size(), size_t(7));
}

void TestWindowNodes::processingTimeFiresOnTheClock() {
  Driver d(tumblingWindowSpec(), {{"size", "1s"}, {"key", "device"}, {"time", "processing"}});
  QVERIFY(d.strategy().processingTime);
  QVERIFY(d.node().tickIntervalMs() > 0);
  int64_t now = 10'000'300;
  d.node().setClock([&now] { return now; });
  std::vector<Rec> recs(3);
  for (size_t k = 0; k < recs.size(); ++k) {
    recs[k].id = int64_t(k);
    recs[k].device = "a";
    recs[k].ts = 42;  // ignored: processing time
  }
  d.push(recs, 0, 2);
  d.watermark(99'999'999'999);  // event-time watermarks do not fire processing-time windows
  QVERIFY(d.emitted.empty());
  now = 10'000'998;
  d.tick(now);
  QVERIFY(d.emitted.empty());
  now = 10'000'999;  // end - 1 of [10,000,000, 10,001,000)
  d.tick(now);
  QCOMPARE(d.emitted.size(), size_t(1));
  QCOMPARE(std::get<1>(d.emitted[0].first), int64_t(10'000'000));
  QCOMPARE(d.emitted[0].second.at("count").i, int64_t(2));
  d.push(recs, 2, 3);  // the clock has not moved: the record counts in the next window
  d.finish();
  QCOMPARE(d.emitted.size(), size_t(2));
  QCOMPARE(std::get<1>(d.emitted[1].first), int64_t(10'001'000));
  QVERIFY(d.lateIds.empty());
}

void TestWindowNodes::compositeKeyIsAnObject() {
  Driver d(tumblingWindowSpec(),
           {{"size", "10ms"}, {"key", Json::array({"device", "site", "lower(device)"})}});
  std::vector<Rec> recs(2);
  recs[0].device = "A\"1";
  recs[0].site = 3;
  recs[1] = recs[0];
  recs[1].id = 1;
  recs[1].site = 4;
  d.push(recs, 0, 2);
  d.finish();
  QCOMPARE(d.results.size(), size_t(2));
  const std::string first = std::get<0>(d.emitted[0].first);
  QCOMPARE(first, std::string("{\"device\":\"A\\\"1\",\"site\":3,\"lower(device)\":\"a\\\"1\"}"));
  QCOMPARE(d.emitted[0].second.at("key").kind, Kind::Json);
  QVERIFY(Json::parse(first).is_object());
}

void TestWindowNodes::watermarksAreForwarded() {
  Driver d(tumblingWindowSpec(), {{"size", "10ms"}});
  d.watermark(5);
  d.watermark(25);
  QCOMPARE(d.forwardedWatermarks, (std::vector<int64_t>{5, 25}));
}

void TestWindowNodes::specValidation_data() {
  QTest::addColumn<int>("type");
  QTest::addColumn<QString>("properties");
  QTest::addColumn<QString>("pointer");  // empty: valid
  const int T = int(WindowType::Tumbling), H = int(WindowType::Hopping),
            S = int(WindowType::Session);
  QTest::newRow("valid") << T << R"({"size":"1m","aggregates":[{"as":"a","fn":"avg","of":"x"}]})"
                         << "";
  QTest::newRow("slide > size") << H << R"({"size":"1m","slide":"2m"})"
                                << "/nodes/0/properties/slide";
  QTest::newRow("slide not dividing size") << H << R"({"size":"1m","slide":"25s"})"
                                           << "";
  QTest::newRow("zero gap") << S << R"({"gap":"0"})"
                            << "/nodes/0/properties/gap";
  QTest::newRow("of missing") << T << R"({"size":"1m","aggregates":[{"as":"a","fn":"sum"}]})"
                              << "/nodes/0/properties/aggregates/0";
  QTest::newRow("count needs no of")
      << T << R"({"size":"1m","aggregates":[{"as":"a","fn":"count"}]})"
      << "";
  QTest::newRow("duplicate as")
      << T
      << R"({"size":"1m","aggregates":[{"as":"a","fn":"count"},{"as":"a","fn":"max","of":"x"}]})"
      << "/nodes/0/properties/aggregates/1/as";
  QTest::newRow("as clashes with key")
      << T << R"({"size":"1m","aggregates":[{"as":"key","fn":"count"}]})"
      << "/nodes/0/properties/aggregates/0/as";
  QTest::newRow("bad emit") << T << R"({"size":"1m","emit":"sometimes"})"
                            << "/nodes/0/properties/emit";
  QTest::newRow("emit interval") << T << R"({"size":"1m","emit":"500ms"})"
                                 << "";
}

void TestWindowNodes::specValidation() {
  QFETCH(int, type);
  QFETCH(QString, properties);
  QFETCH(QString, pointer);
  const NodeSpec spec = specOf(WindowType(type));
  NodeConfig cfg(spec, "w", 0, Json::parse(properties.toStdString()));
  Diagnostics diags;
  spec.validate(cfg, diags);
  if (pointer.isEmpty()) {
    QVERIFY2(diags.empty(), diags.format().c_str());
    SlotTable slots;
    Json doc = Json::object();
    ResourceRegistry resources;
    PlanContext plan(slots, doc, resources);
    auto node = spec.create();
    node->configure(cfg, plan);
  } else {
    QCOMPARE(diags.size(), size_t(1));
    QCOMPARE(QString::fromStdString(diags.items()[0].pointer), pointer);
    SlotTable slots;
    Json doc = Json::object();
    ResourceRegistry resources;
    PlanContext plan(slots, doc, resources);
    auto node = spec.create();
    QVERIFY_THROWS_EXCEPTION(NodeFailure, node->configure(cfg, plan));
  }
}

void TestWindowNodes::exampleSensorAveragesEndToEnd() {
  // The example through the real executor: file.source stamps event time from `ts` and sends
  // watermarks in-band; results go to a file instead of the console.
  const std::string source = SC_SOURCE_DIR;
  LoadResult loaded = loadPipelineFile(source + "/resources/examples/sensor-averages.json");
  QVERIFY2(loaded.ok(), loaded.diagnostics.format().c_str());
  Pipeline p = *loaded.pipeline;
  QTemporaryDir dir;
  const std::string output = dir.filePath("out.jsonl").toStdString();
  p.node("src")->properties["path"] = source + "/resources/data/sensors.jsonl";
  p.node("out")->type = "file.sink";
  p.node("out")->properties = {{"path", output}, {"format", "jsonl"}};
  Diagnostics diags = validatePipeline(p, NodeRegistry::builtin());
  QVERIFY2(!diags.hasErrors(), diags.format().c_str());
  auto run = Execution::plan(p, NodeRegistry::builtin(), RunOptions{}, diags);
  QVERIFY2(run, diags.format().c_str());
  run->start();
  QVERIFY(run->wait(60'000));
  QVERIFY2(run->result().ok, run->result().message.c_str());

  struct Minute {
    double sum = 0, max = -1e300;
    int64_t count = 0;
  };
  std::map<std::pair<std::string, int64_t>, Minute> want;
  std::ifstream in(source + "/resources/data/sensors.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const Json j = Json::parse(line);
    int64_t ts = 0;
    QVERIFY(parseIso8601Ms(j["ts"].get<std::string>(), ts));
    Minute& m = want[{j["device"].get<std::string>(), ts / 60'000 * 60'000}];
    const double t = j["temperature"].get<double>();
    m.sum += t;
    m.max = std::max(m.max, t);
    ++m.count;
  }
  std::ifstream results(output);
  size_t rows = 0;
  for (std::string line; std::getline(results, line);) {
    const Json j = Json::parse(line);
    ++rows;
    const auto key = std::make_pair(j["key"].get<std::string>(), j["window_start"].get<int64_t>());
    QVERIFY2(want.count(key), line.c_str());
    const Minute& m = want[key];
    QCOMPARE(j["window_end"].get<int64_t>(), key.second + 60'000);
    QCOMPARE(j["readings"].get<int64_t>(), m.count);
    QVERIFY2(std::fabs(j["avg_temp"].get<double>() - m.sum / double(m.count)) < 1e-9, line.c_str());
    QCOMPARE(j["max_temp"].get<double>(), m.max);
  }
  QCOMPARE(rows, want.size());
}

QTEST_GUILESS_MAIN(TestWindowNodes)
#include "tst_window_nodes.moc"
