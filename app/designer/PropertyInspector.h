#pragma once
// The property inspector: a form generated from the selected node's spec (PropertyEditors.h),
// plus the node id. Each edit is a SetProperty command; undo and validation results flow back
// into the fields through the document's signals.

#include <QMap>
#include <QWidget>

#include "app/designer/PipelineDocument.h"

class QLabel;
class QLineEdit;
class QScrollArea;
class QFormLayout;

namespace sc::designer {

class PropertyEditor;

class PropertyInspector : public QWidget {
  Q_OBJECT
 public:
  explicit PropertyInspector(PipelineDocument* document, QWidget* parent = nullptr);

  QString nodeId() const { return nodeId_; }
  QLineEdit* idEdit() const { return idEdit_; }
  PropertyEditor* editor(const QString& property) const { return editors_.value(property); }
  // Scrolls to the property's field and gives it keyboard focus.
  void focusProperty(const QString& property);

 Q_SIGNALS:
  void statusMessage(const QString& message);

 protected:
  // A theme switch rebuilds the form: the expression colouring is chosen for the palette.
  void changeEvent(QEvent* event) override;

 private:
  void showSelection();
  void build();
  void refreshValues();
  void showProblems();
  void commitRename();

  PipelineDocument* doc_;
  QScrollArea* scroll_;
  QWidget* form_ = nullptr;
  QLabel* emptyLabel_;
  QLabel* nodeProblems_ = nullptr;
  QLineEdit* idEdit_ = nullptr;
  QString nodeId_;
  QMap<QString, PropertyEditor*> editors_;
};

}  // namespace sc::designer
