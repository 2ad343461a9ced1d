// Fuzz target for the designer's paste: arbitrary text pasted onto a document (from the
// clipboard or a text editor) must never crash or hang, must leave the document valid to save,
// and undo must give back exactly the document before the paste (redo the one after).
#include <QCoreApplication>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "app/designer/PipelineDocument.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

namespace {

// Ids that pasted nodes will clash with, and an edge between them.
constexpr const char* kBase = R"({
  "streamcanvas": 1,
  "name": "base",
  "nodes": [
    {"id": "generator", "type": "generator", "ui": {"x": 0, "y": 0}},
    {"id": "filter", "type": "filter", "properties": {"condition": "temperature > 30"},
     "ui": {"x": 260, "y": 0}},
    {"id": "out", "type": "console.sink", "ui": {"x": 520, "y": 0}}
  ],
  "edges": [{"from": "generator", "to": "filter"}, {"from": "filter", "to": "out"}]
})";

QCoreApplication& application() {
  static int argc = 1;
  static char name[] = "fuzz_designer_paste";
  static char* argv[] = {name, nullptr};
  static QCoreApplication app(argc, argv);
  return app;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  application();
  static const sc::Pipeline base = [] {
    sc::LoadResult r = sc::parsePipeline(kBase);
    if (!r.pipeline) std::abort();  // the fixture itself must load
    return *r.pipeline;
  }();
  sc::designer::PipelineDocument doc(sc::NodeRegistry::builtin());
  doc.setPipeline(base);
  const QString text =
      QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  QString why;
  if (!doc.paste(text, &why)) {
    if (why.isEmpty()) std::abort();              // a refusal always says why
    if (!(doc.pipeline() == base)) std::abort();  // and changes nothing
    return 0;
  }
  doc.validateNow();
  const sc::Pipeline pasted = doc.pipeline();
  // What is saved parses back to the same document, and the selection copies as pipeline JSON.
  const sc::LoadResult saved = sc::parsePipeline(sc::savePipeline(pasted));
  if (!saved.pipeline || !(*saved.pipeline == pasted)) std::abort();
  if (!sc::parsePipeline(doc.selectionAsJson().toStdString()).pipeline) std::abort();
  doc.undoStack()->undo();
  if (!(doc.pipeline() == base)) std::abort();
  doc.undoStack()->redo();
  if (!(doc.pipeline() == pasted)) std::abort();
  return 0;
}
