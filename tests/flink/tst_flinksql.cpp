// The Flink SQL export's text (engine/export/FlinkSql.h) without running Flink: what each
// construct becomes, and that everything without an exact equivalent is refused with one error
// per node and property, naming where (JSON pointer, node id) and why. tst_flinkexport runs the
// scripts on a real Flink.
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include "engine/export/FlinkSql.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

using namespace sc;

namespace {

// kafka.source "in" -> `middle` (nodes with ids n1, n2, ... chained in order) -> kafka.sink "out".
std::string pipelineText(const std::string& middle, const std::string& settings = "{}",
                         const std::string& connection =
                             "{\"type\": \"kafka\", \"bootstrap_servers\": \"${KAFKA_BOOTSTRAP}\"}",
                         const std::string& edges = "") {
  std::string nodes =
      "{\"id\": \"in\", \"type\": \"kafka.source\", \"properties\": {\"connection\": \"k\",\n"
      "      \"topics\": [\"readings\"], \"start\": \"earliest\", \"bounded\": true}}";
  std::string chain;
  std::string previous = "in";
  int n = 0;
  if (!middle.empty()) {
    nodes += ", " + middle;
    for (size_t at = middle.find("\"id\": \"n"); at != std::string::npos;
         at = middle.find("\"id\": \"n", at + 1)) {
      const std::string id = "n" + std::to_string(++n);
      chain += "{\"from\": \"" + previous + "\", \"to\": \"" + id + "\"}, ";
      previous = id;
    }
  }
  nodes +=
      ", {\"id\": \"out\", \"type\": \"kafka.sink\", \"properties\": {\"connection\": \"k\", "
      "\"topic\": \"results\"}}";
  chain += "{\"from\": \"" + previous + "\", \"to\": \"out\"}";
  return "{\"streamcanvas\": 1, \"name\": \"t\", \"settings\": " + settings +
         ", \"connections\": {\"k\": " + connection + "}, \"nodes\": [" + nodes +
         "], \"edges\": [" + (edges.empty() ? chain : edges) + "]}";
}

FlinkSqlExport exportText(const std::string& text) {
  LoadResult loaded = parsePipeline(text);
  if (!loaded.pipeline) {
    FlinkSqlExport failed;
    failed.diagnostics = loaded.diagnostics;
    return failed;
  }
  return exportFlinkSql(*loaded.pipeline, NodeRegistry::builtin());
}

FlinkSqlExport exportFile(const QString& path) {
  LoadResult loaded = loadPipelineFile(path.toStdString());
  return exportFlinkSql(*loaded.pipeline, NodeRegistry::builtin());
}

// A map node n1 that sets field x to `expression`. (Kept out of the test class: moc misreads
// raw strings with unbalanced braces.)
std::string mapPipeline(const QString& expression) {
  const QByteArray quoted = QJsonDocument(QJsonArray{expression}).toJson(QJsonDocument::Compact);
  return pipelineText("{\"id\": \"n1\", \"type\": \"map\", \"properties\": {\"set\": {\"x\": " +
                      quoted.mid(1).chopped(1).toStdString() + "}}}");
}

QString errors(const FlinkSqlExport& e) {
  return QString::fromStdString(e.diagnostics.format());
}

struct Refusal {
  const char* name;
  QString nodes, pointer, message;
};

// Constructs without an exact Flink equivalent: the node, and the error it must get. (Out of the
// test class: moc misreads raw strings with delimiters.)
QList<Refusal> refusalCases() {
  QList<Refusal> rows;
  const QString window =
      "{\"id\": \"n1\", \"type\": \"window.tumbling\", \"properties\": {\"size\": \"10s\", "
      "\"timestamp\": \"ts\", %1}}";
  rows.append({"allowed_lateness", window.arg("\"allowed_lateness\": \"5s\""),
               "/nodes/1/properties/allowed_lateness", "allowed_lateness is not translated"});
  rows.append(
      {"emit", window.arg("\"emit\": \"1s\""), "/nodes/1/properties/emit", "emit intervals"});
  rows.append({"percentile",
               window.arg("\"aggregates\": [{\"as\": \"p\", \"fn\": \"p99\", \"of\": \"v\"}]"),
               "/nodes/1/properties/aggregates/0/fn", "aggregate 'p99' is not translated"});
  rows.append({"first",
               window.arg("\"aggregates\": [{\"as\": \"f\", \"fn\": \"first\", \"of\": \"v\"}]"),
               "/nodes/1/properties/aggregates/0/fn", "aggregate 'first'"});
  rows.append({"hop not a multiple",
               "{\"id\": \"n1\", \"type\": \"window.hopping\", \"properties\": {\"size\": \"1m\", "
               "\"slide\": \"25s\", \"timestamp\": \"ts\"}}",
               "/nodes/1/properties/slide", "whole multiple of slide"});
  rows.append({"session keyed by an expression",
               "{\"id\": \"n1\", \"type\": \"window.session\", \"properties\": {\"gap\": \"1m\", "
               "\"key\": \"lower(d)\", \"timestamp\": \"ts\"}}",
               "/nodes/1/properties/key", "session window keyed by the expression 'lower(d)'"});
  rows.append(
      {"%",
       "{\"id\": \"n1\", \"type\": \"filter\", \"properties\": {\"condition\": \"a % 2 == 0\"}}",
       "/nodes/1/properties/condition", "operator '%' is not translated"});
  rows.append(
      {"min()",
       "{\"id\": \"n1\", \"type\": \"map\", \"properties\": {\"set\": {\"m\": \"min(a, b)\"}}}",
       "/nodes/1/properties/set/m", "function min() is not translated"});
  rows.append(
      {"exists()",
       "{\"id\": \"n1\", \"type\": \"filter\", \"properties\": {\"condition\": \"exists(a)\"}}",
       "/nodes/1/properties/condition", "function exists() has no Flink equivalent"});
  rows.append({"now()",
               "{\"id\": \"n1\", \"type\": \"map\", \"properties\": {\"set\": {\"t\": \"now()\"}}}",
               "/nodes/1/properties/set/t", "function now() is not translated"});
  rows.append(
      {"nested field",
       "{\"id\": \"n1\", \"type\": \"filter\", \"properties\": {\"condition\": \"a.b > 1\"}}",
       "/nodes/1/properties/condition", "nested field 'a.b'"});
  rows.append({"headers",
               "{\"id\": \"n1\", \"type\": \"filter\", \"properties\": {\"condition\": "
               "\"$headers.x == \\\"1\\\"\"}}",
               "/nodes/1/properties/condition", "$headers.x is not translated"});
  rows.append({"type conflict",
               "{\"id\": \"n1\", \"type\": \"filter\", \"properties\": {\"condition\": \"a > 1 && "
               "a == \\\"x\\\"\"}}",
               "/nodes/1/properties/condition", "field 'a' is used as"});
  return rows;
}

}  // namespace

class TestFlinkSql : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void exampleWindowBecomesTumbleWithWatermark() {
    const FlinkSqlExport e = exportFile(SC_SOURCE_DIR "/resources/examples/sensor-averages.json");
    QVERIFY2(e.ok(), qPrintable(errors(e)));
    const QString sql = QString::fromStdString(e.script);
    for (const char* part :
         {"'connector' = 'filesystem'", "'path' = '${INPUT:-resources/data/sensors.jsonl}'",
          "`ts` BIGINT", "`device` STRING", "`temperature` DOUBLE",
          "`$rowtime` AS COALESCE(TO_TIMESTAMP_LTZ(`ts`, 3)",
          // StreamCanvas's watermark: max - bound - 1 ms.
          "WATERMARK FOR `$rowtime` AS `$rowtime` - INTERVAL '5.001' SECOND",
          "TUMBLE(TABLE `per-minute.timed`, DESCRIPTOR(`$rowtime`), INTERVAL '1' MINUTE)",
          "GROUP BY window_start, window_end, `device`",
          "AVG(CAST(`temperature` AS DOUBLE)) AS `avg_temp`", "MAX(`temperature`) AS `max_temp`",
          "COUNT(*) AS `readings`", "SET 'table.local-time-zone' = 'UTC';",
          "'connector' = 'print'"})
      QVERIFY2(sql.contains(part), qPrintable(QString("missing: ") + part + "\n" + sql));
    QVERIFY(!sql.contains("STATEMENT SET"));
  }

  void examplesWithGeneratorsAreRefused() {
    for (const char* file : {"demo.json", "generated-payments.json"}) {
      const FlinkSqlExport e = exportFile(QString(SC_SOURCE_DIR "/resources/examples/") + file);
      QVERIFY(!e.ok());
      QVERIFY(e.script.empty());
      bool found = false;
      for (const Diagnostic& d : e.diagnostics.items())
        if (d.severity == Severity::Error && d.pointer == "/nodes/0" &&
            d.message.find("'generator' has no Flink equivalent") != std::string::npos)
          found = true;
      QVERIFY2(found, qPrintable(errors(e)));
    }
  }

  void expressions_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("sql");
    QTest::newRow("true division")
        << "a * 9 / 5 + 32"
        << "((CAST((`a` * 9) AS DOUBLE) / NULLIF(CAST(5 AS DOUBLE), 0)) + 32)";
    QTest::newRow("decimal literal") << "a * 2.5"
                                     << "(`a` * 2.5E0)";
    QTest::newRow("string join") << "s + \"x\""
                                 << "(`s` || 'x')";
    QTest::newRow("quote") << "s + \"it's\""
                           << "(`s` || 'it''s')";
    QTest::newRow("comparison null is false") << "a > 1"
                                              << "COALESCE(`a` > 1, FALSE)";
    QTest::newRow("== null") << "s == null"
                             << "(`s` IS NULL)";
    QTest::newRow("!= null") << "s != null"
                             << "(`s` IS NOT NULL)";
    QTest::newRow("in") << "s in [\"a\", \"b\"]"
                        << "COALESCE(`s` IN ('a', 'b'), FALSE)";
    QTest::newRow("not in") << "s not in [\"a\"]"
                            << "COALESCE(`s` NOT IN ('a'), FALSE)";
    QTest::newRow("and or not") << "!(a > 1) || b"
                                << "((NOT COALESCE(`a` > 1, FALSE)) OR `b`)";
    QTest::newRow("lower") << "lower(s)"
                           << "LOWER(`s`)";
    QTest::newRow("upper") << "upper(s)"
                           << "UPPER(`s`)";
    QTest::newRow("trim") << "trim(s)"
                          << "TRIM(`s`)";
    QTest::newRow("len") << "len(s)"
                         << "CHAR_LENGTH(`s`)";
    QTest::newRow("substr") << "substr(s, 2, 3)"
                            << "SUBSTR(`s`, 3, 3)";
    QTest::newRow("concat") << "concat(s, \"-\")"
                            << "CONCAT(COALESCE(`s`, ''), COALESCE('-', ''))";
    QTest::newRow("contains") << "contains(s, \"x\")"
                              << "COALESCE(POSITION('x' IN `s`) > 0, FALSE)";
    QTest::newRow("starts_with") << "starts_with(s, \"x\")"
                                 << "COALESCE(STARTSWITH(`s`, 'x'), FALSE)";
    QTest::newRow("ends_with") << "ends_with(s, \"x\")"
                               << "COALESCE(ENDSWITH(`s`, 'x'), FALSE)";
    QTest::newRow("regex_match") << "regex_match(s, \"^a\")"
                                 << "COALESCE(REGEXP(`s`, '^a'), FALSE)";
    QTest::newRow("abs") << "abs(a)"
                         << "ABS(`a`)";
    QTest::newRow("round") << "round(a)"
                           << "ROUND(`a`, 0)";
    QTest::newRow("round digits") << "round(a, 2)"
                                  << "ROUND(`a`, 2)";
    QTest::newRow("floor") << "floor(a)"
                           << "FLOOR(`a`)";
    QTest::newRow("ceil") << "ceil(a)"
                          << "CEIL(`a`)";
    QTest::newRow("coalesce") << "coalesce(s, \"x\")"
                              << "COALESCE(`s`, 'x')";
    QTest::newRow("if") << "if(a > 1, \"hi\", \"lo\")"
                        << "(CASE WHEN COALESCE(`a` > 1, FALSE) THEN 'hi' ELSE 'lo' END)";
    QTest::newRow("to_number") << "to_number(s)"
                               << "TRY_CAST(TRIM(`s`) AS DOUBLE)";
    QTest::newRow("to_string") << "to_string(s)"
                               << "`s`";
    QTest::newRow("$topic") << "$topic"
                            << "`$topic`";
    QTest::newRow("$timestamp") << "$timestamp"
                                << "(TIMESTAMPDIFF(SECOND, TO_TIMESTAMP_LTZ(0, 3), `$timestamp`)";
  }

  void expressions() {
    QFETCH(QString, expression);
    QFETCH(QString, sql);
    const FlinkSqlExport e = exportText(mapPipeline(expression));
    QVERIFY2(e.ok(), qPrintable(errors(e)));
    QVERIFY2(QString::fromStdString(e.script).contains(sql + " AS `x`") ||
                 sql.startsWith("(TIMESTAMPDIFF"),
             qPrintable(QString::fromStdString(e.script)));
    QVERIFY2(QString::fromStdString(e.script).contains(sql),
             qPrintable(QString::fromStdString(e.script)));
  }

  void refusals_data() {
    QTest::addColumn<QString>("nodes");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("message");
    for (const Refusal& r : refusalCases())
      QTest::newRow(r.name) << r.nodes << r.pointer << r.message;
  }

  void refusals() {
    QFETCH(QString, nodes);
    QFETCH(QString, pointer);
    QFETCH(QString, message);
    const FlinkSqlExport e = exportText(pipelineText(nodes.toStdString()));
    QVERIFY(!e.ok());
    QVERIFY(e.script.empty());
    int matching = 0;
    for (const Diagnostic& d : e.diagnostics.items())
      if (d.severity == Severity::Error && QString::fromStdString(d.pointer) == pointer &&
          QString::fromStdString(d.message).contains(message) && d.nodeId == "n1")
        ++matching;
    QVERIFY2(matching == 1, qPrintable(errors(e)));
  }

  void oneErrorPerNodeAndProperty() {
    const FlinkSqlExport e =
        exportText(pipelineText("{\"id\": \"n1\", \"type\": \"window.tumbling\", \"properties\": "
                                "{\"size\": \"10s\", \"timestamp\": \"ts\",\n"
                                "            \"allowed_lateness\": \"1s\", \"emit\": \"1s\"}}"));
    QCOMPARE(int(e.diagnostics.size()), 2);
    QCOMPARE(QString::fromStdString(e.diagnostics.items()[0].pointer),
             QString("/nodes/1/properties/allowed_lateness"));
    QCOMPARE(QString::fromStdString(e.diagnostics.items()[1].pointer),
             QString("/nodes/1/properties/emit"));
  }

  void latePortIsRefused() {
    const std::string nodes =
        "{\"id\": \"n1\", \"type\": \"window.tumbling\", \"properties\": {\"size\": \"10s\", "
        "\"timestamp\": \"ts\"}},\n"
        "           {\"id\": \"late\", \"type\": \"discard.sink\", \"properties\": {}}";
    const FlinkSqlExport e = exportText(pipelineText(
        nodes, "{}", "{\"type\": \"kafka\", \"bootstrap_servers\": \"${KAFKA_BOOTSTRAP}\"}",
        "{\"from\": \"in\", \"to\": \"n1\"}, {\"from\": \"n1\", \"to\": \"out\"}, {\"from\": "
        "\"n1:late\", \"to\": \"late\"}"));
    QVERIFY(!e.ok());
    QVERIFY2(errors(e).contains("the 'late' port is wired"), qPrintable(errors(e)));
  }

  void secretsStayVariables() {
    const FlinkSqlExport e = exportText(pipelineText(
        "", "{}",
        "{\"type\": \"kafka\", \"bootstrap_servers\": \"${KAFKA_BOOTSTRAP}\", \"properties\": {\n"
        "            \"security.protocol\": \"SASL_SSL\", \"sasl.mechanism\": \"SCRAM-SHA-512\",\n"
        "            \"sasl.username\": \"${KAFKA_USER}\", \"sasl.password\": "
        "\"${KAFKA_PASSWORD}\",\n"
        "            \"ssl.ca.location\": \"${KAFKA_CA}\"}}"));
    QVERIFY2(e.ok(), qPrintable(errors(e)));
    const QString sql = QString::fromStdString(e.script);
    QVERIFY(sql.contains("'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}'"));
    QVERIFY(sql.contains(
        "ScramLoginModule required username=\"${KAFKA_USER}\" password=\"${KAFKA_PASSWORD}\";"));
    QVERIFY(sql.contains("'properties.ssl.truststore.type' = 'PEM'"));

    const FlinkSqlExport literal = exportText(pipelineText(
        "", "{}",
        "{\"type\": \"kafka\", \"bootstrap_servers\": \"h:9092\", \"properties\": {\n"
        "            \"security.protocol\": \"SASL_SSL\", \"sasl.mechanism\": \"PLAIN\",\n"
        "            \"sasl.username\": \"u\", \"sasl.password\": \"hunter2\"}}"));
    QVERIFY(!literal.ok());
    QVERIFY(literal.script.empty());
    QVERIFY2(errors(literal).contains("/connections/k/properties/sasl.password"),
             qPrintable(errors(literal)));
    QVERIFY(!errors(literal).contains("hunter2"));
  }

  void fanOutIsAStatementSetAndDeliveryIsSet() {
    const std::string nodes =
        "{\"id\": \"n1\", \"type\": \"filter\", \"properties\": {\"condition\": \"a > 1\"}},\n"
        "           {\"id\": \"other\", \"type\": \"file.sink\", \"properties\": {\"path\": "
        "\"/tmp/x\"}}";
    const FlinkSqlExport e = exportText(
        pipelineText(nodes, "{\"delivery\": \"exactly_once\", \"checkpoint_interval\": \"5s\"}",
                     "{\"type\": \"kafka\", \"bootstrap_servers\": \"${KAFKA_BOOTSTRAP}\"}",
                     "{\"from\": \"in\", \"to\": \"n1\"}, {\"from\": \"n1\", \"to\": \"out\"}, "
                     "{\"from\": \"n1:rejected\", \"to\": \"other\"}"));
    QVERIFY2(e.ok(), qPrintable(errors(e)));
    const QString sql = QString::fromStdString(e.script);
    for (const char* part :
         {"EXECUTE STATEMENT SET\nBEGIN\n", "INSERT INTO `out`", "INSERT INTO `other`", "\nEND;\n",
          "WHERE NOT COALESCE(COALESCE(`a` > 1, FALSE), FALSE);",
          "SET 'execution.checkpointing.interval' = '5s';",
          "SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';",
          "'sink.delivery-guarantee' = 'exactly-once'", "'sink.transactional-id-prefix' = 't-out'",
          "'properties.isolation.level' = 'read_committed'",
          "'scan.bounded.mode' = 'latest-offset'", "'scan.startup.mode' = 'earliest-offset'"})
      QVERIFY2(sql.contains(part), qPrintable(QString("missing: ") + part + "\n" + sql));
  }

  void invalidPipelinesAreNotExported() {
    const FlinkSqlExport e = exportText(pipelineText(
        "{\"id\": \"n1\", \"type\": \"filter\", \"properties\": {\"condition\": \"a >\"}}"));
    QVERIFY(!e.ok());
    QVERIFY(e.script.empty());
  }
};

QTEST_GUILESS_MAIN(TestFlinkSql)
#include "tst_flinksql.moc"
