// File > Export > Flink SQL..., driven like a user: the menu opened with a click on the menu bar
// and walked with its accelerator keys. A translatable pipeline gives the same script, byte for
// byte, as streamcanvas-run --export flink-sql on the same file (${VAR} references kept); an
// untranslatable one lists every refusal the runner reports, choosing one shows its node, and
// no file is asked for or written.
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "app/designer/FlinkSqlProblems.h"
#include "app/designer/MainWindow.h"
#include "app/designer/PipelineDocument.h"
#include "engine/graph/NodeRegistry.h"

using namespace sc;
using namespace sc::designer;

namespace {

struct RunnerExport {
  int exitCode = -1;
  QByteArray script;  // -o file
  QByteArray errors;  // standard error
};

RunnerExport runnerExport(const QString& pipeline, const QString& output) {
  QProcess p;
  p.start(STREAMCANVAS_RUN_EXE, {"--export", "flink-sql", pipeline, "-o", output});
  RunnerExport r;
  if (!p.waitForFinished(60'000)) return r;
  r.exitCode = p.exitCode();
  r.errors = p.readAllStandardError();
  QFile f(output);
  if (f.open(QIODevice::ReadOnly)) r.script = f.readAll();
  return r;
}

// Refused three ways in three nodes (the window twice) and in a connection.
const char* kUntranslatable = R"j({
  "streamcanvas": 1,
  "name": "refused",
  "connections": {"k": {"type": "kafka", "bootstrap_servers": "${KAFKA_BOOTSTRAP}",
                        "properties": {"security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN",
                                       "sasl.username": "u", "sasl.password": "hunter2"}}},
  "nodes": [
    {"id": "in", "type": "kafka.source",
     "properties": {"connection": "k", "topics": ["readings"], "start": "earliest"}},
    {"id": "stamp", "type": "map", "properties": {"set": {"seen": "now()"}}},
    {"id": "odd", "type": "filter", "properties": {"condition": "v % 2 == 1"}},
    {"id": "per-10s", "type": "window.tumbling",
     "properties": {"size": "10s", "timestamp": "ts", "emit": "1s",
                    "aggregates": [{"as": "p", "fn": "p99", "of": "v"}]}},
    {"id": "out", "type": "file.sink", "properties": {"path": "/tmp/out"}}
  ],
  "edges": [{"from": "in", "to": "stamp"}, {"from": "stamp", "to": "odd"},
            {"from": "odd", "to": "per-10s"}, {"from": "per-10s", "to": "out"}]
}
)j";

}  // namespace

class tst_FlinkSqlMenu : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
    QCoreApplication::setOrganizationName("StreamCanvasTest");
    QCoreApplication::setApplicationName("tst_FlinkSqlMenu");
  }

  void init() {
    window_ = new MainWindow(NodeRegistry::builtin());
    window_->setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
    window_->setErrorReporter(
        [](const QString& title, const QString& text) { QFAIL(qPrintable(title + '\n' + text)); });
    window_->resize(1400, 900);
    window_->show();
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_));
  }

  void cleanup() {
    window_->close();
    delete window_;
    window_ = nullptr;
  }

  void exportWritesWhatTheRunnerWrites_data() {
    QTest::addColumn<QString>("pipeline");
    QTest::addColumn<bool>("differences");  // the export warns (and lists them after writing)
    QTest::newRow("windows") << "tumbling_all.json" << false;
    QTest::newRow("filter and map") << "sensor_alerts.json" << true;
  }

  void exportWritesWhatTheRunnerWrites() {
    QFETCH(QString, pipeline);
    QFETCH(bool, differences);
    const QString source = QStringLiteral(SC_SOURCE_DIR "/tests/flink/pipelines/") + pipeline;
    QVERIFY(window_->openFile(source));
    const QString target = dir_.filePath(pipeline + ".designer.sql");
    QString offered;
    window_->setSaveFileChooser([&](const QString&, const QString& start) {
      offered = start;
      return target;
    });
    chooseFlinkSql();
    QTRY_VERIFY(QFileInfo::exists(target));
    QCOMPARE(offered,
             QFileInfo(source).path() + "/" + QFileInfo(source).completeBaseName() + ".sql");
    QFile written(target);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray script = written.readAll();

    const RunnerExport runner = runnerExport(source, dir_.filePath(pipeline + ".runner.sql"));
    QVERIFY2(runner.exitCode == 0, runner.errors.constData());
    QVERIFY(!runner.script.isEmpty());
    QCOMPARE(script, runner.script);
    // Variables stay variables.
    QVERIFY(script.contains("'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}'"));

    auto* problems = window_->findChild<FlinkSqlProblems*>("flinkSqlProblems");
    QCOMPARE(problems != nullptr, differences);
    if (problems) {
      QTRY_VERIFY(problems->isVisible());
      QCOMPARE(problems->list()->topLevelItemCount(), runner.errors.count(": warning: "));
      QTest::keyClick(problems, Qt::Key_Escape);
      QTRY_VERIFY(!window_->findChild<FlinkSqlProblems*>("flinkSqlProblems"));
    }
  }

  void refusalsAreListedAndNothingIsWritten() {
    const QString source = dir_.filePath("refused.json");
    {
      QFile f(source);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(kUntranslatable);
    }
    QVERIFY(window_->openFile(source));
    bool asked = false;
    window_->setSaveFileChooser([&](const QString&, const QString&) {
      asked = true;
      return dir_.filePath("refused.sql");
    });
    chooseFlinkSql();
    FlinkSqlProblems* problems = nullptr;
    QTRY_VERIFY((problems = window_->findChild<FlinkSqlProblems*>("flinkSqlProblems")) &&
                problems->isVisible());
    QVERIFY(!asked);
    QVERIFY(!QFileInfo::exists(dir_.filePath("refused.sql")));

    // Every refusal the runner reports, one row each, with node, property, why and what to do.
    const RunnerExport runner = runnerExport(source, dir_.filePath("refused.runner.sql"));
    QCOMPARE(runner.exitCode, 2);
    QVERIFY(runner.script.isEmpty());
    QTreeWidget* list = problems->list();
    QCOMPARE(list->topLevelItemCount(), runner.errors.count(": error: "));
    QCOMPARE(list->topLevelItemCount(), 5);
    QStringList rows;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
      const QTreeWidgetItem* item = list->topLevelItem(i);
      rows << item->text(0) + " | " + item->text(1) + " | " + item->text(2);
      QVERIFY2(runner.errors.contains(item->text(2).toUtf8()), qPrintable(item->text(2)));
      QVERIFY2(!item->text(3).isEmpty(), qPrintable(rows.last()));  // what to do
    }
    const QString all = rows.join('\n');
    for (const char* expected :
         {"in | connection k: sasl.password | 'sasl.password' is written",
          "stamp | set | function now() is not translated",
          "odd | condition | operator '%' is not translated", "per-10s | emit | emit intervals",
          "per-10s | aggregates | aggregate 'p99' is not translated"})
      QVERIFY2(all.contains(expected), qPrintable(QString(expected) + " not in\n" + all));
    QVERIFY2(!all.contains("hunter2"), qPrintable(all));

    // Choosing a row (a click) shows its node on the canvas and its property in the inspector.
    for (const char* node : {"odd", "per-10s", "stamp"}) {
      const auto found = list->findItems(node, Qt::MatchExactly, 0);
      QVERIFY(!found.isEmpty());
      list->scrollToItem(found.first());
      const QRect rect = list->visualItemRect(found.first());
      QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
      QTRY_COMPARE(window_->document()->selectedNodes(), (std::set<std::string>{node}));
      // The row in full below the list (the columns cut long texts).
      auto* details = problems->findChild<QLabel*>("flinkSqlProblemDetails");
      QVERIFY(details);
      QVERIFY2(details->text().contains(found.first()->text(2)) &&
                   details->text().contains(found.first()->text(3)),
               qPrintable(details->text()));
    }
    // ... and with the keyboard: Home, then Enter, shows the first row's node.
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Home);
    QTest::keyClick(list, Qt::Key_Return);
    QTRY_COMPARE(window_->document()->selectedNodes(),
                 (std::set<std::string>{list->topLevelItem(0)->text(0).toStdString()}));
    QVERIFY(!asked);
    QVERIFY(!QFileInfo::exists(dir_.filePath("refused.sql")));
  }

 private:
  // Click File on the menu bar, then the accelerators of Export and Flink SQL.
  void chooseFlinkSql() {
    QMenuBar* bar = window_->menuBar();
    QMenu* file = nullptr;
    for (QAction* a : bar->actions())
      if (a->text() == "&File") file = a->menu();
    QVERIFY(file);
    auto* exportMenu = window_->findChild<QMenu*>("exportMenu");
    QVERIFY(exportMenu);
    QVERIFY(file->actions().contains(exportMenu->menuAction()));
    QVERIFY(exportMenu->actions().contains(window_->action("exportFlinkSql")));
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(file->menuAction()).center());
    QTRY_VERIFY(file->isVisible());
    QTest::keyClick(file, Qt::Key_P);  // Ex&port
    QTRY_VERIFY(exportMenu->isVisible());
    QTest::keyClick(exportMenu, Qt::Key_F);  // &Flink SQL…
    QTRY_VERIFY(!file->isVisible());
  }

  QTemporaryDir dir_;
  MainWindow* window_ = nullptr;
};

QTEST_MAIN(tst_FlinkSqlMenu)
#include "tst_FlinkSqlMenu.moc"
