// Pipeline file format v1: parsing, canonical saving, round trips, positions of problems,
// ${VAR} substitution and validation against specs.
#include <QtTest>

#include "engine/PipelineTexts.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

using namespace sc;

namespace {

const NodeRegistry& registry() {
  static NodeRegistry r = [] {
    NodeRegistry reg;
    NodeSpec src;
    src.type = "gen";
    src.category = "Sources";
    src.outputs = {{"out", ""}};
    PropertySpec count;
    count.name = "count";
    count.kind = PropKind::Integer;
    count.minimum = 0;
    PropertySpec path;
    path.name = "path";
    PropertySpec format;
    format.name = "format";
    format.kind = PropKind::Enum;
    format.choices = {"jsonl", "csv"};
    PropertySpec every;
    every.name = "every";
    every.kind = PropKind::Duration;
    PropertySpec password;
    password.name = "password";
    password.secret = true;
    PropertySpec conn;
    conn.name = "connection";
    conn.connectionType = "kafka";
    src.properties = {count, path, format, every, password, conn};
    reg.add(src);
    NodeSpec filter;
    filter.type = "filter";
    filter.category = "Transforms";
    filter.inputs = {{"in", ""}};
    filter.outputs = {{"out", ""}, {"rejected", "", false}};
    PropertySpec cond;
    cond.name = "condition";
    cond.kind = PropKind::Expression;
    cond.exprType = ExprType::Bool;
    cond.required = true;
    filter.properties = {cond};
    reg.add(filter);
    NodeSpec sink;
    sink.type = "sink";
    sink.category = "Sinks";
    sink.inputs = {{"in", ""}};
    PropertySpec aggs;
    aggs.name = "aggregates";
    aggs.kind = PropKind::List;
    aggs.item = PropKind::Object;
    PropertySpec as;
    as.name = "as";
    as.required = true;
    PropertySpec fn;
    fn.name = "fn";
    fn.kind = PropKind::Enum;
    fn.choices = {"count", "sum"};
    aggs.fields = {as, fn};
    sink.properties = {aggs};
    reg.add(sink);
    ConnectionType kafka;
    kafka.type = "kafka";
    kafka.validate = [](const Json& c, const std::string& ptr, Diagnostics& d) {
      if (!c.contains("bootstrap_servers")) d.error(ptr, "needs bootstrap_servers");
    };
    reg.addConnectionType(kafka);
    return reg;
  }();
  return r;
}

QStringList messages(const Diagnostics& d) {
  QStringList out;
  for (const auto& item : d.items())
    out << QString::fromStdString(item.format());
  return out;
}

const Diagnostic* find(const Diagnostics& d, const std::string& pointer) {
  for (const auto& item : d.items())
    if (item.pointer == pointer) return &item;
  return nullptr;
}

}  // namespace

class TestPipelineFormat : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void parsesTheIssueExample() {
    LoadResult r = parsePipeline(kGood, "a.json");
    QVERIFY2(r.ok(), qPrintable(messages(r.diagnostics).join('\n')));
    const Pipeline& p = *r.pipeline;
    QCOMPARE(QString::fromStdString(p.name), QString("sensor-alerts"));
    QCOMPARE(p.nodes.size(), size_t(3));
    QCOMPARE(p.edges.size(), size_t(2));
    QCOMPARE(QString::fromStdString(p.edges[0].fromPort()), QString("out"));
    QCOMPARE(QString::fromStdString(p.edges[0].toPort()), QString("in"));
    QCOMPARE(p.nodes[0].ui["x"].get<int>(), 40);
    QVERIFY(validatePipeline(p, registry()).empty());
  }

  void canonicalSaveIsByteIdentical() {
    LoadResult r = parsePipeline(kGood);
    QVERIFY(r.ok());
    QCOMPARE(QString::fromStdString(savePipeline(*r.pipeline)), QString::fromUtf8(kGood));
  }

  void loadSaveLoadIsIdentity() {
    const char* messy = kMessy;
    LoadResult first = parsePipeline(messy);
    QVERIFY(first.ok());
    std::string saved = savePipeline(*first.pipeline);
    LoadResult second = parsePipeline(saved);
    QVERIFY(second.ok());
    QVERIFY(*first.pipeline == *second.pipeline);
    QCOMPARE(savePipeline(*second.pipeline), saved);
    QVERIFY(saved.find("\"from\": \"a:out\"") != std::string::npos);  // ports kept as written
  }

  void syntaxErrorHasLineAndColumn() {
    LoadResult r = parsePipeline("{\n  \"streamcanvas\": 1,\n  \"nodes\": [,]\n}", "bad.json");
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), size_t(1));
    const Diagnostic& d = r.diagnostics.items()[0];
    QCOMPARE(d.line, 3);
    QCOMPARE(d.column, 13);
    QVERIFY(d.format().rfind("bad.json:3:13: error: invalid JSON", 0) == 0);
  }

  void numberOutOfRangeIsAnErrorNotACrash() {
    // Found by fuzz_pipeline: nlohmann throws out_of_range (not parse_error) for 1e400.
    LoadResult r = parsePipeline("{\"streamcanvas\": 1, \"nodes\": [], \"x\": 11e308}", "big.json");
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), size_t(1));
    QVERIFY(r.diagnostics.items()[0].message.find("number overflow") != std::string::npos);
  }

  void structuralProblemsAreAllReported() {
    LoadResult r = parsePipeline(kStructural, "s.json");
    QVERIFY(!r.ok());
    QVERIFY(find(r.diagnostics, "/streamcanvas"));
    const Diagnostic* unknown = find(r.diagnostics, "/nmae");
    QVERIFY(unknown);
    QCOMPARE(QString::fromStdString(unknown->hint), QString("did you mean 'name'?"));
    QVERIFY(find(r.diagnostics, "/nodes/0/typ"));
    QVERIFY(find(r.diagnostics, "/nodes/1"));
    QVERIFY(find(r.diagnostics, "/edges/0"));
    QVERIFY(r.diagnostics.size() >= 6);
    for (const auto& d : r.diagnostics.items())
      QVERIFY2(d.line > 0, d.format().c_str());
  }

  void validatorReportsEveryProblemWithPointerAndHint() {
    const char* text = kValidation;
    LoadResult r = parsePipeline(text, "v.json");
    QVERIFY(r.pipeline);
    Diagnostics d = validatePipeline(*r.pipeline, registry());
    locateDiagnostics(d, r.sourceMap, "v.json");
    QStringList all = messages(d);
    auto has = [&](const std::string& ptr, const char* needle) {
      for (const auto& item : d.items())
        if (item.pointer == ptr &&
            (item.message + " " + item.hint).find(needle) != std::string::npos)
          return true;
      qWarning() << "missing" << ptr.c_str() << needle << "in" << all;
      return false;
    };
    QVERIFY(has("/nodes/0/properties/count", "at least 0"));
    QVERIFY(has("/nodes/0/properties/format", "did you mean 'jsonl'?"));
    QVERIFY(has("/nodes/0/properties/every", "duration"));
    QVERIFY(has("/nodes/0/properties/colour", "unknown property"));
    QVERIFY(has("/nodes/1/type", "did you mean 'filter'?"));
    QVERIFY(has("/nodes/2/properties/condition", "expression error"));
    QVERIFY(has("/nodes/3/properties/condition", "column"));
    QVERIFY(has("/nodes/4/properties/aggregates/0/fn", "'cnt'"));
    QVERIFY(has("/nodes/4/properties/aggregates/0/x", "unknown field"));
    QVERIFY(has("/nodes/5/id", "invalid node id"));
    QVERIFY(has("/edges/2/to", "no input port 'in2'"));
    QVERIFY(has("/edges/3/to", "unknown node 'nowhere'"));
    QVERIFY(has("/nodes/5", "not connected"));
    // Positions come from the text: node 0's count is on line 5.
    const Diagnostic* count = find(d, "/nodes/0/properties/count");
    QCOMPARE(count->line, 5);
    QCOMPARE(QString::fromStdString(count->nodeId), QString("src"));
    QCOMPARE(QString::fromStdString(count->property), QString("count"));
  }

  void regexLimitsAreReportedWithTheirPlace() {
    // std::regex compiles recursively; the validator refuses the pattern before it does.
    Pipeline p;
    p.name = "regex";
    p.nodes = {{"s", "gen", Json::object(), nullptr},
               {"deep",
                "filter",
                {{"condition", "regex_match(name, \"" + std::string(20000, '(') + "a" +
                                   std::string(20000, ')') + "\")"}},
                nullptr},
               {"k", "sink", Json::object(), nullptr}};
    p.edges = {{EdgeEnd::parse("s"), EdgeEnd::parse("deep")},
               {EdgeEnd::parse("deep"), EdgeEnd::parse("k")}};
    Diagnostics d = validatePipeline(p, registry());
    QCOMPARE(d.size(), size_t(1));
    const Diagnostic& item = d.items()[0];
    QCOMPARE(QString::fromStdString(item.pointer), QString("/nodes/1/properties/condition"));
    QCOMPARE(QString::fromStdString(item.nodeId), QString("deep"));
    QCOMPARE(QString::fromStdString(item.property), QString("condition"));
    QCOMPARE(QString::fromStdString(item.message),
             QString("expression error at column 19: regular expression nests groups 20000 deep; "
                     "the limit is 100 (at character 101 of the pattern)"));
  }

  void cyclesAreCaught() {
    LoadResult r = parsePipeline(kCycle);
    QVERIFY(r.pipeline);
    Diagnostics d = validatePipeline(*r.pipeline, registry());
    bool cycle = false;
    for (const auto& item : d.items())
      cycle |= item.message.find("cycle: a -> b -> a") != std::string::npos;
    QVERIFY2(cycle, qPrintable(messages(d).join('\n')));
  }

  void variablesAreSubstitutedWithDefaultsAndErrors() {
    LoadResult r = parsePipeline(kVariables);
    QVERIFY(r.ok());
    QVERIFY(validatePipeline(*r.pipeline, registry()).empty());
    std::map<std::string, std::string> env{
        {"DIR", "/data"}, {"PW", "hunter22"}, {"SECRET_X", "s3cr3t"}};
    EnvLookup lookup = [&](const std::string& n) -> std::optional<std::string> {
      auto it = env.find(n);
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
    Diagnostics d;
    std::vector<std::string> secrets;
    Pipeline p = substituteVariables(*r.pipeline, registry(), lookup, d, &secrets);
    QVERIFY2(d.empty(), d.format().c_str());
    QCOMPARE(QString::fromStdString(p.nodes[0].properties["path"].get<std::string>()),
             QString("/data/in.jsonl"));
    QCOMPARE(QString::fromStdString(p.connections["k"]["bootstrap_servers"].get<std::string>()),
             QString("embedded"));
    QVERIFY(std::find(secrets.begin(), secrets.end(), "hunter22") != secrets.end());
    QVERIFY(std::find(secrets.begin(), secrets.end(), "s3cr3t") != secrets.end());
    QVERIFY(std::find(secrets.begin(), secrets.end(), "/data") == secrets.end());

    env.erase("DIR");
    Diagnostics missing;
    substituteVariables(*r.pipeline, registry(), lookup, missing, nullptr);
    QCOMPARE(missing.size(), size_t(1));
    QCOMPARE(QString::fromStdString(missing.items()[0].pointer),
             QString("/nodes/0/properties/path"));
    QVERIFY(missing.items()[0].message.find("DIR") != std::string::npos);
  }

  void connectionsAreChecked() {
    LoadResult r = parsePipeline(kConnections);
    Diagnostics d = validatePipeline(*r.pipeline, registry());
    QVERIFY(find(d, "/connections/k"));
    QVERIFY(find(d, "/connections/z/type"));
    const Diagnostic* ref = find(d, "/nodes/0/properties/connection");
    QVERIFY(ref);
    QCOMPARE(QString::fromStdString(ref->hint),
             QString("did you mean 'k'? defined connections: k, z"));
  }

  void durationsParseAndFormat() {
    QCOMPARE(*parseDurationMs("250ms"), int64_t(250));
    QCOMPARE(*parseDurationMs("10s"), int64_t(10'000));
    QCOMPARE(*parseDurationMs("5m"), int64_t(300'000));
    QCOMPARE(*parseDurationMs("1h"), int64_t(3'600'000));
    QVERIFY(!parseDurationMs("5 m"));
    QVERIFY(!parseDurationMs("s"));
    QVERIFY(!parseDurationMs("-1s"));
    QCOMPARE(QString::fromStdString(formatDurationMs(90'000)), QString("90s"));
    QCOMPARE(QString::fromStdString(formatDurationMs(1500)), QString("1500ms"));
  }
};

QTEST_GUILESS_MAIN(TestPipelineFormat)
#include "tst_pipelineformat.moc"
