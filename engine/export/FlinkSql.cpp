// Pipeline -> Flink SQL. Two passes over the graph in topological order:
//  1. backwards: which fields (and metadata) every node's input must carry, with the SQL type the
//     expressions that read them imply, and the event time every window asks of its sources;
//  2. forwards: one CREATE TABLE per source and sink, one CREATE TEMPORARY VIEW per transform and
//     window, and the INSERT INTO statements (an EXECUTE STATEMENT SET when there are several).
#include "engine/export/FlinkSql.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "engine/expr/Parser.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/PipelineSettings.h"
#include "engine/runtime/WatermarkGenerator.h"

namespace sc {
namespace {

using expr::Ast;
using expr::AstKind;
using expr::Op;

// What an expression implies about a field's type. Number fields are read as DOUBLE; Integer
// (epoch milliseconds of an event time) as BIGINT.
enum class Hint { Unknown, Number, Integer, String, Bool };

enum class SqlType { Null, Double, BigInt, Int, String, Boolean, TimestampLtz, Headers, Row };

const char* sqlTypeName(SqlType t) {
  switch (t) {
    case SqlType::Double:
      return "DOUBLE";
    case SqlType::BigInt:
      return "BIGINT";
    case SqlType::Int:
      return "INT";
    case SqlType::Boolean:
      return "BOOLEAN";
    case SqlType::TimestampLtz:
      return "TIMESTAMP_LTZ(3)";
    case SqlType::Headers:
      return "MAP<STRING, BYTES>";
    case SqlType::Row:
      return "ROW";  // a JSON object (messages; declarations spell out its fields)
    case SqlType::Null:
    case SqlType::String:
      break;
  }
  return "STRING";
}

bool numeric(SqlType t) {
  return t == SqlType::Double || t == SqlType::BigInt || t == SqlType::Int;
}

SqlType typeOfHint(Hint h) {
  switch (h) {
    case Hint::Number:
      return SqlType::Double;
    case Hint::Integer:
      return SqlType::BigInt;
    case Hint::Bool:
      return SqlType::Boolean;
    case Hint::String:
    case Hint::Unknown:
      break;
  }
  return SqlType::String;  // a field only grouped by or passed on: its JSON text
}

const char* hintName(Hint h) {
  switch (h) {
    case Hint::Number:
    case Hint::Integer:
      return "a number";
    case Hint::String:
      return "text";
    case Hint::Bool:
      return "a boolean";
    case Hint::Unknown:
      break;
  }
  return "any value";
}

std::string quoteIdentifier(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string quoteString(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// The type of a JSON object's fields read as a.b: a ROW column (Flink's json format maps an
// object to a ROW by field name).
struct Shape;
using Fields = std::map<std::string, Shape>;
struct Shape {
  SqlType type = SqlType::String;
  Fields fields;  // set when type is Row
};

// The declaration of a type: `ROW<`b` DOUBLE, `c` ROW<...>>` for an object.
std::string typeName(SqlType type, const Fields& fields) {
  if (type != SqlType::Row) return sqlTypeName(type);
  std::string out = "ROW<";
  for (auto it = fields.begin(); it != fields.end(); ++it)
    out += (it == fields.begin() ? "" : ", ") + quoteIdentifier(it->first) + " " +
           typeName(it->second.type, it->second.fields);
  return out + ">";
}

// An INTERVAL literal of exactly `ms` milliseconds.
std::string intervalLiteral(int64_t ms) {
  if (ms % 86'400'000 == 0) return "INTERVAL '" + std::to_string(ms / 86'400'000) + "' DAY";
  if (ms % 3'600'000 == 0) return "INTERVAL '" + std::to_string(ms / 3'600'000) + "' HOUR";
  if (ms % 60'000 == 0) return "INTERVAL '" + std::to_string(ms / 60'000) + "' MINUTE";
  if (ms % 1000 == 0) return "INTERVAL '" + std::to_string(ms / 1000) + "' SECOND";
  char buf[48];
  std::snprintf(buf, sizeof buf, "INTERVAL '%lld.%03lld' SECOND", static_cast<long long>(ms / 1000),
                static_cast<long long>(ms % 1000));
  return buf;
}

// Epoch milliseconds of a TIMESTAMP_LTZ(3) expression (Flink casts it to seconds only).
std::string epochMillis(const std::string& ltz) {
  return "(TIMESTAMPDIFF(SECOND, TO_TIMESTAMP_LTZ(0, 3), " + ltz +
         ") * CAST(1000 AS BIGINT) + EXTRACT(MILLISECOND FROM " + ltz + "))";
}

// Epoch milliseconds of a window bound: a TIMESTAMP(3) in the session time zone (set to UTC).
std::string windowBoundMillis(const std::string& bound) {
  return "(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', " + bound +
         ") * CAST(1000 AS BIGINT) + EXTRACT(MILLISECOND FROM " + bound + "))";
}

// Event time of records that have none: 0001-01-01, before any real one.
const std::string kNoEventTime = "TO_TIMESTAMP_LTZ(CAST(-62135596800000 AS BIGINT), 3)";

struct FieldNeed {
  Hint hint = Hint::Unknown;
  std::string pointer;  // where the type was implied (for conflicts)
  std::string nodeId;
  std::map<std::string, FieldNeed> fields;  // read as a.b: the field is an object (a ROW)
  std::string objectPointer;                // where it was first read as an object
  std::string objectNodeId;
};

// Event time asked of a source by a window downstream of it.
struct TimeNeed {
  std::string timestamp;  // expression text; "$timestamp" by default
  bool processing = false;
  int64_t boundMs = 0;
  int64_t idleMs = 0;
  std::string pointer;
  std::string nodeId;
};

// What a node's input must carry.
struct Demand {
  std::map<std::string, FieldNeed> fields;  // top-level field names (with their sub-fields), "$key"
  std::vector<TimeNeed> time;
};

enum class Role { Value, Key, Timestamp, Topic, Partition, Offset, Headers, Rowtime };

struct Column {
  std::string name;
  SqlType type = SqlType::String;
  Role role = Role::Value;
  std::string rowType;  // a composite window key: its ROW<...> type (type is then Null)
  Fields fields;        // type Row: the object's fields
};

// A relation (table or view) and the columns it has.
struct Stream {
  std::string relation;  // quoted name
  std::vector<Column> columns;
  bool windowOutput = false;
  const Column* find(std::string_view name) const {
    for (const Column& c : columns)
      if (c.name == name) return &c;
    return nullptr;
  }
  const Column* byRole(Role role) const {
    for (const Column& c : columns)
      if (c.role == role) return &c;
    return nullptr;
  }
};

struct Sql {
  std::string text;
  SqlType type = SqlType::Null;
  Fields fields;  // type Row: the object's fields
};

class Translator {
 public:
  Translator(const Pipeline& p, const NodeRegistry& r, Diagnostics& d)
      : pipeline_(p), registry_(r), diags_(d) {}

  std::string run();

 private:
  // --- graph ---
  std::vector<int> topologicalOrder() const;
  std::vector<const PipelineEdge*> incoming(const std::string& id) const;
  std::vector<const PipelineEdge*> outgoing(const std::string& id) const;
  NodeConfig config(int index) const;

  // --- errors ---
  void refuse(const NodeConfig& cfg, std::string_view property, const std::string& what,
              const std::string& hint = {}) {
    Diagnostic& d = diags_.error(cfg.pointer(property), what, hint);
    d.nodeId = cfg.id();
    d.property = std::string(property);
  }
  void refuseAt(const std::string& pointer, const std::string& nodeId, const std::string& what,
                const std::string& hint = {}) {
    Diagnostic& d = diags_.error(pointer, what, hint);
    d.nodeId = nodeId;
    d.property = propertyOf(pointer);
  }
  // The node property a pointer is in (/nodes/1/properties/set/x -> set), else empty.
  static std::string propertyOf(const std::string& pointer) {
    static const std::string nodes = "/nodes/";
    if (pointer.rfind(nodes, 0) != 0) return {};
    const size_t slash = pointer.find('/', nodes.size());
    static const std::string properties = "/properties/";
    if (slash == std::string::npos || pointer.compare(slash, properties.size(), properties) != 0)
      return {};
    const size_t start = slash + properties.size();
    std::string token = pointer.substr(start, pointer.find('/', start) - start);
    for (size_t at = 0; (at = token.find('~', at)) != std::string::npos; ++at)
      token.replace(at, 2, token.compare(at, 2, "~1") == 0 ? "/" : "~");
    return token;
  }

  // --- pass 1 ---
  void demandOf(int index);
  void need(Demand& d, const std::string& field, Hint hint, const std::string& pointer,
            const std::string& nodeId);
  // `path` (a.b.c) read with `hint`; its parents become objects.
  void needPath(std::map<std::string, FieldNeed>& fields, const std::vector<std::string>& path,
                size_t at, Hint hint, const std::string& pointer, const std::string& nodeId);
  // Adds what `f` (at `path`) asks for, sub-fields included.
  void mergeNeed(std::map<std::string, FieldNeed>& fields, std::vector<std::string> path,
                 const FieldNeed& f);
  Hint sureHint(const Ast& a) const;
  void hints(const Ast& a, Hint expected, Demand& d, const std::string& pointer,
             const std::string& nodeId);
  void hintsOf(const std::string& text, Hint expected, Demand& d, const std::string& pointer,
               const std::string& nodeId);

  // --- pass 2 ---
  void emitNode(int index);
  void emitKafkaSource(const NodeConfig& cfg);
  void emitFileSource(const NodeConfig& cfg);
  std::vector<std::string> sourceTimeColumns(const NodeConfig& cfg, Stream& s, bool kafka);
  void emitFilter(const NodeConfig& cfg, const Stream& in);
  void emitMap(const NodeConfig& cfg, const Stream& in);
  void emitWindow(const NodeConfig& cfg, const Stream& in);
  void emitSink(const NodeConfig& cfg, const Stream& in);
  std::optional<std::vector<std::string>> kafkaConnection(const NodeConfig& cfg);
  const Stream* inputOf(const NodeConfig& cfg);
  const Stream* unionOf(const NodeConfig& cfg, const std::vector<const PipelineEdge*>& edges);

  std::optional<Sql> translate(const std::string& text, const Stream& in, const NodeConfig& cfg,
                               const std::string& pointer);
  std::optional<Sql> translate(const Ast& a, const Stream& in, const NodeConfig& cfg,
                               const std::string& pointer, const std::string& text);
  std::optional<Sql> call(const Ast& a, const Stream& in, const NodeConfig& cfg,
                          const std::string& pointer, const std::string& text);

  std::string settingsStatements();

  const Pipeline& pipeline_;
  const NodeRegistry& registry_;
  Diagnostics& diags_;
  std::map<std::string, Demand> demand_;   // by node id: what its input must carry
  std::map<std::string, Stream> streams_;  // by "node:port"
  std::vector<std::string> ddl_;           // CREATE statements in order
  std::vector<std::string> inserts_;       // INSERT INTO statements
  std::vector<std::string> notes_;         // comments at the top of the script
  bool exactlyOnce_ = false;
};

std::vector<const PipelineEdge*> Translator::incoming(const std::string& id) const {
  std::vector<const PipelineEdge*> out;
  for (const PipelineEdge& e : pipeline_.edges)
    if (e.to.node == id) out.push_back(&e);
  return out;
}

std::vector<const PipelineEdge*> Translator::outgoing(const std::string& id) const {
  std::vector<const PipelineEdge*> out;
  for (const PipelineEdge& e : pipeline_.edges)
    if (e.from.node == id) out.push_back(&e);
  return out;
}

std::vector<int> Translator::topologicalOrder() const {
  const size_t n = pipeline_.nodes.size();
  std::vector<int> indegree(n, 0), order;
  for (const PipelineEdge& e : pipeline_.edges) {
    const int to = pipeline_.nodeIndex(e.to.node);
    if (to >= 0) ++indegree[static_cast<size_t>(to)];
  }
  std::vector<int> ready;
  for (size_t i = 0; i < n; ++i)
    if (indegree[i] == 0) ready.push_back(static_cast<int>(i));
  while (!ready.empty()) {
    const int i = ready.front();
    ready.erase(ready.begin());
    order.push_back(i);
    for (const PipelineEdge* e : outgoing(pipeline_.nodes[static_cast<size_t>(i)].id)) {
      const int to = pipeline_.nodeIndex(e->to.node);
      if (to >= 0 && --indegree[static_cast<size_t>(to)] == 0) ready.push_back(to);
    }
  }
  return order;  // the validator has refused cycles
}

NodeConfig Translator::config(int index) const {
  const PipelineNode& n = pipeline_.nodes[static_cast<size_t>(index)];
  return NodeConfig(*registry_.find(n.type), n.id, static_cast<size_t>(index), n.properties);
}

// ---------------------------------------------------------------- pass 1: demand

void Translator::need(Demand& d, const std::string& field, Hint hint, const std::string& pointer,
                      const std::string& nodeId) {
  needPath(d.fields, {field}, 0, hint, pointer, nodeId);
}

std::string joinPath(const std::vector<std::string>& path, size_t count) {
  std::string out;
  for (size_t i = 0; i < count && i < path.size(); ++i)
    out += (i ? "." : "") + path[i];
  return out;
}

void Translator::needPath(std::map<std::string, FieldNeed>& fields,
                          const std::vector<std::string>& path, size_t at, Hint hint,
                          const std::string& pointer, const std::string& nodeId) {
  const std::string field = joinPath(path, at + 1);
  FieldNeed& f = fields[path[at]];
  if (f.pointer.empty()) {
    f.pointer = pointer;
    f.nodeId = nodeId;
  }
  auto conflict = [&](const std::string& here, const std::string& there,
                      const std::string& therePointer, const std::string& thereNode) {
    refuseAt(pointer, nodeId,
             "field '" + field + "' is used as " + here + " here and as " + there + " at " +
                 therePointer + " (node '" + thereNode + "')",
             "a Flink table column has one type; convert explicitly with to_number() or "
             "to_string(), or read the object's fields");
  };
  if (at + 1 < path.size()) {
    // Read as an object (a.b): a ROW column, which cannot also be a number or text.
    if (f.hint != Hint::Unknown) {
      conflict("an object (" + joinPath(path, path.size()) + ")", hintName(f.hint), f.pointer,
               f.nodeId);
      return;
    }
    if (f.objectPointer.empty()) {
      f.objectPointer = pointer;
      f.objectNodeId = nodeId;
    }
    needPath(f.fields, path, at + 1, hint, pointer, nodeId);
    return;
  }
  if (hint == Hint::Unknown || hint == f.hint) return;
  if (!f.fields.empty()) {
    conflict(hintName(hint), "an object", f.objectPointer, f.objectNodeId);
    return;
  }
  if (f.hint == Hint::Unknown) {
    f.hint = hint;
    f.pointer = pointer;
    f.nodeId = nodeId;
    return;
  }
  const bool numbers = (f.hint == Hint::Number || f.hint == Hint::Integer) &&
                       (hint == Hint::Number || hint == Hint::Integer);
  if (numbers) {
    f.hint = Hint::Integer;  // an event time also used in arithmetic stays BIGINT
    return;
  }
  conflict(hintName(hint), hintName(f.hint), f.pointer, f.nodeId);
}

void Translator::mergeNeed(std::map<std::string, FieldNeed>& fields, std::vector<std::string> path,
                           const FieldNeed& f) {
  needPath(fields, path, 0, f.hint, f.pointer, f.nodeId);
  for (const auto& [name, sub] : f.fields) {
    path.push_back(name);
    mergeNeed(fields, path, sub);
    path.pop_back();
  }
}

// The type of `a` known without looking at fields.
Hint Translator::sureHint(const Ast& a) const {
  switch (a.kind) {
    case AstKind::Literal:
      if (a.literal.kind == Kind::String) return Hint::String;
      if (a.literal.isNumber()) return Hint::Number;
      if (a.literal.kind == Kind::Bool) return Hint::Bool;
      return Hint::Unknown;
    case AstKind::In:
      return Hint::Bool;
    case AstKind::Unary:
      return a.op == Op::Neg ? Hint::Number : Hint::Bool;
    case AstKind::Binary:
      switch (a.op) {
        case Op::Add: {
          const Hint l = sureHint(*a.children[0]), r = sureHint(*a.children[1]);
          return l == Hint::String || r == Hint::String ? Hint::String : Hint::Number;
        }
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
        case Op::Mod:
          return Hint::Number;
        default:
          return Hint::Bool;
      }
    case AstKind::Call: {
      const std::string& f = a.text;
      if (f == "lower" || f == "upper" || f == "trim" || f == "substr" || f == "concat" ||
          f == "to_string")
        return Hint::String;
      if (f == "contains" || f == "starts_with" || f == "ends_with" || f == "regex_match" ||
          f == "exists")
        return Hint::Bool;
      if (f == "coalesce" || f == "if") {
        for (size_t i = f == "if" ? 1 : 0; i < a.children.size(); ++i)
          if (Hint h = sureHint(*a.children[i]); h != Hint::Unknown) return h;
        return Hint::Unknown;
      }
      return Hint::Number;
    }
    case AstKind::Field:
    case AstKind::Meta:
      break;
  }
  return Hint::Unknown;
}

void Translator::hints(const Ast& a, Hint expected, Demand& d, const std::string& pointer,
                       const std::string& nodeId) {
  auto sub = [&](size_t i, Hint h) { hints(*a.children[i], h, d, pointer, nodeId); };
  switch (a.kind) {
    case AstKind::Literal:
      return;
    case AstKind::Field: {
      if (a.path.segments.empty()) return;
      // An array element (a[0]) is refused when translated; its top-level field is passed on.
      std::vector<std::string> path;
      for (const auto& segment : a.path.segments) {
        if (segment.index >= 0) {
          need(d, a.path.segments.front().key, Hint::Unknown, pointer, nodeId);
          return;
        }
        path.push_back(segment.key);
      }
      needPath(d.fields, path, 0, expected, pointer, nodeId);
      return;
    }
    case AstKind::Meta:
      need(d, "$" + a.text, Hint::Unknown, pointer, nodeId);
      return;
    case AstKind::Unary:
      sub(0, a.op == Op::Neg ? Hint::Number : Hint::Bool);
      return;
    case AstKind::In: {
      Hint item = Hint::Unknown;
      for (size_t i = 1; i < a.children.size() && item == Hint::Unknown; ++i)
        item = sureHint(*a.children[i]);
      for (size_t i = 1; i < a.children.size(); ++i)
        if (item == Hint::Unknown) item = sureHint(*a.children[i]);
      sub(0, item);
      for (size_t i = 1; i < a.children.size(); ++i)
        sub(i, item);
      return;
    }
    case AstKind::Binary:
      switch (a.op) {
        case Op::And:
        case Op::Or:
          sub(0, Hint::Bool);
          sub(1, Hint::Bool);
          return;
        case Op::Add: {
          Hint h = sureHint(a);
          if (h != Hint::String && expected == Hint::String) h = Hint::String;
          sub(0, h);
          sub(1, h);
          return;
        }
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
        case Op::Mod:
          sub(0, Hint::Number);
          sub(1, Hint::Number);
          return;
        default: {  // comparisons: each side takes the other's type
          const Hint l = sureHint(*a.children[0]), r = sureHint(*a.children[1]);
          sub(0, r);
          sub(1, l);
          return;
        }
      }
    case AstKind::Call: {
      const std::string& f = a.text;
      for (size_t i = 0; i < a.children.size(); ++i) {
        Hint h = Hint::Unknown;
        if (f == "lower" || f == "upper" || f == "trim" || f == "len" || f == "contains" ||
            f == "starts_with" || f == "ends_with" || f == "regex_match" || f == "to_number" ||
            f == "concat" || f == "to_string")
          h = Hint::String;
        if (f == "substr") h = i == 0 ? Hint::String : Hint::Number;
        if (f == "abs" || f == "round" || f == "floor" || f == "ceil" || f == "min" || f == "max")
          h = Hint::Number;
        if (f == "coalesce") h = expected;
        if (f == "if") h = i == 0 ? Hint::Bool : expected;
        sub(i, h);
      }
      return;
    }
  }
}

void Translator::hintsOf(const std::string& text, Hint expected, Demand& d,
                         const std::string& pointer, const std::string& nodeId) {
  expr::CompileError error;
  std::unique_ptr<Ast> ast = expr::parse(text, &error);
  if (ast) hints(*ast, expected, d, pointer, nodeId);  // the validator reports syntax errors
}

bool isWindow(std::string_view type) {
  return type.rfind("window.", 0) == 0;
}

void Translator::demandOf(int index) {
  const NodeConfig cfg = config(index);
  const std::string& type = cfg.spec().type;
  Demand d;
  // What the nodes downstream need from this node's output.
  Demand down;
  for (const PipelineEdge* e : outgoing(cfg.id())) {
    const Demand& t = demand_[e->to.node];
    for (const auto& [name, f] : t.fields)
      mergeNeed(down.fields, {name}, f);
    down.time.insert(down.time.end(), t.time.begin(), t.time.end());
  }
  if (cfg.spec().isSource()) {
    d = down;  // what the source's table declares
  } else if (type == "filter" || type == "map") {
    d = down;
    d.fields.clear();
    std::set<std::string> made;
    if (type == "map") {
      for (const auto& [name, text] : cfg.getStringMap("set"))
        made.insert(name);
      for (const std::string& name : cfg.getStringList("drop"))
        made.insert(name);
    }
    for (const auto& [name, f] : down.fields)
      if (!made.count(name)) mergeNeed(d.fields, {name}, f);
    if (type == "filter")
      hintsOf(cfg.getString("condition"), Hint::Bool, d, cfg.pointer("condition"), cfg.id());
    else
      for (const auto& [name, text] : cfg.getStringMap("set"))
        hintsOf(text, Hint::Unknown, d, cfg.pointer("set") + "/" + pointerToken(name), cfg.id());
  } else if (isWindow(type)) {
    for (const TimeNeed& t : down.time)
      refuseAt(t.pointer, t.nodeId,
               "a window fed by another window ('" + cfg.id() + "') is not translated",
               "Flink can chain windows on window_time; export the windows as separate jobs");
    const Json& keys = cfg.value("key");
    const Json keyList = keys.is_array() ? keys : (keys.is_null() ? Json::array() : Json{keys});
    for (size_t i = 0; i < keyList.size(); ++i)
      if (keyList[i].is_string())
        hintsOf(keyList[i].get<std::string>(), Hint::Unknown, d,
                cfg.pointer("key") + (keys.is_array() ? "/" + std::to_string(i) : ""), cfg.id());
    const Json& aggs = cfg.value("aggregates");
    for (size_t i = 0; aggs.is_array() && i < aggs.size(); ++i) {
      const Json& a = aggs[i];
      if (!a.is_object() || !a.contains("of") || !a["of"].is_string()) continue;
      const std::string fn = a.value("fn", "");
      const Hint h = fn == "count" || fn == "count_distinct" ? Hint::Unknown : Hint::Number;
      hintsOf(a["of"].get<std::string>(), h, d,
              cfg.pointer("aggregates") + "/" + std::to_string(i) + "/of", cfg.id());
    }
    TimeNeed t;
    t.processing = cfg.getString("time") == "processing";
    t.timestamp = cfg.getString("timestamp");
    t.boundMs = cfg.getDurationMs("max_out_of_orderness");
    t.idleMs = cfg.getDurationMs("idle_timeout");
    t.pointer = cfg.pointer(t.processing ? "time" : "timestamp");
    t.nodeId = cfg.id();
    if (!t.processing) hintsOf(t.timestamp, Hint::Integer, d, t.pointer, cfg.id());
    d.time.push_back(t);
  } else if (type == "kafka.sink") {
    if (cfg.has("key"))
      hintsOf(cfg.getString("key"), Hint::String, d, cfg.pointer("key"), cfg.id());
    else
      need(d, "$key", Hint::Unknown, cfg.pointer(), cfg.id());
    need(d, "$timestamp", Hint::Unknown, cfg.pointer(), cfg.id());
    const Json& headers = cfg.value("headers");
    if (headers.is_string() && headers.get<std::string>() == "keep")
      need(d, "$headers", Hint::Unknown, cfg.pointer("headers"), cfg.id());
  }
  demand_[cfg.id()] = std::move(d);
}

// ---------------------------------------------------------------- expressions

std::string doubleLiteral(double v) {
  char buf[40];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, ec == std::errc() ? end : buf);
  for (char& c : s)
    if (c == 'e') c = 'E';
  if (s.find('E') == std::string::npos) s += "E0";  // a DOUBLE literal, not a DECIMAL
  return s;
}

std::optional<Sql> Translator::translate(const std::string& text, const Stream& in,
                                         const NodeConfig& cfg, const std::string& pointer) {
  expr::CompileError error;
  std::unique_ptr<Ast> ast = expr::parse(text, &error);
  if (!ast) {
    refuseAt(pointer, cfg.id(), "expression does not parse: " + error.message);
    return std::nullopt;
  }
  return translate(*ast, in, cfg, pointer, text);
}

std::optional<Sql> Translator::translate(const Ast& a, const Stream& in, const NodeConfig& cfg,
                                         const std::string& pointer, const std::string& text) {
  auto fail = [&](const std::string& why, const std::string& hint = {}) -> std::optional<Sql> {
    refuseAt(pointer, cfg.id(), why, hint);
    return std::nullopt;
  };
  auto sub = [&](size_t i) { return translate(*a.children[i], in, cfg, pointer, text); };
  switch (a.kind) {
    case AstKind::Literal:
      switch (a.literal.kind) {
        case Kind::Bool:
          return Sql{a.literal.b ? "TRUE" : "FALSE", SqlType::Boolean};
        case Kind::Int:
          if (a.literal.i >= INT32_MIN && a.literal.i <= INT32_MAX)
            return Sql{std::to_string(a.literal.i), SqlType::Int};
          return Sql{"CAST(" + std::to_string(a.literal.i) + " AS BIGINT)", SqlType::BigInt};
        case Kind::Double:
          return Sql{doubleLiteral(a.literal.d), SqlType::Double};
        case Kind::String:
          return Sql{quoteString(a.text), SqlType::String};
        default:
          return Sql{"NULL", SqlType::Null};
      }
    case AstKind::Field: {
      for (const auto& segment : a.path.segments)
        if (segment.index >= 0)
          return fail("array element '" + a.path.text() + "' is not translated",
                      "Flink reads a JSON array as an ARRAY column counted from 1, and an index "
                      "past its end fails the job; flatten the records first");
      const Column* c = in.find(a.path.segments[0].key);
      if (!c || c->role != Role::Value)
        return fail("field '" + a.path.text() + "' is not in the records that reach this node",
                    in.windowOutput ? "a window's output has window_start, window_end, key and "
                                      "the aggregates"
                                    : "");
      // a.b: the field b of the ROW column a (null when a is null, as in StreamCanvas).
      Sql out{quoteIdentifier(c->name), c->type, c->fields};
      for (size_t i = 1; i < a.path.segments.size(); ++i) {
        const std::string& key = a.path.segments[i].key;
        auto it = out.fields.find(key);
        if (out.type != SqlType::Row || it == out.fields.end())
          return fail("field '" + a.path.text() + "' is not in the records that reach this node",
                      out.type == SqlType::Row ? "" : "'" + c->name + "' is not an object here");
        out.text += "." + quoteIdentifier(key);
        const Shape field = it->second;  // a copy: it lives in out.fields
        out.type = field.type;
        out.fields = field.fields;
      }
      return out;
    }
    case AstKind::Meta: {
      const std::string name = "$" + a.text;
      if (name == "$headers")
        return fail("$headers." + a.header + " is not translated",
                    "Flink's Kafka headers are bytes; decoding them as text is not exact");
      const Column* c = in.find(name);
      if (!c)
        return fail(name + " is not available here",
                    in.windowOutput ? "a window's output has no Kafka metadata"
                                    : "only records read by kafka.source carry it");
      if (c->type == SqlType::TimestampLtz)
        return Sql{epochMillis(quoteIdentifier(c->name)), SqlType::BigInt};
      return Sql{quoteIdentifier(c->name), c->type};
    }
    case AstKind::Unary: {
      auto x = sub(0);
      if (!x) return std::nullopt;
      if (a.op == Op::Neg) return Sql{"(-" + x->text + ")", x->type};
      return Sql{"(NOT " + x->text + ")", SqlType::Boolean};
    }
    case AstKind::In: {
      auto x = sub(0);
      if (!x) return std::nullopt;
      std::string items;
      for (size_t i = 1; i < a.children.size(); ++i) {
        auto item = sub(i);
        if (!item) return std::nullopt;
        if (item->type == SqlType::Null)
          return fail("'in' with a null item is not translated",
                      "test for null with '== null' instead");
        items += (i > 1 ? ", " : "") + item->text;
      }
      // SC: a null value is in no list and not-in none either; SQL gives UNKNOWN.
      return Sql{"COALESCE(" + x->text + (a.negated ? " NOT IN (" : " IN (") + items + "), FALSE)",
                 SqlType::Boolean};
    }
    case AstKind::Call:
      return call(a, in, cfg, pointer, text);
    case AstKind::Binary:
      break;
  }
  auto l = sub(0);
  auto r = sub(1);
  if (!l || !r) return std::nullopt;
  const bool bothInt = (l->type == SqlType::Int || l->type == SqlType::BigInt) &&
                       (r->type == SqlType::Int || r->type == SqlType::BigInt);
  const SqlType arith = bothInt ? SqlType::BigInt : SqlType::Double;
  switch (a.op) {
    case Op::And:
      return Sql{"(" + l->text + " AND " + r->text + ")", SqlType::Boolean};
    case Op::Or:
      return Sql{"(" + l->text + " OR " + r->text + ")", SqlType::Boolean};
    case Op::Add:
      if (l->type == SqlType::String || r->type == SqlType::String)
        return Sql{"(" + l->text + " || " + r->text + ")", SqlType::String};
      return Sql{"(" + l->text + " + " + r->text + ")", arith};
    case Op::Sub:
      return Sql{"(" + l->text + " - " + r->text + ")", arith};
    case Op::Mul:
      return Sql{"(" + l->text + " * " + r->text + ")", arith};
    case Op::Div:
      // True division; dividing by zero gives null, as in StreamCanvas.
      return Sql{"(CAST(" + l->text + " AS DOUBLE) / NULLIF(CAST(" + r->text + " AS DOUBLE), 0))",
                 SqlType::Double};
    case Op::Mod:
      return fail("operator '%' is not translated",
                  "Flink's MOD takes exact numbers only, and fields are read as DOUBLE");
    default:
      break;
  }
  // Comparisons: == null / != null test for null; any other comparison with null is false.
  const bool lNull = l->type == SqlType::Null, rNull = r->type == SqlType::Null;
  if (lNull || rNull) {
    const std::string& other = lNull ? r->text : l->text;
    if (a.op == Op::Eq) return Sql{"(" + other + " IS NULL)", SqlType::Boolean};
    if (a.op == Op::Ne) return Sql{"(" + other + " IS NOT NULL)", SqlType::Boolean};
    return Sql{"FALSE", SqlType::Boolean};
  }
  if ((l->type == SqlType::String) != (r->type == SqlType::String) ||
      (l->type == SqlType::Boolean) != (r->type == SqlType::Boolean))
    return fail("comparison of " + std::string(sqlTypeName(l->type)) + " with " +
                    sqlTypeName(r->type) + " is not translated",
                "StreamCanvas finds values of different kinds unequal; Flink would convert one");
  const char* op = a.op == Op::Eq   ? " = "
                   : a.op == Op::Ne ? " <> "
                   : a.op == Op::Lt ? " < "
                   : a.op == Op::Le ? " <= "
                   : a.op == Op::Gt ? " > "
                                    : " >= ";
  return Sql{"COALESCE(" + l->text + op + r->text + ", FALSE)", SqlType::Boolean};
}

std::optional<Sql> Translator::call(const Ast& a, const Stream& in, const NodeConfig& cfg,
                                    const std::string& pointer, const std::string& text) {
  const std::string& f = a.text;
  auto fail = [&](const std::string& why, const std::string& hint = {}) -> std::optional<Sql> {
    refuseAt(pointer, cfg.id(), "function " + f + "() " + why, hint);
    return std::nullopt;
  };
  std::vector<Sql> args;
  for (const auto& child : a.children) {
    auto x = translate(*child, in, cfg, pointer, text);
    if (!x) return std::nullopt;
    args.push_back(*x);
  }
  auto arg = [&](size_t i) { return args[i].text; };
  auto wantString = [&](size_t i) {
    return args[i].type == SqlType::String || args[i].type == SqlType::Null;
  };
  if (f == "lower" || f == "upper") {
    // Flink changes every letter's case, StreamCanvas ASCII letters only: equal on ASCII text.
    std::string fn = f == "lower" ? "LOWER(" : "UPPER(";
    return Sql{fn + arg(0) + ")", SqlType::String};
  }
  if (f == "trim") return Sql{"TRIM(" + arg(0) + ")", SqlType::String};
  if (f == "len") {
    if (!wantString(0)) return fail("of a non-text value is not translated");
    return Sql{"CHAR_LENGTH(" + arg(0) + ")", SqlType::Int};
  }
  if (f == "substr") {
    const Ast& start = *a.children[1];
    if (start.kind != AstKind::Literal || start.literal.kind != Kind::Int || start.literal.i < 0)
      return fail("with a start that is not a non-negative whole number is not translated",
                  "Flink's SUBSTR counts from 1 and has no negative starts");
    std::string s = "SUBSTR(" + arg(0) + ", " + std::to_string(start.literal.i + 1);
    if (args.size() > 2) s += ", " + arg(2);
    return Sql{s + ")", SqlType::String};
  }
  if (f == "concat") {
    std::string s = "CONCAT(";
    for (size_t i = 0; i < args.size(); ++i) {
      if (!wantString(i))
        return fail("of a " + std::string(sqlTypeName(args[i].type)) + " is not translated",
                    "Flink formats numbers differently (1.0E0); concat text fields only");
      s += (i ? ", " : "") + std::string("COALESCE(") + arg(i) + ", '')";
    }
    return Sql{s + ")", SqlType::String};
  }
  if (f == "contains")
    return Sql{"COALESCE(POSITION(" + arg(1) + " IN " + arg(0) + ") > 0, FALSE)", SqlType::Boolean};
  if (f == "starts_with")
    return Sql{"COALESCE(STARTSWITH(" + arg(0) + ", " + arg(1) + "), FALSE)", SqlType::Boolean};
  if (f == "ends_with")
    return Sql{"COALESCE(ENDSWITH(" + arg(0) + ", " + arg(1) + "), FALSE)", SqlType::Boolean};
  if (f == "regex_match")
    return Sql{"COALESCE(REGEXP(" + arg(0) + ", " + arg(1) + "), FALSE)", SqlType::Boolean};
  if (f == "abs") return Sql{"ABS(" + arg(0) + ")", args[0].type};
  if (f == "floor" || f == "ceil") {
    std::string fn = f == "floor" ? "FLOOR(" : "CEIL(";
    return Sql{fn + arg(0) + ")", args[0].type};
  }
  if (f == "round") {
    // Both round half away from zero.
    return Sql{"ROUND(" + arg(0) + ", " + (args.size() > 1 ? arg(1) : "0") + ")",
               args[0].type == SqlType::Int ? SqlType::Int : args[0].type};
  }
  if (f == "min" || f == "max")
    return fail("is not translated",
                "Flink's LEAST/GREATEST give null when any argument is null; StreamCanvas ignores "
                "nulls. Use if() to compare two values");
  if (f == "coalesce") {
    std::string s = "COALESCE(";
    SqlType t = SqlType::Null;
    for (size_t i = 0; i < args.size(); ++i) {
      s += (i ? ", " : "") + arg(i);
      if (t == SqlType::Null) t = args[i].type;
    }
    return Sql{s + ")", t};
  }
  if (f == "if")
    return Sql{"(CASE WHEN " + arg(0) + " THEN " + arg(1) + " ELSE " + arg(2) + " END)",
               args[1].type != SqlType::Null ? args[1].type : args[2].type};
  if (f == "to_number") {
    if (numeric(args[0].type)) return Sql{arg(0), args[0].type};
    if (args[0].type == SqlType::String)
      return Sql{"TRY_CAST(TRIM(" + arg(0) + ") AS DOUBLE)", SqlType::Double};
    return fail("of a " + std::string(sqlTypeName(args[0].type)) + " is not translated");
  }
  if (f == "to_string") {
    if (args[0].type == SqlType::String) return Sql{arg(0), SqlType::String};
    return fail("of a " + std::string(sqlTypeName(args[0].type)) + " is not translated",
                "Flink formats numbers differently (1.0E0)");
  }
  if (f == "exists")
    return fail("has no Flink equivalent",
                "Flink's JSON format reads an absent field as null; test '== null' instead");
  if (f == "now")
    return fail("is not translated", "its value would differ between the two engines");
  return fail("has no Flink equivalent");
}

// ---------------------------------------------------------------- pass 2: statements

std::string withClause(const std::vector<std::pair<std::string, std::string>>& options) {
  std::string s = "WITH (\n";
  for (size_t i = 0; i < options.size(); ++i)
    s += "  " + quoteString(options[i].first) + " = " + quoteString(options[i].second) +
         (i + 1 < options.size() ? ",\n" : "\n");
  return s + ")";
}

bool hasVariable(const std::string& text) {
  return text.find("${") != std::string::npos;
}

std::optional<std::vector<std::string>> Translator::kafkaConnection(const NodeConfig& cfg) {
  // Returns 'key' = 'value' pairs flattened: even entries keys, odd entries values.
  const std::string name = cfg.getString("connection");
  const Json& entry = pipeline_.connections.contains(name) ? pipeline_.connections[name] : Json();
  const std::string where = "/connections/" + pointerToken(name);
  std::vector<std::string> out;
  bool ok = true;
  const std::string servers = entry.value("bootstrap_servers", "");
  if (servers.empty() || servers == "embedded") {
    refuse(cfg, "connection",
           "connection '" + name +
               "' uses StreamCanvas's embedded cluster, which Flink cannot "
               "reach",
           "set bootstrap_servers to a real cluster, e.g. \"${KAFKA_BOOTSTRAP}\"");
    return std::nullopt;
  }
  out.insert(out.end(), {"properties.bootstrap.servers", servers});
  const Json props = entry.contains("properties") && entry["properties"].is_object()
                         ? entry["properties"]
                         : Json::object();
  // librdkafka properties whose Java client name and meaning are the same.
  static const std::set<std::string> same = {"security.protocol",
                                             "sasl.mechanism",
                                             "client.id",
                                             "session.timeout.ms",
                                             "heartbeat.interval.ms",
                                             "max.poll.interval.ms",
                                             "request.timeout.ms",
                                             "socket.connection.setup.timeout.ms",
                                             "metadata.max.age.ms",
                                             "fetch.min.bytes",
                                             "fetch.max.bytes",
                                             "max.partition.fetch.bytes",
                                             "ssl.endpoint.identification.algorithm",
                                             "sasl.kerberos.service.name"};
  std::string mechanism, user, password;
  std::map<std::string, std::string> oauth;      // sasl.oauthbearer.* by librdkafka name
  std::map<std::string, std::string> clientPem;  // ssl.certificate.location, ssl.key.location
  std::string keystoreType, keystoreKey;         // the client certificate's form, and from where
  // A client certificate comes in one form: a PKCS#12 key store or PEM (files or text).
  auto keystore = [&](const std::string& type, const std::string& key, const std::string& at) {
    if (keystoreType.empty() || keystoreType == type) {
      keystoreType = type;
      keystoreKey = key;
      return true;
    }
    refuseAt(at, cfg.id(), "'" + key + "' and '" + keystoreKey + "' both give a client certificate",
             "keep one: ssl.keystore.location (PKCS#12) or the PEM certificate and key");
    ok = false;
    return false;
  };
  for (const auto& [key, value] : props.items()) {
    const std::string pointer = where + "/properties/" + pointerToken(key);
    const std::string v = value.is_string() ? value.get<std::string>() : value.dump();
    const bool secret = key.find("password") != std::string::npos ||
                        key.find("secret") != std::string::npos || key == "ssl.key.pem" ||
                        key == "sasl.oauthbearer.config";
    if (secret && !hasVariable(v)) {
      refuseAt(pointer, cfg.id(), "'" + key + "' is written in the pipeline file",
               "write it as ${VAR} so the exported script never holds the secret");
      ok = false;
      continue;
    }
    if (key == "sasl.mechanism") mechanism = v;
    if (key == "sasl.username") {
      user = v;
    } else if (key == "sasl.password") {
      password = v;
    } else if (key.rfind("sasl.oauthbearer.", 0) == 0 && key != "sasl.oauthbearer.config") {
      oauth[key] = v;
    } else if (key == "ssl.ca.location") {
      out.insert(out.end(), {"properties.ssl.truststore.type", "PEM",
                             "properties.ssl.truststore.location", v});
    } else if (key == "ssl.ca.pem") {
      out.insert(out.end(), {"properties.ssl.truststore.type", "PEM",
                             "properties.ssl.truststore.certificates", v});
    } else if (key == "ssl.keystore.location") {
      // librdkafka's key store is PKCS#12.
      if (keystore("PKCS12", key, pointer))
        out.insert(out.end(), {"properties.ssl.keystore.type", "PKCS12",
                               "properties.ssl.keystore.location", v});
    } else if (key == "ssl.keystore.password" || key == "ssl.key.password") {
      out.insert(out.end(), {"properties." + key, v});
    } else if (key == "ssl.certificate.location" || key == "ssl.key.location") {
      if (keystore("PEM", key, pointer)) clientPem[key] = v;
    } else if (key == "ssl.certificate.pem" || key == "ssl.key.pem") {
      if (keystore("PEM", key, pointer))
        out.insert(out.end(), {key == "ssl.key.pem" ? "properties.ssl.keystore.key"
                                                    : "properties.ssl.keystore.certificate.chain",
                               v});
    } else if (same.count(key)) {
      out.insert(out.end(), {"properties." + key, v});
    } else {
      refuseAt(pointer, cfg.id(),
               "librdkafka property '" + key + "' is not translated to the Java client",
               "set the Java client's property in the exported script by hand");
      ok = false;
    }
  }
  if (keystoreType == "PEM") {
    if (!clientPem.empty()) {
      // The Java client reads a PEM key store from one file holding the key and the chain.
      const std::string cert = clientPem["ssl.certificate.location"],
                        key = clientPem["ssl.key.location"];
      if (cert != key) {
        refuseAt(where + "/properties/ssl.key.location", cfg.id(),
                 "a client certificate and its key in two files are not translated",
                 "the Java client reads a PEM key store from one file: put the private key and "
                 "the certificate chain into one file and give it as both "
                 "ssl.certificate.location and ssl.key.location (or use a PKCS#12 "
                 "ssl.keystore.location)");
        ok = false;
      } else {
        out.insert(out.end(), {"properties.ssl.keystore.location", key});
      }
    }
    out.insert(out.end(), {"properties.ssl.keystore.type", "PEM"});
  }
  const bool login = mechanism == "PLAIN" || mechanism.rfind("SCRAM-", 0) == 0;
  if (mechanism == "OAUTHBEARER") {
    // librdkafka's OIDC client credentials are the Java client's OAuthBearerLoginModule with its
    // login callback handler; the unsecured JWT builder (a test aid) has no equivalent.
    const bool hasMethod = oauth.count("sasl.oauthbearer.method") > 0;
    const std::string method = oauth["sasl.oauthbearer.method"];
    std::string lowerMethod = method;
    for (char& c : lowerMethod)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lowerMethod != "oidc") {
      refuseAt(where + "/properties" + (hasMethod ? "/sasl.oauthbearer.method" : ""), cfg.id(),
               "SASL OAUTHBEARER without sasl.oauthbearer.method 'oidc' is not translated",
               "Flink's Kafka client logs in with OIDC client credentials: set "
               "sasl.oauthbearer.method to oidc with sasl.oauthbearer.client.id, "
               "client.secret and token.endpoint.url");
      return std::nullopt;
    }
    for (const char* needed : {"sasl.oauthbearer.client.id", "sasl.oauthbearer.client.secret",
                               "sasl.oauthbearer.token.endpoint.url"})
      if (oauth[needed].empty()) {
        refuseAt(where + "/properties", cfg.id(),
                 std::string("SASL OAUTHBEARER (oidc) without ") + needed + " is not translated",
                 std::string("set ") + needed);
        ok = false;
      }
    std::string jaas =
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
        " clientId=\"" +
        oauth["sasl.oauthbearer.client.id"] + "\" clientSecret=\"" +
        oauth["sasl.oauthbearer.client.secret"] + "\"";
    if (!oauth["sasl.oauthbearer.scope"].empty())
      jaas += " scope=\"" + oauth["sasl.oauthbearer.scope"] + "\"";
    // librdkafka's "k1=v1,k2=v2" extensions are the login module's extension_k1="v1" options.
    std::string extensions = oauth["sasl.oauthbearer.extensions"];
    for (size_t at = 0; !extensions.empty() && at <= extensions.size();) {
      const size_t comma = std::min(extensions.find(',', at), extensions.size());
      const std::string item = extensions.substr(at, comma - at);
      const size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0) {
        refuseAt(where + "/properties/sasl.oauthbearer.extensions", cfg.id(),
                 "extension '" + item + "' is not key=value",
                 "write the extensions as key1=value1,key2=value2");
        ok = false;
        break;
      }
      jaas += " extension_" + item.substr(0, eq) + "=\"" + item.substr(eq + 1) + "\"";
      at = comma + 1;
    }
    out.insert(
        out.end(),
        {"properties.sasl.login.callback.handler.class",
         "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler",
         "properties.sasl.oauthbearer.token.endpoint.url",
         oauth["sasl.oauthbearer.token.endpoint.url"], "properties.sasl.jaas.config", jaas + ";"});
  } else if (!user.empty() || !password.empty() || (!mechanism.empty() && !login)) {
    if (!login) {
      refuseAt(where + "/properties/sasl.mechanism", cfg.id(),
               "SASL mechanism '" + mechanism + "' is not translated",
               "PLAIN, SCRAM-SHA-256/512 and OAUTHBEARER (oidc) are");
      return std::nullopt;
    }
    const std::string module = mechanism == "PLAIN"
                                   ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                                   : "org.apache.kafka.common.security.scram.ScramLoginModule";
    out.insert(out.end(), {"properties.sasl.jaas.config", module + " required username=\"" + user +
                                                              "\" password=\"" + password + "\";"});
  }
  if (!ok) return std::nullopt;
  return out;
}

Shape shapeOf(const FieldNeed& f) {
  Shape out;
  if (f.fields.empty()) {
    out.type = typeOfHint(f.hint);
    return out;
  }
  out.type = SqlType::Row;
  for (const auto& [name, sub] : f.fields)
    out.fields[name] = shapeOf(sub);
  return out;
}

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

std::string sinkColumnType(const Column& c) {
  return !c.rowType.empty() ? c.rowType : typeName(c.type, c.fields);
}

std::vector<std::pair<std::string, std::string>> pairs(const std::vector<std::string>& flat) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i + 1 < flat.size(); i += 2)
    out.emplace_back(flat[i], flat[i + 1]);
  return out;
}

// The event time the windows downstream ask of a source: computed column and watermark lines.
std::vector<std::string> Translator::sourceTimeColumns(const NodeConfig& cfg, Stream& s,
                                                       bool kafka) {
  const Demand& d = demand_[cfg.id()];
  if (d.time.empty()) return {};
  const TimeNeed& first = d.time.front();
  int64_t bound = 0, idle = 0;
  for (const TimeNeed& t : d.time) {
    if (t.processing != first.processing || t.timestamp != first.timestamp)
      refuseAt(t.pointer, t.nodeId,
               "windows fed by source '" + cfg.id() + "' ask for different event times ('" +
                   first.nodeId + "' and '" + t.nodeId + "')",
               "give them the same time and timestamp");
    bound = std::max(bound, t.boundMs);
    if (t.idleMs > 0) idle = idle == 0 ? t.idleMs : std::min(idle, t.idleMs);
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
  std::vector<std::pair<std::string, std::string>> with = {{"connector", "kafka"}};
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
  if (key) {
    with.emplace_back("key.format", "raw");
    with.emplace_back("key.fields", "$key");
  }
  with.emplace_back("value.format", "json");
  with.emplace_back("value.fields-include", key ? "EXCEPT_KEY" : "ALL");
  with.emplace_back("value.json.ignore-parse-errors",
                    cfg.getString("on_error") == "fail" ? "false" : "true");
  int64_t idle = 0;
  for (const TimeNeed& t : d.time)
    if (t.idleMs > 0) idle = idle == 0 ? t.idleMs : std::min(idle, t.idleMs);
  if (idle > 0) with.emplace_back("scan.watermark.idle-timeout", formatDurationMs(idle));

  std::string body;
  for (size_t i = 0; i < lines.size(); ++i)
    body += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  ddl_.push_back("CREATE TABLE " + s.relation + " (\n" + body + ") " + withClause(with) + ";");
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
  std::vector<std::pair<std::string, std::string>> with = {
      {"connector", "filesystem"},
      {"path", cfg.getString("path")},
      {"format", "json"},
      {"json.ignore-parse-errors", cfg.getString("on_error") == "fail" ? "false" : "true"}};
  std::string body;
  for (size_t i = 0; i < lines.size(); ++i)
    body += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  ddl_.push_back("CREATE TABLE " + s.relation + " (\n" + body + ") " + withClause(with) + ";");
  streams_[cfg.id() + ":out"] = std::move(s);
}

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
    // Refused; the nodes downstream are still checked (see emitKafkaSource).
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
  std::string list;
  for (size_t i = 0; i < select.size(); ++i)
    list += "  " + select[i] + (i + 1 < select.size() ? ",\n" : "\n");
  ddl_.push_back("CREATE TEMPORARY VIEW " + out.relation + " AS\nSELECT\n" + list + "FROM " +
                 in.relation + ";");
  streams_[cfg.id() + ":out"] = std::move(out);
}

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
    // Refused; the nodes downstream are still checked (see emitKafkaSource).
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
  std::string list;
  for (size_t i = 0; i < select.size(); ++i)
    list += "  " + select[i] + (i + 1 < select.size() ? ",\n" : "\n");
  ddl_.push_back("CREATE TEMPORARY VIEW " + out.relation + " AS\nSELECT\n" + list +
                 "FROM TABLE(\n  " + tvf + ")\nGROUP BY " + group + ";");
  streams_[cfg.id() + ":out"] = std::move(out);
}

void Translator::emitSink(const NodeConfig& cfg, const Stream& in) {
  const std::string& type = cfg.spec().type;
  std::vector<std::string> lines, select;
  for (const Column& c : in.columns) {
    if (c.role != Role::Value) continue;
    lines.push_back("  " + quoteIdentifier(c.name) + " " + sinkColumnType(c));
    select.push_back(quoteIdentifier(c.name));
  }
  std::vector<std::pair<std::string, std::string>> with;
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
    if (key) {
      with.emplace_back("key.format", "raw");
      with.emplace_back("key.fields", "$key");
    }
    with.emplace_back("value.format", "json");
    with.emplace_back("value.fields-include", key ? "EXCEPT_KEY" : "ALL");
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
  std::string body;
  for (size_t i = 0; i < lines.size(); ++i)
    body += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  ddl_.push_back("CREATE TABLE " + table + " (\n" + body + ") " + withClause(with) + ";");
  std::string list;
  for (size_t i = 0; i < select.size(); ++i)
    list += (i ? ", " : "") + select[i];
  inserts_.push_back("INSERT INTO " + table + "\nSELECT " + list + "\nFROM " + in.relation + ";");
}

void Translator::emitNode(int index) {
  const NodeConfig cfg = config(index);
  const std::string& type = cfg.spec().type;
  if (type == "kafka.source") return emitKafkaSource(cfg);
  if (type == "file.source") return emitFileSource(cfg);
  if (cfg.spec().isSource()) {
    refuse(cfg, "", "node type '" + type + "' has no Flink equivalent",
           type == "generator" ? "Flink's datagen connector makes other records; write them to "
                                 "Kafka and read them with kafka.source"
                               : "");
    return;
  }
  const Stream* in = inputOf(cfg);
  if (!in) return;
  const Stream input = *in;
  if (type == "filter") return emitFilter(cfg, input);
  if (type == "map") return emitMap(cfg, input);
  if (isWindow(type)) return emitWindow(cfg, input);
  return emitSink(cfg, input);
}

std::string Translator::settingsStatements() {
  const PipelineSettings s = readSettings(pipeline_.settings);
  std::vector<std::pair<std::string, std::string>> set = {
      {"pipeline.name", pipeline_.name},
      // Windows align to the epoch in UTC, as in StreamCanvas (not to local midnight).
      {"table.local-time-zone", "UTC"},
      {"execution.checkpointing.interval", formatDurationMs(s.checkpointIntervalMs)},
      {"execution.checkpointing.mode", s.exactlyOnce ? "EXACTLY_ONCE" : "AT_LEAST_ONCE"}};
  if (!s.checkpointDir.empty()) {
    if (s.checkpointDir[0] != '/' && s.checkpointDir.find("://") == std::string::npos &&
        !hasVariable(s.checkpointDir)) {
      Diagnostic& d =
          diags_.error("/settings/checkpoint_dir", "a relative checkpoint_dir is not translated",
                       "Flink needs an absolute path or a URI (file://, s3://)");
      d.property = "checkpoint_dir";
    }
    set.emplace_back("execution.checkpointing.dir",
                     s.checkpointDir[0] == '/' ? "file://" + s.checkpointDir : s.checkpointDir);
  }
  switch (s.restart.kind) {
    case RestartStrategy::Kind::None:
      set.emplace_back("restart-strategy.type", "none");
      break;
    case RestartStrategy::Kind::FixedDelay:
      set.emplace_back("restart-strategy.type", "fixed-delay");
      set.emplace_back("restart-strategy.fixed-delay.attempts", std::to_string(s.restart.attempts));
      set.emplace_back("restart-strategy.fixed-delay.delay", formatDurationMs(s.restart.delayMs));
      break;
    case RestartStrategy::Kind::Exponential:
      set.emplace_back("restart-strategy.type", "exponential-delay");
      set.emplace_back("restart-strategy.exponential-delay.initial-backoff",
                       formatDurationMs(s.restart.delayMs));
      set.emplace_back("restart-strategy.exponential-delay.max-backoff",
                       formatDurationMs(s.restart.maxDelayMs));
      set.emplace_back("restart-strategy.exponential-delay.backoff-multiplier", "2.0");
      set.emplace_back("restart-strategy.exponential-delay.attempts-before-reset-backoff",
                       std::to_string(s.restart.attempts));
      break;
  }
  std::string out;
  for (const auto& [k, v] : set)
    out += "SET " + quoteString(k) + " = " + quoteString(v) + ";\n";
  return out;
}

std::string Translator::run() {
  exactlyOnce_ = readSettings(pipeline_.settings).exactlyOnce;
  const std::vector<int> order = topologicalOrder();
  for (auto it = order.rbegin(); it != order.rend(); ++it)
    demandOf(*it);
  for (int i : order)
    emitNode(i);
  if (inserts_.empty() && !diags_.hasErrors())
    diags_.error("/nodes", "the pipeline has no sink; a Flink job needs an INSERT INTO");
  if (diags_.hasErrors()) return {};
  std::ostringstream out;
  out << "-- Flink SQL for StreamCanvas pipeline '" << pipeline_.name
      << "', written by streamcanvas-run --export flink-sql.\n"
      << "-- ${VAR} references are left as written: substitute them before submitting\n"
      << "-- (see docs/flink.md).\n";
  for (const std::string& n : notes_)
    out << n << "\n";
  out << "\n" << settingsStatements() << "\n";
  for (const std::string& d : ddl_)
    out << d << "\n\n";
  if (inserts_.size() == 1) {
    out << inserts_[0] << "\n";
  } else {
    out << "EXECUTE STATEMENT SET\nBEGIN\n\n";
    for (const std::string& i : inserts_)
      out << i << "\n\n";
    out << "END;\n";
  }
  return out.str();
}

}  // namespace

FlinkSqlExport exportFlinkSql(const Pipeline& pipeline, const NodeRegistry& registry) {
  FlinkSqlExport result;
  result.diagnostics = validatePipeline(pipeline, registry);
  // The job's Java client logs in, not this machine's librdkafka: a connection setting this
  // librdkafka was built without (OAuth/OIDC without libcurl) does not stop the export.
  for (Diagnostic& d : result.diagnostics.items())
    if (d.severity == Severity::Error && d.pointer.rfind("/connections/", 0) == 0 &&
        d.message.find("not supported in this build") != std::string::npos) {
      d.severity = Severity::Warning;
      d.hint = "the Flink job's Java client reads it; this machine's librdkafka cannot";
    }
  if (result.diagnostics.hasErrors()) return result;
  Translator t(pipeline, registry, result.diagnostics);
  result.script = t.run();
  return result;
}

}  // namespace sc
