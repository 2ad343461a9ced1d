// The Topics dock through a user's session, against embedded Kafka clusters (real protocol on
// loopback), driven with mouse and keys: a new or opened document leaves nothing of the previous
// one and never sends an entry's label to librdkafka; new messages after a filtered read
// continue it through its filter; dropped topics work whatever cluster they were browsed
// through, and a Shift drop copies; the groups of the document's sources are offered; a read
// from a time that finds nothing says why; counts and errors read well.
#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

#include "app/designer/GraphView.h"
#include "app/designer/GroupLagView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/MessageTableModel.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
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

QString writePipeline(const QTemporaryDir& dir, const char* name, const std::string& text) {
  const QString path = dir.filePath(QLatin1String(name));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(text.data(), qint64(text.size()));
  return path;
}

}  // namespace

class tst_TopicBrowserSession : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void newDocumentOffersItsClustersAndClearsWhatWasShown();
  void labelIsNeverSentAsAnAddress();
  void newMessagesContinueAFilteredRead();
  void droppingATopicOfAnotherClusterAddsItsConnection();
  void droppingReusesAConnectionWithTheSameServers();
  void shiftDropCopiesTheTopic();
  void groupsOfTheDocumentsSourcesAreOffered();
  void readingFromATimeSaysHowOldTheNewestMessageIs();
  void countsAndErrorsReadWell();

 private:
  TopicBrowser* show(MainWindow& window) { return showTopicsDock(window); }
  void typeCluster(TopicBrowser* browser, const QString& text) {
    QLineEdit* edit = browser->clusterEdit()->lineEdit();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  }
  // A drop of the topic's drag data (made by the topic table) on the canvas.
  Qt::DropAction dropTopic(MainWindow& window, const QString& topic,
                           Qt::KeyboardModifiers modifiers, QPoint at) {
    QTableWidget* topics = window.topicBrowser()->topicTable();
    std::unique_ptr<QMimeData> mime(
        topics->model()->mimeData({topics->model()->index(rowOf(topics, topic), 0)}));
    if (!mime) return Qt::IgnoreAction;
    QWidget* canvas = window.view()->viewport();
    const Qt::DropActions offered = Qt::CopyAction | Qt::MoveAction;
    QDragEnterEvent enter(at, offered, mime.get(), Qt::LeftButton, modifiers);
    QApplication::sendEvent(canvas, &enter);
    if (!enter.isAccepted()) return Qt::IgnoreAction;
    QDropEvent drop(QPointF(at), offered, mime.get(), Qt::LeftButton, modifiers);
    QApplication::sendEvent(canvas, &drop);
    return drop.isAccepted() ? drop.dropAction() : Qt::IgnoreAction;
  }
  static QJsonObject valueOf(const KafkaMessage& m) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(m.value.value_or(""))).object();
  }
  std::string address() const { return cluster_->bootstrapServers(); }

  std::shared_ptr<EmbeddedCluster> cluster_;
};

void tst_TopicBrowserSession::initTestCase() {
  qunsetenv("KAFKA_BOOTSTRAP");
  auto started = EmbeddedCluster::start(1, 2, "session-test");
  QVERIFY2(started.ok(), started.error.c_str());
  cluster_ = started.value;
  QVERIFY(cluster_->ensureTopic("orders", 2).ok());
  test::produceAll(address(), "orders", {{R"({"n":1})", "a", {}, 0}, {R"({"n":2})", "b", {}, 1}});
}

// Issue 11, a user test: after Ctrl+N the cluster field kept "connection local (embedded)" and
// Refresh sent it to librdkafka ("Broker transport failure"); the previous document's messages
// and group lag stayed.
void tst_TopicBrowserSession::newDocumentOffersItsClustersAndClearsWhatWasShown() {
  QTemporaryDir dir;
  const QString path = writePipeline(dir, "demo.json", R"({
  "streamcanvas": 1, "name": "demo",
  "connections": {"local": {"type": "kafka", "bootstrap_servers": "${KAFKA_BOOTSTRAP:-embedded}"}},
  "nodes": [
    {"id": "src", "type": "kafka.source",
     "properties": {"connection": "local", "topics": ["readings"], "group_id": "readers"}},
    {"id": "out", "type": "discard.sink"}
  ],
  "edges": [{"from": "src", "to": "out"}]
})");
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = show(window);
  QVERIFY(browser);
  QVERIFY(window.openFile(path));
  QComboBox* cluster = browser->clusterEdit();
  QCOMPARE(cluster->currentText(), QStringLiteral("connection local (embedded)"));
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!browser->isBusy(), 15000);
  // The designer's embedded cluster of "local", with a topic and a group that has read it.
  ConnectionSettings local;
  local.name = "local";
  auto resolved = resolveConnection(local, window.runController()->resources());
  QVERIFY2(resolved.ok(), resolved.error.c_str());
  QVERIFY(resolved.value.ensureTopic("readings").ok());
  test::produceAll(resolved.value.bootstrapServers, "readings", {{R"({"t":1})", "k", {}, 0}});
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  clickTopic(browser, "readings");
  browser->tabs()->setCurrentIndex(1);
  GroupLagView* groups = browser->groupView();
  QCOMPARE(groups->groupEdit()->currentText(), QString());
  groups->groupEdit()->lineEdit()->selectAll();
  QTest::keyClicks(groups->groupEdit()->lineEdit(), "readers");
  QTest::mouseClick(groups->showButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(groups->historyPoints() == 1, 15000);

  // File > New.
  QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
  QVERIFY(window.document()->pipeline().nodes.empty());
  QCOMPARE(cluster->findText(QStringLiteral("connection local (embedded)")), -1);
  QVERIFY2(cluster->currentText().startsWith("local run's embedded cluster"),
           qPrintable(cluster->currentText()));
  QCOMPARE(browser->topicTable()->rowCount(), 0);
  QCOMPARE(rows(browser->messageTable()), 0);
  QCOMPARE(browser->partitionTable()->rowCount(), 0);
  QVERIFY(!browser->produceButton()->isEnabled());
  QCOMPARE(groups->offsetTable()->rowCount(), 0);
  QCOMPARE(groups->historyPoints(), 0);
  QCOMPARE(groups->groupEdit()->currentText(), QString());

  // Refresh lists the cluster the entry names.
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "readings") >= 0, 15000);
  QVERIFY2(!browser->statusLabel()->text().contains("Cannot"),
           qPrintable(browser->statusLabel()->text()));

  // Open again: the document's connection is chosen again, nothing of before stays.
  clickTopic(browser, "readings");
  QVERIFY(window.openFile(path));
  QCOMPARE(cluster->currentText(), QStringLiteral("connection local (embedded)"));
  QCOMPARE(browser->topicTable()->rowCount(), 0);
  QCOMPARE(rows(browser->messageTable()), 0);
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "readings") >= 0, 15000);
}

void tst_TopicBrowserSession::labelIsNeverSentAsAnAddress() {
  // Text that is no bootstrap list (an entry's label of an earlier document, typed or pasted)
  // is refused with what to do, without a call to a cluster.
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = show(window);
  QVERIFY(browser);
  typeCluster(browser, QStringLiteral("connection local (embedded)"));
  QVERIFY(!browser->isBusy());
  const QString status = browser->statusLabel()->text();
  QVERIFY2(status.contains("is no cluster address") && !status.contains("transport"),
           qPrintable(status));
}

// Issue 11: "Produce again" after a read with a filter appended 800 unfiltered rows (the newest
// 200 of each partition since the topic was chosen) without the produced message.
void tst_TopicBrowserSession::newMessagesContinueAFilteredRead() {
  QVERIFY(cluster_->ensureTopic("temperatures", 2).ok());
  auto produce = [&](int from, int to) {
    std::vector<test::Produced> all;
    for (int i = from; i < to; ++i)
      all.push_back({R"({"n":)" + std::to_string(i) + R"(,"temperature":)" +
                         std::to_string(30 + i % 10) + "}",
                     "",
                     {},
                     i % 2});
    test::produceAll(address(), "temperatures", all);
  };
  produce(0, 600);
  // Matches: partition 1 (odd n) above 37 degrees: n % 10 == 9, 39 degrees.
  auto matches = [](const QJsonObject& v, int partition) {
    return partition == 1 && v.value("temperature").toInt() > 37;
  };
  int expected = 0;
  for (int i = 0; i < 1200; ++i)
    if (i % 2 == 1 && 30 + i % 10 > 37) ++expected;

  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = show(window);
  QVERIFY(browser);
  typeCluster(browser, QString::fromStdString(address()));
  clickTopic(browser, "temperatures");
  // A pipeline writes meanwhile: 300 a partition more than a page of 200.
  produce(600, 1200);
  read(browser, "beginning", "$partition == 1 && temperature > 37");
  QCOMPARE(int(browser->shownMessages().size()), expected);

  // Produce Again of a shown message, edited: it comes after the read, and only it.
  QTableView* table = browser->messageTable();
  QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                    table->visualRect(table->model()->index(0, 4)).center());
  QTest::mouseClick(browser->produceAgainButton(), Qt::LeftButton);
  QCOMPARE(browser->partitionBox()->value(), 1);
  browser->valueEdit()->selectAll();
  QTest::keyClicks(browser->valueEdit(), R"({"n":1000,"temperature":41})");
  QTest::mouseClick(browser->produceButton(), Qt::LeftButton);
  QTRY_COMPARE_WITH_TIMEOUT(int(browser->shownMessages().size()), expected + 1, 15000);
  QTRY_VERIFY_WITH_TIMEOUT(!browser->isBusy(), 15000);
  QCOMPARE(valueOf(browser->shownMessages().back()).value("n").toInt(), 1000);
  for (const KafkaMessage& m : browser->shownMessages())
    QVERIFY2(matches(valueOf(m), m.partition), m.value->c_str());

  // One that does not match: not shown, and the status says why.
  QTest::keyClicks(browser->valueEdit(), R"({"n":1001,"temperature":20})");
  QTest::mouseClick(browser->produceButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(browser->statusLabel()->text().contains("does not match the filter"),
                           15000);
  QCOMPARE(int(browser->shownMessages().size()), expected + 1);

  // Following continues the same way, all of what arrives (more than 200 a partition at once).
  QTest::mouseClick(browser->followBox(), Qt::LeftButton);
  QVERIFY(browser->followBox()->isChecked());
  std::vector<test::Produced> more;
  for (int i = 0; i < 500; ++i)
    more.push_back({R"({"n":)" + std::to_string(2000 + i) + R"(,"temperature":)" +
                        std::to_string(i % 2 ? 45 : 20) + "}",
                    "",
                    {},
                    1});
  test::produceAll(address(), "temperatures", more);
  QTRY_COMPARE_WITH_TIMEOUT(int(browser->shownMessages().size()), expected + 1 + 250, 30000);
  for (const KafkaMessage& m : browser->shownMessages())
    QVERIFY2(matches(valueOf(m), m.partition), m.value->c_str());
  QTest::mouseClick(browser->followBox(), Qt::LeftButton);
}

// Issue 11: a topic browsed through a typed address (or a run's embedded cluster) dropped as a
// kafka.source without a connection ("missing required property 'connection'").
void tst_TopicBrowserSession::droppingATopicOfAnotherClusterAddsItsConnection() {
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = show(window);
  QVERIFY(browser);
  PipelineDocument* doc = window.document();
  typeCluster(browser, QString::fromStdString(address()));
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "orders") >= 0, 15000);
  QCOMPARE(dropTopic(window, "orders", Qt::NoModifier, QPoint(200, 200)), Qt::CopyAction);
  QCOMPARE(doc->pipeline().nodes.size(), size_t(1));
  const PipelineNode& node = doc->pipeline().nodes[0];
  QCOMPARE(node.type, std::string("kafka.source"));
  const std::string name = node.properties.value("connection", std::string());
  QVERIFY(!name.empty());
  QCOMPARE(doc->connection(name).value("bootstrap_servers", std::string()), address());
  doc->validateNow();
  QCOMPARE(doc->problemCount(node.id).errors, 0);
  // One Undo removes the node and its connection.
  doc->undoStack()->undo();
  QVERIFY(doc->pipeline().nodes.empty());
  QVERIFY(doc->connectionNames().isEmpty());

  // A run's embedded cluster: its connection, set to "embedded" (the designer's runs find the
  // same cluster by the connection's name).
  ConnectionSettings demo;
  demo.name = "demo";
  auto demoCluster = resolveConnection(demo, window.runController()->resources());
  QVERIFY2(demoCluster.ok(), demoCluster.error.c_str());
  QVERIFY(demoCluster.value.ensureTopic("demo-topic").ok());
  window.document()->newDocument();  // offers the run's cluster
  // Another connection, listed before the run's cluster: the dock must not switch to it when
  // the drop adds "demo" (it did, by falling back to the first entry).
  doc->addConnection("analytics", Json{{"type", "kafka"}, {"bootstrap_servers", address()}});
  QComboBox* cluster = browser->clusterEdit();
  const int index =
      cluster->findText(QStringLiteral("demo run's embedded cluster (%1)")
                            .arg(QString::fromStdString(demoCluster.value.bootstrapServers)));
  QVERIFY(index >= 0);
  cluster->setCurrentIndex(index);
  QTest::mouseClick(browser->refreshButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "demo-topic") >= 0, 15000);
  QCOMPARE(dropTopic(window, "demo-topic", Qt::NoModifier, QPoint(200, 200)), Qt::CopyAction);
  QCOMPARE(doc->pipeline().nodes.size(), size_t(1));
  QCOMPARE(doc->pipeline().nodes[0].properties["connection"], Json("demo"));
  QCOMPARE(doc->connection("demo"), (Json{{"type", "kafka"}, {"bootstrap_servers", "embedded"}}));
  doc->validateNow();
  QCOMPARE(doc->problemCount(doc->pipeline().nodes[0].id).errors, 0);
  // The dock stays on that cluster, now under the connection's entry; a second drop uses it.
  QCOMPARE(cluster->currentText(), QStringLiteral("connection demo (embedded)"));
  QCOMPARE(dropTopic(window, "demo-topic", Qt::NoModifier, QPoint(200, 400)), Qt::CopyAction);
  QCOMPARE(doc->pipeline().nodes.size(), size_t(2));
  QCOMPARE(doc->pipeline().nodes[1].properties["connection"], Json("demo"));
  // Undone, the run's entry is chosen again, not "analytics".
  doc->undoStack()->undo();
  doc->undoStack()->undo();
  QVERIFY(!doc->connectionNames().contains("demo"));
  QVERIFY2(cluster->currentText().startsWith(QStringLiteral("demo run's embedded cluster")),
           qPrintable(cluster->currentText()));
}

void tst_TopicBrowserSession::droppingReusesAConnectionWithTheSameServers() {
  // The document reaches the cluster through ${VAR}: the node refers to that connection, and
  // the address is written nowhere.
  qputenv("SC_SESSION_BOOTSTRAP", QByteArray::fromStdString(address()));
  QTemporaryDir dir;
  const QString path = writePipeline(dir, "p.json", R"({
  "streamcanvas": 1, "name": "p",
  "connections": {"prod": {"type": "kafka", "bootstrap_servers": "${SC_SESSION_BOOTSTRAP}"}},
  "nodes": [], "edges": []
})");
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = show(window);
  QVERIFY(browser);
  QVERIFY(window.openFile(path));
  typeCluster(browser, QString::fromStdString(address()));
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "orders") >= 0, 15000);
  QCOMPARE(dropTopic(window, "orders", Qt::NoModifier, QPoint(200, 200)), Qt::CopyAction);
  PipelineDocument* doc = window.document();
  QCOMPARE(doc->pipeline().nodes.size(), size_t(1));
  QCOMPARE(doc->pipeline().nodes[0].properties["connection"], Json("prod"));
  QCOMPARE(doc->connectionNames(), QStringList{"prod"});
  QVERIFY(doc->fileText().find(address()) == std::string::npos);
  qunsetenv("SC_SESSION_BOOTSTRAP");
}

// Issue 11: Shift (for a sink) made the drop a move, and the topic list cleared the row.
void tst_TopicBrowserSession::shiftDropCopiesTheTopic() {
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = show(window);
  QVERIFY(browser);
  typeCluster(browser, QString::fromStdString(address()));
  QTableWidget* topics = browser->topicTable();
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(topics, "orders") >= 0, 15000);
  // The list offers copies only, and the canvas takes a Shift drop as a copy.
  QCOMPARE(topics->model()->supportedDragActions(), Qt::DropActions(Qt::CopyAction));
  QCOMPARE(dropTopic(window, "orders", Qt::ShiftModifier, QPoint(300, 200)), Qt::CopyAction);
  QCOMPARE(window.document()->pipeline().nodes.size(), size_t(1));
  QCOMPARE(window.document()->pipeline().nodes[0].type, std::string("kafka.sink"));
  QVERIFY(rowOf(topics, "orders") >= 0);
}

// Issue 11: the default group of a kafka.source without group_id was not offered.
void tst_TopicBrowserSession::groupsOfTheDocumentsSourcesAreOffered() {
  QTemporaryDir dir;
  const QString path = writePipeline(dir, "g.json", R"({
  "streamcanvas": 1, "name": "sensor-averages",
  "connections": {"local": {"type": "kafka", "bootstrap_servers": "localhost:9"}},
  "nodes": [
    {"id": "a", "type": "kafka.source", "properties": {"connection": "local", "topics": ["x"]}},
    {"id": "b", "type": "kafka.source",
     "properties": {"connection": "local", "topics": ["y"], "group_id": "audit"}}
  ],
  "edges": []
})");
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = show(window);
  QVERIFY(browser);
  QVERIFY(window.openFile(path));
  QComboBox* groups = browser->groupView()->groupEdit();
  QStringList offered;
  for (int i = 0; i < groups->count(); ++i)
    offered << groups->itemText(i);
  QCOMPARE(offered, (QStringList{"audit", "streamcanvas-sensor-averages"}));
}

// Issue 11: "-10m" on a topic last written an hour ago said "0 matched" and nothing else.
void tst_TopicBrowserSession::readingFromATimeSaysHowOldTheNewestMessageIs() {
  QVERIFY(cluster_->ensureTopic("stale", 1).ok());
  const int64_t hourAgo = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
  test::produceAll(address(), "stale",
                   {{"{}", "", {}, 0, hourAgo - 1000}, {"{}", "", {}, 0, hourAgo}});
  QVERIFY(cluster_->ensureTopic("empty", 1).ok());
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = show(window);
  QVERIFY(browser);
  typeCluster(browser, QString::fromStdString(address()));
  clickTopic(browser, "stale");
  read(browser, "-10m", {});
  const QString status = browser->statusLabel()->text();
  const QString when = utcTimeText(hourAgo);
  QVERIFY2(status.contains("0 matched") && status.contains("newest message is from") &&
               status.contains(when),
           qPrintable(status + " / " + when));
}

void tst_TopicBrowserSession::countsAndErrorsReadWell() {
  QTemporaryDir dir;
  auto one = EmbeddedCluster::start(1, 1, "one-topic");
  QVERIFY2(one.ok(), one.error.c_str());
  QVERIFY(one.value->ensureTopic("only", 1).ok());
  MainWindow window(NodeRegistry::builtin());
  TopicBrowser* browser = show(window);
  QVERIFY(browser);
  typeCluster(browser, QString::fromStdString(one.value->bootstrapServers()));
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser->topicTable(), "only") >= 0, 15000);
  QVERIFY2(browser->statusLabel()->text().startsWith("1 topic on "),
           qPrintable(browser->statusLabel()->text()));
  typeCluster(browser, QStringLiteral("127.0.0.1:1"));
  QTRY_VERIFY_WITH_TIMEOUT(browser->statusLabel()->text().startsWith("Cannot list topics"), 30000);
  const QString error = browser->statusLabel()->text();
  QVERIFY2(error.startsWith("Cannot list topics of 127.0.0.1:1: ") &&
               !error.contains("cannot list topics", Qt::CaseSensitive),
           qPrintable(error));
}

QTEST_MAIN(tst_TopicBrowserSession)
#include "tst_TopicBrowserSession.moc"
