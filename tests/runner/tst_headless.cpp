// Headless deployment as an operator meets it: `streamcanvas-run --bundle` writes a folder in
// which no secret typed in clear survives, run.sh runs it against the embedded cluster with an
// env file, --check-env reports what is missing, --env-file errors name the file and line.
#include <QtTest>

#include <memory>

#include <nlohmann/json.hpp>

#include "engine/graph/EnvFile.h"
#include "engine/graph/HeadlessBundle.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
const QString kSource = QStringLiteral(SC_SOURCE_DIR);

// Values typed in clear into secret fields: none may reach any exported file.
const QByteArray kConnectionPassword = "Conn-Pw-7f3a9c";
const QByteArray kOauthSecret = "Oauth-Secret-51be02";
const QByteArray kSecretDefault = "Default-Pw-c0ffee";

struct Run {
  int exitCode = -1;
  QByteArray out, err;
  QList<QByteArray> lines() const {
    QList<QByteArray> l = out.split('\n');
    if (!l.isEmpty() && l.last().isEmpty()) l.removeLast();
    return l;
  }
};

Run run(const QString& program, const QStringList& args,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(program, args);
  Run r;
  if (!p.waitForStarted(10000) || !p.waitForFinished(120000)) {
    p.kill();
    p.waitForFinished();
    qWarning() << "timed out:" << program << args;
    return r;
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

QString writeFile(const QString& path, const QByteArray& text) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qWarning() << "cannot write" << path;
  f.write(text);
  return path;
}

// The stand-in runner's calls: arguments one per line, calls ended by "---".
QList<QByteArray> calls(const QByteArray& log) {
  QList<QByteArray> out;
  qsizetype from = 0;
  for (qsizetype end; (end = log.indexOf("---\n", from)) >= 0; from = end + 4)
    out << log.mid(from, end - from);
  return out;
}

QString str(const sc::Json& value) {
  return value.is_string() ? QString::fromStdString(value.get<std::string>())
                           : QString::fromStdString(value.dump());
}

QByteArray readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// generator -> kafka.sink and kafka.source -> console.sink on one embedded cluster, whose
// connection carries credentials typed in clear.
QByteArray kafkaPipeline() {
  nlohmann::json doc = {
      {"streamcanvas", 1},
      {"name", "Payments EU"},
      {"connections",
       {{"local",
         {{"type", "kafka"},
          {"bootstrap_servers", "embedded"},
          {"properties",
           {{"sasl.username", "alice"},
            {"sasl.password", kConnectionPassword.toStdString()},
            {"sasl.oauthbearer.config", kOauthSecret.toStdString()},
            {"ssl.key.password", "${KEY_PASSWORD:-" + kSecretDefault.toStdString() + "}"},
            {"client.id", "${CLIENT_ID:-payments-eu}"}}}}}}},
      {"nodes",
       {{{"id", "gen"},
         {"type", "generator"},
         {"properties", {{"template", "payments"}, {"count", 20}, {"rate", 0}}}},
        {{"id", "to_kafka"},
         {"type", "kafka.sink"},
         {"properties", {{"connection", "local"}, {"topic", "payments"}}}},
        {{"id", "from_kafka"},
         {"type", "kafka.source"},
         {"properties", {{"connection", "local"}, {"topics", {"payments"}}}}},
        {{"id", "out"}, {"type", "console.sink"}}}},
      {"edges", {{{"from", "gen"}, {"to", "to_kafka"}}, {{"from", "from_kafka"}, {"to", "out"}}}}};
  return QByteArray::fromStdString(doc.dump(2));
}

// Every file below `dir`, hidden ones included.
QStringList allFiles(const QString& dir) {
  QStringList out;
  QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
  while (it.hasNext())
    out << it.next();
  return out;
}

QProcessEnvironment cleanEnvironment() {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  for (const char* name :
       {"KAFKA_LOCAL_SASL_PASSWORD", "KAFKA_LOCAL_SASL_OAUTHBEARER_CONFIG", "KEY_PASSWORD",
        "CLIENT_ID", "KAFKA_LOCAL_BOOTSTRAP_SERVERS", "KAFKA_LOCAL_SASL_USERNAME",
        "STATE_DIRECTORY", "STREAMCANVAS_RUN", "STREAMCANVAS_ENV_FILE",
        "STREAMCANVAS_CHECKPOINT_DIR", "STREAMCANVAS_METRICS_PORT", "STREAMCANVAS_LOG_FORMAT"})
    env.remove(QString::fromLatin1(name));
  return env;
}

// A node type with a secret property and a list of objects with a secret field, for the parts
// no built-in node type has yet.
sc::NodeRegistry registryWithSecrets() {
  sc::NodeRegistry r;
  sc::NodeSpec webhook;
  webhook.type = "test.webhook";
  webhook.category = "Sinks";
  webhook.title = "Webhook";
  webhook.summary = "Posts records.";
  webhook.inputs = {{"in", {}, true}};
  sc::PropertySpec url = sc::makeProperty("url", sc::PropKind::String, "Where to post");
  sc::PropertySpec token =
      sc::makeProperty("token", sc::PropKind::String, "Bearer token. Sent with every request");
  token.secret = true;
  sc::PropertySpec auth = sc::makeProperty("auth", sc::PropKind::List, "Extra credentials");
  auth.item = sc::PropKind::Object;
  sc::PropertySpec user = sc::makeProperty("user", sc::PropKind::String, "User");
  sc::PropertySpec password = sc::makeProperty("password", sc::PropKind::String, "Password");
  password.secret = true;
  auth.fields = {user, password};
  webhook.properties = {url, token, auth};
  r.add(webhook);
  sc::NodeSpec gen;
  gen.type = "test.gen";
  gen.category = "Sources";
  gen.title = "Gen";
  gen.summary = "Emits.";
  gen.outputs = {{"out", {}, true}};
  r.add(gen);
  return r;
}

}  // namespace

class TestHeadless : public QObject {
  Q_OBJECT
  std::unique_ptr<QTemporaryDir> state_;

 private Q_SLOTS:
  void init() {
    state_ = std::make_unique<QTemporaryDir>();
    qputenv("XDG_STATE_HOME", state_->path().toUtf8());
  }

  void bundleHoldsNoSecretAndRunsWithAnEnvFile() {
    QTemporaryDir dir;
    const QString pipeline = writeFile(dir.filePath("payments.json"), kafkaPipeline());
    const QString bundle = dir.filePath("bundle");
    Run exported = run(kRunner, {"--bundle", bundle, pipeline}, cleanEnvironment());
    QVERIFY2(exported.exitCode == 0, exported.err);

    const QStringList files = allFiles(bundle);
    for (const char* name : {"pipeline.json", ".env.example", "run.sh", "README.md",
                             "streamcanvas-payments-eu.service"})
      QVERIFY2(files.contains(bundle + "/" + name), name);
    QVERIFY(QFileInfo(bundle + "/run.sh").isExecutable());
    for (const QString& file : files) {
      const QByteArray text = readFile(file);
      for (const QByteArray& secret : {kConnectionPassword, kOauthSecret, kSecretDefault})
        QVERIFY2(!text.contains(secret), qPrintable(file + " holds " + secret));
    }
    QVERIFY(!exported.out.contains(kConnectionPassword));

    // The JSON refers to variables; .env.example lists each with purpose, use and default.
    const auto json = sc::Json::parse(readFile(bundle + "/pipeline.json").toStdString());
    const auto& props = json["connections"]["local"]["properties"];
    QCOMPARE(str(props["sasl.password"]), QStringLiteral("${KAFKA_LOCAL_SASL_PASSWORD}"));
    QCOMPARE(str(props["sasl.oauthbearer.config"]),
             QStringLiteral("${KAFKA_LOCAL_SASL_OAUTHBEARER_CONFIG}"));
    QCOMPARE(str(props["ssl.key.password"]),
             QStringLiteral("${KEY_PASSWORD}"));  // a secret default is dropped
    QCOMPARE(str(props["client.id"]), QStringLiteral("${CLIENT_ID:-payments-eu}"));
    QCOMPARE(str(props["sasl.username"]), QStringLiteral("${KAFKA_LOCAL_SASL_USERNAME:-alice}"));
    QCOMPARE(str(json["connections"]["local"]["bootstrap_servers"]),
             QStringLiteral("${KAFKA_LOCAL_BOOTSTRAP_SERVERS:-embedded}"));
    const QByteArray example = readFile(bundle + "/.env.example");
    for (const char* line :
         {"\nKAFKA_LOCAL_SASL_PASSWORD=\n", "\nKAFKA_LOCAL_SASL_OAUTHBEARER_CONFIG=\n",
          "\nKEY_PASSWORD=\n", "\n#CLIENT_ID=payments-eu\n",
          "\n#KAFKA_LOCAL_BOOTSTRAP_SERVERS=embedded\n", "\n#KAFKA_LOCAL_SASL_USERNAME=alice\n",
          "# KAFKA_LOCAL_SASL_PASSWORD (secret, required)\n",
          "#   used at /connections/local/properties/sasl.password\n",
          "Kafka connection 'local': librdkafka sasl.password"})
      QVERIFY2(example.contains(line), line);

    // run.sh without the secrets: exit 2 naming them, nothing started.
    QProcessEnvironment env = cleanEnvironment();
    env.insert("STREAMCANVAS_RUN", kRunner);
    env.insert("STREAMCANVAS_METRICS_PORT", "0");  // a free port (tst_runnermetrics scrapes it)
    Run missing = run(bundle + "/run.sh", {}, env);
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("KAFKA_LOCAL_SASL_PASSWORD: MISSING (secret)"), missing.err);
    QVERIFY2(missing.err.contains("KEY_PASSWORD: MISSING"), missing.err);
    QVERIFY(missing.out.isEmpty());

    // With the operator's .env (the example, filled in) it runs against the embedded cluster.
    QByteArray filled = example;
    filled.replace("\nKAFKA_LOCAL_SASL_PASSWORD=\n",
                   "\nKAFKA_LOCAL_SASL_PASSWORD=\"" + kConnectionPassword + "\"\n");
    filled.replace("\nKAFKA_LOCAL_SASL_OAUTHBEARER_CONFIG=\n",
                   "\nKAFKA_LOCAL_SASL_OAUTHBEARER_CONFIG='" + kOauthSecret + "'\n");
    filled.replace("\nKEY_PASSWORD=\n", "\nKEY_PASSWORD=" + kSecretDefault + "\n");
    writeFile(bundle + "/.env", filled);
    Run ran = run(bundle + "/run.sh", {"--max-records", "40"}, env);
    QVERIFY2(ran.exitCode == 0, ran.err);
    QCOMPARE(ran.lines().size(), 20);  // the 20 generated payments, read back from Kafka
    for (const QByteArray& line : ran.lines())
      QVERIFY2(nlohmann::json::parse(line.toStdString()).contains("amount"), line);
    QVERIFY2(ran.err.contains("all 6 variables set"), ran.err);
    QVERIFY2(ran.err.contains("/metrics, /healthz and /readyz"), ran.err);  // --metrics-port
    for (const QByteArray& secret : {kConnectionPassword, kOauthSecret, kSecretDefault})
      QVERIFY2(!ran.err.contains(secret), ran.err);
    QVERIFY2(QDir(bundle + "/checkpoints").exists(), ran.err);  // run.sh's checkpoint default

    // The same exported JSON runs straight from the runner with --env-file.
    Run direct = run(kRunner,
                     {bundle + "/pipeline.json", "--env-file", bundle + "/.env", "--max-records",
                      "40", "--checkpoint-dir", dir.filePath("direct-checkpoints")},
                     cleanEnvironment());
    QVERIFY2(direct.exitCode == 0, direct.err);
    QCOMPARE(direct.lines().size(), 20);
  }

  void runShSetsCheckpointsAndMetrics() {
    QTemporaryDir dir;
    const QString pipeline = writeFile(dir.filePath("payments.json"), kafkaPipeline());
    const QString bundle = dir.filePath("bundle");
    QCOMPARE(run(kRunner, {"--bundle", bundle, pipeline}).exitCode, 0);
    // A stand-in runner records its arguments (one per line) and passes --check-env.
    const QString argsFile = dir.filePath("args.txt");
    const QString fake = writeFile(
        dir.filePath("fake-run"),
        QString("#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done >> '%1'\necho --- >> '%1'\n")
            .arg(argsFile)
            .toUtf8());
    QFile::setPermissions(fake, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment env = cleanEnvironment();
    env.insert("STREAMCANVAS_RUN", fake);
    env.insert("STATE_DIRECTORY", "/var/lib/streamcanvas/payments-eu");  // as systemd sets it
    QCOMPARE(run(bundle + "/run.sh", {"--fresh"}, env).exitCode, 0);
    QList<QByteArray> made = calls(readFile(argsFile));
    QCOMPARE(made.size(), 2);
    QByteArray check = made.value(0), start = made.value(1);
    QCOMPARE(check, QByteArray(bundle.toUtf8() + "/pipeline.json\n--check-env\n"));
    QVERIFY2(start.startsWith(bundle.toUtf8() + "/pipeline.json\n"), start);
    QVERIFY2(start.contains("\n--checkpoint-dir\n/var/lib/streamcanvas/payments-eu\n"), start);
    QVERIFY2(start.contains("\n--metrics-port\n9464\n"), start);
    QVERIFY2(start.endsWith("\n--fresh\n"), start);

    // The port from the environment; empty turns metrics off; a .env is passed on.
    QFile::remove(argsFile);
    env.insert("STREAMCANVAS_METRICS_PORT", "19464");
    env.insert("STREAMCANVAS_CHECKPOINT_DIR", dir.filePath("cp"));
    writeFile(bundle + "/.env", "KAFKA_LOCAL_SASL_PASSWORD=x\n");
    QCOMPARE(run(bundle + "/run.sh", {}, env).exitCode, 0);
    start = calls(readFile(argsFile)).value(1);
    QVERIFY2(start.contains("\n--metrics-port\n19464\n"), start);
    QVERIFY2(start.contains("\n--checkpoint-dir\n" + dir.filePath("cp").toUtf8() + "\n"), start);
    QVERIFY2(start.contains("\n--env-file\n" + bundle.toUtf8() + "/.env\n"), start);
    QFile::remove(argsFile);
    env.insert("STREAMCANVAS_METRICS_PORT", "");
    QCOMPARE(run(bundle + "/run.sh", {}, env).exitCode, 0);
    QVERIFY(!readFile(argsFile).contains("--metrics-port"));

    if (!QStandardPaths::findExecutable("shellcheck").isEmpty()) {
      Run lint = run("shellcheck", {bundle + "/run.sh"});
      QVERIFY2(lint.exitCode == 0, lint.out);
    }
  }

  void systemdUnitRestartsKeepsStateAndIsHardened() {
    QTemporaryDir dir;
    const QString pipeline = writeFile(dir.filePath("payments.json"), kafkaPipeline());
    const QString bundle = dir.filePath("bundle");
    QCOMPARE(run(kRunner, {"--bundle", bundle, pipeline}).exitCode, 0);
    const QByteArray unit = readFile(bundle + "/streamcanvas-payments-eu.service");
    for (const char* line :
         {"\nExecStart=/opt/streamcanvas/payments-eu/run.sh\n",
          "\nEnvironmentFile=-/etc/streamcanvas/payments-eu.env\n",
          "\nStateDirectory=streamcanvas/payments-eu\n", "\nRestart=on-failure\n",
          "\nRestartPreventExitStatus=2\n", "\nDynamicUser=yes\n", "\nNoNewPrivileges=yes\n",
          "\nProtectSystem=strict\n", "\nProtectHome=yes\n", "\nWantedBy=multi-user.target\n"})
      QVERIFY2(unit.contains(line), line);
    if (QStandardPaths::findExecutable("systemd-analyze").isEmpty())
      QSKIP("systemd-analyze is not installed");
    // verify wants ExecStart to exist: point it at this bundle.
    QByteArray local = unit;
    local.replace("/opt/streamcanvas/payments-eu/", bundle.toUtf8() + "/");
    const QString copy = writeFile(dir.filePath("streamcanvas-payments-eu.service"), local);
    Run verify = run("systemd-analyze", {"verify", copy});
    QVERIFY2(verify.exitCode == 0 && !verify.err.contains("payments-eu.service"),
             verify.err + verify.out);
  }

  void checkEnvListsMissingVariablesAndExitsTwo() {
    QTemporaryDir dir;
    const QString data = writeFile(dir.filePath("in.jsonl"), "{\"a\": 1}\n{\"a\": 2}\n");
    const QString pipeline =
        writeFile(dir.filePath("vars.json"), R"({"streamcanvas": 1, "name": "vars",
  "nodes": [{"id": "src", "type": "file.source", "properties": {"path": "${SC_T_INPUT}", "format": "${SC_T_FORMAT:-jsonl}"}},
            {"id": "out", "type": "console.sink"}],
  "edges": [{"from": "src", "to": "out"}]})");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("SC_T_INPUT");
    env.remove("SC_T_FORMAT");
    Run missing = run(kRunner, {pipeline, "--check-env"}, env);
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.out.contains("SC_T_INPUT: MISSING\n    used by node 'src' at "
                                  "/nodes/0/properties/path: File source 'src': "),
             missing.out);
    QVERIFY2(missing.out.contains("SC_T_FORMAT: default\n"), missing.out);
    QVERIFY2(missing.out.contains("1 of 2 variables missing"), missing.out);

    env.insert("SC_T_INPUT", data);
    Run set = run(kRunner, {pipeline, "--check-env"}, env);
    QVERIFY2(set.exitCode == 0, set.out + set.err);
    QVERIFY2(set.out.contains("SC_T_INPUT: set\n"), set.out);

    // From a file, and the process environment wins over it (docker compose's and dotenv's rule).
    env.remove("SC_T_INPUT");
    const QString envFile =
        writeFile(dir.filePath("staging.env"), "# staging\nSC_T_INPUT=" + data.toUtf8() + "\n");
    Run fromFile = run(kRunner, {pipeline, "--check-env", "--env-file", envFile}, env);
    QVERIFY2(fromFile.exitCode == 0, fromFile.out + fromFile.err);
    QVERIFY2(fromFile.out.contains("SC_T_INPUT: set in " + envFile.toUtf8() + ":2\n"),
             fromFile.out);
    Run ran = run(kRunner, {pipeline, "--env-file", envFile}, env);
    QVERIFY2(ran.exitCode == 0, ran.err);
    QCOMPARE(ran.lines().size(), 2);
    const QString wrong =
        writeFile(dir.filePath("wrong.env"), "SC_T_INPUT=/nonexistent/in.jsonl\n");
    env.insert("SC_T_INPUT", data);
    // --fresh: the same graph as the run above, which finished.
    Run overridden = run(kRunner, {pipeline, "--fresh", "--env-file", wrong}, env);
    QVERIFY2(overridden.exitCode == 0, overridden.err);
    QCOMPARE(overridden.lines().size(), 2);
    QVERIFY2(overridden.err.contains("SC_T_INPUT is set in the environment and in " +
                                     wrong.toUtf8() + ":1; the environment's value is used"),
             overridden.err);

    QCOMPARE(run(kRunner, {pipeline, "--check-env", "--bogus"}).exitCode, 2);
    QCOMPARE(run(kRunner, {dir.filePath("nope.json"), "--check-env"}).exitCode, 2);
  }

  void envFileErrorsNameFileAndLine() {
    QTemporaryDir dir;
    const QString bad = writeFile(dir.filePath("bad.env"),
                                  "# comment\n"
                                  "GOOD=1\n"
                                  "NOT A PAIR\n"
                                  "\n"
                                  "1BAD=x\n"
                                  "Q=\"closed\" trailing\n"
                                  "OPEN=\"never closed\n"
                                  "MORE=1\n");
    const QString pipeline = writeFile(dir.filePath("p.json"), R"({"streamcanvas": 1, "name": "p",
  "nodes": [{"id": "g", "type": "generator", "properties": {"count": 1}}, {"id": "o", "type": "console.sink"}],
  "edges": [{"from": "g", "to": "o"}]})");
    for (const QStringList& args :
         {QStringList{pipeline, "--env-file", bad}, {pipeline, "--check-env", "--env-file", bad}}) {
      Run r = run(kRunner, args);
      QCOMPARE(r.exitCode, 2);
      QVERIFY2(r.err.contains(bad.toUtf8() + ":3: expected KEY=VALUE, got 'NOT A PAIR'"), r.err);
      QVERIFY2(r.err.contains(bad.toUtf8() + ":5: '1BAD' is not a variable name"), r.err);
      QVERIFY2(r.err.contains(bad.toUtf8() + ":6: unexpected text after the closing quote of Q"),
               r.err);
      QVERIFY2(r.err.contains(bad.toUtf8() + ":7: the value of OPEN opens a double quote that is "
                                             "never closed"),
               r.err);
      QVERIFY(r.out.isEmpty());
    }
    Run missing = run(kRunner, {pipeline, "--env-file", dir.filePath("none.env")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("none.env: cannot open the environment file"), missing.err);

    // Quoting rules (systemd's EnvironmentFile=): values are taken as written.
    sc::EnvFile ok = sc::parseEnvFile(
        "export A=plain value  \n"
        "B=\"a \\\"quoted\\\" # not a comment\"\n"
        "C='single $HOME \\n'\n"
        "D=\"two\nlines\"\n"
        "  ; semicolon comment\n"
        "E=\n"
        "A=later wins\n",
        "ok.env");
    QVERIFY2(ok.ok(), ok.errors.empty() ? "" : ok.errors.front().c_str());
    const auto values = ok.values();
    QCOMPARE(QString::fromStdString(values.at("A").value), QStringLiteral("later wins"));
    QCOMPARE(QString::fromStdString(values.at("B").value),
             QStringLiteral("a \"quoted\" # not a comment"));
    QCOMPARE(QString::fromStdString(values.at("C").value), QStringLiteral("single $HOME \\n"));
    QCOMPARE(QString::fromStdString(values.at("D").value), QStringLiteral("two\nlines"));
    QCOMPARE(QString::fromStdString(values.at("E").value), QStringLiteral(""));
    QCOMPARE(values.at("D").line, 4);
  }

  void secretNodePropertiesBecomeVariables() {
    // Node properties marked secret, and secret fields of a list of objects, like connections.
    const sc::NodeRegistry registry = registryWithSecrets();
    sc::LoadResult loaded = sc::parsePipeline(
        "{\"streamcanvas\": 1, \"name\": \"hooks\", \"nodes\": ["
        "{\"id\": \"gen\", \"type\": \"test.gen\"},"
        "{\"id\": \"alerts\", \"type\": \"test.webhook\", \"properties\": {"
        "\"url\": \"https://example.com/hook\", \"token\": \"Tok-93c1d0e2\", \"auth\": ["
        "{\"user\": \"bob\", \"password\": \"Pw-list-4411\"},"
        "{\"user\": \"eve\", \"password\": \"${EVE_PW}\"}]}}],"
        "\"edges\": [{\"from\": \"gen\", \"to\": \"alerts\"}]}");
    QVERIFY(loaded.ok());
    sc::HeadlessBundle bundle = sc::makeHeadlessBundle(*loaded.pipeline, registry);
    QVERIFY2(bundle.ok(), bundle.diagnostics.format().c_str());
    const sc::Json& props = bundle.pipeline.nodes[1].properties;
    QCOMPARE(str(props["token"]), QStringLiteral("${ALERTS_TOKEN}"));
    QCOMPARE(str(props["auth"][0]["password"]), QStringLiteral("${ALERTS_AUTH_0_PASSWORD}"));
    QCOMPARE(str(props["auth"][1]["password"]),
             QStringLiteral("${EVE_PW}"));  // already a reference
    QCOMPARE(str(props["url"]), QStringLiteral("https://example.com/hook"));
    QCOMPARE(str(props["auth"][0]["user"]), QStringLiteral("bob"));
    std::vector<std::string> names;
    for (const sc::PipelineVariable& v : bundle.variables) {
      names.push_back(v.name);
      QVERIFY2(v.secret, v.name.c_str());
    }
    QCOMPARE(names, (std::vector<std::string>{"ALERTS_TOKEN", "ALERTS_AUTH_0_PASSWORD", "EVE_PW"}));
    for (const sc::HeadlessBundle::File& f : bundle.files) {
      QVERIFY2(f.text.find("Tok-93c1d0e2") == std::string::npos, f.name.c_str());
      QVERIFY2(f.text.find("Pw-list-4411") == std::string::npos, f.name.c_str());
    }
    QVERIFY(bundle.files[1].text.find("#   Webhook 'alerts': Bearer token\n") != std::string::npos);
    QVERIFY(bundle.files[1].text.find("#   used by node 'alerts' at /nodes/1/properties/token\n") !=
            std::string::npos);

    // A secret whose value is also a node id would still be exported: refused, value unsaid.
    loaded.pipeline->nodes[1].properties["token"] = "gen";
    sc::HeadlessBundle refused = sc::makeHeadlessBundle(*loaded.pipeline, registry);
    QVERIFY(!refused.ok());
    QVERIFY(refused.files.empty());
    const std::string why = refused.diagnostics.format();
    QVERIFY2(why.find("/nodes/1/properties/token: the value of this secret also appears "
                      "elsewhere in the pipeline") != std::string::npos,
             why.c_str());
  }

  void bundleRefusesInvalidPipelinesAndForeignFolders() {
    QTemporaryDir dir;
    const QString bad = writeFile(dir.filePath("bad.json"), R"({"streamcanvas": 1, "name": "bad",
  "nodes": [{"id": "g", "type": "generatr"}], "edges": []})");
    Run invalid = run(kRunner, {"--bundle", dir.filePath("b1"), bad});
    QCOMPARE(invalid.exitCode, 2);
    QVERIFY2(invalid.err.contains("bad.json:2:") && invalid.err.contains("nothing was exported"),
             invalid.err);
    QVERIFY(!QDir(dir.filePath("b1")).exists());

    const QString good = writeFile(dir.filePath("good.json"), kafkaPipeline());
    QVERIFY(QDir().mkdir(dir.filePath("home")));
    writeFile(dir.filePath("home/notes.txt"), "mine");
    Run foreign = run(kRunner, {"--bundle", dir.filePath("home"), good});
    QCOMPARE(foreign.exitCode, 1);
    QVERIFY2(foreign.err.contains("already holds 'notes.txt'"), foreign.err);
    QCOMPARE(QDir(dir.filePath("home")).entryList(QDir::Files | QDir::Hidden).size(), 1);

    // An earlier export (with the operator's .env) is updated in place; .env is kept.
    const QString again = dir.filePath("again");
    QCOMPARE(run(kRunner, {"--bundle", again, good}).exitCode, 0);
    writeFile(again + "/.env", "KAFKA_LOCAL_SASL_PASSWORD=kept\n");
    QCOMPARE(run(kRunner, {"--bundle", again, good}).exitCode, 0);
    QCOMPARE(readFile(again + "/.env"), QByteArray("KAFKA_LOCAL_SASL_PASSWORD=kept\n"));
    QCOMPARE(run(kRunner, {"--bundle", again}).exitCode, 2);
    QCOMPARE(run(kRunner, {"--bundle"}).exitCode, 2);
  }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
