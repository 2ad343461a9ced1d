#include "engine/expr/Expression.h"

#include <chrono>

#include "engine/expr/Compiler.h"
#include "engine/expr/Functions.h"
#include "engine/expr/Program.h"

namespace sc::expr {

const char* typeName(Type t) {
  switch (t) {
    case Type::Any:
      return "any";
    case Type::Null:
      return "null";
    case Type::Bool:
      return "boolean";
    case Type::Number:
      return "number";
    case Type::String:
      return "string";
  }
  return "?";
}

EvalScratch::EvalScratch() : impl_(std::make_unique<Impl>()) {}
EvalScratch::~EvalScratch() = default;
Arena& EvalScratch::arena() {
  return impl_->arena;
}

Col Program::run(const Batch& batch, uint32_t begin, uint32_t n, EvalScratch::Impl& scratch) const {
  // One extra column receives a constant result spread over all rows.
  scratch.prepare(temps + 1, n);
  scratch.arena.reset();
  EvalContext ctx;
  ctx.batch = &batch;
  ctx.begin = begin;
  ctx.n = n;
  ctx.scratch = &scratch;
  if (usesNow) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    ctx.now = Value::integer(ms.count());
  }
  return root->eval(ctx);
}

Expression::Expression(std::unique_ptr<Program> p) : program_(std::move(p)) {}
Expression::~Expression() = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

std::unique_ptr<Expression> Expression::compile(std::string_view text, SlotTable& slots,
                                                Type expected, CompileError* error) {
  CompileError local;
  std::unique_ptr<Program> program = compileProgram(text, slots, expected, error ? *error : local);
  if (!program) return nullptr;
  return std::unique_ptr<Expression>(new Expression(std::move(program)));
}

const Value* Expression::evaluate(const Batch& batch, EvalScratch& scratch) const {
  EvalScratch::Impl& s = scratch.impl();
  const uint32_t n = batch.size();
  Col result = program_->run(batch, 0, n, s);
  if (!result.scalar) return result.v;
  Value* out = s.column(program_->temps);
  const Value v = result.v[0];
  for (uint32_t r = 0; r < n; ++r)
    out[r] = v;
  return out;
}

Value Expression::evaluateRow(const Batch& batch, uint32_t row, EvalScratch& scratch) const {
  if (row >= batch.size()) return Value::null();
  return program_->run(batch, row, 1, scratch.impl()).at(0);
}

Type Expression::type() const {
  return program_->type;
}
const std::string& Expression::text() const {
  return program_->text;
}
const std::vector<uint32_t>& Expression::slotsRead() const {
  return program_->slots;
}

bool Expression::isField(uint32_t* slot) const {
  if (program_->field && slot) *slot = program_->fieldSlot;
  return program_->field;
}

bool Expression::isConstant() const {
  return program_->constant;
}
Value Expression::constantValue() const {
  return program_->constantValue;
}

const std::vector<std::string>& functionNames() {
  static const std::vector<std::string> names = [] {
    size_t count = 0;
    const FunctionSpec* table = functionTable(&count);
    std::vector<std::string> out;
    for (size_t k = 0; k < count; ++k)
      out.emplace_back(table[k].name);
    return out;
  }();
  return names;
}

}  // namespace sc::expr
