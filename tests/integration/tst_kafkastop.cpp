// Stopping while the cluster is gone, end to end with the real binary: an external sandbox
// cluster (`streamcanvas-run --sandbox`) is killed under a generator -> kafka.sink run, then the
// run is stopped by SIGINT or --duration. The run must end (exit 1, counting the records it could
// not deliver) instead of waiting out librdkafka's message timeout (5 minutes by default). The
// deadlines below only tell a hang from an end; they are far above the sink's 5 s grace.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <csignal>

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
constexpr int kHangMs = 20000;  // a run still going this long after its stop hangs

}  // namespace

class TestKafkaStop : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QProcess sandbox_;
  QString boot_;

  void startSandbox() {
    const QString bootFile = dir_.filePath("bootstrap");
    QFile::remove(bootFile);
    sandbox_.start(kRunner, {"--sandbox", "--topic", "out", "--bootstrap-file", bootFile});
    QVERIFY(sandbox_.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(bootFile) || sandbox_.state() != QProcess::Running,
                             20000);
    QFile f(bootFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    boot_ = QString::fromUtf8(f.readAll()).trimmed();
    QVERIFY(!boot_.isEmpty());
  }

  void killSandbox() {
    ::kill(static_cast<pid_t>(sandbox_.processId()), SIGKILL);
    QVERIFY(sandbox_.waitForFinished(10000));
  }

  // generator (as fast as it goes, so librdkafka's queue fills up) -> kafka.sink on the sandbox.
  QString writePipeline(const QString& name) {
    const QString path = dir_.filePath(name + ".json");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write the pipeline");
    f.write(QString(R"({"streamcanvas": 1, "name": "%1",
  "connections": {"sandbox": {"type": "kafka", "bootstrap_servers": "%2"}},
  "settings": {"checkpoint_dir": "%3"},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"rate": 0}},
    {"id": "out", "type": "kafka.sink", "properties": {"connection": "sandbox", "topic": "out"}}],
  "edges": [{"from": "gen", "to": "out"}]})")
                .arg(name, boot_, dir_.filePath(name + "-checkpoints"))
                .toUtf8());
    return path;
  }

  // Starts the run and waits until its sink writes to the cluster.
  void startRun(QProcess& p, const QStringList& args) {
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(kRunner, args);
    QVERIFY(p.waitForStarted(10000));
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("writing to topic 'out'") ||
                                 p.state() != QProcess::Running,
                             20000);
    QVERIFY2(p.state() == QProcess::Running, err.constData());
    QTest::qWait(1000);  // records in flight
  }

 private Q_SLOTS:
  void init() { startSandbox(); }
  void cleanup() {
    if (sandbox_.state() != QProcess::NotRunning) {
      sandbox_.kill();
      sandbox_.waitForFinished(10000);
    }
  }

  void sigintWhileClusterDownEndsTheRun() {
    QProcess p;
    startRun(p, {writePipeline("sigint"), "--fresh"});
    killSandbox();
    QTest::qWait(1000);  // the producer notices, its queue fills up
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    if (!p.waitForFinished(kHangMs)) {
      p.kill();
      p.waitForFinished(10000);
      QFAIL("the run still went on 20 s after SIGINT with the cluster gone");
    }
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains("kafka.sink 'out': stopped with") &&
                 err.contains("records not delivered to 'out'"),
             err.right(2000).constData());
  }

  void durationWhileClusterDownEndsTheRun() {
    QProcess p;
    startRun(p, {writePipeline("duration"), "--fresh", "--duration", "4s"});
    killSandbox();
    // --duration stops the run about 2 s from now; it must end like a SIGINT does.
    if (!p.waitForFinished(kHangMs + 2000)) {
      p.kill();
      p.waitForFinished(10000);
      QFAIL("the run still went on 20 s after its --duration with the cluster gone");
    }
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains("records not delivered to 'out'"), err.right(2000).constData());
  }

  void secondSigintExitsAtOnce() {
    QProcess p;
    startRun(p, {writePipeline("twice"), "--fresh"});
    killSandbox();
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QTest::qWait(300);
    QCOMPARE(p.state(), QProcess::Running);  // still within its stop grace
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(kHangMs));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
  }
};

QTEST_GUILESS_MAIN(TestKafkaStop)
#include "tst_kafkastop.moc"
