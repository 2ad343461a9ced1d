#include "app/designer/PropertyEditors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QScrollBar>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/designer/CanvasStyle.h"
#include "app/designer/ExpressionHighlighter.h"
#include "app/designer/FieldSampler.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/Translations.h"
#include "engine/expr/Expression.h"
#include "engine/graph/NodeConfig.h"
#include "engine/runtime/SlotTable.h"

namespace sc::designer {

namespace {

bool hasVariable(const QString& text) {
  return text.contains(QLatin1String("${"));
}

QString defaultHint(const PropertySpec& spec) {
  if (!spec.placeholder.empty()) return QString::fromStdString(spec.placeholder);
  if (!spec.defaultValue.is_null())
    return PropertyEditor::tr("default: %1").arg(textFromValue(spec.defaultValue));
  return spec.required ? PropertyEditor::tr("required") : QString();
}

QString kindHint(PropKind kind) {
  switch (kind) {
    case PropKind::Integer:
      return PropertyEditor::tr("expected a whole number or ${VAR}");
    case PropKind::Number:
      return PropertyEditor::tr("expected a number or ${VAR}");
    case PropKind::Boolean:
      return PropertyEditor::tr("expected true, false or ${VAR}");
    case PropKind::Duration:
      return PropertyEditor::tr("expected a duration such as 250ms, 10s, 5m, 1h, or ${VAR}");
    default:
      return {};
  }
}

// The check of one scalar as typed; empty when fine.
QString scalarProblem(const QString& text, const PropertySpec& spec, PropKind kind) {
  const QString t = text.trimmed();
  if (t.isEmpty() || hasVariable(t)) return {};
  bool ok = true;
  switch (kind) {
    case PropKind::Integer:
      t.toLongLong(&ok);
      break;
    case PropKind::Number:
      t.toDouble(&ok);
      break;
    case PropKind::Boolean:
      ok = t == QLatin1String("true") || t == QLatin1String("false");
      break;
    case PropKind::Duration:
      ok = parseDurationMs(t.toStdString()).has_value();
      break;
    case PropKind::Enum: {
      ok = spec.choices.empty();
      for (const auto& c : spec.choices)
        ok = ok || QString::fromStdString(c) == t;
      if (!ok) {
        QStringList choices;
        for (const auto& c : spec.choices)
          choices << QString::fromStdString(c);
        return PropertyEditor::tr("expected one of: %1").arg(choices.join(QStringLiteral(", ")));
      }
      break;
    }
    default:
      break;
  }
  return ok ? QString() : kindHint(kind);
}

// Numbers as typed, or any text holding a ${VAR} (a "$" starts one).
class NumberValidator : public QValidator {
 public:
  NumberValidator(bool integer, QObject* parent)
      : QValidator(parent),
        number_(QRegularExpression::anchoredPattern(
            integer ? QStringLiteral("-?\\d*")
                    : QStringLiteral("-?\\d*\\.?\\d*([eE][-+]?\\d*)?"))) {}
  State validate(QString& input, int&) const override {
    return input.contains('$') || number_.match(input).hasMatch() ? Acceptable : Invalid;
  }

 private:
  QRegularExpression number_;
};

// ---- single-line text: string, integer, number, duration ----------------------------------
class LineEditor : public PropertyEditor {
 public:
  LineEditor(const PropertySpec& spec, QWidget* parent)
      : PropertyEditor(spec, parent), edit_(new QLineEdit(this)) {
    edit_->setPlaceholderText(defaultHint(spec));
    if (spec.kind == PropKind::Integer || spec.kind == PropKind::Number)
      edit_->setValidator(new NumberValidator(spec.kind == PropKind::Integer, edit_));
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(edit_);
    if (spec.secret) {
      // Secrets are masked; the toggle shows them while the user checks what was typed.
      edit_->setEchoMode(QLineEdit::Password);
      auto* reveal = new QToolButton(row);
      reveal->setObjectName(QStringLiteral("reveal"));
      reveal->setCheckable(true);
      reveal->setIcon(actionIcon(QStringLiteral("reveal")));
      reveal->setToolTip(PropertyEditor::tr("Show the value"));
      layout->addWidget(reveal);
      connect(reveal, &QToolButton::toggled, this, [this](bool shown) {
        edit_->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
      });
    }
    addContent(row);
    connect(edit_, &QLineEdit::textEdited, this, [this](const QString& text) {
      setLocalProblem(scalarProblem(text, this->spec(), this->spec().kind));
      report(valueFromText(text, this->spec().kind));
    });
  }
  void setValue(const Json& value) override {
    edit_->setText(textFromValue(value));
    setLocalProblem(scalarProblem(edit_->text(), spec(), spec().kind));
  }
  Json value() const override { return valueFromText(edit_->text(), spec().kind); }
  QWidget* focusTarget() const override { return edit_; }

 private:
  QLineEdit* edit_;
};

// ---- boolean: a checkbox, or the ${VAR} text when the file holds one ------------------------
class BoolEditor : public PropertyEditor {
 public:
  BoolEditor(const PropertySpec& spec, QWidget* parent)
      : PropertyEditor(spec, parent), check_(new QCheckBox(this)), text_(new QLineEdit(this)) {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(check_);
    layout->addWidget(text_);
    layout->addStretch();
    text_->hide();
    addContent(row);
    connect(check_, &QCheckBox::clicked, this, [this](bool on) { report(Json(on)); });
    connect(text_, &QLineEdit::textEdited, this, [this](const QString& text) {
      setLocalProblem(scalarProblem(text, this->spec(), PropKind::Boolean));
      report(valueFromText(text, PropKind::Boolean));
    });
  }
  void setValue(const Json& value) override {
    const bool variable = value.is_string();
    text_->setVisible(variable);
    check_->setVisible(!variable);
    if (variable) {
      text_->setText(textFromValue(value));
    } else {
      const Json& shown = value.is_null() ? spec().defaultValue : value;
      check_->setChecked(shown.is_boolean() && shown.get<bool>());
      explicit_ = !value.is_null();
    }
  }
  Json value() const override {
    if (text_->isVisibleTo(const_cast<BoolEditor*>(this)))
      return valueFromText(text_->text(), PropKind::Boolean);
    return explicit_ ? Json(check_->isChecked()) : Json();
  }
  QWidget* focusTarget() const override {
    return text_->isVisibleTo(const_cast<BoolEditor*>(this)) ? static_cast<QWidget*>(text_)
                                                             : check_;
  }

 private:
  QCheckBox* check_;
  QLineEdit* text_;
  bool explicit_ = false;
};

// ---- enum: an editable combo box, so ${VAR} can be typed ------------------------------------
class EnumEditor : public PropertyEditor {
 public:
  EnumEditor(const PropertySpec& spec, QWidget* parent)
      : PropertyEditor(spec, parent), combo_(new QComboBox(this)) {
    combo_->setEditable(true);
    combo_->setInsertPolicy(QComboBox::NoInsert);
    for (const auto& choice : spec.choices)
      combo_->addItem(QString::fromStdString(choice));
    combo_->lineEdit()->setPlaceholderText(defaultHint(spec));
    combo_->setCurrentIndex(-1);
    addContent(combo_);
    connect(combo_->lineEdit(), &QLineEdit::textEdited, this, [this](const QString& text) {
      setLocalProblem(scalarProblem(text, this->spec(), PropKind::Enum));
      report(valueFromText(text, PropKind::Enum));
    });
    connect(combo_, &QComboBox::activated, this, [this](int index) {
      setLocalProblem({});
      report(Json(combo_->itemText(index).toStdString()));
    });
  }
  void setValue(const Json& value) override {
    combo_->setCurrentIndex(-1);
    combo_->setEditText(textFromValue(value));
    setLocalProblem(scalarProblem(combo_->currentText(), spec(), PropKind::Enum));
  }
  Json value() const override { return valueFromText(combo_->currentText(), PropKind::Enum); }
  QWidget* focusTarget() const override { return combo_; }

 private:
  QComboBox* combo_;
};

// ---- expression: coloured text with the compiler's error (column and message) under it, field
// and function completion, and the input's fields listed under it ---------------------------

// The completion entries: the input's fields, then the functions ("lower(").
QStringList completionWords(const FieldSet& fields) {
  QStringList words;
  for (const Field& f : fields.fields())
    words << qstr(f.name);
  for (const std::string& fn : expr::functionNames())
    words << qstr(fn) + '(';
  return words;
}

// The identifier being typed before the cursor; empty inside a string literal, after '$' (
// metadata) or '.' (a member: not a top-level field), or on a number.
QString wordBeforeCursor(const QString& text, int cursor) {
  bool inString = false;
  for (int i = 0; i < cursor && i < text.size(); ++i) {
    if (text[i] == '\\' && inString) {
      ++i;
      continue;
    }
    if (text[i] == '"') inString = !inString;
  }
  if (inString) return {};
  int start = cursor;
  while (start > 0 && (text[start - 1].isLetterOrNumber() || text[start - 1] == '_'))
    --start;
  if (start == cursor || text[start].isDigit()) return {};
  if (start > 0 && (text[start - 1] == '$' || text[start - 1] == '.')) return {};
  return text.mid(start, cursor - start);
}

class ExpressionText : public QPlainTextEdit {
 public:
  using QPlainTextEdit::QPlainTextEdit;

  void setCompleter(QCompleter* completer) {
    completer_ = completer;
    completer_->setWidget(this);
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this,
            &ExpressionText::insertCompletion);
  }
  void insertCompletion(const QString& word) {
    QTextCursor cursor = textCursor();
    const QString prefix = wordBeforeCursor(toPlainText(), cursor.position());
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(prefix.size()));
    cursor.insertText(word);
    setTextCursor(cursor);
  }

 protected:
  void keyPressEvent(QKeyEvent* event) override {
    const bool popup = completer_ && completer_->popup()->isVisible();
    if (popup) {
      switch (event->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
          event->ignore();  // the completer takes these
          return;
        default:
          break;
      }
    }
    // One logical line: Return does not insert a newline, Tab moves focus on.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
      event->ignore();
      return;
    }
    const bool force = event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier);
    if (!force) QPlainTextEdit::keyPressEvent(event);
    if (!completer_) return;
    const QString prefix = wordBeforeCursor(toPlainText(), textCursor().position());
    const bool typed = !event->text().isEmpty() && !(event->modifiers() & Qt::ControlModifier);
    if (!force && (prefix.isEmpty() || !typed)) {
      completer_->popup()->hide();
      return;
    }
    completer_->setCompletionPrefix(prefix);
    if (completer_->completionCount() == 0 ||
        (completer_->completionCount() == 1 && completer_->currentCompletion() == prefix)) {
      completer_->popup()->hide();
      return;
    }
    completer_->popup()->setCurrentIndex(completer_->completionModel()->index(0, 0));
    QRect rect = cursorRect();
    rect.setWidth(completer_->popup()->sizeHintForColumn(0) +
                  completer_->popup()->verticalScrollBar()->sizeHint().width());
    completer_->complete(rect);
  }

 private:
  QCompleter* completer_ = nullptr;
};

class ExpressionEditor : public PropertyEditor {
 public:
  ExpressionEditor(const PropertySpec& spec, bool dark, QWidget* parent)
      : PropertyEditor(spec, parent),
        edit_(new ExpressionText(this)),
        words_(new QStringListModel(completionWords(FieldSet()), this)),
        fields_(new QLabel(this)) {
    edit_->setTabChangesFocus(true);
    edit_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit_->setPlaceholderText(defaultHint(spec));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    edit_->setFont(mono);
    const int line = QFontMetrics(mono).lineSpacing();
    edit_->setFixedHeight(line * 2 + 12);
    new ExpressionHighlighter(edit_->document(), dark);
    auto* completer = new QCompleter(words_, this);
    completer->setObjectName(QStringLiteral("fieldCompleter"));
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setModelSorting(QCompleter::UnsortedModel);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    edit_->setCompleter(completer);
    addContent(edit_);
    // The input's fields, each a link that inserts its name at the cursor.
    fields_->setObjectName(QStringLiteral("inputFields"));
    fields_->setWordWrap(true);
    fields_->setTextFormat(Qt::RichText);
    fields_->setForegroundRole(QPalette::PlaceholderText);
    fields_->hide();
    addContent(fields_);
    connect(fields_, &QLabel::linkActivated, this, [this](const QString& link) {
      if (!link.startsWith(QLatin1String("field:"))) return;
      edit_->textCursor().insertText(link.mid(6));
      edit_->setFocus(Qt::OtherFocusReason);
    });
    connect(edit_, &QPlainTextEdit::textChanged, this, [this] {
      if (filling_) return;
      check();
      report(valueFromText(edit_->toPlainText(), PropKind::Expression));
    });
  }
  void setValue(const Json& value) override {
    filling_ = true;
    edit_->setPlainText(textFromValue(value));
    filling_ = false;
    check();
  }
  Json value() const override { return valueFromText(edit_->toPlainText(), PropKind::Expression); }
  QWidget* focusTarget() const override { return edit_; }
  void setInputFields(const FieldSet& fields) override {
    if (fields == shown_) return;
    shown_ = fields;
    words_->setStringList(completionWords(fields));
    const QString list = fieldListText(fields, true);
    fields_->setVisible(!list.isEmpty() || fields.complete());
    fields_->setText(list.isEmpty() ? PropertyEditor::tr("Input fields: none")
                     : fields.complete()
                         ? PropertyEditor::tr("Input fields: %1").arg(list)
                         : PropertyEditor::tr("Input fields (at least): %1").arg(list));
    fields_->setToolTip(qstr(fields.origin()));
  }

 private:
  void check() {
    const QString text = edit_->toPlainText();
    if (text.trimmed().isEmpty() || hasVariable(text)) {
      setLocalProblem({});
      return;
    }
    SlotTable slots;
    expr::CompileError error;
    const std::string source = text.toStdString();
    if (expr::Expression::compile(source, slots, expressionType(spec().exprType), &error)) {
      setLocalProblem({});
      return;
    }
    const QString message = QString::fromStdString(error.message);
    setLocalProblem(error.column > 0
                        ? PropertyEditor::tr("column %1: %2").arg(error.column).arg(message)
                        : message);
  }
  ExpressionText* edit_;
  QStringListModel* words_;
  QLabel* fields_;
  FieldSet shown_;
};

// ---- a table cell that takes one of a few words: a drop-down, always shown -------------------
class ChoiceDelegate : public QStyledItemDelegate {
 public:
  ChoiceDelegate(std::vector<std::string> choices, QObject* parent) : QStyledItemDelegate(parent) {
    for (const auto& c : choices)
      choices_ << QString::fromStdString(c);
  }
  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&,
                        const QModelIndex&) const override {
    auto* combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("choice"));
    combo->setFrame(false);
    combo->addItems(choices_);
    // Chosen, it is the cell's value at once (the editor stays open).
    connect(combo, &QComboBox::activated, this,
            [this, combo] { Q_EMIT const_cast<ChoiceDelegate*>(this)->commitData(combo); });
    return combo;
  }
  void setEditorData(QWidget* editor, const QModelIndex& index) const override {
    auto* combo = static_cast<QComboBox*>(editor);
    const QString text = index.data(Qt::EditRole).toString();
    // A value that is no choice (a ${VAR}, or a typo in the file) stays shown as it is.
    for (int i = combo->count() - 1; i >= choices_.size(); --i)
      combo->removeItem(i);
    int at = combo->findText(text);
    if (at < 0 && !text.isEmpty()) {
      combo->addItem(text);
      at = combo->count() - 1;
    }
    combo->setCurrentIndex(at);
  }
  void setModelData(QWidget* editor, QAbstractItemModel* model,
                    const QModelIndex& index) const override {
    auto* combo = static_cast<QComboBox*>(editor);
    if (model->data(index, Qt::EditRole).toString() != combo->currentText())
      model->setData(index, combo->currentText(), Qt::EditRole);
  }
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    // Wide enough for the longest choice and the arrow.
    QComboBox probe;
    probe.addItems(choices_);
    probe.addItem(index.data(Qt::EditRole).toString());
    return probe.sizeHint().expandedTo(QStyledItemDelegate::sizeHint(option, index));
  }

 private:
  QStringList choices_;
};

// ---- list, map, list of objects: a table with add and remove buttons ------------------------
class TableEditor : public PropertyEditor {
 public:
  TableEditor(const PropertySpec& spec, QWidget* parent)
      : PropertyEditor(spec, parent), table_(new QTableWidget(this)) {
    isMap_ = spec.kind == PropKind::Map;
    if (isMap_)
      columns_.push_back({PropertyEditor::tr("name"), makeProperty("name", PropKind::String, "")});
    if (spec.item == PropKind::Object) {
      for (const auto& field : spec.fields)
        columns_.push_back({propertyLabel(field.name), field});
    } else {
      PropertySpec item = makeProperty("item", spec.item, "");
      if (spec.item == PropKind::Enum) item.choices = spec.choices;
      columns_.push_back(
          {isMap_ ? PropertyEditor::tr("value") : PropertyEditor::tr("item"), std::move(item)});
    }
    table_->setColumnCount(static_cast<int>(columns_.size()));
    QStringList headers;
    for (const auto& c : columns_)
      headers << c.title;
    table_->setHorizontalHeaderLabels(headers);
    for (int i = 0; i < static_cast<int>(columns_.size()); ++i)
      if (!columns_[i].spec.description.empty())
        table_->horizontalHeaderItem(i)->setToolTip(specText(columns_[i].spec.description));
    for (int i = 0; i < static_cast<int>(columns_.size()); ++i)
      if (isChoice(i))
        table_->setItemDelegateForColumn(i, new ChoiceDelegate(columns_[i].spec.choices, table_));
    // Columns as wide as their contents, the last one taking the rest: names and functions
    // read in full, and a long expression scrolls instead of cutting the others short.
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::AllEditTriggers);

    auto* add = new QToolButton(this);
    add->setObjectName(QStringLiteral("addRow"));
    add->setText(QStringLiteral("+"));
    add->setToolTip(PropertyEditor::tr("Add a row"));
    auto* remove = new QToolButton(this);
    remove->setObjectName(QStringLiteral("removeRow"));
    remove->setText(QStringLiteral("−"));
    remove->setToolTip(PropertyEditor::tr("Remove the selected rows"));
    auto* buttons = new QWidget(this);
    auto* buttonLayout = new QHBoxLayout(buttons);
    buttonLayout->setContentsMargins(0, 0, 0, 0);
    buttonLayout->addWidget(add);
    buttonLayout->addWidget(remove);
    buttonLayout->addStretch();
    if (isMap_ && !spec.choices.empty()) {
      // A map that also takes a few words (headers: keep | drop | name -> expression): the
      // words, and a last entry that shows the table.
      words_ = new QComboBox(this);
      words_->setObjectName(QStringLiteral("mapWords"));
      for (const auto& choice : spec.choices)
        words_->addItem(QString::fromStdString(choice));
      words_->addItem(tr("these:"));
      addContent(words_);
      connect(words_, &QComboBox::activated, this, [this, buttons](int) {
        showTable(buttons);
        report(value());
      });
      buttons_ = buttons;
    }
    addContent(table_);
    addContent(buttons);
    fitHeight();

    connect(add, &QToolButton::clicked, this, [this] {
      const int row = table_->rowCount();
      table_->insertRow(row);
      for (int c = 0; c < table_->columnCount(); ++c)
        ensureItem(row, c);
      openChoiceEditors(row);
      fitHeight();
      table_->setCurrentCell(row, 0);
      table_->setFocus();
    });
    connect(remove, &QToolButton::clicked, this, [this] {
      QList<int> rows;
      for (const auto& range : table_->selectedRanges())
        for (int r = range.topRow(); r <= range.bottomRow(); ++r)
          rows << r;
      if (rows.isEmpty() && table_->currentRow() >= 0) rows << table_->currentRow();
      std::sort(rows.begin(), rows.end(), std::greater<>());
      for (int r : rows)
        table_->removeRow(r);
      fitHeight();
      check();
      report(value());
    });
    connect(table_, &QTableWidget::itemChanged, this, [this] {
      if (filling_) return;
      check();
      report(value());
    });
  }

  void setValue(const Json& v) override {
    filling_ = true;
    table_->setRowCount(0);
    auto addRow = [this](const Json& item, const std::string* key) {
      const int row = table_->rowCount();
      table_->insertRow(row);
      int column = 0;
      if (key) ensureItem(row, column++)->setText(QString::fromStdString(*key));
      if (spec().item == PropKind::Object && item.is_object()) {
        for (const auto& field : spec().fields) {
          auto it = item.find(field.name);
          ensureItem(row, column++)->setText(it == item.end() ? QString() : textFromValue(*it));
        }
      } else {
        ensureItem(row, column)->setText(textFromValue(item));
      }
      openChoiceEditors(row);
    };
    if (words_) {
      const Json shown = v.is_null() ? spec().defaultValue : v;
      const int word = shown.is_string()
                           ? words_->findText(QString::fromStdString(shown.get<std::string>()))
                           : -1;
      words_->setCurrentIndex(word >= 0 ? word : words_->count() - 1);
      showTable(buttons_);
    }
    if (isMap_ && v.is_object()) {
      for (auto it = v.begin(); it != v.end(); ++it)
        addRow(it.value(), &it.key());
    } else if (!isMap_ && v.is_array()) {
      for (const Json& item : v)
        addRow(item, nullptr);
    } else if (!isMap_ && !v.is_null()) {
      addRow(v, nullptr);  // a single bare item
    }
    filling_ = false;
    fitHeight();
    check();
  }

  Json value() const override {
    if (words_ && words_->currentIndex() < words_->count() - 1)
      return Json(words_->currentText().toStdString());
    Json out = isMap_ ? Json::object() : Json::array();
    for (int row = 0; row < table_->rowCount(); ++row) {
      bool empty = true;
      for (int c = 0; c < table_->columnCount(); ++c)
        if (!cellText(row, c).trimmed().isEmpty()) empty = false;
      if (empty) continue;
      int column = 0;
      std::string key;
      if (isMap_) key = cellText(row, column++).trimmed().toStdString();
      Json item;
      if (spec().item == PropKind::Object) {
        item = Json::object();
        for (size_t f = 0; f < spec().fields.size(); ++f, ++column) {
          Json field = valueFromText(cellText(row, column), spec().fields[f].kind);
          if (!field.is_null()) item[spec().fields[f].name] = std::move(field);
        }
      } else {
        item = valueFromText(cellText(row, column), spec().item);
        if (item.is_null()) item = "";
      }
      if (isMap_)
        out[key] = std::move(item);
      else
        out.push_back(std::move(item));
    }
    if (out.empty()) return Json();
    return out;
  }

  QWidget* focusTarget() const override { return table_; }

 private:
  struct Column {
    QString title;
    PropertySpec spec;  // the field's spec: kind, choices, description
  };

  bool isChoice(int column) const {
    const PropertySpec& c = columns_[static_cast<size_t>(column)].spec;
    return c.kind == PropKind::Enum && !c.choices.empty();
  }
  // The drop-downs of a row's choice cells stay open, so they look and work like drop-downs.
  void openChoiceEditors(int row) {
    for (int c = 0; c < table_->columnCount(); ++c)
      if (isChoice(c)) table_->openPersistentEditor(ensureItem(row, c));
  }

  QString cellText(int row, int column) const {
    const QTableWidgetItem* item = table_->item(row, column);
    return item ? item->text() : QString();
  }
  QTableWidgetItem* ensureItem(int row, int column) {
    QTableWidgetItem* item = table_->item(row, column);
    if (!item) {
      item = new QTableWidgetItem;
      const bool wasFilling = filling_;
      filling_ = true;
      table_->setItem(row, column, item);
      filling_ = wasFilling;
    }
    return item;
  }
  void fitHeight() {
    const int rows = std::max(2, table_->rowCount()) + 1;
    const int rowHeight = table_->verticalHeader()->defaultSectionSize();
    table_->setFixedHeight(std::min(rows, 8) * rowHeight +
                           table_->horizontalHeader()->height() / 2 + 4);
  }
  void check() {
    QString problem;
    for (int row = 0; row < table_->rowCount() && problem.isEmpty(); ++row)
      for (int c = 0; c < static_cast<int>(columns_.size()) && problem.isEmpty(); ++c) {
        const QString p = scalarProblem(cellText(row, c), columns_[c].spec, columns_[c].spec.kind);
        if (!p.isEmpty())
          problem = PropertyEditor::tr("row %1, %2: %3").arg(row + 1).arg(columns_[c].title, p);
      }
    setLocalProblem(problem);
  }

  // The table and its buttons only when the map, not a word, is chosen.
  void showTable(QWidget* buttons) {
    const bool table = words_->currentIndex() == words_->count() - 1;
    table_->setVisible(table);
    buttons->setVisible(table);
  }

  QTableWidget* table_;
  bool isMap_ = false;
  QComboBox* words_ = nullptr;  // a map that also takes words (spec.choices)
  QWidget* buttons_ = nullptr;
  std::vector<Column> columns_;
};

// ---- anything else: the value as JSON text ----------------------------------------------------
class JsonEditor : public PropertyEditor {
 public:
  JsonEditor(const PropertySpec& spec, QWidget* parent)
      : PropertyEditor(spec, parent), edit_(new QLineEdit(this)) {
    edit_->setPlaceholderText(defaultHint(spec));
    addContent(edit_);
    connect(edit_, &QLineEdit::textEdited, this, [this](const QString&) {
      const Json v = value();
      setLocalProblem(v.is_discarded() ? PropertyEditor::tr("not valid JSON") : QString());
      if (!v.is_discarded()) report(v);
    });
  }
  void setValue(const Json& v) override {
    edit_->setText(v.is_null() ? QString() : QString::fromStdString(v.dump()));
  }
  Json value() const override {
    const std::string text = edit_->text().trimmed().toStdString();
    if (text.empty()) return Json();
    return Json::parse(text, nullptr, false);
  }
  QWidget* focusTarget() const override { return edit_; }

 private:
  QLineEdit* edit_;
};

}  // namespace

PropertyEditor::PropertyEditor(const PropertySpec& spec, QWidget* parent)
    : QWidget(parent), spec_(spec), layout_(new QVBoxLayout(this)), problem_(new QLabel(this)) {
  layout_->setContentsMargins(0, 0, 0, 0);
  layout_->setSpacing(2);
  // As tall as its contents: an expression or table field that asked to expand took a share of
  // the form's spare height and sat in its middle, far below its label.
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
  problem_->setObjectName(QStringLiteral("problem"));
  // The problem line keeps its one line of space, empty or not, so the form below does not jump
  // under the cursor while the user types; a longer message is cut short, whole in its tooltip.
  problem_->setFixedHeight(problem_->fontMetrics().height());
  problem_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
  layout_->addWidget(problem_);
}

void PropertyEditor::addContent(QWidget* widget) {
  layout_->insertWidget(layout_->count() - 1, widget);
}

void PropertyEditor::setLocalProblem(const QString& text) {
  localProblem_ = text;
  showProblem();
}

void PropertyEditor::setValidatorProblem(const QString& text, bool warningOnly) {
  validatorProblem_ = text;
  validatorWarningOnly_ = warningOnly;
  showProblem();
}

QString PropertyEditor::problemText() const {
  return localProblem_.isEmpty() ? validatorProblem_ : localProblem_;
}

void PropertyEditor::showProblem() {
  const QString text = problemText();
  // A warning (the pipeline still runs) reads apart from an error: warning colour and sign.
  showsWarning_ = localProblem_.isEmpty() && validatorWarningOnly_ && !text.isEmpty();
  QPalette pal = problem_->palette();
  pal.setColor(QPalette::WindowText,
               showsWarning_ ? warningTextColor(palette()) : canvasColors(palette()).error);
  problem_->setPalette(pal);
  const QString sign = showsWarning_ ? QStringLiteral("\u26A0 ") : QString();
  const QString line = sign + text.section('\n', 0, 0);
  problem_->setText(
      problem_->fontMetrics().elidedText(text.contains('\n') ? line + QStringLiteral(" …") : line,
                                         Qt::ElideRight, std::max(1, problem_->width())));
  problem_->setToolTip(text);
}

void PropertyEditor::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  showProblem();  // elided to the new width
}

void PropertyEditor::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) showProblem();
}

void PropertyEditor::report(const Json& value) {
  if (!filling_) Q_EMIT edited(value);
}

namespace {
constexpr int kNewConnectionRole = Qt::UserRole + 1;
}

ConnectionPicker::ConnectionPicker(const PropertySpec& spec, QWidget* parent)
    : PropertyEditor(spec, parent), combo_(new QComboBox(this)) {
  combo_->setObjectName(QStringLiteral("connectionPicker"));
  combo_->setEditable(true);
  combo_->setInsertPolicy(QComboBox::NoInsert);
  combo_->lineEdit()->setPlaceholderText(tr("choose a connection"));
  addContent(combo_);
  setConnectionNames({});
  connect(combo_->lineEdit(), &QLineEdit::textEdited, this,
          [this](const QString& text) { report(valueFromText(text, PropKind::String)); });
  connect(combo_, &QComboBox::activated, this, [this](int index) {
    if (combo_->itemData(index, kNewConnectionRole).toBool()) {
      // Not a value: put the current one back before the document adds the connection.
      const Json current = value();
      combo_->setCurrentIndex(-1);
      combo_->setEditText(textFromValue(current));
      Q_EMIT newConnectionRequested();
      return;
    }
    report(Json(combo_->itemText(index).toStdString()));
  });
}

void ConnectionPicker::setConnectionNames(const QStringList& names) {
  const QString text = combo_->currentText();
  const QSignalBlocker block(combo_);
  combo_->clear();
  combo_->addItems(names);
  if (!names.isEmpty()) combo_->insertSeparator(combo_->count());
  combo_->addItem(tr("New connection…"));
  combo_->setItemData(combo_->count() - 1, true, kNewConnectionRole);
  combo_->setCurrentIndex(-1);
  combo_->setEditText(text);
}

int ConnectionPicker::newConnectionIndex() const {
  return combo_->count() - 1;
}

void ConnectionPicker::setValue(const Json& value) {
  const QSignalBlocker block(combo_);
  const int index = combo_->findText(textFromValue(value));
  combo_->setCurrentIndex(value.is_null() || index == newConnectionIndex() ? -1 : index);
  combo_->setEditText(textFromValue(value));
}

Json ConnectionPicker::value() const {
  return valueFromText(combo_->currentText(), PropKind::String);
}

QWidget* ConnectionPicker::focusTarget() const {
  return combo_;
}

PropertyEditor* createPropertyEditor(const PropertySpec& spec, bool darkTheme, QWidget* parent) {
  if (!spec.connectionType.empty()) return new ConnectionPicker(spec, parent);
  switch (spec.kind) {
    case PropKind::String:
    case PropKind::Integer:
    case PropKind::Number:
    case PropKind::Duration:
      return new LineEditor(spec, parent);
    case PropKind::Boolean:
      return new BoolEditor(spec, parent);
    case PropKind::Enum:
      return new EnumEditor(spec, parent);
    case PropKind::Expression:
      return new ExpressionEditor(spec, darkTheme, parent);
    case PropKind::List:
    case PropKind::Map:
      return new TableEditor(spec, parent);
    case PropKind::Object:
      break;
  }
  return new JsonEditor(spec, parent);
}

Json valueFromText(const QString& text, PropKind kind) {
  const QString t =
      kind == PropKind::String || kind == PropKind::Expression ? text : text.trimmed();
  if (t.isEmpty()) return Json();
  if (hasVariable(t)) return Json(t.toStdString());
  bool ok = false;
  switch (kind) {
    case PropKind::Integer:
      if (const qlonglong v = t.toLongLong(&ok); ok) return Json(static_cast<int64_t>(v));
      break;
    case PropKind::Number:
      if (const qlonglong v = t.toLongLong(&ok); ok) return Json(static_cast<int64_t>(v));
      if (const double v = t.toDouble(&ok); ok) return Json(v);
      break;
    case PropKind::Boolean:
      if (t == QLatin1String("true")) return Json(true);
      if (t == QLatin1String("false")) return Json(false);
      break;
    default:
      break;
  }
  return Json(t.toStdString());
}

QString textFromValue(const Json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return QString::fromStdString(value.get<std::string>());
  return QString::fromStdString(value.dump());
}

}  // namespace sc::designer
