// The inspector form generated from a spec: one editor per property kind, ${VAR} accepted
// everywhere, secrets masked, live checks under the fields, edits as undoable commands.
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtTest>

#include "app/designer/GraphView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/ProblemsPanel.h"
#include "app/designer/PropertyEditors.h"
#include "app/designer/PropertyInspector.h"
#include "designer/StandInRegistry.h"

using namespace sc;
using namespace sc::designer;

class tst_PropertyInspector : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void init();
  void cleanup();
  void formFollowsTheSpec();
  void numbersAndVariables();
  void secretIsMaskedWithRevealToggle();
  void enumComboAcceptsChoicesAndVariables();
  void durationAndBooleanEditors();
  void expressionShowsColumnAndMessage();
  void listMapAndObjectTables();
  void mapThatAlsoTakesWords();
  void undoRefreshesFieldsAndIdRenames();
  void textConversions();
  void pipelineSettingsWhenNothingIsSelected();

 private:
  Json prop(const char* name) const {
    const auto& props = doc_->pipeline().node("e")->properties;
    return props.contains(name) ? props[name] : Json();
  }
  template <typename W>
  W* field(const char* property) const {
    PropertyEditor* editor = inspector_->editor(property);
    return editor ? editor->findChild<W*>() : nullptr;
  }

  PipelineDocument* doc_ = nullptr;
  PropertyInspector* inspector_ = nullptr;
};

void tst_PropertyInspector::init() {
  doc_ = new PipelineDocument(test::standInRegistry());
  Pipeline p;
  p.nodes = {PipelineNode{"e", "test.every", Json::object(), Json{{"x", 0}, {"y", 0}}},
             PipelineNode{"f", "test.filter", Json::object(), Json{{"x", 300}, {"y", 0}}}};
  doc_->setPipeline(p);
  inspector_ = new PropertyInspector(doc_);
  inspector_->resize(400, 900);
  inspector_->show();
  QVERIFY(QTest::qWaitForWindowExposed(inspector_));
  doc_->setSelection({"e"});
}

void tst_PropertyInspector::cleanup() {
  delete inspector_;
  delete doc_;
}

void tst_PropertyInspector::formFollowsTheSpec() {
  QCOMPARE(inspector_->nodeId(), QString("e"));
  for (const auto& p : test::standInRegistry().find("test.every")->properties)
    QVERIFY2(inspector_->editor(QString::fromStdString(p.name)), p.name.c_str());
  QVERIFY(field<QLineEdit>("label"));
  QVERIFY(field<QCheckBox>("enabled"));
  QVERIFY(field<QComboBox>("mode"));
  QVERIFY(field<QTableWidget>("topics"));
  QCOMPARE(field<QTableWidget>("headers")->columnCount(), 2);
  QCOMPARE(field<QTableWidget>("aggregates")->columnCount(), 3);
  QCOMPARE(field<QLineEdit>("count")->placeholderText(), QString("default: 10"));
  doc_->setSelection({"f"});
  QVERIFY(field<QPlainTextEdit>("condition"));
  QVERIFY(!inspector_->editor("label"));
}

void tst_PropertyInspector::numbersAndVariables() {
  QLineEdit* count = field<QLineEdit>("count");
  QTest::keyClicks(count, "42");
  QCOMPARE(prop("count"), Json(42));
  QTest::keyClicks(count, "x");  // refused by the validator
  QCOMPARE(count->text(), QString("42"));
  count->clear();
  QTest::keyClicks(count, "${COUNT:-5}");
  QCOMPARE(prop("count"), Json("${COUNT:-5}"));
  QTest::keyClicks(field<QLineEdit>("ratio"), "0.25");
  QCOMPARE(prop("ratio"), Json(0.25));
  QTest::keyClicks(field<QLineEdit>("label"), "hello");
  QCOMPARE(prop("label"), Json("hello"));
}

void tst_PropertyInspector::secretIsMaskedWithRevealToggle() {
  QLineEdit* password = field<QLineEdit>("password");
  QCOMPARE(password->echoMode(), QLineEdit::Password);
  QTest::keyClicks(password, "${DB_PASSWORD}");
  QCOMPARE(prop("password"), Json("${DB_PASSWORD}"));
  auto* reveal = inspector_->editor("password")->findChild<QToolButton*>("reveal");
  QVERIFY(reveal);
  QTest::mouseClick(reveal, Qt::LeftButton);
  QCOMPARE(password->echoMode(), QLineEdit::Normal);
  QTest::mouseClick(reveal, Qt::LeftButton);
  QCOMPARE(password->echoMode(), QLineEdit::Password);
}

void tst_PropertyInspector::enumComboAcceptsChoicesAndVariables() {
  QComboBox* mode = field<QComboBox>("mode");
  QTest::keyClicks(mode->lineEdit(), "safe");
  QCOMPARE(prop("mode"), Json("safe"));
  QVERIFY(inspector_->editor("mode")->problemText().isEmpty());
  mode->lineEdit()->clear();
  QTest::keyClicks(mode->lineEdit(), "slow");
  QVERIFY(inspector_->editor("mode")->problemText().contains("fast, safe"));
  mode->lineEdit()->clear();
  QTest::keyClicks(mode->lineEdit(), "${MODE}");
  QCOMPARE(prop("mode"), Json("${MODE}"));
  QVERIFY(inspector_->editor("mode")->problemText().isEmpty());
}

void tst_PropertyInspector::durationAndBooleanEditors() {
  QLineEdit* every = field<QLineEdit>("every");
  QTest::keyClicks(every, "10x");
  QVERIFY(inspector_->editor("every")->problemText().contains("duration"));
  every->clear();
  QTest::keyClicks(every, "10s");
  QVERIFY(inspector_->editor("every")->problemText().isEmpty());
  QCOMPARE(prop("every"), Json("10s"));
  QCheckBox* enabled = field<QCheckBox>("enabled");
  QTest::mouseClick(enabled, Qt::LeftButton);
  QCOMPARE(prop("enabled"), Json(true));
  // A ${VAR} in the file shows as text instead of the checkbox.
  doc_->setProperty("e", "enabled", "${ENABLED}");
  QVERIFY(!enabled->isVisible());
  QCOMPARE(inspector_->editor("enabled")->value(), Json("${ENABLED}"));
}

void tst_PropertyInspector::expressionShowsColumnAndMessage() {
  doc_->setSelection({"f"});
  auto* condition = field<QPlainTextEdit>("condition");
  PropertyEditor* editor = inspector_->editor("condition");
  doc_->validateNow();
  QVERIFY2(!editor->problemText().isEmpty(), "required and missing");
  condition->setFocus();
  QTest::keyClicks(condition, "temperature > ");
  QVERIFY2(editor->problemText().startsWith("column "), qPrintable(editor->problemText()));
  QTest::keyClicks(condition, "30");
  QVERIFY2(editor->problemText().isEmpty() || !editor->problemText().startsWith("column "),
           qPrintable(editor->problemText()));
  doc_->validateNow();
  QVERIFY2(editor->problemText().isEmpty(), qPrintable(editor->problemText()));
  QCOMPARE(doc_->pipeline().node("f")->properties["condition"], Json("temperature > 30"));
  QTest::keyClick(condition, Qt::Key_Return);  // stays one line
  QCOMPARE(condition->toPlainText(), QString("temperature > 30"));
  QCOMPARE(doc_->undoStack()->count(), 1);
}

void tst_PropertyInspector::listMapAndObjectTables() {
  QTableWidget* topics = field<QTableWidget>("topics");
  auto* add = inspector_->editor("topics")->findChild<QToolButton*>("addRow");
  QTest::mouseClick(add, Qt::LeftButton);
  QCOMPARE(topics->rowCount(), 1);
  QVERIFY(!doc_->pipeline().node("e")->properties.contains("topics"));  // empty row: no value yet
  topics->item(0, 0)->setText("sensors");
  QCOMPARE(prop("topics"), Json::array({"sensors"}));
  QTest::mouseClick(add, Qt::LeftButton);
  topics->item(1, 0)->setText("${EXTRA_TOPIC}");
  QCOMPARE(prop("topics"), Json::array({"sensors", "${EXTRA_TOPIC}"}));
  topics->selectRow(0);
  QTest::mouseClick(inspector_->editor("topics")->findChild<QToolButton*>("removeRow"),
                    Qt::LeftButton);
  QCOMPARE(prop("topics"), Json::array({"${EXTRA_TOPIC}"}));

  doc_->setProperty("e", "headers", Json{{"trace", "abc"}});
  QTableWidget* headers = field<QTableWidget>("headers");
  QCOMPARE(headers->rowCount(), 1);
  QCOMPARE(headers->item(0, 0)->text(), QString("trace"));
  headers->item(0, 1)->setText("xyz");
  QCOMPARE(prop("headers"), (Json{{"trace", "xyz"}}));

  QTableWidget* aggregates = field<QTableWidget>("aggregates");
  QTest::mouseClick(inspector_->editor("aggregates")->findChild<QToolButton*>("addRow"),
                    Qt::LeftButton);
  aggregates->item(0, 0)->setText("avg_t");
  aggregates->item(0, 1)->setText("avg");
  aggregates->item(0, 2)->setText("temperature");
  QCOMPARE(prop("aggregates"),
           Json::array({{{"name", "avg_t"}, {"fn", "avg"}, {"field", "temperature"}}}));
}

// kafka.sink's headers: keep | drop | name -> expression. The words hide the table.
void tst_PropertyInspector::mapThatAlsoTakesWords() {
  PropertySpec spec = makeProperty("headers", PropKind::Map, "Message headers", "keep");
  spec.item = PropKind::Expression;
  spec.choices = {"keep", "drop"};
  QWidget host;
  auto* layout = new QVBoxLayout(&host);
  PropertyEditor* editor = createPropertyEditor(spec, false, &host);
  layout->addWidget(editor);
  host.show();
  QVERIFY(QTest::qWaitForWindowExposed(&host));
  auto* words = editor->findChild<QComboBox*>("mapWords");
  auto* table = editor->findChild<QTableWidget*>();
  QVERIFY(words && table);
  std::vector<Json> reported;
  connect(editor, &PropertyEditor::edited, [&](const Json& v) { reported.push_back(v); });

  editor->setValue(Json());  // unset: the default word
  QCOMPARE(words->currentText(), QString("keep"));
  QVERIFY(!table->isVisible());
  editor->setValue(Json("drop"));
  QCOMPARE(words->currentText(), QString("drop"));
  QCOMPARE(editor->value(), Json("drop"));
  editor->setValue(Json{{"trace", "$headers.trace"}});
  QVERIFY(table->isVisible());
  QCOMPARE(table->item(0, 0)->text(), QString("trace"));
  QCOMPARE(editor->value(), (Json{{"trace", "$headers.trace"}}));
  QVERIFY(reported.empty());  // showing a value is no edit

  // Choosing a word with the keyboard reports it; choosing "these:" brings the table back.
  words->setFocus();
  QTest::keyClick(words, Qt::Key_Up);
  QCOMPARE(words->currentText(), QString("drop"));
  QCOMPARE(reported.back(), Json("drop"));
  QVERIFY(!table->isVisible());
  QTest::keyClick(words, Qt::Key_Down);
  QVERIFY(table->isVisible());
  QCOMPARE(reported.back(), (Json{{"trace", "$headers.trace"}}));
}

void tst_PropertyInspector::undoRefreshesFieldsAndIdRenames() {
  QLineEdit* label = field<QLineEdit>("label");
  QTest::keyClicks(label, "abc");
  doc_->undoStack()->undo();
  QCOMPARE(label->text(), QString());
  doc_->undoStack()->redo();
  QCOMPARE(label->text(), QString("abc"));
  QLineEdit* id = inspector_->idEdit();
  id->selectAll();
  QTest::keyClicks(id, "every");
  QTest::keyClick(id, Qt::Key_Return);
  QVERIFY(doc_->pipeline().node("every"));
  QCOMPARE(inspector_->nodeId(), QString("every"));
  // A clashing id is refused and the field shows the current id again.
  QSignalSpy status(inspector_, &PropertyInspector::statusMessage);
  id->selectAll();
  QTest::keyClicks(id, "f");
  QTest::keyClick(id, Qt::Key_Return);
  QCOMPARE(status.count(), 1);
  QCOMPARE(id->text(), QString("every"));
}

void tst_PropertyInspector::textConversions() {
  QCOMPARE(valueFromText("", PropKind::Integer), Json());
  QCOMPARE(valueFromText(" 12 ", PropKind::Integer), Json(12));
  QCOMPARE(valueFromText("1.5", PropKind::Number), Json(1.5));
  QCOMPARE(valueFromText("3", PropKind::Number), Json(3));
  QCOMPARE(valueFromText("true", PropKind::Boolean), Json(true));
  QCOMPARE(valueFromText("${X}", PropKind::Integer), Json("${X}"));
  QCOMPARE(valueFromText("12", PropKind::String), Json("12"));
  QCOMPARE(textFromValue(Json("a")), QString("a"));
  QCOMPARE(textFromValue(Json(2.5)), QString("2.5"));
}

void tst_PropertyInspector::pipelineSettingsWhenNothingIsSelected() {
  // On the real window: click the empty canvas, edit the settings with mouse and keys, undo,
  // redo and save with the shortcuts.
  QTemporaryDir dir;
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath("settings"));
  QCoreApplication::setOrganizationName("StreamCanvasTest");
  QCoreApplication::setApplicationName("tst_PropertyInspector");
  const QString path = dir.filePath("settings.json");
  {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"streamcanvas": 1, "name": "demo", "settings": {"checkpoint_interval": "5s"},
      "nodes": [{"id": "gen", "type": "generator", "ui": {"x": 0, "y": 0}},
                {"id": "sink", "type": "discard.sink", "ui": {"x": 300, "y": 0}}],
      "edges": [{"from": "gen", "to": "sink"}]})");
  }
  MainWindow window(NodeRegistry::builtin());
  window.setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
  window.resize(1400, 900);
  window.show();
  window.activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(&window));
  QVERIFY(window.openFile(path));
  PipelineDocument* doc = window.document();
  PropertyInspector* inspector = window.inspector();
  doc->setSelection({"gen"});
  QVERIFY(!inspector->showsSettings());

  QWidget* canvas = window.view()->viewport();
  const QPoint empty(8, 8);
  QVERIFY(!window.view()->itemAt(empty));
  QTest::mouseClick(canvas, Qt::LeftButton, {}, empty);
  QVERIFY(doc->selectedNodes().empty());
  QVERIFY(inspector->showsSettings());
  QCOMPARE(inspector->nameEdit()->text(), QString("demo"));
  for (const char* key : {"delivery", "checkpoint_interval", "checkpoint_dir", "restart/strategy",
                          "restart/attempts", "restart/delay", "restart/max_delay", "instance"})
    QVERIFY2(inspector->editor(key), key);
  QCOMPARE(inspector->editor("checkpoint_interval")->findChild<QLineEdit*>()->text(),
           QString("5s"));

  // Delivery: pick exactly_once from the drop-down with the keyboard.
  const Json before = doc->pipeline().settings;
  auto* delivery = inspector->editor("delivery")->findChild<QComboBox*>();
  QTest::mouseClick(delivery->lineEdit(), Qt::LeftButton);
  QTest::keyClick(delivery, Qt::Key_Down);
  QTest::keyClick(delivery, Qt::Key_Down);
  QCOMPARE(delivery->currentText(), QString("exactly_once"));
  QCOMPARE(doc->setting("delivery"), Json("exactly_once"));
  // Back on the canvas, the window's shortcuts undo and redo it in one step each.
  QTest::mouseClick(canvas, Qt::LeftButton, {}, empty);
  QTest::keyClick(window.view(), Qt::Key_Z, Qt::ControlModifier);
  QCOMPARE(doc->pipeline().settings, before);
  QCOMPARE(delivery->currentText(), QString());
  QVERIFY(!doc->isModified());
  QTest::keyClick(window.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  QCOMPARE(doc->setting("delivery"), Json("exactly_once"));
  QCOMPARE(delivery->currentText(), QString("exactly_once"));

  // A restart field by typing: one undo step, and an emptied object goes from the file.
  auto* attempts = inspector->editor("restart/attempts")->findChild<QLineEdit*>();
  QTest::mouseClick(attempts, Qt::LeftButton);
  QTest::keyClicks(attempts, "12");
  QCOMPARE(doc->pipeline().settings["restart"], Json({{"attempts", 12}}));
  QTest::mouseClick(canvas, Qt::LeftButton, {}, empty);
  QTest::keyClick(window.view(), Qt::Key_Z, Qt::ControlModifier);
  QVERIFY(!doc->pipeline().settings.contains("restart"));
  QCOMPARE(attempts->text(), QString());

  // A bad interval is a problem under the field and in the Problems panel.
  auto* interval = inspector->editor("checkpoint_interval")->findChild<QLineEdit*>();
  QTest::mouseClick(interval, Qt::LeftButton);
  interval->selectAll();
  QTest::keyClicks(interval, "5ms");
  doc->validateNow();
  QVERIFY2(inspector->editor("checkpoint_interval")->problemText().contains("at least 10ms"),
           qPrintable(inspector->editor("checkpoint_interval")->problemText()));
  bool listed = false;
  QTreeWidget* problems = window.problemsPanel();
  for (int i = 0; i < problems->topLevelItemCount(); ++i)
    listed |= problems->topLevelItem(i)->text(2) == "/settings/checkpoint_interval";
  QVERIFY(listed);
  QTest::mouseClick(canvas, Qt::LeftButton, {}, empty);
  QTest::keyClick(window.view(), Qt::Key_Z, Qt::ControlModifier);
  QCOMPARE(doc->setting("checkpoint_interval"), Json("5s"));

  // The name: typed, committed with Return, undone.
  QLineEdit* name = inspector->nameEdit();
  QTest::mouseClick(name, Qt::LeftButton);
  name->selectAll();
  QTest::keyClicks(name, "orders");
  QTest::keyClick(name, Qt::Key_Return);
  QCOMPARE(doc->pipeline().name, std::string("orders"));
  QTest::mouseClick(canvas, Qt::LeftButton, {}, empty);
  QTest::keyClick(window.view(), Qt::Key_Z, Qt::ControlModifier);
  QCOMPARE(doc->pipeline().name, std::string("demo"));
  QCOMPARE(name->text(), QString("demo"));

  // Saving writes the settings.
  QTest::keyClick(window.view(), Qt::Key_S, Qt::ControlModifier);
  QVERIFY(!doc->isModified());
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const Json saved = Json::parse(file.readAll().toStdString());
  QCOMPARE(saved["settings"], Json({{"checkpoint_interval", "5s"}, {"delivery", "exactly_once"}}));
  QCOMPARE(saved["name"], Json("demo"));
}

QTEST_MAIN(tst_PropertyInspector)
#include "tst_PropertyInspector.moc"
