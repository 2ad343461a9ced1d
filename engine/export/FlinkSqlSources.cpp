// kafka.source and file.source -> CREATE TABLE, with the event time and watermark the windows
// downstream ask for.
#include "engine/export/FlinkSqlTranslator.h"

#include <algorithm>

#include "engine/graph/Pipeline.h"
#include "engine/runtime/WatermarkGenerator.h"

namespace sc::flinksql {

namespace {

// A source's columns for the fields its readers ask for (objects read as a.b become ROWs).
std::vector<std::string> valueColumns(const Demand& d, Stream& s) {
  std::vector<std::string> lines;
  for (const auto& [name, f] : d.fields) {
    if (name[0] == '$') continue;
    const Shape shape = shapeOf(f);
    s.columns.push_back({name, shape.type, Role::Value, {}, shape.fields});
    lines.push_back("  " + quoteIdentifier(name) + " " + typeName(shape.type, shape.fields));
  }
  return lines;
}

// A kafka.source `start` time in epoch milliseconds: digits, or an ISO-8601 time read as
// StreamCanvas reads it (fraction and offset included).
std::optional<int64_t> startMillis(const std::string& start) {
  int64_t ms = 0;
  if (!start.empty() && start.size() <= 15 &&
      std::all_of(start.begin(), start.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::stoll(start);
  if (parseIso8601Ms(start, ms)) return ms;
  return std::nullopt;
}

}  // namespace

// The event time the windows downstream ask of a source: computed column and watermark lines.
std::vector<std::string> Translator::sourceTimeColumns(const NodeConfig& cfg, Stream& s,
                                                       bool kafka) {
  const Demand& d = demand_[cfg.id()];
  if (d.time.empty()) return {};
  const TimeNeed& first = d.time.front();
  int64_t bound = 0;
  for (const TimeNeed& t : d.time) {
    if (t.processing != first.processing || t.timestamp != first.timestamp)
      refuseAt(t.pointer, t.nodeId,
               "windows fed by source '" + cfg.id() + "' ask for different event times ('" +
                   first.nodeId + "' and '" + t.nodeId + "')",
               "give them the same time and timestamp");
    bound = std::max(bound, t.boundMs);
  }
  std::vector<std::string> lines;
  s.columns.push_back({"$rowtime", SqlType::TimestampLtz, Role::Rowtime});
  if (first.processing) {
    lines.push_back("  `$rowtime` AS PROCTIME()");
    return lines;
  }
  std::string rowtime;
  if (first.timestamp == "$timestamp") {
    if (!kafka) {
      refuseAt(first.pointer, first.nodeId,
               "the event time of a file.source record ($timestamp) is the time it was read",
               "set the window's timestamp to a field holding the event time");
      return {};
    }
    rowtime = quoteIdentifier("$timestamp");
  } else {
    auto ts = translate(first.timestamp, s, cfg, first.pointer);
    if (!ts) return {};
    // Event times are epoch milliseconds (an ISO-8601 text would fail the Flink job).
    // A record without an event time gets a sentinel (Flink's watermark assigner refuses null)
    // that the window drops, as StreamCanvas drops it (on_timestamp_error: late or skip).
    rowtime = "COALESCE(TO_TIMESTAMP_LTZ(" +
              (ts->type == SqlType::BigInt ? ts->text : "CAST(" + ts->text + " AS BIGINT)") +
              ", 3), " + kNoEventTime + ")";
  }
  lines.push_back("  `$rowtime` AS " + rowtime);
  // StreamCanvas's watermark is Flink's BoundedOutOfOrderness one: max - bound - 1 ms.
  lines.push_back("  WATERMARK FOR `$rowtime` AS `$rowtime` - " + intervalLiteral(bound + 1));
  return lines;
}

void Translator::emitKafkaSource(const NodeConfig& cfg) {
  Stream s;
  s.relation = quoteIdentifier(cfg.id());
  const Demand& d = demand_[cfg.id()];
  if (cfg.getString("format") != "json") {
    refuse(cfg, "format", "format 'text' is not translated",
           "read JSON payloads, or use Flink's raw format by hand");
    return;
  }
  for (const char* p : {"dead_letter_topic"})
    if (cfg.has(p)) refuse(cfg, p, "dead letters have no Flink SQL equivalent");
  if (cfg.getString("on_error") == "dead_letter")
    refuse(cfg, "on_error", "on_error 'dead_letter' has no Flink SQL equivalent",
           "use skip (json.ignore-parse-errors) or fail");
  const std::string tsError = cfg.getString("on_timestamp_error");
  if (tsError == "dead_letter" || tsError == "fail")
    refuse(cfg, "on_timestamp_error",
           "on_timestamp_error '" + tsError + "' has no Flink SQL equivalent",
           "Flink's windows drop records without an event time (late, skip)");
  std::vector<std::string> lines = valueColumns(d, s);
  struct Meta {
    const char* name;
    const char* key;
    SqlType type;
    Role role;
  };
  static const Meta metas[] = {{"$timestamp", "timestamp", SqlType::TimestampLtz, Role::Timestamp},
                               {"$topic", "topic", SqlType::String, Role::Topic},
                               {"$partition", "partition", SqlType::Int, Role::Partition},
                               {"$offset", "offset", SqlType::BigInt, Role::Offset},
                               {"$headers", "headers", SqlType::Headers, Role::Headers}};
  bool needsTimestamp = d.fields.count("$timestamp") > 0;
  for (const TimeNeed& t : d.time)
    if (!t.processing && t.timestamp == "$timestamp") needsTimestamp = true;
  const bool key = d.fields.count("$key") > 0;
  if (key) {
    s.columns.push_back({"$key", SqlType::String, Role::Key});
    lines.push_back("  `$key` STRING");
  }
  for (const Meta& m : metas) {
    if (!(m.role == Role::Timestamp ? needsTimestamp : d.fields.count(m.name) > 0)) continue;
    s.columns.push_back({m.name, m.type, m.role});
    lines.push_back("  " + quoteIdentifier(m.name) + " " + sqlTypeName(m.type) + " METADATA FROM " +
                    quoteString(m.key) + " VIRTUAL");
  }
  for (std::string& l : sourceTimeColumns(cfg, s, true))
    lines.push_back(std::move(l));

  auto connection = kafkaConnection(cfg);
  if (!connection) {
    // Refused: no script is written, but the nodes downstream are still checked, so that every
    // refusal is reported at once.
    streams_[cfg.id() + ":out"] = std::move(s);
    return;
  }
  Options with = {{"connector", "kafka"}};
  const std::vector<std::string> topics = cfg.getStringList("topics");
  if (!topics.empty()) {
    std::string joined;
    for (const std::string& t : topics)
      joined += (joined.empty() ? "" : ";") + t;
    with.emplace_back("topic", joined);
  } else {
    with.emplace_back("topic-pattern", cfg.getString("topic_pattern"));
  }
  for (auto& kv : pairs(*connection))
    with.push_back(std::move(kv));
  const std::string group =
      cfg.has("group_id") ? cfg.getString("group_id") : "streamcanvas-" + pipeline_.name;
  with.emplace_back("properties.group.id", group);
  with.emplace_back("properties.isolation.level", "read_committed");
  const std::string start = cfg.getString("start");
  if (start == "earliest") {
    with.emplace_back("scan.startup.mode", "earliest-offset");
  } else if (start == "latest") {
    with.emplace_back("scan.startup.mode", "latest-offset");
  } else if (start == "committed" || start.empty()) {
    with.emplace_back("scan.startup.mode", "group-offsets");
    with.emplace_back("properties.auto.offset.reset", "earliest");
  } else if (const std::optional<int64_t> ms = startMillis(start)) {
    with.emplace_back("scan.startup.mode", "timestamp");
    with.emplace_back("scan.startup.timestamp-millis", std::to_string(*ms));
  } else {
    refuse(cfg, "start", "start '" + start + "' is not translated",
           "give the start time as an ISO-8601 time or in epoch milliseconds, not as a ${VAR}");
  }
  if (cfg.getBool("bounded")) with.emplace_back("scan.bounded.mode", "latest-offset");
  addKafkaFormats(with, key);
  with.emplace_back("value.json.ignore-parse-errors",
                    cfg.getString("on_error") == "fail" ? "false" : "true");
  int64_t idle = 0;
  for (const TimeNeed& t : d.time)
    if (t.idleMs > 0) idle = idle == 0 ? t.idleMs : std::min(idle, t.idleMs);
  if (idle > 0) with.emplace_back("scan.watermark.idle-timeout", formatDurationMs(idle));

  createTable(s.relation, lines, with);
  streams_[cfg.id() + ":out"] = std::move(s);
}

void Translator::emitFileSource(const NodeConfig& cfg) {
  Stream s;
  s.relation = quoteIdentifier(cfg.id());
  const Demand& d = demand_[cfg.id()];
  if (cfg.getString("format") != "jsonl") {
    refuse(cfg, "format", "format 'csv' is not translated",
           "Flink's csv format maps columns by position and has no header row");
    return;
  }
  if (cfg.getBool("follow"))
    refuse(cfg, "follow", "following a growing file is not translated",
           "Flink's filesystem source watches a folder for new files, not appended lines");
  const std::string tsError = cfg.getString("on_timestamp_error");
  if (tsError == "fail")
    refuse(cfg, "on_timestamp_error", "on_timestamp_error 'fail' has no Flink SQL equivalent");
  std::vector<std::string> lines = valueColumns(d, s);
  for (std::string& l : sourceTimeColumns(cfg, s, false))
    lines.push_back(std::move(l));
  if (lines.empty()) {
    refuse(cfg, "", "no field of source '" + cfg.id() + "' is read",
           "Flink tables need at least one column");
    return;
  }
  Options with = {
      {"connector", "filesystem"},
      {"path", cfg.getString("path")},
      {"format", "json"},
      {"json.ignore-parse-errors", cfg.getString("on_error") == "fail" ? "false" : "true"}};
  createTable(s.relation, lines, with);
  streams_[cfg.id() + ":out"] = std::move(s);
}

}  // namespace sc::flinksql
