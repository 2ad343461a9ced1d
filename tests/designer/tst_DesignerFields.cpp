// The editor knows the fields, driven like a user on the real window: the condition editor
// completes field names from the generator's template and lists the input's fields; a
// misspelled field gets a warning with the right suggestion in the field and the Problems panel;
// "Sample fields" on a Kafka source reads the embedded cluster off the GUI thread and stores the
// fields as one undoable edit, after which the same warning appears; a map's set and drop change
// the fields offered downstream.
#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "app/designer/CanvasStyle.h"
#include "app/designer/FieldSampler.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/NodeItem.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/ProblemsPanel.h"
#include "app/designer/PropertyEditors.h"
#include "app/designer/PropertyInspector.h"
#include "app/designer/RunController.h"
#include "app/designer/Theme.h"
#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/KafkaConnection.h"

using namespace sc;
using namespace sc::designer;

class tst_DesignerFields : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void completesTemplateFieldsAndWarnsAboutAMisspelling();
  void sampledTopicFieldsGiveTheSameWarning();
  void mapSetAndDropChangeTheFieldsOfferedDownstream();

 private:
  void load(const char* text);
  void clickNode(const QString& id);
  QPlainTextEdit* expressionEdit(const QString& property) const;
  QStringList offered(const QString& property) const;
  QStringList problemTexts() const;
  PipelineDocument* doc() const { return window_->document(); }

  QTemporaryDir dir_;
  std::unique_ptr<QTemporaryDir> state_;
  MainWindow* window_ = nullptr;
};

void tst_DesignerFields::initTestCase() {
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
  QCoreApplication::setOrganizationName("StreamCanvasTest");
  QCoreApplication::setApplicationName("tst_DesignerFields");
}

void tst_DesignerFields::init() {
  state_ = std::make_unique<QTemporaryDir>();
  qputenv("XDG_STATE_HOME", state_->path().toUtf8());
  window_ = new MainWindow(NodeRegistry::builtin());
  window_->setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
  window_->resize(1400, 900);
  window_->show();
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
}

void tst_DesignerFields::cleanup() {
  window_->close();
  delete window_;
  window_ = nullptr;
}

void tst_DesignerFields::load(const char* text) {
  LoadResult loaded = parsePipeline(text);
  QVERIFY2(loaded.pipeline, loaded.diagnostics.format().c_str());
  doc()->setPipeline(*loaded.pipeline);
  doc()->validateNow();
  window_->view()->fitToView();
}

void tst_DesignerFields::clickNode(const QString& id) {
  NodeItem* item = window_->scene()->nodeItem(id);
  QVERIFY(item);
  const QPoint at = window_->view()->mapFromScene(item->mapToScene(QPointF(60, 14)));
  QTest::mouseClick(window_->view()->viewport(), Qt::LeftButton, {}, at);
  QCOMPARE(window_->inspector()->nodeId(), id);
}

QPlainTextEdit* tst_DesignerFields::expressionEdit(const QString& property) const {
  PropertyEditor* editor = window_->inspector()->editor(property);
  return editor ? qobject_cast<QPlainTextEdit*>(editor->focusTarget()) : nullptr;
}

// The words the editor's completer offers (fields first, then functions).
QStringList tst_DesignerFields::offered(const QString& property) const {
  PropertyEditor* editor = window_->inspector()->editor(property);
  auto* completer = editor ? editor->findChild<QCompleter*>("fieldCompleter") : nullptr;
  auto* model = completer ? qobject_cast<QStringListModel*>(completer->model()) : nullptr;
  return model ? model->stringList() : QStringList();
}

QStringList tst_DesignerFields::problemTexts() const {
  QStringList out;
  QTreeWidget* tree = window_->problemsPanel();
  for (int i = 0; i < tree->topLevelItemCount(); ++i) {
    QStringList columns;
    for (int c = 0; c < tree->columnCount(); ++c)
      columns << tree->topLevelItem(i)->text(c);
    out << columns.join(' ');
  }
  return out;
}

void tst_DesignerFields::completesTemplateFieldsAndWarnsAboutAMisspelling() {
  load(R"({"streamcanvas": 1, "name": "fields",
    "nodes": [{"id": "gen", "type": "generator", "ui": {"x": 0, "y": 0}},
              {"id": "hot", "type": "filter", "properties": {"condition": "true"},
               "ui": {"x": 260, "y": 0}},
              {"id": "out", "type": "discard.sink", "ui": {"x": 520, "y": 0}}],
    "edges": [{"from": "gen", "to": "hot"}, {"from": "hot", "to": "out"}]})");
  clickNode("hot");
  QPlainTextEdit* edit = expressionEdit("condition");
  QVERIFY(edit);
  // The input's fields are listed under the editor, with their types.
  auto* fields = window_->inspector()->editor("condition")->findChild<QLabel*>("inputFields");
  QVERIFY(fields && fields->isVisible());
  QVERIFY2(fields->text().contains("temperature") && fields->text().contains("(number)"),
           qPrintable(fields->text()));

  // Type "tem": the completer pops up with the template's field; Return takes it.
  edit->setFocus();
  edit->selectAll();
  QTest::keyClick(edit, Qt::Key_Delete);
  QTest::keyClicks(edit, "tem");
  QCompleter* completer = window_->inspector()->editor("condition")->findChild<QCompleter*>();
  QVERIFY(completer);
  QTRY_VERIFY(completer->popup()->isVisible());
  QCOMPARE(completer->currentCompletion(), QString("temperature"));
  QTest::keyClick(completer->popup(), Qt::Key_Return);
  QTRY_VERIFY(!completer->popup()->isVisible());
  QTest::keyClicks(edit, " > 30");
  QCOMPARE(edit->toPlainText(), QString("temperature > 30"));
  doc()->validateNow();
  QCOMPARE(doc()->pipeline().node("hot")->properties["condition"], Json("temperature > 30"));
  QVERIFY2(doc()->diagnostics().empty(), doc()->diagnostics().format().c_str());

  // Misspelled: a warning with the suggestion, under the field and in the Problems panel.
  edit->selectAll();
  QTest::keyClick(edit, Qt::Key_Delete);
  QTest::keyClicks(edit, "temprature > 30");
  QTest::keyClick(edit, Qt::Key_Escape);
  doc()->validateNow();
  QVERIFY(!doc()->diagnostics().hasErrors());
  PropertyEditor* editor = window_->inspector()->editor("condition");
  QVERIFY2(editor->problemText().contains("did you mean 'temperature'?"),
           qPrintable(editor->problemText()));
  QTRY_VERIFY(problemTexts().join('\n').contains("did you mean 'temperature'?"));

  // A warning reads apart from an error (the pipeline still runs): the warning colour and sign,
  // with text contrast of at least 4.5:1 in both themes.
  auto* line = editor->findChild<QLabel*>("problem");
  QVERIFY(line);
  QVERIFY(editor->showsWarning());
  QVERIFY2(line->text().startsWith(QChar(0x26A0)), qPrintable(line->text()));
  for (const Theme theme : {Theme::Light, Theme::Dark}) {
    applyTheme(theme);
    QCoreApplication::processEvents();
    // The inspector may rebuild its form for the new palette.
    editor = window_->inspector()->editor("condition");
    QVERIFY(editor);
    line = editor->findChild<QLabel*>("problem");
    QVERIFY(line && editor->showsWarning());
    const QPalette pal = editor->palette();
    const QColor shown = line->palette().color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    QCOMPARE(shown, warningTextColor(pal));
    QVERIFY2(shown != canvasColors(pal).error, qPrintable(shown.name()));
    QVERIFY2(wcagContrast(shown, window) >= 4.5, qPrintable(QStringLiteral("%1 on %2: %3")
                                                                .arg(shown.name(), window.name())
                                                                .arg(wcagContrast(shown, window))));
    QVERIFY2(wcagContrast(canvasColors(pal).error, window) >= 4.5, qPrintable(window.name()));
  }
  applyTheme(Theme::Light);
  QCoreApplication::processEvents();
  editor = window_->inspector()->editor("condition");
  line = editor->findChild<QLabel*>("problem");
  edit = expressionEdit("condition");
  QVERIFY(line && edit);
  // An error in the same field keeps the error style.
  edit->selectAll();
  QTest::keyClick(edit, Qt::Key_Delete);
  QTest::keyClicks(edit, "temprature >");
  QTRY_VERIFY(!editor->problemText().isEmpty() && !editor->showsWarning());
  QCOMPARE(line->palette().color(QPalette::WindowText), canvasColors(editor->palette()).error);
  QVERIFY(!line->text().startsWith(QChar(0x26A0)));
}

void tst_DesignerFields::sampledTopicFieldsGiveTheSameWarning() {
  // A topic on the designer's embedded cluster (the one a run of connection "local" uses).
  kafka::ConnectionSettings settings;
  settings.name = "local";
  auto cluster = kafka::resolveConnection(settings, window_->runController()->resources());
  QVERIFY2(cluster.ok(), cluster.error.c_str());
  QVERIFY(cluster.value.ensureTopic("readings").ok());
  kafka::ClusterAdmin admin(cluster.value);
  for (int i = 0; i < 5; ++i) {
    auto produced = admin.produce("readings", -1, std::nullopt,
                                  R"({"device": "d-)" + std::to_string(i) +
                                      R"(", "temperature": )" + std::to_string(20 + i) + "}");
    QVERIFY2(produced.ok(), produced.error.c_str());
  }

  load(R"({"streamcanvas": 1, "name": "sampled",
    "connections": {"local": {"type": "kafka", "bootstrap_servers": "embedded"}},
    "nodes": [{"id": "in", "type": "kafka.source",
               "properties": {"connection": "local", "topics": ["readings"], "bounded": true},
               "ui": {"x": 0, "y": 0}},
              {"id": "hot", "type": "filter", "properties": {"condition": "temprature > 30"},
               "ui": {"x": 260, "y": 0}},
              {"id": "out", "type": "discard.sink", "ui": {"x": 520, "y": 0}}],
    "edges": [{"from": "in", "to": "hot"}, {"from": "hot", "to": "out"}]})");
  // Nothing is known about the topic yet: no guess, no warning.
  QVERIFY2(doc()->diagnostics().empty(), doc()->diagnostics().format().c_str());

  clickNode("in");
  auto* view = window_->inspector()->findChild<NodeFieldsView*>();
  QVERIFY(view);
  QVERIFY(view->sampleButton() && view->sampleButton()->isVisible());
  const int undoSteps = doc()->undoStack()->count();
  QTest::mouseClick(view->sampleButton(), Qt::LeftButton);
  // The window stays responsive while the worker reads; the result arrives as one edit.
  QTRY_VERIFY_WITH_TIMEOUT(doc()->undoStack()->count() == undoSteps + 1, 20000);
  QCOMPARE(doc()->pipeline().node("in")->ui["sampled_fields"],
           Json({{"device", "string"}, {"temperature", "number"}}));
  QVERIFY2(view->statusLabel()->text().contains("2 field") &&
               view->statusLabel()->text().contains("from 5 record"),
           qPrintable(view->statusLabel()->text()));
  QTRY_VERIFY(view->fieldsLabel()->text().contains("temperature"));

  doc()->validateNow();
  QVERIFY(!doc()->diagnostics().hasErrors());
  QVERIFY2(doc()->diagnostics().format().find("did you mean 'temperature'?") != std::string::npos,
           doc()->diagnostics().format().c_str());
  QTRY_VERIFY(problemTexts().join('\n').contains("did you mean 'temperature'?"));

  // The filter now completes the sampled fields.
  clickNode("hot");
  QCOMPARE(offered("condition").mid(0, 2), QStringList({"device", "temperature"}));

  // Undo forgets the sample, and with it the warning.
  doc()->undoStack()->undo();
  doc()->validateNow();
  QVERIFY(doc()->pipeline().node("in")->ui.value("sampled_fields", Json()).is_null());
  QVERIFY2(doc()->diagnostics().empty(), doc()->diagnostics().format().c_str());
}

void tst_DesignerFields::mapSetAndDropChangeTheFieldsOfferedDownstream() {
  load(R"({"streamcanvas": 1, "name": "mapped",
    "nodes": [{"id": "gen", "type": "generator", "ui": {"x": 0, "y": 0}},
              {"id": "convert", "type": "map", "properties": {"set": {"id": "device"}},
               "ui": {"x": 260, "y": 0}},
              {"id": "hot", "type": "filter", "properties": {"condition": "true"},
               "ui": {"x": 520, "y": 0}},
              {"id": "out", "type": "discard.sink", "ui": {"x": 780, "y": 0}}],
    "edges": [{"from": "gen", "to": "convert"}, {"from": "convert", "to": "hot"},
              {"from": "hot", "to": "out"}]})");
  clickNode("hot");
  QStringList words = offered("condition");
  QVERIFY(words.contains("humidity"));
  QVERIFY(!words.contains("temp_f"));

  // Set temp_f and drop humidity on the map (undoable edits, as the inspector makes them).
  doc()->setProperty("convert", "set", Json({{"temp_f", "temperature * 9 / 5 + 32"}}));
  doc()->setProperty("convert", "drop", Json::array({"humidity"}));
  doc()->validateNow();
  words = offered("condition");
  QVERIFY2(words.contains("temp_f") && !words.contains("humidity"), qPrintable(words.join(',')));
  auto* fields = window_->inspector()->editor("condition")->findChild<QLabel*>("inputFields");
  QVERIFY2(fields->text().contains("temp_f") && !fields->text().contains("humidity"),
           qPrintable(fields->text()));

  // Typing "temp_" completes the new field.
  QPlainTextEdit* edit = expressionEdit("condition");
  edit->setFocus();
  edit->selectAll();
  QTest::keyClick(edit, Qt::Key_Delete);
  QTest::keyClicks(edit, "temp_");
  QCompleter* completer = window_->inspector()->editor("condition")->findChild<QCompleter*>();
  QTRY_VERIFY(completer->popup()->isVisible());
  QCOMPARE(completer->currentCompletion(), QString("temp_f"));

  // Undoing the drop offers humidity again.
  QTest::keyClick(completer->popup(), Qt::Key_Escape);
  while (doc()->pipeline().node("convert")->properties.contains("drop"))
    doc()->undoStack()->undo();
  doc()->validateNow();
  QVERIFY(offered("condition").contains("humidity"));
}

QTEST_MAIN(tst_DesignerFields)
#include "tst_DesignerFields.moc"
