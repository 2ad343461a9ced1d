// streamcanvas-run as a user runs it: the real binary through QProcess, checking exit codes,
// stdout data and stderr messages.
#include <QtTest>

#include <memory>

#include <cmath>
#include <csignal>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/runner/NodeDocs.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
const QString kSource = QStringLiteral(SC_SOURCE_DIR);

struct Run {
  int exitCode = -1;
  QByteArray out, err;
  QList<QByteArray> lines() const {
    QList<QByteArray> l = out.split('\n');
    if (!l.isEmpty() && l.last().isEmpty()) l.removeLast();
    return l;
  }
};

Run run(const QStringList& args,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
        int timeoutMs = 60000) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.setWorkingDirectory(kSource);
  p.start(kRunner, args);
  Run r;
  if (!p.waitForStarted(10000) || !p.waitForFinished(timeoutMs)) {
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

QString writeTemp(QTemporaryDir& dir, const QString& name, const QByteArray& text) {
  QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(text);
  return path;
}

QStringList examples() {
  QStringList out;
  for (const QFileInfo& fi :
       QDir(kSource + "/resources/examples").entryInfoList({"*.json"}, QDir::Files))
    out << fi.absoluteFilePath();
  return out;
}

}  // namespace

class TestRunner : public QObject {
  Q_OBJECT
  std::unique_ptr<QTemporaryDir> state_;

 private Q_SLOTS:
  // Every test function starts without checkpoints: runs of the examples would otherwise
  // resume (or refuse a changed graph) from the savepoints earlier tests left.
  void init() {
    state_ = std::make_unique<QTemporaryDir>();
    qputenv("XDG_STATE_HOME", state_->path().toUtf8());
  }

  void listNodesCoversEveryType() {
    Run md = run({"--list-nodes"});
    QCOMPARE(md.exitCode, 0);
    for (const sc::NodeSpec* s : sc::NodeRegistry::builtin().all())
      QVERIFY2(md.out.contains(("### `" + s->type + "`").c_str()), s->type.c_str());
    Run js = run({"--list-nodes", "--format", "json"});
    QCOMPARE(js.exitCode, 0);
    auto doc = nlohmann::json::parse(js.out.toStdString());
    QCOMPARE(doc.size(), sc::NodeRegistry::builtin().all().size());
  }

  void docsAreGeneratedFromSpecs() {
    // docs/nodes.md is the --list-nodes output; regenerate it with
    // build/app/runner/streamcanvas-run --list-nodes > docs/nodes.md
    QFile f(kSource + "/docs/nodes.md");
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().toStdString(), sc::nodeDocsMarkdown(sc::NodeRegistry::builtin()));
  }

  void everyExampleValidatesAndRoundTrips() {
    QStringList files = examples();
    QVERIFY(files.size() >= 3);
    for (const QString& file : files) {
      Run r = run({file, "--validate"});
      QVERIFY2(r.exitCode == 0, qPrintable(file + ": " + r.err));
      QFile f(file);
      QVERIFY(f.open(QIODevice::ReadOnly));
      QByteArray text = f.readAll();
      sc::LoadResult loaded = sc::parsePipeline(text.toStdString(), file.toStdString());
      QVERIFY(loaded.ok());
      QCOMPARE(QByteArray::fromStdString(sc::savePipeline(*loaded.pipeline)), text);
    }
  }

  void fileExampleMatchesOracle() {
    // sensor-alerts: readings with temperature > 30 and status "ok", plus temp_f.
    Run r = run({kSource + "/resources/examples/sensor-alerts.json"});
    QCOMPARE(r.exitCode, 0);
    std::ifstream in((kSource + "/resources/data/sensors.jsonl").toStdString());
    std::vector<nlohmann::json> want;
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      auto j = nlohmann::json::parse(line);
      if (j["temperature"].is_number() && j["temperature"].get<double>() > 30 &&
          j["status"] == "ok") {
        j["temp_f"] = j["temperature"].get<double>() * 9 / 5 + 32;
        want.push_back(j);
      }
    }
    QVERIFY(!want.empty());
    QList<QByteArray> lines = r.lines();
    QCOMPARE(size_t(lines.size()), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      auto got = nlohmann::json::parse(lines[int(i)].toStdString());
      QVERIFY2(std::abs(got["temp_f"].get<double>() - want[i]["temp_f"].get<double>()) < 1e-9,
               lines[int(i)]);
      got.erase("temp_f");
      want[i].erase("temp_f");
      QCOMPARE(QString::fromStdString(got.dump()), QString::fromStdString(want[i].dump()));
    }
  }

  void generatorExampleMatchesOracle() {
    // The same seeded payments with the filter opened up are the oracle's input; the example's
    // output must be exactly the ones the filter keeps, labelled by the map.
    QString example = kSource + "/resources/examples/generated-payments.json";
    Run all = run({example, "--set", "big.condition=amount > -1"});
    Run got = run({example});
    QCOMPARE(all.exitCode, 0);
    QCOMPARE(got.exitCode, 0);
    QCOMPARE(all.lines().size(), 50);
    std::vector<std::string> want;
    for (const QByteArray& line : all.lines()) {
      auto j = nlohmann::json::parse(line.toStdString());
      double amount = j["amount"].get<double>();
      std::string currency = j["currency"].get<std::string>();
      if (amount >= 250 && (currency == "EUR" || currency == "USD")) {
        QCOMPARE(j["amount_cents"].get<double>(), std::round(amount * 100));
        QCOMPARE(j["review"].get<bool>(), amount >= 1000);
        want.push_back(j.dump());
      }
    }
    QVERIFY(!want.empty());
    QCOMPARE(size_t(got.lines().size()), want.size());
    for (size_t i = 0; i < want.size(); ++i)
      QCOMPARE(nlohmann::json::parse(got.lines()[int(i)].toStdString()).dump(), want[i]);
  }

  void maxRecordsAndSetOverride() {
    Run r = run({kSource + "/resources/examples/generated-payments.json", "--set",
                 "big.condition=amount >= 0", "--set", "payments.count=0", "--max-records", "137"});
    QVERIFY2(r.exitCode == 0, r.err);
    QCOMPARE(r.lines().size(), 137);
    for (const QByteArray& line : r.lines())
      QVERIFY(nlohmann::json::parse(line.toStdString()).contains("amount"));
  }

  void invalidPipelineExitsTwoWithPositions() {
    QTemporaryDir dir;
    QString path = writeTemp(dir, "bad.json", R"({"streamcanvas": 1, "name": "bad",
  "nodes": [{"id": "g", "type": "generatr"},
            {"id": "f", "type": "filter", "properties": {"condition": "temperature >"}}],
  "edges": [{"from": "g", "to": "f"}]})");
    Run r = run({path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(
                 "bad.json:2:33: error: node 'g' at /nodes/0/type: unknown node type 'generatr'"),
             r.err);
    QVERIFY2(r.err.contains("did you mean 'generator'?"), r.err);
    QVERIFY2(r.err.contains("/nodes/1/properties/condition"), r.err);

    QString broken = writeTemp(dir, "broken.json", "{\"streamcanvas\": 1,\n \"nodes\": [}");
    Run b = run({broken});
    QCOMPARE(b.exitCode, 2);
    QVERIFY2(b.err.contains("broken.json:2:"), b.err);

    Run missing = run({dir.filePath("nope.json")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("cannot open"));
  }

  void deeplyNestedRegexIsRefused() {
    // std::regex compiles recursively: 20,000 nested groups crashed --validate with a stack
    // overflow. Both places a user writes a regular expression are refused with the limit.
    const std::string deep = std::string(20000, '(') + "a" + std::string(20000, ')');
    nlohmann::json doc = {
        {"streamcanvas", 1},
        {"name", "regex"},
        {"connections", {{"local", {{"type", "kafka"}, {"bootstrap_servers", "embedded"}}}}},
        {"nodes",
         {{{"id", "gen"}, {"type", "generator"}},
          {{"id", "named"},
           {"type", "filter"},
           {"properties", {{"condition", "regex_match(device, \"" + deep + "\")"}}}},
          {{"id", "out"}, {"type", "console.sink"}},
          {{"id", "in"},
           {"type", "kafka.source"},
           {"properties", {{"connection", "local"}, {"topic_pattern", deep}}}},
          {{"id", "drop"}, {"type", "discard.sink"}}}},
        {"edges",
         {{{"from", "gen"}, {"to", "named"}},
          {{"from", "named"}, {"to", "out"}},
          {{"from", "in"}, {"to", "drop"}}}}};
    QTemporaryDir dir;
    QString path = writeTemp(dir, "regex.json", QByteArray::fromStdString(doc.dump(2)));
    Run r = run({path, "--validate"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(
        r.err.contains("regex.json:31:22: error: node 'named' at /nodes/1/properties/condition: "
                       "expression error at column 21: regular expression nests groups "
                       "20000 deep; the limit is 100 (at character 101 of the pattern)"),
        r.err);
    QVERIFY2(r.err.contains("error: node 'in' at /nodes/3/properties/topic_pattern: topic_pattern: "
                            "regular expression nests groups 20000 deep; the limit is 100 (at "
                            "character 101 of the pattern)"),
             r.err);
  }

  void unknownConnectionIsAValidationError() {
    // Only the run used to notice: "connection 'locl' is not defined under "connections"".
    QTemporaryDir dir;
    QString path = writeTemp(dir, "conn.json", R"({"streamcanvas": 1, "name": "conn",
  "connections": {"local": {"type": "kafka", "bootstrap_servers": "embedded"},
                  "prod": {"type": "kafka", "bootstrap_servers": "broker:9092"}},
  "nodes": [{"id": "in", "type": "kafka.source", "properties": {"connection": "locl", "topics": "t"}},
            {"id": "out", "type": "kafka.sink", "properties": {"connection": "staging", "topic": "u"}}],
  "edges": [{"from": "in", "to": "out"}]})");
    Run r = run({path, "--validate"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("conn.json:4:79: error: node 'in' at /nodes/0/properties/connection: "
                            "unknown connection 'locl' (did you mean 'local'? defined "
                            "connections: local, prod)"),
             r.err);
    QVERIFY2(r.err.contains("error: node 'out' at /nodes/1/properties/connection: unknown "
                            "connection 'staging' (defined connections: local, prod)"),
             r.err);
  }

  void validateMakesThePlanTimeChecks() {
    // Two windows fed by one source disagree on event time: only planning used to notice, so
    // --validate said "valid" and the run refused. Both now say the same.
    QTemporaryDir dir;
    QString path = writeTemp(dir, "plan.json", R"({"streamcanvas": 1, "name": "plan",
  "nodes": [{"id": "gen", "type": "generator", "properties": {"count": 10}},
            {"id": "by-ts", "type": "window.tumbling", "properties": {"size": "1m", "timestamp": "ts"}},
            {"id": "by-kafka", "type": "window.tumbling", "properties": {"size": "1m"}},
            {"id": "a", "type": "discard.sink"}, {"id": "b", "type": "discard.sink"}],
  "edges": [{"from": "gen", "to": "by-ts"}, {"from": "gen", "to": "by-kafka"},
            {"from": "by-ts", "to": "a"}, {"from": "by-kafka", "to": "b"}]})");
    const QByteArray expected =
        "plan.json:4:73: error: node 'by-kafka' at /nodes/2/properties/timestamp: windows fed by "
        "source 'gen' disagree on the event-time expression ('ts' vs '$timestamp') (use the same "
        "timestamp expression in every window downstream of one source)";
    Run validate = run({path, "--validate"});
    QCOMPARE(validate.exitCode, 2);
    QVERIFY2(validate.err.contains(expected), validate.err);
    Run real = run({path});
    QCOMPARE(real.exitCode, 2);
    QCOMPARE(real.err, validate.err);

    // A node's own plan-time check (the input file must be readable) is made too.
    QString missing = writeTemp(dir, "missing.json", R"({"streamcanvas": 1, "name": "missing",
  "nodes": [{"id": "src", "type": "file.source", "properties": {"path": "/nonexistent/in.jsonl"}},
            {"id": "out", "type": "console.sink"}],
  "edges": [{"from": "src", "to": "out"}]})");
    Run checked = run({missing, "--validate"});
    QCOMPARE(checked.exitCode, 2);
    QVERIFY2(checked.err.contains("error: node 'src' at /nodes/0: "), checked.err);
    QVERIFY2(checked.err.contains("/nonexistent/in.jsonl"), checked.err);
    QCOMPARE(run({missing}).err, checked.err);
  }

  void validateNeverConnectsToKafka() {
    // Checking plans the Kafka nodes without acquiring anything: no broker is asked, so an
    // unreachable one does not make --validate wait or fail.
    QTemporaryDir dir;
    QString path = writeTemp(dir, "far.json", R"({"streamcanvas": 1, "name": "far",
  "connections": {"far": {"type": "kafka", "bootstrap_servers": "192.0.2.1:9092"}},
  "nodes": [{"id": "in", "type": "kafka.source", "properties": {"connection": "far", "topics": "t"}},
            {"id": "out", "type": "kafka.sink", "properties": {"connection": "far", "topic": "u"}}],
  "edges": [{"from": "in", "to": "out"}]})");
    QElapsedTimer clock;
    clock.start();
    Run r = run({path, "--validate"});
    QVERIFY2(r.exitCode == 0, r.err);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
  }

  void validateWarnsAboutFieldsAndExitsZero() {
    // The issue's case: a misspelled field compared with a string let 0 of 201 records through
    // and --validate said nothing. Now it warns (the run still may go ahead: exit code 0), both
    // after a generator's template and after a file source whose fields the designer sampled.
    QTemporaryDir dir;
    QString generated = writeTemp(dir, "typo.json", R"({"streamcanvas": 1, "name": "typo",
  "nodes": [{"id": "gen", "type": "generator", "properties": {"count": 10}},
            {"id": "hot", "type": "filter", "properties": {"condition": "temprature > 30"}},
            {"id": "out", "type": "discard.sink"}],
  "edges": [{"from": "gen", "to": "hot"}, {"from": "hot", "to": "out"}]})");
    Run r = run({generated, "--validate"});
    QVERIFY2(r.exitCode == 0, r.err);
    QVERIFY2(r.err.contains("typo.json:3:73: warning: node 'hot' at /nodes/1/properties/condition: "
                            "unknown field 'temprature' at column 1 (did you mean 'temperature'?"),
             r.err);
    QVERIFY2(r.err.contains("pipeline 'typo' is valid"), r.err);

    QString sampled = writeTemp(dir, "sampled.json", R"({"streamcanvas": 1, "name": "sampled",
  "nodes": [{"id": "src", "type": "file.source", "properties": {"path": "resources/data/sensors.jsonl"},
             "ui": {"x": 0, "y": 0, "sampled_fields": {"device": "string", "temperature": "number"}}},
            {"id": "hot", "type": "filter", "properties": {"condition": "temperature > \u0022x\u0022"}},
            {"id": "out", "type": "discard.sink"}],
  "edges": [{"from": "src", "to": "hot"}, {"from": "hot", "to": "out"}]})");
    r = run({sampled, "--validate"});
    QVERIFY2(r.exitCode == 0, r.err);
    QVERIFY2(r.err.contains("warning: node 'hot' at /nodes/1/properties/condition: comparing "
                            "number field 'temperature' with a string is never true at column 13"),
             r.err);
  }

  void exactlyOnceSinksShareOneTransactionPerConnection() {
    // Sinks on two connections cannot commit atomically: a warning says so; the run goes on.
    QTemporaryDir dir;
    QString two = writeTemp(dir, "two.json", R"({"streamcanvas": 1, "name": "two",
  "settings": {"delivery": "exactly_once"},
  "connections": {"east": {"type": "kafka", "bootstrap_servers": "192.0.2.1:9092"},
                  "west": {"type": "kafka", "bootstrap_servers": "192.0.2.2:9092"}},
  "nodes": [{"id": "gen", "type": "generator", "properties": {"count": 10}},
            {"id": "a", "type": "kafka.sink", "properties": {"connection": "east", "topic": "t"}},
            {"id": "b", "type": "kafka.sink", "properties": {"connection": "west", "topic": "t"}}],
  "edges": [{"from": "gen", "to": "a"}, {"from": "gen", "to": "b"}]})");
    Run r = run({two, "--validate"});
    QVERIFY2(r.exitCode == 0, r.err);
    QVERIFY2(r.err.contains("warning: node 'b' at /nodes/2/properties/connection: kafka.sink 'b' "
                            "writes through connection 'west', sink 'a' through 'east': their "
                            "transactions commit one after the other"),
             r.err);
    // Sinks of one connection share one producer, so they must agree on its settings.
    QString mixed = writeTemp(dir, "mixed.json", R"({"streamcanvas": 1, "name": "mixed",
  "settings": {"delivery": "exactly_once", "restart": {"strategy": "none"}},
  "connections": {"local": {"type": "kafka", "bootstrap_servers": "embedded"}},
  "nodes": [{"id": "gen", "type": "generator", "properties": {"count": 10}},
            {"id": "a", "type": "kafka.sink", "properties": {"connection": "local", "topic": "t"}},
            {"id": "b", "type": "kafka.sink", "properties": {"connection": "local", "topic": "u",
                                                          "linger": "50ms"}}],
  "edges": [{"from": "gen", "to": "a"}, {"from": "gen", "to": "b"}]})");
    Run m = run({mixed});
    QVERIFY2(m.exitCode != 0, m.err);
    QVERIFY2(m.err.contains("same Kafka transaction as the other kafka.sink nodes of connection "
                            "'local'"),
             m.err);
  }

  void usageErrorsExitTwo() {
    QCOMPARE(run({}).exitCode, 2);
    QCOMPARE(run({"--bogus"}).exitCode, 2);
    QCOMPARE(run({"x.json", "--max-records", "ten"}).exitCode, 2);
    QCOMPARE(run({"x.json", "--duration", "forever"}).exitCode, 2);
    QCOMPARE(run({"x.json", "--set", "nodot"}).exitCode, 2);
    Run wrongNode =
        run({kSource + "/resources/examples/sensor-alerts.json", "--set", "hto.condition=true"});
    QCOMPARE(wrongNode.exitCode, 2);
    QVERIFY2(wrongNode.err.contains("did you mean 'hot'?"), wrongNode.err);
  }

  void unsetVariableIsNamed() {
    QTemporaryDir dir;
    QString path = writeTemp(dir, "vars.json", R"({"streamcanvas": 1, "name": "vars",
  "nodes": [{"id": "src", "type": "file.source", "properties": {"path": "${SC_TEST_UNSET_INPUT}"}},
            {"id": "out", "type": "console.sink"}],
  "edges": [{"from": "src", "to": "out"}]})");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("SC_TEST_UNSET_INPUT");
    Run r = run({path}, env);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("SC_TEST_UNSET_INPUT is not set"), r.err);
    QVERIFY2(r.err.contains("/nodes/0/properties/path"), r.err);

    env.insert("SC_TEST_UNSET_INPUT", kSource + "/resources/data/sensors.jsonl");
    Run ok = run({path, "--max-records", "5"}, env);
    QCOMPARE(ok.exitCode, 0);
    QCOMPARE(ok.lines().size(), 5);
  }

  // A node that fails the first K times (its output path is a directory until the test removes
  // it): the pipeline restarts under the strategy, logs each attempt, and finishes; with fewer
  // attempts than failures it exits 1 naming the node. Configuration errors are not retried.
  void restartStrategyRetriesRuntimeFailures() {
    QTemporaryDir dir;
    QString data = writeTemp(dir, "in.jsonl", "{\"a\": 1}\n{\"a\": 2}\n");
    const QString outPath = dir.filePath("out.jsonl");
    QString path = writeTemp(dir, "restart.json",
                             QString(R"({"streamcanvas": 1, "name": "restart",
  "settings": {"restart": {"strategy": "fixed_delay", "attempts": 3, "delay": "300ms"}},
  "nodes": [{"id": "src", "type": "file.source", "properties": {"path": "%1"}},
            {"id": "out", "type": "file.sink", "properties": {"path": "%2"}}],
  "edges": [{"from": "src", "to": "out"}]})")
                                 .arg(data, outPath)
                                 .toUtf8());
    QVERIFY(QDir().mkdir(outPath));  // open() fails: "Is a directory"
    QProcess p;
    p.setWorkingDirectory(kSource);
    p.start(kRunner, {path});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("restart 2 of 3"), 20000);
    QVERIFY(QDir().rmdir(outPath));  // heals before the third attempt
    QVERIFY(p.waitForFinished(20000));
    err += p.readAllStandardError();
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(err.contains("restart 1 of 3") && err.contains("Is a directory"), err);
    QVERIFY2(!err.contains("restart 3 of 3"), err);
    QFile out(outPath);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll().count('\n'), 2);
    out.close();

    // Out of attempts: exit 1 with the node and the cause (--fresh: the run above finished).
    QVERIFY(QFile::remove(outPath));
    QVERIFY(QDir().mkdir(outPath));
    Run r = run({path, "--fresh", "--restart",
                 R"({"strategy":"fixed_delay","attempts":1,"delay":"100ms"})"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("restart 1 of 1") && r.err.contains("after 1 restart(s)"), r.err);
    QVERIFY2(r.err.contains("'out'"), r.err);

    // A configuration error found while planning is never retried.
    QString bad = writeTemp(dir, "bad.json",
                            QString(R"({"streamcanvas": 1, "name": "bad",
  "nodes": [{"id": "src", "type": "file.source", "properties": {"path": "%1"}},
            {"id": "out", "type": "file.sink", "properties": {"path": "%2/no/such/dir/x"}}],
  "edges": [{"from": "src", "to": "out"}]})")
                                .arg(data, dir.path())
                                .toUtf8());
    Run b = run({bad});
    QCOMPARE(b.exitCode, 2);
    QVERIFY2(!b.err.contains("restart"), b.err);
  }

  void runtimeFailureExitsOne() {
    QTemporaryDir dir;
    QString data = writeTemp(dir, "in.jsonl", "{\"a\": 1}\nnot json\n{\"a\": 2}\n");
    QString path = writeTemp(dir, "fail.json",
                             QString(R"({"streamcanvas": 1, "name": "fail",
  "nodes": [{"id": "src", "type": "file.source", "properties": {"path": "%1", "on_error": "fail"}},
            {"id": "out", "type": "console.sink"}],
  "edges": [{"from": "src", "to": "out"}]})")
                                 .arg(data)
                                 .toUtf8());
    Run r = run({path, "--restart", "none"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("'src'"), r.err);
    QVERIFY2(r.err.contains("in.jsonl:2"), r.err);

    // The default skips and counts the bad line; the good ones still arrive.
    QString skip = writeTemp(dir, "skip.json",
                             QString(R"({"streamcanvas": 1, "name": "skip",
  "nodes": [{"id": "src", "type": "file.source", "properties": {"path": "%1"}},
            {"id": "out", "type": "console.sink"}],
  "edges": [{"from": "src", "to": "out"}]})")
                                 .arg(data)
                                 .toUtf8());
    Run s = run({skip});
    QCOMPARE(s.exitCode, 0);
    QCOMPARE(s.lines().size(), 2);
    QVERIFY2(s.err.contains("not json"), s.err);  // a sample of the bad line is logged
  }

  void sigtermTakesASavepointAndExitsZero() {
    QTemporaryDir checkpoints;
    QProcess p;
    p.setWorkingDirectory(kSource);
    p.start(kRunner,
            {kSource + "/resources/examples/generated-payments.json", "--set", "payments.count=0",
             "--set", "payments.rate=2000", "--checkpoint-dir", checkpoints.path()});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(p.bytesAvailable() > 0 || p.state() != QProcess::Running, 20000);
    QCOMPARE(p.state(), QProcess::Running);
    ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    QByteArray out = p.readAllStandardOutput();
    QVERIFY(out.endsWith('\n'));  // the last record was written whole
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains("SIGTERM"), err);
    QVERIFY2(err.contains("savepoint"), err);
    QVERIFY(!QDir(checkpoints.path()).entryList({"chk-*.sc"}).isEmpty());
  }

  void jsonLogFormat() {
    Run r = run({kSource + "/resources/examples/sensor-alerts.json", "--log-format", "json"});
    QCOMPARE(r.exitCode, 0);
    for (const QByteArray& line : r.err.split('\n')) {
      if (line.trimmed().isEmpty()) continue;
      auto j = nlohmann::json::parse(line.toStdString(), nullptr, false);
      QVERIFY2(!j.is_discarded() && j.contains("level") && j.contains("message"), line);
    }
  }

  // --log-level warn keeps the info lines out; a level it does not know is a usage error.
  void logLevel() {
    const QString example = kSource + "/resources/examples/sensor-alerts.json";
    Run info = run({example});
    QCOMPARE(info.exitCode, 0);
    QVERIFY2(info.err.contains(" info "), info.err);
    Run warn = run({example, "--log-level", "warn"});
    QCOMPARE(warn.exitCode, 0);
    QVERIFY2(!warn.err.contains(" info "), warn.err);
    Run bad = run({example, "--log-level", "verbose"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("--log-level takes debug, info, warn or error"), bad.err);
  }
};

QTEST_GUILESS_MAIN(TestRunner)
#include "tst_runner.moc"
