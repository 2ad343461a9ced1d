// Scale-out's fast path of a restart against the real broker: a runner that restarts with the
// same --instance restores the window state of its partitions from its own local checkpoint,
// but only when that checkpoint is exactly what the group committed (the commits' metadata
// names the checkpoint and the runner's folder, and the offsets agree); otherwise from the
// changelog. One scale-out runner, a keyed tumbling window (count, sum, min, max) over a bounded
// topic, kafka.sink with exactly_once; the output, read with read_committed, must equal a
// brute-force oracle exactly in both cases:
//  - killed with SIGKILL mid-stream, restarted with the same --instance: every partition comes
//    from the local checkpoint (its log says so, and no changelog partition is read);
//  - killed, another instance takes the partitions further and is killed too, then the first
//    restarts: its local checkpoint is stale, so every partition comes from the changelog.
// The restore logs name the path per partition; the assertions count those lines.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <csignal>
#include <map>
#include <thread>

#include "engine/graph/Json.h"
#include "integration/RealKafka.h"

using namespace sc::test;
using sc::Json;

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
constexpr int kPartitions = 6;
constexpr int kKeys = 240;
constexpr int kSteps = 4000;  // records per key: kKeys * kSteps in all
constexpr int64_t kStart = 1'700'000'000'000;
constexpr int64_t kStepMs = 50;
constexpr int64_t kWindowMs = 1000;

struct Aggregate {
  int64_t count = 0, sum = 0, min = INT64_MAX, max = INT64_MIN;
  bool operator==(const Aggregate&) const = default;
};
using WindowKey = std::pair<std::string, int64_t>;  // key, window start

int64_t valueOf(int key, int step) {
  return static_cast<int64_t>(
             (static_cast<uint64_t>(key) * 7919u + static_cast<uint64_t>(step) * 104729u) % 1000u) -
         500;
}

int countOf(const QByteArray& log, const char* text) {
  return static_cast<int>(log.count(text));
}

}  // namespace

class TestRealLocalRestore : public QObject {
  Q_OBJECT

 private:
  RealKafka kafka_;
  QTemporaryDir dir_;
  RdKafkaPtr groupClient_;
  std::string groupOf_;

  struct Run {
    std::string name, in, out;
    QString pipeline;
    std::map<WindowKey, Aggregate> expected;
    int64_t records = 0;
  };

  QString writePipeline(const std::string& name, const std::string& in, const std::string& out,
                        const std::string& delivery, bool hop) {
    Json doc = {
        {"streamcanvas", 1},
        {"name", name},
        {"settings",
         {{"delivery", delivery},
          {"checkpoint_interval", "300ms"},
          {"scale_out", true},
          {"restart", {{"strategy", "none"}}}}},
        {"connections",
         {{"real",
           {{"type", "kafka"}, {"bootstrap_servers", kafka_.bootstrap(SecurityMode::Plaintext)}}}}},
        {"nodes",
         Json::array(
             {{{"id", "in"},
               {"type", "kafka.source"},
               {"properties",
                {{"connection", "real"},
                 {"topics", Json::array({in})},
                 {"start", "earliest"},
                 {"bounded", true},
                 {"group_id", name}}}},
              // CPU work before the window, so the runner is still busy when it is killed.
              {{"id", "busy"},
               {"type", "map"},
               {"properties",
                {{"set",
                  {{"p1", "upper(concat(k, to_string(v), k, to_string(ts), k))"},
                   {"p2", "lower(concat(to_string(ts), k, to_string(v * 3), k, k))"},
                   {"p3", "substr(concat(k, k, to_string(ts * 7), k), 2, 20)"},
                   {"p4", "upper(lower(concat(k, to_string(v), to_string(ts), k, k)))"},
                   {"p5", "concat(upper(k), lower(k), to_string(abs(v) + 1), to_string(ts))"},
                   {"p6", "lower(concat(upper(k), to_string(round(v / 3)), to_string(ts)))"}}}}}},
              {{"id", "win"},
               {"type", "window.tumbling"},
               {"properties",
                {{"size", "1s"},
                 // k: the field (the message key too, but the graph cannot know that), which
                 // puts a repartition hop before the window (docs/scale-out.md).
                 {"key", hop ? "k" : "$key"},
                 {"timestamp", "ts"},
                 {"aggregates", Json::array({{{"as", "n"}, {"fn", "count"}},
                                             {{"as", "total"}, {"fn", "sum"}, {"of", "v"}},
                                             {{"as", "lo"}, {"fn", "min"}, {"of", "v"}},
                                             {{"as", "hi"}, {"fn", "max"}, {"of", "v"}}})}}}},
              {{"id", "out"},
               {"type", "kafka.sink"},
               {"properties", {{"connection", "real"}, {"topic", out}}}}})},
        {"edges", Json::array({{{"from", "in"}, {"to", "busy"}},
                               {{"from", "busy"}, {"to", "win"}},
                               {{"from", "win"}, {"to", "out"}}})}};
    const QString path = dir_.filePath(QString::fromStdString(name) + ".json");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write the pipeline");
    f.write(QByteArray::fromStdString(doc.dump(2)));
    return path;
  }

  // `log` names the log file; `instance` the runner instance (its local checkpoint folder).
  std::unique_ptr<QProcess> startRunner(const QString& pipeline, const QString& instance,
                                        const QString& log) {
    auto p = std::make_unique<QProcess>();
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->setStandardOutputFile(dir_.filePath("runner-" + log + ".log"));
    p->start(kRunner, {pipeline, "--instance", instance, "--checkpoint-dir",
                       dir_.filePath("checkpoints/" + QFileInfo(pipeline).baseName())});
    if (!p->waitForStarted(10000)) qFatal("runner did not start");
    return p;
  }

  QByteArray logOf(const QString& log, bool whole = false) {
    QFile f(dir_.filePath("runner-" + log + ".log"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return whole ? f.readAll() : f.readAll().right(4000);
  }

  Run prepare(const std::string& label, const std::string& delivery = "exactly_once",
              bool hop = false) {
    Run r;
    const std::string run = label + "-" + std::to_string(QDateTime::currentMSecsSinceEpoch());
    r.name = "localrestore-" + run;
    r.in = "localrestore-in-" + run;
    r.out = "localrestore-out-" + run;
    if (createTopic(kafka_, SecurityMode::Plaintext, r.in, kPartitions) != "")
      qFatal("cannot create the input topic");
    // The results carry 2023 timestamps: no time-based retention (docs/kafka.md).
    if (createTopic(kafka_, SecurityMode::Plaintext, r.out, 3, {{"retention.ms", "-1"}}) != "")
      qFatal("cannot create the output topic");
    r.expected = produceInput(r.in);
    r.records = int64_t(kKeys) * kSteps;
    r.pipeline = writePipeline(r.name, r.in, r.out, delivery, hop);
    return r;
  }

  std::map<WindowKey, Aggregate> produceInput(const std::string& topic) {
    RdKafkaPtr producer = kafka_.newClient(
        RD_KAFKA_PRODUCER, SecurityMode::Plaintext,
        {{"linger.ms", "20"}, {"batch.num.messages", "10000"}, {"enable.idempotence", "true"}});
    if (!producer) qFatal("no producer");
    std::map<WindowKey, Aggregate> expected;
    char payload[128];
    for (int step = 0; step < kSteps; ++step)
      for (int key = 0; key < kKeys; ++key) {
        const std::string k = "k" + std::to_string(key);
        const int64_t ts = kStart + step * kStepMs, v = valueOf(key, step);
        const int len =
            std::snprintf(payload, sizeof payload, "{\"k\":\"%s\",\"v\":%lld,\"ts\":%lld}",
                          k.c_str(), static_cast<long long>(v), static_cast<long long>(ts));
        rd_kafka_resp_err_t err;
        while ((err = rd_kafka_producev(
                    producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
                    RD_KAFKA_V_PARTITION(key % kPartitions), RD_KAFKA_V_KEY(k.data(), k.size()),
                    RD_KAFKA_V_VALUE(payload, static_cast<size_t>(len)),
                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)) ==
               RD_KAFKA_RESP_ERR__QUEUE_FULL)
          rd_kafka_poll(producer.get(), 10);
        if (err) qFatal("produce: %s", rd_kafka_err2str(err));
        Aggregate& a = expected[{k, ts - (ts % kWindowMs)}];
        ++a.count;
        a.sum += v;
        a.min = std::min(a.min, v);
        a.max = std::max(a.max, v);
      }
    if (rd_kafka_flush(producer.get(), 120000)) qFatal("the input was not acknowledged");
    return expected;
  }

  // The group's committed offsets and their metadata, per partition of `topic`.
  std::vector<std::pair<int64_t, std::string>> committed(const std::string& group,
                                                         const std::string& topic) {
    if (!groupClient_ || groupOf_ != group) {
      groupClient_ = kafka_.newClient(RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
                                      {{"group.id", group}, {"enable.auto.commit", "false"}});
      groupOf_ = group;
    }
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(kPartitions);
    for (int p = 0; p < kPartitions; ++p)
      rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
    std::vector<std::pair<int64_t, std::string>> out;
    if (rd_kafka_committed(groupClient_.get(), list, 30000) == RD_KAFKA_RESP_ERR_NO_ERROR)
      for (int i = 0; i < list->cnt; ++i)
        out.emplace_back(list->elems[i].offset,
                         list->elems[i].metadata
                             ? std::string(static_cast<const char*>(list->elems[i].metadata),
                                           list->elems[i].metadata_size)
                             : std::string());
    rd_kafka_topic_partition_list_destroy(list);
    return out;
  }
  int64_t committedTotal(const std::string& group, const std::string& topic) {
    const auto all = committed(group, topic);
    if (all.empty()) return -1;
    int64_t total = 0;
    for (const auto& [offset, metadata] : all)
      if (offset > 0) total += offset;
    return total;
  }

  // Waits (while `runner` lives) until the group has committed `share` of the input.
  int64_t waitForCommitted(const Run& r, int64_t share, QProcess& runner) {
    QDeadlineTimer deadline(180000);
    int64_t total = 0;
    while (!deadline.hasExpired() && (total = committedTotal(r.name, r.in)) < share &&
           runner.state() == QProcess::Running)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return total;
  }

  // Waits (while `runner` lives) until its log holds `text` `count` times; true when it does.
  bool waitForLog(const QString& log, const char* text, int count, QProcess& runner) {
    QDeadlineTimer deadline(120000);
    while (!deadline.hasExpired() && countOf(logOf(log, true), text) < count &&
           runner.state() == QProcess::Running)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return countOf(logOf(log, true), text) >= count;
  }

  void killNow(QProcess& runner) {
    ::kill(static_cast<pid_t>(runner.processId()), SIGKILL);
    QVERIFY(runner.waitForFinished(10000));
  }

  void waitForExit(QProcess& runner, const QString& log) {
    if (!runner.waitForFinished(300000)) {
      runner.kill();
      runner.waitForFinished();
      QFAIL(qPrintable("runner " + log + " did not end within 5 minutes:\n" +
                       QString::fromUtf8(logOf(log))));
    }
    QVERIFY2(runner.exitStatus() == QProcess::NormalExit && runner.exitCode() == 0,
             logOf(log).constData());
  }

  std::vector<std::string> readCommitted(const std::string& topic, int partitions) {
    std::vector<std::string> values;
    RdKafkaPtr c = kafka_.newClient(RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
                                    {{"group.id", "tst-reallocalrestore-reader"},
                                     {"enable.auto.commit", "false"},
                                     {"enable.partition.eof", "true"},
                                     {"isolation.level", "read_committed"}});
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; ++p)
      rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(c.get(), list);
    rd_kafka_topic_partition_list_destroy(list);
    // The end of each partition: its high watermark once no transaction is open there.
    RdKafkaPtr probe = kafka_.newClient(
        RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
        {{"group.id", "tst-reallocalrestore-probe"}, {"isolation.level", "read_uncommitted"}});
    std::vector<int64_t> ends(partitions, 0);
    QDeadlineTimer settled(120000);
    for (int p = 0; p < partitions; ++p)
      for (;;) {
        int64_t low = 0, stable = -1;
        rd_kafka_query_watermark_offsets(c.get(), topic.c_str(), p, &low, &stable, 10000);
        rd_kafka_query_watermark_offsets(probe.get(), topic.c_str(), p, &low, &ends[p], 10000);
        if ((stable >= ends[p] && ends[p] >= 0) || settled.hasExpired()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    auto atEnd = [&] {
      rd_kafka_topic_partition_list_t* pos = rd_kafka_topic_partition_list_new(partitions);
      for (int p = 0; p < partitions; ++p)
        rd_kafka_topic_partition_list_add(pos, topic.c_str(), p);
      rd_kafka_position(c.get(), pos);
      bool done = true;
      for (int i = 0; i < pos->cnt; ++i)
        done = done && (ends[pos->elems[i].partition] == 0 ||
                        pos->elems[i].offset >= ends[pos->elems[i].partition]);
      rd_kafka_topic_partition_list_destroy(pos);
      return done;
    };
    QDeadlineTimer deadline(120000);
    while (!atEnd() && !deadline.hasExpired()) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(c.get(), 100);
      if (!m) continue;
      if (!m->err) values.emplace_back(static_cast<const char*>(m->payload), m->len);
      rd_kafka_message_destroy(m);
    }
    if (!atEnd()) qWarning("the output's end was not reached");
    rd_kafka_consumer_close(c.get());
    return values;
  }

  // The output equals the oracle: every (key, window) once, with the exact aggregates.
  // `repeats`: at-least-once may write a window again after a restart; it must be the same.
  void verifyOutput(const Run& r, bool repeats = false) {
    QCOMPARE(committedTotal(r.name, r.in), r.records);
    std::map<WindowKey, Aggregate> seen;
    int duplicates = 0;
    for (const std::string& value : readCommitted(r.out, 3)) {
      const Json j = Json::parse(value);
      Aggregate got;
      got.count = j["n"].get<int64_t>();
      got.sum = static_cast<int64_t>(j["total"].get<double>());
      got.min = static_cast<int64_t>(j["lo"].get<double>());
      got.max = static_cast<int64_t>(j["hi"].get<double>());
      const WindowKey key{j["key"].get<std::string>(), j["window_start"].get<int64_t>()};
      auto [it, fresh] = seen.emplace(key, got);
      if (!fresh && (!repeats || !(it->second == got))) ++duplicates;
    }
    int missing = 0, wrong = 0;
    for (const auto& [key, want] : r.expected) {
      auto it = seen.find(key);
      if (it == seen.end()) {
        if (++missing <= 3)
          qWarning("missing %s @ %lld", key.first.c_str(), static_cast<long long>(key.second));
      } else if (!(it->second == want)) {
        if (++wrong <= 3)
          qWarning("%s @ %lld: count %lld sum %lld, expected count %lld sum %lld",
                   key.first.c_str(), static_cast<long long>(key.second),
                   static_cast<long long>(it->second.count), static_cast<long long>(it->second.sum),
                   static_cast<long long>(want.count), static_cast<long long>(want.sum));
      }
    }
    QCOMPARE(duplicates, 0);
    QCOMPARE(missing, 0);
    QCOMPARE(wrong, 0);
    QCOMPARE(seen.size(), r.expected.size());
  }

 private Q_SLOTS:
  void initTestCase() {
    kafka_ = RealKafka::fromEnvironment();
    QVERIFY2(kafka_.ok(), qPrintable(kafka_.error()));
    QVERIFY(dir_.isValid());
    if (qEnvironmentVariableIsSet("SC_KEEP_TEST_DIR")) {
      dir_.setAutoRemove(false);
      qInfo("runner logs in %s", qPrintable(dir_.path()));
    }
  }

  // Killed mid-stream, restarted with the same instance: every partition from the local
  // checkpoint the group's commit names, none from the changelog, and the output exact.
  void restartWithTheSameInstanceRestoresFromTheLocalCheckpoint() {
    const Run r = prepare("same");
    auto a = startRunner(r.pipeline, "a", "same-a1");
    const int64_t atKill = waitForCommitted(r, r.records / 4, *a);
    QVERIFY2(a->state() == QProcess::Running, logOf("same-a1").constData());
    killNow(*a);
    qInfo("runner a killed with %lld of %lld records committed", static_cast<long long>(atKill),
          static_cast<long long>(r.records));
    QVERIFY2(committedTotal(r.name, r.in) < r.records,
             "the input was done before the kill: make it larger");
    // librdkafka and the broker keep the metadata of transactional offset commits.
    for (const auto& [offset, metadata] : committed(r.name, r.in))
      QVERIFY2(metadata.rfind("sc:chk=", 0) == 0, metadata.c_str());

    auto again = startRunner(r.pipeline, "a", "same-a2");
    waitForExit(*again, "same-a2");
    const QByteArray log = logOf("same-a2", true);
    // (a rebalance inside the run would restore its partitions again: more, never fewer)
    QVERIFY2(countOf(log, "restored from local checkpoint") >= kPartitions, log.right(6000));
    QVERIFY2(countOf(log, "(matches the group's commit;") >= kPartitions, log.right(6000));
    // The changelog path logs "restored the state of ..." or "no state of ...".
    QVERIFY2(countOf(log, "restored the state of") == 0, log.right(6000));
    QVERIFY2(countOf(log, "no state of") == 0, log.right(6000));
    verifyOutput(r);
  }

  // The same behind a repartition hop: the window's partitions are the repartition topic's, and
  // their local state carries the hop's watermark markers. (Turned off once, while a runner
  // crash at the end of tst_realscaleout's hop scenario was taken for a fault of this path: it
  // was kafka.source's rebalance callback at the consumer's close, tst_rebalanceprotocol.)
  void restartWithTheSameInstanceRestoresFromTheLocalCheckpointBehindAHop() {
    const Run r = prepare("hop", "exactly_once", true);
    auto a = startRunner(r.pipeline, "a", "hop-a1");
    const int64_t atKill = waitForCommitted(r, r.records / 4, *a);
    QVERIFY2(a->state() == QProcess::Running, logOf("hop-a1").constData());
    killNow(*a);
    qInfo("runner a killed with %lld of %lld records committed", static_cast<long long>(atKill),
          static_cast<long long>(r.records));
    QVERIFY2(committedTotal(r.name, r.in) < r.records,
             "the input was done before the kill: make it larger");
    QVERIFY2(countOf(logOf("hop-a1", true), "win~repartition-source") > 0,
             "no repartition hop in the run");

    auto again = startRunner(r.pipeline, "a", "hop-a2");
    waitForExit(*again, "hop-a2");
    const QByteArray log = logOf("hop-a2", true);
    // Every repartition partition (as many as the input's) from the local checkpoint.
    QVERIFY2(countOf(log, "-win-repartition[") > 0, log.right(6000));
    QVERIFY2(countOf(log, "restored from local checkpoint") >= kPartitions, log.right(6000));
    QVERIFY2(countOf(log, "restored the state of") == 0, log.right(6000));
    QVERIFY2(countOf(log, "no state of") == 0, log.right(6000));
    verifyOutput(r);
  }

  // The same under at-least-once: plain offset commits carry the metadata, and a repeated
  // window (written after the last commit, before the kill) has the same aggregates.
  void atLeastOnceRestoresFromTheLocalCheckpointToo() {
    const Run r = prepare("alo", "at_least_once");
    auto a = startRunner(r.pipeline, "a", "alo-a1");
    waitForCommitted(r, r.records / 4, *a);
    QVERIFY2(a->state() == QProcess::Running, logOf("alo-a1").constData());
    killNow(*a);
    QVERIFY2(committedTotal(r.name, r.in) < r.records,
             "the input was done before the kill: make it larger");
    for (const auto& [offset, metadata] : committed(r.name, r.in))
      QVERIFY2(metadata.rfind("sc:chk=", 0) == 0, metadata.c_str());
    auto again = startRunner(r.pipeline, "a", "alo-a2");
    waitForExit(*again, "alo-a2");
    const QByteArray log = logOf("alo-a2", true);
    QVERIFY2(countOf(log, "restored from local checkpoint") >= kPartitions, log.right(6000));
    QVERIFY2(countOf(log, "restored the state of") == 0, log.right(6000));
    QVERIFY2(countOf(log, "no state of") == 0, log.right(6000));
    verifyOutput(r, true);
  }

  // Killed; another instance takes the partitions further and is killed too; the first
  // restarts: its local checkpoint is not what the group committed, so the changelog serves.
  void aStaleLocalCheckpointFallsBackToTheChangelog() {
    const Run r = prepare("stale");
    auto a = startRunner(r.pipeline, "a", "stale-a1");
    const int64_t atKillA = waitForCommitted(r, r.records / 8, *a);
    QVERIFY2(a->state() == QProcess::Running, logOf("stale-a1").constData());
    killNow(*a);
    auto b = startRunner(r.pipeline, "b", "stale-b");
    waitForCommitted(r, atKillA + r.records / 8, *b);
    // b restores a partition when it reads it; a partition whose changelog a's killed
    // transaction holds open waits for the broker to abort it (transaction.timeout.ms), while
    // the others go on. b must have taken every partition before it is killed.
    QVERIFY2(waitForLog("stale-b", "restored the state of", kPartitions, *b),
             logOf("stale-b").constData());
    const int64_t goOn = committedTotal(r.name, r.in) + r.records / 16;
    QVERIFY2(waitForCommitted(r, goOn, *b) >= goOn, logOf("stale-b").constData());  // went on
    QVERIFY2(b->state() == QProcess::Running, logOf("stale-b").constData());
    const int64_t atKillB = committedTotal(r.name, r.in);
    killNow(*b);
    qInfo("a killed at %lld, b at %lld of %lld records", static_cast<long long>(atKillA),
          static_cast<long long>(atKillB), static_cast<long long>(r.records));
    QVERIFY2(atKillB < r.records, "the input was done before the kill: make it larger");
    QVERIFY2(countOf(logOf("stale-b", true), "restored the state of") == kPartitions,
             logOf("stale-b").constData());

    // The partitions b committed last (its folder's token in the metadata): those must come
    // from the changelog; a partition b never read may still be a's own.
    QFile tokenFile(
        dir_.filePath("checkpoints/" + QFileInfo(r.pipeline).baseName() + "/scale-out/b/token"));
    QVERIFY(tokenFile.open(QIODevice::ReadOnly));
    const std::string tokenB = tokenFile.readAll().trimmed().toStdString();
    int byB = 0;
    for (const auto& [offset, metadata] : committed(r.name, r.in))
      if (metadata.find(";dir=" + tokenB) != std::string::npos && offset < r.records / kPartitions)
        ++byB;
    QVERIFY2(byB >= 1, "b committed no partition that is not done");

    auto again = startRunner(r.pipeline, "a", "stale-a2");
    waitForExit(*again, "stale-a2");
    const QByteArray log = logOf("stale-a2", true);
    // Every partition b committed last and did not finish comes from the changelog.
    QVERIFY2(countOf(log, "restored the state of") >= byB, log.right(6000));
    QVERIFY2(countOf(log, "of another runner)") == byB, log.right(6000));
    verifyOutput(r);
  }
};

QTEST_GUILESS_MAIN(TestRealLocalRestore)
#include "tst_reallocalrestore.moc"
