#include "engine/expr/ExecNodes.h"

#include <cmath>
#include <cstring>
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
    return {out, false};
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
