#include "nodes/browse/TopicScan.h"

#include <librdkafka/rdkafka.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>

#include "engine/expr/Expression.h"
#include "engine/kafka/KafkaClient.h"
#include "engine/runtime/Batch.h"
#include "engine/runtime/SlotTable.h"
#include "nodes/RecordJson.h"

namespace sc::kafka {

namespace {

using Clock = std::chrono::steady_clock;

bool parseInt(std::string_view s, int64_t& v) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}

// "-10m" and friends: how many ms ago; false when `s` is no relative time.
bool parseRelative(std::string_view s, int64_t& agoMs) {
  if (s.size() < 3 || s.front() != '-') return false;
  int64_t unit = 0;
  switch (s.back()) {
    case 's':
      unit = 1000;
      break;
    case 'm':
      unit = 60 * 1000;
      break;
    case 'h':
      unit = 3600 * 1000;
      break;
    case 'd':
      unit = 24 * 3600 * 1000;
      break;
    default:
      return false;
  }
  int64_t n = 0;
  if (!parseInt(s.substr(1, s.size() - 2), n) || n < 0) return false;
  agoMs = n * unit;
  return true;
}

// 2026-06-01T12:00[:00[.123]][Z]: UTC.
bool parseIsoUtc(std::string_view s, int64_t& ms) {
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) s.remove_suffix(1);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, milli = 0;
  std::string text(s);
  char extra = 0;
  int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &year, &month, &day, &hour,
                      &minute, &second, &milli, &extra);
  if (n < 5 || n == 8) {
    // Date only is a valid start too.
    n = std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &extra);
    if (n != 3) return false;
    hour = minute = second = milli = 0;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return false;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  ms = int64_t(timegm(&tm)) * 1000 + milli;
  return true;
}

std::string errText(rd_kafka_resp_err_t e) {
  return rd_kafka_err2str(e);
}

struct PartitionList {
  rd_kafka_topic_partition_list_t* list;
  PartitionList() : list(rd_kafka_topic_partition_list_new(8)) {}
  ~PartitionList() { rd_kafka_topic_partition_list_destroy(list); }
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;
};

// Where one partition's scan stands.
struct PartitionScan {
  int64_t start = 0;
  int64_t end = 0;            // exclusive: the high watermark when the scan began
  int64_t skipBeforeMs = -1;  // a start time found by scanning: earlier messages are skipped
  int64_t next = 0;           // after the last message looked at
  bool done = false;
};

// Appends `s` as a JSON string; bytes that are not UTF-8 are read as Latin-1.
void appendJsonText(std::string& out, std::string_view s) {
  if (simdjson::validate_utf8(s.data(), s.size())) {
    appendJsonString(out, s);
    return;
  }
  std::string utf8;
  utf8.reserve(s.size() * 2);
  for (unsigned char c : s) {
    if (c < 0x80) {
      utf8 += char(c);
    } else {
      utf8 += char(0xC0 | (c >> 6));
      utf8 += char(0x80 | (c & 0x3F));
    }
  }
  appendJsonString(out, utf8);
}

void appendOptional(std::string& out, const std::optional<std::string>& s) {
  if (s)
    appendJsonText(out, *s);
  else
    out += "null";
}

}  // namespace

bool ScanRange::parseTime(std::string_view text, int64_t nowMs, int64_t& ms) {
  int64_t ago = 0;
  if (parseRelative(text, ago)) {
    ms = nowMs - ago;
    return true;
  }
  if (parseInt(text, ms)) return ms >= 0;
  return parseIsoUtc(text, ms);
}

Result<ScanRange> ScanRange::parse(std::string_view text, int64_t nowMs) {
  ScanRange range;
  bool haveStart = false;
  auto fail = [](std::string_view token, const std::string& why) {
    return Result<ScanRange>::failure(
        "'" + std::string(token) + "': " + why +
        ". Use beginning, end, an offset, -N (the last N), s@TIME, e@TIME or -10m, where TIME "
        "is epoch ms, 2026-06-01T12:00:00Z or a relative time such as -10m, -2h, -1d");
  };
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ')
      ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ')
      ++j;
    const std::string_view token = text.substr(i, j - i);
    i = j;
    if (token.empty()) continue;
    int64_t v = 0;
    if (token.rfind("e@", 0) == 0) {
      if (!parseTime(token.substr(2), nowMs, v)) return fail(token, "not a time");
      range.untilTimeMs = v;
      continue;
    }
    if (haveStart) return fail(token, "a second start position");
    haveStart = true;
    if (token == "beginning" || token == "earliest") {
      range.from = From::Beginning;
    } else if (token == "end" || token == "latest") {
      range.from = From::End;
    } else if (token.rfind("s@", 0) == 0) {
      if (!parseTime(token.substr(2), nowMs, v)) return fail(token, "not a time");
      range.from = From::Time;
      range.fromValue = v;
    } else if (parseRelative(token, v)) {
      range.from = From::Time;
      range.fromValue = nowMs - v;
    } else if (token.front() == '-' && parseInt(token.substr(1), v) && v >= 0) {
      range.from = From::Last;
      range.fromValue = v;
    } else if (parseInt(token, v) && v >= 0) {
      range.from = From::Offset;
      range.fromValue = v;
    } else {
      return fail(token, "not a position");
    }
  }
  return Result<ScanRange>::success(range);
}

std::string checkScanFilter(const std::string& filter) {
  if (filter.empty()) return {};
  SlotTable slots;
  expr::CompileError err;
  if (expr::Expression::compile(filter, slots, expr::Type::Bool, &err)) return {};
  return "filter, column " + std::to_string(err.column) + ": " + err.message;
}

Result<ScanResult> scanTopic(const ResolvedConnection& connection, const ScanOptions& options) {
  using R = Result<ScanResult>;
  ScanResult result;

  // The filter first: a typo is reported before any cluster is asked.
  SlotTable slots;
  std::unique_ptr<expr::Expression> filter;
  if (!options.filter.empty()) {
    expr::CompileError err;
    filter = expr::Expression::compile(options.filter, slots, expr::Type::Bool, &err);
    if (!filter)
      return R::failure("filter, column " + std::to_string(err.column) + ": " + err.message);
  }

  std::unique_ptr<FILE, int (*)(FILE*)> spill(nullptr, &std::fclose);
  if (!options.spillPath.empty()) {
    spill.reset(std::fopen(options.spillPath.c_str(), "wb"));
    if (!spill)
      return R::failure("cannot write matches to " + options.spillPath +
                        ": check the folder exists and is writable");
  }

  ClusterAdmin admin(connection);
  const Result<TopicInfo> info = admin.describeTopic(options.topic, options.timeoutMs);
  if (!info.ok()) return R::failure(info.error);

  std::map<int32_t, PartitionScan> parts;
  for (const PartitionInfo& p : info.value.partitions) {
    if (!options.partitions.empty() &&
        std::find(options.partitions.begin(), options.partitions.end(), p.partition) ==
            options.partitions.end())
      continue;
    PartitionScan s;
    s.end = std::max<int64_t>(p.high, 0);
    const int64_t low = std::max<int64_t>(p.low, 0);
    if (!options.startOffsets.empty()) {
      const auto at = options.startOffsets.find(p.partition);
      s.start = at == options.startOffsets.end() ? low : std::clamp(at->second, low, s.end);
      parts[p.partition] = s;
      continue;
    }
    switch (options.range.from) {
      case ScanRange::From::Beginning:
        s.start = low;
        break;
      case ScanRange::From::End:
        s.start = s.end;
        break;
      case ScanRange::From::Offset:
        s.start = std::clamp(options.range.fromValue, low, s.end);
        break;
      case ScanRange::From::Last:
        s.start = std::max(low, s.end - options.range.fromValue);
        break;
      case ScanRange::From::Time:
        s.start = low;  // resolved below
        break;
    }
    parts[p.partition] = s;
  }
  for (int32_t p : options.partitions)
    if (!parts.count(p))
      return R::failure("topic '" + options.topic + "' has no partition " + std::to_string(p));

  const bool timeLookup = options.startOffsets.empty() &&
                          options.range.from == ScanRange::From::Time && options.offsetsByTime;
  auto finish = [&] {
    for (const auto& [p, s] : parts)
      result.nextOffsets[p] = result.cancelled && !s.done ? s.end : std::max(s.next, s.start);
    // Nothing since the start time: say how old the newest message is.
    if (options.startOffsets.empty() && options.range.from == ScanRange::From::Time &&
        result.progress.matched == 0 && !result.cancelled) {
      int64_t newest = -1;
      for (const PartitionInfo& p : info.value.partitions) {
        if (!parts.count(p.partition) || p.high <= std::max<int64_t>(p.low, 0)) continue;
        auto last = admin.readMessages(options.topic, p.partition, ReadPosition::last(1), 1,
                                       options.timeoutMs);
        if (last.ok() && !last.value.empty())
          newest = std::max(newest, last.value.back().timestamp);
      }
      if (newest < options.range.fromValue) result.newestTimestampMs = newest;
    }
  };
  if (!timeLookup && std::all_of(parts.begin(), parts.end(),
                                 [](const auto& p) { return p.second.start >= p.second.end; })) {
    // Nothing to read (following a topic with no news): no consumer is made.
    finish();
    return R::success(std::move(result));
  }

  ClientOptions o;
  o.kind = ClientKind::Consumer;
  o.label = "topic scan '" + connection.settings.name + "'";
  // The prefetch queue holds more than a second of scanning: librdkafka 2.0.x stops fetching
  // once the consumer queue (every partition's, forwarded into it) exceeds either threshold and
  // looks again only about a second later, however soon the queue drains. With the default
  // 100,000 messages a scan a little slower than the fetcher idled ~1 s every ~0.1 s of work
  // (4-5x the wall time; see KafkaSourceNode, which met the same).
  o.overrides = {{"group.id", "streamcanvas-browser"},  {"enable.auto.commit", "false"},
                 {"enable.auto.offset.store", "false"}, {"enable.partition.eof", "true"},
                 {"allow.auto.create.topics", "false"}, {"statistics.interval.ms", "0"},
                 {"queued.min.messages", "1000000"},    {"queued.max.messages.kbytes", "131072"}};
  auto made = KafkaClient::create(connection, std::move(o));
  if (!made.ok()) return R::failure(made.error);
  rd_kafka_t* rk = made.value->handle();

  if (options.startOffsets.empty() && options.range.from == ScanRange::From::Time) {
    if (options.offsetsByTime) {
      PartitionList query;
      for (const auto& [p, s] : parts)
        rd_kafka_topic_partition_list_add(query.list, options.topic.c_str(), p)->offset =
            options.range.fromValue;
      if (rd_kafka_resp_err_t e = rd_kafka_offsets_for_times(rk, query.list, options.timeoutMs))
        return R::failure("cannot find the offsets at that time: " + errText(e));
      for (int i = 0; i < query.list->cnt; ++i) {
        const auto& el = query.list->elems[i];
        PartitionScan& s = parts[el.partition];
        if (el.err)
          return R::failure("cannot find the offset at that time in partition " +
                            std::to_string(el.partition) + ": " + errText(el.err));
        // -1: every message is older than the time.
        s.start = el.offset < 0 ? s.end : std::clamp<int64_t>(el.offset, s.start, s.end);
      }
    } else {
      for (auto& [p, s] : parts)
        s.skipBeforeMs = options.range.fromValue;
      result.notes.push_back(
          "The embedded cluster cannot look offsets up by time: the scan read from the "
          "beginning and skipped earlier messages.");
    }
  }

  PartitionList assignment;
  int64_t total = 0;
  size_t open = 0;
  for (auto& [p, s] : parts) {
    s.next = s.start;
    if (s.start >= s.end) {
      s.done = true;
      continue;
    }
    rd_kafka_topic_partition_list_add(assignment.list, options.topic.c_str(), p)->offset = s.start;
    total += s.end - s.start;
    ++open;
  }
  result.progress.total = total;
  if (open > 0)
    if (rd_kafka_resp_err_t e = rd_kafka_assign(rk, assignment.list))
      return R::failure("cannot read " + options.topic + ": " + errText(e));

  // Headers are parsed (and allocated) per message on first access: only for a filter that
  // reads them (a "$headers" in a string literal costs only the parse).
  const bool readsHeaders = options.filter.find("$headers") != std::string::npos;
  // The messages of one consume call become one batch: the filter runs column-wise over it.
  constexpr size_t kBatch = 1024;
  JsonFieldExtractor extractor(slots);
  Batch batch(kBatch, std::max<uint32_t>(1, slots.size()));
  expr::EvalScratch scratch;
  std::vector<rd_kafka_message_t*> consumed(kBatch);
  std::vector<rd_kafka_message_t*> rows;  // the message behind each batch row
  rows.reserve(kBatch);
  rd_kafka_queue_t* queue = rd_kafka_queue_get_consumer(rk);
  std::string line;
  std::string consumerError;

  auto report = [&](Clock::time_point& last, bool force) {
    if (!options.progress) return;
    const auto now = Clock::now();
    if (!force && now - last < std::chrono::milliseconds(100)) return;
    last = now;
    options.progress(result.progress);
  };
  auto keepMatch = [&](const rd_kafka_message_t* m) {
    ++result.progress.matched;
    if (result.messages.size() < options.keep) {
      result.messages.push_back(toKafkaMessage(m));
    } else if (spill) {
      line = messageJsonLine(toKafkaMessage(m));
      line += '\n';
      if (std::fwrite(line.data(), 1, line.size(), spill.get()) != line.size() &&
          consumerError.empty())
        consumerError = "cannot write to " + options.spillPath + " (disk full?)";
      ++result.spilled;
    }
  };
  auto flushBatch = [&] {
    if (rows.empty()) return;
    if (filter) {
      const Value* keep = filter->evaluate(batch, scratch);
      for (uint32_t r = 0; r < batch.size(); ++r)
        if (keep[r].kind == Kind::Bool && keep[r].b) keepMatch(rows[r]);
    } else {
      for (rd_kafka_message_t* m : rows)
        keepMatch(m);
    }
    for (rd_kafka_message_t* m : rows)
      rd_kafka_message_destroy(m);
    rows.clear();
    batch.clear();
  };

  auto lastReport = Clock::time_point();  // the first batch is reported at once
  auto lastData = Clock::now();
  while (open > 0) {
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
      result.cancelled = true;
      break;
    }
    if (!consumerError.empty()) break;
    if (Clock::now() - lastData > std::chrono::milliseconds(options.timeoutMs)) {
      consumerError = "no messages arrived for " + std::to_string(options.timeoutMs / 1000) +
                      " s; " + std::to_string(open) + " partitions were not read to their end";
      break;
    }
    // Wait for one message, then take what is there without waiting: consume_batch_queue with
    // a timeout waits for a full batch, 100 ms a call while the fetcher delivers less.
    rd_kafka_message_t* first = rd_kafka_consume_queue(queue, 100);
    if (!first) {
      report(lastReport, false);
      continue;
    }
    consumed[0] = first;
    const ssize_t more =
        rd_kafka_consume_batch_queue(queue, 0, consumed.data() + 1, consumed.size() - 1);
    const ssize_t n = 1 + std::max<ssize_t>(more, 0);
    lastData = Clock::now();
    for (ssize_t i = 0; i < n; ++i) {
      rd_kafka_message_t* m = consumed[size_t(i)];
      auto part = parts.find(m->partition);
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF && part != parts.end() && !part->second.done) {
        // Nothing more to read now (the end moved back, or open transactions hold it).
        part->second.done = true;
        part->second.next = std::max(part->second.next, int64_t(m->offset));
        --open;
      }
      if (m->err || part == parts.end() || part->second.done) {
        if (m->err && m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF && consumerError.empty())
          consumerError = rd_kafka_message_errstr(m);
        rd_kafka_message_destroy(m);
        continue;
      }
      PartitionScan& s = part->second;
      bool take = m->offset < s.end;
      rd_kafka_timestamp_type_t tsType;
      const int64_t ts = rd_kafka_message_timestamp(m, &tsType);
      if (take && options.range.untilTimeMs && ts >= *options.range.untilTimeMs) take = false;
      if (take)
        s.next = m->offset + 1 >= s.end ? s.end : m->offset + 1;
      else if (m->offset >= s.end)
        s.next = s.end;
      else
        s.next = m->offset;  // at or after the end time: a continuation starts here
      if (!take || m->offset + 1 >= s.end) {
        s.done = true;
        --open;
      }
      if (!take || (s.skipBeforeMs >= 0 && ts < s.skipBeforeMs)) {
        if (take) ++result.progress.scanned;
        rd_kafka_message_destroy(m);
        continue;
      }
      ++result.progress.scanned;
      if (!filter) {
        rows.push_back(m);
        continue;
      }
      const uint32_t row = batch.append();
      RecordMeta& meta = batch.meta(row);
      meta.payload = batch.arena().copyPadded(
          m->payload ? std::string_view(static_cast<const char*>(m->payload), m->len)
                     : std::string_view());
      meta.hasKey = m->key != nullptr;
      if (m->key) meta.key = std::string_view(static_cast<const char*>(m->key), m->key_len);
      meta.topic = options.topic;
      meta.partition = m->partition;
      meta.offset = m->offset;
      meta.timestamp = ts;
      rd_kafka_headers_t* hdrs = nullptr;
      if (readsHeaders && rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR &&
          hdrs) {
        const size_t count = rd_kafka_header_cnt(hdrs);
        Header* out = batch.arena().allocateArray<Header>(count);
        const char* name;
        const void* value;
        size_t size;
        for (size_t h = 0; h < count && rd_kafka_header_get_all(hdrs, h, &name, &value, &size) ==
                                            RD_KAFKA_RESP_ERR_NO_ERROR;
             ++h)
          out[h] = Header{name, value ? std::string_view(static_cast<const char*>(value), size)
                                      : std::string_view()};
        meta.headers = out;
        meta.headerCount = uint32_t(count);
      }
      // A value that is no JSON object has no fields: they read as null, metadata still works.
      if (!meta.payload.empty() && slots.size() > 0 && !extractor.extract(batch, row))
        for (uint32_t slot = 0; slot < slots.size(); ++slot)
          batch.at(slot, row) = Value::missing();
      rows.push_back(m);
    }
    flushBatch();
    report(lastReport, false);
  }
  flushBatch();
  rd_kafka_queue_destroy(queue);
  made.value->close();
  report(lastReport, true);
  if (!consumerError.empty()) {
    if (result.progress.scanned == 0)
      return R::failure("cannot read " + options.topic + ": " + consumerError);
    result.notes.push_back("Stopped early: " + consumerError);
  }
  if (spill && std::fflush(spill.get()) != 0)
    return R::failure("cannot write matches to " + options.spillPath + " (disk full?)");
  finish();
  std::stable_sort(result.messages.begin(), result.messages.end(),
                   [](const KafkaMessage& a, const KafkaMessage& b) {
                     return std::tie(a.partition, a.offset) < std::tie(b.partition, b.offset);
                   });
  return R::success(std::move(result));
}

std::string messageJsonLine(const KafkaMessage& m) {
  std::string out = "{\"topic\":";
  appendJsonText(out, m.topic);
  out += ",\"partition\":" + std::to_string(m.partition);
  out += ",\"offset\":" + std::to_string(m.offset);
  out += m.timestamp >= 0 ? ",\"tstype\":\"create\",\"ts\":" + std::to_string(m.timestamp)
                          : std::string(",\"tstype\":\"none\",\"ts\":-1");
  out += ",\"broker\":-1";
  if (!m.headers.empty()) {  // kcat leaves the member out when there are none
    out += ",\"headers\":[";
    for (size_t i = 0; i < m.headers.size(); ++i) {
      if (i) out += ',';
      appendJsonText(out, m.headers[i].name);
      out += ',';
      appendOptional(out, m.headers[i].value);
    }
    out += ']';
  }
  out += ",\"key\":";
  appendOptional(out, m.key);
  out += ",\"payload\":";
  appendOptional(out, m.value);
  out += '}';
  return out;
}

std::string messageCsvHeader() {
  return "topic,partition,offset,timestamp,key,value,headers\n";
}

std::string messageCsvLine(const KafkaMessage& m) {
  std::string out;
  appendCsvField(out, m.topic);
  out += ',' + std::to_string(m.partition) + ',' + std::to_string(m.offset) + ',';
  if (m.timestamp >= 0) out += std::to_string(m.timestamp);
  out += ',';
  if (m.key) appendCsvField(out, *m.key);
  out += ',';
  if (m.value) appendCsvField(out, *m.value);
  out += ',';
  if (!m.headers.empty()) {
    std::string headers = "{";
    for (size_t i = 0; i < m.headers.size(); ++i) {
      if (i) headers += ',';
      appendJsonText(headers, m.headers[i].name);
      headers += ':';
      appendOptional(headers, m.headers[i].value);
    }
    headers += '}';
    appendCsvField(out, headers);
  }
  out += '\n';
  return out;
}

}  // namespace sc::kafka
