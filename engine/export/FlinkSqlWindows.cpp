// window.tumbling/hopping/session -> window table-valued functions with GROUP BY aggregates.
#include "engine/export/FlinkSqlTranslator.h"

#include "engine/graph/Pipeline.h"

namespace sc::flinksql {

void Translator::emitWindow(const NodeConfig& cfg, const Stream& in) {
  const std::string& type = cfg.spec().type;
  bool ok = true;
  if (cfg.getDurationMs("allowed_lateness") > 0) {
    refuse(cfg, "allowed_lateness", "allowed_lateness is not translated",
           "Flink SQL's window aggregations drop late records; they cannot update a fired "
           "window");
    ok = false;
  }
  if (cfg.getString("emit") != "final") {
    refuse(cfg, "emit", "emit intervals (early results) are not translated",
           "Flink SQL window aggregations emit once per window; use emit: final");
    ok = false;
  }
  for (const PipelineEdge* e : outgoing(cfg.id()))
    if (e->fromPort() == "late") {
      refuse(cfg, "", "the 'late' port is wired; Flink SQL has no side output for late records",
             "remove the edge from '" + cfg.id() + ":late'");
      ok = false;
    }
  const Column* rowtime = in.byRole(Role::Rowtime);
  if (!rowtime) return;  // the source refused its event time
  const Json& keys = cfg.value("key");
  const bool composite = keys.is_array();
  std::vector<std::string> keyTexts;
  if (keys.is_string()) keyTexts.push_back(keys.get<std::string>());
  for (size_t i = 0; composite && i < keys.size(); ++i)
    keyTexts.push_back(keys[i].get<std::string>());
  std::vector<Sql> keySql;
  for (size_t i = 0; i < keyTexts.size(); ++i) {
    auto k = translate(keyTexts[i], in, cfg,
                       cfg.pointer("key") + (composite ? "/" + std::to_string(i) : ""));
    if (!k) {
      ok = false;
      continue;
    }
    keySql.push_back(*k);
  }
  std::vector<std::string> select = {windowBoundMillis("window_start") + " AS `window_start`",
                                     windowBoundMillis("window_end") + " AS `window_end`"};
  Stream out;
  out.relation = quoteIdentifier(cfg.id());
  out.windowOutput = true;
  out.columns.push_back({"window_start", SqlType::BigInt, Role::Value});
  out.columns.push_back({"window_end", SqlType::BigInt, Role::Value});
  const bool keysOk = keySql.size() == keyTexts.size();
  if (!keysOk) {
    out.columns.push_back({"key", SqlType::Null, Role::Value});  // refused (checks downstream)
  } else if (keySql.empty()) {
    select.push_back("CAST(NULL AS STRING) AS `key`");
    out.columns.push_back({"key", SqlType::String, Role::Value});
  } else if (!composite) {
    select.push_back(keySql[0].text + " AS `key`");
    out.columns.push_back({"key", keySql[0].type, Role::Value, {}, keySql[0].fields});
  } else {
    // A composite key is an object named after the expressions: a ROW with those field names.
    std::string row = "CAST(ROW(", rowType = "ROW<";
    for (size_t i = 0; i < keySql.size(); ++i) {
      row += (i ? ", " : "") + keySql[i].text;
      rowType += (i ? ", " : "") + quoteIdentifier(keyTexts[i]) + " " +
                 typeName(keySql[i].type == SqlType::Null ? SqlType::String : keySql[i].type,
                          keySql[i].fields);
    }
    select.push_back(row + ") AS " + rowType + ">) AS `key`");
    out.columns.push_back({"key", SqlType::Null, Role::Value, rowType + ">"});
  }
  const Json& aggs = cfg.value("aggregates");
  for (size_t i = 0; aggs.is_array() && i < aggs.size(); ++i) {
    const Json& a = aggs[i];
    const std::string as = a.value("as", ""), fn = a.value("fn", "");
    const std::string pointer = cfg.pointer("aggregates") + "/" + std::to_string(i);
    std::optional<Sql> of;
    if (a.contains("of") && a["of"].is_string()) {
      of = translate(a["of"].get<std::string>(), in, cfg, pointer + "/of");
      if (!of) {
        ok = false;
        out.columns.push_back({as, SqlType::Null, Role::Value});  // refused (checks downstream)
        continue;
      }
    }
    std::string sql;
    SqlType t = SqlType::Double;
    if (fn == "count") {
      sql = of ? "COUNT(" + of->text + ")" : "COUNT(*)";
      t = SqlType::BigInt;
    } else if (fn == "sum" || fn == "avg" || fn == "min" || fn == "max") {
      std::string f = fn == "sum" ? "SUM(" : fn == "avg" ? "AVG(" : fn == "min" ? "MIN(" : "MAX(";
      // AVG of integers would be an integer in Flink; StreamCanvas averages as decimals.
      sql = f + (fn == "avg" ? "CAST(" + of->text + " AS DOUBLE)" : of->text) + ")";
      t = fn == "avg" ? SqlType::Double : of->type;
    } else if (fn == "count_distinct") {
      // Exact in Flink; StreamCanvas is exact up to 4096 values per window, then estimates.
      sql = "COUNT(DISTINCT " + of->text + ")";
      t = SqlType::BigInt;
    } else {
      refuseAt(pointer + "/fn", cfg.id(), "aggregate '" + fn + "' is not translated",
               fn == "first" || fn == "last"
                   ? "Flink's FIRST_VALUE/LAST_VALUE follow arrival order, StreamCanvas's event "
                     "time"
                   : "Flink SQL has no streaming percentile aggregate");
      ok = false;
      out.columns.push_back({as, SqlType::Null, Role::Value});
      continue;
    }
    select.push_back(sql + " AS " + quoteIdentifier(as));
    out.columns.push_back({as, t == SqlType::Int ? SqlType::BigInt : t, Role::Value});
  }
  if (!ok) {
    // Refused; the nodes downstream are still checked (see emitKafkaSource in FlinkSqlSources.cpp).
    streams_[cfg.id() + ":out"] = std::move(out);
    return;
  }
  const std::string descriptor = "DESCRIPTOR(" + quoteIdentifier(rowtime->name) + ")";
  const std::string timed = quoteIdentifier(cfg.id() + ".timed");
  ddl_.push_back("CREATE TEMPORARY VIEW " + timed + " AS\nSELECT * FROM " + in.relation +
                 "\nWHERE `$rowtime` > " + kNoEventTime + ";");
  std::string tvf;
  if (type == "window.tumbling") {
    tvf = "TUMBLE(TABLE " + timed + ", " + descriptor + ", " +
          intervalLiteral(cfg.getDurationMs("size")) + ")";
  } else if (type == "window.hopping") {
    const int64_t size = cfg.getDurationMs("size"), slide = cfg.getDurationMs("slide");
    if (size % slide != 0) {
      refuse(cfg, "slide", "a size that is not a whole multiple of slide is not translated",
             "Flink's HOP requires size = n * slide");
      return;
    }
    tvf = "HOP(TABLE " + timed + ", " + descriptor + ", " + intervalLiteral(slide) + ", " +
          intervalLiteral(size) + ")";
  } else {
    std::string partition;
    for (size_t i = 0; i < keySql.size(); ++i) {
      const Column* c = in.find(keyTexts[i]);
      if (!c || c->role != Role::Value) {
        refuse(cfg, "key",
               "a session window keyed by the expression '" + keyTexts[i] + "' is not translated",
               "Flink's SESSION partitions by columns: key by a field, computed by a map first");
        return;
      }
      partition += (i ? ", " : "") + quoteIdentifier(c->name);
    }
    tvf = "SESSION(TABLE " + timed + (partition.empty() ? "" : " PARTITION BY " + partition) +
          ", " + descriptor + ", " + intervalLiteral(cfg.getDurationMs("gap")) + ")";
    notes_.push_back("-- Session window '" + cfg.id() +
                     "': Flink also merges sessions whose records are exactly `gap` apart; "
                     "StreamCanvas keeps them apart.");
  }
  std::string group = "window_start, window_end";
  for (const Sql& k : keySql)
    group += ", " + k.text;
  ddl_.push_back("CREATE TEMPORARY VIEW " + out.relation + " AS\nSELECT\n" +
                 joinLines(select, "  ") + "FROM TABLE(\n  " + tvf + ")\nGROUP BY " + group + ";");
  streams_[cfg.id() + ":out"] = std::move(out);
}

}  // namespace sc::flinksql
