#include "engine/graph/FieldSchema.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "engine/expr/Expression.h"
#include "engine/expr/Functions.h"
#include "engine/expr/Lexer.h"
#include "engine/expr/Parser.h"
#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/SlotTable.h"

namespace sc {

const char* fieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::Number:
      return "number";
    case FieldType::String:
      return "string";
    case FieldType::Bool:
      return "bool";
    case FieldType::Object:
      return "object";
    case FieldType::Array:
      return "array";
    case FieldType::Unknown:
      break;
  }
  return "unknown";
}

FieldType fieldTypeFromName(std::string_view name) {
  for (FieldType t :
       {FieldType::Number, FieldType::String, FieldType::Bool, FieldType::Object, FieldType::Array})
    if (name == fieldTypeName(t)) return t;
  return FieldType::Unknown;
}

FieldType fieldTypeOf(const Json& value) {
  if (value.is_number()) return FieldType::Number;
  if (value.is_string()) return FieldType::String;
  if (value.is_boolean()) return FieldType::Bool;
  if (value.is_object()) return FieldType::Object;
  if (value.is_array()) return FieldType::Array;
  return FieldType::Unknown;
}

// ---- FieldSet ---------------------------------------------------------------------------------

FieldSet FieldSet::exactly(std::vector<Field> fields, std::string origin) {
  FieldSet s;
  for (Field& f : fields)
    s.set(f.name, f.type);
  s.complete_ = true;
  s.origin_ = std::move(origin);
  return s;
}

std::vector<std::string> FieldSet::names() const {
  std::vector<std::string> out;
  for (const Field& f : fields_)
    out.push_back(f.name);
  return out;
}

const Field* FieldSet::find(std::string_view name) const {
  for (const Field& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

void FieldSet::set(const std::string& name, FieldType type) {
  for (Field& f : fields_)
    if (f.name == name) {
      f.type = type;
      return;
    }
  fields_.push_back({name, type});
}

void FieldSet::remove(std::string_view name) {
  std::erase_if(fields_, [&](const Field& f) { return f.name == name; });
}

FieldSet FieldSet::merge(const std::vector<FieldSet>& wires) {
  if (wires.empty()) return {};
  if (wires.size() == 1) return wires.front();
  FieldSet out;
  out.complete_ = true;
  out.origin_ = wires.front().origin_;
  std::set<std::string> differing;
  for (const FieldSet& w : wires) {
    out.complete_ = out.complete_ && w.complete_;
    if (w.origin_ != out.origin_) out.origin_ = "the fields of the wires into this node";
    for (const Field& f : w.fields_) {
      const Field* seen = out.find(f.name);
      if (!seen)
        out.fields_.push_back(f);
      else if (seen->type != f.type)
        differing.insert(f.name);
    }
  }
  for (Field& f : out.fields_)
    if (differing.count(f.name)) f.type = FieldType::Unknown;
  return out;
}

// ---- samples ----------------------------------------------------------------------------------

FieldSet fieldsOfRecords(const std::vector<Json>& records, std::string origin) {
  std::vector<Field> fields;
  std::set<std::string> mixed;
  std::map<std::string, size_t> index;
  for (const Json& r : records) {
    if (!r.is_object()) continue;
    for (auto it = r.begin(); it != r.end(); ++it) {
      const FieldType t = fieldTypeOf(*it);
      auto [at, fresh] = index.emplace(it.key(), fields.size());
      if (fresh) {
        fields.push_back({it.key(), t});
        continue;
      }
      Field& f = fields[at->second];
      if (t == FieldType::Unknown || mixed.count(f.name)) continue;  // null says nothing
      if (f.type == FieldType::Unknown)
        f.type = t;
      else if (f.type != t) {
        f.type = FieldType::Unknown;
        mixed.insert(f.name);
      }
    }
  }
  return FieldSet::exactly(std::move(fields), std::move(origin));
}

Json sampledFieldsToJson(const FieldSet& fields) {
  Json out = Json::object();
  for (const Field& f : fields.fields())
    out[f.name] = fieldTypeName(f.type);
  return out;
}

FieldSet sampledFields(const Json& ui, const std::string& nodeId) {
  if (!ui.is_object()) return {};
  auto it = ui.find(kSampledFieldsKey);
  if (it == ui.end() || !it->is_object()) return {};
  std::vector<Field> fields;
  for (auto f = it->begin(); f != it->end(); ++f)
    fields.push_back(
        {f.key(), f->is_string() ? fieldTypeFromName(f->get<std::string>()) : FieldType::Unknown});
  return FieldSet::exactly(std::move(fields), "the fields sampled from '" + nodeId + "'");
}

// ---- expressions ------------------------------------------------------------------------------

namespace {

bool isScalar(FieldType t) {
  return t == FieldType::Number || t == FieldType::String || t == FieldType::Bool;
}

FieldType fromExprType(expr::Type t) {
  switch (t) {
    case expr::Type::Bool:
      return FieldType::Bool;
    case expr::Type::Number:
      return FieldType::Number;
    case expr::Type::String:
      return FieldType::String;
    default:
      return FieldType::Unknown;
  }
}

FieldType fromParam(expr::Param p) {
  switch (p) {
    case expr::Param::Bool:
      return FieldType::Bool;
    case expr::Param::Number:
      return FieldType::Number;
    case expr::Param::String:
      return FieldType::String;
    case expr::Param::Any:
      break;
  }
  return FieldType::Unknown;
}

const char* article(FieldType t) {
  switch (t) {
    case FieldType::Number:
      return "a number";
    case FieldType::String:
      return "a string";
    case FieldType::Bool:
      return "a boolean";
    case FieldType::Object:
      return "an object";
    case FieldType::Array:
      return "an array";
    case FieldType::Unknown:
      break;
  }
  return "a value";
}

// The static type of a sub-expression, and the field it is when it is a bare field.
struct Typed {
  FieldType type = FieldType::Unknown;
  bool null = false;
  std::string field;
};

// Types an expression tree over known fields, collecting warnings where fields are involved.
// Runs only on expressions that compile, so every conflict it finds involves a field's type.
class FieldChecker {
 public:
  FieldChecker(std::string_view text, const FieldSet& fields) : text_(text), fields_(fields) {}

  std::vector<FieldWarning> warnings;

  Typed type(const expr::Ast& a) {
    using expr::AstKind;
    switch (a.kind) {
      case AstKind::Literal:
        return literal(a);
      case AstKind::Field:
        return field(a);
      case AstKind::Meta:
        if (a.text == "topic") return {FieldType::String};
        if (a.text == "key" || a.text == "headers") return {};
        return {FieldType::Number};
      case AstKind::Unary: {
        Typed operand = type(*a.children[0]);
        if (a.op == expr::Op::Neg) {
          expect(operand, FieldType::Number, a, "operator '-'");
          return {FieldType::Number};
        }
        expect(operand, FieldType::Bool, a, a.wordOperator ? "operator 'not'" : "operator '!'");
        return {FieldType::Bool};
      }
      case AstKind::Binary:
        return binary(a);
      case AstKind::In: {
        Typed value = type(*a.children[0]);
        for (size_t k = 1; k < a.children.size(); ++k)
          compare(value, type(*a.children[k]), *a.children[k], !a.negated);
        return {FieldType::Bool};
      }
      case AstKind::Call:
        return call(a);
    }
    return {};
  }

 private:
  Typed literal(const expr::Ast& a) {
    switch (a.literal.kind) {
      case Kind::Int:
      case Kind::Double:
        return {FieldType::Number};
      case Kind::String:
        return {FieldType::String};
      case Kind::Bool:
        return {FieldType::Bool};
      case Kind::Null:
        return {FieldType::Unknown, true};
      default:
        return {};
    }
  }

  Typed field(const expr::Ast& a) {
    if (a.path.segments.empty() || a.path.segments.front().index >= 0) return {};
    const std::string& name = a.path.segments.front().key;
    const Field* f = fields_.find(name);
    if (!f) {
      if (fields_.complete() && reported_.insert(name).second) {
        const std::string of = fields_.origin().empty() ? "the input's fields" : fields_.origin();
        std::string hint = didYouMean(name, fields_.names());
        if (!hint.empty()) {
          hint += " It is one of " + of;
        } else {
          std::string list;
          for (const std::string& n : fields_.names())
            list += (list.empty() ? "" : ", ") + n;
          hint = list.empty() ? "the input has no fields" : of + " are: " + list;
        }
        warn(a.pos, "unknown field '" + name + "'", hint);
      }
      return {};
    }
    if (a.path.segments.size() > 1) return {};
    return {f->type, false, name};
  }

  Typed binary(const expr::Ast& a) {
    using expr::Op;
    Typed l = type(*a.children[0]);
    Typed r = type(*a.children[1]);
    switch (a.op) {
      case Op::And:
      case Op::Or:
        expect(l, FieldType::Bool, *a.children[0], "operator '" + opName(a) + "'");
        expect(r, FieldType::Bool, *a.children[1], "operator '" + opName(a) + "'");
        return {FieldType::Bool};
      case Op::Add:
        if (l.null || r.null) return {};
        if (isScalar(l.type) && isScalar(r.type) && l.type != r.type) {
          mismatch(a, l, r, "operator '+' cannot combine " + describe(l) + " with " + describe(r),
                   "use concat() to join text");
          return {};
        }
        return {l.type != FieldType::Unknown ? l.type : r.type};
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Mod:
        expect(l, FieldType::Number, *a.children[0], "operator '" + opName(a) + "'");
        expect(r, FieldType::Number, *a.children[1], "operator '" + opName(a) + "'");
        return {FieldType::Number};
      case Op::Eq:
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge:
        compare(l, r, a, true);
        return {FieldType::Bool};
      case Op::Ne:
        compare(l, r, a, false);
        return {FieldType::Bool};
      case Op::Neg:
      case Op::Not:
        break;
    }
    return {};
  }

  Typed call(const expr::Ast& a) {
    const expr::FunctionSpec* fn = expr::findFunction(a.text);
    std::vector<Typed> args;
    for (size_t k = 0; k < a.children.size(); ++k) {
      args.push_back(type(*a.children[k]));
      if (!fn) continue;
      const FieldType want = fromParam(k < 3 ? fn->params[k] : fn->rest);
      if (want != FieldType::Unknown) expect(args.back(), want, *a.children[k], a.text + "()");
    }
    if (!fn) return {};
    if (fn->rule == expr::ResultRule::Fixed) return {fromExprType(fn->result)};
    FieldType common = FieldType::Unknown;
    bool first = true;
    for (size_t k = fn->commonFrom; k < args.size(); ++k) {
      if (args[k].null) continue;
      if (first)
        common = args[k].type;
      else if (common != args[k].type)
        common = FieldType::Unknown;
      first = false;
    }
    return {common};
  }

  std::string opName(const expr::Ast& a) const {
    if (a.wordOperator) {
      if (a.op == expr::Op::And) return "and";
      if (a.op == expr::Op::Or) return "or";
    }
    return expr::opText(a.op);
  }

  static std::string describe(const Typed& t) {
    if (!t.field.empty()) return std::string(fieldTypeName(t.type)) + " field '" + t.field + "'";
    return article(t.type);
  }

  std::string typedFrom(const Typed& t) const {
    if (t.field.empty() || fields_.origin().empty()) return {};
    return "'" + t.field + "' is " + article(t.type) + " in " + fields_.origin();
  }

  // An operand of a known scalar type where the operator wants another.
  void expect(const Typed& t, FieldType want, const expr::Ast& at, const std::string& what) {
    if (t.null || !isScalar(t.type) || t.type == want) return;
    const std::string got = t.field.empty() ? std::string("got ") + article(t.type)
                                            : "'" + t.field + "' is " + article(t.type) + " field";
    warn(at.start, what + " expects " + article(want) + ", but " + got, typedFrom(t));
  }

  // Two sides of a comparison whose known scalar types differ: it never (or, for !=, always)
  // holds.
  void compare(const Typed& l, const Typed& r, const expr::Ast& at, bool neverTrue) {
    if (l.null || r.null || !isScalar(l.type) || !isScalar(r.type) || l.type == r.type) return;
    mismatch(at, l, r,
             "comparing " + describe(l) + " with " + describe(r) + " is " +
                 (neverTrue ? "never true" : "always true"),
             {});
  }

  void mismatch(const expr::Ast& at, const Typed& l, const Typed& r, std::string message,
                std::string hint) {
    const Typed& fieldSide = l.field.empty() ? r : l;
    std::string from = typedFrom(fieldSide);
    if (hint.empty()) {
      const Typed& other = l.field.empty() ? l : r;
      hint = "compare it with " + std::string(article(fieldSide.type));
      if (other.field.empty() && fieldSide.type == FieldType::Number &&
          other.type == FieldType::String)
        hint += " (without quotes)";
    }
    if (!from.empty()) hint += "; " + from;
    warn(at.pos, std::move(message), std::move(hint));
  }

  void warn(uint32_t pos, std::string message, std::string hint) {
    warnings.push_back({expr::columnOf(text_, pos), std::move(message), std::move(hint)});
  }

  std::string_view text_;
  const FieldSet& fields_;
  std::set<std::string> reported_;
};

// The tree of an expression that compiles, else null.
std::unique_ptr<expr::Ast> compiledTree(std::string_view text) {
  if (text.find("${") != std::string_view::npos) return nullptr;
  SlotTable scratch;
  expr::CompileError error;
  if (!expr::Expression::compile(text, scratch, expr::Type::Any, &error)) return nullptr;
  return expr::parse(text, &error);
}

}  // namespace

std::vector<FieldWarning> checkExpressionFields(std::string_view text, const FieldSet& fields) {
  if (fields.fields().empty() && !fields.complete()) return {};
  auto tree = compiledTree(text);
  if (!tree) return {};
  FieldChecker checker(text, fields);
  checker.type(*tree);
  return std::move(checker.warnings);
}

FieldType expressionFieldType(std::string_view text, const FieldSet& fields) {
  auto tree = compiledTree(text);
  if (!tree) return FieldType::Unknown;
  FieldChecker checker(text, fields);
  return checker.type(*tree).type;
}

// ---- inference over a pipeline ----------------------------------------------------------------

PipelineFields PipelineFields::infer(const Pipeline& p, const NodeRegistry& registry) {
  PipelineFields out;
  std::map<std::string, size_t, std::less<>> byId;
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    NodeFields n;
    n.id = p.nodes[i].id;
    if (const NodeSpec* spec = registry.find(p.nodes[i].type)) {
      for (const PortSpec& port : spec->inputs)
        n.inputPorts.push_back(port.name);
      for (const PortSpec& port : spec->outputs)
        n.outputPorts.push_back(port.name);
    }
    n.inputs.resize(n.inputPorts.size());
    n.outputs.resize(n.outputPorts.size());
    byId.emplace(n.id, out.nodes_.size());  // a duplicate id keeps its first node
    out.nodes_.push_back(std::move(n));
  }
  enum State { Fresh, Busy, Done };
  std::vector<State> state(out.nodes_.size(), Fresh);
  std::function<void(size_t)> visit = [&](size_t i) {
    if (state[i] != Fresh) return;  // Busy: a cycle; its wires stay unknown
    state[i] = Busy;
    NodeFields& n = out.nodes_[i];
    const PipelineNode& node = p.nodes[i];
    for (size_t k = 0; k < n.inputPorts.size(); ++k) {
      std::vector<FieldSet> wires;
      for (const PipelineEdge& e : p.edges) {
        if (e.to.node != n.id || e.toPort() != n.inputPorts[k]) continue;
        auto from = byId.find(e.from.node);
        if (from == byId.end()) continue;
        visit(from->second);
        const NodeFields& up = out.nodes_[from->second];
        auto port = std::find(up.outputPorts.begin(), up.outputPorts.end(), e.fromPort());
        wires.push_back(port == up.outputPorts.end()
                            ? FieldSet()
                            : up.outputs[static_cast<size_t>(port - up.outputPorts.begin())]);
      }
      n.inputs[k] = FieldSet::merge(wires);
    }
    const NodeSpec* spec = registry.find(node.type);
    if (spec && spec->outputFields) {
      try {
        NodeConfig cfg(*spec, node.id, i, node.properties);
        std::vector<FieldSet> produced = spec->outputFields(cfg, n.inputs);
        for (size_t k = 0; k < produced.size() && k < n.outputs.size(); ++k)
          n.outputs[k] = std::move(produced[k]);
      } catch (const std::exception&) {
        // Properties the validator rejects: the outputs stay unknown.
      }
    }
    if (spec && spec->isSource()) {
      FieldSet sampled = sampledFields(node.ui, node.id);
      if (sampled.complete())
        for (FieldSet& o : n.outputs)
          if (!o.complete()) o = sampled;
    }
    state[i] = Done;
  };
  for (size_t i = 0; i < out.nodes_.size(); ++i)
    visit(i);
  return out;
}

const PipelineFields::NodeFields* PipelineFields::find(std::string_view id) const {
  for (const NodeFields& n : nodes_)
    if (n.id == id) return &n;
  return nullptr;
}

FieldSet PipelineFields::input(std::string_view nodeId, std::string_view port) const {
  const NodeFields* n = find(nodeId);
  if (!n || n->inputs.empty()) return {};
  if (port.empty()) return n->inputs.front();
  for (size_t k = 0; k < n->inputPorts.size(); ++k)
    if (n->inputPorts[k] == port) return n->inputs[k];
  return {};
}

FieldSet PipelineFields::seenBy(std::string_view nodeId) const {
  const NodeFields* n = find(nodeId);
  if (!n) return {};
  if (!n->inputs.empty()) return n->inputs.front();
  return n->outputs.empty() ? FieldSet() : n->outputs.front();
}

FieldSet PipelineFields::output(std::string_view nodeId, std::string_view port) const {
  const NodeFields* n = find(nodeId);
  if (!n) return {};
  const std::string_view name = port.empty() ? std::string_view("out") : port;
  for (size_t k = 0; k < n->outputPorts.size(); ++k)
    if (n->outputPorts[k] == name) return n->outputs[k];
  return {};
}

// ---- the validator's pass ---------------------------------------------------------------------

namespace {

struct ExpressionSite {
  std::string pointer;
  std::string text;
};

// Every expression in a property's value, with its pointer (lists, maps and list items).
void collectExpressions(const PropertySpec& ps, const Json& v, const std::string& ptr,
                        std::vector<ExpressionSite>& out) {
  switch (ps.kind) {
    case PropKind::Expression:
      if (v.is_string()) out.push_back({ptr, v.get<std::string>()});
      return;
    case PropKind::List:
    case PropKind::Map: {
      PropertySpec item = ps;
      item.kind = ps.item;
      if (ps.kind == PropKind::List && !v.is_array()) {
        if (ps.acceptsSingle) collectExpressions(item, v, ptr, out);
        return;
      }
      if (ps.kind == PropKind::Map && !v.is_object()) return;
      size_t i = 0;
      for (auto it = v.begin(); it != v.end(); ++it, ++i)
        collectExpressions(item, *it,
                           ptr + "/" + (v.is_array() ? std::to_string(i) : pointerToken(it.key())),
                           out);
      return;
    }
    case PropKind::Object:
      if (!v.is_object()) return;
      for (const PropertySpec& f : ps.fields)
        if (auto it = v.find(f.name); it != v.end())
          collectExpressions(f, *it, ptr + "/" + pointerToken(f.name), out);
      return;
    default:
      return;
  }
}

}  // namespace

namespace {

// Adds the top-level names `a` reads to `out`; false on a nested path or an array element.
bool collectTopLevelReads(const expr::Ast& a, std::set<std::string>& out) {
  if (a.kind == expr::AstKind::Field) {
    if (a.path.segments.size() != 1 || a.path.segments.front().index >= 0) return false;
    out.insert(a.path.segments.front().key);
  }
  for (const auto& child : a.children)
    if (child && !collectTopLevelReads(*child, out)) return false;
  return true;
}

}  // namespace

std::optional<std::vector<std::string>> topLevelFieldsRead(const PipelineNode& node,
                                                           const NodeRegistry& registry) {
  const NodeSpec* spec = registry.find(node.type);
  if (!spec) return std::nullopt;
  std::set<std::string> names;
  if (node.properties.is_object())
    for (const PropertySpec& ps : spec->properties) {
      auto value = node.properties.find(ps.name);
      std::vector<ExpressionSite> sites;
      if (value != node.properties.end())
        collectExpressions(ps, *value, "", sites);
      else if (ps.kind == PropKind::Expression && ps.defaultValue.is_string())
        sites.push_back({"", ps.defaultValue.get<std::string>()});  // e.g. timestamp
      for (const ExpressionSite& site : sites) {
        if (site.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;  // unset
        auto tree = compiledTree(site.text);
        if (!tree || !collectTopLevelReads(*tree, names)) return std::nullopt;
      }
    }
  return std::vector<std::string>(names.begin(), names.end());
}

void checkPipelineFields(const Pipeline& p, const NodeRegistry& registry, Diagnostics& diags) {
  std::set<std::string> failing;  // nodes with errors already: their properties are suspect
  for (const Diagnostic& d : diags.items())
    if (d.severity == Severity::Error && !d.nodeId.empty()) failing.insert(d.nodeId);
  const PipelineFields fields = PipelineFields::infer(p, registry);
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    const PipelineNode& node = p.nodes[i];
    const NodeSpec* spec = registry.find(node.type);
    if (!spec || failing.count(node.id) || !node.properties.is_object()) continue;
    const FieldSet input = fields.seenBy(node.id);
    if (input.fields().empty() && !input.complete()) continue;
    const std::string base = "/nodes/" + std::to_string(i) + "/properties/";
    for (const PropertySpec& ps : spec->properties) {
      auto value = node.properties.find(ps.name);
      if (value == node.properties.end()) continue;
      std::vector<ExpressionSite> sites;
      collectExpressions(ps, *value, base + pointerToken(ps.name), sites);
      for (const ExpressionSite& site : sites)
        for (FieldWarning& w : checkExpressionFields(site.text, input)) {
          Diagnostic& d = diags.warning(
              site.pointer, w.message + " at column " + std::to_string(w.column), w.hint);
          d.nodeId = node.id;
          d.property = ps.name;
        }
    }
  }
}

}  // namespace sc
