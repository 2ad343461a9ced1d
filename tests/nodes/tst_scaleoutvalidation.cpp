// What scale-out mode (settings.scale_out) refuses, with the node and what to do: sources that
// are not kafka.source, windows fed from Kafka sources on different connections, chained
// windows, and a scale_out that is not a boolean. A plain pipeline in scale-out mode passes.
// Also which windows need a repartition hop (engine/graph/Repartition.h).
#include <QtTest>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/Repartition.h"
#include "engine/graph/RepartitionPlan.h"
#include "engine/kafka/Changelog.h"

using namespace sc;

namespace {

Json kafkaSource(const std::string& id, const std::string& connection) {
  return {{"id", id},
          {"type", "kafka.source"},
          {"properties", {{"connection", connection}, {"topics", Json::array({"in"})}}}};
}

Json window(const std::string& id, Json key = "k") {
  return {{"id", id},
          {"type", "window.tumbling"},
          {"properties",
           {{"size", "1s"},
            {"key", key},
            {"aggregates", Json::array({{{"as", "n"}, {"fn", "count"}}})}}}};
}

Json pipeline(Json nodes, Json edges, Json scaleOut = true) {
  return {{"streamcanvas", 1},
          {"name", "p"},
          {"settings", {{"scale_out", scaleOut}}},
          {"connections",
           {{"a", {{"type", "kafka"}, {"bootstrap_servers", "localhost:9092"}}},
            {"b", {{"type", "kafka"}, {"bootstrap_servers", "otherhost:9092"}}}}},
          {"nodes", nodes},
          {"edges", edges}};
}

Json edge(const std::string& from, const std::string& to) {
  return {{"from", from}, {"to", to}};
}

Diagnostics check(const Json& doc) {
  LoadResult loaded = parsePipeline(doc.dump());
  if (!loaded.ok()) return loaded.diagnostics;
  return validatePipeline(*loaded.pipeline, NodeRegistry::builtin());
}

// The error at `pointer`, or null.
const Diagnostic* errorAt(const Diagnostics& d, const std::string& pointer) {
  for (const auto& item : d.items())
    if (item.severity == Severity::Error && item.pointer == pointer) return &item;
  return nullptr;
}

}  // namespace

class TestScaleOutValidation : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void kafkaSourceWindowSinkPasses() {
    const Diagnostics d =
        check(pipeline(Json::array({kafkaSource("in", "a"),
                                    window("w"),
                                    {{"id", "out"},
                                     {"type", "kafka.sink"},
                                     {"properties", {{"connection", "a"}, {"topic", "out"}}}}}),
                       Json::array({edge("in", "w"), edge("w", "out")})));
    QVERIFY2(!d.hasErrors(), d.format().c_str());
  }

  void otherSourcesAreRefused() {
    const Diagnostics d = check(pipeline(
        Json::array({{{"id", "gen"}, {"type", "generator"}, {"properties", Json::object()}},
                     window("w"),
                     {{"id", "out"}, {"type", "console.sink"}, {"properties", Json::object()}}}),
        Json::array({edge("gen", "w"), edge("w", "out")})));
    const Diagnostic* e = errorAt(d, "/nodes/0/type");
    QVERIFY2(e, d.format().c_str());
    QCOMPARE(QString::fromStdString(e->nodeId), QStringLiteral("gen"));
    QVERIFY2(e->message.find("scale-out mode") != std::string::npos, e->message.c_str());
  }

  void aWindowOnTwoConnectionsIsRefused() {
    const Diagnostics d = check(pipeline(
        Json::array({kafkaSource("x", "a"),
                     kafkaSource("y", "b"),
                     window("w"),
                     {{"id", "out"}, {"type", "console.sink"}, {"properties", Json::object()}}}),
        Json::array({edge("x", "w"), edge("y", "w"), edge("w", "out")})));
    const Diagnostic* e = errorAt(d, "/nodes/2");
    QVERIFY2(e, d.format().c_str());
    QCOMPARE(QString::fromStdString(e->nodeId), QStringLiteral("w"));
    QVERIFY2(e->message.find("different connections") != std::string::npos, e->message.c_str());
  }

  void chainedWindowsAreRefused() {
    const Diagnostics d = check(pipeline(
        Json::array({kafkaSource("in", "a"),
                     window("w1"),
                     window("w2"),
                     {{"id", "out"}, {"type", "console.sink"}, {"properties", Json::object()}}}),
        Json::array({edge("in", "w1"), edge("w1", "w2"), edge("w2", "out")})));
    QVERIFY2(errorAt(d, "/nodes/2"), d.format().c_str());
    QVERIFY(!errorAt(d, "/nodes/1"));
  }

  void withoutScaleOutNothingIsRefused() {
    const Diagnostics d = check(pipeline(
        Json::array({kafkaSource("x", "a"),
                     kafkaSource("y", "b"),
                     window("w"),
                     {{"id", "out"}, {"type", "console.sink"}, {"properties", Json::object()}}}),
        Json::array({edge("x", "w"), edge("y", "w"), edge("w", "out")}), false));
    QVERIFY2(!d.hasErrors(), d.format().c_str());
  }

  void scaleOutMustBeABoolean() {
    const Diagnostics d =
        check(pipeline(Json::array({kafkaSource("in", "a")}), Json::array(), "yes"));
    QVERIFY2(errorAt(d, "/settings/scale_out"), d.format().c_str());
  }

  // Kafka Streams' groupByKey against groupBy: only the message key of one topic, reached
  // through filters and maps, keeps every key in one input partition.
  void repartitionIsDecidedFromTheGraph_data() {
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<bool>("hop");
    QTest::addColumn<QString>("reason");
    auto filter = Json{{"id", "f"}, {"type", "filter"}, {"properties", {{"condition", "v > 1"}}}};
    auto sink = Json{{"id", "out"}, {"type", "console.sink"}, {"properties", Json::object()}};
    auto two = kafkaSource("in", "a");
    two["properties"]["topics"] = Json::array({"in", "other"});
    auto pattern = kafkaSource("in", "a");
    pattern["properties"].erase("topics");
    pattern["properties"]["topic_pattern"] = "in-.*";
    auto row = [&](const char* name, Json source, Json key, bool hop, const char* reason) {
      QTest::newRow(name) << QByteArray::fromStdString(
                                 pipeline(Json::array({source, filter, window("w", key), sink}),
                                          Json::array(
                                              {edge("in", "f"), edge("f", "w"), edge("w", "out")}))
                                     .dump())
                          << hop << reason;
    };
    row("message key", kafkaSource("in", "a"), "$key", false, "");
    row("message key in a list", kafkaSource("in", "a"), Json::array({" $key "}), false, "");
    row("a field", kafkaSource("in", "a"), "device", true, "is not the message key");
    row("key and a field", kafkaSource("in", "a"), Json::array({"$key", "site"}), true,
        "is not the message key");
    row("no key", kafkaSource("in", "a"), Json(), true, "no key");
    row("two topics", two, "$key", true, "several topics");
    row("a pattern", pattern, "$key", true, "several topics");
    QTest::newRow("two sources")
        << QByteArray::fromStdString(
               pipeline(Json::array({kafkaSource("x", "a"), kafkaSource("y", "a"),
                                     window("w", "$key"), sink}),
                        Json::array({edge("x", "w"), edge("y", "w"), edge("w", "out")}))
                   .dump())
        << true << "2 sources";
  }
  void repartitionIsDecidedFromTheGraph() {
    QFETCH(QByteArray, doc);
    QFETCH(bool, hop);
    QFETCH(QString, reason);
    Json j = Json::parse(doc.toStdString());
    if (j["nodes"][2]["properties"]["key"].is_null()) j["nodes"][2]["properties"].erase("key");
    LoadResult loaded = parsePipeline(j.dump());
    QVERIFY(loaded.ok());
    const Diagnostics d = validatePipeline(*loaded.pipeline, NodeRegistry::builtin());
    // A hop behind a topic_pattern is refused (aHopBehindATopicPatternIsRefused); nothing else.
    const bool pattern = loaded.pipeline->nodes[0].properties.contains("topic_pattern");
    QVERIFY2(d.hasErrors() == pattern, d.format().c_str());
    if (pattern) QVERIFY(errorAt(d, "/nodes/0/properties/topic_pattern"));
    const auto hops = repartitionHops(*loaded.pipeline, NodeRegistry::builtin());
    QCOMPARE(hops.size(), size_t(hop ? 1 : 0));
    if (!hop) return;
    QCOMPARE(QString::fromStdString(hops[0].window), QStringLiteral("w"));
    QCOMPARE(QString::fromStdString(hops[0].topic), QStringLiteral("p-w-repartition"));
    QVERIFY2(QString::fromStdString(hops[0].reason).contains(reason), hops[0].reason.c_str());
    QVERIFY(!hops[0].edges.empty());
    for (size_t e : hops[0].edges)
      QCOMPARE(QString::fromStdString(loaded.pipeline->edges[e].to.node), QStringLiteral("w"));
    // Without scale-out nothing is repartitioned.
    loaded.pipeline->settings["scale_out"] = false;
    QVERIFY(repartitionHops(*loaded.pipeline, NodeRegistry::builtin()).empty());
  }

  void repartitionTopicNamesAreLegalKafkaNames() {
    QCOMPARE(QString::fromStdString(repartitionTopicName("Sensor alerts/eu", "win 1")),
             QStringLiteral("Sensor_alerts_eu-win_1-repartition"));
  }

  // The hop's topic is sized by the input topics, which a pattern does not name.
  void aHopBehindATopicPatternIsRefused() {
    Json src = kafkaSource("src", "a");
    src["properties"].erase("topics");
    src["properties"]["topic_pattern"] = "in-.*";
    const Diagnostics d =
        check(pipeline(Json::array({src, window("w", "device")}), Json::array({edge("src", "w")})));
    const Diagnostic* e = errorAt(d, "/nodes/0/properties/topic_pattern");
    QVERIFY2(e, "no error at the source's topic_pattern");
    QCOMPARE(QString::fromStdString(e->nodeId), QStringLiteral("src"));
    QVERIFY(e->message.find("repartition") != std::string::npos);
    // Listed topics are fine.
    QVERIFY(!errorAt(check(pipeline(Json::array({kafkaSource("src", "a"), window("w", "device")}),
                                    Json::array({edge("src", "w")}))),
                     "/nodes/0/properties/topic_pattern"));
  }

  void changelogTopicNamesAreLegalKafkaNames() {
    QCOMPARE(QString::fromStdString(kafka::Changelog::topicName("Sensor alerts/eu", "win 1")),
             QStringLiteral("Sensor_alerts_eu-win_1-changelog"));
    QCOMPARE(QString::fromStdString(kafka::Changelog::topicName("p", "w")),
             QStringLiteral("p-w-changelog"));
  }

  // The plan a scale-out run executes: the window's inputs go to an internal kafka.sink on the
  // repartition topic, and an internal kafka.source reads it back into the window.
  void thePlanPutsTheHopInFrontOfTheWindow() {
    Json src = kafkaSource("src", "a");
    src["properties"]["group_id"] = "g";
    src["properties"]["bounded"] = true;
    Json out = {{"id", "out"},
                {"type", "kafka.sink"},
                {"properties", {{"connection", "a"}, {"topic", "o"}, {"linger", "20ms"}}}};
    Json w = window("w", "device");
    w["properties"]["max_out_of_orderness"] = "2s";
    Json doc = pipeline(
        Json::array({src,
                     {{"id", "m"}, {"type", "map"}, {"properties", {{"fields", {{"x", "1"}}}}}},
                     w,
                     out}),
        Json::array({edge("src", "m"), edge("m", "w"), edge("w", "out")}));
    LoadResult loaded = parsePipeline(doc.dump());
    QVERIFY(loaded.ok());
    RepartitionPlan roles;
    const Pipeline planned = planRepartition(*loaded.pipeline, NodeRegistry::builtin(), roles);

    const std::string sinkId = repartitionSinkId("w"), readerId = repartitionSourceId("w");
    const PipelineNode* sink = planned.node(sinkId);
    const PipelineNode* reader = planned.node(readerId);
    QVERIFY(sink && reader);
    QCOMPARE(sink->type, std::string("kafka.sink"));
    QCOMPARE(sink->properties["topic"], Json("p-w-repartition"));
    QCOMPARE(sink->properties["connection"], Json("a"));
    // At least once the hop has its own producer, which lingers 100 ms for larger batches.
    QCOMPARE(sink->properties["linger"], Json("100ms"));
    QCOMPARE(reader->type, std::string("kafka.source"));
    QCOMPARE(reader->properties["topics"], Json::array({"p-w-repartition"}));
    QCOMPARE(reader->properties["bounded"], Json(true));
    QCOMPARE(reader->properties["start"], Json("earliest"));
    QCOMPARE(reader->properties["group_id"], Json("g-w-repartition"));

    auto hasEdge = [&](const std::string& from, const std::string& to) {
      for (const PipelineEdge& e : planned.edges)
        if (e.from.node == from && e.to.node == to) return true;
      return false;
    };
    QVERIFY(hasEdge("src", "m"));
    QVERIFY(hasEdge("m", sinkId));
    QVERIFY(hasEdge(readerId, "w"));
    QVERIFY(hasEdge("w", "out"));
    QVERIFY(!hasEdge("m", "w"));
    QCOMPARE(planned.edges.size(), size_t(4));

    const RepartitionRole* writer = roles.find(sinkId);
    QVERIFY(writer && writer->kind == RepartitionRole::Kind::Writer);
    QCOMPARE(writer->keys, std::vector<std::string>{"device"});
    QCOMPARE(writer->maxOutOfOrdernessMs, int64_t(2000));
    QCOMPARE(writer->upstreamTopics, std::vector<std::string>{"in"});
    QVERIFY(roles.find(readerId) && roles.find(readerId)->kind == RepartitionRole::Kind::Reader);
    QVERIFY(roles.find("w") && roles.find("w")->kind == RepartitionRole::Kind::Window);

    // The hop carries only what the window reads: its key and its default timestamp
    // ($timestamp, metadata); count reads nothing.
    QVERIFY(writer->projected);
    QCOMPARE(writer->fields, std::vector<std::string>{"device"});

    // Exactly once it writes in the run's transaction, whose producer it shares with the
    // other kafka.sink of the connection: the same settings.
    {
      Pipeline exact = *loaded.pipeline;
      exact.settings["delivery"] = "exactly_once";
      RepartitionPlan exactRoles;
      const Pipeline p = planRepartition(exact, NodeRegistry::builtin(), exactRoles);
      QCOMPARE(p.node(sinkId)->properties["linger"], Json("20ms"));
    }

    // A window keyed by the message key of one topic needs no hop: the plan is the pipeline.
    loaded.pipeline->node("w")->properties["key"] = "$key";
    QVERIFY(planRepartition(*loaded.pipeline, NodeRegistry::builtin(), roles) == *loaded.pipeline);
    QVERIFY(roles.roles.empty());
  }

  // The fields a hop carries: the window's key, timestamp and aggregate inputs; everything when
  // late records leave the window (they keep all their fields) or when the window reads a
  // nested field (the whole top-level field would be needed).
  void theHopCarriesOnlyTheFieldsTheWindowReads() {
    Json w = window("w", Json::array({"site", "lower(device)"}));
    w["properties"]["timestamp"] = "ts";
    w["properties"]["aggregates"] =
        Json::array({{{"as", "n"}, {"fn", "count"}},
                     {{"as", "hi"}, {"fn", "max"}, {"of", "temperature * 2 + offset"}},
                     {{"as", "u"}, {"fn", "count_distinct"}, {"of", "$key"}}});
    auto plan = [&](const Json& window, bool late) {
      Json nodes = Json::array({kafkaSource("src", "a"),
                                window,
                                {{"id", "out"},
                                 {"type", "kafka.sink"},
                                 {"properties", {{"connection", "a"}, {"topic", "o"}}}}});
      Json edges = Json::array({edge("src", "w"), edge("w", "out")});
      if (late) edges.push_back(edge("w:late", "out"));
      LoadResult loaded = parsePipeline(pipeline(nodes, edges).dump());
      if (!loaded.ok()) qFatal("%s", loaded.diagnostics.format().c_str());
      RepartitionPlan roles;
      planRepartition(*loaded.pipeline, NodeRegistry::builtin(), roles);
      const RepartitionRole* writer = roles.find(repartitionSinkId("w"));
      if (!writer) qFatal("no hop");
      return *writer;
    };
    RepartitionRole writer = plan(w, false);
    QVERIFY(writer.projected);
    QCOMPARE(writer.fields,
             (std::vector<std::string>{"device", "offset", "site", "temperature", "ts"}));

    QVERIFY(!plan(w, true).projected);  // late records leave with all their fields

    Json nested = w;
    nested["properties"]["aggregates"][1]["of"] = "reading.temperature";
    QVERIFY(!plan(nested, false).projected);
  }
};

QTEST_GUILESS_MAIN(TestScaleOutValidation)
#include "tst_scaleoutvalidation.moc"
