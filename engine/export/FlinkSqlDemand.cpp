// Pass 1 of the Flink SQL export, backwards over the graph: which fields (and metadata) every
// node's input must carry, with the SQL type the expressions that read them imply, and the event
// time every window asks of its sources.
#include "engine/export/FlinkSqlTranslator.h"

#include <set>

#include "engine/expr/Parser.h"
#include "engine/graph/Pipeline.h"

namespace sc::flinksql {

using expr::AstKind;
using expr::Op;

namespace {

std::string joinPath(const std::vector<std::string>& path, size_t count) {
  std::string out;
  for (size_t i = 0; i < count && i < path.size(); ++i)
    out += (i ? "." : "") + path[i];
  return out;
}

}  // namespace

void Translator::need(Demand& d, const std::string& field, Hint hint, const std::string& pointer,
                      const std::string& nodeId) {
  needPath(d.fields, {field}, 0, hint, pointer, nodeId);
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

}  // namespace sc::flinksql
