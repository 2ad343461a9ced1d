// Randomized differential tests of the expression language: thousands of generated expressions
// evaluated over random batches and compared with a reference interpreter, and the typed
// per-batch fast paths compared with the generic loop.
#include <QtTest>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/ExpressionReference.h"
#include "engine/expr/Expression.h"
#include "engine/runtime/Batch.h"
#include "engine/runtime/SlotTable.h"

using namespace sc;
using namespace sc::expr;
using namespace sc::expr::testing;

class TestExpressionDifferential : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void differentialAgainstReference();
  void uniformBatchesMatchMixedBatches();
};

void TestExpressionDifferential::differentialAgainstReference() {
  Generator gen(20260126);
  constexpr int kExpressions = 4000;
  constexpr uint32_t kRows = 48;
  int compiled = 0;
  long nonNull = 0;
  for (int iteration = 0; iteration < kExpressions; ++iteration) {
    const int depth = 1 + gen.pick(4);
    const auto kind = Generator::Want(gen.pick(3));
    RNode tree = gen.expr(depth, kind);
    std::string text = print(tree);
    SlotTable table;
    for (int f = 0; f < 4; ++f)
      table.intern("f" + std::to_string(f));
    CompileError err;
    auto e = Expression::compile(text, table, Type::Any, &err);
    if (!e) {
      if (qEnvironmentVariableIsSet("SC_SHOW_REJECTED"))
        qDebug() << text.c_str() << err.message.c_str();
      continue;
    }
    ++compiled;
    Batch batch(kRows, table.size());
    std::vector<std::vector<Value>> rows(kRows);
    for (uint32_t r = 0; r < kRows; ++r) {
      batch.append();
      for (uint32_t f = 0; f < 4; ++f) {
        Value v = gen.randomValue(true);
        rows[r].push_back(v);
        batch.at(f, r) = v;
      }
    }
    EvalScratch scratch;
    const Value* col = e->evaluate(batch, scratch);
    Reference ref;
    for (uint32_t r = 0; r < kRows; ++r) {
      Value want = ref.eval(tree, rows[r]);
      nonNull += !want.isNullish();
      if (!sameResult(col[r], want)) {
        QStringList values;
        for (const Value& v : rows[r])
          values << render(v);
        QFAIL(qPrintable(QString("%1\n  fields %2\n  got %3, reference %4")
                             .arg(QString::fromStdString(text), values.join(", "), render(col[r]),
                                  render(want))));
      }
    }
  }
  // Random literals make some expressions ill-typed; most must compile for the test to count.
  qInfo("%d of %d random expressions compiled; %ld non-null results compared", compiled,
        kExpressions, nonNull);
  QVERIFY2(compiled > kExpressions * 2 / 3, qPrintable(QString::number(compiled)));
  QVERIFY(nonNull > compiled * int64_t(kRows) / 3);
}

// When every row of an operand has one kind, the evaluator runs typed per-batch loops (numbers
// against numbers, && and || on booleans); one row of another kind sends the batch through the
// generic loop. Both must give the same rows, bit for bit.
void TestExpressionDifferential::uniformBatchesMatchMixedBatches() {
  const std::vector<std::vector<Value>> columns = {
      {Value::integer(-3), Value::integer(0), Value::integer(2), Value::integer(7),
       Value::integer(INT64_MAX), Value::integer(INT64_MIN), Value::integer(5)},
      {Value::number(-2.5), Value::number(0.0), Value::number(-0.0), Value::number(2.0),
       Value::number(1e308), Value::number(0.1), Value::number(-1e308)},
      {Value::boolean(true), Value::boolean(false), Value::boolean(true)},
  };
  const char* const kOps[] = {
      "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||"};
  const char* const kForms[] = {"x %1 y", "x %1 2", "2 %1 x", "x %1 2.0", "-0.5 %1 y", "x %1 true"};
  constexpr uint32_t kRows = 21;
  int compared = 0;
  for (const char* op : kOps) {
    for (const char* form : kForms) {
      const std::string text = QString(form).arg(op).toStdString();
      SlotTable table;
      CompileError err;
      auto e = Expression::compile(text, table, Type::Any, &err);
      if (!e) continue;  // e.g. booleans in arithmetic
      const int32_t x = table.find("x"), y = table.find("y");
      for (const auto& xs : columns) {
        for (const auto& ys : columns) {
          auto fill = [&](Batch& b, uint32_t rows) {
            for (uint32_t r = 0; r < rows; ++r) {
              b.append();
              const bool odd = r == kRows;  // the mixed batch's extra row
              if (x >= 0) b.at(uint32_t(x), r) = odd ? Value::string("x") : xs[r % xs.size()];
              if (y >= 0) b.at(uint32_t(y), r) = odd ? Value::string("y") : ys[r * 3 % ys.size()];
            }
          };
          Batch uniform(kRows, table.size()), mixed(kRows + 1, table.size());
          fill(uniform, kRows);
          fill(mixed, kRows + 1);
          EvalScratch fastScratch, genericScratch;
          const Value* fast = e->evaluate(uniform, fastScratch);
          const Value* generic = e->evaluate(mixed, genericScratch);
          for (uint32_t r = 0; r < kRows; ++r) {
            ++compared;
            if (fast[r].kind != generic[r].kind || !sameResult(fast[r], generic[r]))
              QFAIL(qPrintable(QString("%1, row %2: uniform batch %3, mixed batch %4")
                                   .arg(QString::fromStdString(text))
                                   .arg(r)
                                   .arg(render(fast[r]), render(generic[r]))));
          }
        }
      }
    }
  }
  QVERIFY(compared > 3000);
}

QTEST_GUILESS_MAIN(TestExpressionDifferential)
#include "tst_expression_differential.moc"
