#include "engine/expr/ExecNodes.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <type_traits>
#include <unordered_set>

namespace sc::expr {
namespace {

const Value kMissing{};

// Short strings (field values against literals, mostly) compare faster inline than via memcmp.
inline bool sameBytes(const char* a, const char* b, uint32_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  for (uint32_t k = 0; k < n; ++k)
    if (a[k] != b[k]) return false;
  return true;
}

inline bool equalNonNull(const Value& a, const Value& b) {
  if (a.kind == Kind::Int && b.kind == Kind::Int) return a.i == b.i;
  if (a.isNumber() && b.isNumber()) return a.toDouble() == b.toDouble();
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Bool:
      return a.b == b.b;
    case Kind::String:
    case Kind::Json:
      return a.len == b.len && sameBytes(a.s, b.s, a.len);
    default:
      return false;
  }
}

Value finiteOrNull(double d) {
  return std::isfinite(d) ? Value::number(d) : Value::null();
}

// ---- operators on single values, inlined into the column loops below ----

struct AddOp {
  static Value apply(const Value& a, const Value& b, EvalContext& ctx) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) {
      int64_t r;
      if (!__builtin_add_overflow(a.i, b.i, &r)) return Value::integer(r);
      return finiteOrNull(static_cast<double>(a.i) + static_cast<double>(b.i));
    }
    if (a.isNumber() && b.isNumber()) return finiteOrNull(a.toDouble() + b.toDouble());
    if (a.kind == Kind::String && b.kind == Kind::String) {
      if (a.len == 0) return b;
      if (b.len == 0) return a;
      char* p = ctx.arena().allocate(size_t(a.len) + b.len);
      std::memcpy(p, a.s, a.len);
      std::memcpy(p + a.len, b.s, b.len);
      return Value::string({p, size_t(a.len) + b.len});
    }
    return Value::null();
  }
};

struct SubOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) {
      int64_t r;
      if (!__builtin_sub_overflow(a.i, b.i, &r)) return Value::integer(r);
      return finiteOrNull(static_cast<double>(a.i) - static_cast<double>(b.i));
    }
    if (a.isNumber() && b.isNumber()) return finiteOrNull(a.toDouble() - b.toDouble());
    return Value::null();
  }
};

struct MulOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) {
      int64_t r;
      if (!__builtin_mul_overflow(a.i, b.i, &r)) return Value::integer(r);
      return finiteOrNull(static_cast<double>(a.i) * static_cast<double>(b.i));
    }
    if (a.isNumber() && b.isNumber()) return finiteOrNull(a.toDouble() * b.toDouble());
    return Value::null();
  }
};

// True division: an exact integer quotient stays Int, anything else is a Double.
struct DivOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) {
      if (b.i == 0) return Value::null();
      if (b.i == -1 && a.i == INT64_MIN) return Value::number(-static_cast<double>(a.i));
      if (a.i % b.i == 0) return Value::integer(a.i / b.i);
      return finiteOrNull(static_cast<double>(a.i) / static_cast<double>(b.i));
    }
    if (a.isNumber() && b.isNumber()) {
      double d = b.toDouble();
      if (d == 0) return Value::null();
      return finiteOrNull(a.toDouble() / d);
    }
    return Value::null();
  }
};

// Remainder with the sign of the dividend (C semantics, fmod for decimals).
struct ModOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) {
      if (b.i == 0) return Value::null();
      if (b.i == -1) return Value::integer(0);
      return Value::integer(a.i % b.i);
    }
    if (a.isNumber() && b.isNumber()) {
      double d = b.toDouble();
      if (d == 0) return Value::null();
      return finiteOrNull(std::fmod(a.toDouble(), d));
    }
    return Value::null();
  }
};

// -1, 0, 1; or 2 when the values have no order (null, different kinds, booleans, JSON).
inline int order(const Value& a, const Value& b) {
  if (a.kind == Kind::Int && b.kind == Kind::Int) return (a.i > b.i) - (a.i < b.i);
  if (a.isNumber() && b.isNumber()) {
    double x = a.toDouble(), y = b.toDouble();
    int c = (x > y) - (x < y);       // branch-free: data-dependent branches mispredict
    if (c == 0 && x != y) return 2;  // NaN
    return c;
  }
  if (a.kind == Kind::String && b.kind == Kind::String) {
    uint32_t n = a.len < b.len ? a.len : b.len;
    int c = n ? std::memcmp(a.s, b.s, n) : 0;
    if (c != 0) return c < 0 ? -1 : 1;
    return (a.len > b.len) - (a.len < b.len);
  }
  return 2;
}

struct EqOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    if (a.isNullish() || b.isNullish()) return Value::boolean(false);
    return Value::boolean(equalNonNull(a, b));
  }
};
struct NeOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    if (a.isNullish() || b.isNullish()) return Value::boolean(false);
    return Value::boolean(!equalNonNull(a, b));
  }
};
struct LtOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    return Value::boolean(order(a, b) == -1);
  }
};
struct LeOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    int c = order(a, b);
    return Value::boolean(c == -1 || c == 0);
  }
};
struct GtOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    return Value::boolean(order(a, b) == 1);
  }
};
struct GeOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    int c = order(a, b);
    return Value::boolean(c == 1 || c == 0);
  }
};

// The truth of a boolean value; false for other kinds (whose bytes are not a valid bool).
inline bool truth(const Value& v) {
  return v.kind == Kind::Bool ? v.b : false;
}

// Three-valued logic: a non-boolean operand is unknown (null) unless the other decides.
// Computed without branches, as filter conditions are rarely predictable row to row.
struct AndOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    const bool aBool = a.kind == Kind::Bool, bBool = b.kind == Kind::Bool;
    const bool anyFalse = (aBool & !truth(a)) | (bBool & !truth(b));
    const bool known = anyFalse | (aBool & bBool);
    Value v;
    v.kind = known ? Kind::Bool : Kind::Null;
    v.b = !anyFalse & known;
    return v;
  }
};
struct OrOp {
  static Value apply(const Value& a, const Value& b, EvalContext&) {
    const bool aBool = a.kind == Kind::Bool, bBool = b.kind == Kind::Bool;
    const bool anyTrue = truth(a) | truth(b);
    const bool known = anyTrue | (aBool & bBool);
    Value v;
    v.kind = known ? Kind::Bool : Kind::Null;
    v.b = anyTrue;
    return v;
  }
};

struct NegOp {
  static Value apply(const Value& a) {
    if (a.kind == Kind::Int)
      return a.i == INT64_MIN ? Value::number(-static_cast<double>(a.i)) : Value::integer(-a.i);
    if (a.kind == Kind::Double) return Value::number(-a.d);
    return Value::null();
  }
};
struct NotOp {
  static Value apply(const Value& a) {
    return a.kind == Kind::Bool ? Value::boolean(!a.b) : Value::null();
  }
};
struct IsNullOp {
  static Value apply(const Value& a) { return Value::boolean(a.isNullish()); }
};
struct IsNotNullOp {
  static Value apply(const Value& a) { return Value::boolean(!a.isNullish()); }
};

// ---- per-batch fast paths ----
// The operators above look at the operand kinds on every row. Most batches are uniform (a field
// holds decimals on every row and is compared with a literal), so the binary node checks the
// kinds once per batch and, where they allow it, runs a loop of plain double or integer
// operations with the same results as the operators; other batches take the generic loop.

inline bool isNumberKind(Kind k) {
  return k == Kind::Int || k == Kind::Double;
}

// The kind of every row (Missing when rows differ: such batches take the generic loop anyway).
Kind uniformKind(const Col& c, uint32_t n) {
  if (c.uniform != Kind::Missing) return c.uniform;
  const Kind k = c.v[0].kind;
  if (c.scalar) return k;
  for (uint32_t r = 1; r < n; ++r)
    if (c.v[r].kind != k) return Kind::Missing;
  return k;
}

// finiteOrNull without a branch: arithmetic results rarely overflow, but the test is per row.
inline Value finiteOrNullNoBranch(double d) {
  const bool finite = std::isfinite(d);
  Value v;
  v.kind = finite ? Kind::Double : Kind::Null;
  v.d = finite ? d : 0.0;
  return v;
}

// What an operator does on two numbers once their kinds are known: kDecimal when at least one is
// a decimal (both are then compared or combined as doubles), kInteger when both are integers.
template <typename OpT>
struct NumericKernel {
  static constexpr bool kDecimal = false;
  static constexpr bool kInteger = false;
};
template <typename F>
struct ArithmeticKernel {
  static constexpr bool kDecimal = true;
  static constexpr bool kInteger = false;        // exact integer results and overflow: generic loop
  static constexpr Kind kResult = Kind::Double;  // or Null where not finite
  static Value apply(double x, double y) { return finiteOrNullNoBranch(F{}(x, y)); }
};
template <>
struct NumericKernel<AddOp> : ArithmeticKernel<std::plus<double>> {};
template <>
struct NumericKernel<SubOp> : ArithmeticKernel<std::minus<double>> {};
template <>
struct NumericKernel<MulOp> : ArithmeticKernel<std::multiplies<double>> {};
// x / 0 and fmod(x, 0) are not finite, so they give null exactly as the operators' zero tests.
template <>
struct NumericKernel<DivOp> : ArithmeticKernel<std::divides<double>> {};
template <>
struct NumericKernel<ModOp> {
  static constexpr bool kDecimal = true;
  static constexpr bool kInteger = false;
  static constexpr Kind kResult = Kind::Double;
  static Value apply(double x, double y) { return finiteOrNullNoBranch(std::fmod(x, y)); }
};
// Comparisons of numbers never see null here; NaN compares false except with !=, as in order().
template <typename F>
struct ComparisonKernel {
  static constexpr bool kDecimal = true;
  static constexpr bool kInteger = true;
  static constexpr Kind kResult = Kind::Bool;
  template <typename T>
  static Value apply(T x, T y) {
    return Value::boolean(F{}(x, y));
  }
};
template <>
struct NumericKernel<EqOp> : ComparisonKernel<std::equal_to<>> {};
template <>
struct NumericKernel<NeOp> : ComparisonKernel<std::not_equal_to<>> {};
template <>
struct NumericKernel<LtOp> : ComparisonKernel<std::less<>> {};
template <>
struct NumericKernel<LeOp> : ComparisonKernel<std::less_equal<>> {};
template <>
struct NumericKernel<GtOp> : ComparisonKernel<std::greater<>> {};
template <>
struct NumericKernel<GeOp> : ComparisonKernel<std::greater_equal<>> {};

// Operand readers for the numeric loops; the scalar one is a register, not a load per row.
template <typename T>
struct ScalarOperand {
  T value;
  T operator()(uint32_t) const { return value; }
};
struct DecimalColumn {
  const Value* v;
  double operator()(uint32_t r) const { return v[r].d; }
};
struct IntegerColumnAsDecimal {
  const Value* v;
  double operator()(uint32_t r) const { return static_cast<double>(v[r].i); }
};
struct IntegerColumn {
  const Value* v;
  int64_t operator()(uint32_t r) const { return v[r].i; }
};

// Returns the kind of every result row: Bool for comparisons, Double for arithmetic unless a
// result was not finite (then Missing: mixed).
template <typename Kernel, typename ReadA, typename ReadB>
Kind numericLoop(ReadA a, ReadB b, Value* out, uint32_t n) {
  bool uniform = true;
  for (uint32_t r = 0; r < n; ++r) {
    const Value v = Kernel::apply(a(r), b(r));
    uniform &= v.kind == Kernel::kResult;
    out[r] = v;
  }
  return uniform ? Kernel::kResult : Kind::Missing;
}

// Calls `then` with a reader of `c` (uniformly of number kind `k`) as doubles.
template <typename Then>
void readAsDecimal(const Col& c, Kind k, Then then) {
  if (c.scalar)
    then(ScalarOperand<double>{c.v[0].toDouble()});
  else if (k == Kind::Double)
    then(DecimalColumn{c.v});
  else
    then(IntegerColumnAsDecimal{c.v});
}

// Runs OpT on two numeric operands (not both scalar) if the kinds allow; false: nothing done.
template <typename OpT>
bool numericFastPath(const Col& a, const Col& b, Value* out, uint32_t n, Kind& resultKind) {
  using Kernel = NumericKernel<OpT>;
  if constexpr (!Kernel::kDecimal) {
    return false;
  } else {
    if (n == 0 || !isNumberKind(a.v[0].kind) || !isNumberKind(b.v[0].kind)) return false;
    const Kind ka = uniformKind(a, n);
    const Kind kb = ka == Kind::Missing ? Kind::Missing : uniformKind(b, n);
    if (!isNumberKind(ka) || !isNumberKind(kb)) return false;
    if (ka == Kind::Int && kb == Kind::Int) {
      if constexpr (!Kernel::kInteger) {
        return false;
      } else {
        auto read = [](const Col& c, auto then) {
          if (c.scalar)
            then(ScalarOperand<int64_t>{c.v[0].i});
          else
            then(IntegerColumn{c.v});
        };
        read(a, [&](auto ra) {
          read(b, [&](auto rb) { resultKind = numericLoop<Kernel>(ra, rb, out, n); });
        });
        return true;
      }
    }
    readAsDecimal(a, ka, [&](auto ra) {
      readAsDecimal(b, kb, [&](auto rb) { resultKind = numericLoop<Kernel>(ra, rb, out, n); });
    });
    return true;
  }
}

// `field == "text"` / `field != "text"`: a length test decides most rows, whatever their kind.
// Matches compares bytes; kLength > 0 fixes the length so that short texts compare as one load.
template <bool kNegated, uint32_t kLength, typename Matches>
void compareWithString(const Value* col, uint32_t length, Matches matches, Value* out, uint32_t n) {
  if (kLength > 0) length = kLength;
  for (uint32_t r = 0; r < n; ++r) {
    const Value& v = col[r];
    const bool equal = v.kind == Kind::String && v.len == length && matches(v.s);
    out[r] = Value::boolean(kNegated ? !v.isNullish() && !equal : equal);
  }
}

template <bool kNegated, uint32_t kLength>
void compareWithShortString(const Value* col, const Value& text, Value* out, uint32_t n) {
  uint64_t packed = 0;
  std::memcpy(&packed, text.s, kLength);
  compareWithString<kNegated, kLength>(
      col, kLength,
      [packed](const char* s) {
        uint64_t bytes = 0;
        std::memcpy(&bytes, s, kLength);
        return bytes == packed;
      },
      out, n);
}

template <bool kNegated>
void compareWithString(const Value* col, const Value& text, Value* out, uint32_t n) {
  switch (text.len) {
    case 1:
      return compareWithShortString<kNegated, 1>(col, text, out, n);
    case 2:
      return compareWithShortString<kNegated, 2>(col, text, out, n);
    case 3:
      return compareWithShortString<kNegated, 3>(col, text, out, n);
    case 4:
      return compareWithShortString<kNegated, 4>(col, text, out, n);
    case 5:
      return compareWithShortString<kNegated, 5>(col, text, out, n);
    case 6:
      return compareWithShortString<kNegated, 6>(col, text, out, n);
    case 7:
      return compareWithShortString<kNegated, 7>(col, text, out, n);
    case 8:
      return compareWithShortString<kNegated, 8>(col, text, out, n);
    default:
      return compareWithString<kNegated, 0>(
          col, text.len, [&text](const char* s) { return sameBytes(s, text.s, text.len); }, out, n);
  }
}

template <typename OpT>
bool stringFastPath(const Col& a, const Col& b, Value* out, uint32_t n) {
  if constexpr (std::is_same_v<OpT, EqOp> || std::is_same_v<OpT, NeOp>) {
    const Col& column = a.scalar ? b : a;
    const Col& text = a.scalar ? a : b;
    if (!text.scalar || column.scalar || text.v[0].kind != Kind::String) return false;
    compareWithString<std::is_same_v<OpT, NeOp>>(column.v, text.v[0], out, n);
    return true;
  } else {
    return false;
  }
}

// && and || over operands that are boolean on every row (comparisons always are).
template <typename OpT>
bool logicalFastPath(const Col& a, const Col& b, Value* out, uint32_t n) {
  if constexpr (std::is_same_v<OpT, AndOp> || std::is_same_v<OpT, OrOp>) {
    if (n == 0 || uniformKind(a, n) != Kind::Bool || uniformKind(b, n) != Kind::Bool) return false;
    const size_t stepA = a.scalar ? 0 : 1, stepB = b.scalar ? 0 : 1;
    for (uint32_t r = 0; r < n; ++r) {
      const bool x = a.v[r * stepA].b, y = b.v[r * stepB].b;
      out[r] = Value::boolean(std::is_same_v<OpT, AndOp> ? x & y : x | y);
    }
    return true;
  } else {
    return false;
  }
}

template <typename OpT>
class BinaryNode final : public ExecNode {
 public:
  BinaryNode(std::unique_ptr<ExecNode> lhs, std::unique_ptr<ExecNode> rhs)
      : lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}

  Col eval(EvalContext& ctx) const override {
    Col a = lhs_->eval(ctx);
    Col b = rhs_->eval(ctx);
    Value* out = ctx.temp(temp_);
    const uint32_t n = ctx.n;
    if (a.scalar && b.scalar) {
      out[0] = OpT::apply(a.v[0], b.v[0], ctx);
      return {out, true};
    }
    // Comparisons give a boolean on every row, whichever loop computes them.
    constexpr bool kComparison = std::is_same_v<OpT, EqOp> || std::is_same_v<OpT, NeOp> ||
                                 std::is_same_v<OpT, LtOp> || std::is_same_v<OpT, LeOp> ||
                                 std::is_same_v<OpT, GtOp> || std::is_same_v<OpT, GeOp>;
    constexpr Kind kResult = kComparison ? Kind::Bool : Kind::Missing;
    Kind fastKind = kResult;
    if (numericFastPath<OpT>(a, b, out, n, fastKind)) return {out, false, fastKind};
    if (stringFastPath<OpT>(a, b, out, n)) return {out, false, Kind::Bool};
    if (logicalFastPath<OpT>(a, b, out, n)) return {out, false, Kind::Bool};
    if (b.scalar) {
      const Value y = b.v[0];
      for (uint32_t r = 0; r < n; ++r)
        out[r] = OpT::apply(a.v[r], y, ctx);
    } else if (a.scalar) {
      const Value x = a.v[0];
      for (uint32_t r = 0; r < n; ++r)
        out[r] = OpT::apply(x, b.v[r], ctx);
    } else {
      for (uint32_t r = 0; r < n; ++r)
        out[r] = OpT::apply(a.v[r], b.v[r], ctx);
    }
    return {out, false, kResult};
  }

  void assignTemps(uint32_t& next) override {
    temp_ = next++;
    lhs_->assignTemps(next);
    rhs_->assignTemps(next);
  }

 private:
  std::unique_ptr<ExecNode> lhs_, rhs_;
};

template <typename OpT>
class UnaryNode final : public ExecNode {
 public:
  explicit UnaryNode(std::unique_ptr<ExecNode> operand) : operand_(std::move(operand)) {}

  Col eval(EvalContext& ctx) const override {
    Col a = operand_->eval(ctx);
    Value* out = ctx.temp(temp_);
    if (a.scalar) {
      out[0] = OpT::apply(a.v[0]);
      return {out, true};
    }
    for (uint32_t r = 0; r < ctx.n; ++r)
      out[r] = OpT::apply(a.v[r]);
    return {out, false};
  }

  void assignTemps(uint32_t& next) override {
    temp_ = next++;
    operand_->assignTemps(next);
  }

 private:
  std::unique_ptr<ExecNode> operand_;
};

// `x in [...]` is `x == a || x == b ...`; `x not in [...]` is `x != a && x != b ...`. Items of
// static type null stand for the `== null` / `!= null` tests.
class InNode final : public ExecNode {
 public:
  InNode(bool negated, std::unique_ptr<ExecNode> value,
         std::vector<std::unique_ptr<ExecNode>> items, const std::vector<bool>& nullTests)
      : negated_(negated), value_(std::move(value)) {
    for (size_t k = 0; k < items.size(); ++k) {
      auto* c = dynamic_cast<ConstNode*>(items[k].get());
      if (nullTests[k]) {
        hasNullTest_ = true;
        unused_.push_back(std::move(items[k]));
      } else if (c && c->value().isNullish()) {
        hasNullValue_ = true;  // compares false with everything
      } else if (c) {
        constants_.push_back(c->value());
      } else {
        dynamic_.push_back(std::move(items[k]));
      }
    }
    if (constants_.size() > kLinearSearchLimit) set_.insert(constants_.begin(), constants_.end());
  }

  Col eval(EvalContext& ctx) const override {
    Col x = value_->eval(ctx);
    Value* out = ctx.temp(temp_);
    const bool scalar = x.scalar && dynamic_.empty();
    const uint32_t n = scalar ? 1 : ctx.n;
    for (uint32_t r = 0; r < n; ++r)
      out[r] = Value::boolean(matchConstants(x.at(r)));
    for (const auto& item : dynamic_) {
      Col c = item->eval(ctx);
      for (uint32_t r = 0; r < n; ++r) {
        const Value& v = x.at(r);
        const Value& w = c.at(r);
        bool comparable = !v.isNullish() && !w.isNullish();
        bool equal = comparable && equalNonNull(v, w);
        out[r].b = negated_ ? (out[r].b && comparable && !equal) : (out[r].b || equal);
      }
    }
    return {out, scalar};
  }

  void assignTemps(uint32_t& next) override {
    temp_ = next++;
    value_->assignTemps(next);
    for (auto& item : dynamic_)
      item->assignTemps(next);
  }

 private:
  bool inConstants(const Value& v) const {
    if (!set_.empty()) return set_.count(v) != 0;
    for (const Value& c : constants_)
      if (equalNonNull(v, c)) return true;
    return false;
  }

  bool matchConstants(const Value& v) const {
    bool isNull = v.isNullish();
    if (negated_) {
      if (hasNullValue_) return false;
      if (isNull) return constants_.empty() && !hasNullTest_;
      return !inConstants(v);
    }
    if (isNull) return hasNullTest_;
    return inConstants(v);
  }

  struct Hash {
    size_t operator()(const Value& v) const { return valueHash(v); }
  };
  struct Equal {
    bool operator()(const Value& a, const Value& b) const { return equalNonNull(a, b); }
  };
  // Longer constant lists are looked up in a hash set (consistent with `==` on numbers).
  static constexpr size_t kLinearSearchLimit = 8;

  bool negated_;
  bool hasNullTest_ = false;
  bool hasNullValue_ = false;
  std::unique_ptr<ExecNode> value_;
  std::vector<std::unique_ptr<ExecNode>> unused_;  // null tests; may hold field nodes
  std::vector<Value> constants_;
  std::unordered_set<Value, Hash, Equal> set_;
  std::vector<std::unique_ptr<ExecNode>> dynamic_;
};

class CallNode final : public ExecNode {
 public:
  CallNode(const FunctionSpec& fn, std::vector<std::unique_ptr<ExecNode>> args,
           std::shared_ptr<const void> data)
      : fn_(fn), args_(std::move(args)), data_(std::move(data)) {}

  Col eval(EvalContext& ctx) const override {
    Col cols[kMaxArgs];
    bool allScalar = true;
    const auto nargs = static_cast<uint32_t>(args_.size());
    for (uint32_t k = 0; k < nargs; ++k) {
      cols[k] = args_[k]->eval(ctx);
      allScalar = allScalar && cols[k].scalar;
    }
    Value* out = ctx.temp(temp_);
    fn_.kernel(cols, nargs, out, allScalar ? 1 : ctx.n, ctx, data_.get());
    return {out, allScalar};
  }

  void assignTemps(uint32_t& next) override {
    temp_ = next++;
    for (auto& a : args_)
      a->assignTemps(next);
  }

 private:
  const FunctionSpec& fn_;
  std::vector<std::unique_ptr<ExecNode>> args_;
  std::shared_ptr<const void> data_;
};

}  // namespace

bool equalValues(const Value& a, const Value& b) {
  return equalNonNull(a, b);
}

Col FieldNode::eval(EvalContext& ctx) const {
  if (slot >= ctx.batch->slotCount()) return {&kMissing, true};
  return {ctx.batch->column(slot) + ctx.begin, false};
}

Col MetaNode::eval(EvalContext& ctx) const {
  Value* out = ctx.temp(temp_);
  const Batch& batch = *ctx.batch;
  for (uint32_t r = 0; r < ctx.n; ++r) {
    const RecordMeta& m = batch.meta(ctx.begin + r);
    switch (field_) {
      case MetaField::Key:
        out[r] = m.hasKey ? Value::string(m.key) : Value::null();
        break;
      case MetaField::Topic:
        out[r] = Value::string(m.topic);
        break;
      case MetaField::Partition:
        out[r] = Value::integer(m.partition);
        break;
      case MetaField::Offset:
        out[r] = Value::integer(m.offset);
        break;
      case MetaField::Timestamp:
        out[r] = Value::integer(m.timestamp);
        break;
      case MetaField::Header: {
        out[r] = Value::missing();
        for (uint32_t h = 0; h < m.headerCount; ++h) {
          if (m.headers[h].name == header_) {
            out[r] = Value::string(m.headers[h].value);
            break;
          }
        }
        break;
      }
    }
  }
  return {out, false};
}

std::unique_ptr<ExecNode> makeUnary(UnaryKind kind, std::unique_ptr<ExecNode> operand) {
  switch (kind) {
    case UnaryKind::Neg:
      return std::make_unique<UnaryNode<NegOp>>(std::move(operand));
    case UnaryKind::Not:
      return std::make_unique<UnaryNode<NotOp>>(std::move(operand));
    case UnaryKind::IsNull:
      return std::make_unique<UnaryNode<IsNullOp>>(std::move(operand));
    case UnaryKind::IsNotNull:
      return std::make_unique<UnaryNode<IsNotNullOp>>(std::move(operand));
  }
  return nullptr;
}

std::unique_ptr<ExecNode> makeBinary(Op op, std::unique_ptr<ExecNode> lhs,
                                     std::unique_ptr<ExecNode> rhs) {
  auto make = [&]<typename OpT>(OpT) -> std::unique_ptr<ExecNode> {
    return std::make_unique<BinaryNode<OpT>>(std::move(lhs), std::move(rhs));
  };
  switch (op) {
    case Op::Add:
      return make(AddOp{});
    case Op::Sub:
      return make(SubOp{});
    case Op::Mul:
      return make(MulOp{});
    case Op::Div:
      return make(DivOp{});
    case Op::Mod:
      return make(ModOp{});
    case Op::Eq:
      return make(EqOp{});
    case Op::Ne:
      return make(NeOp{});
    case Op::Lt:
      return make(LtOp{});
    case Op::Le:
      return make(LeOp{});
    case Op::Gt:
      return make(GtOp{});
    case Op::Ge:
      return make(GeOp{});
    case Op::And:
      return make(AndOp{});
    case Op::Or:
      return make(OrOp{});
    case Op::Neg:
    case Op::Not:
      break;
  }
  return nullptr;
}

std::unique_ptr<ExecNode> makeIn(bool negated, std::unique_ptr<ExecNode> value,
                                 std::vector<std::unique_ptr<ExecNode>> items,
                                 const std::vector<bool>& nullTests) {
  return std::make_unique<InNode>(negated, std::move(value), std::move(items), nullTests);
}

std::unique_ptr<ExecNode> makeCall(const FunctionSpec& fn,
                                   std::vector<std::unique_ptr<ExecNode>> args,
                                   std::shared_ptr<const void> data) {
  return std::make_unique<CallNode>(fn, std::move(args), std::move(data));
}

}  // namespace sc::expr
