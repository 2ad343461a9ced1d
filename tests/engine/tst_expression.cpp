// Tests of the expression language: results over hand-built batches, null semantics, metadata,
// every built-in function, compile errors (exact columns and messages) and allocation-free
// evaluation. The randomized differential tests are in tst_expression_differential.cpp.

#include <QtTest>

#include <atomic>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <new>
#include <random>

#include "engine/ExpressionReference.h"
#include "engine/expr/Expression.h"
#include "engine/runtime/Batch.h"
#include "engine/runtime/SlotTable.h"

using namespace sc;
using namespace sc::expr;
using sc::expr::testing::render;

// Counts heap allocations so tests can assert that steady-state evaluation makes none.
namespace {
std::atomic<long> g_allocations{0};
}
void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

using Field = std::pair<const char*, Value>;
using Row = std::vector<Field>;

QString errorText(const CompileError& e) {
  return QString("%1: %2").arg(e.column).arg(QString::fromStdString(e.message));
}

// Compiles `text`, evaluates it over `rows` (fields by canonical path) with evaluate() and
// evaluateRow(), and renders the results; "error COL: MESSAGE" when it does not compile.
QString evalRows(const char* text, const std::vector<Row>& rows,
                 const std::vector<RecordMeta>& metas = {}) {
  SlotTable table;
  CompileError err;
  auto e = Expression::compile(text, table, Type::Any, &err);
  if (!e) return "error " + errorText(err);
  for (const auto& row : rows)
    for (const auto& [name, value] : row)
      table.intern(std::string_view(name));
  Batch batch(std::max<uint32_t>(1, static_cast<uint32_t>(rows.size())), table.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    uint32_t row = batch.append();
    for (const auto& [name, value] : rows[r])
      batch.at(static_cast<uint32_t>(table.find(name)), row) = value;
    if (r < metas.size()) batch.meta(row) = metas[r];
  }
  EvalScratch scratch;
  const Value* col = e->evaluate(batch, scratch);
  QStringList all;
  for (uint32_t r = 0; r < batch.size(); ++r)
    all << render(col[r]);
  QStringList single;
  EvalScratch rowScratch;
  for (uint32_t r = 0; r < batch.size(); ++r)
    single << render(e->evaluateRow(batch, r, rowScratch));
  if (all != single) return "MISMATCH batch=" + all.join(", ") + " rows=" + single.join(", ");
  return all.join(", ");
}

// A record with one field of every kind; `m` is absent.
const Row& standardRow() {
  static const Row row = {
      {"i", Value::integer(7)},
      {"j", Value::integer(2)},
      {"z", Value::integer(0)},
      {"d", Value::number(2.5)},
      {"s", Value::string("abc")},
      {"t", Value::string("abd")},
      {"e", Value::string("")},
      {"u", Value::string("Hello World")},
      {"ws", Value::string("  pad \t")},
      {"num", Value::string("42")},
      {"dec", Value::string(" 2.5 ")},
      {"bad", Value::string("4x2")},
      {"b", Value::boolean(true)},
      {"f", Value::boolean(false)},
      {"n", Value::null()},
      {"big", Value::integer(INT64_MAX)},
      {"small", Value::integer(INT64_MIN)},
      {"obj", Value::json(R"({"a": 1, "b": [1, 2]})")},
      {"arr", Value::json(R"([1, [2, 3], {"x": "y,z"}, "]"])")},
      {"device.location.lat", Value::number(52.5)},
      {"tags[0]", Value::string("red")},
      {"`odd name`", Value::integer(1)},
      {"`a``b`", Value::integer(2)},
      {"a.in", Value::integer(3)},
  };
  return row;
}

QString eval1(const char* text) {
  return evalRows(text, {standardRow()});
}

QString compileError(const char* text, Type expected = Type::Any) {
  SlotTable table;
  CompileError err;
  auto e = Expression::compile(text, table, expected, &err);
  if (e) return "compiled";
  return errorText(err);
}

}  // namespace

class TestExpression : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void literals_data();
  void literals() { check(); }
  void fields_data();
  void fields() { check(); }
  void arithmetic_data();
  void arithmetic() { check(); }
  void comparisons_data();
  void comparisons() { check(); }
  void logic_data();
  void logic() { check(); }
  void membership_data();
  void membership() { check(); }
  void functions_data();
  void functions() { check(); }
  void compileErrors_data();
  void compileErrors();
  void staticTypes_data();
  void staticTypes();
  void metadata();
  void introspection();
  void failedCompileInternsNothing();
  void nowIsReadOncePerEvaluation();
  void batchesOfManySizes();
  void missingSlotReadsAsMissing();
  void regexOnLongInput();
  void regexPatternLimits();
  void longConstantLists();
  void nonFiniteInputs();
  void deepExpressions();
  void steadyStateDoesNotAllocate();

 private:
  void check() {
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    QCOMPARE(eval1(expression.toUtf8().constData()), expected);
  }
  static void addColumns() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
  }
  static void row(const char* expression, const char* expected) {
    QTest::newRow(expression) << QString::fromUtf8(expression) << QString::fromUtf8(expected);
  }
};

void TestExpression::literals_data() {
  addColumns();
  row("42", "42");
  row("2.5", "2.5");
  row("1e3", "1000.0");
  row("1.5E-3", "0.0015");
  row("9223372036854775807", "9223372036854775807");
  row("9223372036854775808", "9223372036854775808.0");
  row(R"("a\"b\\c\nd\te\u00e9\/")", "\"a\"b\\c\nd\te\xC3\xA9/\"");
  row(R"("\uD83D\uDE00")", "\"\xF0\x9F\x98\x80\"");
  row(R"('it\'s "quoted"')", "\"it's \"quoted\"\"");
  row("true", "true");
  row("false", "false");
  row("null", "null");
  row("  7  ", "7");
}

void TestExpression::fields_data() {
  addColumns();
  row("i", "7");
  row("device.location.lat", "52.5");
  row("device . location . lat", "52.5");
  row("tags[0]", "\"red\"");
  row("`odd name`", "1");
  row("`a``b`", "2");
  row("a.in", "3");
  row("obj", R"(json:{"a": 1, "b": [1, 2]})");
  row("n", "null");
  row("m", "missing");
  row("m + 1", "null");
  row("device.location.lon", "missing");
}

void TestExpression::arithmetic_data() {
  addColumns();
  row("i + j", "9");
  row("i - j", "5");
  row("i * j", "14");
  row("i / j", "3.5");
  row("8 / j", "4");
  row("-7 / 2", "-3.5");
  row("i % j", "1");
  row("-i % j", "-1");
  row("5.5 % 2", "1.5");
  row("i / z", "null");
  row("i % z", "null");
  row("d / 0.0", "null");
  row("d * 2", "5.0");
  row("i + d", "9.5");
  row("d - 0.5", "2.0");
  row("big + 1", "9223372036854775808.0");
  row("small - 1", "-9223372036854775808.0");
  row("big * 2", "18446744073709551616.0");
  row("-small", "9223372036854775808.0");
  row("small / -1", "9223372036854775808.0");
  row("small % -1", "0");
  row("1e308 * 10", "null");
  row("n + 1", "null");
  row("m * 2", "null");
  row("s + t", "\"abcabd\"");
  row("s + e", "\"abc\"");
  row("s + i", "null");
  row("b + 1", "null");
  row("-d", "-2.5");
  row("- -3", "3");
  row("2 + 3 * 4", "14");
  row("(2 + 3) * 4", "20");
  row("10 - 4 - 3", "3");
  row("2 * 3 % 4", "2");
  row("-2 * -3", "6");
}

void TestExpression::comparisons_data() {
  addColumns();
  row("i > j", "true");
  row("i > d", "true");
  row("d >= 2.5", "true");
  row("d <= 2.4", "false");
  row("j == 2.0", "true");
  row("big == 9223372036854775807", "true");
  row("big > 9223372036854775806", "true");
  row("s < t", "true");
  row(R"(s < "ab")", "false");
  row(R"("" < s)", "true");
  row(R"(u >= "Hello")", "true");
  row(R"(s == "abc")", "true");
  row("s != t", "true");
  row("n == null", "true");
  row("m == null", "true");
  row("null == n", "true");
  row("n != null", "false");
  row("i != null", "true");
  row("null == null", "true");
  row("n == n", "false");
  row("n != i", "false");
  row("n < 1", "false");
  row("n >= 1", "false");
  row("m != 1", "false");
  row("i == s", "false");
  row("i != s", "true");
  row("s > i", "false");
  row("b == true", "true");
  row("b != f", "true");
  row("obj == obj", "true");
  row("obj < obj", "false");
  row("i <> j", "true");
}

void TestExpression::logic_data() {
  addColumns();
  row("b && f", "false");
  row("b || f", "true");
  row("!b", "false");
  row("not b", "false");
  row("b and not f", "true");
  row("f or b", "true");
  row(R"(i > 1 && s == "abc")", "true");
  row("n && b", "null");
  row("n && f", "false");
  row("f && n", "false");
  row("n || b", "true");
  row("n || f", "null");
  row("!n", "null");
  row("i && b", "null");
  row("not i == 7", "false");
  row("!(i == 7)", "false");
  row("not i == 8 and b", "true");
  row(R"(b && (i > 100 || s == "abc"))", "true");
  row("f && b || b", "true");
  row("b || f && f", "true");
  row("!f && !f", "true");
}

void TestExpression::membership_data() {
  addColumns();
  row("i in [1, 7, 9]", "true");
  row("i in [1.0, 7.0]", "true");
  row(R"(s in ["x", "abc"])", "true");
  row(R"(s not in ["x", "abc"])", "false");
  row(R"(s not in ["x"])", "true");
  row("n in [1, null]", "true");
  row("m in [1, null]", "true");
  row("n in [1, 2]", "false");
  row("n not in [1]", "false");
  row("n not in []", "true");
  row("i in []", "false");
  row("i not in [null]", "true");
  row("n not in [null]", "false");
  row("i in [j, 7]", "true");
  row("i in [j + 5]", "true");
  row("i not in [j, m]", "false");
  row("i not in [j, 8]", "true");
  row("i in [1 / 0, 7]", "true");
  row("i not in [1 / 0, 3]", "false");
  row(R"(lower(u) in ["hello world"])", "true");
  row("b in [true]", "true");
  row("i + 1 in [8] && b", "true");
}

void TestExpression::functions_data() {
  addColumns();
  row("lower(u)", "\"hello world\"");
  row("upper(u)", "\"HELLO WORLD\"");
  row("lower(s)", "\"abc\"");
  row("upper(\"h\xC3\xA9llo\")", "\"H\xC3\xA9LLO\"");
  row("lower(n)", "null");
  row("lower(i)", "null");
  row("trim(ws)", "\"pad\"");
  row("len(s)", "3");
  row("len(\"h\xC3\xA9llo\")", "5");
  row("len(e)", "0");
  row("len(arr)", "4");
  row("len(obj)", "2");
  row("len(m)", "null");
  row("len(i)", "null");
  row(R"(contains(u, "lo W"))", "true");
  row(R"(contains(u, "x"))", "false");
  row(R"(contains(n, "x"))", "false");
  row(R"(starts_with(u, "Hell"))", "true");
  row(R"(starts_with(u, "ell"))", "false");
  row(R"(ends_with(u, "World"))", "true");
  row(R"(ends_with(u, "Hell"))", "false");
  row(R"(regex_match(u, "^H.*d$"))", "true");
  row(R"(regex_match(u, "o W"))", "true");
  row(R"(regex_match(u, "[0-9]"))", "false");
  row(R"(regex_match(n, "x"))", "false");
  row("abs(-3)", "3");
  row("abs(-2.5)", "2.5");
  row("abs(small)", "9223372036854775808.0");
  row("abs(n)", "null");
  row("round(2.5)", "3");
  row("round(-2.5)", "-3");
  row("round(d)", "3");
  row("round(i)", "7");
  row("round(3.14159, 2)", "3.14");
  row("round(1234, -2)", "1200.0");
  row("round(1e300)", "1e+300");
  row("floor(d)", "2");
  row("floor(-d)", "-3");
  row("floor(i)", "7");
  row("ceil(d)", "3");
  row("ceil(-d)", "-2");
  row("coalesce(n, m, i)", "7");
  row("coalesce(n, m)", "null");
  row("coalesce(s, i)", "\"abc\"");
  row("exists(n)", "true");
  row("exists(m)", "false");
  row("exists(i)", "true");
  row("to_number(num)", "42");
  row("to_number(dec)", "2.5");
  row("to_number(bad)", "null");
  row("to_number(b)", "1");
  row("to_number(d)", "2.5");
  row(R"(to_number("1e3"))", "1000.0");
  row(R"(to_number("-12"))", "-12");
  row(R"(to_number(""))", "null");
  row("to_number(n)", "null");
  row("to_string(i)", "\"7\"");
  row("to_string(d)", "\"2.5\"");
  row("to_string(b)", "\"true\"");
  row("to_string(n)", "null");
  row("to_string(s)", "\"abc\"");
  row("to_string(obj)", R"("{"a": 1, "b": [1, 2]}")");
  row("substr(u, 6)", "\"World\"");
  row("substr(u, 0, 5)", "\"Hello\"");
  row("substr(u, -5, 3)", "\"Wor\"");
  row("substr(u, 20)", "\"\"");
  row("substr(\"h\xC3\xA9llo\", 1, 3)", "\"\xC3\xA9ll\"");
  row("substr(u, 2, -1)", "\"\"");
  row(R"(concat(s, "-", i, "-", n, d, b))", "\"abc-7-2.5true\"");
  row("min(3, i, d)", "2.5");
  row("max(3, i, d)", "7");
  row("min(n, m)", "null");
  row("max(n, 2)", "2");
  row("min(s, 1)", "null");
  row("if(b, s, t)", "\"abc\"");
  row("if(f, s, t)", "\"abd\"");
  row("if(n, 1, 2)", "2");
  row("now() > 1600000000000", "true");
  row("now() - now()", "0");
  row("len(lower(s + t)) + 1", "7");
  row(R"(lower(s) + "-" + to_string(i * 2))", "\"abc-14\"");
}

void TestExpression::compileErrors_data() {
  QTest::addColumn<QString>("expression");
  QTest::addColumn<int>("expected");
  QTest::addColumn<QString>("error");
  auto add = [](const char* text, Type expected, const char* error) {
    QTest::newRow(text) << QString::fromUtf8(text) << int(expected) << QString::fromUtf8(error);
  };
  const Type any = Type::Any;
  add(R"("a" * 2)", any, "1: operator '*' expects numbers, got string");
  add("len(5)", any, "5: len() expects a string, got number");
  add(R"(!"x")", any, "2: operator '!' expects a boolean, got string");
  add(R"(-"x")", any, "2: operator '-' expects a number, got string");
  add("lowr(s)", any, "1: unknown function 'lowr'; did you mean 'lower'?");
  add("x + uper(s)", any, "5: unknown function 'uper'; did you mean 'upper'?");
  add("frobnicate(s)", any, "1: unknown function 'frobnicate'");
  add("lower(s, t)", any, "1: lower() takes 1 argument, got 2");
  add("round()", any, "1: round() takes 1 to 2 arguments, got 0");
  add("coalesce()", any, "1: coalesce() takes at least 1 argument, got 0");
  add("concat(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17)", any,
      "1: concat() takes at most 16 arguments, got 17");
  add("contains(s, 1)", any, "13: contains() expects a string as argument 2, got number");
  add("temperature + 1", Type::Bool, "1: expected a boolean condition, got number");
  add("  lower(x)", Type::Number, "3: expected a number, got string");
  add("null", Type::Bool, "1: expected a boolean condition, got null");
  add("x > (1 + 2", any, "11: expected ')' to close '(' opened at column 5");
  add("a = 1", any, "3: unexpected '='; did you mean '=='?");
  add("a & b", any, "3: unexpected '&'; did you mean '&&'?");
  add("a | b", any, "3: unexpected '|'; did you mean '||'?");
  add(R"("abc)", any, "1: unterminated string: expected a closing '\"'");
  add("x == 'abc", any, "6: unterminated string: expected a closing \"'\"");
  add("`abc", any, "1: unterminated quoted name: expected a closing '`'");
  add("a > ", any, "5: expected an expression, got end of input");
  add("", any, "1: expected an expression, got end of input");
  add("a b", any, "3: expected an operator or the end of the expression, got 'b'");
  add("(a))", any, "4: expected an operator or the end of the expression, got ')'");
  add("1 < a < 3", any, "7: comparisons cannot be chained; combine them with '&&'");
  add(R"("a" + 1)", any,
      "5: operator '+' cannot combine string and number; use concat() to join text");
  add("true + 1", any, "1: operator '+' expects numbers or strings, got boolean");
  add(R"(1 == "a")", any, "3: cannot compare number with string");
  add(R"(1 in [x, "a"])", any, "10: cannot compare number with string");
  add("true < false", any, "1: operator '<' cannot order booleans");
  add("1 && b", any, "1: operator '&&' expects boolean operands, got number");
  add(R"(b or "x")", any, "6: operator 'or' expects boolean operands, got string");
  add("not 1", any, "5: operator 'not' expects a boolean, got number");
  add("$foo", any,
      "1: unknown metadata '$foo'; expected $key, $topic, $partition, $offset, $timestamp or "
      "$headers.NAME");
  add("$topc == 1", any, "1: unknown metadata '$topc'; did you mean '$topic'?");
  add("$headers", any, "9: expected '.NAME' after $headers (e.g. $headers.trace_id)");
  add("$", any,
      "1: expected a metadata name after '$' ($key, $topic, $partition, $offset, $timestamp or "
      "$headers.NAME)");
  add("x in 1", any, "6: expected '[' after 'in', got number");
  add("x in [1, 2", any,
      "11: expected ',' or ']' to close '[' opened at column 6, got end of input");
  add("lower(s", any,
      "8: expected ',' or ')' to close '(' of lower() opened at column 6, got end of input");
  add("regex_match(s, t)", any, "16: regex_match() expects a constant string as its pattern");
  add(R"(regex_match(s, "(a)\\1"))", any,
      "16: back-references (\\1 ...) are not supported in regular expressions (at character 4 of "
      "the pattern)");
  add(R"(regex_match(s, "a{1,99999}"))", any,
      "16: repetition counts above 9999 are not supported in regular expressions (at character 2 "
      "of the pattern)");
  add(R"(regex_match(s, "(ab"))", any,
      "16: invalid regular expression: ...");  // the rest is the C++ library's wording
  add("tags[x]", any, "6: expected an array index (a non-negative integer) inside '[ ]', got 'x'");
  add("tags[0", any, "7: expected ']' to close '[' opened at column 5");
  add("12abc", any, "1: invalid number '12abc'");
  add("1.", any, "1: invalid number '1.': expected digits after '.'");
  add("1e+", any, "1: invalid number '1e+': expected digits in the exponent");
  add("a.+", any, "3: expected a field name after '.', got '+'");
  add("#", any, "1: unexpected character '#'");
  add("\"h\xC3\xA9llo\" + \xC3\xBC", any, "11: unexpected character '\xC3\xBC'");
  add("[1, 2]", any, "1: a '[...]' list is only allowed after 'in'");
  add("null in [1]", any,
      "1: the value before 'in' is always null; test it with '== null' instead");
  add(R"("\uD800")", any, "2: invalid escape: unpaired UTF-16 surrogate");
  add(R"("\u12")", any, "2: invalid escape: expected 4 hex digits after '\\u'");
}

void TestExpression::compileErrors() {
  QFETCH(QString, expression);
  QFETCH(int, expected);
  QFETCH(QString, error);
  const QString actual = compileError(expression.toUtf8().constData(), Type(expected));
  if (error.endsWith("...")) {
    QVERIFY2(actual.startsWith(error.chopped(3)), qPrintable(actual));
    return;
  }
  QCOMPARE(actual, error);
}

void TestExpression::staticTypes_data() {
  QTest::addColumn<QString>("expression");
  QTest::addColumn<int>("type");
  auto add = [](const char* text, Type t) { QTest::newRow(text) << QString(text) << int(t); };
  add("1", Type::Number);
  add("\"a\"", Type::String);
  add("x", Type::Any);
  add("x > 1", Type::Bool);
  add("null", Type::Null);
  add("lower(x)", Type::String);
  add("coalesce(x, 1)", Type::Any);
  add("coalesce(null, 1, 2)", Type::Number);
  add("coalesce(x, \"a\", 1)", Type::Any);
  add("if(x, 1, 2.5)", Type::Number);
  add("$topic", Type::String);
  add("$key", Type::Any);
  add("$offset", Type::Number);
  add("x + 1", Type::Number);
  add("x + \"a\"", Type::String);
  add("x + y", Type::Any);
  add("x in [1]", Type::Bool);
}

void TestExpression::staticTypes() {
  QFETCH(QString, expression);
  QFETCH(int, type);
  SlotTable table;
  CompileError err;
  auto e = Expression::compile(expression.toStdString(), table, Type::Any, &err);
  QVERIFY2(e, err.message.c_str());
  QCOMPARE(typeName(e->type()), typeName(Type(type)));
}

void TestExpression::metadata() {
  static const Header headers[] = {{"trace", "abc"}, {"tenant", "t1"}};
  RecordMeta withKey;
  withKey.key = "k1";
  withKey.hasKey = true;
  withKey.topic = "sensors";
  withKey.partition = 3;
  withKey.offset = 42;
  withKey.timestamp = 1700000000000;
  withKey.headers = headers;
  withKey.headerCount = 2;
  RecordMeta bare;
  const std::vector<Row> rows(2);
  const std::vector<RecordMeta> metas = {withKey, bare};
  QCOMPARE(evalRows("$key", rows, metas), QString(R"("k1", null)"));
  QCOMPARE(evalRows("$topic", rows, metas), QString(R"("sensors", "")"));
  QCOMPARE(evalRows("$partition", rows, metas), QString("3, -1"));
  QCOMPARE(evalRows("$offset + 1", rows, metas), QString("43, 0"));
  QCOMPARE(evalRows("$timestamp", rows, metas), QString("1700000000000, 0"));
  QCOMPARE(evalRows("$headers.tenant", rows, metas), QString(R"("t1", missing)"));
  QCOMPARE(evalRows("$headers.`trace`", rows, metas), QString(R"("abc", missing)"));
  QCOMPARE(evalRows("exists($headers.trace)", rows, metas), QString("true, false"));
  QCOMPARE(evalRows("$key == null", rows, metas), QString("false, true"));
  QCOMPARE(evalRows(R"($topic == "sensors" && $partition in [1, 3])", rows, metas),
           QString("true, false"));
}

void TestExpression::introspection() {
  SlotTable table;
  table.intern("existing");
  CompileError err;
  auto e = Expression::compile("b + a + b.c + a + existing", table, Type::Any, &err);
  QVERIFY(e);
  const std::vector<uint32_t> expectedSlots = {uint32_t(table.find("b")), uint32_t(table.find("a")),
                                               uint32_t(table.find("b.c")), 0};
  QCOMPARE(e->slotsRead(), expectedSlots);
  QCOMPARE(table.size(), 4u);
  QCOMPARE(e->text(), std::string("b + a + b.c + a + existing"));
  QVERIFY(!e->isField());
  QVERIFY(!e->isConstant());

  auto field = Expression::compile("a.b[0]", table, Type::Any, &err);
  uint32_t slot = 99;
  QVERIFY(field->isField(&slot));
  QCOMPARE(int(slot), table.find("a.b[0]"));

  auto folded = Expression::compile("1 + 2 * 3", table, Type::Any, &err);
  QVERIFY(folded->isConstant());
  QCOMPARE(render(folded->constantValue()), QString("7"));
  auto text = Expression::compile(R"(upper("ab") + "c" + to_string(1.5))", table, Type::Any, &err);
  QVERIFY(text->isConstant());
  QCOMPARE(render(text->constantValue()), QString(R"("ABc1.5")"));
  auto now = Expression::compile("now()", table, Type::Any, &err);
  QVERIFY(!now->isConstant());

  // A constant still yields a full column.
  Batch batch(4, table.size());
  for (int r = 0; r < 3; ++r)
    batch.append();
  EvalScratch scratch;
  const Value* col = folded->evaluate(batch, scratch);
  for (int r = 0; r < 3; ++r)
    QCOMPARE(render(col[r]), QString("7"));

  QVERIFY(std::find(functionNames().begin(), functionNames().end(), "regex_match") !=
          functionNames().end());
}

void TestExpression::failedCompileInternsNothing() {
  SlotTable table;
  CompileError err;
  QVERIFY(!Expression::compile("alpha + beta +", table, Type::Any, &err));
  QVERIFY(!Expression::compile("alpha + lowr(beta)", table, Type::Any, &err));
  QVERIFY(!Expression::compile("alpha + 1", table, Type::String, &err));
  QCOMPARE(table.size(), 0u);
  QVERIFY(!Expression::compile("alpha +", table, Type::Any, nullptr));
}

void TestExpression::nowIsReadOncePerEvaluation() {
  SlotTable table;
  auto e = Expression::compile("now()", table, Type::Any, nullptr);
  Batch batch(512, 0);
  for (int r = 0; r < 512; ++r)
    batch.append();
  EvalScratch scratch;
  const Value* col = e->evaluate(batch, scratch);
  for (int r = 1; r < 512; ++r)
    QCOMPARE(col[r].i, col[0].i);
  const int64_t wall = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  QVERIFY(std::llabs(col[0].i - wall) < 60'000);
}

void TestExpression::batchesOfManySizes() {
  SlotTable table;
  CompileError err;
  auto e = Expression::compile(R"(x * 2 + len(name) > 10 && lower(name) != "skip")", table,
                               Type::Bool, &err);
  QVERIFY(e);
  auto label =
      Expression::compile(R"(upper(name) + ":" + to_string(x))", table, Type::String, &err);
  QVERIFY(label);
  const uint32_t x = uint32_t(table.find("x")), name = uint32_t(table.find("name"));
  EvalScratch scratch;
  static const char* const kNames[] = {"a", "Skip", "longer name", "", "mid"};
  for (uint32_t size : {10u, 2000u, 5u, 1u, 0u, 1024u}) {
    Batch batch(std::max(size, 1u), table.size());
    for (uint32_t r = 0; r < size; ++r) {
      batch.append();
      batch.at(x, r) = r % 7 == 0 ? Value::null() : Value::integer(int64_t(r % 13));
      batch.at(name, r) = Value::string(kNames[r % 5]);
    }
    const Value* col = e->evaluate(batch, scratch);
    for (uint32_t r = 0; r < size; ++r) {
      bool isNull = r % 7 == 0;
      std::string_view n = kNames[r % 5];
      bool want = !isNull && int64_t(r % 13) * 2 + int64_t(n.size()) > 10 && n != "Skip";
      QCOMPARE(render(col[r]), QString(want ? "true" : "false"));
    }
    const Value* labels = label->evaluate(batch, scratch);
    for (uint32_t r = 0; r < size; ++r) {
      if (r % 7 == 0) {
        QCOMPARE(render(labels[r]), QString("null"));
        continue;
      }
      QString n = QString(kNames[r % 5]).toUpper();
      QCOMPARE(render(labels[r]), QString("\"%1:%2\"").arg(n).arg(r % 13));
    }
  }
}

void TestExpression::missingSlotReadsAsMissing() {
  // A batch built before the expression interned its field has no column for it.
  SlotTable table;
  Batch batch(2, 0);
  batch.append();
  auto e = Expression::compile("late == null && !exists(late)", table, Type::Bool, nullptr);
  EvalScratch scratch;
  QCOMPARE(render(e->evaluate(batch, scratch)[0]), QString("true"));
}

void TestExpression::regexOnLongInput() {
  // The default depth-first std::regex matcher overflows the stack on inputs this long.
  std::string text(1 << 20, 'a');
  text += 'b';
  QCOMPARE(evalRows(R"(regex_match(s, "a.*b$") && !regex_match(s, "c"))",
                    {{{"s", Value::string(text)}}}),
           QString("true"));
}

void TestExpression::regexPatternLimits() {
  // std::regex compiles recursively: 20,000 nested groups overflowed the stack of the validator.
  const std::string deep = std::string(20000, '(') + "a" + std::string(20000, ')');
  QCOMPARE(compileError(("name == \"x\" || regex_match(name, \"" + deep + "\")").c_str()),
           QString("34: regular expression nests groups 20000 deep; the limit is 100 (at character "
                   "101 of the pattern)"));
  const std::string atLimit = std::string(100, '(') + "a" + std::string(100, ')');
  QCOMPARE(compileError(("regex_match(name, \"" + atLimit + "\")").c_str()), QString("compiled"));
  const std::string pastLimit = "x" + std::string(101, '(') + "a" + std::string(101, ')');
  QCOMPARE(compileError(("regex_match(name, \"" + pastLimit + "\")").c_str()),
           QString("19: regular expression nests groups 101 deep; the limit is 100 (at character "
                   "102 of the pattern)"));
  // Long patterns recurse once per term.
  QCOMPARE(compileError(("regex_match(name, \"" + std::string(100000, 'a') + "\")").c_str()),
           QString("19: regular expression is 100000 characters long; the limit is 4096"));
  QCOMPARE(compileError(("regex_match(name, \"" + std::string(4096, 'a') + "\")").c_str()),
           QString("compiled"));
  // Brackets inside a character class or escaped do not nest.
  std::string literal = "[(]";
  for (int k = 0; k < 150; ++k)
    literal += "\\\\(";
  QCOMPARE(compileError(("regex_match(name, \"" + literal + "\")").c_str()), QString("compiled"));
}

void TestExpression::longConstantLists() {
  // More than a few constants are matched through a hash set: numbers still compare by value.
  std::string list;
  for (int k = 0; k < 40; ++k)
    list += (k ? ", " : "") + std::to_string(k * 3);
  list += R"(, "x", 1.5, true)";
  const std::string in = "v in [" + list + "]";
  const std::string notIn = "v not in [" + list + "]";
  const std::vector<Row> rows = {
      {{"v", Value::integer(9)}},     {{"v", Value::number(9.0)}}, {{"v", Value::integer(10)}},
      {{"v", Value::string("x")}},    {{"v", Value::number(1.5)}}, {{"v", Value::boolean(true)}},
      {{"v", Value::boolean(false)}}, {{"v", Value::null()}},      {{"v", Value::string("9")}}};
  QCOMPARE(evalRows(in.c_str(), rows),
           QString("true, true, false, true, true, true, false, false, false"));
  QCOMPARE(evalRows(notIn.c_str(), rows),
           QString("false, false, true, false, false, false, true, false, true"));
}

void TestExpression::nonFiniteInputs() {
  // Sources may hand over NaN or infinities (e.g. "nan" in a CSV column).
  const Row row = {{"nan", Value::number(std::nan(""))},
                   {"inf", Value::number(HUGE_VAL)},
                   {"s", Value::string("abc")}};
  QCOMPARE(evalRows("substr(s, nan)", {row}), QString("null"));
  QCOMPARE(evalRows("substr(s, 0, inf)", {row}), QString("null"));
  QCOMPARE(evalRows("round(nan)", {row}), QString("null"));
  QCOMPARE(evalRows("floor(inf)", {row}), QString("null"));
  QCOMPARE(evalRows("round(1.5, nan)", {row}), QString("null"));
  QCOMPARE(evalRows("nan + 1", {row}), QString("null"));
  QCOMPARE(evalRows("nan == nan || nan < 1 || nan >= 1", {row}), QString("false"));
  QCOMPARE(evalRows("inf > 1e308", {row}), QString("true"));
}

void TestExpression::deepExpressions() {
  std::string sum = "x";
  for (int k = 0; k < 900; ++k)
    sum += " + 1";
  QCOMPARE(evalRows(sum.c_str(), {{{"x", Value::integer(1)}}}), QString("901"));
  std::string nested = std::string(900, '(') + "x" + std::string(900, ')');
  QCOMPARE(evalRows(nested.c_str(), {{{"x", Value::integer(1)}}}), QString("1"));
  std::string negations = std::string(900, '-') + "x";
  QCOMPARE(evalRows(negations.c_str(), {{{"x", Value::integer(1)}}}), QString("1"));
  const QString tooDeep = "expression is nested too deeply (more than 1000 levels)";
  std::string parens = std::string(5000, '(') + "x" + std::string(5000, ')');
  QVERIFY(compileError(parens.c_str()).endsWith(tooDeep));
  std::string chain = "x";
  for (int k = 0; k < 5000; ++k)
    chain += " || x";
  QVERIFY(compileError(chain.c_str()).endsWith(tooDeep));
  QVERIFY(compileError((std::string(5000, '!') + "x").c_str()).endsWith(tooDeep));
}

void TestExpression::steadyStateDoesNotAllocate() {
  static const Header headers[] = {{"trace", "t-1"}};
  SlotTable table;
  std::vector<std::unique_ptr<Expression>> exprs;
  for (const char* text : {R"(temperature > 30 && status == "ok")",
                           R"(lower(name) + "-" + to_string(temperature * 1.5))",
                           "coalesce(missing, temperature) % 3 in [0, 1, status]",
                           R"(substr(name, 1, 3) + trim(name) + upper(name))",
                           R"(concat(name, ":", temperature, $headers.trace, $key))",
                           "round(temperature / 7, 2) + abs(floor(-temperature / 3))",
                           R"(if(contains(name, "x"), len(name), to_number(status)))",
                           R"(max(temperature, 20) - min(temperature, 40) + now() * 0)"}) {
    CompileError err;
    exprs.push_back(Expression::compile(text, table, Type::Any, &err));
    QVERIFY2(exprs.back(), err.message.c_str());
  }
  Batch batch(1024, table.size());
  const int32_t temperature = table.find("temperature"), status = table.find("status"),
                name = table.find("name");
  for (uint32_t r = 0; r < 1024; ++r) {
    batch.append();
    batch.at(uint32_t(temperature), r) = Value::integer(int64_t(r % 50));
    batch.at(uint32_t(status), r) = Value::string(r % 3 ? "ok" : "bad");
    batch.at(uint32_t(name), r) = Value::string(r % 2 ? "Sensor-X" : " probe ");
    batch.meta(r).key = "k";
    batch.meta(r).hasKey = r % 2;
    batch.meta(r).headers = headers;
    batch.meta(r).headerCount = 1;
  }
  EvalScratch scratch;
  for (int warm = 0; warm < 2; ++warm)
    for (auto& e : exprs)
      e->evaluate(batch, scratch);
  const long before = g_allocations.load();
  for (int round = 0; round < 20; ++round) {
    for (auto& e : exprs) {
      e->evaluate(batch, scratch);
      for (uint32_t r = 0; r < 1024; r += 97)
        e->evaluateRow(batch, r, scratch);
    }
  }
  QCOMPARE(g_allocations.load() - before, 0L);
}

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
