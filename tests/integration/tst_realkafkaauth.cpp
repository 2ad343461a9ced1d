// Secure connections through StreamCanvas itself, against the real broker (the real_kafka
// fixture): streamcanvas-run copies a topic with kafka.source -> kafka.sink over a pipeline
// connection configured for SASL_SSL/PLAIN, mutual TLS and OAUTHBEARER (unsecured JWT), with the
// secret passed as ${VAR}. Wrong credentials end the run with a message naming the connection,
// quickly and without a retry storm; no secret appears in any line the runner prints.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <set>

#include "engine/graph/Json.h"
#include "integration/RealKafka.h"

using namespace sc::test;
using sc::Json;

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
constexpr int kRecords = 300;

void produceValues(rd_kafka_t* rk, const std::string& topic, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string value = R"({"n": )" + std::to_string(i) + "}";
    rd_kafka_resp_err_t err;
    while ((err = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.c_str()),
                                    RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)) ==
           RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(rk, 10);
    if (err) qFatal("produce: %s", rd_kafka_err2str(err));
  }
  if (rd_kafka_flush(rk, 30000) != RD_KAFKA_RESP_ERR_NO_ERROR) qFatal("flush timed out");
}

struct RunnerOutcome {
  int exitCode = -1;
  QByteArray output;  // stdout and stderr
  qint64 elapsedMs = 0;
};

}  // namespace

class TestRealKafkaAuth : public QObject {
  Q_OBJECT

 private:
  RealKafka kafka_;
  QTemporaryDir dir_;
  // Topic names are unique per run, so the test can run again against the same broker.
  const std::string run_ = std::to_string(QDateTime::currentMSecsSinceEpoch());

  // The connection entry for `mode`: the fixture's librdkafka properties, with the password and
  // the OAUTHBEARER config as ${SC_TEST_SECRET} (substituted from the runner's environment).
  Json connectionFor(SecurityMode mode, std::string* secret) const {
    Json props = Json::object();
    for (const auto& [k, v] : kafka_.properties(mode)) {
      if (k == "bootstrap.servers") continue;
      if (k == "sasl.password" || k == "sasl.oauthbearer.config") {
        *secret = v;
        props[k] = "${SC_TEST_SECRET}";
      } else {
        props[k] = v;
      }
    }
    return {
        {"type", "kafka"}, {"bootstrap_servers", kafka_.bootstrap(mode)}, {"properties", props}};
  }

  // kafka.source -> kafka.sink, or with `sinkOnly` generator -> kafka.sink.
  QString writePipeline(const std::string& name, const Json& connection, const std::string& in,
                        const std::string& out, bool sinkOnly = false) {
    Json doc = {
        {"streamcanvas", 1},
        {"name", name},
        {"settings", {{"restart", {{"strategy", "none"}}}}},
        {"connections", {{"secure", connection}}},
        {"nodes", Json::array({{{"id", "in"},
                                {"type", "kafka.source"},
                                {"properties",
                                 {{"connection", "secure"},
                                  {"topics", Json::array({in})},
                                  {"bounded", true},
                                  {"start", "earliest"},
                                  {"group_id", name}}}},
                               {{"id", "out"},
                                {"type", "kafka.sink"},
                                {"properties", {{"connection", "secure"}, {"topic", out}}}}})},
        {"edges", Json::array({{{"from", "in"}, {"to", "out"}}})}};
    if (sinkOnly)
      doc["nodes"][0] = {{"id", "in"}, {"type", "generator"}, {"properties", {{"rate", 0}}}};
    const QString path = dir_.filePath(QString::fromStdString(name) + ".json");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write the pipeline");
    f.write(QByteArray::fromStdString(doc.dump(2)));
    return path;
  }

  static RunnerOutcome runRunner(const QStringList& args, const std::string& secret) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SC_TEST_SECRET", QString::fromStdString(secret));
    p.setProcessEnvironment(env);
    const auto start = std::chrono::steady_clock::now();
    p.start(kRunner, args);
    RunnerOutcome o;
    if (!p.waitForStarted(10000)) return o;
    if (!p.waitForFinished(120000)) {
      p.kill();
      p.waitForFinished();
    }
    o.elapsedMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.output = p.readAll();
    return o;
  }

 private Q_SLOTS:
  void initTestCase() {
    kafka_ = RealKafka::fromEnvironment();
    QVERIFY2(kafka_.ok(), qPrintable(kafka_.error()));
    QVERIFY(dir_.isValid());
    QVERIFY2(QFile::exists(kRunner), "build streamcanvas-run first");
  }

  void copiesTopicOverSecureConnection_data() {
    QTest::addColumn<SecurityMode>("mode");
    for (SecurityMode mode : {SecurityMode::SaslPlain, SecurityMode::SaslScram, SecurityMode::Mtls,
                              SecurityMode::OAuthBearer})
      QTest::newRow(toString(mode)) << mode;
  }

  void copiesTopicOverSecureConnection() {
    QFETCH(SecurityMode, mode);
    if (mode == SecurityMode::SaslScram && rd_kafka_version() < 0x020601ff)
      QSKIP(
          "librdkafka before 2.6.1 repeats the client nonce in SCRAM's final message, which Kafka "
          "4.x rejects (librdkafka #4895, fixed in 2.6.1; Debian 12 ships 2.0.2). "
          "tst_realkafka::scramWithKafkaJavaClient checks the broker's SCRAM user instead");
    const std::string in = std::string("auth-in-") + toString(mode) + "-" + run_;
    const std::string out = std::string("auth-out-") + toString(mode) + "-" + run_;
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, in, 3)),
             QString());
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, out, 2)),
             QString());
    {
      RdKafkaPtr producer = kafka_.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext);
      QVERIFY(producer);
      produceValues(producer.get(), in, kRecords);
    }
    std::string secret;
    const QString pipeline =
        writePipeline(std::string("auth-") + toString(mode), connectionFor(mode, &secret), in, out);
    // --validate accepts the connection (security settings consistent, files readable).
    const RunnerOutcome checked = runRunner({pipeline, "--validate"}, secret);
    QVERIFY2(checked.exitCode == 0, checked.output.constData());
    const RunnerOutcome ran = runRunner({pipeline, "--fresh"}, secret);
    QVERIFY2(ran.exitCode == 0, ran.output.constData());
    if (!secret.empty())
      QVERIFY2(!ran.output.contains(QByteArray::fromStdString(secret)), ran.output.constData());

    std::multiset<std::string> got;
    for (const std::string& v : readValues(kafka_, SecurityMode::Plaintext, out))
      got.insert(Json::parse(v).dump());
    std::multiset<std::string> want;
    for (int i = 0; i < kRecords; ++i)
      want.insert(Json{{"n", i}}.dump());
    QCOMPARE(got.size(), want.size());
    QVERIFY(got == want);
  }

  void wrongCredentialsFailFast_data() {
    QTest::addColumn<SecurityMode>("mode");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("sinkOnly");
    QTest::newRow("sasl_plain, wrong password")
        << SecurityMode::SaslPlain << "authentication failed" << false;
    QTest::newRow("mtls, no client certificate")
        << SecurityMode::Mtls << "TLS handshake failed" << false;
    // Only a producer: the sink's queue fills while the login fails; closing must not wait for
    // acknowledgements that cannot come.
    QTest::newRow("sasl_plain, wrong password, generator -> kafka.sink")
        << SecurityMode::SaslPlain << "authentication failed" << true;
  }

  // The run ends on its own with exit 1 and one message naming the connection: no retrying
  // forever, and the wrong password appears nowhere in what the runner printed.
  void wrongCredentialsFailFast() {
    QFETCH(SecurityMode, mode);
    QFETCH(QString, expected);
    QFETCH(bool, sinkOnly);
    const std::string in =
        std::string("auth-wrong-") + toString(mode) + (sinkOnly ? "-sink-" : "-") + run_;
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, in, 1)),
             QString());
    std::string secret;
    Json connection = connectionFor(mode, &secret);
    if (mode == SecurityMode::SaslPlain) {
      secret += "-wrong";
    } else {
      connection["properties"].erase("ssl.certificate.location");
      connection["properties"].erase("ssl.key.location");
    }
    const QString pipeline = writePipeline(in, connection, in, in + "-out", sinkOnly);
    const RunnerOutcome ran = runRunner({pipeline, "--fresh"}, secret);
    qInfo("the runner exited with %d after %lld ms", ran.exitCode,
          static_cast<long long>(ran.elapsedMs));
    QVERIFY2(ran.exitCode == 1, ran.output.constData());
    QVERIFY2(ran.output.contains("connection 'secure'"), ran.output.constData());
    QVERIFY2(ran.output.contains(expected.toUtf8()), ran.output.constData());
    QVERIFY2(ran.elapsedMs <= 10000, ran.output.constData());
    if (!secret.empty())
      QVERIFY2(!ran.output.contains(QByteArray::fromStdString(secret)), ran.output.constData());
    // No retry storm: the failure is reported a handful of times, not once per reconnect.
    const auto lines = ran.output.split('\n');
    const auto mentions = std::count_if(lines.begin(), lines.end(), [&](const QByteArray& l) {
      return l.contains(expected.toUtf8());
    });
    QVERIFY2(mentions <= 4, ran.output.constData());
  }

  // --validate refuses inconsistent security settings without connecting.
  void inconsistentSecurityIsRefusedByValidate_data() {
    QTest::addColumn<QString>("properties");
    QTest::addColumn<QString>("expected");
    QTest::newRow("SASL settings without a SASL protocol")
        << R"({"security.protocol": "SSL", "sasl.mechanism": "PLAIN", "sasl.username": "u", "sasl.password": "p"})"
        << "security.protocol is 'ssl'";
    QTest::newRow("PLAIN without a password")
        << R"({"security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "sasl.username": "u"})"
        << "needs sasl.password";
    QTest::newRow("half a client certificate")
        << R"({"security.protocol": "SSL", "ssl.certificate.location": "/etc/hostname"})"
        << "needs both ssl.certificate.location and ssl.key.location";
    QTest::newRow("missing CA file")
        << R"({"security.protocol": "SSL", "ssl.ca.location": "/nonexistent/ca.pem"})"
        << "'/nonexistent/ca.pem' cannot be read";
    QTest::newRow("OAUTHBEARER without a token source")
        << R"({"security.protocol": "SASL_SSL", "sasl.mechanism": "OAUTHBEARER"})"
        << "no token source";
  }

  void inconsistentSecurityIsRefusedByValidate() {
    QFETCH(QString, properties);
    QFETCH(QString, expected);
    Json connection = {{"type", "kafka"},
                       {"bootstrap_servers", "127.0.0.1:1"},
                       {"properties", Json::parse(properties.toStdString())}};
    const QString pipeline = writePipeline("auth-inconsistent", connection, "t", "u");
    const RunnerOutcome checked = runRunner({pipeline, "--validate"}, "");
    QVERIFY2(checked.exitCode != 0, checked.output.constData());
    QVERIFY2(checked.output.contains(expected.toUtf8()), checked.output.constData());
    QVERIFY2(checked.output.contains("/connections/secure/properties"), checked.output.constData());
  }
};

QTEST_GUILESS_MAIN(TestRealKafkaAuth)
#include "tst_realkafkaauth.moc"
