// JsonFieldExtractor, JsonRecordWriter and CsvRecordWriter, checked against nlohmann/json.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>

#include <nlohmann/json.hpp>

#include "engine/runtime/Batch.h"
#include "engine/runtime/SlotTable.h"
#include "nodes/RecordJson.h"

// Counts heap allocations while `gCounting` is set, to prove the steady state allocates nothing.
static std::atomic<bool> gCounting{false};
static std::atomic<uint64_t> gAllocations{0};

void* operator new(std::size_t n) {
  if (gCounting.load(std::memory_order_relaxed)) gAllocations.fetch_add(1);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

using nlohmann::json;

namespace {

using namespace sc;

// Appends a row whose payload is `text`, padded as sources store it.
uint32_t addRow(Batch& batch, std::string_view text) {
  uint32_t row = batch.append();
  batch.meta(row).payload = batch.arena().copyPadded(text);
  return row;
}

// What nlohmann says the value at `path` is, in the extractor's terms (nullptr: absent).
const json* lookup(const json& doc, const FieldPath& path) {
  const json* cur = &doc;
  for (const auto& seg : path.segments) {
    if (seg.index >= 0) {
      if (!cur->is_array() || size_t(seg.index) >= cur->size()) return nullptr;
      cur = &(*cur)[size_t(seg.index)];
    } else {
      if (!cur->is_object()) return nullptr;
      auto it = cur->find(seg.key);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    }
  }
  return cur;
}

QString describe(const Value& v) {
  switch (v.kind) {
    case Kind::Missing:
      return "missing";
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return v.b ? "true" : "false";
    case Kind::Int:
      return QString("int %1").arg(v.i);
    case Kind::Double:
      return QString("double %1").arg(v.d, 0, 'g', 17);
    case Kind::String:
      return "string " + QString::fromUtf8(v.s, v.len);
    case Kind::Json:
      return "json " + QString::fromUtf8(v.s, v.len);
  }
  return {};
}

// Empty string when `v` is what nlohmann found, else a description of the difference.
QString compareWithOracle(const Value& v, const json* expected) {
  if (!expected)
    return v.kind == Kind::Missing ? QString() : "expected missing, got " + describe(v);
  bool ok = false;
  switch (expected->type()) {
    case json::value_t::null:
      ok = v.kind == Kind::Null;
      break;
    case json::value_t::boolean:
      ok = v.kind == Kind::Bool && v.b == expected->get<bool>();
      break;
    case json::value_t::number_integer:
      ok = v.kind == Kind::Int && v.i == expected->get<int64_t>();
      break;
    case json::value_t::number_unsigned: {
      auto u = expected->get<uint64_t>();
      ok = u <= uint64_t(INT64_MAX) ? v.kind == Kind::Int && uint64_t(v.i) == u
                                    : v.kind == Kind::Double && v.d == double(u);
      break;
    }
    case json::value_t::number_float:
      ok = v.kind == Kind::Double && v.d == expected->get<double>();
      break;
    case json::value_t::string:
      ok = v.kind == Kind::String && v.str() == expected->get<std::string>();
      break;
    case json::value_t::object:
    case json::value_t::array:
      ok = v.kind == Kind::Json && json::parse(v.str()) == *expected;
      break;
    default:
      break;
  }
  if (ok && v.flags != 0) return "extracted value is marked owned";
  return ok ? QString()
            : QString("expected %1, got %2")
                  .arg(QString::fromStdString(expected->dump()), describe(v));
}

}  // namespace

class TestRecordJson : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void extractMatchesOracle_data();
  void extractMatchesOracle();
  void extractRejectsInvalid_data();
  void extractRejectsInvalid();
  void extractNoEscapeStringsPointIntoPayload();
  void extractManyRowsAndNoAllocationInSteadyState();
  void extractLastDuplicateWins();
  void extractWithoutSlotsStillValidates();
  void writerUnchangedPayloadIsVerbatim();
  void writerOwnedEdits_data();
  void writerOwnedEdits();
  void writerRowsWithoutPayload();
  void writerJsonValues();
  void writerEscapesRoundTrip();
  void csvWriter();
  void csvFieldQuoting();
};

static const char* const kPaths[] = {
    "a",
    "b",
    "s",
    "n",
    "f",
    "t",
    "z",
    "obj",
    "obj.x",
    "obj.y.z",
    "arr",
    "arr[0]",
    "arr[2].k",
    "list[1]",
    "deep.a.b.c",
    "`odd key`",
    "`quote\"key`",
    "big",
    "neg",
    "exp",
    "uni",
    "esc",
    "empty",
    "nested.inner",
    "nested.inner.v",
    "missing.path",
};

void TestRecordJson::extractMatchesOracle_data() {
  QTest::addColumn<QByteArray>("doc");
  QTest::newRow("flat") << QByteArray(R"({"a":1,"b":"two","s":"x","n":null,"t":true,"f":false})");
  QTest::newRow("whitespace") << QByteArray(" \t{ \"a\" : 1 ,\n \"b\" : \"two\" \r\n} \n ");
  QTest::newRow("nested") << QByteArray(
      R"({"obj":{"x":1.5,"y":{"z":"deep","w":[1,2]},"q":3},"deep":{"a":{"b":{"c":[1,{"d":2}]}}}})");
  QTest::newRow("arrays") << QByteArray(
      R"({"arr":[10,"eleven",{"k":"v","j":1},[1]],"list":[{"a":1},{"b":[2,3]}],"z":[]})");
  QTest::newRow("object with children and raw") << QByteArray(
      R"({"nested":{"inner":{"v":7,"w":"x"},"other":1},"obj":{"x":{"a":1},"y":{"z":[1,2,3]}}})");
  QTest::newRow("escapes") << QByteArray(
      R"({"esc":"line\nbreak \"quoted\" back\\slash \/ \t tab \u0041","s":"plain"})");
  QTest::newRow("unicode") << QByteArray(
      "{\"uni\":\"gr\xc3\xbc\xc3\x9f \\u00e9 \\ud83d\\ude00 "
      "\xf0\x9f\x98\x80\",\"b\":\"\xe6\x97\xa5\"}");
  QTest::newRow("odd keys") << QByteArray(
      R"({"odd key":1,"quote\"key":"q","a\u0062":2,"\u0061":"escaped key"})");
  QTest::newRow("numbers") << QByteArray(
      R"({"a":0,"b":-0.0,"big":9223372036854775807,"neg":-9223372036854775808,"exp":1.5e10,"f":2E-3,"n":1e2,"t":123.456})");
  QTest::newRow("unsigned") << QByteArray(
      R"({"big":18446744073709551615,"a":9223372036854775808})");
  QTest::newRow("huge integer") << QByteArray(R"({"big":123456789012345678901234567890,"a":1})");
  QTest::newRow("type mismatch") << QByteArray(
      R"({"obj":"not an object","arr":{"0":1},"deep":[1,2],"a":[1]})");
  QTest::newRow("empty values") << QByteArray(R"({"empty":{},"obj":{},"arr":[],"s":""})");
  QTest::newRow("empty object") << QByteArray("{}");
  QTest::newRow("skipped complex")
      << QByteArray(R"({"skip":{"a":[1,{"b":"}]"}],"c":"\"{"},"a":42,"more":[[[[]]]],"b":"end"})");
}

void TestRecordJson::extractMatchesOracle() {
  QFETCH(QByteArray, doc);
  SlotTable table;
  for (const char* p : kPaths)
    table.intern(std::string_view(p));
  JsonFieldExtractor extractor(table);
  Batch batch(4, table.size());
  uint32_t row = addRow(batch, std::string_view(doc.constData(), size_t(doc.size())));
  QVERIFY2(extractor.extract(batch, row), extractor.error().data());
  json oracle = json::parse(doc.constData());
  for (uint32_t s = 0; s < table.size(); ++s) {
    QString diff = compareWithOracle(batch.at(s, row), lookup(oracle, table.path(s)));
    QVERIFY2(diff.isEmpty(), qPrintable(QString::fromStdString(table.text(s)) + ": " + diff));
  }
}

void TestRecordJson::extractRejectsInvalid_data() {
  QTest::addColumn<QByteArray>("doc");
  QTest::newRow("empty") << QByteArray("");
  QTest::newRow("spaces") << QByteArray("   ");
  QTest::newRow("text") << QByteArray("not json");
  QTest::newRow("unclosed") << QByteArray(R"({"a":1)");
  QTest::newRow("truncated string") << QByteArray(R"({"a":"abc)");
  QTest::newRow("missing value") << QByteArray(R"({"a":})");
  QTest::newRow("missing colon") << QByteArray(R"({"a" 1})");
  QTest::newRow("unquoted key") << QByteArray(R"({a:1})");
  QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
  QTest::newRow("array") << QByteArray("[1,2]");
  QTest::newRow("scalar") << QByteArray("42");
  QTest::newRow("string") << QByteArray(R"("a")");
  QTest::newRow("two objects") << QByteArray(R"({"a":1} {"b":2})");
  QTest::newRow("trailing garbage") << QByteArray(R"({"a":1}x)");
  QTest::newRow("bad literal") << QByteArray(R"({"a":tru})");
  QTest::newRow("bad number") << QByteArray(R"({"a":1.2.3})");
  QTest::newRow("invalid utf8") << QByteArray("{\"a\":\"\xff\xfe\"}");
  QTest::newRow("unbalanced nested") << QByteArray(R"({"b":{"c":[1,2},"a":1})");
}

void TestRecordJson::extractRejectsInvalid() {
  QFETCH(QByteArray, doc);
  SlotTable table;
  table.intern("a");
  table.intern("b.c");
  JsonFieldExtractor extractor(table);
  Batch batch(4, table.size());
  uint32_t row = addRow(batch, std::string_view(doc.constData(), size_t(doc.size())));
  QVERIFY(!extractor.extract(batch, row));
  QVERIFY(!extractor.error().empty());
  // The extractor recovers: the next valid record parses.
  uint32_t next = addRow(batch, R"({"a":5})");
  QVERIFY(extractor.extract(batch, next));
  QCOMPARE(batch.at(0, next).i, 5);
}

void TestRecordJson::extractNoEscapeStringsPointIntoPayload() {
  SlotTable table;
  uint32_t plain = table.intern("plain");
  uint32_t escaped = table.intern("escaped");
  JsonFieldExtractor extractor(table);
  Batch batch(2, table.size());
  uint32_t row = addRow(batch, R"({"plain":"abc","escaped":"a\"b"})");
  QVERIFY(extractor.extract(batch, row));
  std::string_view payload = batch.meta(row).payload;
  const Value& p = batch.at(plain, row);
  QCOMPARE(p.str(), std::string_view("abc"));
  QVERIFY(p.s >= payload.data() && p.s + p.len <= payload.data() + payload.size());
  const Value& e = batch.at(escaped, row);
  QCOMPARE(e.str(), std::string_view("a\"b"));
  QVERIFY(e.s < payload.data() || e.s >= payload.data() + payload.size());
}

void TestRecordJson::extractManyRowsAndNoAllocationInSteadyState() {
  SlotTable table;
  uint32_t device = table.intern("device");
  uint32_t temperature = table.intern("temperature");
  uint32_t note = table.intern("meta.note");
  uint32_t tags = table.intern("tags");
  JsonFieldExtractor extractor(table);
  Batch batch(256, table.size());
  std::vector<std::string> lines;
  for (int i = 0; i < 256; ++i) {
    lines.push_back("{\"device\":\"d-" + std::to_string(i) +
                    "\",\"temperature\":" + std::to_string(i) + ".5,\"meta\":{\"note\":\"n\\\"" +
                    std::to_string(i) + "\"},\"tags\":[" + std::to_string(i) + "]}");
  }
  for (int round = 0; round < 3; ++round) {
    batch.clear();
    if (round == 2) gCounting = true;
    for (const auto& line : lines) {
      uint32_t row = addRow(batch, line);
      if (!extractor.extract(batch, row)) break;
    }
    gCounting = false;
  }
  QCOMPARE(gAllocations.load(), uint64_t(0));
  QCOMPARE(batch.size(), 256u);
  for (uint32_t r = 0; r < 256; ++r) {
    QCOMPARE(batch.at(device, r).str(), std::string_view("d-" + std::to_string(r)));
    QCOMPARE(batch.at(temperature, r).d, r + 0.5);
    QCOMPARE(batch.at(note, r).str(), std::string_view("n\"" + std::to_string(r)));
    QCOMPARE(batch.at(tags, r).str(), std::string_view("[" + std::to_string(r) + "]"));
  }
}

void TestRecordJson::extractLastDuplicateWins() {
  SlotTable table;
  uint32_t a = table.intern("a");
  uint32_t ab = table.intern("o.b");
  uint32_t ac = table.intern("o.c");
  JsonFieldExtractor extractor(table);
  Batch batch(2, table.size());
  uint32_t row = addRow(batch, R"({"a":1,"o":{"b":1,"c":2},"a":"second","o":{"c":3}})");
  QVERIFY(extractor.extract(batch, row));
  QCOMPARE(batch.at(a, row).str(), std::string_view("second"));
  QCOMPARE(batch.at(ab, row).kind, Kind::Missing);  // the second "o" has no b, as nlohmann says
  QCOMPARE(batch.at(ac, row).i, 3);
}

void TestRecordJson::extractWithoutSlotsStillValidates() {
  SlotTable table;
  JsonFieldExtractor extractor(table);
  Batch batch(2, 0);
  QVERIFY(extractor.extract(batch, addRow(batch, R"({"a":[1,{"b":2}]})")));
  QVERIFY(!extractor.extract(batch, addRow(batch, R"({"a":[1,{"b":2}})")));
}

void TestRecordJson::writerUnchangedPayloadIsVerbatim() {
  SlotTable table;
  table.intern("a");
  JsonFieldExtractor extractor(table);
  JsonRecordWriter writer(table);
  Batch batch(2, table.size());
  const std::string_view text = R"({ "b" : [1, 2],  "a":1.50 })";
  uint32_t row = addRow(batch, text);
  QVERIFY(extractor.extract(batch, row));
  std::string out = "prefix:";
  writer.append(batch, row, out);
  QCOMPARE(out, "prefix:" + std::string(text));
}

void TestRecordJson::writerOwnedEdits_data() {
  QTest::addColumn<QByteArray>("payload");
  QTest::addColumn<QByteArray>("edits");     // JSON object: path -> value, or null to delete
  QTest::addColumn<QByteArray>("expected");  // exact output
  QTest::newRow("replace") << QByteArray(R"({"a":1,"b":"x","c":true})")
                           << QByteArray(R"({"b":"new"})")
                           << QByteArray(R"({"a":1,"b":"new","c":true})");
  QTest::newRow("delete") << QByteArray(R"({"a":1,"b":"x","c":true})")
                          << QByteArray(R"({"b":null})") << QByteArray(R"({"a":1,"c":true})");
  QTest::newRow("delete first") << QByteArray(R"({"a":1,"b":"x"})") << QByteArray(R"({"a":null})")
                                << QByteArray(R"({"b":"x"})");
  QTest::newRow("append") << QByteArray(R"({"a":1})") << QByteArray(R"({"z":2.5,"y":"s"})")
                          << QByteArray(R"({"a":1,"z":2.5,"y":"s"})");
  QTest::newRow("keeps raw members")
      << QByteArray(R"({ "o" : {"k": [1, 2]} , "n":1.50e3 ,"a":0})") << QByteArray(R"({"a":7})")
      << QByteArray(R"({"o":{"k": [1, 2]},"n":1.50e3,"a":7})");
  QTest::newRow("nested set") << QByteArray(R"({"o":{"x":1,"y":2},"p":3})")
                              << QByteArray(R"({"o.y":"two","o.z":true})")
                              << QByteArray(R"({"o":{"x":1,"y":"two","z":true},"p":3})");
  QTest::newRow("nested new object") << QByteArray(R"({"p":3})") << QByteArray(R"({"q.r.s":1})")
                                     << QByteArray(R"({"p":3,"q":{"r":{"s":1}}})");
  QTest::newRow("nested delete absent")
      << QByteArray(R"({"p":3})") << QByteArray(R"({"q.r":null})") << QByteArray(R"({"p":3})");
  QTest::newRow("escaped keys") << QByteArray(R"({"a\"b":1,"\u0063":2})")
                                << QByteArray(R"({"c":3})")
                                << QByteArray(R"({"a\"b":1,"\u0063":3})");
  QTest::newRow("duplicate replaced once")
      << QByteArray(R"({"a":1,"b":2,"a":3})") << QByteArray(R"({"a":9})")
      << QByteArray(R"({"a":9,"b":2})");
  QTest::newRow("string escapes") << QByteArray(R"({"a":1})")
                                  << QByteArray(R"({"s":"q\"\\\n\t\u0001é"})")
                                  << QByteArray(
                                         "{\"a\":1,\"s\":\"q\\\"\\\\\\n\\t\\u0001\xc3\xa9\"}");
}

void TestRecordJson::writerOwnedEdits() {
  QFETCH(QByteArray, payload);
  QFETCH(QByteArray, edits);
  QFETCH(QByteArray, expected);
  nlohmann::ordered_json editJson = nlohmann::ordered_json::parse(edits.constData());
  SlotTable table;
  for (auto& [path, value] : editJson.items())
    table.intern(path);
  table.intern("untouched");
  JsonFieldExtractor extractor(table);
  JsonRecordWriter writer(table);
  Batch batch(2, table.size());
  uint32_t row = addRow(batch, std::string_view(payload.constData(), size_t(payload.size())));
  QVERIFY(extractor.extract(batch, row));
  std::vector<std::string> keep;  // string storage for the owned values
  keep.reserve(editJson.size());
  for (auto& [path, value] : editJson.items()) {
    Value v;
    if (value.is_null())
      v = Value::missing();
    else if (value.is_boolean())
      v = Value::boolean(value.get<bool>());
    else if (value.is_number_integer())
      v = Value::integer(value.get<int64_t>());
    else if (value.is_number())
      v = Value::number(value.get<double>());
    else
      v = Value::string(keep.emplace_back(value.get<std::string>()));
    v.flags = kOwned;
    batch.at(uint32_t(table.find(path)), row) = v;
  }
  std::string out;
  writer.append(batch, row, out);
  QCOMPARE(QByteArray::fromStdString(out), expected);
  QVERIFY(json::accept(out));
}

void TestRecordJson::writerRowsWithoutPayload() {
  SlotTable table;
  uint32_t device = table.intern("device");
  uint32_t temp = table.intern("temperature");
  uint32_t count = table.intern("count");
  uint32_t gone = table.intern("gone");
  uint32_t mirror = table.intern("mirror");
  uint32_t nested = table.intern("loc.lat");
  JsonRecordWriter writer(table);
  Batch batch(2, table.size());
  uint32_t row = batch.append();
  auto owned = [](Value v) {
    v.flags = kOwned;
    return v;
  };
  batch.at(device, row) = owned(Value::string("d-001"));
  batch.at(temp, row) = owned(Value::number(21.0));
  batch.at(count, row) = owned(Value::integer(-3));
  batch.at(gone, row) = owned(Value::missing());
  batch.at(mirror, row) = Value::string("not owned");
  batch.at(nested, row) = owned(Value::number(0.1));
  std::string out;
  writer.append(batch, row, out);
  QCOMPARE(out,
           std::string(R"({"device":"d-001","temperature":21.0,"count":-3,"loc":{"lat":0.1}})"));
  uint32_t empty = batch.append();
  out.clear();
  writer.append(batch, empty, out);
  QCOMPARE(out, std::string("{}"));
}

void TestRecordJson::writerJsonValues() {
  struct Case {
    Value value;
    const char* text;
  };
  const Case cases[] = {
      {Value::null(), "null"},
      {Value::missing(), "null"},
      {Value::boolean(true), "true"},
      {Value::integer(INT64_MIN), "-9223372036854775808"},
      {Value::number(0.1), "0.1"},
      {Value::number(31.0), "31.0"},
      {Value::number(-0.0), "-0.0"},
      {Value::number(1e300), "1e+300"},
      {Value::number(5e-324), "5e-324"},
      {Value::number(1.0 / 3), "0.3333333333333333"},
      {Value::number(NAN), "null"},
      {Value::number(INFINITY), "null"},
      {Value::json(R"({"a":[1]})"), R"({"a":[1]})"},
  };
  for (const auto& c : cases) {
    std::string out;
    appendJsonValue(out, c.value);
    QCOMPARE(out, std::string(c.text));
    if (c.value.kind == Kind::Double && std::isfinite(c.value.d)) {
      json parsed = json::parse(out);
      QVERIFY(parsed.is_number_float());
      QCOMPARE(parsed.get<double>(), c.value.d);  // shortest form still round-trips exactly
    }
  }
}

void TestRecordJson::writerEscapesRoundTrip() {
  std::string all;
  for (int c = 1; c < 128; ++c)
    all += char(c);
  all += "\xc3\xa9\xf0\x9f\x98\x80";
  std::string out;
  appendJsonString(out, all);
  QCOMPARE(json::parse(out).get<std::string>(), all);
  // And through the extractor: the escaped text comes back unescaped.
  SlotTable table;
  table.intern("s");
  JsonFieldExtractor extractor(table);
  Batch batch(1, 1);
  uint32_t row = addRow(batch, "{\"s\":" + out + "}");
  QVERIFY(extractor.extract(batch, row));
  QCOMPARE(batch.at(0, row).str(), std::string_view(all));
}

void TestRecordJson::csvWriter() {
  SlotTable table;
  JsonRecordWriter unused(table);
  CsvRecordWriter writer(table);
  Batch batch(4, 0);
  addRow(batch, R"({"device":"d-1","temp":21.5,"ok":true,"note":null,"tags":["a","b"]})");
  addRow(batch, R"({"temp":3,"device":"d,2","extra":1,"note":"say \"hi\""})");
  addRow(batch, R"({"device":"multi\nline"})");
  std::string out;
  for (uint32_t r = 0; r < batch.size(); ++r)
    writer.append(batch, r, out);
  QCOMPARE(out, std::string("device,temp,ok,note,tags\n"
                            "d-1,21.5,true,,\"[\"\"a\"\",\"\"b\"\"]\"\n"
                            "\"d,2\",3,,\"say \"\"hi\"\"\",\n"
                            "\"multi\nline\",,,,\n"));
  QCOMPARE(writer.droppedFields(), uint64_t(1));
}

void TestRecordJson::csvFieldQuoting() {
  std::string out;
  appendCsvField(out, "plain");
  out += '|';
  appendCsvField(out, "with space");
  out += '|';
  appendCsvField(out, "a\r\nb");
  out += '|';
  appendCsvField(out, "");
  QCOMPARE(out, std::string("plain|with space|\"a\r\nb\"|"));
}

QTEST_GUILESS_MAIN(TestRecordJson)
#include "tst_RecordJson.moc"
