#pragma once
// Pipeline texts for tst_pipelineformat (kept out of the test file: moc misreads some raw strings).

inline const char* kGood = R"({
  "streamcanvas": 1,
  "name": "sensor-alerts",
  "settings": {},
  "connections": {},
  "nodes": [
    {
      "id": "src",
      "type": "gen",
      "properties": {"path": "${INPUT:-resources/data/sensors.jsonl}", "format": "jsonl"},
      "ui": {"x": 40, "y": 80}
    },
    {
      "id": "hot",
      "type": "filter",
      "properties": {"condition": "temperature > 30 && status == \"ok\""}
    },
    {
      "id": "out",
      "type": "sink",
      "properties": {}
    }
  ],
  "edges": [
    {"from": "src", "to": "hot"},
    {"from": "hot", "to": "out"}
  ]
}
)";

inline const char* kMessy =
    R"({"nodes":[{"type":"gen","id":"a","properties":{"count":3,"path":"x"}},
      {"id":"b","type":"sink","properties":{"aggregates":[{"as":"n","fn":"count"}]},"ui":{"y":2,"x":1}}],
      "edges":[{"to":"b:in","from":"a:out"}],"streamcanvas":1,"name":"m"})";

inline const char* kStructural =
    R"({"streamcanvas": 2, "nmae": "x", "nodes": [{"id": "a", "typ": "gen"}, 5],
                                    "edges": [{"from": "a"}]})";

inline const char* kValidation = R"({
  "streamcanvas": 1,
  "name": "v",
  "nodes": [
    {"id": "src", "type": "gen", "properties": {"count": -1, "format": "jsnol", "every": "5 minutes", "colour": 1}},
    {"id": "hot", "type": "fliter", "properties": {}},
    {"id": "f2", "type": "filter", "properties": {"condition": "temperature + 1"}},
    {"id": "f3", "type": "filter", "properties": {"condition": "(a > 1"}},
    {"id": "out", "type": "sink", "properties": {"aggregates": [{"as": "n", "fn": "cnt", "x": 1}]}},
    {"id": "bad id", "type": "sink"}
  ],
  "edges": [{"from": "src", "to": "f2"}, {"from": "f2", "to": "f3"}, {"from": "f3", "to": "f2:in2"},
            {"from": "src", "to": "nowhere"}, {"from": "f3:out", "to": "out"}]
})";

inline const char* kCycle = R"({"streamcanvas":1,"name":"c","nodes":[
      {"id":"s","type":"gen"},{"id":"a","type":"filter","properties":{"condition":"true"}},
      {"id":"b","type":"filter","properties":{"condition":"true"}},{"id":"k","type":"sink"}],
      "edges":[{"from":"s","to":"a"},{"from":"a","to":"b"},{"from":"b","to":"a"},{"from":"b","to":"k"}]})";

inline const char* kVariables = R"({"streamcanvas":1,"name":"v",
      "connections":{"k":{"type":"kafka","bootstrap_servers":"${BOOT:-embedded}","properties":{"sasl.password":"${PW}"}}},
      "nodes":[{"id":"s","type":"gen","properties":{"path":"${DIR}/in.jsonl","password":"${SECRET_X}","connection":"k"}},
               {"id":"t","type":"sink"}],
      "edges":[{"from":"s","to":"t"}]})";

inline const char* kConnections = R"({"streamcanvas":1,"name":"v",
      "connections":{"k":{"type":"kafka"},"z":{"type":"kafak","bootstrap_servers":"x"}},
      "nodes":[{"id":"s","type":"gen","properties":{"connection":"kk"}},{"id":"t","type":"sink"}],
      "edges":[{"from":"s","to":"t"}]})";
