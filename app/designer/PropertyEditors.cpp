#include "app/designer/PropertyEditors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include "app/designer/CanvasStyle.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/PropertyEditorKinds.h"
#include "app/designer/Translations.h"
#include "engine/graph/NodeConfig.h"

namespace sc::designer {

bool hasVariable(const QString& text) {
  return text.contains(QLatin1String("${"));
}

QString defaultHint(const PropertySpec& spec) {
  if (!spec.placeholder.empty()) return QString::fromStdString(spec.placeholder);
  if (!spec.defaultValue.is_null())
    return PropertyEditor::tr("default: %1").arg(textFromValue(spec.defaultValue));
  return spec.required ? PropertyEditor::tr("required") : QString();
}

namespace {

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

}  // namespace

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

namespace {

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
      return createExpressionEditor(spec, darkTheme, parent);
    case PropKind::List:
    case PropKind::Map:
      return createTableEditor(spec, parent);
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
