// The editor of an expression property: coloured text with the compiler's error (column and
// message) under it, field and function completion, and the input's fields listed under it.
#include <QCompleter>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStringListModel>

#include "app/designer/ExpressionHighlighter.h"
#include "app/designer/FieldSampler.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/PropertyEditorKinds.h"
#include "app/designer/Translations.h"
#include "engine/expr/Expression.h"
#include "engine/runtime/SlotTable.h"

namespace sc::designer {

namespace {

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

}  // namespace

PropertyEditor* createExpressionEditor(const PropertySpec& spec, bool darkTheme, QWidget* parent) {
  return new ExpressionEditor(spec, darkTheme, parent);
}

}  // namespace sc::designer
