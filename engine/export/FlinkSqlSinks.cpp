// kafka.sink, file.sink, console.sink, discard.sink -> CREATE TABLE and INSERT INTO.
#include "engine/export/FlinkSqlTranslator.h"

#include "engine/graph/Pipeline.h"

namespace sc::flinksql {

void Translator::emitSink(const NodeConfig& cfg, const Stream& in) {
  const std::string& type = cfg.spec().type;
  std::vector<std::string> lines, select;
  for (const Column& c : in.columns) {
    if (c.role != Role::Value) continue;
    lines.push_back("  " + quoteIdentifier(c.name) + " " + sinkColumnType(c));
    select.push_back(quoteIdentifier(c.name));
  }
  Options with;
  if (type == "kafka.sink") {
    if (cfg.getString("on_error") != "fail") {
      refuse(cfg, "on_error", "on_error '" + cfg.getString("on_error") + "' is not translated",
             "Flink's Kafka sink fails the job on a refused record");
      return;
    }
    const Json& headers = cfg.value("headers");
    if (headers.is_object()) {
      refuse(cfg, "headers", "computed headers are not translated", "use keep or drop");
      return;
    }
    auto connection = kafkaConnection(cfg);
    if (!connection) return;
    std::optional<Sql> key;
    if (cfg.has("key")) {
      key = translate(cfg.getString("key"), in, cfg, cfg.pointer("key"));
      if (!key) return;
      if (key->type != SqlType::String) {
        refuse(
            cfg, "key",
            "a message key of type " + std::string(sqlTypeName(key->type)) + " is not translated",
            "StreamCanvas writes numbers in JSON form, Flink differently; key by text");
        return;
      }
    } else if (const Column* recordKey = in.byRole(Role::Key)) {
      key = Sql{quoteIdentifier(recordKey->name), SqlType::String};
    } else if (in.windowOutput) {
      const Column* k = in.find("key");
      if (k && k->type == SqlType::String) {
        key = Sql{"`key`", SqlType::String};
      } else if (k && (k->type != SqlType::String || !k->rowType.empty())) {
        refuse(cfg, "key",
               "the window's key is " +
                   (k->rowType.empty() ? "a " + std::string(sqlTypeName(k->type)) : "composite") +
                   "; its JSON text as a message key is not translated",
               "set key to a text expression");
        return;
      }
    }
    if (key) {
      lines.push_back("  `$key` STRING");
      select.push_back(key->text);
    }
    std::string timestamp;
    if (in.windowOutput)
      timestamp = "TO_TIMESTAMP_LTZ(`window_end` - 1, 3)";
    else if (in.byRole(Role::Rowtime))
      timestamp = "CAST(`$rowtime` AS TIMESTAMP_LTZ(3))";
    else if (in.byRole(Role::Timestamp))
      timestamp = "`$timestamp`";
    if (!timestamp.empty()) {
      lines.push_back("  `$timestamp` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'");
      select.push_back(timestamp);
    }
    if (headers.is_string() && headers.get<std::string>() == "keep" && in.byRole(Role::Headers)) {
      lines.push_back("  `$headers` MAP<STRING, BYTES> METADATA FROM 'headers'");
      select.push_back("`$headers`");
    }
    with = {{"connector", "kafka"}, {"topic", cfg.getString("topic")}};
    for (auto& kv : pairs(*connection))
      with.push_back(std::move(kv));
    addKafkaFormats(with, key.has_value());
    with.emplace_back("properties.acks", cfg.getString("acks"));
    with.emplace_back("properties.enable.idempotence",
                      cfg.getBool("idempotence") ? "true" : "false");
    with.emplace_back("properties.compression.type", cfg.getString("compression"));
    with.emplace_back("properties.linger.ms", std::to_string(cfg.getDurationMs("linger")));
    with.emplace_back("sink.delivery-guarantee", exactlyOnce_ ? "exactly-once" : "at-least-once");
    if (exactlyOnce_)
      with.emplace_back("sink.transactional-id-prefix", pipeline_.name + "-" + cfg.id());
  } else if (type == "file.sink") {
    if (cfg.getString("format") != "jsonl") {
      refuse(cfg, "format", "format 'csv' is not translated",
             "Flink's csv format writes no header row");
      return;
    }
    if (cfg.getString("mode") == "fail") {
      refuse(cfg, "mode", "mode 'fail' is not translated",
             "Flink's filesystem sink adds part files to a folder; it never refuses one");
      return;
    }
    with = {{"connector", "filesystem"}, {"path", cfg.getString("path")}, {"format", "json"}};
    notes_.push_back("-- File sink '" + cfg.id() +
                     "': Flink writes part files into the folder 'path', committed at "
                     "checkpoints, instead of one file.");
  } else if (type == "console.sink") {
    with = {{"connector", "print"}};
    notes_.push_back("-- Console sink '" + cfg.id() +
                     "': Flink's print connector writes rows as +I[...] to the task managers' "
                     "standard output, not JSON.");
  } else if (type == "discard.sink") {
    with = {{"connector", "blackhole"}};
  } else {
    refuse(cfg, "", "node type '" + type + "' is not translated");
    return;
  }
  if (lines.empty()) {
    refuse(cfg, "", "no field reaches sink '" + cfg.id() + "'",
           "Flink tables need at least one column; read a field upstream");
    return;
  }
  if (!in.windowOutput && type != "discard.sink") {
    std::string names;
    for (const Column& c : in.columns)
      if (c.role == Role::Value) names += (names.empty() ? "" : ", ") + c.name;
    Diagnostic& w = diags_.warning(cfg.pointer(),
                                   "records written by '" + cfg.id() +
                                       "' carry only the fields the pipeline reads (" + names +
                                       "); fields it never reads are not passed through",
                                   "Flink's json format reads declared columns only");
    w.nodeId = cfg.id();
  }
  const std::string table = quoteIdentifier(cfg.id());
  createTable(table, lines, with);
  std::string list;
  for (size_t i = 0; i < select.size(); ++i)
    list += (i ? ", " : "") + select[i];
  inserts_.push_back("INSERT INTO " + table + "\nSELECT " + list + "\nFROM " + in.relation + ";");
}

}  // namespace sc::flinksql
