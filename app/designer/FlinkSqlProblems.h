#pragma once
// The list of what File > Export > Flink SQL... could not translate (or, after a successful
// export, the differences it warns about): one row per diagnostic with the node, the property,
// why and what to do. Choosing a row asks the window to show that node on the canvas.

#include <QDialog>

#include "engine/graph/Diagnostics.h"

class QTreeWidget;

namespace sc::designer {

class FlinkSqlProblems : public QDialog {
  Q_OBJECT
 public:
  FlinkSqlProblems(const QString& title, const QString& intro, const Diagnostics& diagnostics,
                   QWidget* parent = nullptr);

  QTreeWidget* list() const { return list_; }

  // The property a diagnostic is about: its `property`, else the name after /properties/ in its
  // JSON pointer ("aggregates" for /nodes/1/properties/aggregates/0/fn), else empty.
  static QString propertyOf(const Diagnostic& d);

 Q_SIGNALS:
  // A row was chosen (clicked, or Enter on it): the node (empty for the pipeline's settings) and
  // the property to show.
  void problemChosen(const QString& nodeId, const QString& property);

 private:
  QTreeWidget* list_;
};

}  // namespace sc::designer
