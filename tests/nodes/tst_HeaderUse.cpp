// When sources may skip Kafka headers (engine/graph/HeaderUse.h): only when nothing in the
// pipeline can read them. Each case is a pipeline of the built-in node types.
#include <QtTest>

#include "engine/graph/HeaderUse.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

using namespace sc;

// Declared before the pipelines' raw strings, which moc cannot read past.
class tst_HeaderUse : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void nothingReadsHeaders();
  void anExpressionNamingHeadersReadsThem();
  void aKafkaSinkKeepingHeadersReadsThemAtTheSink();
  void deadLettersCarryHeaders();
  void anUnknownNodeTypeCountsAsAReader();
  void aSinkAndAnExpressionReadThemEverywhere();
};

namespace {

// kafka.source -> `middle` -> `sink`, each given as a node JSON without its id.
Pipeline chain(const std::string& source, const std::string& middle, const std::string& sink) {
  const std::string text = R"({"streamcanvas":1,"name":"h",
    "connections":{"k":{"type":"kafka","bootstrap_servers":"localhost:9092"}},
    "nodes":[{"id":"src",)" +
                           source + R"(},{"id":"mid",)" + middle + R"(},{"id":"out",)" + sink +
                           R"(}],
    "edges":[{"from":"src","to":"mid"},{"from":"mid","to":"out"}]})";
  LoadResult loaded = parsePipeline(text);
  if (!loaded.pipeline) qFatal("the test pipeline does not parse: %s", text.c_str());
  return *loaded.pipeline;
}

const std::string kSource =
    R"("type":"kafka.source","properties":{"connection":"k","topics":["in"]})";
const std::string kFilter = R"("type":"filter","properties":{"condition":"temperature > 30"})";
const std::string kDiscard = R"("type":"discard.sink","properties":{})";

}  // namespace

void tst_HeaderUse::nothingReadsHeaders() {
  QCOMPARE(HeaderUse::None,
           pipelineHeaderUse(chain(kSource, kFilter, kDiscard), NodeRegistry::builtin()));
  const std::string dropping =
      R"("type":"kafka.sink","properties":{"connection":"k","topic":"o","headers":"drop"})";
  QCOMPARE(HeaderUse::None,
           pipelineHeaderUse(chain(kSource, kFilter, dropping), NodeRegistry::builtin()));
  // Computed headers that do not name $headers need none of the incoming ones.
  const std::string computed =
      R"("type":"kafka.sink","properties":{"connection":"k","topic":"o",
         "headers":{"device":"device"}})";
  QCOMPARE(HeaderUse::None,
           pipelineHeaderUse(chain(kSource, kFilter, computed), NodeRegistry::builtin()));
}

void tst_HeaderUse::anExpressionNamingHeadersReadsThem() {
  const std::string filter =
      R"("type":"filter","properties":{"condition":"$headers.trace == \"a\""})";
  QCOMPARE(HeaderUse::Everywhere,
           pipelineHeaderUse(chain(kSource, filter, kDiscard), NodeRegistry::builtin()));
  const std::string computed =
      R"("type":"kafka.sink","properties":{"connection":"k","topic":"o",
         "headers":{"trace":"$headers.trace"}})";
  QCOMPARE(HeaderUse::Everywhere,
           pipelineHeaderUse(chain(kSource, kFilter, computed), NodeRegistry::builtin()));
}

void tst_HeaderUse::aKafkaSinkKeepingHeadersReadsThemAtTheSink() {
  // "keep" is the default.
  const std::string keeping = R"("type":"kafka.sink","properties":{"connection":"k","topic":"o"})";
  QCOMPARE(HeaderUse::AtSinks,
           pipelineHeaderUse(chain(kSource, kFilter, keeping), NodeRegistry::builtin()));
  const std::string explicitKeep =
      R"("type":"kafka.sink","properties":{"connection":"k","topic":"o","headers":"keep"})";
  QCOMPARE(HeaderUse::AtSinks,
           pipelineHeaderUse(chain(kSource, kFilter, explicitKeep), NodeRegistry::builtin()));
}

void tst_HeaderUse::deadLettersCarryHeaders() {
  const std::string sinkLetters =
      R"("type":"kafka.sink","properties":{"connection":"k","topic":"o","headers":"drop",
         "on_error":"dead_letter","dead_letter_topic":"dl"})";
  QCOMPARE(HeaderUse::AtSinks,
           pipelineHeaderUse(chain(kSource, kFilter, sinkLetters), NodeRegistry::builtin()));
  const std::string sourceLetters =
      R"("type":"kafka.source","properties":{"connection":"k","topics":["in"],
         "on_timestamp_error":"dead_letter","dead_letter_topic":"dl"})";
  QCOMPARE(HeaderUse::Everywhere,
           pipelineHeaderUse(chain(sourceLetters, kFilter, kDiscard), NodeRegistry::builtin()));
}

void tst_HeaderUse::anUnknownNodeTypeCountsAsAReader() {
  const std::string unknown = R"("type":"no.such.type","properties":{})";
  QCOMPARE(HeaderUse::Everywhere,
           pipelineHeaderUse(chain(kSource, unknown, kDiscard), NodeRegistry::builtin()));
}

void tst_HeaderUse::aSinkAndAnExpressionReadThemEverywhere() {
  const std::string filter =
      R"("type":"filter","properties":{"condition":"$headers.trace == \"a\""})";
  const std::string keeping = R"("type":"kafka.sink","properties":{"connection":"k","topic":"o"})";
  QCOMPARE(HeaderUse::Everywhere,
           pipelineHeaderUse(chain(kSource, filter, keeping), NodeRegistry::builtin()));
}

QTEST_APPLESS_MAIN(tst_HeaderUse)
#include "tst_HeaderUse.moc"
