// End to end with independent tools: `streamcanvas-run --sandbox` serves the cluster, kcat
// writes JSON lines into it, the streamcanvas-run binary runs kafka.source -> filter ->
// kafka.sink, and kcat reads the result topic, which must hold exactly the expected lines.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <csignal>

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");

struct Ran {
  int exitCode = -1;
  QByteArray out, err;
};

Ran runTool(const QString& program, const QStringList& args, const QByteArray& input = {},
            const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
            int timeoutMs = 60000) {
  QProcess p;
  p.setProcessEnvironment(env);
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
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

QStringList sortedLines(const QByteArray& text) {
  QStringList lines = QString::fromUtf8(text).split('\n', Qt::SkipEmptyParts);
  lines.sort();
  return lines;
}

}  // namespace

class TestKafkaKcat : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void kcatInPipelineKcatOut() {
    if (QStandardPaths::findExecutable("kcat").isEmpty())
      QSKIP("kcat is not installed (apt-get install kcat)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bootFile = dir.filePath("bootstrap");

    QProcess sandbox;
    sandbox.start(kRunner, {"--sandbox", "--partitions", "2", "--topic", "readings", "--topic",
                            "alerts", "--bootstrap-file", bootFile});
    QVERIFY(sandbox.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(bootFile) || sandbox.state() != QProcess::Running,
                             20000);
    QCOMPARE(sandbox.state(), QProcess::Running);
    QFile f(bootFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString boot = QString::fromUtf8(f.readAll()).trimmed();
    QVERIFY2(boot.startsWith("127.0.0.1:"), qPrintable(boot));

    // 60 readings; those above 30 degrees are the alerts.
    QByteArray input;
    QStringList expected;
    for (int i = 0; i < 60; ++i) {
      QByteArray line = QStringLiteral("{\"sensor\":\"s%1\",\"temperature\":%2,\"status\":\"%3\"}")
                            .arg(i % 5)
                            .arg(10 + (i * 7) % 40)
                            .arg(i % 4 == 0 ? "maintenance" : "ok")
                            .toUtf8();
      input += line + '\n';
      if (10 + (i * 7) % 40 > 30 && i % 4 != 0) expected << QString::fromUtf8(line);
    }
    expected.sort();
    Ran produced = runTool("kcat", {"-P", "-b", boot, "-t", "readings"}, input);
    QVERIFY2(produced.exitCode == 0, produced.err.constData());

    QFile pipeline(dir.filePath("alerts.json"));
    QVERIFY(pipeline.open(QIODevice::WriteOnly));
    pipeline.write(R"({
  "streamcanvas": 1,
  "name": "kcat-alerts",
  "connections": {"sandbox": {"type": "kafka", "bootstrap_servers": "${KAFKA_BOOTSTRAP}"}},
  "nodes": [
    {"id": "in", "type": "kafka.source", "properties": {"connection": "sandbox", "topics": ["readings"], "bounded": true}},
    {"id": "hot", "type": "filter", "properties": {"condition": "temperature > 30 && status == \u0022ok\u0022"}},
    {"id": "out", "type": "kafka.sink", "properties": {"connection": "sandbox", "topic": "alerts"}}
  ],
  "edges": [{"from": "in", "to": "hot"}, {"from": "hot", "to": "out"}]
}
)");
    pipeline.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("KAFKA_BOOTSTRAP", boot);
    // --fresh: a finished run of an earlier ctest pass stays finished in the test's state folder.
    Ran ran = runTool(kRunner, {pipeline.fileName(), "--fresh"}, {}, env);
    QVERIFY2(ran.exitCode == 0, ran.err.constData());

    Ran consumed = runTool("kcat", {"-C", "-b", boot, "-t", "alerts", "-e", "-q", "-f", "%s\\n"});
    QVERIFY2(consumed.exitCode == 0, consumed.err.constData());
    QCOMPARE(sortedLines(consumed.out), expected);

    // The group's offsets are committed: a second run adds nothing, even one that starts over
    // (--fresh; without it the finished run's record ends the run at once).
    Ran again = runTool(kRunner, {pipeline.fileName(), "--fresh"}, {}, env);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    Ran consumedAgain =
        runTool("kcat", {"-C", "-b", boot, "-t", "alerts", "-e", "-q", "-f", "%s\\n"});
    QCOMPARE(sortedLines(consumedAgain.out), expected);

    ::kill(static_cast<pid_t>(sandbox.processId()), SIGTERM);
    QVERIFY(sandbox.waitForFinished(20000));
    QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sandbox.exitCode(), 0);
    QVERIFY2(!QFile::exists(bootFile), "the bootstrap file is removed when the sandbox stops");
  }
};

QTEST_GUILESS_MAIN(TestKafkaKcat)
#include "tst_kafkakcat.moc"
