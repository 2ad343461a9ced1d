// console.sink driven through the Node API, with standard output redirected to a file to
// compare the exact text.
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "nodes/NodeTypes.h"
#include "tests/nodes/NodeHarness.h"

using namespace sc;
using sc::test::FakeEmitter;
using sc::test::NodeHarness;

namespace {

// Sends stdout to `path` while alive.
class StdoutToFile {
 public:
  explicit StdoutToFile(const std::string& path) {
    std::fflush(stdout);
    saved_ = ::dup(STDOUT_FILENO);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, STDOUT_FILENO);
    ::close(fd);
  }
  ~StdoutToFile() {
    std::fflush(stdout);
    ::dup2(saved_, STDOUT_FILENO);
    ::close(saved_);
  }

 private:
  int saved_;
};

std::string readAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

Value owned(Value v) {
  v.flags = kOwned;
  return v;
}

}  // namespace

class TestConsoleSinkNode : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void printsJsonLines();
};

void TestConsoleSinkNode::printsJsonLines() {
  QTemporaryDir dir;
  const std::string file = dir.filePath("stdout.txt").toStdString();
  NodeHarness h(consoleSinkSpec(), Json::object(), "out");
  h.configure();
  uint32_t temperature = h.slots.intern("temperature");
  uint32_t alert = h.slots.intern("alert");
  h.open();
  FakeEmitter upstream(h.slots.size());
  FakeEmitter none(h.slots.size());
  Batch* first = upstream.acquire();
  // A record read from JSON, unchanged: its text as it came.
  uint32_t r = first->append();
  first->meta(r).payload = first->arena().copyPadded(R"({"temperature": 31.5, "device":"d-1"})");
  first->at(temperature, r) = Value::number(31.5);
  // One with a field set by map.
  r = first->append();
  first->meta(r).payload = first->arena().copyPadded(R"({"temperature":20,"device":"d-2"})");
  first->at(alert, r) = owned(Value::boolean(false));
  Batch* second = upstream.acquire();
  // One built in place (generator, window result).
  r = second->append();
  second->at(temperature, r) = owned(Value::number(-4.0));
  second->at(alert, r) = owned(Value::string("cold \"!\""));
  {
    StdoutToFile redirect(file);
    h.node().process(0, first, none);
    h.node().process(0, second, none);
    h.node().finish(none);
    h.node().close();
  }
  const std::string expected =
      "{\"temperature\": 31.5, \"device\":\"d-1\"}\n"
      "{\"temperature\":20,\"device\":\"d-2\",\"alert\":false}\n"
      "{\"temperature\":-4.0,\"alert\":\"cold \\\"!\\\"\"}\n";
  QCOMPARE(readAll(file), expected);
  QCOMPARE(h.metrics.recordsOut.get(), uint64_t(3));
  QCOMPARE(h.metrics.bytesOut.get(), uint64_t(expected.size()));
  QCOMPARE(none.outstanding(), int64_t(-2));  // both input batches went back to the pool
  QVERIFY(none.events().empty());
}

QTEST_GUILESS_MAIN(TestConsoleSinkNode)
#include "tst_ConsoleSinkNode.moc"
