#pragma once
// One editor widget per property kind, chosen from the property's spec. Every editor accepts
// ${VAR} text, reports user edits as JSON values (null: unset, the spec default applies) and
// shows a problem line under the field: its own live check (expression syntax, duration text,
// enum choices) or else what the validator said about the property.

#include <QWidget>

#include "engine/graph/Json.h"
#include "engine/graph/NodeSpec.h"

class QComboBox;
class QLabel;
class QVBoxLayout;

namespace sc::designer {

class PropertyEditor : public QWidget {
  Q_OBJECT
 public:
  PropertyEditor(const PropertySpec& spec, QWidget* parent);

  const PropertySpec& spec() const { return spec_; }
  // Shows `value` (null: unset) without reporting an edit.
  virtual void setValue(const Json& value) = 0;
  // The value the editor currently shows (null: unset).
  virtual Json value() const = 0;
  // The widget that takes keyboard focus (for "focus this property").
  virtual QWidget* focusTarget() const = 0;

  // The validator's message for this property (empty: none); `warningOnly`: every message is a
  // warning (the pipeline still runs), shown in the warning style instead of the error style.
  void setValidatorProblem(const QString& text, bool warningOnly = false);
  // The fields of the records the node's expressions read (FieldSchema.h): expression editors
  // complete them and list them under the text. Other editors ignore them.
  virtual void setInputFields(const FieldSet& fields) { (void)fields; }
  QString problemText() const;
  // Whether the problem line shows warnings only (warning colour and sign), not an error.
  bool showsWarning() const { return showsWarning_; }

 Q_SIGNALS:
  void edited(const sc::Json& value);

 protected:
  void addContent(QWidget* widget);
  void resizeEvent(QResizeEvent* event) override;
  void changeEvent(QEvent* event) override;  // a theme switch recolours the problem line
  // The editor's own check of the current text (empty: fine); shown before the validator's.
  void setLocalProblem(const QString& text);
  // Emits `edited` unless the editor is being filled programmatically.
  void report(const Json& value);
  bool filling_ = false;

 private:
  void showProblem();
  PropertySpec spec_;
  QVBoxLayout* layout_;
  QLabel* problem_;
  QString localProblem_;
  QString validatorProblem_;
  bool validatorWarningOnly_ = false;
  bool showsWarning_ = false;
};

// A node's connection property (its spec names a connectionType): a drop-down of the document's
// connections of that type and "New connection…". Editable, so a ${VAR} can be typed.
class ConnectionPicker : public PropertyEditor {
  Q_OBJECT
 public:
  ConnectionPicker(const PropertySpec& spec, QWidget* parent);
  // The connections offered, in order; the current value stays as it is.
  void setConnectionNames(const QStringList& names);
  void setValue(const Json& value) override;
  Json value() const override;
  QWidget* focusTarget() const override;
  QComboBox* comboBox() const { return combo_; }
  // The index of "New connection…" in the drop-down.
  int newConnectionIndex() const;

 Q_SIGNALS:
  // "New connection…" was chosen.
  void newConnectionRequested();

 private:
  QComboBox* combo_;
};

PropertyEditor* createPropertyEditor(const PropertySpec& spec, bool darkTheme, QWidget* parent);

// Text typed into a field -> JSON value of `kind` ("" -> null; ${VAR} text stays a string).
Json valueFromText(const QString& text, PropKind kind);
// JSON value -> text for a field (strings unquoted, null empty).
QString textFromValue(const Json& value);

}  // namespace sc::designer
