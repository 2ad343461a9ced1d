// streamcanvas-run --new-test, --test, --replay and --record as a user runs them: the real
// binary, its exit codes, the diff on stdout and the errors on stderr.
#include <QtTest>

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
const QString kSource = QStringLiteral(SC_SOURCE_DIR);
const QString kPayments = kSource + "/resources/examples/generated-payments.json";
const QString kAverages = kSource + "/resources/examples/sensor-averages.json";

struct Run {
  int exitCode = -1;
  QByteArray out, err;
};

Run run(const QStringList& args) {
  QProcess p;
  p.setWorkingDirectory(kSource);
  p.start(kRunner, args);
  Run r;
  if (!p.waitForStarted(10000) || !p.waitForFinished(60000)) {
    p.kill();
    p.waitForFinished();
    qWarning() << "runner timed out:" << args;
    return r;
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

QByteArray readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(text);
}

}  // namespace

class TestRunnerFixtures : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void recordedTestPasses_data();
  void recordedTestPasses();
  void changedFilterFailsWithADiff();
  void malformedFixturesGiveClearErrors();
  void replayIntoANodeAndRecordAWire();
};

void TestRunnerFixtures::recordedTestPasses_data() {
  QTest::addColumn<QString>("pipeline");
  QTest::newRow("filter and map") << kPayments;
  QTest::newRow("event-time window") << kAverages;
}

void TestRunnerFixtures::recordedTestPasses() {
  QFETCH(QString, pipeline);
  QTemporaryDir dir;
  const QString test = dir.filePath("test");
  const Run recorded = run({"--new-test", test, pipeline});
  QVERIFY2(recorded.exitCode == 0, recorded.err.constData());
  QVERIFY2(recorded.err.contains("wrote test folder"), recorded.err.constData());
  QVERIFY(QFile::exists(test + "/manifest.json"));
  QVERIFY(!readFile(test + "/expected/out.jsonl").isEmpty());
  // What the sink received is what the console printed.
  QCOMPARE(readFile(test + "/expected/out.jsonl"), recorded.out);

  const Run tested = run({"--test", test, pipeline});
  QVERIFY2(tested.exitCode == 0, tested.out + tested.err);
  QVERIFY2(tested.out.contains("PASS out"), tested.out.constData());
}

void TestRunnerFixtures::changedFilterFailsWithADiff() {
  QTemporaryDir dir;
  const QString test = dir.filePath("test");
  QCOMPARE(run({"--new-test", test, kPayments}).exitCode, 0);
  const QString changed = dir.filePath("changed.json");
  QByteArray text = readFile(kPayments);
  QVERIFY(text.contains("amount >= 250"));
  writeFile(changed, text.replace("amount >= 250", "amount >= 300"));

  const Run tested = run({"--test", test, changed});
  QCOMPARE(tested.exitCode, 1);
  QVERIFY2(tested.out.contains("FAIL out: expected 8 records"), tested.out.constData());
  // The records the stricter filter drops are shown as expected but missing.
  QVERIFY2(tested.out.contains("- expected record 5: {\"payment_id\":\"pay-00000030\""),
           tested.out.constData());
  QVERIFY2(!tested.out.contains("+ actual"), tested.out.constData());
  QVERIFY2(tested.out.contains("1 of 1 sink differ"), tested.out.constData());
}

void TestRunnerFixtures::malformedFixturesGiveClearErrors() {
  QTemporaryDir dir;
  const QString test = dir.filePath("test");
  QCOMPARE(run({"--new-test", test, kPayments}).exitCode, 0);
  const QString input = test + "/inputs/payments.jsonl";
  const QByteArray good = readFile(input);

  // A broken line: file, line, what and what to do; exit 2, nothing compared.
  writeFile(input, good + "{\"value\": {\"amount\": 1}\n");
  Run r = run({"--test", test, kPayments});
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(r.err.contains(input.toUtf8() + ":51: malformed JSON"), r.err.constData());
  QVERIFY2(r.err.contains("fix or remove the line"), r.err.constData());
  QVERIFY(r.out.isEmpty());

  // A manifest that names a node the pipeline lacks.
  writeFile(input, good);
  QByteArray manifest = readFile(test + "/manifest.json");
  writeFile(test + "/manifest.json", QByteArray(manifest).replace("\"payments\"", "\"paymnts\""));
  r = run({"--test", test, kPayments});
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(r.err.contains("node 'paymnts'") && r.err.contains("did you mean 'payments'"),
           r.err.constData());

  // A manifest that is not JSON, and a folder without one.
  writeFile(test + "/manifest.json", "{\"inputs\": [");
  r = run({"--test", test, kPayments});
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(r.err.contains("manifest.json: not valid JSON"), r.err.constData());
  r = run({"--test", dir.filePath("nowhere"), kPayments});
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(r.err.contains("must hold manifest.json"), r.err.constData());
}

void TestRunnerFixtures::replayIntoANodeAndRecordAWire() {
  QTemporaryDir dir;
  const QString wire = dir.filePath("big.jsonl");
  const Run recorded = run({"--record", "big=" + wire, kPayments});
  QVERIFY2(recorded.exitCode == 0, recorded.err.constData());
  QVERIFY(!recorded.out.isEmpty());
  const Run replayed = run({"--replay", wire, "--into", "label", kPayments});
  QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
  QCOMPARE(replayed.out, recorded.out);

  const Run unknown = run({"--record", "nope=" + wire, kPayments});
  QCOMPARE(unknown.exitCode, 1);
  QVERIFY2(unknown.err.contains("no output port 'nope'"), unknown.err.constData());
}

QTEST_GUILESS_MAIN(TestRunnerFixtures)
#include "tst_runnerfixtures.moc"
