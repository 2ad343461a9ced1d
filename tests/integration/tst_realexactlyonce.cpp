// Exactly-once into Kafka, against a real Apache Kafka broker (the real_kafka fixture): the
// runner reads 60,000 readings (kafka.source -> filter -> window.tumbling -> kafka.sink, delivery
// exactly_once, checkpoints every 100 ms), is killed with SIGKILL at random moments and
// restarted until it finishes. A read_committed reader of the output topic must see every
// window result exactly once (the oracle is computed here from the input), and the source's
// group offsets, committed inside the sink's transactions, must cover the input.
// Two sinks of one connection share one transaction: a crash right after a commit leaves both
// topics exact (separate transactions would leave one sink a checkpoint ahead of the other).
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <set>

#include "CrashHarness.h"
#include "RealKafka.h"

using namespace sc::test;
using namespace sc::test::crash;

namespace {
const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
constexpr int kRecords = 400'000;
}  // namespace

class TestRealExactlyOnce : public QObject {
  Q_OBJECT
  RealKafka kafka_;
  QTemporaryDir dir_;
  // Topic, group and pipeline (transactional id) names of this run: a rerun against the same
  // broker, or another test beside it, never reads this run's records or fences its producers.
  const std::string run_ = std::to_string(QDateTime::currentMSecsSinceEpoch());

  std::string named(const std::string& prefix) const { return prefix + "-" + run_; }

  QString writePipeline(const QString& in, const QString& out, int round) {
    const QString path = dir_.filePath(QString("%1-%2.json").arg(in).arg(round));
    const QString name = QString::fromStdString(named("eos-" + std::to_string(round)));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write the pipeline");
    f.write(
        QString(R"({
  "streamcanvas": 1,
  "name": "%4",
  "settings": {"delivery": "exactly_once", "checkpoint_interval": "100ms",
               "restart": {"strategy": "none"}},
  "connections": {"real": {"type": "kafka", "bootstrap_servers": "%2"}},
  "nodes": [
    {"id": "in", "type": "kafka.source", "properties": {"connection": "real", "topics": ["%1"],
      "bounded": true, "start": "earliest", "group_id": "%4"}},
    {"id": "keep", "type": "filter", "properties": {"condition": "v >= 20"}},
    {"id": "win", "type": "window.tumbling", "properties": {"size": "1m", "key": "device",
      "timestamp": "ts", "aggregates": [{"as": "n", "fn": "count"}, {"as": "sum", "fn": "sum", "of": "v"},
      {"as": "lo", "fn": "min", "of": "v"}, {"as": "hi", "fn": "max", "of": "v"}]}},
    {"id": "out", "type": "kafka.sink", "properties": {"connection": "real", "topic": "%3"}}
  ],
  "edges": [{"from": "in", "to": "keep"}, {"from": "keep", "to": "win"}, {"from": "win", "to": "out"}]
})")
            .arg(in, QString::fromStdString(kafka_.bootstrap(SecurityMode::Plaintext)), out, name)
            .toUtf8());
    return path;
  }

 private Q_SLOTS:
  void initTestCase() {
    kafka_ = RealKafka::fromEnvironment();
    QVERIFY2(kafka_.ok(), qPrintable(kafka_.error()));
    QVERIFY(dir_.isValid());
  }

  // Rounds of: start, SIGKILL at a random moment of the run, restart ... until a run finishes;
  // every round writes to a topic of its own, read back read_committed and compared with the
  // oracle. Rounds go on until at least 4 kills hit a running process. The moments are spread
  // over the length of an uninterrupted run, measured first (about a second).
  void killedRunsWriteEveryResultOnce() {
    const std::string in = named("eos-in");
    const QString qin = QString::fromStdString(in);
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, in, 4)),
             QString());
    {
      RdKafkaPtr producer = kafka_.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext,
                                             {{"linger.ms", "20"}, {"enable.idempotence", "true"}});
      QVERIFY(producer);
      produceReadings(producer.get(), in, kRecords);
    }
    int runMs = 0;
    {
      const std::string clean = named("eos-out-clean");
      QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, clean, 3)),
               QString());
      QElapsedTimer timer;
      timer.start();
      QProcess p;
      p.start(kRunner, {writePipeline(qin, QString::fromStdString(clean), 99), "--checkpoint-dir",
                        dir_.filePath("ckpt-clean")});
      QVERIFY(p.waitForFinished(120000));
      QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
      runMs = std::max(300, static_cast<int>(timer.elapsed()));
    }
    QRandomGenerator rng(4242);
    int kills = 0, runs = 0, round = 0;
    for (; kills < 4 && round < 10; ++round) {
      const std::string out = named("eos-out-" + std::to_string(round));
      QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, out, 3)),
               QString());
      const QString pipeline = writePipeline(qin, QString::fromStdString(out), round);
      const QStringList args = {pipeline, "--checkpoint-dir",
                                dir_.filePath(QString("ckpt-%1").arg(round))};
      bool finished = false;
      for (int attempt = 0; !finished && attempt < 30; ++attempt) {
        ++runs;
        QProcess p;
        p.start(kRunner, args);
        QVERIFY(p.waitForStarted(10000));
        // Early moments: a restarted run has less left to do than the measured whole one.
        const int delay = runMs / 20 + static_cast<int>(rng.bounded(runMs / 2));
        if (attempt < 8 && !p.waitForFinished(delay)) {
          ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
          QVERIFY(p.waitForFinished(10000));
          ++kills;
          continue;
        }
        // Ended before its kill: the machine got quicker than when measured.
        if (attempt < 8) runMs = std::max(100, runMs * 7 / 10);
        if (p.state() != QProcess::NotRunning) QVERIFY(p.waitForFinished(120000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());
        finished = true;
      }
      QVERIFY(finished);
      std::vector<QByteArray> committed;
      for (const std::string& v : readValues(kafka_, SecurityMode::Plaintext, out,
                                             {{"isolation.level", "read_committed"}}))
        committed.push_back(QByteArray::fromStdString(v));
      const size_t inLog = readValues(kafka_, SecurityMode::Plaintext, out,
                                      {{"isolation.level", "read_uncommitted"}})
                               .size();
      int duplicates = 0;
      Result got = parseResults(committed, &duplicates);
      Result want = oracle(kRecords);
      QCOMPARE(duplicates, 0);
      QVERIFY2(got == want, qPrintable(describeDifference(want, got)));
      QCOMPARE(committed.size(), want.size());
      // The source's offsets went into the sink's transactions (the source does not commit them
      // itself when a transactional sink shares its cluster): they cover the whole input.
      {
        RdKafkaPtr consumer =
            kafka_.newClient(RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
                             {{"group.id", named("eos-" + std::to_string(round))}});
        QVERIFY(consumer);
        rd_kafka_topic_partition_list_t* q = rd_kafka_topic_partition_list_new(4);
        for (int p = 0; p < 4; ++p)
          rd_kafka_topic_partition_list_add(q, in.c_str(), p);
        QCOMPARE(rd_kafka_committed(consumer.get(), q, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
        int64_t committedOffsets = 0;
        for (int p = 0; p < q->cnt; ++p)
          committedOffsets += std::max<int64_t>(0, q->elems[p].offset);
        rd_kafka_topic_partition_list_destroy(q);
        QCOMPARE(committedOffsets, int64_t(kRecords));
      }
      // Aborted transactions of killed runs are in the log but invisible to read_committed.
      qInfo("round %d: %zu results read committed, %zu messages in the log with aborted ones",
            round, committed.size(), inLog);
    }
    QVERIFY2(kills >= 4, qPrintable(QString("only %1 kills hit a running process").arg(kills)));
    qInfo("%d rounds, %d runs, %d killed with SIGKILL; every round exact", round, runs, kills);
  }

  // kafka.source -> filter -> two kafka.sinks on one connection, exactly_once. The first run dies
  // right after its 9th transaction commit (odd: with a transaction per sink it falls between two
  // sinks' commits), mid-stream (a crash point, SC_FAULT_POINT), the second finishes. Both output
  // topics, read_committed, must hold every reading with v >= 20 once. With a transaction per sink,
  // the crash falls between the sinks' commits of one checkpoint: the restore repeats one sink's
  // records of that checkpoint, or the other loses them.
  void twoSinksCommitTogether() {
    constexpr int kInput = 600'000;
    const std::string in = named("eos2-in"), a = named("eos2-a"), b = named("eos2-b");
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, in, 4)),
             QString());
    for (const std::string& out : {a, b})
      QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, out, 3)),
               QString());
    {
      RdKafkaPtr producer = kafka_.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext,
                                             {{"linger.ms", "20"}, {"enable.idempotence", "true"}});
      QVERIFY(producer);
      produceReadings(producer.get(), in, kInput);
    }
    const QString path = dir_.filePath("two-sinks.json");
    {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(QString(R"({
  "streamcanvas": 1,
  "name": "%2",
  "settings": {"delivery": "exactly_once", "checkpoint_interval": "20ms",
               "restart": {"strategy": "none"}},
  "connections": {"real": {"type": "kafka", "bootstrap_servers": "%1"}},
  "nodes": [
    {"id": "in", "type": "kafka.source", "properties": {"connection": "real", "topics": ["%3"],
      "bounded": true, "start": "earliest", "group_id": "%2"}},
    {"id": "keep", "type": "filter", "properties": {"condition": "v >= 20"}},
    {"id": "a", "type": "kafka.sink", "properties": {"connection": "real", "topic": "%4"}},
    {"id": "b", "type": "kafka.sink", "properties": {"connection": "real", "topic": "%5"}}
  ],
  "edges": [{"from": "in", "to": "keep"}, {"from": "keep", "to": "a"}, {"from": "keep", "to": "b"}]
})")
                  .arg(QString::fromStdString(kafka_.bootstrap(SecurityMode::Plaintext)),
                       QString::fromStdString(named("eos-two-sinks")), QString::fromStdString(in),
                       QString::fromStdString(a), QString::fromStdString(b))
                  .toUtf8());
    }
    const QStringList args = {path, "--checkpoint-dir", dir_.filePath("ckpt-two-sinks")};
    std::multiset<qint64> want;
    for (int i = 0; i < kInput; ++i)
      if (Reading x = reading(i); x.v >= 20) want.insert(x.ts);
    {
      QProcess p;
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      env.insert("SC_FAULT_POINT", "kafka.transaction.committed:9");
      p.setProcessEnvironment(env);
      p.start(kRunner, args);
      QVERIFY(p.waitForFinished(120000));
      const QByteArray err = p.readAllStandardError();
      QVERIFY2(p.exitCode() == 137 && err.contains("fault point"), err.constData());
      // The crash fell mid-stream: some results are committed, not all.
      const size_t early =
          readValues(kafka_, SecurityMode::Plaintext, a, {{"isolation.level", "read_committed"}})
              .size();
      QVERIFY2(early > 0 && early < want.size(), qPrintable(QString::number(early)));
    }
    {
      QProcess p;
      p.start(kRunner, args);
      QVERIFY(p.waitForFinished(120000));
      const QByteArray err = p.readAllStandardError();
      QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());
    }
    for (const std::string& out : {a, b}) {
      std::multiset<qint64> got;
      for (const std::string& v : readValues(kafka_, SecurityMode::Plaintext, out,
                                             {{"isolation.level", "read_committed"}}))
        got.insert(
            QJsonDocument::fromJson(QByteArray::fromStdString(v)).object().value("ts").toInteger());
      int missing = 0, extra = 0;
      for (qint64 ts : want)
        if (got.count(ts) == 0) ++missing;
      for (qint64 ts : got)
        if (want.count(ts) != got.count(ts)) ++extra;
      QVERIFY2(missing == 0 && extra == 0 && got.size() == want.size(),
               qPrintable(QString("%1: %2 results, want %3; %4 missing, %5 repeated")
                              .arg(QString::fromStdString(out))
                              .arg(got.size())
                              .arg(want.size())
                              .arg(missing)
                              .arg(extra)));
    }
  }
};

QTEST_GUILESS_MAIN(TestRealExactlyOnce)
#include "tst_realexactlyonce.moc"
