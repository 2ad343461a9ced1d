// The Topics dock against an embedded Kafka cluster started by the test (real protocol on
// loopback), driven with mouse and keys: list topics, read a topic's newest messages, produce,
// follow messages produced by another client, and a cluster that does not answer. The first
// meeting of a new user: the preselected "embedded" connection works, failures are readable (in
// both themes) and clear what they make stale, and Produce always says what happened.
#include <librdkafka/rdkafka.h>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>
#include <cmath>

#include "app/designer/GraphView.h"
#include "app/designer/GroupLagView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "app/designer/Theme.h"
#include "app/designer/TopicBrowser.h"
#include "designer/TopicBrowserTestSupport.h"
#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "engine/kafka/KafkaConnection.h"
#include "integration/KafkaTestSupport.h"

using namespace sc;
using namespace sc::designer;
using sc::designer::browsertest::clickTopic;
using sc::designer::browsertest::read;
using sc::designer::browsertest::rowOf;
using sc::designer::browsertest::rows;
using sc::designer::browsertest::showTopicsDock;
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

// The text of a cell of the message table, and where it is drawn.
QString cellText(QTableView* table, int row, int column) {
  return table->model()->index(row, column).data().toString();
}
QPoint cellCentre(QTableView* table, int row, int column) {
  return table->visualRect(table->model()->index(row, column)).center();
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
  void seeksByOffsetAndFiltersAcrossTheWholeTopic();
  void savesTheRestToAFileAndCancels();
  void decodesExportsAndProducesAgain();
  void showsConsumerGroupLagPerPartition();
  void droppingATopicCreatesAConfiguredNode();

 private:
  // A shown main window with the Topics dock raised and connected to the test's cluster.
  TopicBrowser* openBrowser(MainWindow& window) {
    TopicBrowser* browser = showTopicsDock(window);
    if (browser) connectTo(browser, QString::fromStdString(cluster_->bootstrapServers()));
    return browser;
  }
  int64_t fieldN(const KafkaMessage& m) const {
    return QJsonDocument::fromJson(QByteArray::fromStdString(m.value.value_or("")))
        .object()
        .value("n")
        .toInteger(-1);
  }
  ResolvedConnection connection() const { return test::connectionTo(cluster_); }
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
  QTableView* messages = browser->messageTable();
  QTRY_COMPARE_WITH_TIMEOUT(rows(messages), 5, 15000);
  QSet<QString> values;
  for (int r = 0; r < rows(messages); ++r)
    values << cellText(messages, r, 3) + '=' + cellText(messages, r, 4);
  QCOMPARE(values, QSet<QString>({R"(k0={"order":0})", R"(k1={"order":1})", R"(k2={"order":2})",
                                  R"(k3={"order":3})", R"(k4={"order":4})"}));

  // Produce from the dock: typed key and value, Enter in the value field.
  QTest::mouseClick(browser->followBox(), Qt::LeftButton);
  QVERIFY(browser->followBox()->isChecked());
  QTest::keyClicks(browser->keyEdit(), "k9");
  QTest::keyClicks(browser->valueEdit(), "hello from the designer");
  QTest::keyClick(browser->valueEdit(), Qt::Key_Return);
  QTRY_VERIFY_WITH_TIMEOUT(browser->statusLabel()->text().startsWith("Produced to orders"), 15000);
  QTRY_COMPARE_WITH_TIMEOUT(rows(messages), 6, 15000);
  QCOMPARE(cellText(messages, 5, 4), QStringLiteral("hello from the designer"));
  QCOMPARE(cellText(messages, 5, 3), QStringLiteral("k9"));

  // Another client writes: following shows it without a click.
  ClusterAdmin other(connection());
  QVERIFY(other.produce("orders", 1, std::nullopt, "from elsewhere").ok());
  QTRY_COMPARE_WITH_TIMEOUT(rows(messages), 7, 15000);
  QCOMPARE(cellText(messages, 6, 4), QStringLiteral("from elsewhere"));
  QCOMPARE(cellText(messages, 6, 3), QStringLiteral("(null)"));
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
  QTRY_VERIFY_WITH_TIMEOUT(rows(browser->messageTable()) >= 5, 15000);
  QVERIFY(browser->produceButton()->isEnabled());

  // Then one that does not answer: nothing of the first stays listed.
  connectTo(browser, QStringLiteral("127.0.0.1:1"));
  QTRY_VERIFY_WITH_TIMEOUT(browser->statusLabel()->text().startsWith("Cannot list topics"), 30000);
  QCOMPARE(topics->rowCount(), 0);
  QCOMPARE(rows(browser->messageTable()), 0);
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

void tst_TopicBrowser::seeksByOffsetAndFiltersAcrossTheWholeTopic() {
  // 2 partitions of 12,000 messages: many fetches, so a read that looked only at the first
  // fetch (or the newest 200) misses matches.
  constexpr int kPerPartition = 12000;
  QVERIFY(cluster_->ensureTopic("big", 2).ok());
  std::vector<test::Produced> all;
  for (int i = 0; i < 2 * kPerPartition; ++i)
    all.push_back({R"({"n":)" + std::to_string(i) + R"(,"pad":"0123456789012345678901234567"})",
                   "",
                   {},
                   i % 2});
  test::produceAll(cluster_->bootstrapServers(), "big", all);

  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = openBrowser(window);
  QVERIFY(browser);
  clickTopic(browser, "big");
  QCOMPARE(browser->partitionTable()->rowCount(), 2);
  QCOMPARE(browser->partitionTable()->item(1, 2)->text(), QString::number(kPerPartition));

  // From an offset: the last 5 of each partition.
  read(browser, QString::number(kPerPartition - 5), {});
  QCOMPARE(browser->shownMessages().size(), size_t(10));
  for (const KafkaMessage& m : browser->shownMessages())
    QVERIFY(m.offset >= kPerPartition - 5);
  QCOMPARE(rows(browser->messageTable()), 10);

  // A filter scans everything from the beginning: matches at the start, middle and end.
  read(browser, "beginning",
       "n == 3 || n == 12001 || n >= 23998 || $offset == 7000 && $partition == 1");
  std::set<int64_t> got;
  for (const KafkaMessage& m : browser->shownMessages())
    got.insert(fieldN(m));
  QCOMPARE(got, (std::set<int64_t>{3, 12001, 14001, 23998, 23999}));
  QVERIFY2(browser->statusLabel()->text().contains("24,000 of 24,000"),
           qPrintable(browser->statusLabel()->text()));

  // A page of 10,000 messages goes into the table as one insertion of rows, rendered as they
  // come into view: it was 50,000 table items made and signalled one by one on the GUI thread
  // (50-110 ms without an event processed).
  QAbstractItemModel* model = browser->messageTable()->model();
  int insertions = 0, changes = 0;
  const auto counted = {
      connect(model, &QAbstractItemModel::rowsInserted, this, [&] { ++insertions; }),
      connect(model, &QAbstractItemModel::dataChanged, this, [&] { ++changes; })};
  read(browser, "beginning", "n >= 0");
  for (const auto& c : counted)
    disconnect(c);
  QCOMPARE(rows(browser->messageTable()), TopicBrowser::kKeptMessages);
  QCOMPARE(browser->shownMessages().size(), size_t(TopicBrowser::kKeptMessages));
  QCOMPARE(insertions, 1);
  QCOMPARE(changes, 0);
  const KafkaMessage& last = browser->shownMessages().back();
  QCOMPARE(cellText(browser->messageTable(), TopicBrowser::kKeptMessages - 1, 1),
           QString::number(last.offset));
  QCOMPARE(cellText(browser->messageTable(), TopicBrowser::kKeptMessages - 1, 4),
           QString::fromStdString(*last.value));

  // A bad filter or position says what is wrong, and reads nothing.
  read(browser, "beginning", "n >");
  QVERIFY2(browser->statusLabel()->text().contains("filter, column"),
           qPrintable(browser->statusLabel()->text()));
  read(browser, "yesterday", {});
  QVERIFY2(browser->statusLabel()->text().contains("'yesterday'"),
           qPrintable(browser->statusLabel()->text()));
}

// "Save the rest to a file": matches past the first 10,000 go to the file chosen in the save
// dialog (typed into it); Cancel stops a read, whose answer says so.
void tst_TopicBrowser::savesTheRestToAFileAndCancels() {
  constexpr int kMessages = TopicBrowser::kKeptMessages + 500;
  QVERIFY(cluster_->ensureTopic("spill", 1).ok());
  std::vector<test::Produced> all;
  for (int i = 0; i < kMessages; ++i)
    all.push_back({R"({"n":)" + std::to_string(i) + "}", "", {}, 0});
  test::produceAll(cluster_->bootstrapServers(), "spill", all);

  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = openBrowser(window);
  QVERIFY(browser);
  clickTopic(browser, "spill");
  QCheckBox* spill = nullptr;
  for (QCheckBox* box : browser->findChildren<QCheckBox*>())
    if (box->text() == QStringLiteral("Save the rest to a file")) spill = box;
  QVERIFY(spill);
  QTest::mouseClick(spill, Qt::LeftButton, {}, QPoint(spill->height() / 2, spill->height() / 2));
  QVERIFY(spill->isChecked());

  // Read asks where to save the rest: the path is typed into the dialog.
  QTemporaryDir dir;
  const QString path = dir.filePath("rest.jsonl");
  bool answered = false;
  std::function<void()> answer = [&] {
    auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
    if (!dialog) {
      QTimer::singleShot(20, this, answer);
      return;
    }
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
    QVERIFY(name);
    dialog->setDirectory(dir.path());  // the file name is typed
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("rest.jsonl"));
    auto* buttons = dialog->findChild<QDialogButtonBox*>();
    QVERIFY(buttons);
    // The Save button, clicked (Return would first close the completer's list).
    QPushButton* save = buttons->button(QDialogButtonBox::Save);
    if (!save) save = buttons->button(QDialogButtonBox::Open);
    QVERIFY(save && save->isEnabled());
    answered = true;
    QTest::mouseClick(save, Qt::LeftButton);
    if (dialog->isVisible()) dialog->reject();  // never leave the test waiting
  };
  QTimer::singleShot(0, this, answer);
  read(browser, "beginning", "n >= 0");
  QVERIFY(answered);
  QCOMPARE(browser->shownMessages().size(), size_t(TopicBrowser::kKeptMessages));
  QVERIFY2(browser->statusLabel()->text().contains("500 more saved to the file"),
           qPrintable(browser->statusLabel()->text()));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QList<QByteArray> saved = file.readAll().trimmed().split('\n');
  QCOMPARE(saved.size(), 500);
  QVERIFY2(saved.first().contains(QByteArray::number(TopicBrowser::kKeptMessages)),
           saved.first().constData());
  QVERIFY2(saved.last().contains(QByteArray::number(kMessages - 1)), saved.last().constData());

  // Cancel, clicked while a scan that matches nothing reads the topic: it stops early.
  QTest::mouseClick(spill, Qt::LeftButton, {}, QPoint(spill->height() / 2, spill->height() / 2));
  QVERIFY(!spill->isChecked());
  browser->readFromEdit()->clear();
  browser->filterEdit()->clear();
  QTest::keyClicks(browser->readFromEdit(), "beginning");
  QTest::keyClicks(browser->filterEdit(), "n < 0");
  QTest::mouseClick(browser->readButton(), Qt::LeftButton);
  QVERIFY(browser->isScanning());
  QVERIFY(browser->cancelButton()->isEnabled());
  QTest::mouseClick(browser->cancelButton(), Qt::LeftButton);
  QVERIFY(!browser->cancelButton()->isEnabled());
  QTRY_VERIFY_WITH_TIMEOUT(!browser->isScanning() && !browser->isBusy(), 30000);
  const QString status = browser->statusLabel()->text();
  QVERIFY2(status.contains("(cancelled)"), qPrintable(status));
  QVERIFY2(!status.contains(QStringLiteral("%L1 of %L1").arg(kMessages)), qPrintable(status));
  QVERIFY(browser->readButton()->isEnabled());
}

void tst_TopicBrowser::decodesExportsAndProducesAgain() {
  QVERIFY(cluster_->ensureTopic("decoded", 1).ok());
  test::produceAll(
      cluster_->bootstrapServers(), "decoded",
      {{R"({"a":{"b":[1,2]}})", "key-1", {{"trace", "t-1"}}, 0}, {"AB\x01", "", {}, 0}});
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = openBrowser(window);
  QVERIFY(browser);
  clickTopic(browser, "decoded");
  QTableView* messages = browser->messageTable();
  QTRY_COMPARE(rows(messages), 2);

  // JSON pretty, with key and headers.
  QTest::mouseClick(messages->viewport(), Qt::LeftButton, {}, cellCentre(messages, 0, 4));
  QString detail = browser->detailView()->toPlainText();
  QVERIFY2(detail.contains("Key: key-1") && detail.contains("trace=t-1") &&
               detail.contains("\"b\": [\n"),
           qPrintable(detail));
  // Hex for bytes that are not text.
  QTest::mouseClick(messages->viewport(), Qt::LeftButton, {}, cellCentre(messages, 1, 4));
  browser->decodeBox()->setCurrentIndex(browser->decodeBox()->findData("hex"));
  detail = browser->detailView()->toPlainText();
  QVERIFY2(detail.contains("00000000  41 42 01") && detail.contains("AB."), qPrintable(detail));
  QDir().mkpath(QStringLiteral(SC_BINARY_DIR "/screenshots"));
  QVERIFY(window.grab().save(QStringLiteral(SC_BINARY_DIR "/screenshots/topics-browser.png")));

  // Export as JSONL: the same lines kcat -J prints for the topic (but the broker id).
  QTemporaryDir dir;
  const QString path = dir.filePath("decoded.jsonl");
  QCOMPARE(browser->exportMessages(path), QString());
  if (!QStandardPaths::findExecutable("kcat").isEmpty()) {
    QProcess kcat;
    kcat.start("kcat", {"-C", "-b", QString::fromStdString(cluster_->bootstrapServers()), "-t",
                        "decoded", "-J", "-e", "-q"});
    QVERIFY(kcat.waitForFinished(30000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> ours = file.readAll().trimmed().split('\n');
    const QList<QByteArray> theirs = kcat.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(ours.size(), theirs.size());
    for (int i = 0; i < ours.size(); ++i) {
      QJsonObject a = QJsonDocument::fromJson(ours[i]).object();
      QJsonObject b = QJsonDocument::fromJson(theirs[i]).object();
      a.remove("broker");
      b.remove("broker");
      QCOMPARE(a, b);
    }
  }
  // CSV by its suffix.
  QCOMPARE(browser->exportMessages(dir.filePath("decoded.csv")), QString());
  QFile csv(dir.filePath("decoded.csv"));
  QVERIFY(csv.open(QIODevice::ReadOnly));
  QVERIFY(csv.readLine().startsWith("topic,partition,offset,timestamp,key,value,headers"));

  // Produce Again: the first message into the fields, edited, sent with its header.
  QTest::mouseClick(messages->viewport(), Qt::LeftButton, {}, cellCentre(messages, 0, 4));
  QTest::mouseClick(browser->produceAgainButton(), Qt::LeftButton);
  QCOMPARE(browser->keyEdit()->text(), QStringLiteral("key-1"));
  QCOMPARE(browser->headersEdit()->text(), QStringLiteral("trace=t-1"));
  QCOMPARE(browser->partitionBox()->value(), 0);
  browser->valueEdit()->selectAll();
  QTest::keyClicks(browser->valueEdit(), R"({"a":"edited"})");
  QTest::mouseClick(browser->produceButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(browser->statusLabel()->text().startsWith("Produced to decoded"), 15000);
  ClusterAdmin admin(connection());
  auto back = admin.readMessages("decoded", 0, ReadPosition::offset(2), 10);
  QVERIFY2(back.ok(), back.error.c_str());
  QCOMPARE(back.value.size(), size_t(1));
  QCOMPARE(*back.value[0].value, std::string(R"({"a":"edited"})"));
  QCOMPARE(*back.value[0].key, std::string("key-1"));
  QCOMPARE(back.value[0].headers.size(), size_t(1));
  QCOMPARE(*back.value[0].headers[0].value, std::string("t-1"));
}

void tst_TopicBrowser::showsConsumerGroupLagPerPartition() {
  // Group "lagging" has read 1 of orders/0 and nothing of orders/2: lag per partition.
  QVERIFY(cluster_->ensureTopic("lagged", 3).ok());
  std::vector<test::Produced> msgs;
  for (int i = 0; i < 9; ++i)
    msgs.push_back({"{}", "", {}, i % 3});
  test::produceAll(cluster_->bootstrapServers(), "lagged", msgs);
  {
    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", cluster_->bootstrapServers().c_str(), err,
                      sizeof err);
    rd_kafka_conf_set(conf, "group.id", "lagging", err, sizeof err);
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    QVERIFY2(rk, err);
    rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(2);
    rd_kafka_topic_partition_list_add(offsets, "lagged", 0)->offset = 1;
    rd_kafka_topic_partition_list_add(offsets, "lagged", 1)->offset = 3;
    QCOMPARE(rd_kafka_commit(rk, offsets, 0), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_topic_partition_list_destroy(offsets);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
  }
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = openBrowser(window);
  QVERIFY(browser);
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "lagged") >= 0, 15000);
  browser->tabs()->setCurrentIndex(1);
  GroupLagView* groups = browser->groupView();
  QTest::keyClicks(groups->groupEdit()->lineEdit(), "lagging");
  QTest::mouseClick(groups->showButton(), Qt::LeftButton);
  QTableWidget* table = groups->offsetTable();
  QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, 15000);
  QMap<int, QStringList> rows;  // partition -> committed, end, lag
  for (int r = 0; r < table->rowCount(); ++r) {
    QCOMPARE(table->item(r, 0)->text(), QStringLiteral("lagged"));
    rows[table->item(r, 1)->text().toInt()] = {table->item(r, 2)->text(), table->item(r, 3)->text(),
                                               table->item(r, 4)->text()};
  }
  QCOMPARE(rows[0], (QStringList{"1", "3", "2"}));
  QCOMPARE(rows[1], (QStringList{"3", "3", "0"}));
  QVERIFY2(groups->summaryLabel()->text().contains("total lag 2"),
           qPrintable(groups->summaryLabel()->text()));
  QCOMPARE(groups->historyPoints(), 1);
}

void tst_TopicBrowser::droppingATopicCreatesAConfiguredNode() {
  QTemporaryDir dir;
  const std::string text = R"({
  "streamcanvas": 1, "name": "dropped",
  "connections": {"local": {"type": "kafka", "bootstrap_servers": ")" +
                           cluster_->bootstrapServers() + R"("}},
  "nodes": [], "edges": []
})";
  const QString file = writePipeline(dir, "p.json", text.c_str());
  MainWindow window(NodeRegistry::builtin());
  QVERIFY(window.openFile(file));
  window.resize(1400, 900);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  TopicBrowser* browser = window.topicBrowser();
  browser->parentWidget()->show();
  browser->parentWidget()->raise();
  // The document's connection entry, then Refresh.
  QComboBox* cluster = browser->clusterEdit();
  QVERIFY(cluster->count() >= 1);
  cluster->setCurrentIndex(0);
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTableWidget* topics = browser->topicTable();
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(topics, "orders") >= 0, 15000);

  // The drag data comes from the table itself; the drop goes to the canvas.
  auto dropTopic = [&](Qt::KeyboardModifiers modifiers, QPoint at) {
    std::unique_ptr<QMimeData> mime(
        topics->model()->mimeData({topics->model()->index(rowOf(topics, "orders"), 0)}));
    QVERIFY(mime);
    QWidget* canvas = window.view()->viewport();
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, modifiers);
    QApplication::sendEvent(canvas, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, modifiers);
    QApplication::sendEvent(canvas, &drop);
    QVERIFY(drop.isAccepted());
  };
  dropTopic(Qt::NoModifier, QPoint(200, 200));
  const auto& nodes = window.document()->pipeline().nodes;
  QCOMPARE(nodes.size(), size_t(1));
  QCOMPARE(nodes[0].type, std::string("kafka.source"));
  QCOMPARE(nodes[0].properties["topics"], Json::array({"orders"}));
  QCOMPARE(nodes[0].properties["connection"], Json("local"));
  dropTopic(Qt::ShiftModifier, QPoint(500, 200));
  QCOMPARE(nodes.size(), size_t(2));
  QCOMPARE(nodes[1].type, std::string("kafka.sink"));
  QCOMPARE(nodes[1].properties["topic"], Json("orders"));
  // Each drop is one undo step, and the source has no problems.
  window.document()->undoStack()->undo();
  QCOMPARE(nodes.size(), size_t(1));
  window.document()->validateNow();
  QCOMPARE(window.document()->problemCount(nodes[0].id).errors, 0);
}

QTEST_MAIN(tst_TopicBrowser)
#include "tst_TopicBrowser.moc"
