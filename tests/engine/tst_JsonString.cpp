// The one JSON string escaper (engine/runtime/JsonString): what it writes for every control
// character, quotes, backslashes, U+2028 and bytes that are not UTF-8; that its output reads back
// as the input; and a differential test against the three escapers it replaced (RecordJson's
// appendJsonString, the fixture's appendQuoted, Log's jsonEscape), copied here as they were.
// They agreed byte for byte except for \b and \f (RecordJson wrote the short forms, the other two
// \u0008 and \u000c, the same string to a reader); the shared one keeps RecordJson's.
#include <QtTest>

#include <nlohmann/json.hpp>

#include <random>
#include <string>

#include "engine/runtime/JsonString.h"

namespace {

std::string escaped(std::string_view s) {
  std::string out;
  sc::appendJsonString(out, s);
  return out;
}

// ---- the escapers as they were before they became one ---------------------------------------
std::string oldRecordJson(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  return out + '"';
}

std::string oldFixture(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + '"';
}

std::string oldLog(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + '"';
}

// Random strings weighted towards what escaping is about: quotes, backslashes, control
// characters, multi-byte UTF-8 (U+2028 among it) and bytes that are not UTF-8.
std::string randomText(std::mt19937& rng) {
  static const std::string pieces[] = {"\"",
                                       "\\",
                                       "\n",
                                       "\r",
                                       "\t",
                                       "\b",
                                       "\f",
                                       std::string(1, '\0'),
                                       "\x1f",
                                       "\x7f",
                                       "/",
                                       "\xe2\x80\xa8",
                                       "\xe2\x80\xa9",
                                       "\xc3\xa9",
                                       "\xf0\x9f\x98\x80",
                                       "\xff",
                                       "\xc0\x80",
                                       "\xed\xa0\x80",
                                       "\xe2\x82",
                                       "u00",
                                       "abc",
                                       " "};
  std::string s;
  const int n = std::uniform_int_distribution<int>(0, 12)(rng);
  for (int i = 0; i < n; ++i) {
    if (rng() % 4 == 0)
      s += static_cast<char>(rng() % 256);
    else
      s += pieces[rng() % std::size(pieces)];
  }
  return s;
}

}  // namespace

class TestJsonString : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void writesEachSpecialCharacterAsJsonDoes() {
    QCOMPARE(escaped(""), std::string("\"\""));
    QCOMPARE(escaped("plain text"), std::string("\"plain text\""));
    QCOMPARE(escaped("a\"b\\c/d"), std::string("\"a\\\"b\\\\c/d\""));
    QCOMPARE(escaped("\n\r\t\b\f"), std::string("\"\\n\\r\\t\\b\\f\""));
    QCOMPARE(escaped(std::string("\0\x01\x1f", 3)), std::string("\"\\u0000\\u0001\\u001f\""));
    QCOMPARE(escaped("\x7f"), std::string("\"\x7f\""));  // DEL needs no escape
    // U+2028 and U+2029 are valid in JSON strings: copied as they are.
    QCOMPARE(escaped("\xe2\x80\xa8\xe2\x80\xa9"), std::string("\"\xe2\x80\xa8\xe2\x80\xa9\""));
    // Bytes that are not UTF-8 pass through unchanged (callers that need valid text check first).
    QCOMPARE(escaped("\xff\xc0\x80"), std::string("\"\xff\xc0\x80\""));
    std::string appended = "x:";
    sc::appendJsonString(appended, "y");
    QCOMPARE(appended, std::string("x:\"y\""));
  }

  void everyControlCharacterReadsBack() {
    for (int c = 0; c < 0x20; ++c) {
      const std::string s = "<" + std::string(1, static_cast<char>(c)) + ">";
      const std::string text = escaped(s);
      for (char ch : text)
        QVERIFY2(static_cast<unsigned char>(ch) >= 0x20, qPrintable(QString::number(c)));
      QCOMPARE(nlohmann::json::parse(text).get<std::string>(), s);
    }
  }

  void utf8CheckIsStrict() {
    QVERIFY(sc::isValidUtf8(""));
    QVERIFY(sc::isValidUtf8("ascii"));
    QVERIFY(sc::isValidUtf8("\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf"));
    QVERIFY(!sc::isValidUtf8("\xc0\x80"));          // overlong
    QVERIFY(!sc::isValidUtf8("\xe0\x80\x80"));      // overlong
    QVERIFY(!sc::isValidUtf8("\xed\xa0\x80"));      // surrogate
    QVERIFY(!sc::isValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
    QVERIFY(!sc::isValidUtf8("\xe2\x82"));          // cut short
    QVERIFY(!sc::isValidUtf8("\x80"));              // continuation byte alone
    QVERIFY(!sc::isValidUtf8("\xff"));
  }

  // 20,000 random strings: the same bytes as the old escapers wherever they all agreed (no \b,
  // no \f), the same string to a reader where they did not, and always the input back.
  void agreesWithTheEscapersItReplaced() {
    std::mt19937 rng(20261202);
    int compared = 0, readBack = 0;
    for (int i = 0; i < 20000; ++i) {
      const std::string s = randomText(rng);
      const std::string got = escaped(s);
      QCOMPARE(got, oldRecordJson(s));
      if (s.find_first_of("\b\f") == std::string::npos) {
        QCOMPARE(got, oldFixture(s));
        QCOMPARE(got, oldLog(s));
        ++compared;
      }
      if (sc::isValidUtf8(s)) {
        QCOMPARE(nlohmann::json::parse(got).get<std::string>(), s);
        QCOMPARE(nlohmann::json::parse(got), nlohmann::json::parse(oldFixture(s)));
        ++readBack;
      } else {
        QVERIFY_THROWS_EXCEPTION(nlohmann::json::parse_error, nlohmann::json::parse(got));
      }
    }
    QVERIFY(compared > 5000 && readBack > 2000);
    qInfo("%d strings byte-compared with all three, %d read back", compared, readBack);
  }
};

QTEST_GUILESS_MAIN(TestJsonString)
#include "tst_JsonString.moc"
