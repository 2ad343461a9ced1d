// file.sink driven through the Node API: exact JSON lines and CSV output, replacing an existing
// file, a missing directory, and a full disk (/dev/full).
#include <QtTest>

#include <fstream>
#include <sstream>

#include "nodes/NodeTypes.h"
#include "tests/nodes/NodeHarness.h"

using namespace sc;
using sc::test::FakeEmitter;
using sc::test::NodeHarness;

namespace {

std::string readAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// Feeds two batches of JSON payload rows (plus one owned field) to the sink and finishes it.
void feed(NodeHarness& h) {
  uint32_t flag = uint32_t(h.slots.find("flag"));
  FakeEmitter upstream(h.slots.size());
  FakeEmitter none(h.slots.size());
  const char* lines[] = {R"({"device":"d-1","temperature":31.5,"tags":["a","b"]})",
                         R"({"device":"d,2","temperature":null})",
                         "{\"temperature\":7,\"device\":\"d\\\"3\",\"extra\":1}"};
  for (int k = 0; k < 2; ++k) {
    Batch* b = upstream.acquire();
    for (int i = k * 2; i < (k == 0 ? 2 : 3); ++i) {
      uint32_t r = b->append();
      b->meta(r).payload = b->arena().copyPadded(lines[i]);
      if (i == 1) {
        b->at(flag, r) = Value::boolean(true);
        b->at(flag, r).flags = kOwned;
      }
    }
    h.node().process(0, b, none);
  }
  h.node().finish(none);
  h.node().close();
}

}  // namespace

class TestFileSinkNode : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void writesJsonLines();
  void writesCsv();
  void missingDirectory();
  void diskFull();

 private:
  QTemporaryDir dir_;
};

void TestFileSinkNode::writesJsonLines() {
  const std::string file = dir_.filePath("out.jsonl").toStdString();
  std::ofstream(file) << "old content that must go\n";
  NodeHarness h(fileSinkSpec(), {{"path", file}});
  h.configure();
  h.slots.intern("flag");
  h.open();
  feed(h);
  const std::string expected =
      "{\"device\":\"d-1\",\"temperature\":31.5,\"tags\":[\"a\",\"b\"]}\n"
      "{\"device\":\"d,2\",\"temperature\":null,\"flag\":true}\n"
      "{\"temperature\":7,\"device\":\"d\\\"3\",\"extra\":1}\n";
  QCOMPARE(readAll(file), expected);
  QCOMPARE(h.metrics.recordsOut.get(), uint64_t(3));
  QCOMPARE(h.metrics.bytesOut.get(), uint64_t(expected.size()));
}

void TestFileSinkNode::writesCsv() {
  const std::string file = dir_.filePath("out.csv").toStdString();
  NodeHarness h(fileSinkSpec(), {{"path", file}, {"format", "csv"}});
  h.configure();
  h.slots.intern("flag");
  h.open();
  feed(h);
  QCOMPARE(readAll(file), std::string("device,temperature,tags\n"
                                      "d-1,31.5,\"[\"\"a\"\",\"\"b\"\"]\"\n"
                                      "\"d,2\",,\n"
                                      "\"d\"\"3\",7,\n"));
}

void TestFileSinkNode::missingDirectory() {
  NodeHarness h(fileSinkSpec(), {{"path", dir_.filePath("no/such/dir/out.jsonl").toStdString()}});
  try {
    h.configure();
    QFAIL("configure() accepted a missing directory");
  } catch (const NodeFailure& e) {
    QVERIFY2(std::string(e.what()).find("no/such/dir") != std::string::npos, e.what());
    QVERIFY2(std::string(e.what()).find("create it first") != std::string::npos, e.what());
  }
}

void TestFileSinkNode::diskFull() {
  if (!QFile::exists("/dev/full")) QSKIP("no /dev/full here");
  NodeHarness h(fileSinkSpec(), {{"path", "/dev/full"}});
  h.configure();
  h.slots.intern("flag");
  h.open();
  try {
    feed(h);
    QFAIL("writing to a full disk did not fail");
  } catch (const NodeFailure& e) {
    QVERIFY2(std::string(e.what()).find("/dev/full") != std::string::npos, e.what());
    QVERIFY2(std::string(e.what()).find("No space left on device") != std::string::npos, e.what());
  }
  h.node().close();
}

QTEST_GUILESS_MAIN(TestFileSinkNode)
#include "tst_FileSinkNode.moc"
