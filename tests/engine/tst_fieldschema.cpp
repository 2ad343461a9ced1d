// The fields on every wire (FieldSchema.h) and the validator's warnings from them: a misspelled
// field gets "did you mean", a field compared with a value of another type is flagged, a map's
// set and drop change what flows on, windows write their own fields, and where nothing is
// known nothing is reported. Warnings never make a pipeline invalid.
#include <QtTest>

#include "engine/graph/FieldSchema.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

using namespace sc;

namespace {

// generator -> filter(condition) -> console.sink, or with `source` as the first node.
Pipeline chain(const std::string& condition, const Json& source = nullptr,
               const Json& middle = nullptr) {
  Json doc = {{"streamcanvas", 1}, {"name", "fields"}};
  doc["nodes"] = Json::array();
  doc["nodes"].push_back(
      source.is_null() ? Json{{"id", "gen"}, {"type", "generator"}, {"properties", {}}} : source);
  std::string upstream = doc["nodes"][0]["id"].get<std::string>();
  doc["edges"] = Json::array();
  if (!middle.is_null()) {
    doc["nodes"].push_back(middle);
    doc["edges"].push_back({{"from", upstream}, {"to", middle["id"]}});
    upstream = middle["id"].get<std::string>();
  }
  doc["nodes"].push_back(
      {{"id", "hot"}, {"type", "filter"}, {"properties", {{"condition", condition}}}});
  doc["nodes"].push_back({{"id", "out"}, {"type", "console.sink"}, {"properties", {}}});
  doc["edges"].push_back({{"from", upstream}, {"to", "hot"}});
  doc["edges"].push_back({{"from", "hot"}, {"to", "out"}});
  LoadResult loaded = parsePipeline(doc.dump());
  if (!loaded.pipeline)
    qFatal("test pipeline does not load: %s", loaded.diagnostics.format().c_str());
  return *loaded.pipeline;
}

std::vector<Diagnostic> warnings(const Diagnostics& d) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& item : d.items())
    if (item.severity == Severity::Warning) out.push_back(item);
  return out;
}

const NodeRegistry& registry() {
  return NodeRegistry::builtin();
}

}  // namespace

class tst_fieldschema : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void misspelledFieldAfterGeneratorSuggestsTheTemplateField() {
    Diagnostics d = validatePipeline(chain("temprature > 30"), registry());
    QVERIFY2(!d.hasErrors(), d.format().c_str());  // a warning, not an error: it still runs
    auto w = warnings(d);
    QCOMPARE(w.size(), size_t(1));
    QCOMPARE(w[0].nodeId, std::string("hot"));
    QCOMPARE(w[0].pointer, std::string("/nodes/1/properties/condition"));
    QCOMPARE(w[0].property, std::string("condition"));
    QVERIFY2(w[0].message.find("unknown field 'temprature'") != std::string::npos,
             w[0].message.c_str());
    QVERIFY2(w[0].hint.find("did you mean 'temperature'?") != std::string::npos, w[0].hint.c_str());
    // Spelled right: nothing to say.
    QVERIFY(validatePipeline(chain("temperature > 30"), registry()).empty());
  }

  void otherTemplatesHaveTheirOwnFields() {
    Json clicks = {{"id", "gen"}, {"type", "generator"}, {"properties", {{"template", "clicks"}}}};
    QVERIFY(validatePipeline(chain("page == \"/home\"", clicks), registry()).empty());
    auto w = warnings(validatePipeline(chain("temperature > 30", clicks), registry()));
    QCOMPARE(w.size(), size_t(1));
    // No close name: the hint lists the fields there are.
    QVERIFY2(w[0].hint.find("user, page, referrer, ts") != std::string::npos, w[0].hint.c_str());
    // A template given by a variable is known only at run time: no guess, no warning.
    Json variable = {
        {"id", "gen"}, {"type", "generator"}, {"properties", {{"template", "${TEMPLATE}"}}}};
    QVERIFY(warnings(validatePipeline(chain("temprature > 30", variable), registry())).empty());
  }

  void sampledFieldsOfASourceAreChecked() {
    Json file = {{"id", "src"},
                 {"type", "file.source"},
                 {"properties", {{"path", "readings.jsonl"}}},
                 {"ui",
                  {{"x", 0},
                   {"y", 0},
                   {"sampled_fields", {{"device", "string"}, {"temperature", "number"}}}}}};
    auto w = warnings(validatePipeline(chain("temprature > 30", file), registry()));
    QCOMPARE(w.size(), size_t(1));
    QVERIFY2(w[0].hint.find("did you mean 'temperature'?") != std::string::npos, w[0].hint.c_str());
    QVERIFY2(w[0].hint.find("sampled from 'src'") != std::string::npos, w[0].hint.c_str());
    // Without a sample the file's fields are unknown: nothing is guessed.
    file.erase("ui");
    QVERIFY(validatePipeline(chain("temprature > 30", file), registry()).empty());
  }

  void numberFieldComparedWithAStringWarns() {
    Diagnostics d = validatePipeline(chain("temperature > \"x\""), registry());
    QVERIFY(!d.hasErrors());
    auto w = warnings(d);
    QCOMPARE(w.size(), size_t(1));
    QVERIFY2(w[0].message.find("comparing number field 'temperature' with a string is never "
                               "true at column 13") != std::string::npos,
             w[0].message.c_str());
    QVERIFY2(w[0].hint.find("compare it with a number (without quotes)") != std::string::npos,
             w[0].hint.c_str());
    // The issue's case: misspelled and compared with a string: the field is unknown, so only
    // the spelling is reported.
    QCOMPARE(warnings(validatePipeline(chain("temprature > \"x\""), registry())).size(), size_t(1));
    // Same types, null tests and `in` lists of the right type are fine.
    QVERIFY(validatePipeline(chain("status == \"ok\" && temperature != null"), registry()).empty());
    QVERIFY(validatePipeline(chain("status in [\"ok\", \"warn\"]"), registry()).empty());
    QCOMPARE(warnings(validatePipeline(chain("status in [\"ok\", 3]"), registry())).size(),
             size_t(1));
    QCOMPARE(warnings(validatePipeline(chain("lower(temperature) == \"x\""), registry())).size(),
             size_t(1));
  }

  void mapSetAndDropChangeTheFields() {
    Json map = {{"id", "convert"},
                {"type", "map"},
                {"properties",
                 {{"set", {{"temp_f", "temperature * 9 / 5 + 32"}, {"label", "upper(device)"}}},
                  {"drop", {"humidity"}}}}};
    Pipeline p = chain("temp_f > 86", nullptr, map);
    const FieldSet in = PipelineFields::infer(p, registry()).input("hot");
    QVERIFY(in.complete());
    QCOMPARE(in.names(), (std::vector<std::string>{"device", "temperature", "status", "ts",
                                                   "temp_f", "label"}));
    QCOMPARE(in.find("temp_f")->type, FieldType::Number);
    QCOMPARE(in.find("label")->type, FieldType::String);
    QVERIFY(validatePipeline(p, registry()).empty());
    auto w = warnings(validatePipeline(chain("humidity > 50", nullptr, map), registry()));
    QCOMPARE(w.size(), size_t(1));
    QVERIFY(w[0].message.find("unknown field 'humidity'") != std::string::npos);
    w = warnings(validatePipeline(chain("label > 3", nullptr, map), registry()));
    QCOMPARE(w.size(), size_t(1));
    QVERIFY(w[0].message.find("string field 'label'") != std::string::npos);
  }

  void windowsWriteTheirOwnFields() {
    Json window = {{"id", "avg"},
                   {"type", "window.tumbling"},
                   {"properties",
                    {{"size", "1m"},
                     {"key", "device"},
                     {"aggregates",
                      {{{"as", "avg_temp"}, {"fn", "avg"}, {"of", "temperature"}},
                       {{"as", "last_status"}, {"fn", "last"}, {"of", "status"}}}}}}};
    Pipeline p = chain("avg_temp > 30", nullptr, window);
    const FieldSet in = PipelineFields::infer(p, registry()).input("hot");
    QCOMPARE(in.names(), (std::vector<std::string>{"window_start", "window_end", "key", "avg_temp",
                                                   "last_status"}));
    QCOMPARE(in.find("key")->type, FieldType::String);
    QCOMPARE(in.find("last_status")->type, FieldType::String);
    QCOMPARE(in.find("window_end")->type, FieldType::Number);
    QVERIFY(validatePipeline(p, registry()).empty());
    auto w = warnings(validatePipeline(chain("temperature > 30", nullptr, window), registry()));
    QCOMPARE(w.size(), size_t(1));
    QVERIFY(w[0].message.find("unknown field 'temperature'") != std::string::npos);
    // The window's own expressions read its input.
    window["properties"]["key"] = "devce";
    w = warnings(validatePipeline(chain("avg_temp > 30", nullptr, window), registry()));
    QCOMPARE(w.size(), size_t(1));
    QCOMPARE(w[0].pointer, std::string("/nodes/1/properties/key"));
    QVERIFY(w[0].hint.find("did you mean 'device'?") != std::string::npos);
  }

  void unknownUpstreamGivesNoWarnings() {
    // A Kafka topic of JSON, never sampled: its fields are unknown, so none is "unknown".
    Pipeline p =
        chain("anything > 3", {{"id", "in"},
                               {"type", "kafka.source"},
                               {"properties", {{"connection", "local"}, {"topics", "t"}}}});
    p.connections = {{"local", {{"type", "kafka"}, {"bootstrap_servers", "embedded"}}}};
    QVERIFY2(validatePipeline(p, registry()).empty(),
             validatePipeline(p, registry()).format().c_str());
    // After a map over it, the set fields are known (their types checked), the rest is not.
    Json map = {{"id", "m"}, {"type", "map"}, {"properties", {{"set", {{"n", "1"}}}}}};
    Pipeline mapped = chain("n == \"one\" && anything > 3",
                            {{"id", "in"},
                             {"type", "kafka.source"},
                             {"properties", {{"connection", "local"}, {"topics", "t"}}}},
                            map);
    mapped.connections = p.connections;
    const FieldSet in = PipelineFields::infer(mapped, registry()).input("hot");
    QVERIFY(!in.complete());
    QCOMPARE(in.names(), std::vector<std::string>{"n"});
    auto w = warnings(validatePipeline(mapped, registry()));
    QCOMPARE(w.size(), size_t(1));
    QVERIFY(w[0].message.find("number field 'n'") != std::string::npos);
  }

  void sampledRecordsGiveTypedFields() {
    std::vector<Json> records = {Json::parse(R"({"a": 1, "b": null, "c": "x", "d": {"e": 1}})"),
                                 Json::parse(R"({"a": 2.5, "b": true, "c": 3, "f": [1]})"),
                                 Json::parse("[1, 2]")};
    FieldSet s = fieldsOfRecords(records, "a sample");
    QVERIFY(s.complete());
    QCOMPARE(sampledFieldsToJson(s).dump(),
             std::string(R"({"a":"number","b":"bool","c":"unknown","d":"object","f":"array"})"));
    // What the designer stores reads back the same.
    Json ui = {{"x", 1}, {"sampled_fields", sampledFieldsToJson(s)}};
    QCOMPARE(sampledFields(ui, "n").fields(), s.fields());
  }

  // The top-level fields a node's expressions read, from its spec's expression properties.
  void fieldsReadByANode() {
    // (Assigning a string literal to n.id here trips GCC 12's false -Wrestrict at -O2.)
    auto node = [](std::string type, Json properties) {
      PipelineNode n;
      n.id = std::string("n");
      n.type = std::move(type);
      n.properties = std::move(properties);
      return n;
    };
    using Names = std::vector<std::string>;
    auto read =
        topLevelFieldsRead(node("filter", {{"condition", "b > 1 && a == \"x\""}}), registry());
    QVERIFY(read);
    QCOMPARE(*read, (Names{"a", "b"}));
    // Map values are expressions; metadata is not a field.
    read = topLevelFieldsRead(
        node("map", {{"set", {{"x", "upper(name)"}, {"y", "$key"}, {"z", "v + v"}}}}), registry());
    QVERIFY(read);
    QCOMPARE(*read, (Names{"name", "v"}));
    // Nested paths, array elements, ${VAR} and expressions that do not compile: unknown.
    QVERIFY(!topLevelFieldsRead(node("filter", {{"condition", "a.b > 1"}}), registry()));
    QVERIFY(!topLevelFieldsRead(node("filter", {{"condition", "tags[0] == 1"}}), registry()));
    QVERIFY(!topLevelFieldsRead(node("filter", {{"condition", "a > ${LIMIT}"}}), registry()));
    QVERIFY(!topLevelFieldsRead(node("filter", {{"condition", "a >"}}), registry()));
    QVERIFY(!topLevelFieldsRead(node("no.such.type", Json::object()), registry()));
  }

  void brokenDocumentsGiveNoFieldsAndNoCrash() {
    // A cycle, a dangling edge and an unknown type: errors from the validator, and the field
    // pass neither loops nor throws.
    LoadResult loaded = parsePipeline(R"({"streamcanvas": 1, "nodes": [
      {"id": "a", "type": "filter", "properties": {"condition": "x > 1"}},
      {"id": "b", "type": "map", "properties": {"set": {"y": "x"}}},
      {"id": "c", "type": "nope"}],
      "edges": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}, {"from": "c", "to": "a"},
                {"from": "zz", "to": "b"}]})");
    QVERIFY(loaded.pipeline);
    Diagnostics d = validatePipeline(*loaded.pipeline, registry());
    QVERIFY(d.hasErrors());
    QVERIFY(warnings(d).empty());
    QVERIFY(!PipelineFields::infer(*loaded.pipeline, registry()).input("a").complete());
  }
};

QTEST_GUILESS_MAIN(tst_fieldschema)
#include "tst_fieldschema.moc"
