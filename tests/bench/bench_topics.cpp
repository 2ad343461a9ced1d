// Topic browser benchmark on the embedded cluster (in this process, as the designer runs it):
// 1. listing 1,000 topics: Refresh pressed to the list shown;
// 2. filtering 1,000,000 messages of ~100 bytes in 32 partitions: Read pressed to the result
//    shown, as a share of a bare librdkafka consume loop over the same messages in this process
//    (the limit), the first read of the run apart (it used to stall the window);
// and during both, the longest the GUI thread went without running a 10 ms timer (the window
// stays responsive when this stays small). Usage: bench_topics [messages] [topics]
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <cstdio>
#include <string>
#include <vector>

#include "BareConsumeLoop.h"
#include "SensorReadings.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/TopicBrowser.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "nodes/browse/TopicScan.h"

using namespace sc;
using namespace sc::designer;

namespace {

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

// Runs the event loop until `done` holds, looking every 10 ms. The loop sleeps between events,
// as the designer's does: a loop that spins on processEvents() takes a core from the scan it
// measures (the machine has two) and makes its own stalls look like the window's.
template <typename Pred>
bool waitUntil(Pred done, int limitMs) {
  if (done()) return true;
  QEventLoop loop;
  QTimer poll;
  poll.setInterval(10);
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    if (done()) loop.quit();
  });
  QTimer limit;
  limit.setSingleShot(true);
  QObject::connect(&limit, &QTimer::timeout, &loop, [&] { loop.exit(1); });
  poll.start();
  limit.start(limitMs);
  return loop.exec() == 0;
}

// messages/s as "1.23 M msg/s"
std::string rateText(double perSecond) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f M msg/s", perSecond / 1e6);
  return text;
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
  bench::produceReadings(boot, "readings", kPartitions, messages);

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

  // 2. A filter over the whole topic (about 1 in 15 match), against the bare loop run just
  // before on the same cluster. Both are timed whole: the scan from Read pressed to the result
  // shown (describe the topic, connect, read, fill the table), the bare loop from creating its
  // consumer to its last message; the bare loop's rate from its first message to its last is
  // printed too (the fetch limit alone).
  for (int r = 0; r < browser.topicTable()->rowCount(); ++r)
    if (browser.topicTable()->item(r, 0)->text() == QLatin1String("readings"))
      browser.topicTable()->selectRow(r);
  waitUntil([&] { return !browser.isBusy(); }, 30000);
  const QString filter = QStringLiteral("temperature > 38.5 && status == \"ok\"");
  for (int round = 0; round < 3; ++round) {
    double bareWhole = 0;
    const double bareStream =
        bench::bareConsumeLoop(boot, "readings", kPartitions, messages, &bareWhole);
    const double bare = messages / bareWhole;
    browser.readFromEdit()->setText(QStringLiteral("beginning"));
    browser.filterEdit()->setText(filter);
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
        "round %d%s: filter %ld messages in the window: %lld ms (%s), %zu shown, longest GUI "
        "stall %lld ms; bare loop %s whole, %s first to last: %.0f %% of the bare loop whole, "
        "%.0f %% of its first-to-last rate\n",
        round + 1, round == 0 ? " (the first read)" : "", messages, qlonglong(scanMs),
        rateText(rate).c_str(), browser.shownMessages().size(), qlonglong(scanStall),
        rateText(bare).c_str(), rateText(bareStream).c_str(), 100.0 * rate / bare,
        100.0 * rate / bareStream);
  }
  // The scan alone, without the window, against the bare loop in turn.
  kafka::ResolvedConnection c;
  c.settings.name = "bench";
  c.bootstrapServers = boot;
  c.cluster = cluster;
  kafka::ScanOptions o;
  o.topic = "readings";
  o.filter = filter.toStdString();
  o.keep = TopicBrowser::kKeptMessages;
  o.offsetsByTime = false;
  for (int round = 0; round < 2; ++round) {
    double bareWhole = 0;
    const double bareStream =
        bench::bareConsumeLoop(boot, "readings", kPartitions, messages, &bareWhole);
    t.start();
    auto r = kafka::scanTopic(c, o);
    const qint64 scanMs = t.elapsed();
    if (!r.ok()) {
      std::fprintf(stderr, "scanTopic failed: %s\n", r.error.c_str());
      return 1;
    }
    const double rate = messages / (scanMs / 1000.0);
    std::printf(
        "scanTopic alone: %lld ms for %lld messages (%s), %lld matched: %.0f %% of the "
        "bare loop whole (%s), %.0f %% of its first-to-last rate (%s)\n",
        qlonglong(scanMs), qlonglong(r.value.progress.scanned), rateText(rate).c_str(),
        qlonglong(r.value.progress.matched), 100.0 * rate * bareWhole / messages,
        rateText(messages / bareWhole).c_str(), 100.0 * rate / bareStream,
        rateText(bareStream).c_str());
  }
  return 0;
}
