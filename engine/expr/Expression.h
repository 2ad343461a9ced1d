#pragma once
// The expression language used by filter, map, keys and timestamps. Compiled once when the
// pipeline is planned; evaluated a whole batch column at a time with no per-record allocation.
//
//   temperature > 30 && status == "ok"
//   lower(device.name) in ["a", "b"]     tags[0]     `odd name`     $headers.trace_id
//
// Semantics: a missing field is null; comparisons involving null are false (== null and
// != null test for it); arithmetic with null gives null; division by zero gives null.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/runtime/Value.h"

namespace sc {
class Batch;
class SlotTable;
class Arena;
}  // namespace sc

namespace sc::expr {

enum class Type { Any, Null, Bool, Number, String };
const char* typeName(Type t);

struct CompileError {
  int column = 0;  // 1-based column in the expression text (0: whole expression)
  std::string message;  // names what was expected, e.g. "expected ')' after arguments"
};

class Program;  // compiled form, defined in the implementation

// Per-thread scratch state for evaluation (result columns, string scratch). Reused batch after
// batch; owned by the node that evaluates.
class EvalScratch {
 public:
  EvalScratch();
  ~EvalScratch();
  EvalScratch(const EvalScratch&) = delete;
  EvalScratch& operator=(const EvalScratch&) = delete;
  Arena& arena();
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

class Expression {
 public:
  ~Expression();
  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;

  // Parses and type-checks `text`, interning every field it reads into `slots`.
  // Returns null and fills `error` on failure. `expected` other than Any makes a result of
  // another static type an error ("condition must be boolean, got number").
  static std::unique_ptr<Expression> compile(std::string_view text, SlotTable& slots,
                                             Type expected, CompileError* error);

  // Evaluates rows [0, batch.size()). The returned column holds batch.size() values and stays
  // valid until the next evaluate() with the same scratch or a change to the batch. String
  // results point into the batch, the scratch arena or the program's constants: copy them into
  // the batch (Batch::adopt) before keeping them.
  const Value* evaluate(const Batch& batch, EvalScratch& scratch) const;

  // Evaluates one row (windows, keys); same lifetime rules.
  Value evaluateRow(const Batch& batch, uint32_t row, EvalScratch& scratch) const;

  Type type() const;
  const std::string& text() const;
  // Slots read, in first-use order.
  const std::vector<uint32_t>& slotsRead() const;
  // True when the expression is a bare field reference (lets callers skip evaluation).
  bool isField(uint32_t* slot = nullptr) const;
  // True when the expression is a constant; its value then is constantValue().
  bool isConstant() const;
  Value constantValue() const;

 private:
  explicit Expression(std::unique_ptr<Program> p);
  std::unique_ptr<Program> program_;
};

// Names of the built-in functions (for docs, completion and "did you mean").
const std::vector<std::string>& functionNames();

}  // namespace sc::expr
