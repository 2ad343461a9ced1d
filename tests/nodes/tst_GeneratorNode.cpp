// generator driven through the Node API: determinism, field values per template, event times,
// count, rate limit, stop and watermarks.
#include <QtTest>

#include <chrono>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/graph/Diagnostics.h"
#include "engine/runtime/WatermarkGenerator.h"
#include "nodes/NodeTypes.h"
#include "nodes/RecordJson.h"
#include "tests/nodes/NodeHarness.h"

using namespace sc;
using sc::test::FakeEmitter;
using sc::test::NodeHarness;

namespace {

struct Run {
  std::unique_ptr<NodeHarness> harness;
  std::unique_ptr<FakeEmitter> out;
  std::vector<std::string> lines;  // every record as written by the JSON writer
};

Run generate(Json properties) {
  Run run;
  run.harness = std::make_unique<NodeHarness>(generatorSpec(), std::move(properties), "gen");
  run.harness->configure();
  run.harness->open();
  run.out = run.harness->emitter();
  run.harness->pollUntilDone(*run.out);
  JsonRecordWriter writer(run.harness->slots);
  for (const Batch* b : run.out->batches()) {
    for (uint32_t r = 0; r < b->size(); ++r) {
      std::string line;
      writer.append(*b, r, line);
      run.lines.push_back(line);
    }
  }
  return run;
}

std::vector<std::string> keysOf(const std::string& line) {
  std::vector<std::string> keys;
  const auto doc = nlohmann::ordered_json::parse(line);
  for (auto it = doc.begin(); it != doc.end(); ++it)
    keys.push_back(it.key());
  return keys;
}

}  // namespace

class TestGeneratorNode : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void sameSeedSameRecords();
  void sensorsFields();
  void clicksAndPaymentsFields();
  void eventTimeBaseAndInterval();
  void countZeroIsUnboundedUntilStop();
  void rateLimitsOutput();
  void emitsWatermarks();
  void rejectsBadStartTime();
};

void TestGeneratorNode::sameSeedSameRecords() {
  Json props = {{"rate", 0}, {"count", 2500}, {"seed", 7}};
  Run a = generate(props);
  Run b = generate(props);
  QCOMPARE(a.lines.size(), size_t(2500));
  QVERIFY(a.lines == b.lines);
  props["seed"] = 8;
  Run c = generate(props);
  QCOMPARE(c.lines.size(), size_t(2500));
  QVERIFY(a.lines != c.lines);
  QCOMPARE(a.out->outstanding(), int64_t(0));
}

void TestGeneratorNode::sensorsFields() {
  Run run = generate({{"rate", 0}, {"count", 3000}});
  NodeHarness& h = *run.harness;
  // The template's fields are interned in a fixed order at configure().
  QCOMPARE(h.slots.size(), 5u);
  const char* names[] = {"device", "temperature", "humidity", "status", "ts"};
  for (uint32_t s = 0; s < 5; ++s)
    QCOMPARE(h.slots.text(s), std::string(names[s]));
  std::set<std::string> devices;
  std::map<std::string, int> statuses;
  int hot = 0;
  const std::regex device("d-0[0-9][0-9]");
  for (const std::string& line : run.lines) {
    auto j = nlohmann::json::parse(line);
    QCOMPARE(keysOf(line),
             (std::vector<std::string>{"device", "temperature", "humidity", "status", "ts"}));
    std::string d = j["device"];
    QVERIFY2(std::regex_match(d, device), d.c_str());
    devices.insert(d);
    QVERIFY(j["temperature"].is_number_float());
    double t = j["temperature"];
    QVERIFY(t > 0 && t < 50);
    QCOMPARE(std::round(t * 100) / 100, t);
    hot += t > 30;
    QVERIFY(j["humidity"].is_number_integer());
    QVERIFY(j["humidity"] >= 30 && j["humidity"] <= 70);
    statuses[j["status"]]++;
  }
  QCOMPARE(devices.size(), size_t(16));
  QCOMPARE(statuses.size(), size_t(3));
  QVERIFY(statuses["ok"] > 2400 && statuses["warn"] > 50 && statuses["error"] > 20);
  QVERIFY(hot > 30 && hot < 1500);  // a filter on temperature > 30 has something to do
  // Values are owned (built in place), there is no payload.
  const Batch* first = run.out->batches().front();
  QVERIFY(first->meta(0).payload.empty());
  for (uint32_t s = 0; s < 5; ++s)
    QVERIFY(first->at(s, 0).owned());
}

void TestGeneratorNode::clicksAndPaymentsFields() {
  Run clicks = generate({{"template", "clicks"}, {"rate", 0}, {"count", 500}});
  QCOMPARE(clicks.lines.size(), size_t(500));
  std::set<std::string> users;
  for (const std::string& line : clicks.lines) {
    QCOMPARE(keysOf(line), (std::vector<std::string>{"user", "page", "referrer", "ts"}));
    auto j = nlohmann::json::parse(line);
    QVERIFY(j["page"].get<std::string>().front() == '/');
    users.insert(j["user"]);
  }
  QVERIFY(users.size() > 50);

  Run payments = generate({{"template", "payments"}, {"rate", 0}, {"count", 1500}});
  QCOMPARE(payments.lines.size(), size_t(1500));
  std::set<std::string> ids;
  const std::set<std::string> currencies{"EUR", "USD", "GBP", "CHF"};
  for (const std::string& line : payments.lines) {
    QCOMPARE(keysOf(line),
             (std::vector<std::string>{"payment_id", "account", "amount", "currency", "ts"}));
    auto j = nlohmann::json::parse(line);
    ids.insert(j["payment_id"]);
    double amount = j["amount"];
    QVERIFY(amount >= 1 && amount <= 500);
    QVERIFY(currencies.count(j["currency"]));
  }
  QCOMPARE(ids.size(), size_t(1500));  // unique ids, also across batch boundaries
  QCOMPARE(nlohmann::json::parse(payments.lines[0])["payment_id"], "pay-00000001");
}

void TestGeneratorNode::eventTimeBaseAndInterval() {
  Run iso = generate(
      {{"rate", 0}, {"count", 3}, {"start_time", "2026-11-26T10:00:00Z"}, {"interval", "2s"}});
  Run ms =
      generate({{"rate", 0}, {"count", 3}, {"start_time", "1795687200000"}, {"interval", "2s"}});
  Run plain = generate({{"rate", 0}, {"count", 2}});
  const Batch* b = iso.out->batches().front();
  for (uint32_t r = 0; r < 3; ++r) {
    const int64_t expected = 1795687200000 + r * 2000;
    QCOMPARE(b->meta(r).timestamp, expected);
    QCOMPARE(b->at(4, r).i, expected);
    QCOMPARE(ms.out->batches().front()->meta(r).timestamp, expected);
  }
  QCOMPARE(plain.out->batches().front()->meta(0).timestamp, int64_t(1767225600000));
  QCOMPARE(plain.out->batches().front()->meta(1).timestamp, int64_t(1767225600100));
}

void TestGeneratorNode::countZeroIsUnboundedUntilStop() {
  NodeHarness h(generatorSpec(), {{"rate", 0}});
  h.configure();
  h.open();
  auto out = h.emitter(100);
  for (int i = 0; i < 50; ++i)
    QCOMPARE(h.source().poll(*out), SourceNode::Poll::Produced);
  QCOMPARE(out->records(), uint64_t(5000));
  h.source().requestStop();
  QCOMPARE(h.source().poll(*out), SourceNode::Poll::Done);
}

void TestGeneratorNode::rateLimitsOutput() {
  NodeHarness h(generatorSpec(), {{"rate", 20}});
  h.configure();
  h.open();
  auto out = h.emitter();
  auto start = std::chrono::steady_clock::now();
  int polls = 0;
  while (out->records() < 3) {
    auto r = h.source().poll(*out);
    QVERIFY(r != SourceNode::Poll::Done);
    ++polls;
  }
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Never ahead of the rate: at most one record at once plus rate * elapsed time.
  QVERIFY(double(out->records()) <= 1 + elapsed * 20 + 1e-9);
  QVERIFY(polls >= 2);  // waiting happens in short polls, not one long sleep
}

void TestGeneratorNode::emitsWatermarks() {
  NodeHarness h(generatorSpec(), {{"rate", 0}, {"count", 2500}, {"interval", "10ms"}});
  h.configure();
  WatermarkStrategy strategy;
  strategy.maxOutOfOrdernessMs = 50;
  h.source().setWatermarkStrategy(strategy);
  h.open();
  auto out = h.emitter();
  h.pollUntilDone(*out);
  std::vector<int64_t> wms = out->watermarks();
  QCOMPARE(wms.size(), size_t(3));  // one per batch of 1024
  for (size_t i = 1; i < wms.size(); ++i)
    QVERIFY(wms[i] > wms[i - 1]);
  QCOMPARE(wms.back(), 1767225600000 + 2499 * 10 - 50 - 1);
  // Each watermark follows the batch it covers.
  QVERIFY(!out->events().front().isWatermark && out->events().back().isWatermark);
}

void TestGeneratorNode::rejectsBadStartTime() {
  NodeHarness h(generatorSpec(), {{"start_time", "yesterday"}});
  QVERIFY_THROWS_EXCEPTION(NodeFailure, h.configure());
  Diagnostics diags;
  generatorSpec().validate(h.config(), diags);
  QVERIFY(diags.hasErrors());
  QCOMPARE(diags.items()[0].pointer, std::string("/nodes/0/properties/start_time"));
}

QTEST_GUILESS_MAIN(TestGeneratorNode)
#include "tst_GeneratorNode.moc"
