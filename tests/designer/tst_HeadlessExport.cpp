// File > Export for Headless Run, driven like a user: a secret typed into the inspector's masked
// field and a connection password in the document are exported as ${VARIABLE} references, and
// no file of the chosen folder holds either value.
#include <QDirIterator>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "app/designer/MainWindow.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/PropertyEditors.h"
#include "app/designer/PropertyInspector.h"
#include "designer/StandInRegistry.h"
#include "engine/kafka/KafkaConnection.h"

using namespace sc;
using namespace sc::designer;

namespace {

const QByteArray kTypedSecret = "Typed-Secret-a61f";
const QByteArray kConnectionPassword = "Conn-Pw-b7e2";

// The stand-in node types (test.every has a secret "password") and the real Kafka connections.
const NodeRegistry& registry() {
  static const NodeRegistry r = [] {
    NodeRegistry copy = test::standInRegistry();
    copy.addConnectionType(kafka::kafkaConnectionType());
    return copy;
  }();
  return r;
}

Pipeline pipeline() {
  Pipeline p;
  p.name = "orders";
  p.connections = Json{{"local",
                        {{"type", "kafka"},
                         {"bootstrap_servers", "broker:9092"},
                         {"properties",
                          {{"security.protocol", "SASL_SSL"},
                           {"sasl.mechanism", "PLAIN"},
                           {"sasl.username", "alice"},
                           {"sasl.password", kConnectionPassword.toStdString()}}}}}};
  p.nodes = {
      PipelineNode{"src", "test.source", Json{{"path", "in.jsonl"}}, Json{{"x", 0}, {"y", 0}}},
      PipelineNode{"e", "test.every", Json::object(), Json{{"x", 300}, {"y", 0}}},
      PipelineNode{"out", "test.sink", Json::object(), Json{{"x", 600}, {"y", 0}}}};
  p.edges = {PipelineEdge{{"src", ""}, {"e", ""}}, PipelineEdge{{"e", ""}, {"out", ""}}};
  return p;
}

QStringList allFiles(const QString& dir) {
  QStringList out;
  QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
  while (it.hasNext())
    out << it.next();
  return out;
}

}  // namespace

class tst_HeadlessExport : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
    QCoreApplication::setOrganizationName("StreamCanvasTest");
    QCoreApplication::setApplicationName("tst_HeadlessExport");
  }

  void init() {
    errors_.clear();
    window_ = new MainWindow(registry());
    window_->setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
    window_->setErrorReporter(
        [this](const QString& title, const QString& text) { errors_ << title + '\n' + text; });
    window_->resize(1400, 900);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_));
  }

  void cleanup() {
    window_->close();
    delete window_;
    window_ = nullptr;
  }

  void exportFromTheFileMenuWritesNoSecret() {
    window_->document()->setPipeline(pipeline());
    window_->document()->setSelection({"e"});
    PropertyEditor* editor = window_->inspector()->editor("password");
    QVERIFY(editor);
    auto* password = editor->findChild<QLineEdit*>();
    QVERIFY(password);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QTest::keyClicks(password, QString::fromLatin1(kTypedSecret));
    QCOMPARE(window_->document()->pipeline().node("e")->properties["password"],
             Json(kTypedSecret.toStdString()));

    // The action sits in the File menu; the folder picker answers with a new folder.
    QAction* action = window_->action("exportHeadless");
    QVERIFY(action);
    QMenu* file = nullptr;
    for (QAction* top : window_->menuBar()->actions())
      if (top->menu() && top->menu()->actions().contains(action)) file = top->menu();
    QVERIFY(file);
    QCOMPARE(file->title(), tr("&File"));
    const QString out = dir_.filePath("orders-headless");
    QString offered;
    window_->setDirectoryChooser([&](const QString&, const QString& start) {
      offered = start;
      return out;
    });
    action->trigger();
    QVERIFY2(errors_.isEmpty(), qPrintable(errors_.join('\n')));
    QVERIFY2(offered.endsWith("/orders-headless"), qPrintable(offered));

    const QStringList files = allFiles(out);
    QCOMPARE(files.size(), 5);
    for (const QString& path : files) {
      QFile f(path);
      QVERIFY(f.open(QIODevice::ReadOnly));
      const QByteArray text = f.readAll();
      QVERIFY2(!text.contains(kTypedSecret), qPrintable(path));
      QVERIFY2(!text.contains(kConnectionPassword), qPrintable(path));
    }
    QFile json(out + "/pipeline.json");
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QByteArray exported = json.readAll();
    QVERIFY2(exported.contains("\"password\": \"${E_PASSWORD}\""), exported);
    QVERIFY2(exported.contains("\"sasl.password\": \"${KAFKA_LOCAL_SASL_PASSWORD}\""), exported);
    QFile example(out + "/.env.example");
    QVERIFY(example.open(QIODevice::ReadOnly));
    const QByteArray env = example.readAll();
    QVERIFY2(env.contains("\nE_PASSWORD=\n") && env.contains("\nKAFKA_LOCAL_SASL_PASSWORD=\n"),
             env);

    // The summary says where it went and what the operator must set; the document keeps its
    // value (the export changes no field) and is not marked modified by the export.
    auto* summary = window_->findChild<QMessageBox*>("headlessExportSummary");
    QVERIFY(summary);
    QVERIFY(summary->isVisible());
    const QString text = summary->text();
    QVERIFY2(text.contains(QDir::toNativeSeparators(out)), qPrintable(text));
    QVERIFY2(text.contains("E_PASSWORD (secret, required)"), qPrintable(text));
    QVERIFY2(text.contains("KAFKA_LOCAL_SASL_PASSWORD (secret, required)"), qPrintable(text));
    QVERIFY2(text.contains("KAFKA_LOCAL_BOOTSTRAP_SERVERS (has a default)"), qPrintable(text));
    QVERIFY2(!text.contains(kTypedSecret) && !text.contains(kConnectionPassword), qPrintable(text));
    summary->accept();
    QCOMPARE(window_->document()->pipeline().node("e")->properties["password"],
             Json(kTypedSecret.toStdString()));
  }

  void invalidPipelineIsNotExported() {
    Pipeline p = pipeline();
    p.nodes[1].type = "test.nope";
    window_->document()->setPipeline(p);
    const QString out = dir_.filePath("invalid");
    window_->setDirectoryChooser([&](const QString&, const QString&) { return out; });
    window_->action("exportHeadless")->trigger();
    QCOMPARE(errors_.size(), 1);
    QVERIFY2(errors_[0].contains("unknown node type 'test.nope'"), qPrintable(errors_[0]));
    QVERIFY(!QDir(out).exists());
    QVERIFY(!window_->findChild<QMessageBox*>("headlessExportSummary"));

    // A cancelled picker exports nothing and says nothing.
    window_->document()->setPipeline(pipeline());
    window_->setDirectoryChooser([](const QString&, const QString&) { return QString(); });
    window_->action("exportHeadless")->trigger();
    QCOMPARE(errors_.size(), 1);
    QVERIFY(!window_->findChild<QMessageBox*>("headlessExportSummary"));
  }

 private:
  QTemporaryDir dir_;
  MainWindow* window_ = nullptr;
  QStringList errors_;
};

QTEST_MAIN(tst_HeadlessExport)
#include "tst_HeadlessExport.moc"
