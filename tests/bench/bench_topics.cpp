// Topic browser benchmark on the embedded cluster (in this process, as the designer runs it):
// 1. listing 1,000 topics: Refresh pressed to the list shown;
// 2. filtering 1,000,000 messages of ~100 bytes in 32 partitions: Read pressed to the result
//    shown, against a bare librdkafka consume loop over the same messages (the limit);
// and during both, the longest the GUI thread went without running a 10 ms timer (the window
// stays responsive when this stays small). Usage: bench_topics [messages] [topics]
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <cstdio>
#include <string>
#include <vector>

#include "BareConsumeLoop.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/TopicBrowser.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "nodes/browse/TopicScan.h"

using namespace sc;
using namespace sc::designer;

namespace {

// Produces `count` sensor readings (~100 bytes) round-robin over `partitions`.
void produceReadings(const std::string& boot, const char* topic, int partitions, long count) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", boot.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "linger.ms", "20", err, sizeof err);
  rd_kafka_conf_set(conf, "batch.num.messages", "10000", err, sizeof err);
  rd_kafka_conf_set(conf, "queue.buffering.max.messages", "1000000", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  char value[160];
  for (long i = 0; i < count; ++i) {
    const int n = std::snprintf(value, sizeof value,
                                "{\"sensor\":\"s-%04ld\",\"temperature\":%ld.%ld,\"humidity\":%ld,"
                                "\"status\":\"ok\",\"ts\":%ld}",
                                i % 1000, 10 + i % 30, i % 10, 40 + i % 50, 1780000000000L + i);
    while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(int(i % partitions)),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_VALUE(value, size_t(n)),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(rk, 10);
  }
  rd_kafka_flush(rk, 60000);
  rd_kafka_destroy(rk);
}

// The longest gap between runs of a 10 ms timer while `busy` holds.
struct StallMeter {
  QTimer timer;
  QElapsedTimer clock;
  qint64 last = 0;
  qint64 worst = 0;
  StallMeter() {
    timer.setInterval(10);
    QObject::connect(&timer, &QTimer::timeout, [this] {
      const qint64 now = clock.elapsed();
      worst = std::max(worst, now - last);
      last = now;
    });
  }
  void start() {
    clock.start();
    last = 0;
    worst = 0;
    timer.start();
  }
  qint64 stop() {
    timer.stop();
    return std::max(worst, clock.elapsed() - last);
  }
};

template <typename Pred>
bool waitUntil(Pred done, int limitMs) {
  QElapsedTimer t;
  t.start();
  while (!done()) {
    if (t.elapsed() > limitMs) return false;
    QApplication::processEvents(QEventLoop::AllEvents, 5);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const long messages = argc > 1 ? std::atol(argv[1]) : 1000000;
  const int topicCount = argc > 2 ? std::atoi(argv[2]) : 1000;
  constexpr int kPartitions = 32;

  auto started = kafka::EmbeddedCluster::start(1, 1, "bench");
  if (!started.ok()) {
    std::fprintf(stderr, "cannot start the embedded cluster: %s\n", started.error.c_str());
    return 1;
  }
  auto cluster = started.value;
  const std::string boot = cluster->bootstrapServers();
  for (int t = 0; t < topicCount - 1; ++t)
    cluster->ensureTopic("topic-" + std::to_string(t), 1);
  cluster->ensureTopic("readings", kPartitions);
  std::printf("producing %ld readings...\n", messages);
  produceReadings(boot, "readings", kPartitions, messages);

  PipelineDocument doc(NodeRegistry::builtin());
  TopicBrowser browser(&doc, nullptr);
  browser.resize(1200, 700);
  browser.show();
  StallMeter stall;
  QApplication::processEvents();

  // 1. The topic list.
  QElapsedTimer t;
  browser.clusterEdit()->setEditText(QString::fromStdString(boot));
  stall.start();
  t.start();
  browser.refreshButton()->click();
  if (!waitUntil(
          [&] { return browser.topicTable()->rowCount() >= topicCount && !browser.isBusy(); },
          60000)) {
    std::fprintf(stderr, "the topics were not listed in 60 s\n");
    return 1;
  }
  const qint64 listMs = t.elapsed();
  const qint64 listStall = stall.stop();
  std::printf("list %d topics: %lld ms, longest GUI stall %lld ms\n", topicCount, qlonglong(listMs),
              qlonglong(listStall));

  // 2. A filter over the whole topic (about 1 in 30 match).
  for (int r = 0; r < browser.topicTable()->rowCount(); ++r)
    if (browser.topicTable()->item(r, 0)->text() == QLatin1String("readings"))
      browser.topicTable()->selectRow(r);
  waitUntil([&] { return !browser.isBusy(); }, 30000);
  for (int round = 0; round < 3; ++round) {
    const double bare = bench::bareConsumeLoop(boot, "readings", kPartitions, messages);
    browser.readFromEdit()->setText(QStringLiteral("beginning"));
    browser.filterEdit()->setText(QStringLiteral("temperature > 38.5 && status == \"ok\""));
    stall.start();
    t.start();
    browser.readButton()->click();
    if (!waitUntil([&] { return !browser.isScanning() && !browser.isBusy(); }, 120000)) {
      std::fprintf(stderr, "the read did not end in 120 s\n");
      return 1;
    }
    const qint64 scanMs = t.elapsed();
    const qint64 scanStall = stall.stop();
    const double rate = messages / (scanMs / 1000.0);
    std::printf(
        "round %d: filter %ld messages: %lld ms (%.2f M msg/s), %zu shown, longest GUI stall "
        "%lld ms; bare consume loop %.2f M msg/s (%.0f ms): %.0f %% of the limit\n",
        round + 1, messages, qlonglong(scanMs), rate / 1e6, browser.shownMessages().size(),
        qlonglong(scanStall), bare / 1e6, messages / bare * 1000, 100.0 * rate / bare);
  }
  // The scan alone, without the window: where the time goes.
  kafka::ResolvedConnection c;
  c.settings.name = "bench";
  c.bootstrapServers = boot;
  c.cluster = cluster;
  kafka::ScanOptions o;
  o.topic = "readings";
  o.filter = "temperature > 38.5 && status == \"ok\"";
  o.keep = TopicBrowser::kKeptMessages;
  o.offsetsByTime = false;
  for (int round = 0; round < 2; ++round) {
    t.start();
    auto r = kafka::scanTopic(c, o);
    std::printf("scanTopic alone: %lld ms for %lld messages, %lld matched%s\n",
                qlonglong(t.elapsed()), qlonglong(r.value.progress.scanned),
                qlonglong(r.value.progress.matched), r.ok() ? "" : r.error.c_str());
  }
  return 0;
}
