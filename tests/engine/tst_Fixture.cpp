// The wire fixture format (engine/runtime/Fixture.h): records round-trip with their bytes and
// metadata, and every malformed line is reported with file, line, what is wrong and what to do.
#include <QtTest>

#include <fstream>

#include "engine/runtime/Fixture.h"

using namespace sc;

class TestFixture : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void recordsRoundTripThroughAFile();
  void malformedLinesNameFileLineAndFix_data();
  void malformedLinesNameFileLineAndFix();
  void missingFileSaysSo();
};

void TestFixture::recordsRoundTripThroughAFile() {
  std::vector<FixtureRecord> records(4);
  records[0].value = R"({"b": 1.50, "a":[1,{"x":"\u00e9"}]})";  // spacing and number text kept
  records[0].key = "k-1";
  records[0].topic = "orders";
  records[0].partition = 2;
  records[0].offset = 99;
  records[0].timestamp = 1700000000123;
  records[0].arrivalMs = 1764640000000;
  records[0].headers = {{"trace", "abc"}, {"trace", "def"}, {"bin", std::string("\xff\x00", 2)}};
  records[1].value = "{\n  \"pretty\": true\n}";  // a record over several lines
  records[1].key = std::string("\xc3\x28", 2);    // not UTF-8
  records[1].noEventTime = true;
  records[1].timestamp = -1;
  records[2].value = "{}";
  records[2].key = "";  // an empty key is a key
  records[3].value = R"({"s":"line\nbreak"})";

  QTemporaryDir dir;
  const std::string path = dir.filePath("f.jsonl").toStdString();
  FixtureWriter writer;
  std::string error;
  QVERIFY2(writer.open(path, error), error.c_str());
  for (const auto& r : records)
    writer.write(r);
  QVERIFY2(writer.close(error), error.c_str());
  const auto back = readFixtureFile(path, error);
  QVERIFY2(back.has_value(), error.c_str());
  QCOMPARE(back->size(), records.size());
  for (size_t i = 0; i < records.size(); ++i)
    QVERIFY2((*back)[i] == records[i], formatFixtureLine((*back)[i]).c_str());
  // The record's text is embedded as it is, so the file stays readable.
  QVERIFY(formatFixtureLine(records[0]).starts_with(R"({"value":{"b": 1.50, )"));
}

void TestFixture::malformedLinesNameFileLineAndFix_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<int>("line");
  QTest::addColumn<QString>("says");
  const QByteArray good = R"({"value":{"a":1},"timestamp":5})"
                          "\n";
  QTest::newRow("not JSON") << good + "hello\n" << 2 << "not a JSON object";
  QTest::newRow("truncated") << good + good + R"({"value":{"a":1)" << 3 << "malformed JSON";
  QTest::newRow("no value") << QByteArray(R"({"timestamp":5})") << 1 << "no \"value\"";
  QTest::newRow("value not an object")
      << QByteArray(R"({"value":[1,2]})") << 1 << "\"value\" must be the record as a JSON object";
  QTest::newRow("partition text") << QByteArray(R"({"value":{},"partition":"3"})") << 1
                                  << "\"partition\" must be a whole number";
  QTest::newRow("unknown member") << QByteArray(R"({"value":{},"valu":{}})") << 1
                                  << "unknown member \"valu\"";
  QTest::newRow("headers shape") << QByteArray(R"({"value":{},"headers":{"a":"b"}})") << 1
                                 << "[name, value] pairs";
  QTest::newRow("two objects on a line")
      << QByteArray(R"({"value":{}} {"value":{}})") << 1 << "one record per line";
  QTest::newRow("bad hex key") << QByteArray(R"({"value":{},"key":{"hex":"zz"}})") << 1
                               << "\"key\" must be a string";
  QTest::newRow("deep nesting") << QByteArray("{\"value\":{\"a\":") + QByteArray(5000, '[') << 1
                                << "nested more than";
}

void TestFixture::malformedLinesNameFileLineAndFix() {
  QFETCH(QByteArray, text);
  QFETCH(int, line);
  QFETCH(QString, says);
  QTemporaryDir dir;
  const std::string path = dir.filePath("bad.jsonl").toStdString();
  std::ofstream(path, std::ios::binary).write(text.data(), text.size());
  std::string error;
  QVERIFY(!readFixtureFile(path, error).has_value());
  QVERIFY2(error.starts_with(path + ":" + std::to_string(line) + ": "), error.c_str());
  QVERIFY2(error.find(says.toStdString()) != std::string::npos, error.c_str());
  QVERIFY2(error.find("docs/testing.md") != std::string::npos, error.c_str());
}

void TestFixture::missingFileSaysSo() {
  std::string error;
  QVERIFY(!readFixtureFile("/nonexistent/f.jsonl", error).has_value());
  QVERIFY2(error.find("/nonexistent/f.jsonl: cannot open fixture file") == 0, error.c_str());
}

QTEST_GUILESS_MAIN(TestFixture)
#include "tst_Fixture.moc"
