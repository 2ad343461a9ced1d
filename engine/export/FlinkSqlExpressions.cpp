// StreamCanvas expressions -> Flink SQL expressions, exact or refused.
#include "engine/export/FlinkSqlTranslator.h"

#include <cstdint>

#include "engine/expr/Parser.h"

namespace sc::flinksql {

using expr::AstKind;
using expr::Op;

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

}  // namespace sc::flinksql
