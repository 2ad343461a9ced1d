// Proves the real_kafka fixture (a real Apache Kafka 4.x broker, tests/kafka/kafka-fixture.sh)
// works for what the embedded mock cluster cannot show: kcat and librdkafka agree on a real
// broker, transactions isolate aborted records, and every authentication mode logs in (and a
// wrong password does not).
#include <QtTest>

#include <QProcess>
#include <QRandomGenerator>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

#include "integration/RealKafka.h"

using namespace sc::test;

namespace {

std::string uniqueTopic(const char* prefix) {
  return std::string(prefix) + "-" + std::to_string(QRandomGenerator::global()->generate());
}

// Records the first authentication error librdkafka reports through its error callback.
struct AuthErrorWatch {
  std::atomic<bool> seen{false};
  std::chrono::steady_clock::time_point at;
  static void onError(rd_kafka_t*, int err, const char* reason, void* opaque) {
    auto* self = static_cast<AuthErrorWatch*>(opaque);
    if (err == RD_KAFKA_RESP_ERR__AUTHENTICATION && !self->seen) {
      self->at = std::chrono::steady_clock::now();
      self->seen = true;
      qInfo("authentication error as expected: %s", reason);
    }
  }
};

// Asks for the cluster's metadata; "" when the one broker answered on the listener the mode
// connects to (so the request really went through that listener's security), else the problem.
std::string metadataProblem(const RealKafka& kafka, SecurityMode mode) {
  RdKafkaPtr rk = kafka.newClient(RD_KAFKA_PRODUCER, mode);
  if (!rk) return "no client";
  const rd_kafka_metadata_t* md = nullptr;
  const rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &md, 10000);
  if (err) return std::string("metadata request: ") + rd_kafka_err2str(err);
  const int brokers = md->broker_cnt;
  const int port = brokers == 1 ? md->brokers[0].port : -1;
  rd_kafka_metadata_destroy(md);
  const std::string bootstrap = kafka.bootstrap(mode);
  if (brokers != 1 || port != std::stoi(bootstrap.substr(bootstrap.rfind(':') + 1)))
    return std::to_string(brokers) + " broker(s), first on port " + std::to_string(port) +
           ", expected one on " + bootstrap;
  return {};
}

struct Ran {
  int exitCode = -1;
  QByteArray out;
};

Ran runTool(const QString& program, const QStringList& args, const QByteArray& input = {},
            int timeoutMs = 60000) {
  QProcess p;
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(program, args);
  Ran r;
  if (!p.waitForStarted(10000)) return r;
  if (!input.isEmpty()) p.write(input);
  p.closeWriteChannel();
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAll();
  return r;
}

}  // namespace

class TestRealKafka : public QObject {
  Q_OBJECT

 private:
  RealKafka kafka_;

 private Q_SLOTS:
  void initTestCase() {
    kafka_ = RealKafka::fromEnvironment();
    QVERIFY2(kafka_.ok(), qPrintable(kafka_.error()));
    qInfo("Kafka %s: PLAINTEXT %s, SASL_SSL %s, SSL %s", kafka_.value("KAFKA_VERSION").c_str(),
          kafka_.bootstrap(SecurityMode::Plaintext).c_str(),
          kafka_.bootstrap(SecurityMode::SaslPlain).c_str(),
          kafka_.bootstrap(SecurityMode::Mtls).c_str());
  }

  // kcat writes over PLAINTEXT, librdkafka reads the same records back in order.
  void kcatProducesLibrdkafkaReads() {
    const std::string topic = uniqueTopic("kcat-roundtrip");
    const std::string created = createTopic(kafka_, SecurityMode::Plaintext, topic);
    QVERIFY2(created.empty(), created.c_str());
    const Ran kcat =
        runTool(QStringLiteral("kcat"),
                {"-P", "-b", QString::fromStdString(kafka_.bootstrap(SecurityMode::Plaintext)),
                 "-t", QString::fromStdString(topic), "-p", "0"},
                "one\ntwo\nthree\n");
    QVERIFY2(kcat.exitCode == 0, kcat.out.constData());
    QCOMPARE(readValues(kafka_, SecurityMode::Plaintext, topic),
             (std::vector<std::string>{"one", "two", "three"}));
  }

  // One committed and one aborted transaction: read_committed sees only the committed records,
  // read_uncommitted sees both.
  void transactionsIsolateAbortedRecords() {
    const std::string topic = uniqueTopic("transactions");
    const std::string created = createTopic(kafka_, SecurityMode::Plaintext, topic);
    QVERIFY2(created.empty(), created.c_str());
    RdKafkaPtr rk =
        kafka_.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext,
                         {{"transactional.id", "tst-realkafka-" + topic}, {"linger.ms", "5"}});
    QVERIFY(rk);
    auto check = [](rd_kafka_error_t* error, const char* what) {
      const std::string message = error ? rd_kafka_error_string(error) : "";
      if (error) rd_kafka_error_destroy(error);
      if (!message.empty()) qWarning("%s: %s", what, message.c_str());
      return message.empty();
    };
    auto produce = [&](const char* value) {
      return rd_kafka_producev(
          rk.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
          RD_KAFKA_V_VALUE(const_cast<char*>(value), strlen(value)), RD_KAFKA_V_END);
    };
    QVERIFY(check(rd_kafka_init_transactions(rk.get(), 30000), "init_transactions"));

    QVERIFY(check(rd_kafka_begin_transaction(rk.get()), "begin_transaction"));
    QCOMPARE(produce("committed-1"), RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(produce("committed-2"), RD_KAFKA_RESP_ERR_NO_ERROR);
    QVERIFY(check(rd_kafka_commit_transaction(rk.get(), 30000), "commit_transaction"));

    QVERIFY(check(rd_kafka_begin_transaction(rk.get()), "begin_transaction"));
    QCOMPARE(produce("aborted-1"), RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(produce("aborted-2"), RD_KAFKA_RESP_ERR_NO_ERROR);
    // Written to the log before the abort, so a read_uncommitted reader can see them.
    QCOMPARE(rd_kafka_flush(rk.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
    QVERIFY(check(rd_kafka_abort_transaction(rk.get(), 30000), "abort_transaction"));
    rk.reset();

    QCOMPARE(
        readValues(kafka_, SecurityMode::Plaintext, topic, {{"isolation.level", "read_committed"}}),
        (std::vector<std::string>{"committed-1", "committed-2"}));
    QCOMPARE(readValues(kafka_, SecurityMode::Plaintext, topic,
                        {{"isolation.level", "read_uncommitted"}}),
             (std::vector<std::string>{"committed-1", "committed-2", "aborted-1", "aborted-2"}));
  }

  // A partition that reports its end twice (records keep arriving there) does not end the read
  // while another partition is still behind: every record of the backlog is read.
  void readValuesReadsEveryPartitionToItsEnd() {
    PartitionEnds ends;
    ends.expect("t", 0);
    ends.expect("t", 1);
    ends.reached("t", 0);
    ends.reached("t", 0);
    ends.reached("u", 1);
    QVERIFY(!ends.all());
    ends.reached("t", 1);
    QVERIFY(ends.all());

    const std::string topic = uniqueTopic("read-ends");
    const std::string created = createTopic(kafka_, SecurityMode::Plaintext, topic, 2);
    QVERIFY2(created.empty(), created.c_str());
    RdKafkaPtr rk = kafka_.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext);
    QVERIFY(rk);
    auto produce = [&](int32_t partition, const std::string& value) {
      rd_kafka_resp_err_t err;
      while ((err = rd_kafka_producev(
                  rk.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(partition),
                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                  RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                  RD_KAFKA_V_END)) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
        rd_kafka_poll(rk.get(), 10);
      return err;
    };
    constexpr int kBacklog = 50'000;
    for (int i = 0; i < kBacklog; ++i)
      QCOMPARE(produce(1, "backlog-" + std::to_string(i)), RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(rd_kafka_flush(rk.get(), 60000), RD_KAFKA_RESP_ERR_NO_ERROR);
    // Partition 0 grows while the reader works through partition 1's backlog, so it reaches
    // (and reports) a new end again and again.
    std::atomic<bool> stop{false};
    std::thread trickle([&] {
      for (int i = 0; !stop; ++i) {
        produce(0, "trickle-" + std::to_string(i));
        rd_kafka_flush(rk.get(), 1000);
      }
    });
    // Small fetches: partition 1's backlog takes many fetch rounds, partition 0 reaches a new end
    // in many of them.
    const std::vector<std::string> values =
        readValues(kafka_, SecurityMode::Plaintext, topic, {{"max.partition.fetch.bytes", "1024"}});
    stop = true;
    trickle.join();
    const auto backlog = std::count_if(values.begin(), values.end(), [](const std::string& v) {
      return v.rfind("backlog-", 0) == 0;
    });
    QCOMPARE(backlog, kBacklog);
  }

  void secureModeListsMetadata_data() {
    QTest::addColumn<SecurityMode>("mode");
    for (SecurityMode mode : {SecurityMode::SaslPlain, SecurityMode::SaslScram, SecurityMode::Mtls,
                              SecurityMode::OAuthBearer})
      QTest::newRow(toString(mode)) << mode;
  }

  // Each secure mode logs in with librdkafka and lists the cluster.
  void secureModeListsMetadata() {
    QFETCH(SecurityMode, mode);
    if (mode == SecurityMode::SaslScram && rd_kafka_version() < 0x020601ff)
      QEXPECT_FAIL("sasl_scram",
                   "librdkafka before 2.6.1 repeats the client nonce in SCRAM's final message, "
                   "which Kafka 4.x rejects (librdkafka #4895); scramWithKafkaJavaClient checks "
                   "the broker's SCRAM credentials instead",
                   Abort);
    const std::string problem = metadataProblem(kafka_, mode);
    QVERIFY2(problem.empty(), problem.c_str());
  }

  // The broker's SCRAM-SHA-512 user logs in with Kafka's own Java client; a wrong password is
  // rejected as an authentication failure.
  void scramWithKafkaJavaClient() {
    const QString java = QString::fromStdString(kafka_.value("KAFKA_JAVA"));
    const QString classpath = QString::fromStdString(kafka_.value("KAFKA_LIBS")) + "/*";
    QVERIFY2(!java.isEmpty() && classpath.size() > 2, "kafka.env has no KAFKA_JAVA/KAFKA_LIBS");
    auto scramCheck = [&](const std::string& password) {
      return runTool(
          java,
          {"-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
           QStringLiteral(SC_SOURCE_DIR "/tests/kafka/ScramCheck.java"),
           QString::fromStdString(kafka_.bootstrap(SecurityMode::SaslScram)),
           QString::fromStdString(kafka_.value("KAFKA_SCRAM_USER")),
           QString::fromStdString(password), QString::fromStdString(kafka_.value("KAFKA_CA"))},
          {}, 90000);
    };
    const Ran good = scramCheck(kafka_.value("KAFKA_SCRAM_PASSWORD"));
    QVERIFY2(good.exitCode == 0 && good.out.contains("ok: 1 node(s)"), good.out.constData());
    const Ran bad = scramCheck(kafka_.value("KAFKA_SCRAM_PASSWORD") + "-wrong");
    QVERIFY2(bad.exitCode == 3 && bad.out.contains("authentication failed"), bad.out.constData());
  }

  // Without a client certificate the mTLS listener refuses the connection.
  void mtlsRequiresClientCertificate() {
    RdKafkaPtr rk = kafka_.newClient(
        RD_KAFKA_PRODUCER, SecurityMode::Mtls,
        {{"ssl.certificate.location", ""}, {"ssl.key.location", ""}, {"log_level", "0"}});
    QVERIFY(rk);
    const rd_kafka_metadata_t* md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &md, 5000);
    if (md) rd_kafka_metadata_destroy(md);
    QVERIFY2(err != RD_KAFKA_RESP_ERR_NO_ERROR,
             "the SSL listener served a client without a certificate");
  }

  // A wrong PLAIN password is reported as an authentication error within 10 s.
  void wrongPasswordFailsAuthentication() {
    AuthErrorWatch watch;
    std::string error;
    rd_kafka_conf_t* conf = kafka_.newConf(
        SecurityMode::SaslPlain,
        {{"sasl.password", kafka_.value("KAFKA_PLAIN_PASSWORD") + "-wrong"}, {"log_level", "0"}},
        &error);
    QVERIFY2(conf, error.c_str());
    rd_kafka_conf_set_error_cb(conf, &AuthErrorWatch::onError);
    rd_kafka_conf_set_opaque(conf, &watch);
    char err[512];
    RdKafkaPtr rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err));
    QVERIFY2(rk, err);
    const auto start = std::chrono::steady_clock::now();
    // Producing makes the client connect and ask for the topic's metadata.
    const char* value = "never-written";
    QCOMPARE(rd_kafka_producev(rk.get(), RD_KAFKA_V_TOPIC("wrong-password"),
                               RD_KAFKA_V_VALUE(const_cast<char*>(value), strlen(value)),
                               RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
             RD_KAFKA_RESP_ERR_NO_ERROR);
    while (!watch.seen && std::chrono::steady_clock::now() - start < std::chrono::seconds(10))
      rd_kafka_poll(rk.get(), 100);
    QVERIFY2(watch.seen, "no authentication error within 10 s");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(watch.at - start).count();
    qInfo("authentication failed after %lld ms", static_cast<long long>(ms));
    QVERIFY(ms <= 10000);
    rd_kafka_purge(rk.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  }
};

QTEST_GUILESS_MAIN(TestRealKafka)
#include "tst_realkafka.moc"
