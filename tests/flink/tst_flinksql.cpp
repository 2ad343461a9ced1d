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

// A connection "k" with these librdkafka properties (a JSON object's members).
std::string connectionWith(const std::string& properties) {
  return "{\"type\": \"kafka\", \"bootstrap_servers\": \"${KAFKA_BOOTSTRAP}\", \"properties\": "
         "{" +
         properties + "}}";
}

// Connection settings without an exact equivalent in the Java client: the connection's
// properties, and the error the source (the first node using it) must get.
QList<Refusal> connectionRefusalCases() {
  const QString oauth = R"("security.protocol": "SASL_SSL", "sasl.mechanism": "OAUTHBEARER", )";
  QList<Refusal> rows;
  rows.append({"OAUTHBEARER unsecured JWT",
               oauth + R"("enable.sasl.oauthbearer.unsecure.jwt": "true", )"
                       R"("sasl.oauthbearer.config": "${JWT_CONFIG}")",
               "/connections/k/properties",
               "SASL OAUTHBEARER without sasl.oauthbearer.method 'oidc'"});
  rows.append({"OAUTHBEARER without a token endpoint",
               oauth + R"("sasl.oauthbearer.method": "oidc", "sasl.oauthbearer.client.id": "c", )"
                       R"("sasl.oauthbearer.client.secret": "${SECRET}")",
               "/connections/k/properties",
               "without sasl.oauthbearer.token.endpoint.url is not translated"});
  rows.append({"client secret in the file",
               oauth + R"("sasl.oauthbearer.method": "oidc", "sasl.oauthbearer.client.id": "c", )"
                       R"("sasl.oauthbearer.client.secret": "s3cr3t", )"
                       R"("sasl.oauthbearer.token.endpoint.url": "https://idp/token")",
               "/connections/k/properties/sasl.oauthbearer.client.secret",
               "'sasl.oauthbearer.client.secret' is written in the pipeline file"});
  rows.append({"certificate and key in two files",
               R"("security.protocol": "SSL", "ssl.certificate.location": "${CLIENT_CERT}", )"
               R"("ssl.key.location": "${CLIENT_KEY}")",
               "/connections/k/properties/ssl.key.location",
               "a client certificate and its key in two files"});
  rows.append({"PKCS#12 and PEM",
               R"("security.protocol": "SSL", "ssl.certificate.pem": "${CERT}", )"
               R"("ssl.keystore.location": "/c/client.p12", "ssl.keystore.password": "${KS_PW}")",
               "/connections/k/properties/ssl.keystore.location",
               "'ssl.keystore.location' and 'ssl.certificate.pem' both give a client "
               "certificate"});
  rows.append({"private key in the file",
               R"("security.protocol": "SSL", "ssl.certificate.pem": "${CERT}", )"
               R"("ssl.key.pem": "-----BEGIN PRIVATE KEY-----")",
               "/connections/k/properties/ssl.key.pem", "'ssl.key.pem' is written in the"});
  rows.append({"GSSAPI",
               R"("security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "GSSAPI", )"
               R"("sasl.kerberos.service.name": "kafka")",
               "/connections/k/properties/sasl.mechanism",
               "SASL mechanism 'GSSAPI' is not translated"});
  return rows;
}

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
      {"array element",
       "{\"id\": \"n1\", \"type\": \"filter\", \"properties\": {\"condition\": \"a.b[0] > 1\"}}",
       "/nodes/1/properties/condition", "array element 'a.b[0]'"});
  rows.append({"field and object",
               "{\"id\": \"n1\", \"type\": \"filter\", \"properties\": {\"condition\": \"a > 1 && "
               "a.b > 1\"}}",
               "/nodes/1/properties/condition", "field 'a' is used as an object (a.b)"});
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

// Two kafka.sources "a" and "b" (topics ta, tb), a file.source "f" when `edges` wire it ->
// `middle` (JSON of nodes) -> kafka.sink "out" (keyed by `key` when given), wired by `edges`.
std::string twoSourcePipeline(const std::string& middle, const std::string& edges,
                              const std::string& key = "device") {
  const bool file = edges.find("\"f\"") != std::string::npos;
  return R"j({"streamcanvas": 1, "name": "t", "connections": {"k": {"type": "kafka",
      "bootstrap_servers": "${KAFKA_BOOTSTRAP}"}}, "nodes": [
    {"id": "a", "type": "kafka.source", "properties": {"connection": "k", "topics": ["ta"],
     "start": "earliest"}},
    {"id": "b", "type": "kafka.source", "properties": {"connection": "k", "topics": ["tb"],
     "start": "earliest"}},
    )j" +
         std::string(
             file ? R"j({"id": "f", "type": "file.source", "properties": {"path": "/tmp/in.jsonl"}},
    )j"
                  : "") +
         middle + R"j(,
    {"id": "out", "type": "kafka.sink", "properties": {"connection": "k", "topic": "o")j" +
         (key.empty() ? "" : ", \"key\": \"" + key + "\"") + R"j(}}],
  "edges": [)j" +
         edges + "]}";
}

QString missing(const QString& sql, const QString& part) {
  return "missing: " + part + "\n" + sql;
}

// The tests whose pipelines are raw strings (out of the test class: moc misreads them).

void nestedFieldsAreRowColumnsTest() {
  const FlinkSqlExport e = exportText(pipelineText(R"j(
    {"id": "n1", "type": "filter", "properties": {"condition": "loc.floor > 1 && loc.gps.lat < 50"}},
    {"id": "n2", "type": "map", "properties": {"set": {"site": "upper(loc.site)"}}},
    {"id": "n3", "type": "window.tumbling", "properties": {"size": "10s", "timestamp": "meta.ts",
     "key": "loc.site", "aggregates": [{"as": "floors", "fn": "sum", "of": "loc.floor"},
                                       {"as": "n", "fn": "count"}]}})j"));
  QVERIFY2(e.ok(), qPrintable(errors(e)));
  const QString sql = QString::fromStdString(e.script);
  for (const char* part :
       {// one ROW column per object, with the fields the pipeline reads
        "  `loc` ROW<`floor` DOUBLE, `gps` ROW<`lat` DOUBLE>, `site` STRING>,\n",
        "  `meta` ROW<`ts` BIGINT>,\n", "`$rowtime` AS COALESCE(TO_TIMESTAMP_LTZ(`meta`.`ts`, 3)",
        "WHERE COALESCE((COALESCE(`loc`.`floor` > 1, FALSE) AND "
        "COALESCE(`loc`.`gps`.`lat` < 50, FALSE)), FALSE);",
        "UPPER(`loc`.`site`) AS `site`", "SUM(`loc`.`floor`) AS `floors`", "`loc`.`site` AS `key`",
        "GROUP BY window_start, window_end, `loc`.`site`"})
    QVERIFY2(sql.contains(part), qPrintable(missing(sql, part)));
}

void nestedFieldsPassThroughToSinksTest() {
  const FlinkSqlExport e = exportText(pipelineText(R"j(
    {"id": "n1", "type": "filter", "properties": {"condition": "loc.floor > 1 && loc != null"}})j"));
  QVERIFY2(e.ok(), qPrintable(errors(e)));
  const QString sql = QString::fromStdString(e.script);
  // The sink's table declares the object as the source's does: it is written as an object.
  QCOMPARE(sql.count("  `loc` ROW<`floor` DOUBLE>"), 2);
  QVERIFY2(sql.contains("(`loc` IS NOT NULL)"), qPrintable(sql));
}

void severalInputsAreAUnionTest() {
  // Two sources into one filter; the filter and a map of one source into the sink.
  const FlinkSqlExport e = exportText(twoSourcePipeline(R"j(
    {"id": "hot", "type": "filter", "properties": {"condition": "t > 30"}},
    {"id": "m", "type": "map", "properties": {"set": {"extra": "\"x\""}}})j",
                                                        R"j(
    {"from": "a", "to": "hot"}, {"from": "b", "to": "hot"}, {"from": "hot", "to": "out"},
    {"from": "b", "to": "m"}, {"from": "m", "to": "out"})j"));
  QVERIFY2(e.ok(), qPrintable(errors(e)));
  const QString sql = QString::fromStdString(e.script);
  for (const char* part :
       {"CREATE TEMPORARY VIEW `hot.inputs` AS\n"
        "SELECT `device`, `t`, `$timestamp`, `$headers` FROM `a`\n"
        "UNION ALL\n"
        "SELECT `device`, `t`, `$timestamp`, `$headers` FROM `b`;",
        "SELECT * FROM `hot.inputs`\nWHERE COALESCE(COALESCE(`t` > 30, FALSE), FALSE);",
        // A field only one branch makes is NULL in the other.
        "CREATE TEMPORARY VIEW `out.inputs` AS\n"
        "SELECT `device`, `t`, `$timestamp`, `$headers`, CAST(NULL AS STRING) AS `extra` FROM "
        "`hot`\n"
        "UNION ALL\n"
        "SELECT `device`, `t`, `$timestamp`, `$headers`, `extra` FROM `m`;",
        "FROM `out.inputs`;"})
    QVERIFY2(sql.contains(part), qPrintable(missing(sql, part)));
  QVERIFY(!sql.contains("STATEMENT SET"));  // one sink, one INSERT
}

void windowOfSeveralInputsTest() {
  const FlinkSqlExport e = exportText(twoSourcePipeline(R"j(
    {"id": "w", "type": "window.tumbling", "properties": {"size": "1m", "timestamp": "ts",
     "key": "device", "aggregates": [{"as": "n", "fn": "count"}]}})j",
                                                        R"j(
    {"from": "a", "to": "w"}, {"from": "b", "to": "w"}, {"from": "w", "to": "out"})j",
                                                        ""));
  QVERIFY2(e.ok(), qPrintable(errors(e)));
  const QString sql = QString::fromStdString(e.script);
  for (const char* part : {"SELECT `device`, `ts`, `$rowtime` FROM `a`\nUNION ALL\n"
                           "SELECT `device`, `ts`, `$rowtime` FROM `b`;",
                           "SELECT * FROM `w.inputs`\nWHERE `$rowtime` >"})
    QVERIFY2(sql.contains(part), qPrintable(missing(sql, part)));
  // Each source keeps its watermark; Flink's union takes the smaller, as StreamCanvas does.
  QCOMPARE(sql.count("WATERMARK FOR `$rowtime`"), 2);
}

void unionRefusalsData() {
  QTest::addColumn<QString>("middle");
  QTest::addColumn<QString>("edges");
  QTest::addColumn<QString>("message");
  QTest::newRow("types differ")
      << R"j({"id": "m1", "type": "map", "properties": {"set": {"x": "\"1\""}}},
             {"id": "m2", "type": "map", "properties": {"set": {"x": "t * 2"}}})j"
      << R"j({"from": "a", "to": "m1"}, {"from": "b", "to": "m2"}, {"from": "m1", "to": "out"},
             {"from": "m2", "to": "out"})j"
      << "the inputs of 'out' carry 'x' as STRING ('m1:out') and as DOUBLE ('m2:out')";
  // A file's records have no Kafka timestamp to give the sink.
  QTest::newRow("metadata only in one input")
      << R"j({"id": "n", "type": "filter", "properties": {"condition": "t > 1"}})j"
      << R"j({"from": "a", "to": "n"}, {"from": "f", "to": "n"}, {"from": "n", "to": "out"})j"
      << "input 'f:out' of 'n' has no $timestamp that its other inputs have";
  QTest::newRow("window results and records")
      << R"j({"id": "w", "type": "window.tumbling", "properties": {"size": "1m",
             "timestamp": "ts", "key": "device", "aggregates": [{"as": "n", "fn": "count"}]}})j"
      << R"j({"from": "a", "to": "w"}, {"from": "w", "to": "out"}, {"from": "b", "to": "out"})j"
      << "merges a window's results";
}

void connectionSecurityData() {
  QTest::addColumn<QString>("properties");
  QTest::addColumn<QStringList>("expected");
  QTest::newRow("mTLS PKCS#12") << R"j("security.protocol": "SSL", "ssl.ca.location": "${KAFKA_CA}",
             "ssl.keystore.location": "${CLIENT_P12}", "ssl.keystore.password": "${CLIENT_P12_PW}")j"
                                << QStringList{
                                       "'properties.security.protocol' = 'SSL'",
                                       "'properties.ssl.truststore.location' = '${KAFKA_CA}'",
                                       "'properties.ssl.keystore.type' = 'PKCS12'",
                                       "'properties.ssl.keystore.location' = '${CLIENT_P12}'",
                                       "'properties.ssl.keystore.password' = '${CLIENT_P12_PW}'"};
  QTest::newRow("mTLS PEM file")
      << R"j("security.protocol": "SSL", "ssl.certificate.location": "${CLIENT_PEM}",
             "ssl.key.location": "${CLIENT_PEM}", "ssl.key.password": "${CLIENT_KEY_PW}")j"
      << QStringList{"'properties.ssl.keystore.location' = '${CLIENT_PEM}'",
                     "'properties.ssl.keystore.type' = 'PEM'",
                     "'properties.ssl.key.password' = '${CLIENT_KEY_PW}'"};
  QTest::newRow("mTLS PEM text")
      << R"j("security.protocol": "SSL", "ssl.ca.pem": "${CA_PEM}",
             "ssl.certificate.pem": "${CLIENT_CERT_PEM}", "ssl.key.pem": "${CLIENT_KEY_PEM}")j"
      << QStringList{"'properties.ssl.truststore.type' = 'PEM'",
                     "'properties.ssl.truststore.certificates' = '${CA_PEM}'",
                     "'properties.ssl.keystore.certificate.chain' = '${CLIENT_CERT_PEM}'",
                     "'properties.ssl.keystore.key' = '${CLIENT_KEY_PEM}'",
                     "'properties.ssl.keystore.type' = 'PEM'"};
  QTest::newRow("SASL OAUTHBEARER")
      << R"j("security.protocol": "SASL_SSL", "sasl.mechanism": "OAUTHBEARER",
             "sasl.oauthbearer.method": "oidc", "sasl.oauthbearer.client.id": "${OAUTH_ID}",
             "sasl.oauthbearer.client.secret": "${OAUTH_SECRET}", "sasl.oauthbearer.scope": "kafka",
             "sasl.oauthbearer.extensions": "pool=p1,env=prod",
             "sasl.oauthbearer.token.endpoint.url": "${OAUTH_URL}")j"
      << QStringList{"'properties.sasl.mechanism' = 'OAUTHBEARER'",
                     "'properties.sasl.login.callback.handler.class' = "
                     "'org.apache.kafka.common.security.oauthbearer."
                     "OAuthBearerLoginCallbackHandler'",
                     "'properties.sasl.oauthbearer.token.endpoint.url' = '${OAUTH_URL}'",
                     "'properties.sasl.jaas.config' = "
                     "'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule "
                     "required clientId=\"${OAUTH_ID}\" clientSecret=\"${OAUTH_SECRET}\" "
                     "scope=\"kafka\" extension_pool=\"p1\" extension_env=\"prod\";'"};
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

  void connectionRefusals_data() {
    QTest::addColumn<QString>("properties");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("message");
    for (const Refusal& r : connectionRefusalCases())
      QTest::newRow(r.name) << r.nodes << r.pointer << r.message;
  }

  void connectionRefusals() {
    QFETCH(QString, properties);
    QFETCH(QString, pointer);
    QFETCH(QString, message);
    const FlinkSqlExport e =
        exportText(pipelineText("", "{}", connectionWith(properties.toStdString())));
    QVERIFY(!e.ok());
    QVERIFY(e.script.empty());
    int matching = 0;
    for (const Diagnostic& d : e.diagnostics.items())
      if (d.severity == Severity::Error && QString::fromStdString(d.pointer) == pointer &&
          QString::fromStdString(d.message).contains(message) && d.nodeId == "in")
        ++matching;
    QVERIFY2(matching == 1, qPrintable(errors(e)));
    QVERIFY2(!errors(e).contains("s3cr3t") && !errors(e).contains("BEGIN PRIVATE KEY"),
             qPrintable(errors(e)));
  }

  void nestedFieldsAreRowColumns() { nestedFieldsAreRowColumnsTest(); }
  void nestedFieldsPassThroughToSinks() { nestedFieldsPassThroughToSinksTest(); }
  void severalInputsAreAUnion() { severalInputsAreAUnionTest(); }
  void windowOfSeveralInputsUnitesTheirEventTimes() { windowOfSeveralInputsTest(); }
  void unionRefusals_data() { unionRefusalsData(); }

  void unionRefusals() {
    QFETCH(QString, middle);
    QFETCH(QString, edges);
    QFETCH(QString, message);
    const FlinkSqlExport e = exportText(twoSourcePipeline(
        middle.toStdString(), edges.toStdString(), middle.contains("window") ? "" : "device"));
    QVERIFY(!e.ok());
    QVERIFY(e.script.empty());
    QVERIFY2(errors(e).contains(message), qPrintable(errors(e)));
  }

  void isoStartIsATimestamp_data() {
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("millis");
    QTest::newRow("UTC") << "2026-01-01T00:00:00Z"
                         << "1767225600000";
    QTest::newRow("offset and fraction") << "2026-01-01T01:00:00.250+01:00"
                                         << "1767225600250";
    QTest::newRow("epoch milliseconds") << "1767225600000"
                                        << "1767225600000";
  }

  void isoStartIsATimestamp() {
    QFETCH(QString, start);
    QFETCH(QString, millis);
    std::string text = pipelineText("");
    const std::string earliest = "\"start\": \"earliest\"";
    text.replace(text.find(earliest), earliest.size(),
                 "\"start\": \"" + start.toStdString() + "\"");
    const FlinkSqlExport e = exportText(text);
    QVERIFY2(e.ok(), qPrintable(errors(e)));
    const QString sql = QString::fromStdString(e.script);
    QVERIFY2(sql.contains("'scan.startup.mode' = 'timestamp',\n"
                          "  'scan.startup.timestamp-millis' = '" +
                          millis + "'"),
             qPrintable(sql));
  }

  void connectionSecurity_data() { connectionSecurityData(); }

  void connectionSecurity() {
    QFETCH(QString, properties);
    QFETCH(QStringList, expected);
    const FlinkSqlExport e =
        exportText(pipelineText("", "{}", connectionWith(properties.toStdString())));
    QVERIFY2(e.ok(), qPrintable(errors(e)));
    const QString sql = QString::fromStdString(e.script);
    // The source's table and the sink's log in the same way.
    for (const QString& part : expected)
      QVERIFY2(sql.count(part) == 2, qPrintable(missing(sql, part)));
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
