#pragma once
// The compiled form of an expression: a tree of nodes, each evaluating a whole column of rows
// per call (one virtual call per node and batch, never per record).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/runtime/Arena.h"
#include "engine/runtime/Batch.h"

namespace sc::expr {

// A node's result: a column of rows, or one value standing for every row.
struct Col {
  const Value* v = nullptr;
  bool scalar = false;
  // The kind of every row when the producer knows it (comparisons: Bool), else Missing; lets the
  // consumer pick a per-batch fast path without scanning the column.
  Kind uniform = Kind::Missing;
  const Value& at(uint32_t row) const { return v[scalar ? 0 : row]; }
};

struct EvalScratch::Impl {
  std::vector<Value> buffer;  // `columns` result columns of `rows` values each
  uint32_t rows = 0;
  uint32_t columns = 0;
  Arena arena;

  // Makes room for `columnCount` columns of at least `rowCount` rows; grows, never shrinks.
  void prepare(uint32_t columnCount, uint32_t rowCount) {
    if (rowCount < 1) rowCount = 1;
    if (columnCount < 1) columnCount = 1;
    if (columnCount <= columns && rowCount <= rows) return;
    if (rowCount > rows) rows = rowCount;
    if (columnCount > columns) columns = columnCount;
    buffer.assign(size_t(rows) * columns, Value{});
  }
  Value* column(uint32_t index) { return buffer.data() + size_t(index) * rows; }
};

struct EvalContext {
  const Batch* batch = nullptr;
  uint32_t begin = 0;  // first row of the batch being evaluated
  uint32_t n = 0;      // number of rows
  EvalScratch::Impl* scratch = nullptr;
  Value now;  // now(), read once per evaluation

  Value* temp(uint32_t index) const { return scratch->column(index); }
  Arena& arena() const { return scratch->arena; }
};

class ExecNode {
 public:
  virtual ~ExecNode() = default;
  virtual Col eval(EvalContext& ctx) const = 0;
  // Gives this node and its children distinct result columns numbered from `next` on.
  virtual void assignTemps(uint32_t& next) { temp_ = next++; }

 protected:
  uint32_t temp_ = 0;
};

class Program {
 public:
  std::unique_ptr<ExecNode> root;
  Type type = Type::Any;
  std::string text;
  std::vector<uint32_t> slots;  // slots read, first-use order
  uint32_t temps = 0;           // result columns the tree needs
  bool usesNow = false;
  bool field = false;
  uint32_t fieldSlot = 0;
  bool constant = false;
  Value constantValue;
  Arena constants{1024};  // strings of literals and folded constants

  Col run(const Batch& batch, uint32_t begin, uint32_t n, EvalScratch::Impl& scratch) const;
};

}  // namespace sc::expr
