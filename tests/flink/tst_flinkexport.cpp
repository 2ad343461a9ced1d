// The Flink SQL export against a real Flink: every pipeline here reads the same input topic on
// the real Apache Kafka broker (the real_kafka fixture) and writes to a Kafka topic, once run by
// streamcanvas-run and once exported with --export flink-sql and run by Flink 2.x on a
// MiniCluster (tests/flink/FlinkSqlHarness.java, jars from installers/fetch-flink.sh). The two
// outputs must agree: counts, sums (of whole numbers), min and max exactly; averages within a
// relative 1e-9; count_distinct exactly (StreamCanvas is exact below 4096 values per window).
// Flink writes only the fields the pipeline reads, so a record of a filter or map is compared on
// the fields Flink wrote (an object's too: Flink writes the fields of it the pipeline reads).
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>
#include <set>

#include "integration/RealKafka.h"

using namespace sc::test;

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
constexpr int kRecords = 3000;
const std::string kInput = "flink-input";  // the topic every pipeline reads

// The pipelines (tests/flink/pipelines/*.json): the examples' logic on Kafka, and generated ones
// covering every translatable window kind and aggregate, filters, maps, a fan-out, nested fields
// (ROW columns), a window with two input wires (UNION ALL) and a filter over mTLS (mtls.json:
// the SSL listener, which requires a client certificate). Each reads
// topic flink-input and writes ${OUT_PREFIX}<name> (and fan_out also
// ${OUT_PREFIX}fan_out_rejected).
struct Case {
  QString name;
  QString path;
  bool windowed;
};

QList<Case> cases() {
  QList<Case> out;
  const QDir dir(SC_SOURCE_DIR "/tests/flink/pipelines");
  for (const QString& file : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
    QFile f(dir.filePath(file));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(f.fileName()));
    out.append({file.chopped(5), f.fileName(), f.readAll().contains("\"window.")});
  }
  return out;
}

// Deterministic readings in rising event time (jitter within the 1 s bound, steps of 10 ms so
// no two readings of a device are exactly a session gap of 1555 ms apart).
std::string readingJson(int i) {
  uint32_t h = static_cast<uint32_t>(i) * 2654435761u;
  h ^= h >> 13;
  const int device = static_cast<int>(h % 8);
  const int64_t ts = 1767225600000 + int64_t(i) * 100 + int64_t((h >> 8) % 60) * 10 - 300;
  const double temperature = 15 + double((h >> 4) % 250) / 10.0;
  const int humidity = 20 + static_cast<int>((h >> 12) % 61);
  const char* status = (h >> 20) % 10 == 0 ? "error" : (h >> 20) % 10 < 3 ? "warn" : "ok";
  // "loc" is an object, for the nested-field pipelines (loc.site, loc.floor).
  char buf[400];
  std::snprintf(buf, sizeof buf,
                R"({"device":"d-%03d","temperature":%.1f,"humidity":%d,"status":"%s","ts":%lld,)"
                R"("code":"%d","pad":"  x%d  ","loc":{"site":"s-%d","floor":%d}%s})",
                device, temperature, humidity, status, static_cast<long long>(ts), i % 7, i % 3,
                device % 4, static_cast<int>((h >> 24) % 5), i % 5 == 0 ? R"(,"note":"n")" : "");
  return buf;
}

bool sameNumber(double a, double b, bool tolerant) {
  if (a == b) return true;
  return tolerant && std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

bool sameValue(const QJsonValue& a, const QJsonValue& b, bool tolerant) {
  if (a.isDouble() && b.isDouble()) return sameNumber(a.toDouble(), b.toDouble(), tolerant);
  return a == b;
}

QString text(const QJsonObject& o) {
  return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// `flink`'s fields projected out of `sc`, as a canonical text (numbers compared by value).
QString projected(const QJsonObject& sc, const QJsonObject& flink) {
  QJsonObject p;
  for (auto it = flink.begin(); it != flink.end(); ++it) {
    QJsonValue v = sc.value(it.key());
    if (v.isUndefined()) v = QJsonValue::Null;
    p.insert(it.key(), v);
  }
  return text(p);
}

QString canonicalNumbers(const QJsonObject& o) {
  QJsonObject c;
  for (auto it = o.begin(); it != o.end(); ++it)
    c.insert(it.key(), it.value().isDouble()
                           ? QJsonValue(QString::number(it.value().toDouble(), 'g', 17))
                           : it.value());
  return text(c);
}

// Creates `topic` with time retention off: window results carry their window's event time
// (January 2026) as message timestamp, which the broker's 7-day retention would delete.
std::string createKeptTopic(const RealKafka& kafka, const std::string& topic) {
  RdKafkaPtr rk = kafka.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext);
  if (!rk) return "no client";
  char err[512];
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), 1, 1, err, sizeof err);
  if (!nt) return err;
  rd_kafka_NewTopic_set_config(nt, "retention.ms", "-1");
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk.get());
  rd_kafka_CreateTopics(rk.get(), &nt, 1, nullptr, q);
  rd_kafka_NewTopic_destroy(nt);
  std::string result = "no CreateTopics result within 30 s";
  if (rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000)) {
    size_t n = 0;
    const rd_kafka_topic_result_t** r =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
    result = rd_kafka_event_error(ev) ? rd_kafka_event_error_string(ev)
             : n == 1 && rd_kafka_topic_result_error(r[0])
                 ? rd_kafka_topic_result_error_string(r[0])
                 : "";
    rd_kafka_event_destroy(ev);
  }
  rd_kafka_queue_destroy(q);
  return result;
}

std::vector<QJsonObject> readTopic(const RealKafka& kafka, const std::string& topic) {
  std::vector<QJsonObject> out;
  for (const std::string& v : readValues(kafka, SecurityMode::Plaintext, topic))
    out.push_back(QJsonDocument::fromJson(QByteArray::fromStdString(v)).object());
  return out;
}

}  // namespace

class TestFlinkExport : public QObject {
  Q_OBJECT
  RealKafka kafka_;
  QTemporaryDir dir_;
  QString flinkLog_;

  QProcessEnvironment environment(const QString& prefix) const {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("KAFKA_BOOTSTRAP",
               QString::fromStdString(kafka_.bootstrap(SecurityMode::Plaintext)));
    env.insert("OUT_PREFIX", prefix);
    // mtls.json reads and writes over the broker's SSL listener with a client certificate.
    env.insert("KAFKA_SSL", QString::fromStdString(kafka_.bootstrap(SecurityMode::Mtls)));
    env.insert("KAFKA_CA", QString::fromStdString(kafka_.value("KAFKA_CA")));
    env.insert("KAFKA_CLIENT_KEYSTORE", dir_.filePath("client-keystore.pem"));
    return env;
  }

 private Q_SLOTS:
  void initTestCase() {
    kafka_ = RealKafka::fromEnvironment();
    QVERIFY2(kafka_.ok(), qPrintable(kafka_.error()));
    QVERIFY(dir_.isValid());
    // The Flink jars (installers/fetch-flink.sh, run by install-deps.sh).
    QFile pom(SC_SOURCE_DIR "/tests/flink/pom.xml");
    QVERIFY(pom.open(QIODevice::ReadOnly));
    const QString pomText = QString::fromUtf8(pom.readAll());
    const int at = pomText.indexOf("<flink.version>") + 15;
    const QString version = pomText.mid(at, pomText.indexOf("</flink.version>") - at);
    const QString cache =
        qEnvironmentVariableIsSet("SC_FLINK_HOME")
            ? qEnvironmentVariable("SC_FLINK_HOME")
            : (qEnvironmentVariableIsSet("XDG_CACHE_HOME") ? qEnvironmentVariable("XDG_CACHE_HOME")
                                                           : QDir::homePath() + "/.cache") +
                  "/streamcanvas/flink-" + version;
    const QString libs = cache + "/libs";
    QVERIFY2(QFile::exists(libs + "/.streamcanvas-stamp"),
             qPrintable("no Flink jars in " + libs + ": run bash installers/fetch-flink.sh"));

    // The client's key and certificate in one PEM file: librdkafka reads each from it, and the
    // Java client reads a PEM key store from one file.
    {
      QFile keystore(dir_.filePath("client-keystore.pem"));
      QVERIFY(keystore.open(QIODevice::WriteOnly));
      for (const char* part : {"KAFKA_CLIENT_KEY", "KAFKA_CLIENT_CERT"}) {
        QFile f(QString::fromStdString(kafka_.value(part)));
        QVERIFY2(f.open(QIODevice::ReadOnly), part);
        keystore.write(f.readAll());
      }
    }

    QElapsedTimer clock;
    clock.start();
    QVERIFY(createTopic(kafka_, SecurityMode::Plaintext, kInput, 1).empty());
    for (const Case& c : cases())
      for (const char* prefix : {"sc-", "flink-"})
        for (const QString& suffix : {QString(), QString("_rejected")}) {
          const std::string topic = prefix + (c.name + suffix).toStdString();
          const std::string error = createKeptTopic(kafka_, topic);
          QVERIFY2(error.empty(), (topic + ": " + error).c_str());
        }
    {
      RdKafkaPtr rk = kafka_.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext,
                                       {{"enable.idempotence", "true"}});
      QVERIFY(rk);
      for (int i = 0; i < kRecords; ++i) {
        const std::string v = readingJson(i);
        QCOMPARE(rd_kafka_producev(rk.get(), RD_KAFKA_V_TOPIC(kInput.c_str()),
                                   RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                   RD_KAFKA_V_VALUE(const_cast<char*>(v.data()), v.size()),
                                   RD_KAFKA_V_END),
                 RD_KAFKA_RESP_ERR_NO_ERROR);
        rd_kafka_poll(rk.get(), 0);
      }
      QCOMPARE(rd_kafka_flush(rk.get(), 60000), RD_KAFKA_RESP_ERR_NO_ERROR);
    }

    // StreamCanvas runs and exports every pipeline.
    QStringList scripts;
    for (const Case& c : cases()) {
      const QString& path = c.path;
      QProcess run;
      run.setProcessEnvironment(environment("sc-"));
      // --fresh: a finished run of an earlier ctest pass stays finished in the state folder.
      run.start(kRunner, {path, "--fresh"});
      QVERIFY(run.waitForFinished(120000));
      QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
      QProcess exporter;
      const QString script = dir_.filePath(c.name + ".sql");
      exporter.start(kRunner, {"--export", "flink-sql", path, "-o", script});
      QVERIFY(exporter.waitForFinished(30000));
      QVERIFY2(exporter.exitCode() == 0, exporter.readAllStandardError().constData());
      scripts << script;
    }
    qInfo("StreamCanvas ran and exported %d pipelines in %.1f s", int(scripts.size()),
          clock.elapsed() / 1000.0);

    // One JVM runs every script: javac the harness, then the jobs one after the other.
    clock.restart();
    const QString classes = dir_.filePath("classes");
    QProcess javac;
    javac.start("javac", {"-d", classes, "-cp", libs + "/*",
                          SC_SOURCE_DIR "/tests/flink/FlinkSqlHarness.java"});
    QVERIFY(javac.waitForFinished(120000));
    QVERIFY2(javac.exitCode() == 0, javac.readAllStandardError().constData());
    QProcess flink;
    flink.setProcessEnvironment(environment("flink-"));
    flink.start("java", QStringList{"-Xmx1g", "-XX:+UseSerialGC", "-cp", libs + "/*:" + classes,
                                    "FlinkSqlHarness"} +
                            scripts);
    QVERIFY(flink.waitForFinished(270000));
    flinkLog_ = QString::fromUtf8(flink.readAllStandardError());
    QVERIFY2(flink.exitCode() == 0, qPrintable(flinkLog_.right(6000)));
    for (const QString& line : flinkLog_.split('\n'))
      if (line.contains(" finished in ")) qInfo("%s", qPrintable(line));
    qInfo("Flink ran %d jobs in %.1f s", int(scripts.size()), clock.elapsed() / 1000.0);
  }

  void sameOutput_data() {
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("windowed");
    for (const Case& c : cases())
      QTest::newRow(qPrintable(c.name)) << c.name << c.windowed;
    QTest::newRow("fan_out_rejected") << QString("fan_out_rejected") << false;
  }

  void sameOutput() {
    QFETCH(QString, topic);
    QFETCH(bool, windowed);
    const std::vector<QJsonObject> sc = readTopic(kafka_, "sc-" + topic.toStdString());
    const std::vector<QJsonObject> flink = readTopic(kafka_, "flink-" + topic.toStdString());
    QVERIFY2(!sc.empty(), "StreamCanvas wrote nothing");
    QCOMPARE(flink.size(), sc.size());
    if (windowed) {
      std::map<QString, QJsonObject> byWindow;
      for (const QJsonObject& o : sc)
        byWindow[text(
            QJsonObject{{"s", o["window_start"]}, {"e", o["window_end"]}, {"k", o["key"]}})] = o;
      for (const QJsonObject& f : flink) {
        const QString id =
            text(QJsonObject{{"s", f["window_start"]}, {"e", f["window_end"]}, {"k", f["key"]}});
        auto it = byWindow.find(id);
        QVERIFY2(it != byWindow.end(),
                 qPrintable("Flink's window " + id + " is not StreamCanvas's"));
        QCOMPARE(f.keys(), it->second.keys());
        for (const QString& k : f.keys())
          QVERIFY2(sameValue(f[k], it->second[k], k.startsWith("avg")),
                   qPrintable(id + " " + k + ": Flink " + text(f) + " StreamCanvas " +
                              text(it->second)));
      }
      return;
    }
    std::multiset<QString> want, got;
    for (size_t i = 0; i < sc.size(); ++i) {
      want.insert(
          canonicalNumbers(QJsonDocument::fromJson(projected(sc[i], flink[0]).toUtf8()).object()));
      got.insert(canonicalNumbers(flink[i]));
    }
    if (want != got) {
      auto a = want.begin();
      auto b = got.begin();
      while (a != want.end() && b != got.end() && *a == *b)
        ++a, ++b;
      QFAIL(qPrintable("first difference: StreamCanvas " + (a == want.end() ? QString("-") : *a) +
                       "\nFlink " + (b == got.end() ? QString("-") : *b)));
    }
  }
};

QTEST_GUILESS_MAIN(TestFlinkExport)
#include "tst_flinkexport.moc"
