#pragma once
// Test support for the expression language: render() prints a Value the way the tests compare
// them, and a small reference interpreter with a random expression generator serves the
// differential tests (tst_expression_differential.cpp).

#include <QString>
#include <charconv>
#include <climits>
#include <deque>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/runtime/Batch.h"

namespace sc::expr::testing {

inline QString render(const Value& v) {
  switch (v.kind) {
    case Kind::Missing:
      return "missing";
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return v.b ? "true" : "false";
    case Kind::Int:
      return QString::number(v.i);
    case Kind::Double: {
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, v.d);
      QString s = QString::fromLatin1(buf, static_cast<int>(r.ptr - buf));
      if (!s.contains('.') && !s.contains('e') && !s.contains('n')) s += ".0";
      return s;
    }
    case Kind::String:
      return '"' + QString::fromUtf8(v.s, v.len) + '"';
    case Kind::Json:
      return "json:" + QString::fromUtf8(v.s, v.len);
  }
  return "?";
}

// ---- reference interpreter for the differential test ----

enum class RType { Any, Null, Bool, Num, Str };

struct RNode {
  enum Kind { Lit, FieldRef, Neg, Not, Bin, In } kind = Lit;
  std::string op;        // Bin
  bool negated = false;  // In
  bool word = false;     // and/or spelled as words
  bool parens = false;   // redundant parentheses
  Value lit;
  int field = 0;
  std::vector<RNode> kids;
};

inline int precedence(const RNode& n) {
  switch (n.kind) {
    case RNode::Lit:
    case RNode::FieldRef:
      return 8;
    case RNode::Neg:
    case RNode::Not:
      return 7;
    case RNode::In:
      return 4;
    case RNode::Bin:
      break;
  }
  if (n.op == "||") return 1;
  if (n.op == "&&") return 2;
  if (n.op == "+" || n.op == "-") return 5;
  if (n.op == "*" || n.op == "/" || n.op == "%") return 6;
  return 4;
}

inline std::string literalText(const Value& v) {
  switch (v.kind) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return v.b ? "true" : "false";
    case Kind::Int:
      return std::to_string(v.i);
    case Kind::Double: {
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, v.d);
      std::string s(buf, r.ptr);
      if (s.find_first_of(".e") == std::string::npos) s += ".0";
      return s;
    }
    case Kind::String:
      return "\"" + std::string(v.str()) + "\"";
    default:
      return "?";
  }
}

inline std::string print(const RNode& n);

inline std::string printChild(const RNode& child, int minPrec) {
  std::string s = print(child);
  if (precedence(child) < minPrec || child.parens) return "(" + s + ")";
  return s;
}

inline std::string print(const RNode& n) {
  switch (n.kind) {
    case RNode::Lit:
      return literalText(n.lit);
    case RNode::FieldRef:
      return "f" + std::to_string(n.field);
    case RNode::Neg:
      return "-" + printChild(n.kids[0], 7);
    case RNode::Not:
      return "!" + printChild(n.kids[0], 7);
    case RNode::In: {
      std::string s = printChild(n.kids[0], 5) + (n.negated ? " not in [" : " in [");
      for (size_t k = 1; k < n.kids.size(); ++k)
        s += (k > 1 ? ", " : "") + print(n.kids[k]);
      return s + "]";
    }
    case RNode::Bin:
      break;
  }
  int p = precedence(n);
  std::string op = n.op;
  if (n.word && op == "&&") op = "and";
  if (n.word && op == "||") op = "or";
  // Comparisons do not chain, so a comparison operand needs parentheses.
  int leftMin = p == 4 ? 5 : p;
  return printChild(n.kids[0], leftMin) + " " + op + " " + printChild(n.kids[1], p + 1);
}

inline RType staticType(const RNode& n) {
  switch (n.kind) {
    case RNode::Lit:
      switch (n.lit.kind) {
        case Kind::Null:
          return RType::Null;
        case Kind::Bool:
          return RType::Bool;
        case Kind::String:
          return RType::Str;
        default:
          return RType::Num;
      }
    case RNode::FieldRef:
      return RType::Any;
    case RNode::Neg:
      return staticType(n.kids[0]) == RType::Null ? RType::Null : RType::Num;
    case RNode::Not:
      return staticType(n.kids[0]) == RType::Null ? RType::Null : RType::Bool;
    case RNode::In:
      return RType::Bool;
    case RNode::Bin:
      break;
  }
  RType l = staticType(n.kids[0]), r = staticType(n.kids[1]);
  if (n.op == "+") {
    if (l == RType::Null || r == RType::Null) return RType::Null;
    return l == RType::Any ? r : l;
  }
  if (n.op == "-" || n.op == "*" || n.op == "/" || n.op == "%")
    return (l == RType::Null || r == RType::Null) ? RType::Null : RType::Num;
  return RType::Bool;
}

__extension__ typedef __int128 Wide;  // exact integer arithmetic for the reference

class Reference {
 public:
  Value eval(const RNode& n, const std::vector<Value>& row) {
    switch (n.kind) {
      case RNode::Lit:
        return n.lit;
      case RNode::FieldRef:
        return row[n.field];
      case RNode::Neg: {
        Value a = eval(n.kids[0], row);
        if (a.kind == Kind::Int)
          return a.i == INT64_MIN ? Value::number(9223372036854775808.0) : Value::integer(-a.i);
        if (a.kind == Kind::Double) return Value::number(-a.d);
        return Value::null();
      }
      case RNode::Not: {
        Value a = eval(n.kids[0], row);
        return a.kind == Kind::Bool ? Value::boolean(!a.b) : Value::null();
      }
      case RNode::In: {
        Value x = eval(n.kids[0], row);
        bool acc = n.negated;  // `not in` is an AND (identity true), `in` an OR (identity false)
        for (size_t k = 1; k < n.kids.size(); ++k) {
          Value item = eval(n.kids[k], row);
          bool test;
          if (staticType(n.kids[k]) == RType::Null)
            test = n.negated ? !isNull(x) : isNull(x);
          else
            test = n.negated ? notEqual(x, item) : equal(x, item);
          acc = n.negated ? (acc && test) : (acc || test);
        }
        return Value::boolean(acc);
      }
      case RNode::Bin:
        break;
    }
    const std::string& op = n.op;
    if (op == "==" || op == "!=") {
      RType lt = staticType(n.kids[0]), rt = staticType(n.kids[1]);
      if (lt == RType::Null || rt == RType::Null) {
        Value tested = lt == RType::Null ? eval(n.kids[1], row) : eval(n.kids[0], row);
        return Value::boolean(op == "==" ? isNull(tested) : !isNull(tested));
      }
    }
    Value a = eval(n.kids[0], row);
    Value b = eval(n.kids[1], row);
    if (op == "==") return Value::boolean(equal(a, b));
    if (op == "!=") return Value::boolean(notEqual(a, b));
    if (op == "<") return Value::boolean(cmp(a, b) == -1);
    if (op == "<=") return Value::boolean(cmp(a, b) == -1 || cmp(a, b) == 0);
    if (op == ">") return Value::boolean(cmp(a, b) == 1);
    if (op == ">=") return Value::boolean(cmp(a, b) == 1 || cmp(a, b) == 0);
    if (op == "&&") {
      if (isFalse(a) || isFalse(b)) return Value::boolean(false);
      if (a.kind == Kind::Bool && b.kind == Kind::Bool) return Value::boolean(true);
      return Value::null();
    }
    if (op == "||") {
      if (a.isTrue() || b.isTrue()) return Value::boolean(true);
      if (a.kind == Kind::Bool && b.kind == Kind::Bool) return Value::boolean(false);
      return Value::null();
    }
    return arith(op[0], a, b);
  }

 private:
  static bool isNull(const Value& v) { return v.kind == Kind::Null || v.kind == Kind::Missing; }
  static bool isFalse(const Value& v) { return v.kind == Kind::Bool && !v.b; }
  static bool isNum(const Value& v) { return v.kind == Kind::Int || v.kind == Kind::Double; }
  static double num(const Value& v) { return v.kind == Kind::Int ? double(v.i) : v.d; }

  static bool same(const Value& a, const Value& b) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) return a.i == b.i;
    if (isNum(a) && isNum(b)) return num(a) == num(b);
    if (a.kind != b.kind) return false;
    if (a.kind == Kind::Bool) return a.b == b.b;
    return a.str() == b.str();
  }
  static bool equal(const Value& a, const Value& b) {
    return !isNull(a) && !isNull(b) && same(a, b);
  }
  static bool notEqual(const Value& a, const Value& b) {
    return !isNull(a) && !isNull(b) && !same(a, b);
  }
  // -1/0/1, 2 when unordered
  static int cmp(const Value& a, const Value& b) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    if (isNum(a) && isNum(b)) return num(a) < num(b) ? -1 : num(a) > num(b) ? 1 : 0;
    if (a.kind == Kind::String && b.kind == Kind::String) {
      int c = a.str().compare(b.str());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    return 2;
  }
  static Value real(double d) { return std::isfinite(d) ? Value::number(d) : Value::null(); }

  Value arith(char op, const Value& a, const Value& b) {
    if (op == '+' && a.kind == Kind::String && b.kind == Kind::String) {
      strings_.push_back(std::string(a.str()) + std::string(b.str()));
      return Value::string(strings_.back());
    }
    if (!isNum(a) || !isNum(b)) return Value::null();
    if (a.kind == Kind::Int && b.kind == Kind::Int) {
      Wide x = a.i, y = b.i, r = 0;
      switch (op) {
        case '+':
          r = x + y;
          break;
        case '-':
          r = x - y;
          break;
        case '*':
          r = x * y;
          break;
        case '/':
          if (y == 0) return Value::null();
          if (x % y != 0) return real(double(a.i) / double(b.i));
          r = x / y;
          break;
        case '%':
          if (y == 0) return Value::null();
          return Value::integer(static_cast<int64_t>(x % y));
      }
      if (r >= INT64_MIN && r <= INT64_MAX) return Value::integer(static_cast<int64_t>(r));
      switch (op) {
        case '+':
          return real(double(a.i) + double(b.i));
        case '-':
          return real(double(a.i) - double(b.i));
        case '*':
          return real(double(a.i) * double(b.i));
        default:
          return real(-double(a.i));  // INT64_MIN / -1
      }
    }
    double x = num(a), y = num(b);
    switch (op) {
      case '+':
        return real(x + y);
      case '-':
        return real(x - y);
      case '*':
        return real(x * y);
      case '/':
        return y == 0 ? Value::null() : real(x / y);
      default:
        return y == 0 ? Value::null() : real(std::fmod(x, y));
    }
  }

  std::deque<std::string> strings_;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  Value randomValue(bool allowMissing) {
    static const char* const kStrings[] = {"", "a", "b", "ab", "B"};
    switch (pick(allowMissing ? 12 : 11)) {
      case 0:
      case 1:
      case 2:
        return Value::integer(pick(11) - 5);
      case 3: {
        const int64_t edge[] = {INT64_MAX, INT64_MIN, int64_t(1) << 62, -(int64_t(1) << 40)};
        return Value::integer(edge[pick(4)]);
      }
      case 4:
      case 5: {
        const double ds[] = {0.5, -2.25, 3.0, 1e300, -0.0, 0.1, 7.75};
        return Value::number(ds[pick(7)]);
      }
      case 6:
      case 7:
        return Value::string(kStrings[pick(5)]);
      case 8:
        return Value::boolean(pick(2) == 1);
      case 9:
      case 10:
        return Value::null();
      default:
        return Value::missing();
    }
  }

  Value randomLiteral() {
    Value v = randomValue(false);
    if (v.kind == Kind::Int && v.i < 0 && v.i != INT64_MIN) v.i = -v.i;
    if (v.kind == Kind::Int && v.i == INT64_MIN) v.i = INT64_MAX;
    if (v.kind == Kind::Double && std::signbit(v.d)) v.d = -v.d;
    if (v.kind == Kind::Null && pick(3) != 0) return Value::integer(pick(4));
    return v;
  }

  enum Want { Num, Bool, Str };

  // A random tree that is mostly well-typed for `want` (fields fit anywhere); one node in ten
  // ignores the wish so that ill-typed expressions are rejected at compile time.
  RNode expr(int depth, Want want) {
    if (pick(10) == 0) want = Want(pick(3));
    RNode n;
    if (depth <= 0 || pick(4) == 0) {
      if (pick(2) == 0) {
        n.kind = RNode::FieldRef;
        n.field = pick(4);
        return n;
      }
      n.lit = literalOf(want);
      return n;
    }
    static const char* const kArith[] = {"+", "-", "*", "/", "%"};
    static const char* const kCompare[] = {"==", "!=", "<", "<=", ">", ">="};
    if (want == Num) {
      if (pick(6) == 0) {
        n.kind = RNode::Neg;
        n.kids.push_back(expr(depth - 1, Num));
      } else {
        n.kind = RNode::Bin;
        n.op = kArith[pick(5)];
        n.kids.push_back(expr(depth - 1, Num));
        n.kids.push_back(expr(depth - 1, Num));
      }
    } else if (want == Str) {
      n.kind = RNode::Bin;
      n.op = "+";
      n.kids.push_back(expr(depth - 1, Str));
      n.kids.push_back(expr(depth - 1, Str));
    } else {
      int choice = pick(10);
      if (choice < 4) {
        n.kind = RNode::Bin;
        n.op = kCompare[pick(6)];
        Want operands = n.op[0] == '<' || n.op[0] == '>' ? Want(pick(2) * 2) : Want(pick(3));
        n.kids.push_back(expr(depth - 1, operands));
        n.kids.push_back(expr(depth - 1, operands));
      } else if (choice < 7) {
        n.kind = RNode::Bin;
        n.op = pick(2) ? "&&" : "||";
        n.word = pick(3) == 0;
        n.kids.push_back(expr(depth - 1, Bool));
        n.kids.push_back(expr(depth - 1, Bool));
      } else if (choice < 8) {
        n.kind = RNode::Not;
        n.kids.push_back(expr(depth - 1, Bool));
      } else {
        n.kind = RNode::In;
        n.negated = pick(2) == 0;
        Want items = Want(pick(3));
        n.kids.push_back(expr(depth - 1, items));
        int count = pick(4);
        for (int k = 0; k < count; ++k) {
          RNode item;
          item.lit = pick(6) == 0 ? Value::null() : literalOf(items);
          n.kids.push_back(item);
        }
      }
    }
    n.parens = pick(8) == 0;
    return n;
  }

  Value literalOf(Want want) {
    for (int attempt = 0; attempt < 50; ++attempt) {
      Value v = randomLiteral();
      bool fits = v.kind == Kind::Null ||
                  (want == Num && (v.kind == Kind::Int || v.kind == Kind::Double)) ||
                  (want == Str && v.kind == Kind::String) || (want == Bool && v.kind == Kind::Bool);
      if (fits) return v;
    }
    return Value::null();
  }

 private:
  std::mt19937_64 rng_;
};

inline bool sameResult(const Value& a, const Value& b) {
  bool an = a.kind == Kind::Null || a.kind == Kind::Missing;
  bool bn = b.kind == Kind::Null || b.kind == Kind::Missing;
  if (an || bn) return an && bn;
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Bool:
      return a.b == b.b;
    case Kind::Int:
      return a.i == b.i;
    case Kind::Double:
      return a.d == b.d && std::signbit(a.d) == std::signbit(b.d);
    default:
      return a.str() == b.str();
  }
}

}  // namespace sc::expr::testing
