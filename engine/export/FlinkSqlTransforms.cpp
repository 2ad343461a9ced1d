// filter, map and several wires into one input (UNION ALL) -> CREATE TEMPORARY VIEW.
#include "engine/export/FlinkSqlTranslator.h"

#include <algorithm>
#include <set>

#include "engine/graph/Pipeline.h"

namespace sc::flinksql {

const Stream* Translator::inputOf(const NodeConfig& cfg) {
  const auto edges = incoming(cfg.id());
  if (edges.empty()) {
    refuse(cfg, "", "node '" + cfg.id() + "' has no input", "wire an input to it");
    return nullptr;
  }
  if (edges.size() > 1) return unionOf(cfg, edges);
  auto it = streams_.find(edges[0]->from.node + ":" + edges[0]->fromPort());
  return it == streams_.end() ? nullptr : &it->second;  // upstream refused: reported there
}

// Several wires into one input: their records interleaved, as UNION ALL of the inputs. The
// inputs carry the fields the node's readers ask for (the same demand went up every wire); a
// field only one branch makes (a map's) is NULL in the others, as it is absent there.
const Stream* Translator::unionOf(const NodeConfig& cfg,
                                  const std::vector<const PipelineEdge*>& edges) {
  std::vector<const Stream*> inputs;
  for (const PipelineEdge* e : edges) {
    auto it = streams_.find(e->from.node + ":" + e->fromPort());
    if (it == streams_.end()) return nullptr;  // upstream refused: reported there
    inputs.push_back(&it->second);
  }
  auto wire = [&](size_t i) { return edges[i]->from.node + ":" + edges[i]->fromPort(); };
  // The union's columns: every input's, in the first input's order, then the others' new ones.
  std::vector<Column> columns;
  std::vector<size_t> firstHaving;  // the input each column was first seen in
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i]->windowOutput != inputs[0]->windowOutput) {
      refuse(cfg, "",
             "node '" + cfg.id() + "' merges a window's results ('" + wire(i == 0 ? 1 : i) +
                 "' or '" + wire(0) + "') with records",
             "merge inputs of the same kind: records, or the results of windows");
      return nullptr;
    }
    for (const Column& c : inputs[i]->columns) {
      auto same = std::find_if(columns.begin(), columns.end(),
                               [&](const Column& k) { return k.name == c.name; });
      if (same == columns.end()) {
        columns.push_back(c);
        firstHaving.push_back(i);
        continue;
      }
      const size_t at = static_cast<size_t>(same - columns.begin());
      if (same->role != c.role || same->type != c.type || same->rowType != c.rowType ||
          typeName(same->type, same->fields) != typeName(c.type, c.fields)) {
        refuse(cfg, "",
               "the inputs of '" + cfg.id() + "' carry '" + c.name + "' as " +
                   sinkColumnType(*same) + " ('" + wire(firstHaving[at]) + "') and as " +
                   sinkColumnType(c) + " ('" + wire(i) + "')",
               "Flink's UNION ALL needs one type per column; convert with to_number() or "
               "to_string() in a map before the merge");
        return nullptr;
      }
    }
  }
  // Event time and Kafka metadata are columns of the sources; every input must have them.
  for (const Column& c : columns) {
    if (c.role == Role::Value) continue;
    for (size_t i = 0; i < inputs.size(); ++i)
      if (!inputs[i]->find(c.name)) {
        refuse(cfg, "",
               "input '" + wire(i) + "' of '" + cfg.id() + "' has no " +
                   (c.role == Role::Rowtime ? std::string("event time") : c.name) +
                   " that its other inputs have",
               c.role == Role::Rowtime ? "give every input the same time and timestamp"
                                       : "read " + c.name + " only from kafka.source inputs");
        return nullptr;
      }
  }
  Stream out = *inputs[0];
  out.columns = columns;
  out.relation = quoteIdentifier(cfg.id() + ".inputs");
  std::string selects;
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::string list;
    for (const Column& c : columns) {
      std::string value = quoteIdentifier(c.name);
      if (!inputs[i]->find(c.name))
        value = "CAST(NULL AS " + sinkColumnType(c) + ") AS " + quoteIdentifier(c.name);
      list += (list.empty() ? "" : ", ") + value;
    }
    selects +=
        (i ? "\nUNION ALL\n" : "") + std::string("SELECT ") + list + " FROM " + inputs[i]->relation;
  }
  ddl_.push_back("CREATE TEMPORARY VIEW " + out.relation + " AS\n" + selects + ";");
  return &(streams_[cfg.id() + ":inputs"] = std::move(out));
}

void Translator::emitFilter(const NodeConfig& cfg, const Stream& in) {
  auto cond = translate(cfg.getString("condition"), in, cfg, cfg.pointer("condition"));
  if (!cond) {
    // Refused; the nodes downstream are still checked (see emitKafkaSource in FlinkSqlSources.cpp).
    streams_[cfg.id() + ":out"] = streams_[cfg.id() + ":rejected"] = in;
    return;
  }
  // A null condition drops the record (and sends it to 'rejected').
  Stream out = in;
  out.relation = quoteIdentifier(cfg.id());
  ddl_.push_back("CREATE TEMPORARY VIEW " + out.relation + " AS\nSELECT * FROM " + in.relation +
                 "\nWHERE COALESCE(" + cond->text + ", FALSE);");
  streams_[cfg.id() + ":out"] = out;
  for (const PipelineEdge* e : outgoing(cfg.id()))
    if (e->fromPort() == "rejected") {
      Stream rejected = in;
      rejected.relation = quoteIdentifier(cfg.id() + ".rejected");
      ddl_.push_back("CREATE TEMPORARY VIEW " + rejected.relation + " AS\nSELECT * FROM " +
                     in.relation + "\nWHERE NOT COALESCE(" + cond->text + ", FALSE);");
      streams_[cfg.id() + ":rejected"] = rejected;
      break;
    }
}

void Translator::emitMap(const NodeConfig& cfg, const Stream& in) {
  const auto set = cfg.getStringMap("set");
  const auto dropList = cfg.getStringList("drop");
  const std::set<std::string> drop(dropList.begin(), dropList.end());
  std::map<std::string, Sql> values;
  bool ok = true;
  for (const auto& [name, text] : set) {
    auto v = translate(text, in, cfg, cfg.pointer("set") + "/" + pointerToken(name));
    if (!v) {
      ok = false;
      v = Sql{"NULL", SqlType::Null};  // refused: still checks the nodes downstream
    } else if (v->type == SqlType::Null) {
      v = Sql{"CAST(NULL AS STRING)", SqlType::String};
    }
    values[name] = *v;
  }
  Stream out;
  out.relation = quoteIdentifier(cfg.id());
  std::vector<std::string> select;
  for (const Column& c : in.columns) {
    if (c.role == Role::Value && drop.count(c.name)) continue;
    auto it = values.find(c.name);
    if (c.role == Role::Value && it != values.end()) {
      select.push_back(it->second.text + " AS " + quoteIdentifier(c.name));
      out.columns.push_back({c.name, it->second.type, Role::Value, {}, it->second.fields});
    } else {
      select.push_back(quoteIdentifier(c.name));
      out.columns.push_back(c);
    }
  }
  for (const auto& [name, text] : set) {
    if (in.find(name) || drop.count(name)) continue;
    select.push_back(values[name].text + " AS " + quoteIdentifier(name));
    out.columns.push_back({name, values[name].type, Role::Value, {}, values[name].fields});
  }
  if (!ok) {
    streams_[cfg.id() + ":out"] = std::move(out);
    return;
  }
  ddl_.push_back("CREATE TEMPORARY VIEW " + out.relation + " AS\nSELECT\n" +
                 joinLines(select, "  ") + "FROM " + in.relation + ";");
  streams_[cfg.id() + ":out"] = std::move(out);
}

}  // namespace sc::flinksql
