// Scale-out mode against the real broker: several streamcanvas-run processes share one pipeline
// (settings.scale_out) through a consumer group. A keyed tumbling window (count, sum, min, max)
// over a bounded 12-partition topic writes to kafka.sink with exactly_once; twice: keyed by the
// message key ($key: no hop), and with messages keyed by a sequence number and the window keyed
// by a field, which forces the repartition hop (docs/scale-out.md). Three runners start; a fourth
// joins mid-stream; one of the first is killed with SIGKILL mid-stream; all others must exit by
// themselves. The output, read with read_committed, must equal a brute-force oracle computed from
// the input: every (key, window) exactly once with the exact aggregates, so no duplicates and no
// gaps.
//
// What makes it hold: the window's state per input partition goes to the changelog topic in the
// same transaction as the output and the offsets, and is restored by the partition's next owner;
// a runner giving up partitions commits a checkpoint first; a bounded runner ends only when the
// group has committed every partition's end. With the hop, the repartition topic's records and
// watermark markers go in the same transactions, and the window's event time per repartition
// partition is the minimum of the upstream partitions' markers.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "engine/graph/Json.h"
#include "integration/RealKafka.h"

using namespace sc::test;
using sc::Json;

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
constexpr int kPartitions = 12;
constexpr int kKeys = 600;
constexpr int kSteps = 4000;                   // records per key: kKeys * kSteps in all
constexpr int kHopSteps = 2000;                // the same with the hop (its traffic is double)
constexpr int64_t kStart = 1'700'000'000'000;  // event time of the first record
constexpr int64_t kStepMs = 50;                // event time between a key's records
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

}  // namespace

namespace QTest {
template <>
inline char* toString(const Aggregate& a) {
  return qstrdup(QByteArray("{count ") + QByteArray::number(qlonglong(a.count)) + ", sum " +
                 QByteArray::number(qlonglong(a.sum)) + ", min " +
                 QByteArray::number(qlonglong(a.min)) + ", max " +
                 QByteArray::number(qlonglong(a.max)) + "}");
}
}  // namespace QTest

class TestRealScaleOut : public QObject {
  Q_OBJECT

 private:
  RealKafka kafka_;
  QTemporaryDir dir_;
  RdKafkaPtr groupClient_;
  std::string groupOf_;

  QString writePipeline(const std::string& name, const std::string& in, const std::string& out,
                        bool hop, bool bounded = true) {
    Json doc = {
        {"streamcanvas", 1},
        {"name", name},
        {"settings",
         {{"delivery", "exactly_once"},
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
                 {"bounded", bounded},
                 {"group_id", name}}}},
              // CPU work before the window (fields the window does not read), so the runners
              // are still busy with their partitions when the group rebalances.
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
                 // $key: each key lives in one input partition. k: the field, while the
                 // messages are keyed by a sequence number, so the runner repartitions.
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

  // `name` names the log and the instance (but d: the default instance, unique per process);
  // `extra` goes on the command line after them.
  std::unique_ptr<QProcess> startRunner(const QString& pipeline, const QString& name,
                                        const QStringList& extra = {}) {
    auto p = std::make_unique<QProcess>();
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->setStandardOutputFile(dir_.filePath("runner-" + name + ".log"));
    // Checkpoints in the test's folder, not the user's ~/.local/state.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_STATE_HOME", dir_.filePath("state"));
    p->setProcessEnvironment(env);
    QStringList args{pipeline};
    if (name != "d" && !extra.contains("--instance")) args << "--instance" << name;
    args << extra;
    p->start(kRunner, args);
    if (!p->waitForStarted(10000)) qFatal("runner did not start");
    return p;
  }

  QString logPath(const QString& name) { return dir_.filePath("runner-" + name + ".log"); }

  // The last `lines` lines of a runner's log (its stdout and stderr), printed line by line on
  // the test's stderr: a QVERIFY2 message is cut at 1 KB, which once hid a runner's error. The
  // test's temporary folder (and the whole log) stays when SC_KEEP_TEST_DIR is set.
  void printLogTail(const QString& name, int lines = 60) {
    QFile f(logPath(name));
    if (!f.open(QIODevice::ReadOnly)) {
      std::fprintf(stderr, "runner %s: no log at %s\n", qPrintable(name), qPrintable(f.fileName()));
      return;
    }
    QList<QByteArray> all = f.readAll().split('\n');
    if (!all.isEmpty() && all.back().isEmpty()) all.removeLast();
    const qsizetype from = std::max<qsizetype>(0, all.size() - lines);
    std::fprintf(stderr, "---- runner %s: the last %lld of %lld lines of %s ----\n",
                 qPrintable(name), static_cast<long long>(all.size() - from),
                 static_cast<long long>(all.size()), qPrintable(f.fileName()));
    for (qsizetype i = from; i < all.size(); ++i)
      std::fprintf(stderr, "%s: %s\n", qPrintable(name), all[i].constData());
    std::fprintf(stderr, "---- end of runner %s's log ----\n", qPrintable(name));
    std::fflush(stderr);
  }

  // A short failure message about a runner; its log's tail goes to stderr first.
  QByteArray failureOf(const QString& name, const QProcess* p, const char* what) {
    printLogTail(name);
    QByteArray m = "runner " + name.toUtf8() + ": " + what;
    if (p && p->state() == QProcess::NotRunning)
      m += p->exitStatus() == QProcess::CrashExit
               ? QByteArray(" (it crashed)")
               : " (it exited with code " + QByteArray::number(p->exitCode()) + ")";
    return m + "; the last lines of its log are printed above";
  }

  // One reading {"k", "v", "ts"} into `partition` of `topic`, added to the oracle `into`.
  static void produceReading(rd_kafka_t* producer, const std::string& topic, int partition,
                             const std::string& messageKey, const std::string& k, int64_t ts,
                             int64_t v, std::map<WindowKey, Aggregate>& into) {
    char payload[128];
    const int len = std::snprintf(payload, sizeof payload, "{\"k\":\"%s\",\"v\":%lld,\"ts\":%lld}",
                                  k.c_str(), static_cast<long long>(v), static_cast<long long>(ts));
    rd_kafka_resp_err_t err;
    while ((err = rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()),
                                    RD_KAFKA_V_PARTITION(partition),
                                    RD_KAFKA_V_KEY(messageKey.data(), messageKey.size()),
                                    RD_KAFKA_V_VALUE(payload, static_cast<size_t>(len)),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)) ==
           RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(producer, 10);
    if (err) qFatal("produce: %s", rd_kafka_err2str(err));
    Aggregate& a = into[{k, ts - (ts % kWindowMs)}];
    ++a.count;
    a.sum += v;
    a.min = std::min(a.min, v);
    a.max = std::max(a.max, v);
  }

  // Produces the input (message key = window key, or with `hop` a sequence number) and returns
  // what the window must emit.
  std::map<WindowKey, Aggregate> produceInput(const std::string& topic, int steps, bool hop) {
    RdKafkaPtr producer = kafka_.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext,
                                           {{"linger.ms", "20"},
                                            {"batch.num.messages", "10000"},
                                            // retries must not reorder a partition's records
                                            {"enable.idempotence", "true"}});
    if (!producer) qFatal("no producer");
    std::map<WindowKey, Aggregate> expected;
    // Time runs forward in every partition (keys in step order), so no record is late.
    std::string messageKey;
    for (int step = 0; step < steps; ++step)
      for (int key = 0; key < kKeys; ++key) {
        const std::string k = "k" + std::to_string(key);
        const int64_t seq = int64_t(step) * kKeys + key;
        // With the hop a key's records are spread over every partition.
        messageKey = hop ? std::to_string(seq) : k;
        const int partition = static_cast<int>((hop ? seq : key) % kPartitions);
        const int64_t ts = kStart + step * kStepMs, v = valueOf(key, step);
        // Without the hop key i is in partition i % kPartitions: a failure can be told by
        // partition.
        produceReading(producer.get(), topic, partition, messageKey, k, ts, v, expected);
      }
    if (rd_kafka_flush(producer.get(), 120000)) qFatal("the input was not acknowledged");
    return expected;
  }

  // The windows in the output topic as a read_committed reader sees them; a window written
  // twice counts in `duplicates`.
  std::map<WindowKey, Aggregate> outputWindows(const std::string& topic, int partitions,
                                               int& duplicates) {
    std::map<WindowKey, Aggregate> seen;
    for (const std::string& value : readCommitted(topic, partitions)) {
      const Json r = Json::parse(value);
      const WindowKey key{r["key"].get<std::string>(), r["window_start"].get<int64_t>()};
      Aggregate got;
      got.count = r["n"].get<int64_t>();
      got.sum = static_cast<int64_t>(r["total"].get<double>());
      got.min = static_cast<int64_t>(r["lo"].get<double>());
      got.max = static_cast<int64_t>(r["hi"].get<double>());
      if (!seen.emplace(key, got).second) ++duplicates;
    }
    return seen;
  }

  // Every value of `topic` a read_committed reader sees, to the end of each partition.
  std::vector<std::string> readCommitted(const std::string& topic, int partitions,
                                         const char* isolation = "read_committed") {
    std::vector<std::string> values;
    RdKafkaPtr c = kafka_.newClient(RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
                                    {{"group.id", "tst-realscaleout-reader"},
                                     {"enable.auto.commit", "false"},
                                     {"enable.partition.eof", "true"},
                                     {"isolation.level", isolation}});
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; ++p)
      rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(c.get(), list);
    rd_kafka_topic_partition_list_destroy(list);
    // The end of each partition: its high watermark, once the last stable offset has reached
    // it (the killed runner's open transaction is aborted by the broker after
    // transaction.timeout.ms); reached when the position (past control records) gets there.
    RdKafkaPtr probe = kafka_.newClient(
        RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
        {{"group.id", "tst-realscaleout-probe"}, {"isolation.level", "read_uncommitted"}});
    std::vector<int64_t> ends(partitions, 0);
    QDeadlineTimer settled(120000);
    for (int p = 0; p < partitions; ++p) {
      for (;;) {
        int64_t low = 0, stable = -1;
        rd_kafka_query_watermark_offsets(c.get(), topic.c_str(), p, &low, &stable, 10000);
        rd_kafka_query_watermark_offsets(probe.get(), topic.c_str(), p, &low, &ends[p], 10000);
        if ((stable >= ends[p] && ends[p] >= 0) || settled.hasExpired()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
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

  // Records of 5 keys per step to one partition of `topic`, event time kStart + step * kStepMs,
  // steps [from, to); adds them to `all` per (key, window).
  void produceSteps(const std::string& topic, int partition, int from, int to,
                    std::map<WindowKey, Aggregate>& all) {
    RdKafkaPtr producer = kafka_.newClient(RD_KAFKA_PRODUCER, SecurityMode::Plaintext,
                                           {{"linger.ms", "5"}, {"enable.idempotence", "true"}});
    if (!producer) qFatal("no producer");
    for (int step = from; step < to; ++step)
      for (int key = 0; key < 5; ++key) {
        const std::string k = "k" + std::to_string(key);
        const std::string messageKey = std::to_string(step * 5 + key);
        const int64_t ts = kStart + step * kStepMs, v = valueOf(key, step);
        produceReading(producer.get(), topic, partition, messageKey, k, ts, v, all);
      }
    if (rd_kafka_flush(producer.get(), 60000)) qFatal("the input was not acknowledged");
  }

  // Until `topic` (one partition) holds `count` committed records, or 90 s (a hang guard) have
  // passed, or the runner ended. True when they are there.
  bool waitForOutput(const std::string& topic, size_t count, const QString& label, QProcess* p) {
    for (QDeadlineTimer deadline(90000); !deadline.hasExpired();
         std::this_thread::sleep_for(std::chrono::milliseconds(300))) {
      if (readCommitted(topic, 1).size() >= count) return true;
      if (p->state() != QProcess::Running) {
        qWarning("%s", failureOf(label, p, "ended before its output was there").constData());
        return false;
      }
    }
    qWarning("%s", failureOf(label, p, "its output was not there within 90 s").constData());
    return false;
  }

  // SIGTERM: a savepoint, then the runner leaves the group and ends normally.
  bool stopRunner(const QString& label, QProcess* p) {
    ::kill(static_cast<pid_t>(p->processId()), SIGTERM);
    if (!p->waitForFinished(60000)) {
      qWarning("%s", failureOf(label, p, "did not end within 60 s of SIGTERM").constData());
      p->kill();
      p->waitForFinished();
      return false;
    }
    if (p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0) return true;
    qWarning("%s", failureOf(label, p, "did not end normally after SIGTERM").constData());
    return false;
  }

  // The high watermarks of `topic`'s partitions summed, once no transaction is open on any of
  // them (-1 until then).
  int64_t stableEndTotal(const std::string& topic, int partitions) {
    RdKafkaPtr committed = kafka_.newClient(
        RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
        {{"group.id", "tst-realscaleout-probe"}, {"isolation.level", "read_committed"}});
    RdKafkaPtr uncommitted = kafka_.newClient(
        RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
        {{"group.id", "tst-realscaleout-probe"}, {"isolation.level", "read_uncommitted"}});
    int64_t total = 0;
    for (int p = 0; p < partitions; ++p) {
      int64_t low = 0, stable = -1, high = -1;
      if (rd_kafka_query_watermark_offsets(committed.get(), topic.c_str(), p, &low, &stable,
                                           10000) ||
          rd_kafka_query_watermark_offsets(uncommitted.get(), topic.c_str(), p, &low, &high,
                                           10000) ||
          stable < high)
        return -1;
      total += high;
    }
    return total;
  }

  // The group's committed offset summed over the input's partitions (-1 when none yet).
  int64_t committedTotal(const std::string& group, const std::string& topic,
                         int partitions = kPartitions) {
    // One client per group, kept: the loop that waits for mid-stream asks often.
    if (!groupClient_ || groupOf_ != group) {
      groupClient_ = kafka_.newClient(RD_KAFKA_CONSUMER, SecurityMode::Plaintext,
                                      {{"group.id", group}, {"enable.auto.commit", "false"}});
      groupOf_ = group;
    }
    rd_kafka_t* c = groupClient_.get();
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; ++p)
      rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
    int64_t total = -1;
    if (rd_kafka_committed(c, list, 30000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      total = 0;
      for (int i = 0; i < list->cnt; ++i)
        if (list->elems[i].offset > 0) total += list->elems[i].offset;
    }
    rd_kafka_topic_partition_list_destroy(list);
    return total;
  }

 private Q_SLOTS:
  void initTestCase() {
    kafka_ = RealKafka::fromEnvironment();
    QVERIFY2(kafka_.ok(), qPrintable(kafka_.error()));
    QVERIFY(dir_.isValid());
    // SC_KEEP_TEST_DIR=1 keeps the runners' logs for a look after a failure.
    if (qEnvironmentVariableIsSet("SC_KEEP_TEST_DIR")) {
      dir_.setAutoRemove(false);
      qInfo("runner logs in %s", qPrintable(dir_.path()));
    }
  }

  void killedAndJoiningRunnersGiveTheExactResult() { scenario(false); }

  void killedAndJoiningRunnersGiveTheExactResultThroughARepartitionHop() { scenario(true); }

  // The hop's watermark markers are part of a repartition partition's snapshot, so a runner that
  // takes the partition over from the changelog goes on with the time the markers had reached.
  // Unbounded, upstream partitions u0 and u1 (of topic `in`):
  //  1. runner a reads u0 to 9.95 s and u1 to 19.95 s of event time; the markers hold the time
  //     at u0's (windows up to [8 s, 9 s) fire). SIGTERM: a savepoint, its state in the
  //     changelog.
  //  2. runner x (another instance: from the changelog) reads what is left of the repartition
  //     topic (a's last markers) and writes nothing to it (no new input); once its reader group
  //     committed the topic's end, SIGTERM. No marker naming u1 is left unread.
  //  3. runner b (from the changelog) gets new records of u0 only, to 39.95 s. Its markers name
  //     u0 alone (it wrote nothing of u1); u1's watermark (19.949 s) is known only from the
  //     snapshot. With it the windows up to [18 s, 19 s) fire, and not [19 s, 20 s); had the
  //     snapshot lost the markers, u1 would hold the time back and nothing more would fire.
  // The committed output must then be exactly those windows (no more, no duplicates).
  void aRunnerTakingOverARepartitionPartitionGoesOnWithItsMarkers() {
    const std::string run = std::to_string(QDateTime::currentMSecsSinceEpoch());
    const std::string name = "scaleout-marks-" + run, in = "scaleout-marks-in-" + run,
                      out = "scaleout-marks-out-" + run;
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, in, 2)),
             QString());
    QCOMPARE(QString::fromStdString(
                 createTopic(kafka_, SecurityMode::Plaintext, out, 1, {{"retention.ms", "-1"}})),
             QString());
    const QString pipeline = writePipeline(name, in, out, /*hop=*/true, /*bounded=*/false);
    std::map<WindowKey, Aggregate> all;  // every record produced
    produceSteps(in, 0, 0, 200, all);    // u0: 0 .. 9.95 s
    produceSteps(in, 1, 0, 400, all);    // u1: 0 .. 19.95 s
    // The windows a watermark of newest - 1 fires: those that end at or before `newest`.
    auto firedBy = [&](int64_t newest) {
      std::map<WindowKey, Aggregate> fired;
      for (const auto& [key, a] : all)
        if (key.second + kWindowMs <= newest) fired.emplace(key, a);
      return fired;
    };

    auto a = startRunner(pipeline, "a");
    const auto firstPart = firedBy(kStart + 9950);
    QVERIFY(waitForOutput(out, firstPart.size(), "a", a.get()));
    QVERIFY(stopRunner("a", a.get()));

    auto x = startRunner(pipeline, "x");
    const std::string topic = name + "-win-repartition";
    int64_t end = -1, committed = -2;
    for (QDeadlineTimer deadline(120000); !deadline.hasExpired();
         std::this_thread::sleep_for(std::chrono::milliseconds(200))) {
      if (x->state() != QProcess::Running) break;
      end = stableEndTotal(topic, 2);
      committed = committedTotal(topic, topic, 2);
      if (end > 0 && committed == end) break;
    }
    if (committed != end)
      QFAIL(failureOf("x", x.get(), "its reader group did not commit the repartition topic's end")
                .constData());
    QVERIFY(stopRunner("x", x.get()));

    produceSteps(in, 0, 200, 800, all);  // u0 only: 10 .. 39.95 s
    auto b = startRunner(pipeline, "b");
    const auto expected = firedBy(kStart + 19950);  // u1 holds the time
    QVERIFY(expected.size() > firstPart.size());
    // Waits for them (a hang guard: nothing more fires in the failure this test is about).
    waitForOutput(out, expected.size(), "b", b.get());
    QVERIFY(stopRunner("b", b.get()));

    int duplicates = 0;
    const std::map<WindowKey, Aggregate> seen = outputWindows(out, 1, duplicates);
    QCOMPARE(duplicates, 0);
    for (const auto& [key, want] : expected) {
      auto it = seen.find(key);
      QVERIFY2(it != seen.end(), qPrintable(QString("window %1 @ %2 ms is missing")
                                                .arg(QString::fromStdString(key.first))
                                                .arg(key.second - kStart)));
      QCOMPARE(it->second, want);
    }
    for (const auto& [key, got] : seen)
      QVERIFY2(expected.count(key), qPrintable(QString("window %1 @ %2 ms fired too early")
                                                   .arg(QString::fromStdString(key.first))
                                                   .arg(key.second - kStart)));
  }

  // Two runners given one --instance (on two machines, say, where the instance folder's lock
  // cannot see it) are one static member of the group: the broker lets the newer one in and
  // fences the older. That one stops with a message naming the cause and is not restarted (a
  // restart would only fence the other in turn); the newer one reads the input to its end.
  void theOlderOfTwoRunnersWithOneInstanceStopsForGood() {
    const std::string run = std::to_string(QDateTime::currentMSecsSinceEpoch());
    const std::string name = "scaleout-same-" + run, in = "scaleout-same-in-" + run,
                      out = "scaleout-same-out-" + run;
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, in, 2)),
             QString());
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, out, 1)),
             QString());
    const QString pipeline = writePipeline(name, in, out, /*hop=*/false);
    {  // at_least_once: one transactional id would fence the older one's producer as well;
       // restarts on, to see that this failure is not restarted.
      QFile f(pipeline);
      QVERIFY(f.open(QIODevice::ReadOnly));
      Json doc = Json::parse(f.readAll().toStdString());
      f.close();
      doc["settings"]["delivery"] = "at_least_once";
      doc["settings"]["restart"] = {
          {"strategy", "fixed_delay"}, {"attempts", 3}, {"delay", "200ms"}};
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      f.write(QByteArray::fromStdString(doc.dump(2)));
    }
    std::map<WindowKey, Aggregate> all;
    produceSteps(in, 0, 0, 30000, all);
    produceSteps(in, 1, 0, 30000, all);

    auto older = startRunner(pipeline, "same-1",
                             {"--instance", "same", "--checkpoint-dir", dir_.filePath("same-1")});
    auto logOf = [&](const QString& label) {
      QFile f(logPath(label));
      return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    for (QDeadlineTimer deadline(60000);
         !deadline.hasExpired() && !logOf("same-1").contains("assigned 2 partition(s)");)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    QVERIFY2(
        older->state() == QProcess::Running,
        failureOf("same-1", older.get(), "was not reading when the other started").constData());
    auto newer = startRunner(pipeline, "same-2",
                             {"--instance", "same", "--checkpoint-dir", dir_.filePath("same-2")});
    if (!older->waitForFinished(60000))
      QFAIL(failureOf("same-1", older.get(), "was not stopped within 60 s").constData());
    const QByteArray log = logOf("same-1");
    QVERIFY2(
        older->exitCode() == 1,
        failureOf("same-1", older.get(), "did not fail (it should have been fenced)").constData());
    QVERIFY2(log.contains("every runner needs its own --instance"),
             failureOf("same-1", older.get(), "did not say why it stopped").constData());
    QVERIFY2(!log.contains("restarting"),
             failureOf("same-1", older.get(), "was restarted").constData());
    if (!newer->waitForFinished(120000))
      QFAIL(failureOf("same-2", newer.get(), "did not end within 120 s").constData());
    QVERIFY2(newer->exitStatus() == QProcess::NormalExit && newer->exitCode() == 0,
             failureOf("same-2", newer.get(), "did not end normally").constData());
  }

 private:
  void scenario(bool hop) {
    const int steps = hop ? kHopSteps : kSteps;
    const std::string run = std::to_string(QDateTime::currentMSecsSinceEpoch());
    const std::string name = (hop ? "scaleout-hop-" : "scaleout-") + run, in = "scaleout-in-" + run,
                      out = "scaleout-out-" + run;
    QCOMPARE(QString::fromStdString(createTopic(kafka_, SecurityMode::Plaintext, in, kPartitions)),
             QString());
    // The results carry their windows' event time (2023) as message timestamp: under the
    // default retention (7 days) the broker's first retention check (30 s after it started)
    // deletes the first segment of each output partition, which the first commit marker (stamped
    // now) closed, so the first transactions' windows vanished when the run came that early.
    QCOMPARE(QString::fromStdString(
                 createTopic(kafka_, SecurityMode::Plaintext, out, 3, {{"retention.ms", "-1"}})),
             QString());
    const std::map<WindowKey, Aggregate> expected = produceInput(in, steps, hop);
    const int64_t records = int64_t(kKeys) * steps;
    const QString pipeline = writePipeline(name, in, out, hop);

    auto a = startRunner(pipeline, "a");
    auto b = startRunner(pipeline, "b");
    auto c = startRunner(pipeline, "c");

    // Waits until the group has committed `share` of the input.
    auto waitForCommitted = [&](int64_t share) {
      QDeadlineTimer deadline(180000);
      int64_t committed = 0;
      while (!deadline.hasExpired() && (committed = committedTotal(name, in)) < share) {
        if (a->state() != QProcess::Running) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      return committed;
    };

    // A fourth runner joins mid-stream: every runner gives up partitions to it (3 each), so
    // partitions move between live runners (revocation commits, changelog restores).
    if (waitForCommitted(records / 20) < records / 20)
      QFAIL(failureOf("a", a.get(), "the group did not commit 5% of the input").constData());
    auto d = startRunner(pipeline, "d");

    // Runner a is killed once more of the input is committed (mid-stream): its partitions go
    // to the others, which restore their state from what a committed last.
    if (waitForCommitted(records / 4) < records / 4)
      QFAIL(failureOf("a", a.get(), "the group did not commit 25% of the input").constData());
    ::kill(static_cast<pid_t>(a->processId()), SIGKILL);
    QVERIFY(a->waitForFinished(10000));
    const int64_t atKill = committedTotal(name, in);
    qInfo("runner a killed with %lld of %lld records committed", static_cast<long long>(atKill),
          static_cast<long long>(records));
    QVERIFY2(atKill < records, "the input was done before the kill: make it larger");

    const std::vector<std::pair<QProcess*, QString>> others{
        {b.get(), "b"}, {c.get(), "c"}, {d.get(), "d"}};
    for (const auto& [p, label] : others) {
      if (!p->waitForFinished(300000)) {
        const QByteArray why = failureOf(label, p, "did not end within 5 minutes");
        p->kill();
        p->waitForFinished();
        QFAIL(why.constData());
      }
      if (p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0)
        QFAIL(failureOf(label, p, "did not end normally").constData());
    }
    QCOMPARE(committedTotal(name, in), records);
    if (hop) {
      // The records went through the repartition topic (its reader group read them all, and a
      // marker per checkpoint and partition besides).
      // The last commits' markers may still be on their way (a read_committed client is told
      // "unstable offset" until then): asked again for a while.
      const std::string topic = name + "-win-repartition";
      int64_t reread = committedTotal(topic, topic);
      for (QDeadlineTimer settled(60000); reread <= records && !settled.hasExpired();
           reread = committedTotal(topic, topic))
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
      qInfo("the repartition topic's reader group committed %lld offsets in all",
            static_cast<long long>(reread));
      QVERIFY(reread > records);
      // Each record carried only what the window reads (its key, timestamp and aggregate
      // input), not the busy map's fields: the hop is projected (docs/scale-out.md).
      int64_t carried = 0;
      for (const std::string& value : readCommitted(topic, kPartitions)) {
        const Json m = Json::parse(value, nullptr, false);
        if (!m.is_object() || m.contains("upstream")) continue;  // a watermark marker
        ++carried;
        for (auto it = m.begin(); it != m.end(); ++it)
          QVERIFY2(it.key() == "k" || it.key() == "ts" || it.key() == "v", value.c_str());
      }
      QVERIFY(carried >= records);
    }

    // The output as a read_committed reader sees it.
    int duplicates = 0;
    const std::map<WindowKey, Aggregate> seen = outputWindows(out, 3, duplicates);
    QCOMPARE(duplicates, 0);
    int missing = 0, wrong = 0;
    // Per input partition: how many windows are missing or wrong, and their window starts.
    struct Gap {
      int missing = 0, wrong = 0;
      int64_t first = INT64_MAX, last = INT64_MIN;
    };
    std::map<int, Gap> gaps;
    for (const auto& [key, want] : expected) {
      auto it = seen.find(key);
      const bool absent = it == seen.end();
      if (!absent && it->second == want) continue;
      Gap& g = gaps[std::stoi(key.first.substr(1)) % kPartitions];
      g.first = std::min(g.first, key.second - kStart);
      g.last = std::max(g.last, key.second - kStart);
      if (absent) {
        ++g.missing;
        if (++missing <= 3)
          qWarning("missing %s @ %lld", key.first.c_str(), static_cast<long long>(key.second));
      } else {
        ++g.wrong;
        if (++wrong <= 3)
          qWarning("%s @ %lld: %s, expected %s", key.first.c_str(),
                   static_cast<long long>(key.second), QTest::toString(it->second),
                   QTest::toString(want));
      }
    }
    for (const auto& [partition, g] : gaps)
      qWarning(
          "input partition %d: %d windows missing, %d wrong, window starts %lld..%lld ms "
          "after the first",
          partition, g.missing, g.wrong, static_cast<long long>(g.first),
          static_cast<long long>(g.last));
    if (missing > 0) {
      // Written but aborted, or never written? (read_uncommitted shows aborted records too)
      std::set<WindowKey> written;
      for (const std::string& value : readCommitted(out, 3, "read_uncommitted")) {
        const Json r = Json::parse(value);
        written.insert({r["key"].get<std::string>(), r["window_start"].get<int64_t>()});
      }
      std::set<WindowKey> again;  // a second read_committed pass: is the reader at fault?
      for (const std::string& value : readCommitted(out, 3)) {
        const Json r = Json::parse(value);
        again.insert({r["key"].get<std::string>(), r["window_start"].get<int64_t>()});
      }
      int aborted = 0, readAgain = 0;
      for (const auto& [key, want] : expected) {
        if (seen.count(key)) continue;
        aborted += written.count(key) ? 1 : 0;
        readAgain += again.count(key) ? 1 : 0;
      }
      qWarning(
          "of the %d missing windows, %d are in the topic read uncommitted, %d in a second "
          "read committed",
          missing, aborted, readAgain);
    }
    QCOMPARE(missing, 0);
    QCOMPARE(wrong, 0);
    QCOMPARE(seen.size(), expected.size());
  }
};

QTEST_GUILESS_MAIN(TestRealScaleOut)
#include "tst_realscaleout.moc"
