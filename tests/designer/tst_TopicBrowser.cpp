// The Topics dock against an embedded Kafka cluster started by the test (real protocol on
// loopback), driven with mouse and keys: list topics, read a topic's newest messages, produce,
// follow messages produced by another client, and a cluster that does not answer. The first
// meeting of a new user: the preselected "embedded" connection works, failures are readable (in
// both themes) and clear what they make stale, and Produce always says what happened.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>
#include <cmath>

#include "app/designer/MainWindow.h"
#include "app/designer/RunController.h"
#include "app/designer/Theme.h"
#include "app/designer/TopicBrowser.h"
#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "engine/kafka/KafkaConnection.h"
#include "integration/KafkaTestSupport.h"

using namespace sc;
using namespace sc::designer;
using namespace sc::kafka;

namespace {

// WCAG 2 contrast ratio, 1..21 (as tst_Appearance computes it).
double luminance(const QColor& c) {
  auto channel = [](double v) {
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  const QColor rgb = c.toRgb();
  return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) +
         0.0722 * channel(rgb.blueF());
}
double contrast(const QColor& a, const QColor& b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QString writePipeline(const QTemporaryDir& dir, const char* name, const char* text) {
  const QString path = dir.filePath(QLatin1String(name));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(text);
  return path;
}

}  // namespace

class tst_TopicBrowser : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void listReadProduceFollow();
  void unreachableClusterSaysSoWithoutFreezing();
  void documentConnectionIsResolvedFromTheEnvironment();
  void embeddedConnectionUsesTheDesignersCluster();
  void failureClearsStaleContentAndIsReadable_data();
  void failureClearsStaleContentAndIsReadable();

 private:
  ResolvedConnection connection() const { return test::connectionTo(cluster_); }
  int rowOf(QTableWidget* table, const QString& text) const {
    for (int r = 0; r < table->rowCount(); ++r)
      if (table->item(r, 0) && table->item(r, 0)->text() == text) return r;
    return -1;
  }
  void connectTo(TopicBrowser* browser, const QString& boot) {
    QLineEdit* edit = browser->clusterEdit()->lineEdit();
    edit->selectAll();
    QTest::keyClicks(edit, boot);
    QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  }

  std::shared_ptr<EmbeddedCluster> cluster_;
};

void tst_TopicBrowser::initTestCase() {
  auto started = EmbeddedCluster::start(1, 3, "browser-test");
  QVERIFY2(started.ok(), started.error.c_str());
  cluster_ = started.value;
  QVERIFY(cluster_->ensureTopic("orders", 3).ok());
  ClusterAdmin admin(connection());
  for (int i = 0; i < 5; ++i) {
    auto r = admin.produce("orders", i % 3, "k" + std::to_string(i),
                           R"({"order":)" + std::to_string(i) + "}");
    QVERIFY2(r.ok(), r.error.c_str());
  }
}

void tst_TopicBrowser::listReadProduceFollow() {
  MainWindow window(NodeRegistry::builtin());
  window.resize(1400, 900);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  TopicBrowser* browser = window.topicBrowser();
  browser->parentWidget()->show();
  browser->parentWidget()->raise();
  QTRY_VERIFY(browser->isVisible());

  connectTo(browser, QString::fromStdString(cluster_->bootstrapServers()));
  QTableWidget* topics = browser->topicTable();
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(topics, "orders") >= 0, 15000);
  const int row = rowOf(topics, "orders");
  QCOMPARE(topics->item(row, 1)->text(), QStringLiteral("3"));
  QCOMPARE(topics->item(row, 2)->text(), QStringLiteral("5"));

  // Click the topic: its five messages, with keys and values.
  QTest::mouseClick(topics->viewport(), Qt::LeftButton, {},
                    topics->visualItemRect(topics->item(row, 0)).center());
  QTableWidget* messages = browser->messageTable();
  QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 5, 15000);
  QSet<QString> values;
  for (int r = 0; r < messages->rowCount(); ++r)
    values << messages->item(r, 3)->text() + '=' + messages->item(r, 4)->text();
  QCOMPARE(values, QSet<QString>({R"(k0={"order":0})", R"(k1={"order":1})", R"(k2={"order":2})",
                                  R"(k3={"order":3})", R"(k4={"order":4})"}));

  // Produce from the dock: typed key and value, Enter in the value field.
  QTest::mouseClick(browser->followBox(), Qt::LeftButton);
  QVERIFY(browser->followBox()->isChecked());
  QTest::keyClicks(browser->keyEdit(), "k9");
  QTest::keyClicks(browser->valueEdit(), "hello from the designer");
  QTest::keyClick(browser->valueEdit(), Qt::Key_Return);
  QTRY_VERIFY_WITH_TIMEOUT(browser->statusLabel()->text().startsWith("Produced to orders"), 15000);
  QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 6, 15000);
  QCOMPARE(messages->item(5, 4)->text(), QStringLiteral("hello from the designer"));
  QCOMPARE(messages->item(5, 3)->text(), QStringLiteral("k9"));

  // Another client writes: following shows it without a click.
  ClusterAdmin other(connection());
  QVERIFY(other.produce("orders", 1, std::nullopt, "from elsewhere").ok());
  QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 7, 15000);
  QCOMPARE(messages->item(6, 4)->text(), QStringLiteral("from elsewhere"));
  QCOMPARE(messages->item(6, 3)->text(), QStringLiteral("(null)"));
  // The topic's message count follows too.
  QTRY_COMPARE_WITH_TIMEOUT(topics->item(rowOf(topics, "orders"), 2)->text(), QStringLiteral("7"),
                            15000);

  // And the message the dock produced is really in the topic.
  bool found = false;
  for (int p = 0; p < 3; ++p) {
    auto read = other.readMessages("orders", p, ReadPosition::beginning(), 100);
    QVERIFY2(read.ok(), read.error.c_str());
    for (const auto& m : read.value)
      found = found || (m.value == std::optional<std::string>("hello from the designer") &&
                        m.key == std::optional<std::string>("k9"));
  }
  QVERIFY(found);
}

void tst_TopicBrowser::unreachableClusterSaysSoWithoutFreezing() {
  MainWindow window(NodeRegistry::builtin());
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  TopicBrowser* browser = window.topicBrowser();
  connectTo(browser, QStringLiteral("127.0.0.1:1"));  // nothing listens on port 1
  // The call runs on a worker: the window keeps handling events meanwhile.
  QVERIFY(browser->isBusy());
  QElapsedTimer responsive;
  responsive.start();
  QTest::qWait(100);
  QVERIFY(responsive.elapsed() < 2000);
  QTRY_VERIFY_WITH_TIMEOUT(browser->statusLabel()->text().startsWith("Cannot list topics"), 30000);
  QVERIFY(!browser->isBusy());
}

void tst_TopicBrowser::documentConnectionIsResolvedFromTheEnvironment() {
  // The document names its cluster through ${VAR}s, with a librdkafka property: the dock offers
  // the connection by name, never shows the values, and connects with them.
  qputenv("SC_TEST_BOOTSTRAP", QByteArray::fromStdString(cluster_->bootstrapServers()));
  qputenv("SC_TEST_CLIENT_ID", "topic-browser-test");
  QTemporaryDir dir;
  const QString path = dir.filePath("p.json");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({
  "streamcanvas": 1,
  "connections": {"prod": {"type": "kafka", "bootstrap_servers": "${SC_TEST_BOOTSTRAP}",
                           "properties": {"client.id": "${SC_TEST_CLIENT_ID}"}}},
  "nodes": [
    {"id": "src", "type": "kafka.source", "properties": {"connection": "prod", "topics": ["orders"]}},
    {"id": "out", "type": "discard.sink"}
  ],
  "edges": [{"from": "src", "to": "out"}]
})");
  file.close();
  MainWindow window(NodeRegistry::builtin());
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QVERIFY(window.openFile(path));
  TopicBrowser* browser = window.topicBrowser();
  QComboBox* cluster = browser->clusterEdit();
  const int index = cluster->findText(QStringLiteral("connection prod (${SC_TEST_BOOTSTRAP})"));
  QVERIFY2(index >= 0, qPrintable(cluster->itemText(0)));
  for (int i = 0; i < cluster->count(); ++i)
    QVERIFY(!cluster->itemText(i).contains(QString::fromStdString(cluster_->bootstrapServers())));
  cluster->setCurrentIndex(index);
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "orders") >= 0, 15000);
  QVERIFY(!browser->statusLabel()->text().contains(
      QString::fromStdString(cluster_->bootstrapServers())));

  // Refresh resolves again: an unset variable is reported, not sent to a broker.
  qunsetenv("SC_TEST_BOOTSTRAP");
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(browser->statusLabel()->text().contains("SC_TEST_BOOTSTRAP"), 15000);
}

void tst_TopicBrowser::embeddedConnectionUsesTheDesignersCluster() {
  // The sandbox default: "${KAFKA_BOOTSTRAP:-embedded}" with KAFKA_BOOTSTRAP unset is the
  // designer's embedded cluster, not a broker named "embedded".
  qunsetenv("KAFKA_BOOTSTRAP");
  QTemporaryDir dir;
  const QString path = writePipeline(dir, "local.json", R"({
  "streamcanvas": 1,
  "connections": {"local": {"type": "kafka", "bootstrap_servers": "${KAFKA_BOOTSTRAP:-embedded}"}},
  "nodes": [
    {"id": "src", "type": "kafka.source", "properties": {"connection": "local", "topics": ["readings"]}},
    {"id": "out", "type": "discard.sink"}
  ],
  "edges": [{"from": "src", "to": "out"}]
})");
  MainWindow window(NodeRegistry::builtin());
  window.resize(1400, 900);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QVERIFY(window.openFile(path));
  TopicBrowser* browser = window.topicBrowser();
  browser->parentWidget()->show();
  browser->parentWidget()->raise();
  QComboBox* cluster = browser->clusterEdit();
  // Preselected, and saying what it is.
  QCOMPARE(cluster->currentText(), QStringLiteral("connection local (embedded)"));
  RunController* runner = window.runController();
  QVERIFY(runner->embeddedClusters().isEmpty());

  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!browser->isBusy(), 15000);
  QVERIFY2(browser->statusLabel()->text().contains("topics on connection local"),
           qPrintable(browser->statusLabel()->text()));
  // Started on demand, in the designer's resources: runs of the document use the same cluster.
  QCOMPARE(runner->embeddedClusters().size(), 1);
  QCOMPARE(runner->embeddedClusters().first().first, QStringLiteral("local"));
  ConnectionSettings local;
  local.name = "local";
  auto resolved = resolveConnection(local, runner->resources());
  QVERIFY2(resolved.ok(), resolved.error.c_str());
  QCOMPARE(QString::fromStdString(resolved.value.bootstrapServers),
           runner->embeddedClusters().first().second);
  QVERIFY(resolved.value.ensureTopic("readings").ok());
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "readings") >= 0, 15000);

  // An embedded cluster that no connection of the document names (a run of another file)
  // is offered as what it is, and works.
  ConnectionSettings demo;
  demo.name = "demo";
  auto demoCluster = resolveConnection(demo, runner->resources());
  QVERIFY2(demoCluster.ok(), demoCluster.error.c_str());
  QVERIFY(demoCluster.value.ensureTopic("demo-topic").ok());
  QVERIFY(window.openFile(path));  // offers the clusters again
  const QString demoEntry = QStringLiteral("demo run's embedded cluster (%1)")
                                .arg(QString::fromStdString(demoCluster.value.bootstrapServers));
  const int index = cluster->findText(demoEntry);
  QVERIFY2(index >= 0, qPrintable(cluster->itemText(cluster->count() - 1)));
  QCOMPARE(cluster->findText(QStringLiteral("connection local (embedded)")), 0);
  QCOMPARE(cluster->count(), 2);  // local's running cluster is reached through its connection
  cluster->setCurrentIndex(index);
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "demo-topic") >= 0, 15000);
  QCOMPARE(rowOf(browser->topicTable(), "readings"), -1);
}

void tst_TopicBrowser::failureClearsStaleContentAndIsReadable_data() {
  QTest::addColumn<bool>("dark");
  QTest::newRow("light") << false;
  QTest::newRow("dark") << true;
}

void tst_TopicBrowser::failureClearsStaleContentAndIsReadable() {
  QFETCH(bool, dark);
  applyTheme(dark ? Theme::Dark : Theme::Light);
  MainWindow window(NodeRegistry::builtin());
  window.resize(1400, 900);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  TopicBrowser* browser = window.topicBrowser();
  browser->parentWidget()->show();
  browser->parentWidget()->raise();
  QTRY_VERIFY(browser->isVisible());

  // A working cluster first: its topics and the messages of one.
  connectTo(browser, QString::fromStdString(cluster_->bootstrapServers()));
  QTableWidget* topics = browser->topicTable();
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(topics, "orders") >= 0, 15000);
  QTest::mouseClick(topics->viewport(), Qt::LeftButton, {},
                    topics->visualItemRect(topics->item(rowOf(topics, "orders"), 0)).center());
  QTRY_VERIFY_WITH_TIMEOUT(browser->messageTable()->rowCount() >= 5, 15000);
  QVERIFY(browser->produceButton()->isEnabled());

  // Then one that does not answer: nothing of the first stays listed.
  connectTo(browser, QStringLiteral("127.0.0.1:1"));
  QTRY_VERIFY_WITH_TIMEOUT(browser->statusLabel()->text().startsWith("Cannot list topics"), 30000);
  QCOMPARE(topics->rowCount(), 0);
  QCOMPARE(browser->messageTable()->rowCount(), 0);
  QVERIFY(!browser->produceButton()->isEnabled());

  // The error is readable on the dock's background, in the theme's error colour.
  QLabel* status = browser->statusLabel();
  const QColor fg = status->palette().color(status->foregroundRole());
  const QColor bg = status->palette().color(status->backgroundRole());
  const double ratio = contrast(fg, bg);
  QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("error line contrast %1 (%2 on %3)")
                                        .arg(ratio)
                                        .arg(fg.name(), bg.name())));
  QDir().mkpath(QStringLiteral(SC_BINARY_DIR "/screenshots"));
  QVERIFY(window.grab().save(QStringLiteral(SC_BINARY_DIR "/screenshots/topics-error-%1.png")
                                 .arg(dark ? "dark" : "light")));

  // Produce now says why it cannot, instead of doing nothing.
  status->clear();
  QTest::keyClicks(browser->valueEdit(), "lost?");
  QTest::keyClick(browser->valueEdit(), Qt::Key_Return);
  QTRY_VERIFY(!status->text().isEmpty());
  QVERIFY2(status->text().contains("Select a topic"), qPrintable(status->text()));
  applyTheme(Theme::System);
}

QTEST_MAIN(tst_TopicBrowser)
#include "tst_TopicBrowser.moc"
