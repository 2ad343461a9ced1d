#pragma once
// The property inspector: a form generated from the selected node's spec (PropertyEditors.h),
// plus the node id. With no node selected it shows the pipeline's name and settings, a form
// generated from pipelineSettingsSpec() ("restart" as a sub-form of its fields). Each edit is
// an undo command; undo and validation results flow back into the fields through the
// document's signals.

#include <QMap>
#include <QWidget>

#include "app/designer/PipelineDocument.h"

class QLabel;
class QLineEdit;
class QScrollArea;
class QFormLayout;
class QVBoxLayout;

namespace sc::designer {

class FieldSampler;
class PropertyEditor;

class PropertyInspector : public QWidget {
  Q_OBJECT
 public:
  explicit PropertyInspector(PipelineDocument* document, QWidget* parent = nullptr);

  QString nodeId() const { return nodeId_; }
  QLineEdit* idEdit() const { return idEdit_; }
  // True while the pipeline settings form is shown (no node selected).
  bool showsSettings() const { return showsSettings_; }
  QLineEdit* nameEdit() const { return nameEdit_; }
  // The field of a node property, or with the settings form shown, of a setting ("delivery",
  // "restart/delay").
  PropertyEditor* editor(const QString& property) const { return editors_.value(property); }
  // Scrolls to the property's field and gives it keyboard focus.
  void focusProperty(const QString& property);
  // Offers "Sample fields" on sources that can be sampled (FieldSampler.h).
  void setFieldSampler(FieldSampler* sampler) { sampler_ = sampler; }

 Q_SIGNALS:
  void statusMessage(const QString& message);
  // A node's "New connection…" added `name`: show it in the connections editor.
  void connectionRequested(const QString& name);

 protected:
  // A theme switch rebuilds the form: the expression colouring is chosen for the palette.
  void changeEvent(QEvent* event) override;

 private:
  void showSelection();
  void build();
  void addProblemsLabel(QVBoxLayout* outer, const QString& objectName);
  void buildSettings();
  void clearForm();
  void addEditor(QFormLayout* form, const PropertySpec& spec, const QString& key, bool dark);
  void refreshValues();
  void showProblems();
  void offerFields();  // the node's input fields to its expression editors
  void commitRename();
  void newConnection(const std::string& property, const std::string& type);

  PipelineDocument* doc_;
  QScrollArea* scroll_;
  QWidget* form_ = nullptr;
  QLabel* emptyLabel_;
  QLabel* nodeProblems_ = nullptr;
  QLineEdit* idEdit_ = nullptr;
  QLineEdit* nameEdit_ = nullptr;
  bool showsSettings_ = false;
  QString nodeId_;
  QMap<QString, PropertyEditor*> editors_;
  FieldSampler* sampler_ = nullptr;
};

}  // namespace sc::designer
