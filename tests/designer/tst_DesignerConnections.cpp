// The Connections dock, driven like a user on the real window: a Kafka pipeline built from an
// empty document with its connection, tested against the embedded cluster and run; a node's
// connection drop-down with "New connection…"; a wrong bootstrap list failing clearly without
// freezing the window; undo and redo of add, rename and delete; secrets typed in clear offered
// as ${VAR} and warned about on save.
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "app/designer/ConnectionsPanel.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/NodeItem.h"
#include "app/designer/NodePalette.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/PropertyEditors.h"
#include "app/designer/PropertyInspector.h"
#include "app/designer/RunController.h"
#include "app/designer/Theme.h"
#include "engine/kafka/ClusterAdmin.h"

using namespace sc;
using namespace sc::designer;

class tst_DesignerConnections : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void buildKafkaPipelineWithItsConnectionByMouseAndKeys();
  void nodeDropDownCreatesAConnection();
  void wrongBootstrapFailsClearlyWithoutFreezing();
  void addRenameDeleteUndoRedo();
  void clearSecretIsOfferedAsVariableAndSavingWarns();
  void securityPresetShowsItsFields();
  void screenshotsInBothThemes();

 private:
  // Brings the Connections dock to the front by clicking its tab.
  void showConnectionsDock();
  void dropFromPalette(const QString& type, QPoint at);
  void wire(QPoint from, QPoint to);
  QPoint portPoint(const QString& id, bool output, const QString& port) const;
  QPoint titlePoint(const QString& id) const;
  void clickNode(const QString& id);
  // Answers the next "secrets in clear" warning with `button` once it shows.
  void answerSecretsWarning(QMessageBox::StandardButton button);
  ConnectionsPanel* panel() const { return window_->connectionsPanel(); }
  PipelineDocument* doc() const { return window_->document(); }

  QTemporaryDir dir_;
  std::unique_ptr<QTemporaryDir> state_;
  MainWindow* window_ = nullptr;
  QStringList errors_;
  bool warningShown_ = false;
};

void tst_DesignerConnections::initTestCase() {
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
  QCoreApplication::setOrganizationName("StreamCanvasTest");
  QCoreApplication::setApplicationName("tst_DesignerConnections");
}

void tst_DesignerConnections::init() {
  errors_.clear();
  warningShown_ = false;
  state_ = std::make_unique<QTemporaryDir>();
  qputenv("XDG_STATE_HOME", state_->path().toUtf8());
  window_ = new MainWindow(NodeRegistry::builtin());
  window_->setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
  window_->setErrorReporter(
      [this](const QString& title, const QString& text) { errors_ << title + '\n' + text; });
  window_->resize(1400, 900);
  window_->show();
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
}

void tst_DesignerConnections::cleanup() {
  window_->close();
  delete window_;
  window_ = nullptr;
}

void tst_DesignerConnections::showConnectionsDock() {
  for (QTabBar* bar : window_->findChildren<QTabBar*>()) {
    for (int i = 0; i < bar->count(); ++i) {
      if (bar->tabText(i) != QLatin1String("Connections")) continue;
      QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(i).center());
      QTRY_VERIFY(panel()->isVisible());
      return;
    }
  }
  QFAIL("no Connections tab");
}

void tst_DesignerConnections::dropFromPalette(const QString& type, QPoint at) {
  NodePalette* palette = window_->nodePalette();
  const QModelIndex index = palette->indexOfType(type);
  QVERIFY2(index.isValid(), qPrintable(type));
  std::unique_ptr<QMimeData> mime(palette->view()->model()->mimeData({index}));
  QWidget* viewport = window_->view()->viewport();
  QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
  QApplication::sendEvent(viewport, &enter);
  QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
  QApplication::sendEvent(viewport, &move);
  QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
  QApplication::sendEvent(viewport, &drop);
  QVERIFY(drop.isAccepted());
}

void tst_DesignerConnections::wire(QPoint from, QPoint to) {
  QWidget* viewport = window_->view()->viewport();
  QTest::mousePress(viewport, Qt::LeftButton, {}, from);
  QTest::mouseMove(viewport, (from + to) / 2);
  QTest::mouseMove(viewport, to);
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

QPoint tst_DesignerConnections::portPoint(const QString& id, bool output,
                                          const QString& port) const {
  NodeItem* item = window_->scene()->nodeItem(id);
  return window_->view()->mapFromScene(item->mapToScene(item->portPosition(output, port)));
}

QPoint tst_DesignerConnections::titlePoint(const QString& id) const {
  NodeItem* item = window_->scene()->nodeItem(id);
  return window_->view()->mapFromScene(item->mapToScene(QPointF(100, 14)));
}

void tst_DesignerConnections::clickNode(const QString& id) {
  QTest::mouseClick(window_->view()->viewport(), Qt::LeftButton, {}, titlePoint(id));
  QCOMPARE(window_->inspector()->nodeId(), id);
}

void tst_DesignerConnections::answerSecretsWarning(QMessageBox::StandardButton button) {
  QTimer::singleShot(0, this, [this, button] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    if (!box || box->objectName() != QLatin1String("clearSecretsWarning")) {
      QTimer::singleShot(20, this, [this, button] { answerSecretsWarning(button); });
      return;
    }
    warningShown_ = true;
    QVERIFY(box->text().contains("local: sasl.password"));
    QVERIFY(!box->text().contains("hunter2"));  // names the property, never its value
    QTest::mouseClick(box->button(button), Qt::LeftButton);
  });
}

void tst_DesignerConnections::buildKafkaPipelineWithItsConnectionByMouseAndKeys() {
  // The connection: Add, name it "cluster" (the name field has focus), keep "embedded".
  showConnectionsDock();
  QTest::mouseClick(panel()->addButton(), Qt::LeftButton);
  QCOMPARE(doc()->connectionNames(), QStringList{"local"});
  QVERIFY(panel()->nameEdit()->hasFocus());
  QTest::keyClicks(panel()->nameEdit(), "cluster");
  QTest::keyClick(panel()->nameEdit(), Qt::Key_Return);
  QCOMPARE(doc()->connectionNames(), QStringList{"cluster"});
  QCOMPARE(doc()->connection("cluster"),
           Json({{"type", "kafka"}, {"bootstrap_servers", "embedded"}}));
  QCOMPARE(panel()->bootstrapEdit()->currentText(), QString("embedded"));

  // Test connection against the embedded cluster: it answers, with no topics yet.
  QTest::mouseClick(panel()->testButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!panel()->isTesting(), 15000);
  QVERIFY2(panel()->testStatus()->text().startsWith("Connected to 127.0.0.1:"),
           qPrintable(panel()->testStatus()->text()));

  // The graph: generator -> kafka.sink, dropped from the palette and wired by mouse.
  GraphView* view = window_->view();
  view->resetTransform();
  view->centerOn(400, 150);
  dropFromPalette("generator", QPoint(150, 150));
  dropFromPalette("kafka.sink", QPoint(520, 150));
  wire(portPoint("generator", true, "out"), portPoint("kafka_sink", false, "in"));
  QCOMPARE(doc()->pipeline().edges.size(), size_t(1));

  clickNode("generator");
  auto* count = qobject_cast<QLineEdit*>(window_->inspector()->editor("count")->focusTarget());
  QVERIFY(count);
  count->setFocus();
  QTest::keyClicks(count, "40");
  auto* rate = qobject_cast<QLineEdit*>(window_->inspector()->editor("rate")->focusTarget());
  rate->setFocus();
  QTest::keyClicks(rate, "0");

  // The sink's connection is a drop-down of the defined connections.
  clickNode("kafka_sink");
  auto* picker = qobject_cast<ConnectionPicker*>(window_->inspector()->editor("connection"));
  QVERIFY(picker);
  QComboBox* combo = picker->comboBox();
  QCOMPARE(combo->itemText(0), QString("cluster"));
  QCOMPARE(combo->itemText(picker->newConnectionIndex()), QString("New connection…"));
  combo->setFocus();
  QTest::keyClick(combo, Qt::Key_Down);
  QCOMPARE(doc()->pipeline().node("kafka_sink")->properties["connection"], Json("cluster"));
  auto* topic = qobject_cast<QLineEdit*>(window_->inspector()->editor("topic")->focusTarget());
  topic->setFocus();
  QTest::keyClicks(topic, "readings");
  QTRY_VERIFY2(doc()->diagnostics().empty(), doc()->diagnostics().format().c_str());

  // Run (F5) to the end: 40 records into the topic.
  view->setFocus();
  QTest::keyClick(window_, Qt::Key_F5);
  QVERIFY2(errors_.isEmpty(), qPrintable(errors_.join('\n')));
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runController()->isActive(), 30000);
  QVERIFY2(window_->statusBar()->currentMessage().startsWith("Run finished"),
           qPrintable(window_->statusBar()->currentMessage()));
  QCOMPARE(window_->runController()->stats().value(1).recordsIn, quint64(40));

  // Test connection again: the same embedded cluster, which now lists the topic.
  showConnectionsDock();
  QTest::mouseClick(panel()->testButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!panel()->isTesting(), 15000);
  QVERIFY2(!panel()->topicList()->findItems("readings", Qt::MatchExactly).isEmpty(),
           qPrintable(panel()->testStatus()->text()));
  QVERIFY(panel()->topicList()->isVisible());

  // The records are in the topic, as an outside client sees them.
  const auto clusters = window_->runController()->embeddedClusters();
  QCOMPARE(clusters.size(), 1);
  kafka::ResolvedConnection c;
  c.settings.name = "check";
  c.settings.bootstrapServers = c.bootstrapServers = clusters.first().second.toStdString();
  kafka::ClusterAdmin admin(c);
  auto info = admin.describeTopic("readings", 10000);
  QVERIFY2(info.ok(), info.error.c_str());
  QCOMPARE(info.value.messages(), int64_t(40));
}

void tst_DesignerConnections::nodeDropDownCreatesAConnection() {
  window_->view()->resetTransform();
  window_->view()->centerOn(400, 150);
  dropFromPalette("kafka.source", QPoint(200, 150));
  clickNode("kafka_source");
  // An unknown name is a problem until the connection exists.
  QTRY_VERIFY(!doc()->diagnostics().empty());
  const int steps = doc()->undoStack()->count();
  auto* picker = qobject_cast<ConnectionPicker*>(window_->inspector()->editor("connection"));
  QVERIFY(picker);
  QCOMPARE(picker->newConnectionIndex(), 0);  // no connections yet: only "New connection…"
  picker->comboBox()->setFocus();
  QTest::keyClick(picker->comboBox(), Qt::Key_Down);
  QCOMPARE(doc()->connectionNames(), QStringList{"local"});
  QCOMPARE(doc()->pipeline().node("kafka_source")->properties["connection"], Json("local"));
  QCOMPARE(picker->comboBox()->currentText(), QString("local"));
  // The editor opens on it.
  QTRY_VERIFY(panel()->isVisible());
  QCOMPARE(panel()->currentConnection(), QString("local"));
  QCOMPARE(panel()->bootstrapEdit()->currentText(), QString("embedded"));
  // One undo step for the connection and the node's choice of it.
  QCOMPARE(doc()->undoStack()->count(), steps + 1);
  window_->view()->setFocus();
  QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier);
  QVERIFY(doc()->connectionNames().isEmpty());
  QVERIFY(!doc()->pipeline().node("kafka_source")->properties.contains("connection"));
}

void tst_DesignerConnections::wrongBootstrapFailsClearlyWithoutFreezing() {
  showConnectionsDock();
  QTest::mouseClick(panel()->addButton(), Qt::LeftButton);
  QLineEdit* boot = panel()->bootstrapEdit()->lineEdit();
  boot->selectAll();
  QTest::keyClicks(boot, "127.0.0.1:1");
  QCOMPARE(doc()->connection("local")["bootstrap_servers"], Json("127.0.0.1:1"));
  // The embedded options apply only to the embedded cluster.
  QVERIFY(!panel()->findChild<QSpinBox*>("embedded_brokers")->isVisible());
  QTest::mouseClick(panel()->testButton(), Qt::LeftButton);
  // The click returned at once: the test runs on a worker while the window keeps working.
  QVERIFY(panel()->isTesting());
  QVERIFY(!panel()->testButton()->isEnabled());
  QCOMPARE(panel()->testStatus()->text(), QString("Connecting to 127.0.0.1:1…"));
  QTRY_VERIFY_WITH_TIMEOUT(!panel()->isTesting(), 20000);
  const QString status = panel()->testStatus()->text();
  QVERIFY2(status.startsWith("Connection to 127.0.0.1:1 failed: cannot list topics of "
                             "127.0.0.1:1: "),
           qPrintable(status));
  QVERIFY2(status.contains("No broker answered: check the host names and ports"),
           qPrintable(status));
  QVERIFY(panel()->topicList()->isHidden());
  QVERIFY(panel()->testButton()->isEnabled());
}

void tst_DesignerConnections::addRenameDeleteUndoRedo() {
  // A node refers to the connection: a rename carries it along.
  window_->view()->resetTransform();
  dropFromPalette("kafka.sink", QPoint(300, 200));
  showConnectionsDock();
  QTest::mouseClick(panel()->addButton(), Qt::LeftButton);
  QTest::keyClick(panel()->nameEdit(), Qt::Key_Return);  // keeps "local"
  doc()->setProperty("kafka_sink", "connection", Json("local"));
  const Json local = doc()->connection("local");

  QTest::mouseClick(panel()->renameButton(), Qt::LeftButton);
  QVERIFY(panel()->nameEdit()->hasFocus());
  QTest::keyClicks(panel()->nameEdit(), "prod");  // replaces the selected name
  QTest::keyClick(panel()->nameEdit(), Qt::Key_Return);
  QCOMPARE(doc()->connectionNames(), QStringList{"prod"});
  QCOMPARE(doc()->connection("prod"), local);
  QCOMPARE(doc()->pipeline().node("kafka_sink")->properties["connection"], Json("prod"));

  QTest::mouseClick(panel()->deleteButton(), Qt::LeftButton);
  QVERIFY(doc()->connectionNames().isEmpty());
  QVERIFY(panel()->currentConnection().isEmpty());
  QVERIFY(!panel()->testButton()->isEnabled() || !panel()->testButton()->isVisibleTo(panel()) ||
          !panel()->renameButton()->isEnabled());

  window_->view()->setFocus();
  auto undo = [&] { QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier); };
  auto redo = [&] {
    QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  };
  undo();  // the delete
  QCOMPARE(doc()->connectionNames(), QStringList{"prod"});
  QCOMPARE(panel()->connectionList()->count(), 1);
  undo();  // the rename, with the node's reference
  QCOMPARE(doc()->connectionNames(), QStringList{"local"});
  QCOMPARE(doc()->pipeline().node("kafka_sink")->properties["connection"], Json("local"));
  QCOMPARE(panel()->nameEdit()->text(), QString("local"));
  undo();  // the property set by the test
  undo();  // the add
  QVERIFY(doc()->connectionNames().isEmpty());
  QCOMPARE(panel()->connectionList()->count(), 0);
  redo();
  redo();
  redo();
  QCOMPARE(doc()->connectionNames(), QStringList{"prod"});
  QCOMPARE(doc()->pipeline().node("kafka_sink")->properties["connection"], Json("prod"));
  redo();
  QVERIFY(doc()->connectionNames().isEmpty());
}

void tst_DesignerConnections::clearSecretIsOfferedAsVariableAndSavingWarns() {
  showConnectionsDock();
  QTest::mouseClick(panel()->addButton(), Qt::LeftButton);
  QTest::keyClick(panel()->nameEdit(), Qt::Key_Return);
  // Preset "SASL_SSL with PLAIN" by keyboard: the user name and password fields appear.
  QComboBox* security = panel()->securityPreset();
  security->setFocus();
  QTest::keyClick(security, Qt::Key_Down);
  QCOMPARE(doc()->connection("local")["properties"],
           Json({{"security.protocol", "SASL_SSL"}, {"sasl.mechanism", "PLAIN"}}));
  QLineEdit* user = panel()->propertyField("sasl.username");
  QLineEdit* password = panel()->propertyField("sasl.password");
  QVERIFY(user->isVisible() && password->isVisible());
  QTest::keyClicks(user, "alice");
  QVERIFY(!panel()->variableButton("sasl.password")->isVisible());
  const int steps = doc()->undoStack()->count();
  QTest::keyClicks(password, "hunter2");
  QCOMPARE(doc()->undoStack()->count(), steps + 1);  // typing a password is one step
  QPushButton* variable = panel()->variableButton("sasl.password");
  QVERIFY(variable->isVisible());
  QCOMPARE(variable->text(), QString("Use variable ${LOCAL_SASL_PASSWORD}"));
  QCOMPARE(doc()->clearSecrets(), QStringList{"local: sasl.password"});

  // Saving warns; Cancel writes nothing.
  const QString path = dir_.filePath("secret.json");
  answerSecretsWarning(QMessageBox::Cancel);
  QVERIFY(!window_->saveFile(path));
  QVERIFY(warningShown_);
  QVERIFY(!QFile::exists(path));
  QVERIFY(window_->isWindowModified());
  // Save anyway: the user was told.
  warningShown_ = false;
  answerSecretsWarning(QMessageBox::Save);
  QVERIFY(window_->saveFile(path));
  QVERIFY(warningShown_);
  QVERIFY(QFile::exists(path));

  // The offered variable replaces the secret; saving no longer asks.
  QTest::mouseClick(variable, Qt::LeftButton);
  QCOMPARE(doc()->connection("local")["properties"]["sasl.password"],
           Json("${LOCAL_SASL_PASSWORD}"));
  QVERIFY(!variable->isVisible());
  QVERIFY(panel()->testStatus()->text().contains("LOCAL_SASL_PASSWORD"));
  QVERIFY(doc()->clearSecrets().isEmpty());
  QVERIFY(window_->saveFile(path));
  QFile saved(path);
  QVERIFY(saved.open(QIODevice::ReadOnly));
  const QByteArray text = saved.readAll();
  QVERIFY(!text.contains("hunter2"));
  QVERIFY(text.contains("${LOCAL_SASL_PASSWORD}"));
}

void tst_DesignerConnections::securityPresetShowsItsFields() {
  showConnectionsDock();
  QTest::mouseClick(panel()->addButton(), Qt::LeftButton);
  QTest::keyClick(panel()->nameEdit(), Qt::Key_Return);
  QComboBox* security = panel()->securityPreset();
  security->setFocus();
  // PLAINTEXT -> PLAIN -> SCRAM-256 -> SCRAM-512 -> mTLS
  for (int i = 0; i < 4; ++i)
    QTest::keyClick(security, Qt::Key_Down);
  QCOMPARE(doc()->connection("local")["properties"], Json({{"security.protocol", "SSL"}}));
  for (const char* key :
       {"ssl.ca.location", "ssl.certificate.location", "ssl.key.location", "ssl.key.password"})
    QVERIFY2(panel()->propertyField(key)->isVisible(), key);
  QVERIFY(!panel()->propertyField("sasl.username")->isVisible());
  QVERIFY(panel()->findChild<QToolButton*>("ssl.certificate.location.pick")->isVisible());
  QTest::keyClick(security, Qt::Key_Down);  // OAUTHBEARER
  QCOMPARE(doc()->connection("local")["properties"], Json({{"security.protocol", "SASL_SSL"},
                                                           {"sasl.mechanism", "OAUTHBEARER"},
                                                           {"sasl.oauthbearer.method", "oidc"}}));
  QVERIFY(panel()->propertyField("sasl.oauthbearer.token.endpoint.url")->isVisible());
  QVERIFY(!panel()->propertyField("ssl.certificate.location")->isVisible());

  // Another librdkafka property through the table.
  QTest::mouseClick(panel()->findChild<QToolButton*>("addProperty"), Qt::LeftButton);
  QTableWidget* table = panel()->propertyTable();
  QCOMPARE(table->rowCount(), 1);
  QTest::keyClicks(QApplication::focusWidget(), "client.id");
  QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
  QTest::keyClicks(QApplication::focusWidget(), "designer");
  QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
  QTRY_COMPARE(doc()->connection("local")["properties"].value("client.id", ""),
               std::string("designer"));
  // Back to none: the preset's keys go, the other property stays.
  QTest::keyClick(security, Qt::Key_Home);
  QCOMPARE(doc()->connection("local")["properties"], Json({{"client.id", "designer"}}));
}

void tst_DesignerConnections::screenshotsInBothThemes() {
  showConnectionsDock();
  QTest::mouseClick(panel()->addButton(), Qt::LeftButton);
  QTest::keyClick(panel()->nameEdit(), Qt::Key_Return);
  QTest::mouseClick(panel()->testButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!panel()->isTesting(), 20000);
  QComboBox* security = panel()->securityPreset();
  security->setFocus();
  QTest::keyClick(security, Qt::Key_Down);
  QTest::keyClicks(panel()->propertyField("sasl.username"), "alice");
  QTest::keyClicks(panel()->propertyField("sasl.password"), "secret");
  QDir().mkpath(QStringLiteral(SC_BINARY_DIR "/screenshots"));
  for (const auto& [theme, name] : {std::pair{Theme::Light, "light"}, {Theme::Dark, "dark"}}) {
    applyTheme(theme);
    QTest::qWait(50);
    QVERIFY(window_->grab().save(
        QStringLiteral(SC_BINARY_DIR "/screenshots/connections-%1.png").arg(name)));
    QVERIFY(panel()->grab().save(
        QStringLiteral(SC_BINARY_DIR "/screenshots/connections-dock-%1.png").arg(name)));
  }
  applyTheme(Theme::Light);
}

QTEST_MAIN(tst_DesignerConnections)
#include "tst_DesignerConnections.moc"
