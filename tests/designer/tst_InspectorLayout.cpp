// The inspector's form as a user sees it: choices are drop-downs (the aggregate functions come
// from the window spec), tables are wide enough to read, labels sit with their fields, and the
// form stays where it is under the cursor while problems come and go as the user types.
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

#include "app/designer/PipelineDocument.h"
#include "app/designer/PropertyEditors.h"
#include "app/designer/PropertyInspector.h"

using namespace sc;
using namespace sc::designer;

class tst_InspectorLayout : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void init();
  void cleanup();
  void aggregateFunctionIsADropDown();
  void tablesShowTheirContents();
  void labelsSitWithTheirFields();
  void formDoesNotMoveWhenAProblemAppears_data();
  void formDoesNotMoveWhenAProblemAppears();

 private:
  // Every widget of the form and where it sits in the inspector.
  QMap<QWidget*, QRect> geometries() const;
  QLabel* labelOf(PropertyEditor* editor) const;
  Json prop(const char* id, const char* name) const {
    const auto& props = doc_->pipeline().node(id)->properties;
    return props.contains(name) ? props[name] : Json();
  }

  PipelineDocument* doc_ = nullptr;
  PropertyInspector* inspector_ = nullptr;
};

void tst_InspectorLayout::init() {
  doc_ = new PipelineDocument(NodeRegistry::builtin());
  Pipeline p;
  p.nodes = {PipelineNode{"w", "window.tumbling", Json{{"size", "1m"}}, Json{{"x", 0}, {"y", 0}}},
             PipelineNode{"f", "filter", Json{{"condition", "temperature > 30"}},
                          Json{{"x", 300}, {"y", 0}}}};
  doc_->setPipeline(p);
  inspector_ = new PropertyInspector(doc_);
  inspector_->resize(360, 900);  // the dock's width in a new window
  inspector_->show();
  QVERIFY(QTest::qWaitForWindowExposed(inspector_));
}

void tst_InspectorLayout::cleanup() {
  delete inspector_;
  delete doc_;
}

QMap<QWidget*, QRect> tst_InspectorLayout::geometries() const {
  QMap<QWidget*, QRect> out;
  for (QWidget* w : inspector_->findChildren<QWidget*>())
    if (w->isVisible()) out.insert(w, QRect(w->mapTo(inspector_, QPoint(0, 0)), w->size()));
  return out;
}

QLabel* tst_InspectorLayout::labelOf(PropertyEditor* editor) const {
  for (QLabel* label : inspector_->findChildren<QLabel*>())
    if (label->buddy() == editor->focusTarget()) return label;
  return nullptr;
}

void tst_InspectorLayout::aggregateFunctionIsADropDown() {
  doc_->setSelection({"w"});
  PropertyEditor* editor = inspector_->editor("aggregates");
  QVERIFY(editor);
  auto* table = editor->findChild<QTableWidget*>();
  const int rows = table->rowCount();
  const PropertySpec* aggregates = nullptr;
  for (const auto& p : NodeRegistry::builtin().find("window.tumbling")->properties)
    if (p.name == "aggregates") aggregates = &p;
  QVERIFY(aggregates);
  int fnColumn = -1;
  for (size_t i = 0; i < aggregates->fields.size(); ++i)
    if (aggregates->fields[i].name == "fn") fnColumn = static_cast<int>(i);
  QVERIFY(fnColumn >= 0);
  const std::vector<std::string>& choices = aggregates->fields[fnColumn].choices;
  QVERIFY(choices.size() > 5);

  // A new row by mouse: its function cell is a drop-down of the spec's choices.
  QTest::mouseClick(editor->findChild<QToolButton*>("addRow"), Qt::LeftButton);
  QCOMPARE(table->rowCount(), rows + 1);
  const int row = rows;
  auto* fn = qobject_cast<QComboBox*>(table->indexWidget(table->model()->index(row, fnColumn)));
  QVERIFY2(fn, "the fn cell is no drop-down");
  QCOMPARE(fn->count(), static_cast<int>(choices.size()));
  for (int i = 0; i < fn->count(); ++i)
    QCOMPARE(fn->itemText(i).toStdString(), choices[i]);
  QVERIFY(!fn->isEditable());

  // Name typed into its cell, function chosen with the keys.
  auto typeInto = [&](int column, const char* text) {
    table->setCurrentCell(row, column);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_F2);  // edit the cell
    QWidget* cell = QApplication::focusWidget();
    QVERIFY(cell && cell != table);
    QTest::keyClicks(cell, text);
    QTest::keyClick(cell, Qt::Key_Return);
  };
  typeInto(0, "avg_temperature");
  typeInto(fnColumn + 1, "temperature");  // "of": an expression
  fn->setFocus();
  const int avg = fn->findText("avg");
  QVERIFY(avg > 0);
  for (int i = fn->currentIndex(); i < avg; ++i)
    QTest::keyClick(fn, Qt::Key_Down);
  QCOMPARE(fn->currentText(), QString("avg"));
  const Json value = prop("w", "aggregates");
  QVERIFY2(value.is_array() && value.size() == size_t(row + 1), value.dump().c_str());
  QVERIFY2(value[row].value("as", "") == "avg_temperature", value.dump().c_str());
  QCOMPARE(value[row].value("fn", ""), std::string("avg"));
  QCOMPARE(value[row].value("of", ""), std::string("temperature"));
  QVERIFY2(editor->problemText().isEmpty(), qPrintable(editor->problemText()));

  // A function the file names but the spec does not know: shown as it is, and the problem
  // lists the valid choices.
  doc_->setProperty("w", "aggregates", Json::array({{{"as", "n"}, {"fn", "median"}}}));
  fn = qobject_cast<QComboBox*>(table->indexWidget(table->model()->index(0, fnColumn)));
  QVERIFY(fn);
  QCOMPARE(fn->currentText(), QString("median"));
  QVERIFY2(editor->problemText().contains("count_distinct"), qPrintable(editor->problemText()));
}

void tst_InspectorLayout::tablesShowTheirContents() {
  doc_->setProperty(
      "w", "aggregates",
      Json::array({{{"as", "avg_temperature"}, {"fn", "count_distinct"}, {"of", "temperature"}}}));
  doc_->setSelection({"w"});
  auto* table = inspector_->editor("aggregates")->findChild<QTableWidget*>();
  QVERIFY(table);
  // All columns in view, without scrolling sideways.
  QVERIFY2(table->horizontalHeader()->length() <= table->viewport()->width(),
           qPrintable(QString("columns take %1 px of %2")
                          .arg(table->horizontalHeader()->length())
                          .arg(table->viewport()->width())));
  const QFontMetrics metrics(table->font());
  for (int column = 0; column < table->columnCount(); ++column) {
    const QModelIndex index = table->model()->index(0, column);
    QString text = index.data().toString();
    if (auto* combo = qobject_cast<QComboBox*>(table->indexWidget(index)))
      text = combo->currentText();
    // The whole text fits its column (and a combo box shows its whole choice).
    QVERIFY2(table->columnWidth(column) >= metrics.horizontalAdvance(text) + 8,
             qPrintable(QString("column %1 is %2 px for \"%3\"")
                            .arg(column)
                            .arg(table->columnWidth(column))
                            .arg(text)));
    if (auto* combo = qobject_cast<QComboBox*>(table->indexWidget(index)))
      QVERIFY2(combo->width() >= combo->sizeHint().width() - 2,
               qPrintable(QString("the %1 drop-down is %2 px, needs %3")
                              .arg(text)
                              .arg(combo->width())
                              .arg(combo->sizeHint().width())));
  }
}

void tst_InspectorLayout::labelsSitWithTheirFields() {
  doc_->setSelection({"f"});
  for (const char* property : {"condition"}) {
    PropertyEditor* editor = inspector_->editor(property);
    QVERIFY(editor);
    QLabel* label = labelOf(editor);
    QVERIFY2(label, property);
    const QRect field(editor->focusTarget()->mapTo(inspector_, QPoint(0, 0)),
                      editor->focusTarget()->size());
    const QRect text(label->mapTo(inspector_, QPoint(0, 0)), label->size());
    // The label's text lines up with the field's first line, beside it or just above it.
    const int gap = std::abs(text.top() - field.top());
    QVERIFY2(gap <= 8 || (field.top() >= text.bottom() && field.top() - text.bottom() <= 8),
             qPrintable(QString("label %1 at y %2..%3, field at y %4")
                            .arg(property)
                            .arg(text.top())
                            .arg(text.bottom())
                            .arg(field.top())));
  }
}

void tst_InspectorLayout::formDoesNotMoveWhenAProblemAppears_data() {
  QTest::addColumn<QString>("node");
  QTest::addColumn<QString>("property");
  QTest::addColumn<QString>("bad");  // typed after what the field holds
  QTest::newRow("expression") << "f"
                              << "condition"
                              << " && (";
  QTest::newRow("duration") << "w"
                            << "size"
                            << "x";
}

void tst_InspectorLayout::formDoesNotMoveWhenAProblemAppears() {
  QFETCH(QString, node);
  QFETCH(QString, property);
  QFETCH(QString, bad);
  doc_->setSelection({node.toStdString()});
  PropertyEditor* editor = inspector_->editor(property);
  QVERIFY(editor);
  QVERIFY2(editor->problemText().isEmpty(), qPrintable(editor->problemText()));
  QWidget* field = editor->focusTarget();
  QTest::mouseClick(field, Qt::LeftButton, {}, QPoint(field->width() - 4, 8));
  QVERIFY(field->hasFocus());
  if (auto* text = qobject_cast<QPlainTextEdit*>(field)) text->moveCursor(QTextCursor::End);
  QTest::keyClick(field, Qt::Key_End);
  QApplication::processEvents();
  const QMap<QWidget*, QRect> before = geometries();

  QTest::keyClicks(field, bad);
  doc_->validateNow();
  QVERIFY2(!editor->problemText().isEmpty(), "no problem shown");
  QApplication::processEvents();
  auto compare = [&](const char* when) {
    const QMap<QWidget*, QRect> after = geometries();
    for (auto it = before.begin(); it != before.end(); ++it) {
      if (!after.contains(it.key())) continue;
      QVERIFY2(
          after.value(it.key()) == it.value(),
          qPrintable(QString("%1: %2 \"%3\" moved from %4,%5 %6x%7 to %8,%9 %10x%11")
                         .arg(when, it.key()->metaObject()->className(), it.key()->objectName())
                         .arg(it.value().x())
                         .arg(it.value().y())
                         .arg(it.value().width())
                         .arg(it.value().height())
                         .arg(after.value(it.key()).x())
                         .arg(after.value(it.key()).y())
                         .arg(after.value(it.key()).width())
                         .arg(after.value(it.key()).height())));
    }
  };
  compare("problem shown");
  for (int i = 0; i < bad.size(); ++i)
    QTest::keyClick(field, Qt::Key_Backspace);
  doc_->validateNow();
  QVERIFY2(editor->problemText().isEmpty(), qPrintable(editor->problemText()));
  QApplication::processEvents();
  compare("problem gone");
}

QTEST_MAIN(tst_InspectorLayout)
#include "tst_InspectorLayout.moc"
