#include "engine/runtime/WatermarkGenerator.h"

#include <algorithm>
#include <cmath>

#include "engine/expr/Expression.h"
#include "engine/runtime/Batch.h"
#include "engine/runtime/Log.h"
#include "engine/runtime/Metrics.h"
#include "engine/runtime/Node.h"
#include "engine/state/StateCodec.h"

namespace sc {

namespace {

// The strategy's default reads meta.timestamp as it is: nothing to evaluate.
bool readsMetaTimestamp(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text.empty() || text == "$timestamp";
}

// Event time of one value: epoch ms as a number, or an ISO-8601 string.
bool eventTimeOf(const Value& v, int64_t& out) {
  switch (v.kind) {
    case Kind::Int:
      out = v.i;
      return true;
    case Kind::Double:
      if (!std::isfinite(v.d) || std::fabs(v.d) > 9.2e18) return false;
      out = static_cast<int64_t>(std::floor(v.d));
      return true;
    case Kind::String:
      return parseIso8601Ms(v.str(), out);
    default:
      return false;
  }
}

// Where a record came from, for messages: Kafka records by topic, partition and offset, the
// others by their $offset (a file's line number, a generator's sequence number).
std::string positionOf(const RecordMeta& m, const std::string& label) {
  if (!m.topic.empty())
    return "topic '" + std::string(m.topic) + "' partition " + std::to_string(m.partition) +
           " offset " + std::to_string(m.offset);
  return label + " " + std::to_string(m.offset);
}

std::string describe(const Value& v) {
  switch (v.kind) {
    case Kind::Missing:
      return "the field is missing";
    case Kind::Null:
      return "it is null";
    case Kind::String:
      return "'" + std::string(v.str().substr(0, 40)) + "' is not an ISO-8601 time";
    case Kind::Bool:
      return "it is a boolean";
    case Kind::Double:
      return "the number is out of range";
    default:
      return "it is not a number or ISO-8601 string";
  }
}

int64_t saturatingSub(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) return b > 0 ? WatermarkGenerator::kNoWatermark : INT64_MAX;
  return r;
}

}  // namespace

WatermarkGenerator::WatermarkGenerator() = default;
WatermarkGenerator::WatermarkGenerator(const WatermarkStrategy& s) : strategy_(s), enabled_(true) {}
WatermarkGenerator::~WatermarkGenerator() = default;
WatermarkGenerator::WatermarkGenerator(WatermarkGenerator&&) noexcept = default;
WatermarkGenerator& WatermarkGenerator::operator=(WatermarkGenerator&&) noexcept = default;

bool WatermarkGenerator::compile(const SlotTable& slots, std::string* error) {
  timestamp_.reset();
  scratch_.reset();
  if (!enabled_ || strategy_.processingTime || readsMetaTimestamp(strategy_.timestamp)) return true;
  SlotTable copy = slots;  // every field is interned already, so slot ids stay the same
  expr::CompileError err;
  timestamp_ = expr::Expression::compile(strategy_.timestamp, copy, expr::Type::Any, &err);
  if (!timestamp_) {
    if (error)
      *error =
          "event-time expression '" + strategy_.timestamp + "' does not compile: " + err.message;
    return false;
  }
  if (copy.size() != slots.size()) {
    timestamp_.reset();
    if (error)
      *error = "event-time expression '" + strategy_.timestamp +
               "' reads fields the pipeline did not plan for";
    return false;
  }
  scratch_ = std::make_unique<expr::EvalScratch>();
  return true;
}

bool parseTimestampErrorPolicy(std::string_view text, TimestampErrorPolicy& out) {
  if (text == "late")
    out = TimestampErrorPolicy::Late;
  else if (text == "dead_letter")
    out = TimestampErrorPolicy::DeadLetter;
  else if (text == "skip")
    out = TimestampErrorPolicy::Skip;
  else if (text == "fail")
    out = TimestampErrorPolicy::Fail;
  else
    return false;
  return true;
}

PropertySpec onTimestampErrorProperty(bool offersDeadLetter) {
  PropertySpec p = makeProperty(
      "on_timestamp_error", PropKind::Enum,
      offersDeadLetter
          ? "A record whose event time (a window's timestamp) cannot be computed: late (to the "
            "window's late port, or counted and dropped), dead_letter (to dead_letter_topic), "
            "skip (count and drop) or fail the run. It never moves the watermark"
          : "A record whose event time (a window's timestamp) cannot be computed: late (to the "
            "window's late port, or counted and dropped), skip (count and drop) or fail the "
            "run. It never moves the watermark",
      "late");
  p.choices = offersDeadLetter ? std::vector<std::string>{"late", "dead_letter", "skip", "fail"}
                               : std::vector<std::string>{"late", "skip", "fail"};
  return p;
}

void WatermarkGenerator::setTimestampErrorHandling(TimestampErrorHandling handling) {
  errors_ = std::move(handling);
}

void WatermarkGenerator::stamp(Batch& batch) {
  if (!enabled_ || strategy_.processingTime || !timestamp_) return;
  const uint32_t n = batch.size();
  const Value* times = timestamp_->evaluate(batch, *scratch_);
  uint32_t bad = 0;
  for (uint32_t r = 0; r < n; ++r) {
    int64_t t;
    if (eventTimeOf(times[r], t)) {
      batch.meta(r).timestamp = t;
      continue;
    }
    RecordMeta& m = batch.meta(r);
    const std::string why = "event-time expression '" + strategy_.timestamp +
                            "' gives no usable time (" + describe(times[r]) + ")";
    if (errors_.policy == TimestampErrorPolicy::Fail)
      throw NodeFailure(errors_.nodeId + ": " + positionOf(m, errors_.positionLabel) + ": " + why +
                        "; set on_timestamp_error to late or skip to go on past such records");
    if (timestampErrors_ == 0)
      Logger::global().warn(errors_.nodeId, positionOf(m, errors_.positionLabel) + ": " + why +
                                                " (on_timestamp_error; further ones are counted "
                                                "in timestamp_errors)");
    ++timestampErrors_;
    if (bad == 0) keep_.assign(n, 1);
    ++bad;
    if (errors_.policy == TimestampErrorPolicy::Late) {
      m.noEventTime = true;
      continue;
    }
    if (errors_.policy == TimestampErrorPolicy::DeadLetter && errors_.deadLetter)
      errors_.deadLetter(batch, r, why);
    keep_[r] = 0;
  }
  if (bad == 0) return;
  if (errors_.counter) errors_.counter->set(static_cast<int64_t>(timestampErrors_));
  if (errors_.policy != TimestampErrorPolicy::Late) batch.keepRows(keep_.data());
}

void WatermarkGenerator::stampAndObserve(Batch& batch, int64_t nowMs) {
  if (!enabled_ || strategy_.processingTime) return;
  stamp(batch);
  const uint32_t n = batch.size();
  // Rows of one batch usually come in runs of one partition: look the state up once per run.
  PartitionState* state = nullptr;
  for (uint32_t r = 0; r < n; ++r) {
    const RecordMeta& m = batch.meta(r);
    if (m.noEventTime) continue;
    if (!state || state->partition != m.partition || state->topic != m.topic)
      state = &partition(m.topic, m.partition);
    state->maxEventTime = std::max(state->maxEventTime, m.timestamp);
    state->lastSeenMs = nowMs;
  }
}

WatermarkGenerator::PartitionState& WatermarkGenerator::partition(std::string_view topic,
                                                                  int32_t id) {
  for (auto& p : partitions_)
    if (p.partition == id && p.topic == topic) return p;
  PartitionState& p = partitions_.emplace_back();
  p.topic = topic;
  p.partition = id;
  publishPartition(p);
  return p;
}

void WatermarkGenerator::publishTo(NodeMetrics& metrics) {
  metrics_ = &metrics;
  newestGauge_ = &metrics.gauge("event_time_newest");
  newestGauge_->set(kNoWatermark);
  metrics.gauge("idle_timeout_ms").set(strategy_.idleTimeoutMs);
  for (auto& p : partitions_)
    publishPartition(p);
}

void WatermarkGenerator::publishPartition(PartitionState& p) {
  // Gauges are never unregistered: a partition revoked and assigned again reuses its own.
  if (!metrics_ || p.topic.empty() || p.eventTimeGauge) return;
  const std::string eventTime = partitionGaugeName("event_time", p.topic, p.partition);
  if (!metrics_->gaugeValue(eventTime) && publishedPartitions_ >= kMaxPartitionGauges) return;
  if (!metrics_->gaugeValue(eventTime)) ++publishedPartitions_;
  p.eventTimeGauge = &metrics_->gauge(eventTime);
  p.lastSeenGauge = &metrics_->gauge(partitionGaugeName("last_seen", p.topic, p.partition));
}

void WatermarkGenerator::updateGauges() {
  int64_t newest = newestGauge_->get();
  for (const auto& p : partitions_) {
    newest = std::max(newest, p.maxEventTime);
    if (!p.eventTimeGauge) continue;
    p.eventTimeGauge->set(p.maxEventTime);
    p.lastSeenGauge->set(p.lastSeenMs);
  }
  newestGauge_->set(newest);
}

void WatermarkGenerator::addPartition(std::string_view topic, int32_t id, int64_t nowMs) {
  for (auto& p : partitions_)
    if (p.partition == id && p.topic == topic) return;
  partition(topic, id).lastSeenMs = nowMs;
}

void WatermarkGenerator::removePartition(std::string_view topic, int32_t id) {
  std::erase_if(partitions_,
                [&](const PartitionState& p) { return p.partition == id && p.topic == topic; });
}

void WatermarkGenerator::observe(std::string_view topic, int32_t id, int64_t eventTimeMs,
                                 int64_t nowMs) {
  PartitionState& p = partition(topic, id);
  p.maxEventTime = std::max(p.maxEventTime, eventTimeMs);
  p.lastSeenMs = nowMs;
}

void WatermarkGenerator::markActive(std::string_view topic, int32_t id, int64_t nowMs) {
  for (auto& p : partitions_)
    if (p.partition == id && p.topic == topic) p.lastSeenMs = std::max(p.lastSeenMs, nowMs);
}

void WatermarkGenerator::save(state::StateWriter& out) const {
  out.i64(emitted_);
  out.i64(last_);
  out.u32(static_cast<uint32_t>(partitions_.size()));
  for (const auto& p : partitions_) {
    out.str(p.topic);
    out.u32(static_cast<uint32_t>(p.partition));
    out.i64(p.maxEventTime);
  }
}

void WatermarkGenerator::load(state::StateReader& in, int64_t nowMs) {
  emitted_ = in.i64();
  last_ = in.i64();
  uint32_t n = in.count(16);
  partitions_.clear();
  for (uint32_t i = 0; i < n; ++i) {
    std::string topic = in.str();
    auto id = static_cast<int32_t>(in.u32());
    PartitionState& p = partition(topic, id);
    p.maxEventTime = in.i64();
    p.lastSeenMs = nowMs;
  }
}

int64_t WatermarkGenerator::current(int64_t nowMs) {
  if (!enabled_ || strategy_.processingTime) return last_;
  if (newestGauge_) updateGauges();
  int64_t combined = INT64_MAX;
  bool anyActive = false;
  for (const auto& p : partitions_) {
    const bool idle =
        strategy_.idleTimeoutMs > 0 && nowMs - p.lastSeenMs >= strategy_.idleTimeoutMs;
    if (idle) continue;
    anyActive = true;
    // An active partition without data yet holds the watermark back (Flink does the same).
    if (p.maxEventTime == kNoWatermark) return last_;
    combined = std::min(
        combined, saturatingSub(saturatingSub(p.maxEventTime, strategy_.maxOutOfOrdernessMs), 1));
  }
  // All partitions idle: the watermark stays where it is until one of them speaks again.
  if (anyActive && combined > last_) last_ = combined;
  return last_;
}

bool WatermarkGenerator::advance(int64_t nowMs, int64_t& out) {
  int64_t wm = current(nowMs);
  if (wm == kNoWatermark || wm <= emitted_) return false;
  emitted_ = wm;
  out = wm;
  return true;
}

namespace {

bool digits(std::string_view s, size_t pos, size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int daysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

bool parseIso8601Ms(std::string_view s, int64_t& out) {
  int year, month, day;
  if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) ||
      s[7] != '-' || !digits(s, 8, 2, day))
    return false;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  int hour = 0, minute = 0, second = 0, millis = 0;
  size_t pos = 10;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return false;
    ++pos;
    if (!digits(s, pos, 2, hour) || pos + 2 >= s.size() || s[pos + 2] != ':' ||
        !digits(s, pos + 3, 2, minute))
      return false;
    pos += 5;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(s, pos + 1, 2, second)) return false;
      pos += 3;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        const size_t start = pos;
        int scale = 100;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          millis += (s[pos] - '0') * scale;  // digits past milliseconds are truncated
          scale /= 10;
          ++pos;
        }
        if (pos == start) return false;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return false;
  }
  int64_t offsetMinutes = 0;
  if (pos < s.size()) {
    const char c = s[pos];
    if (c == 'Z' || c == 'z') {
      ++pos;
    } else if (c == '+' || c == '-') {
      int oh = 0, om = 0;
      if (!digits(s, pos + 1, 2, oh)) return false;
      pos += 3;
      if (pos < s.size()) {
        if (s[pos] == ':') ++pos;
        if (!digits(s, pos, 2, om)) return false;
        pos += 2;
      }
      if (oh > 23 || om > 59) return false;
      offsetMinutes = (c == '+' ? 1 : -1) * (oh * 60 + om);
    } else {
      return false;
    }
  }
  if (pos != s.size()) return false;
  const int64_t days = daysFromCivil(year, month, day);
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  out = seconds * 1000 + millis;
  return true;
}

}  // namespace sc
