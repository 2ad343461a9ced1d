#pragma once
// Node types of a compiled expression. Each evaluates into its own scratch column (or returns a
// batch column or a constant directly), looping over the rows with the operator inlined.

#include <memory>
#include <string>
#include <vector>

#include "engine/expr/Functions.h"
#include "engine/expr/Parser.h"
#include "engine/expr/Program.h"

namespace sc::expr {

class ConstNode final : public ExecNode {
 public:
  explicit ConstNode(Value v) : value_(v) {}
  Col eval(EvalContext&) const override { return {&value_, true}; }
  void assignTemps(uint32_t&) override {}
  const Value& value() const { return value_; }

 private:
  Value value_;
};

// Reads a batch column in place. The slot is set once the compile has succeeded.
class FieldNode final : public ExecNode {
 public:
  Col eval(EvalContext& ctx) const override;
  void assignTemps(uint32_t&) override {}
  uint32_t slot = 0;
};

enum class MetaField : uint8_t { Key, Topic, Partition, Offset, Timestamp, Header };

class MetaNode final : public ExecNode {
 public:
  MetaNode(MetaField field, std::string header) : field_(field), header_(std::move(header)) {}
  Col eval(EvalContext& ctx) const override;

 private:
  MetaField field_;
  std::string header_;
};

// Unary operators: Op::Neg, Op::Not; IsNull tests nullness (x == null, x != null).
enum class UnaryKind : uint8_t { Neg, Not, IsNull, IsNotNull };

std::unique_ptr<ExecNode> makeUnary(UnaryKind kind, std::unique_ptr<ExecNode> operand);
// Arithmetic, comparison and logical operators.
std::unique_ptr<ExecNode> makeBinary(Op op, std::unique_ptr<ExecNode> lhs,
                                     std::unique_ptr<ExecNode> rhs);
// `x in [items]` (`not in` when negated). Constant items are matched without evaluation;
// nullTests[k] marks items of static type null, which test x for null.
std::unique_ptr<ExecNode> makeIn(bool negated, std::unique_ptr<ExecNode> value,
                                 std::vector<std::unique_ptr<ExecNode>> items,
                                 const std::vector<bool>& nullTests);
std::unique_ptr<ExecNode> makeCall(const FunctionSpec& fn,
                                   std::vector<std::unique_ptr<ExecNode>> args,
                                   std::shared_ptr<const void> data);

// Equality of two non-null values as `==` sees it (numbers by value, strings by bytes).
bool equalValues(const Value& a, const Value& b);

}  // namespace sc::expr
