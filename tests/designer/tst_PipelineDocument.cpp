// The document model and its undo commands, with a stand-in registry; and the round trip of
// every example pipeline through the document with the real one.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "app/designer/AutoLayout.h"
#include "app/designer/PipelineDocument.h"
#include "designer/StandInRegistry.h"

using namespace sc;
using namespace sc::designer;

namespace {

PipelineNode node(const std::string& id, const std::string& type, int x, int y,
                  Json properties = Json::object()) {
  return PipelineNode{id, type, std::move(properties), Json{{"x", x}, {"y", y}}};
}

PipelineEdge edge(const std::string& from, const std::string& to) {
  return PipelineEdge{EdgeEnd::parse(from), EdgeEnd::parse(to)};
}

// src -> hot -> out
Pipeline chain() {
  Pipeline p;
  p.name = "chain";
  p.nodes = {node("src", "test.source", 0, 0, {{"path", "in.jsonl"}}),
             node("hot", "test.filter", 260, 0, {{"condition", "t > 1"}}),
             node("out", "test.sink", 520, 0)};
  p.edges = {edge("src", "hot"), edge("hot", "out")};
  return p;
}

}  // namespace

class tst_PipelineDocument : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void addNodeUsesTypeDerivedIds();
  void consecutiveMovesMerge();
  void connectRefusesInvalidEdges();
  void connectWritesDefaultPortsImplicitly();
  void removeSelectionUndoRestoresTheFile();
  void typingInOneFieldIsOneUndoStep();
  void renameUpdatesEdgesAndUndoes();
  void pasteRenamesClashingIdsAndOffsets();
  void pasteAcceptsNodeObjectsAndArrays();
  void pasteRejectsOtherText();
  void autoLayoutIsLayeredLeftToRightAndOneStep();
  void layoutSurvivesCycles();
  void validationFollowsEdits();
  void cleanStateTracksSaves();
  void examplesRoundTripByteIdentical_data();
  void examplesRoundTripByteIdentical();
  void brokenFileOpensNothing();
};

void tst_PipelineDocument::addNodeUsesTypeDerivedIds() {
  PipelineDocument doc(test::standInRegistry());
  QCOMPARE(doc.addNode("test.filter", {13, 27}), std::string("test_filter"));
  QCOMPARE(doc.addNode("test.filter", {100, 100}), std::string("test_filter_2"));
  QCOMPARE(doc.pipeline().nodes.size(), size_t(2));
  QCOMPARE(doc.pipeline().nodes[0].ui, (Json{{"x", 10}, {"y", 30}}));  // snapped to the grid
  QCOMPARE(doc.selectedNodes(), std::set<std::string>{"test_filter_2"});
  doc.undoStack()->undo();
  QCOMPARE(doc.pipeline().nodes.size(), size_t(1));
  QCOMPARE(doc.addNode("test.filter", {0, 0}), std::string("test_filter_2"));
}

void tst_PipelineDocument::consecutiveMovesMerge() {
  PipelineDocument doc(test::standInRegistry());
  doc.setPipeline(chain());
  doc.moveNodes({{"src", {10, 10}}, {"hot", {270, 10}}});
  doc.moveNodes({{"src", {20, 20}}, {"hot", {280, 20}}});
  doc.moveNodes({{"src", {33, 41}}, {"hot", {293, 41}}});
  QCOMPARE(doc.undoStack()->count(), 1);
  QCOMPARE(doc.pipeline().node("src")->ui, (Json{{"x", 30}, {"y", 40}}));
  // A different set of nodes is a new step.
  doc.moveNodes({{"out", {600, 0}}});
  QCOMPARE(doc.undoStack()->count(), 2);
  doc.undoStack()->undo();
  doc.undoStack()->undo();
  QCOMPARE(doc.pipeline(), chain());
}

void tst_PipelineDocument::connectRefusesInvalidEdges() {
  PipelineDocument doc(test::standInRegistry());
  doc.setPipeline(chain());
  const size_t before = doc.pipeline().edges.size();
  QString why;
  QVERIFY(!doc.connectPorts(edge("src:out", "hot:out"), &why));  // output -> output
  QVERIFY2(why.contains("output port to an input port"), qPrintable(why));
  QVERIFY(!doc.connectPorts(edge("hot", "hot"), &why));  // same node
  QVERIFY2(why.contains("itself"), qPrintable(why));
  QVERIFY(!doc.connectPorts(edge("src", "hot"), &why));  // duplicate
  QVERIFY2(why.contains("already connected"), qPrintable(why));
  QVERIFY(!doc.connectPorts(edge("out:out", "src:in"), &why));    // sink has no output
  QVERIFY(!doc.connectPorts(edge("hot:rejected", "src"), &why));  // source has no input
  doc.addNode("test.filter", {0, 200});
  QVERIFY(doc.connectPorts(edge("hot:rejected", "test_filter"), &why));
  QVERIFY(!doc.connectPorts(edge("test_filter", "hot"), &why));  // cycle
  QVERIFY2(why.contains("cycle"), qPrintable(why));
  QCOMPARE(doc.pipeline().edges.size(), before + 1);
}

void tst_PipelineDocument::connectWritesDefaultPortsImplicitly() {
  PipelineDocument doc(test::standInRegistry());
  Pipeline p = chain();
  p.edges.clear();
  doc.setPipeline(p);
  QVERIFY(doc.connectPorts(edge("src:out", "hot:in")));
  QVERIFY(doc.connectPorts(edge("hot:rejected", "out:in")));
  QCOMPARE(doc.pipeline().edges[0].from.text() + ">" + doc.pipeline().edges[0].to.text(),
           std::string("src>hot"));
  QCOMPARE(doc.pipeline().edges[1].from.text() + ">" + doc.pipeline().edges[1].to.text(),
           std::string("hot:rejected>out"));
  doc.undoStack()->undo();
  doc.undoStack()->undo();
  QVERIFY(doc.pipeline().edges.empty());
}

void tst_PipelineDocument::removeSelectionUndoRestoresTheFile() {
  PipelineDocument doc(test::standInRegistry());
  doc.setPipeline(chain());
  const std::string original = doc.fileText();
  doc.setSelection({"hot"});
  doc.removeSelection();
  QCOMPARE(doc.pipeline().nodes.size(), size_t(2));
  QVERIFY(doc.pipeline().edges.empty());  // both edges of "hot" went with it
  doc.undoStack()->undo();
  QCOMPARE(doc.pipeline(), chain());
  QCOMPARE(doc.fileText(), original);
  QCOMPARE(doc.selectedNodes(), std::set<std::string>{"hot"});
  // Removing a selected edge only.
  doc.setSelection({}, {chain().edges[1]});
  doc.removeSelection();
  QCOMPARE(doc.pipeline().edges.size(), size_t(1));
  doc.undoStack()->undo();
  QCOMPARE(doc.pipeline(), chain());
}

void tst_PipelineDocument::typingInOneFieldIsOneUndoStep() {
  PipelineDocument doc(test::standInRegistry());
  doc.setPipeline(chain());
  for (const char* text : {"a", "a ", "a >", "a > 5"})
    doc.setProperty("hot", "condition", text);
  QCOMPARE(doc.undoStack()->count(), 1);
  QCOMPARE(doc.pipeline().node("hot")->properties["condition"], Json("a > 5"));
  doc.setProperty("src", "path", "other.jsonl");
  QCOMPARE(doc.undoStack()->count(), 2);
  doc.setProperty("hot", "condition", Json());  // cleared: removed from the file
  QVERIFY(!doc.pipeline().node("hot")->properties.contains("condition"));
  doc.undoStack()->undo();
  doc.undoStack()->undo();
  doc.undoStack()->undo();
  QCOMPARE(doc.pipeline(), chain());
}

void tst_PipelineDocument::renameUpdatesEdgesAndUndoes() {
  PipelineDocument doc(test::standInRegistry());
  doc.setPipeline(chain());
  QString why;
  QVERIFY(!doc.renameNode("hot", "src", &why));
  QVERIFY(!doc.renameNode("hot", "bad id", &why));
  QVERIFY(doc.renameNode("hot", "warm", &why));
  QVERIFY(!doc.pipeline().node("hot"));
  QCOMPARE(doc.pipeline().edges[0].to.node, std::string("warm"));
  QCOMPARE(doc.pipeline().edges[1].from.node, std::string("warm"));
  doc.undoStack()->undo();
  QCOMPARE(doc.pipeline(), chain());
}

void tst_PipelineDocument::pasteRenamesClashingIdsAndOffsets() {
  PipelineDocument doc(test::standInRegistry());
  doc.setPipeline(chain());
  doc.setSelection({"src", "hot"});
  const QString copied = doc.selectionAsJson();
  // The clipboard holds a pipeline with the two nodes and the edge between them only.
  const Json json = Json::parse(copied.toStdString());
  QCOMPARE(json["nodes"].size(), size_t(2));
  QCOMPARE(json["edges"], (Json::array({{{"from", "src"}, {"to", "hot"}}})));
  QVERIFY(doc.paste(copied));
  QCOMPARE(doc.pipeline().nodes.size(), size_t(5));
  const PipelineNode* src2 = doc.pipeline().node("test_source");
  const PipelineNode* hot2 = doc.pipeline().node("test_filter");
  QVERIFY(src2 && hot2);
  QCOMPARE(src2->ui, (Json{{"x", 30}, {"y", 30}}));
  QCOMPARE(hot2->properties, (Json{{"condition", "t > 1"}}));
  QCOMPARE(doc.pipeline().edges.back(), edge("test_source", "test_filter"));
  QCOMPARE(doc.selectedNodes(), (std::set<std::string>{"test_source", "test_filter"}));
  QCOMPARE(doc.undoStack()->count(), 1);
  doc.undoStack()->undo();
  QCOMPARE(doc.pipeline(), chain());
}

void tst_PipelineDocument::pasteAcceptsNodeObjectsAndArrays() {
  PipelineDocument doc(test::standInRegistry());
  QVERIFY(doc.paste(R"({"id": "a", "type": "test.sink", "properties": {}})"));
  QVERIFY(doc.paste(R"([{"id": "b", "type": "test.source", "ui": {"x": 5, "y": 7}},
                        {"type": "test.sink"}])"));
  QCOMPARE(doc.pipeline().nodes.size(), size_t(3));
  QVERIFY(doc.pipeline().node("a") && doc.pipeline().node("b") && doc.pipeline().node("test_sink"));
  QCOMPARE(doc.pipeline().node("b")->ui, (Json{{"x", 10}, {"y", 10}}));
  // Nodes without a position still get one.
  QVERIFY(doc.pipeline().node("a")->ui.contains("x"));
}

void tst_PipelineDocument::pasteRejectsOtherText() {
  PipelineDocument doc(test::standInRegistry());
  QString why;
  QVERIFY(!doc.paste("hello", &why));
  QVERIFY(!why.isEmpty());
  QVERIFY(!doc.paste(R"({"name": "x"})", &why));
  QVERIFY(!doc.paste(R"([{"id": "x"}])", &why));
  QVERIFY(doc.pipeline().nodes.empty());
  QCOMPARE(doc.undoStack()->count(), 0);
}

void tst_PipelineDocument::autoLayoutIsLayeredLeftToRightAndOneStep() {
  PipelineDocument doc(test::standInRegistry());
  Pipeline p = chain();
  for (auto& n : p.nodes)
    n.ui = Json{{"x", 0}, {"y", 0}};
  p.nodes.push_back(node("side", "test.sink", 0, 0));
  p.edges.push_back(edge("src", "side"));
  doc.setPipeline(p);
  doc.autoLayout();
  QCOMPARE(doc.undoStack()->count(), 1);
  const auto x = [&](const char* id) { return doc.nodePosition(id).x(); };
  const auto y = [&](const char* id) { return doc.nodePosition(id).y(); };
  QVERIFY(x("src") < x("hot"));
  QVERIFY(x("hot") < x("out"));
  QCOMPARE(x("side"), x("hot"));  // longest path: one step from the source
  QVERIFY(y("side") != y("hot"));
  doc.undoStack()->undo();
  QCOMPARE(doc.pipeline(), p);
}

void tst_PipelineDocument::layoutSurvivesCycles() {
  Pipeline p = chain();
  p.edges.push_back(edge("out", "src"));
  const auto positions = layeredLayout(p);
  QCOMPARE(positions.size(), size_t(3));
  QVERIFY(positions.at("src").x() < positions.at("hot").x());
}

void tst_PipelineDocument::validationFollowsEdits() {
  PipelineDocument doc(test::standInRegistry());
  doc.setPipeline(chain());
  QVERIFY2(!doc.diagnostics().hasErrors(), doc.diagnostics().format().c_str());
  QSignalSpy validated(&doc, &PipelineDocument::validated);
  doc.setProperty("hot", "condition", Json());  // required property gone
  QVERIFY(validated.wait(1000) || validated.count() > 0);
  QVERIFY(doc.diagnostics().hasErrors());
  QCOMPARE(doc.problemCount("hot").errors, 1);
  doc.undoStack()->undo();
  doc.validateNow();
  QVERIFY(!doc.diagnostics().hasErrors());
}

void tst_PipelineDocument::cleanStateTracksSaves() {
  QTemporaryDir dir;
  PipelineDocument doc(test::standInRegistry());
  doc.setPipeline(chain());
  QVERIFY(!doc.isModified());
  doc.moveNodes({{"src", {100, 100}}});
  QVERIFY(doc.isModified());
  const QString path = dir.filePath("p.json");
  QVERIFY(doc.saveFile(path, nullptr));
  QVERIFY(!doc.isModified());
  QCOMPARE(doc.filePath(), path);
  doc.undoStack()->undo();
  QVERIFY(doc.isModified());
}

void tst_PipelineDocument::examplesRoundTripByteIdentical_data() {
  QTest::addColumn<QString>("path");
  const QDir examples(QStringLiteral(SC_SOURCE_DIR "/resources/examples"));
  const QStringList files = examples.entryList({"*.json"}, QDir::Files, QDir::Name);
  QVERIFY(!files.isEmpty());
  for (const QString& file : files)
    QTest::newRow(qPrintable(file)) << examples.filePath(file);
}

void tst_PipelineDocument::examplesRoundTripByteIdentical() {
  QFETCH(QString, path);
  QFile original(path);
  QVERIFY(original.open(QIODevice::ReadOnly));
  const QByteArray text = original.readAll();
  PipelineDocument doc(NodeRegistry::builtin());
  QString errors;
  QVERIFY2(doc.openFile(path, &errors), qPrintable(errors));
  QTemporaryDir dir;
  const QString saved = dir.filePath("saved.json");
  QVERIFY(doc.saveFile(saved, &errors));
  QFile out(saved);
  QVERIFY(out.open(QIODevice::ReadOnly));
  // Line by line, so a difference names the line.
  QCOMPARE(QString::fromUtf8(out.readAll()).split('\n'), QString::fromUtf8(text).split('\n'));
}

void tst_PipelineDocument::brokenFileOpensNothing() {
  QTemporaryDir dir;
  const QString path = dir.filePath("broken.json");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write("{\"streamcanvas\": 1, \"nodes\": [ {\"id\": \"a\", ");
  file.close();
  PipelineDocument doc(test::standInRegistry());
  doc.setPipeline(chain(), "keep.json");
  QString errors;
  QVERIFY(!doc.openFile(path, &errors));
  QVERIFY2(errors.contains("broken.json"), qPrintable(errors));
  QCOMPARE(doc.pipeline(), chain());
  QCOMPARE(doc.filePath(), QString("keep.json"));
}

QTEST_GUILESS_MAIN(tst_PipelineDocument)
#include "tst_PipelineDocument.moc"
