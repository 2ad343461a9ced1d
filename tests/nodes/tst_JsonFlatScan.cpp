// JsonFieldExtractor's flat scan (top-level fields read without simdjson) against simdjson alone:
// the same success or failure, the same error text and the same values, over generated records
// (flat, nested, escaped, non-ASCII) and byte-level corruptions of them.
#include <QtTest>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "engine/runtime/Batch.h"
#include "engine/runtime/SlotTable.h"
#include "nodes/RecordJson.h"

namespace {

using namespace sc;

const char* const kSlots[] = {"device", "temperature", "status", "a", "b", "e"};
const char* const kKeys[] = {
    "device", "temperature",  "status",       "a",         "b",  "", "e", "ts",
    "other",  "temperatures", "dev\\u0069ce", "t\xc3\xa9", "a b"};
const char* const kValues[] = {
    "1", "0", "-0", "-7", "42", "123456789012345678", "1234567890123456789",
    "99999999999999999999999", "3.25", "-0.5", "1e5", "1E-3", "2.5e+10", "0.0", "1e400", "1e-400",
    "4.9e-324", "01", "1.", ".5", "1e", "--1", "+1", "true", "false", "null", "tru", "nul", "\"\"",
    "\"ok\"", "\"dev-001\"", "\"a\\\"b\"", "\"\\u00e9\"", "\"\xc3\xa9\"", "\"\xff\"",
    "\"tab\there\"", "{}", "{\"x\":1}", "[]", "[1,[2]]", "\"}\"", "\"unterminated",
    // past the first 16 bytes: plain, then an escape, a control byte and UTF-8 further on
    "\"a long string value that spans more than sixteen bytes\"", "\"0123456789abcdefghij\\\"x\"",
    "\"0123456789abcdefghij\x01\"", "\"0123456789abcdefghijklmnopqrstuvwxyz\xc3\xa9\""};

std::string member(std::mt19937& rng) {
  auto pick = [&](auto& list) {
    return std::string(list[rng() % (sizeof(list) / sizeof(list[0]))]);
  };
  static const char* const kSpace[] = {"", "", "", " ", "\n", "\t "};
  return pick(kSpace) + "\"" + pick(kKeys) + "\"" + pick(kSpace) + ":" + pick(kSpace) +
         pick(kValues) + pick(kSpace);
}

std::string record(std::mt19937& rng) {
  std::string s = rng() % 8 == 0 ? " {" : "{";
  const int members = static_cast<int>(rng() % 7);
  for (int i = 0; i < members; ++i)
    s += (i ? "," : "") + member(rng);
  s += "}";
  if (rng() % 10 == 0) s += rng() % 2 ? " \n" : "x";
  return s;
}

// Breaks a record in one of a few ways (a byte changed, dropped or added).
void corrupt(std::string& s, std::mt19937& rng) {
  static const char kBytes[] = "{}[]\",:\\ x0-.e\x80";
  const size_t at = s.empty() ? 0 : rng() % s.size();
  switch (rng() % 3) {
    case 0:
      if (!s.empty()) s[at] = kBytes[rng() % (sizeof(kBytes) - 1)];
      break;
    case 1:
      if (!s.empty()) s.erase(at, 1);
      break;
    default:
      s.insert(at, 1, kBytes[rng() % (sizeof(kBytes) - 1)]);
  }
}

bool sameValue(const Value& x, const Value& y) {
  if (x.kind != y.kind || x.flags != y.flags) return false;
  switch (x.kind) {
    case Kind::Missing:
    case Kind::Null:
      return true;
    case Kind::Bool:
      return x.b == y.b;
    case Kind::Int:
      return x.i == y.i;
    case Kind::Double:
      return std::memcmp(&x.d, &y.d, sizeof x.d) == 0;
    case Kind::String:
    case Kind::Json:
      return x.str() == y.str();
  }
  return false;
}

}  // namespace

class TestJsonFlatScan : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void sameAsSimdjson();
  void nestedSlotsStillExtract();
};

void TestJsonFlatScan::sameAsSimdjson() {
  SlotTable table;
  for (const char* p : kSlots)
    table.intern(std::string_view(p));
  JsonFieldExtractor flat(table);
  JsonFieldExtractor simdjsonOnly(table, false);
  std::mt19937 rng(20261202);
  int accepted = 0, rejected = 0;
  for (int i = 0; i < 40000; ++i) {
    std::string text = record(rng);
    if (i % 3 == 0) corrupt(text, rng);
    Batch a(1, table.size()), b(1, table.size());
    const uint32_t ra = a.append(), rb = b.append();
    a.meta(ra).payload = a.arena().copyPadded(text);
    b.meta(rb).payload = b.arena().copyPadded(text);
    const bool okFlat = flat.extract(a, ra);
    const bool okSimdjson = simdjsonOnly.extract(b, rb);
    QVERIFY2(okFlat == okSimdjson, qPrintable(QString::fromStdString(text)));
    if (!okFlat) {
      QCOMPARE(flat.error(), simdjsonOnly.error());
      ++rejected;
      continue;
    }
    ++accepted;
    for (uint32_t s = 0; s < table.size(); ++s)
      QVERIFY2(sameValue(a.at(s, ra), b.at(s, rb)),
               qPrintable(QString::fromStdString(text) + " slot " +
                          QString::fromStdString(table.text(s))));
  }
  // Both kinds occur often enough to mean something.
  QVERIFY(accepted > 5000);
  QVERIFY(rejected > 5000);
}

void TestJsonFlatScan::nestedSlotsStillExtract() {
  // A nested path turns the flat scan off; the record is read by simdjson as before.
  SlotTable table;
  const uint32_t t = table.intern("temperature");
  const uint32_t x = table.intern("meta.x");
  JsonFieldExtractor extractor(table);
  Batch batch(1, table.size());
  const uint32_t row = batch.append();
  batch.meta(row).payload = batch.arena().copyPadded(R"({"temperature":31.5,"meta":{"x":2}})");
  QVERIFY(extractor.extract(batch, row));
  QCOMPARE(batch.at(t, row).d, 31.5);
  QCOMPARE(batch.at(x, row).i, int64_t(2));
}

QTEST_GUILESS_MAIN(TestJsonFlatScan)
#include "tst_JsonFlatScan.moc"
