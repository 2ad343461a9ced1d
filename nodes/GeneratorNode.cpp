// generator: deterministic synthetic records (sensors, clicks, payments), built in place: the
// fields are owned slot values written straight into batch columns, with no payload to parse.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "engine/expr/Expression.h"  // complete types for WatermarkGenerator's members
#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/WatermarkGenerator.h"
#include "engine/state/StateCodec.h"
#include "nodes/NodeTypes.h"

namespace sc {
namespace {

// 2026-01-01T00:00:00Z: the default event-time base, so runs are reproducible.
constexpr int64_t kDefaultStartMs = 1767225600000;
// poll() returns at least this often while waiting for the rate limit (stop requests).
constexpr auto kMaxWait = std::chrono::milliseconds(50);

// splitmix64: tiny, fast and the same on every platform (std distributions are not).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  uint64_t state() const { return state_; }
  uint32_t below(uint32_t n) { return uint32_t((next() >> 32) * n >> 32); }
  // Roughly normal (sum of three uniforms), mean 0, standard deviation about 1. The uniforms are
  // three 21-bit slices of one draw: ample for values rounded to hundredths, a third of the work.
  double bell() {
    constexpr uint64_t kSlice = (uint64_t(1) << 21) - 1;
    const uint64_t z = next();
    const uint64_t sum = (z & kSlice) + (z >> 21 & kSlice) + (z >> 42 & kSlice);
    return (double(sum) * 0x1.0p-21 - 1.5) * 2.0;
  }

 private:
  uint64_t state_;
};

// x rounded to hundredths (ties to even) without a libm call per record: adding and subtracting
// 1.5 * 2^52 leaves the nearest integer in IEEE arithmetic, for |x * 100| < 2^51.
double round2(double x) {
  constexpr double kShift = 0x1.8p52;
  return ((x * 100.0 + kShift) - kShift) / 100.0;
}

// Stores an owned value. Copied with memcpy, a value is two 8-byte stores (padding included);
// assigned member by member, it takes three or four.
void putOwned(Value* col, uint32_t row, Value v) {
  v.flags = kOwned;
  std::memcpy(static_cast<void*>(col + row), &v, sizeof v);
}

enum class Template { Sensors, Clicks, Payments };

const std::vector<std::string>& templateFields(Template t) {
  static const std::vector<std::string> sensors{"device", "temperature", "humidity", "status",
                                                "ts"};
  static const std::vector<std::string> clicks{"user", "page", "referrer", "ts"};
  static const std::vector<std::string> payments{"payment_id", "account", "amount", "currency",
                                                 "ts"};
  switch (t) {
    case Template::Clicks:
      return clicks;
    case Template::Payments:
      return payments;
    default:
      return sensors;
  }
}

// What the generator writes into each field (see generate*() below).
FieldType templateFieldType(const std::string& field) {
  static const std::vector<std::string> numbers{"temperature", "humidity", "amount", "ts"};
  return std::find(numbers.begin(), numbers.end(), field) != numbers.end() ? FieldType::Number
                                                                           : FieldType::String;
}

// Event-time base: ISO-8601 text or epoch milliseconds; empty means the fixed default.
bool parseStartTime(const std::string& text, int64_t& out) {
  if (text.empty()) {
    out = kDefaultStartMs;
    return true;
  }
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      text.size() <= 15) {
    out = std::stoll(text);
    return true;
  }
  return parseIso8601Ms(text, out);
}

class GeneratorNode final : public SourceNode {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
    const std::string name = cfg.getString("template");
    template_ = name == "clicks"     ? Template::Clicks
                : name == "payments" ? Template::Payments
                                     : Template::Sensors;
    rate_ = cfg.getNumber("rate");
    count_ = static_cast<uint64_t>(std::max<int64_t>(0, cfg.getInt("count")));
    random_ = Random(static_cast<uint64_t>(cfg.getInt("seed")));
    intervalMs_ = cfg.getDurationMs("interval");
    parseTimestampErrorPolicy(cfg.getString("on_timestamp_error"), timestampErrors_);
    if (!parseStartTime(cfg.getString("start_time"), startMs_))
      throw NodeFailure("start_time '" + cfg.getString("start_time") +
                        "' is neither an ISO-8601 time nor epoch milliseconds");
    for (const std::string& field : templateFields(template_))
      slots_.push_back(plan.slotTable().intern(FieldPath{{PathSegment{field}}}));
    buildTables();
  }

  void setWatermarkStrategy(const WatermarkStrategy& s) override {
    strategy_ = s;
    hasStrategy_ = true;
  }

  void open(RunContext& ctx) override {
    if (hasStrategy_) {
      watermarks_ = WatermarkGenerator(strategy_);
      std::string error;
      if (!watermarks_.compile(ctx.slotTable(), &error)) throw NodeFailure(error);
      watermarks_.addPartition(-1, wallMs());
      watermarks_.setTimestampErrorHandling(
          {timestampErrors_, ctx.nodeId(), "record", &ctx.metrics().gauge("timestamp_errors"), {}});
      watermarks_.publishTo(ctx.metrics());
    }
  }

  Poll poll(Emitter& out) override {
    if (stop_.load(std::memory_order_relaxed)) return Poll::Done;
    if (count_ > 0 && produced_ >= count_) return Poll::Done;
    uint64_t want = count_ > 0 ? count_ - produced_ : UINT64_MAX;
    if (rate_ > 0) {
      uint64_t due = dueNow();
      if (due == 0) {
        // Sleep until the next record is due, but come back soon enough to notice a stop.
        auto next =
            started_ + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(double(produced_ - restoredAt_) / rate_));
        std::this_thread::sleep_until(std::min(next, Clock::now() + kMaxWait));
        due = dueNow();
        if (due == 0) return Poll::Idle;
      }
      want = std::min(want, due);
    }
    Batch* batch = out.acquire();
    want = std::min<uint64_t>({want, batch->capacity() - batch->size(), out.budget()});
    fill(*batch, static_cast<uint32_t>(want));
    if (watermarks_.enabled()) {
      const int64_t now = wallMs();
      watermarks_.stampAndObserve(*batch, now);
      out.emit(0, batch);
      int64_t wm;
      if (watermarks_.advance(now, wm)) out.emitWatermark(wm);
    } else {
      out.emit(0, batch);
    }
    return Poll::Produced;
  }

  void requestStop() override { stop_.store(true, std::memory_order_relaxed); }

  // Records produced so far and the random state: a restored generator continues the exact
  // sequence (same records, same event times). The rate restarts from the restore.
  bool hasState() const override { return true; }
  void snapshotState(uint64_t, state::StateWriter& w) override {
    w.u64(produced_);
    w.u64(random_.state());
    w.boolean(watermarks_.enabled());
    if (watermarks_.enabled()) watermarks_.save(w);
  }
  void restoreState(state::StateReader& r) override {
    produced_ = r.u64();
    random_ = Random(r.u64());
    if (r.boolean()) {
      if (!watermarks_.enabled()) r.fail("no watermark state (this generator feeds no window)");
      watermarks_.load(r, wallMs());
    }
    r.expectEnd();
    restoredAt_ = produced_;
  }

 private:
  using Clock = std::chrono::steady_clock;

  static int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  // Records the rate allows by now that are not produced yet (the first one is due at once).
  uint64_t dueNow() {
    if (!startedClock_) {
      started_ = Clock::now();
      startedClock_ = true;
    }
    double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
    auto allowed = restoredAt_ + static_cast<uint64_t>(elapsed * rate_) + 1;
    return allowed > produced_ ? allowed - produced_ : 0;
  }

  void buildTables() {
    char text[32];
    auto table = [&](std::vector<std::string>& out, int n, const char* format) {
      for (int i = 0; i < n; ++i) {
        std::snprintf(text, sizeof text, format, i);
        out.emplace_back(text);
      }
    };
    switch (template_) {
      case Template::Sensors:
        table(names_, 16, "d-%03d");
        for (int d = 0; d < 16; ++d)
          baseline_.push_back(18.0 + (d * 7 % 16) * 0.6);
        break;
      case Template::Clicks:
        table(names_, 200, "u-%04d");
        break;
      case Template::Payments:
        table(names_, 100, "acc-%04d");
        break;
    }
  }

  void fill(Batch& batch, uint32_t n) {
    switch (template_) {
      case Template::Sensors:
        fillWith(batch, n, [this](Random& rng, Value** cols, uint32_t row, uint64_t) {
          sensor(rng, cols, row);
        });
        break;
      case Template::Clicks:
        fillWith(batch, n, [this](Random& rng, Value** cols, uint32_t row, uint64_t) {
          click(rng, cols, row);
        });
        break;
      case Template::Payments:
        fillWith(batch, n, [this, &batch](Random& rng, Value** cols, uint32_t row, uint64_t seq) {
          payment(batch, rng, cols, row, seq);
        });
        break;
    }
  }

  // The record loop, instantiated per template. It works on local copies of the random state and
  // the record counter: stores through Value pointers could alias the members and force a reload
  // and store of them around every field.
  template <typename MakeRecord>
  void fillWith(Batch& batch, uint32_t n, MakeRecord makeRecord) {
    Value* cols[5];
    const size_t fields = slots_.size();
    for (size_t k = 0; k < fields; ++k)
      cols[k] = batch.column(slots_[k]);
    Value* const tsCol = cols[fields - 1];
    const int64_t startMs = startMs_;
    const int64_t intervalMs = intervalMs_;
    Random rng = random_;
    uint64_t produced = produced_;
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t row = batch.append();
      const int64_t ts = startMs + static_cast<int64_t>(produced) * intervalMs;
      RecordMeta& meta = batch.meta(row);
      meta.timestamp = ts;
      meta.offset = static_cast<int64_t>(produced);
      makeRecord(rng, cols, row, produced);
      putOwned(tsCol, row, Value::integer(ts));
      ++produced;
    }
    random_ = rng;
    produced_ = produced;
  }

  void sensor(Random& rng, Value** cols, uint32_t row) const {
    static constexpr std::string_view kStatus[] = {"ok", "warn", "error"};
    // 90 % ok, 7 % warn, 3 % error, as 16-bit thresholds.
    constexpr uint64_t kWarnFrom = uint64_t(0.90 * 65536), kErrorFrom = uint64_t(0.97 * 65536);
    // One draw picks device (high 32 bits), humidity and status (16 bits each).
    const uint64_t pick = rng.next();
    const auto device = uint32_t((pick >> 32) * names_.size() >> 32);
    const auto humidity = static_cast<int64_t>(30 + ((pick >> 16 & 0xffff) * 41 >> 16));
    const uint64_t roll = pick & 0xffff;
    // Without a branch that would mispredict one row in ten.
    const size_t status = size_t(roll >= kWarnFrom) + size_t(roll >= kErrorFrom);
    const std::string& name = names_[device];
    const double temperature = round2(baseline_[device] + rng.bell() * 5.0);
    putOwned(cols[0], row, Value::string(name));
    putOwned(cols[1], row, Value::number(temperature));
    putOwned(cols[2], row, Value::integer(humidity));
    putOwned(cols[3], row, Value::string(kStatus[status]));
  }

  void click(Random& rng, Value** cols, uint32_t row) const {
    static constexpr std::string_view kPages[] = {
        "/", "/products", "/products/42", "/products/7", "/cart", "/checkout", "/search", "/help"};
    static constexpr std::string_view kReferrers[] = {"direct",         "direct",   "google.com",
                                                      "google.com",     "bing.com", "newsletter",
                                                      "partner.example"};
    // A few users and pages get most of the traffic, as on real sites.
    const uint32_t user = std::min(rng.below(200), rng.below(200));
    putOwned(cols[0], row, Value::string(names_[user]));
    putOwned(cols[1], row, Value::string(kPages[std::min(rng.below(8), rng.below(8))]));
    putOwned(cols[2], row, Value::string(kReferrers[rng.below(7)]));
  }

  // `seq` counts the records produced before this one.
  void payment(Batch& batch, Random& rng, Value** cols, uint32_t row, uint64_t seq) const {
    static constexpr std::string_view kCurrencies[] = {"EUR", "EUR", "EUR", "USD",
                                                       "USD", "GBP", "CHF"};
    char* id = batch.arena().allocate(13);
    std::snprintf(id, 13, "pay-%08llu", static_cast<unsigned long long>(seq + 1) % 100000000);
    putOwned(cols[0], row, Value::string(std::string_view(id, 12)));
    putOwned(cols[1], row, Value::string(names_[rng.below(uint32_t(names_.size()))]));
    // Mostly small amounts with a long tail.
    const double u = rng.uniform();
    putOwned(cols[2], row, Value::number(round2(1.0 + 499.0 * u * u * u)));
    putOwned(cols[3], row, Value::string(kCurrencies[rng.below(7)]));
  }

  Template template_ = Template::Sensors;
  double rate_ = 0;
  uint64_t count_ = 0;
  int64_t startMs_ = kDefaultStartMs;
  int64_t intervalMs_ = 100;
  Random random_{42};
  std::vector<uint32_t> slots_;  // template fields in order; ts last
  std::vector<std::string> names_;
  std::vector<double> baseline_;
  uint64_t produced_ = 0;
  uint64_t restoredAt_ = 0;  // produced_ when the run was restored (the rate counts from there)
  Clock::time_point started_;
  bool startedClock_ = false;
  std::atomic<bool> stop_{false};
  WatermarkStrategy strategy_;
  bool hasStrategy_ = false;
  TimestampErrorPolicy timestampErrors_ = TimestampErrorPolicy::Late;
  WatermarkGenerator watermarks_;
};

}  // namespace

NodeSpec generatorSpec() {
  NodeSpec s;
  s.type = "generator";
  s.category = "Sources";
  s.title = "Generator";
  s.summary = "Deterministic synthetic records: sensor readings, page clicks or payments.";
  s.description =
      "Same seed, same records. Fields per template (ts is the event time in epoch "
      "milliseconds, also the record's $timestamp):\n"
      "- sensors: device (d-000..d-015), temperature, humidity, status (ok/warn/error), ts\n"
      "- clicks: user, page, referrer, ts\n"
      "- payments: payment_id, account, amount, currency, ts\n"
      "Event times start at start_time and advance by interval per record, independent of the "
      "wall clock, so runs are reproducible.";
  s.outputs = {{"out", "Generated records"}};

  PropertySpec tmpl = makeProperty("template", PropKind::Enum, "Shape of the records", "sensors");
  tmpl.choices = {"sensors", "clicks", "payments"};
  PropertySpec rate =
      makeProperty("rate", PropKind::Number, "Records per second; 0 = as fast as possible", 100);
  rate.minimum = 0;
  PropertySpec count =
      makeProperty("count", PropKind::Integer, "Records to produce, then end; 0 = unbounded", 0);
  count.minimum = 0;
  PropertySpec start = makeProperty(
      "start_time", PropKind::String,
      "Event time of the first record: ISO-8601 or epoch ms (default 2026-01-01T00:00:00Z)", "");
  start.placeholder = "2026-01-01T00:00:00Z";
  s.properties = {tmpl,
                  rate,
                  count,
                  makeProperty("seed", PropKind::Integer,
                               "Random seed: the same seed gives the same records", 42),
                  start,
                  makeProperty("interval", PropKind::Duration,
                               "Event time between consecutive records", "100ms"),
                  onTimestampErrorProperty(false)};
  s.outputFields = [](const NodeConfig& cfg, const std::vector<FieldSet>&) {
    const std::string name = cfg.getString("template");
    if (name != "sensors" && name != "clicks" && name != "payments")
      return std::vector<FieldSet>{FieldSet()};  // ${VAR}: known only when it runs
    const Template t = name == "clicks"     ? Template::Clicks
                       : name == "payments" ? Template::Payments
                                            : Template::Sensors;
    std::vector<Field> fields;
    for (const std::string& field : templateFields(t))
      fields.push_back({field, templateFieldType(field)});
    return std::vector<FieldSet>{
        FieldSet::exactly(std::move(fields),
                          "the fields of template '" + name + "' of generator '" + cfg.id() + "'")};
  };
  s.create = [] { return std::make_unique<GeneratorNode>(); };
  s.validate = [](const NodeConfig& cfg, Diagnostics& diags) {
    int64_t ms;
    const std::string text = cfg.getString("start_time");
    if (!parseStartTime(text, ms))
      diags
          .error(cfg.pointer("start_time"), "start_time '" + text + "' is not a time",
                 "use ISO-8601 such as 2026-01-01T00:00:00Z or epoch milliseconds")
          .property = "start_time";
  };
  return s;
}

}  // namespace sc
