#include "engine/expr/Compiler.h"

#include <algorithm>

#include "engine/expr/ExecNodes.h"
#include "engine/expr/Lexer.h"
#include "engine/expr/Parser.h"
#include "engine/runtime/SlotTable.h"

namespace sc::expr {
namespace {

struct Built {
  std::unique_ptr<ExecNode> node;
  Type type = Type::Any;
  bool constant = false;
};

bool isConcrete(Type t) {
  return t == Type::Bool || t == Type::Number || t == Type::String;
}

Type typeOfValue(const Value& v) {
  switch (v.kind) {
    case Kind::Bool:
      return Type::Bool;
    case Kind::Int:
    case Kind::Double:
      return Type::Number;
    case Kind::String:
      return Type::String;
    case Kind::Json:
      return Type::Any;
    case Kind::Missing:
    case Kind::Null:
      break;
  }
  return Type::Null;
}

const char* article(Type t) {
  switch (t) {
    case Type::Bool:
      return "a boolean";
    case Type::Number:
      return "a number";
    case Type::String:
      return "a string";
    case Type::Null:
      return "null";
    case Type::Any:
      break;
  }
  return "a value";
}

Type paramType(Param p) {
  switch (p) {
    case Param::Bool:
      return Type::Bool;
    case Param::Number:
      return Type::Number;
    case Param::String:
      return Type::String;
    case Param::Any:
      break;
  }
  return Type::Any;
}

const std::vector<std::string>& metaNames() {
  static const std::vector<std::string> names = {"key",    "topic",     "partition",
                                                 "offset", "timestamp", "headers"};
  return names;
}

class Compiler {
 public:
  Compiler(std::string_view text, Program& program, CompileError& error)
      : text_(text), program_(program), error_(error) {}

  bool build(const Ast& a, Built& out) {
    switch (a.kind) {
      case AstKind::Literal:
        return literal(a, out);
      case AstKind::Field:
        return field(a, out);
      case AstKind::Meta:
        return meta(a, out);
      case AstKind::Unary:
        return unary(a, out);
      case AstKind::Binary:
        return binary(a, out);
      case AstKind::In:
        return in(a, out);
      case AstKind::Call:
        return call(a, out);
    }
    return false;
  }

  // Interns the fields read and points the field nodes at their slots.
  void resolveSlots(SlotTable& slots) {
    std::vector<uint32_t> slotOf;
    for (const auto& p : paths_) {
      slotOf.push_back(slots.intern(p));
      program_.slots.push_back(slotOf.back());
    }
    for (auto& [node, index] : fields_)
      node->slot = slotOf[index];
  }

  bool fail(uint32_t pos, std::string message) {
    error_.column = columnOf(text_, pos);
    error_.message = std::move(message);
    return false;
  }

 private:
  Value keep(Value v) {
    if (v.kind == Kind::String || v.kind == Kind::Json)
      v.s = program_.constants.copy(v.str()).data();
    return v;
  }

  void makeConstant(Built& out, Value v, Type type) {
    out.node = std::make_unique<ConstNode>(keep(v));
    out.type = type;
    out.constant = true;
  }

  // Evaluates a subtree whose inputs are all constants once, now.
  void fold(Built& b) {
    uint32_t temps = 0;
    b.node->assignTemps(temps);
    auto& scratch = foldScratch_.impl();
    scratch.prepare(temps, 1);
    scratch.arena.reset();
    EvalContext ctx;
    ctx.batch = &foldBatch_;
    ctx.begin = 0;
    ctx.n = 1;
    ctx.scratch = &scratch;
    Value v = b.node->eval(ctx).at(0);
    retire(std::move(b.node));
    makeConstant(b, v, b.type);
  }

  // Keeps a replaced subtree alive until slots are resolved (it may hold field nodes).
  void retire(std::unique_ptr<ExecNode> node) { retired_.push_back(std::move(node)); }

  bool literal(const Ast& a, Built& out) {
    Value v = a.literal;
    if (v.kind == Kind::String) v = Value::string(a.text);
    makeConstant(out, v, typeOfValue(v));
    return true;
  }

  bool field(const Ast& a, Built& out) {
    auto it = std::find(paths_.begin(), paths_.end(), a.path);
    auto index = static_cast<uint32_t>(it - paths_.begin());
    if (it == paths_.end()) paths_.push_back(a.path);
    auto node = std::make_unique<FieldNode>();
    fields_.emplace_back(node.get(), index);
    out.node = std::move(node);
    out.type = Type::Any;
    return true;
  }

  bool meta(const Ast& a, Built& out) {
    MetaField field;
    Type type = Type::Number;
    if (a.text == "key") {
      field = MetaField::Key;
      type = Type::Any;
    } else if (a.text == "topic") {
      field = MetaField::Topic;
      type = Type::String;
    } else if (a.text == "partition") {
      field = MetaField::Partition;
    } else if (a.text == "offset") {
      field = MetaField::Offset;
    } else if (a.text == "timestamp") {
      field = MetaField::Timestamp;
    } else if (a.text == "headers") {
      field = MetaField::Header;
      type = Type::Any;
    } else {
      std::string hint = closestMatch(a.text, metaNames());
      if (!hint.empty())
        return fail(a.pos, "unknown metadata '$" + a.text + "'; did you mean '$" + hint + "'?");
      return fail(a.pos, "unknown metadata '$" + a.text +
                             "'; expected $key, $topic, $partition, $offset, $timestamp or "
                             "$headers.NAME");
    }
    out.node = std::make_unique<MetaNode>(field, a.header);
    out.type = type;
    return true;
  }

  std::string opName(const Ast& a) const {
    if (a.wordOperator) {
      if (a.op == Op::Not) return "not";
      if (a.op == Op::And) return "and";
      if (a.op == Op::Or) return "or";
    }
    return opText(a.op);
  }

  bool unary(const Ast& a, Built& out) {
    Built operand;
    if (!build(*a.children[0], operand)) return false;
    const Ast& child = *a.children[0];
    if (a.op == Op::Neg) {
      if (operand.type == Type::String || operand.type == Type::Bool)
        return fail(child.start,
                    "operator '-' expects a number, got " + std::string(typeName(operand.type)));
      out.type = operand.type == Type::Null ? Type::Null : Type::Number;
      out.node = makeUnary(UnaryKind::Neg, std::move(operand.node));
    } else {
      if (operand.type == Type::String || operand.type == Type::Number)
        return fail(child.start, "operator '" + opName(a) + "' expects a boolean, got " +
                                     typeName(operand.type));
      out.type = operand.type == Type::Null ? Type::Null : Type::Bool;
      out.node = makeUnary(UnaryKind::Not, std::move(operand.node));
    }
    if (operand.constant) fold(out);
    return true;
  }

  bool binary(const Ast& a, Built& out) {
    Built l, r;
    if (!build(*a.children[0], l) || !build(*a.children[1], r)) return false;
    const Ast& la = *a.children[0];
    const Ast& ra = *a.children[1];
    const bool bothConstant = l.constant && r.constant;
    switch (a.op) {
      case Op::And:
      case Op::Or: {
        for (auto [side, ast] : {std::pair{&l, &la}, std::pair{&r, &ra}}) {
          if (side->type == Type::Number || side->type == Type::String)
            return fail(ast->start, "operator '" + opName(a) + "' expects boolean operands, got " +
                                        typeName(side->type));
        }
        out.type = Type::Bool;
        break;
      }
      case Op::Add: {
        for (auto [side, ast] : {std::pair{&l, &la}, std::pair{&r, &ra}}) {
          if (side->type == Type::Bool)
            return fail(ast->start, "operator '+' expects numbers or strings, got boolean");
        }
        if (isConcrete(l.type) && isConcrete(r.type) && l.type != r.type)
          return fail(a.pos, std::string("operator '+' cannot combine ") + typeName(l.type) +
                                 " and " + typeName(r.type) + "; use concat() to join text");
        if (l.type == Type::Null || r.type == Type::Null)
          out.type = Type::Null;
        else if (l.type == Type::Any)
          out.type = r.type;
        else
          out.type = l.type;
        break;
      }
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Mod: {
        for (auto [side, ast] : {std::pair{&l, &la}, std::pair{&r, &ra}}) {
          if (side->type == Type::Bool || side->type == Type::String)
            return fail(ast->start, std::string("operator '") + opText(a.op) +
                                        "' expects numbers, got " + typeName(side->type));
        }
        out.type = (l.type == Type::Null || r.type == Type::Null) ? Type::Null : Type::Number;
        break;
      }
      case Op::Eq:
      case Op::Ne: {
        if (l.type == Type::Null || r.type == Type::Null) {
          // `x == null` / `x != null` test for null rather than compare.
          Built& tested = l.type == Type::Null ? r : l;
          Built& nullSide = l.type == Type::Null ? l : r;
          retire(std::move(nullSide.node));
          out.type = Type::Bool;
          out.node = makeUnary(a.op == Op::Eq ? UnaryKind::IsNull : UnaryKind::IsNotNull,
                               std::move(tested.node));
          if (tested.constant) fold(out);
          return true;
        }
        if (isConcrete(l.type) && isConcrete(r.type) && l.type != r.type)
          return fail(a.pos, std::string("cannot compare ") + typeName(l.type) + " with " +
                                 typeName(r.type));
        out.type = Type::Bool;
        break;
      }
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge: {
        for (auto [side, ast] : {std::pair{&l, &la}, std::pair{&r, &ra}}) {
          if (side->type == Type::Bool)
            return fail(ast->start,
                        std::string("operator '") + opText(a.op) + "' cannot order booleans");
        }
        if (isConcrete(l.type) && isConcrete(r.type) && l.type != r.type)
          return fail(a.pos, std::string("cannot compare ") + typeName(l.type) + " with " +
                                 typeName(r.type));
        out.type = Type::Bool;
        break;
      }
      case Op::Neg:
      case Op::Not:
        return fail(a.pos, "internal error: unary operator in binary position");
    }
    out.node = makeBinary(a.op, std::move(l.node), std::move(r.node));
    if (bothConstant) fold(out);
    return true;
  }

  bool in(const Ast& a, Built& out) {
    Built value;
    if (!build(*a.children[0], value)) return false;
    if (value.type == Type::Null)
      return fail(a.children[0]->start,
                  "the value before 'in' is always null; test it with '== null' instead");
    bool allConstant = value.constant;
    std::vector<std::unique_ptr<ExecNode>> items;
    std::vector<bool> nullTests;
    for (size_t k = 1; k < a.children.size(); ++k) {
      Built item;
      if (!build(*a.children[k], item)) return false;
      if (isConcrete(value.type) && isConcrete(item.type) && value.type != item.type)
        return fail(a.children[k]->start, std::string("cannot compare ") + typeName(value.type) +
                                              " with " + typeName(item.type));
      allConstant = allConstant && item.constant;
      nullTests.push_back(item.type == Type::Null);
      items.push_back(std::move(item.node));
    }
    out.type = Type::Bool;
    out.node = makeIn(a.negated, std::move(value.node), std::move(items), nullTests);
    if (allConstant) fold(out);
    return true;
  }

  bool call(const Ast& a, Built& out) {
    const FunctionSpec* fn = findFunction(a.text);
    if (!fn) {
      std::string hint = closestMatch(a.text, functionNames());
      if (!hint.empty())
        return fail(a.pos, "unknown function '" + a.text + "'; did you mean '" + hint + "'?");
      return fail(a.pos, "unknown function '" + a.text + "'");
    }
    const auto nargs = static_cast<int>(a.children.size());
    const int maxArgs = fn->maxArgs < 0 ? static_cast<int>(kMaxArgs) : fn->maxArgs;
    if (nargs < fn->minArgs || nargs > maxArgs) {
      std::string takes;
      auto plural = [](int n) { return n == 1 ? " argument" : " arguments"; };
      if (fn->maxArgs < 0 && nargs > maxArgs)
        takes = "at most " + std::to_string(maxArgs) + plural(maxArgs);
      else if (fn->maxArgs < 0)
        takes = "at least " + std::to_string(fn->minArgs) + plural(fn->minArgs);
      else if (fn->minArgs == fn->maxArgs)
        takes = std::to_string(fn->minArgs) + plural(fn->minArgs);
      else
        takes = std::to_string(fn->minArgs) + " to " + std::to_string(fn->maxArgs) + " arguments";
      return fail(a.pos, a.text + "() takes " + takes + ", got " + std::to_string(nargs));
    }
    std::vector<std::unique_ptr<ExecNode>> args;
    std::vector<Type> types;
    bool allConstant = true;
    std::shared_ptr<const void> data;
    for (int k = 0; k < nargs; ++k) {
      Built arg;
      const Ast& argAst = *a.children[k];
      if (!build(argAst, arg)) return false;
      Type want = paramType(k < 3 ? fn->params[k] : fn->rest);
      if (want != Type::Any && isConcrete(arg.type) && arg.type != want) {
        std::string where = fn->maxArgs == 1 ? "" : " as argument " + std::to_string(k + 1);
        return fail(argAst.start,
                    a.text + "() expects " + article(want) + where + ", got " + typeName(arg.type));
      }
      if (std::string_view(fn->name) == "regex_match" && k == static_cast<int>(kRegexPatternArg)) {
        if (!arg.constant || arg.type != Type::String)
          return fail(argAst.start, "regex_match() expects a constant string as its pattern");
        auto* constant = static_cast<ConstNode*>(arg.node.get());
        std::string why;
        data = compileRegex(constant->value().str(), why);
        if (!data) return fail(argAst.start, why);
      }
      allConstant = allConstant && arg.constant;
      types.push_back(arg.type);
      args.push_back(std::move(arg.node));
    }
    if (fn->rule == ResultRule::CommonArgs) {
      Type common = Type::Null;
      for (size_t k = fn->commonFrom; k < types.size(); ++k) {
        if (types[k] == Type::Null) continue;
        if (common == Type::Null)
          common = types[k];
        else if (common != types[k])
          common = Type::Any;
      }
      out.type = common;
    } else {
      out.type = fn->result;
    }
    if (!fn->pure) program_.usesNow = true;
    out.node = makeCall(*fn, std::move(args), std::move(data));
    if (allConstant && fn->pure) fold(out);
    return true;
  }

  std::string_view text_;
  Program& program_;
  CompileError& error_;
  std::vector<FieldPath> paths_;
  std::vector<std::pair<FieldNode*, uint32_t>> fields_;
  std::vector<std::unique_ptr<ExecNode>> retired_;
  Batch foldBatch_{1, 0};
  EvalScratch foldScratch_;
};

}  // namespace

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closestMatch(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t bestDistance = 3;  // at most two edits away
  for (const auto& c : candidates) {
    size_t d = editDistance(name, c);
    if (d < bestDistance && d < name.size()) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

std::unique_ptr<Program> compileProgram(std::string_view text, SlotTable& slots, Type expected,
                                        CompileError& error) {
  error = CompileError{};
  std::unique_ptr<Ast> ast = parse(text, &error);
  if (!ast) return nullptr;
  auto program = std::make_unique<Program>();
  Compiler compiler(text, *program, error);
  Built root;
  if (!compiler.build(*ast, root)) return nullptr;
  if (expected != Type::Any && expected != Type::Null && root.type != expected &&
      root.type != Type::Any) {
    std::string what = expected == Type::Bool ? "a boolean condition" : article(expected);
    compiler.fail(ast->start, "expected " + what + ", got " + typeName(root.type));
    return nullptr;
  }
  compiler.resolveSlots(slots);
  program->type = root.type;
  program->text = std::string(text);
  if (auto* f = dynamic_cast<FieldNode*>(root.node.get())) {
    program->field = true;
    program->fieldSlot = f->slot;
  }
  if (auto* c = dynamic_cast<ConstNode*>(root.node.get())) {
    program->constant = true;
    program->constantValue = c->value();
  }
  uint32_t temps = 0;
  root.node->assignTemps(temps);
  program->temps = temps;
  program->root = std::move(root.node);
  return program;
}

}  // namespace sc::expr
