// The topic browser's scan against an embedded cluster: positions (kcat's offset syntax and
// times), a filter over value, key, headers and metadata across a topic many fetches long, the
// bound on what is kept with the rest spilled to a file, cancel, and the JSONL export compared
// with what kcat -J prints for the same messages.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "integration/KafkaTestSupport.h"
#include "nodes/browse/TopicScan.h"

using namespace sc;
using namespace sc::kafka;

using test::connectionTo;

namespace {

constexpr int64_t kBaseTime = 1780000000000;  // 2026-05-28, the first message's timestamp

// Message i of the "readings" topic: partition i % 3, timestamp kBaseTime + i seconds.
test::Produced reading(int i) {
  test::Produced p;
  p.value = "{\"i\":" + std::to_string(i) + ",\"temperature\":" + std::to_string(i % 100) +
            ",\"site\":\"s" + std::to_string(i % 7) + "\"}";
  p.key = "k" + std::to_string(i % 11);
  p.headers = {{"trace", "t" + std::to_string(i % 13)}};
  p.partition = i % 3;
  p.timestamp = kBaseTime + int64_t(i) * 1000;
  return p;
}

int64_t fieldI(const KafkaMessage& m) {
  return QJsonDocument::fromJson(QByteArray::fromStdString(*m.value))
      .object()
      .value("i")
      .toInteger(-1);
}

}  // namespace

class TestTopicScan : public QObject {
  Q_OBJECT

  std::shared_ptr<EmbeddedCluster> cluster_;
  static constexpr int kCount = 30000;  // many fetches of the default 1 MiB

 private Q_SLOTS:
  void initTestCase() {
    auto started = EmbeddedCluster::start(1, 3);
    QVERIFY2(started.ok(), started.error.c_str());
    cluster_ = started.value;
    QVERIFY(cluster_->ensureTopic("readings", 3).ok());
    std::vector<test::Produced> all;
    for (int i = 0; i < kCount; ++i)
      all.push_back(reading(i));
    test::produceAll(cluster_->bootstrapServers(), "readings", all);
  }
  void cleanupTestCase() { cluster_.reset(); }

  void parsesPositions() {
    const int64_t now = 1780000000000;
    auto r = ScanRange::parse("beginning", now);
    QVERIFY(r.ok());
    QVERIFY(r.value.from == ScanRange::From::Beginning);
    r = ScanRange::parse("  1234 ", now);
    QVERIFY(r.ok() && r.value.from == ScanRange::From::Offset && r.value.fromValue == 1234);
    r = ScanRange::parse("-20", now);
    QVERIFY(r.ok() && r.value.from == ScanRange::From::Last && r.value.fromValue == 20);
    r = ScanRange::parse("-10m", now);
    QVERIFY(r.ok() && r.value.from == ScanRange::From::Time);
    QCOMPARE(r.value.fromValue, now - 600000);
    r = ScanRange::parse("s@2026-06-01T12:00:00Z e@-2h", now);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.value.fromValue, int64_t(1780315200000));
    QCOMPARE(*r.value.untilTimeMs, now - 7200000);
    r = ScanRange::parse("s@1780000000000", now);
    QVERIFY(r.ok() && r.value.fromValue == 1780000000000);
    r = ScanRange::parse("end", now);
    QVERIFY(r.ok() && r.value.from == ScanRange::From::End);
    for (const char* bad : {"start", "s@yesterday", "-10x", "5 6", "e@", "2026-13-01"}) {
      auto b = ScanRange::parse(bad, now);
      QVERIFY2(!b.ok(), bad);
      QVERIFY2(b.error.find("Use beginning, end") != std::string::npos, b.error.c_str());
    }
  }

  void filtersTheWholeRangeAndSpillsPastTheBound() {
    // Matches are spread over the whole topic, so a scan that stopped after the first fetch,
    // or after the first N messages, finds too few.
    QTemporaryDir dir;
    ScanOptions o;
    o.topic = "readings";
    o.filter = "temperature >= 95 && site == \"s3\"";
    o.keep = 50;
    o.spillPath = (dir.path() + "/rest.jsonl").toStdString();
    std::vector<int> expected;
    for (int i = 0; i < kCount; ++i)
      if (i % 100 >= 95 && i % 7 == 3) expected.push_back(i);
    QVERIFY(expected.size() > 100);
    std::vector<ScanProgress> reports;
    o.progress = [&](const ScanProgress& p) { reports.push_back(p); };
    auto r = scanTopic(connectionTo(cluster_), o);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.value.progress.scanned, int64_t(kCount));
    QCOMPARE(r.value.progress.total, int64_t(kCount));
    QCOMPARE(r.value.progress.matched, int64_t(expected.size()));
    QCOMPARE(r.value.messages.size(), size_t(50));
    QCOMPARE(r.value.spilled, int64_t(expected.size() - 50));
    QVERIFY(!reports.empty());
    QCOMPARE(reports.back().scanned, int64_t(kCount));
    // Kept and spilled together are exactly the expected messages.
    std::set<int64_t> seen;
    for (const KafkaMessage& m : r.value.messages)
      seen.insert(fieldI(m));
    std::ifstream rest(o.spillPath);
    std::string line;
    int lines = 0;
    while (std::getline(rest, line)) {
      ++lines;
      const QJsonObject o2 = QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
      const QJsonObject payload =
          QJsonDocument::fromJson(o2.value("payload").toString().toUtf8()).object();
      seen.insert(payload.value("i").toInteger(-1));
    }
    QCOMPARE(lines, int(expected.size() - 50));
    QCOMPARE(seen, std::set<int64_t>(expected.begin(), expected.end()));
  }

  void filtersOnKeyHeadersAndMetadata() {
    ScanOptions o;
    o.topic = "readings";
    o.filter = "$key == \"k4\" && $headers.trace == \"t5\" && $partition == 2 && $offset < 5000";
    auto r = scanTopic(connectionTo(cluster_), o);
    QVERIFY2(r.ok(), r.error.c_str());
    int64_t expected = 0;
    for (int i = 0; i < kCount; ++i)
      if (i % 11 == 4 && i % 13 == 5 && i % 3 == 2 && i / 3 < 5000) ++expected;
    QVERIFY(expected > 0);
    QCOMPARE(r.value.progress.matched, expected);
    for (const KafkaMessage& m : r.value.messages) {
      QCOMPARE(m.partition, 2);
      QCOMPARE(*m.key, std::string("k4"));
    }
  }

  void seeksByOffsetAndFromTheEnd() {
    ScanOptions o;
    o.topic = "readings";
    o.partitions = {1};
    o.range = ScanRange::parse("9990", 0).value;
    auto r = scanTopic(connectionTo(cluster_), o);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.value.messages.size(), size_t(kCount / 3 - 9990));
    QCOMPARE(r.value.messages.front().offset, int64_t(9990));
    QCOMPARE(fieldI(r.value.messages.front()), int64_t(9990 * 3 + 1));
    o.partitions = {};
    o.range = ScanRange::parse("-4", 0).value;
    r = scanTopic(connectionTo(cluster_), o);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.value.messages.size(), size_t(12));
    for (const KafkaMessage& m : r.value.messages)
      QVERIFY(m.offset >= kCount / 3 - 4);
  }

  void startsAndStopsAtTimesByScanningOnTheEmbeddedCluster() {
    // Messages 100..199 by time: s@ the 100th second, e@ the 200th.
    ScanOptions o;
    o.topic = "readings";
    o.offsetsByTime = false;
    o.range = ScanRange::parse("s@" + std::to_string(kBaseTime + 100000) + " e@" +
                                   std::to_string(kBaseTime + 200000),
                               0)
                  .value;
    auto r = scanTopic(connectionTo(cluster_), o);
    QVERIFY2(r.ok(), r.error.c_str());
    std::set<int64_t> got;
    for (const KafkaMessage& m : r.value.messages)
      got.insert(fieldI(m));
    std::set<int64_t> expected;
    for (int i = 100; i < 200; ++i)
      expected.insert(i);
    QCOMPARE(got, expected);
    QCOMPARE(r.value.notes.size(), size_t(1));
    QVERIFY(r.value.notes[0].find("cannot look offsets up by time") != std::string::npos);
  }

  void nonJsonValuesHaveNoFieldsButMetadata() {
    QVERIFY(cluster_->ensureTopic("text", 1).ok());
    std::vector<test::Produced> lines;
    for (int i = 0; i < 10; ++i)
      lines.push_back({i == 4 ? "{broken" : "line " + std::to_string(i), "", {}, 0});
    test::produceAll(cluster_->bootstrapServers(), "text", lines);
    ScanOptions o;
    o.topic = "text";
    o.filter = "temperature == null && $offset >= 3";
    auto r = scanTopic(connectionTo(cluster_), o);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.value.messages.size(), size_t(7));
    QCOMPARE(*r.value.messages[1].value, std::string("{broken"));
  }

  void refusesBadInputClearly() {
    ScanOptions o;
    o.topic = "readings";
    o.filter = "temperature >";
    auto r = scanTopic(connectionTo(cluster_), o);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.find("filter, column") != std::string::npos, r.error.c_str());
    QCOMPARE(checkScanFilter("temperature >").empty(), false);
    QVERIFY(checkScanFilter("temperature > 3").empty());
    o.filter = "";
    o.topic = "nope";
    r = scanTopic(connectionTo(cluster_), o);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.find("nope") != std::string::npos, r.error.c_str());
    o.topic = "readings";
    o.spillPath = "/nonexistent-folder/x.jsonl";
    r = scanTopic(connectionTo(cluster_), o);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.find("/nonexistent-folder/x.jsonl") != std::string::npos, r.error.c_str());
  }

  void configAndGroupsSayWhyNotOnTheEmbeddedCluster() {
    // Known as embedded: refused at once, saying why.
    ClusterAdmin known(connectionTo(cluster_));
    auto config = known.topicConfig("readings");
    QVERIFY(!config.ok());
    QVERIFY2(config.error.find("embedded cluster") != std::string::npos, config.error.c_str());
    QVERIFY(!known.listGroups().ok());
    // Reached by its address only: the mock cannot answer, and the answer says so in time.
    ResolvedConnection byAddress = connectionTo(cluster_);
    byAddress.cluster.reset();
    ClusterAdmin typed(byAddress);
    QElapsedTimer t;
    t.start();
    config = typed.topicConfig("readings", 1000);
    QVERIFY(!config.ok());
    qInfo("DescribeConfigs on the mock by address: %s after %lld ms",
          config.ok() ? "ok" : config.error.c_str(), t.elapsed());
    t.restart();
    auto groups = typed.listGroups(1000);
    QVERIFY(!groups.ok());
    qInfo("ListGroups on the mock by address: %s after %lld ms",
          groups.ok() ? "ok" : groups.error.c_str(), t.elapsed());
  }

  void cancelStopsTheScan() {
    std::atomic<bool> cancel{false};
    ScanOptions o;
    o.topic = "readings";
    o.cancel = &cancel;
    o.progress = [&](const ScanProgress& p) {
      if (p.scanned > 0) cancel = true;
    };
    auto r = scanTopic(connectionTo(cluster_), o);
    QVERIFY2(r.ok(), r.error.c_str());
    QVERIFY(r.value.cancelled);
    QVERIFY(r.value.progress.scanned < kCount);
  }

  void exportedJsonLinesMatchKcat() {
    if (QStandardPaths::findExecutable("kcat").isEmpty())
      QSKIP("kcat is not installed (apt-get install kcat)");
    // A topic with a null key, an empty header value and bytes that are not UTF-8.
    QVERIFY(cluster_->ensureTopic("mixed", 1).ok());
    test::produceAll(cluster_->bootstrapServers(), "mixed",
                     {{"{\"a\":1}", "k1", {{"h", "v"}, {"e", ""}}, 0, kBaseTime},
                      {"plain \"quoted\" text", "", {}, 0, kBaseTime + 1},
                      {"caf\xc3\xa9", "k\xff", {}, 0, kBaseTime + 2}});
    ScanOptions o;
    o.topic = "mixed";
    auto r = scanTopic(connectionTo(cluster_), o);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.value.messages.size(), size_t(3));
    QProcess kcat;
    kcat.start("kcat", {"-C", "-b", QString::fromStdString(cluster_->bootstrapServers()), "-t",
                        "mixed", "-J", "-e", "-q"});
    QVERIFY(kcat.waitForFinished(30000));
    const QList<QByteArray> theirs = kcat.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(theirs.size(), 3);
    // kcat writes bytes that are not UTF-8 as they are (a line that is no JSON); ours stays JSON
    // and reads them as Latin-1.
    QVERIFY(QJsonDocument::fromJson(theirs[2]).isNull());
    const QJsonObject third =
        QJsonDocument::fromJson(QByteArray::fromStdString(messageJsonLine(r.value.messages[2])))
            .object();
    QCOMPARE(third.value("key").toString(), QString::fromUtf8("k\u00ff"));
    QCOMPARE(third.value("payload").toString(), QString::fromUtf8("caf\u00e9"));
    for (int i = 0; i < 2; ++i) {
      QJsonParseError error;
      const QJsonObject ours =
          QJsonDocument::fromJson(QByteArray::fromStdString(messageJsonLine(r.value.messages[i])),
                                  &error)
              .object();
      QCOMPARE(error.error, QJsonParseError::NoError);
      QJsonObject kcatLine = QJsonDocument::fromJson(theirs[i]).object();
      for (const char* field :
           {"topic", "partition", "offset", "tstype", "ts", "headers", "key", "payload"})
        QVERIFY2(ours.value(field) == kcatLine.value(field),
                 qPrintable(QString("message %1, %2: ours %3, kcat %4")
                                .arg(i)
                                .arg(field, QJsonDocument(QJsonArray{ours.value(field)}).toJson(),
                                     QJsonDocument(QJsonArray{kcatLine.value(field)}).toJson())));
    }
    // CSV: a header and one quoted line per message.
    const std::string csv = messageCsvLine(r.value.messages[1]);
    QCOMPARE(csv, std::string("mixed,0,1,") + std::to_string(kBaseTime + 1) +
                      ",,\"plain \"\"quoted\"\" text\",\n");
  }
};

QTEST_GUILESS_MAIN(TestTopicScan)
#include "tst_topicscan.moc"
