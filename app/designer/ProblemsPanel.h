#pragma once
// Every validation problem of the pipeline, updated after each edit. Activating one asks for its
// node to be selected and its property focused.

#include <QTreeWidget>

#include "app/designer/PipelineDocument.h"

namespace sc::designer {

class ProblemsPanel : public QTreeWidget {
  Q_OBJECT
 public:
  explicit ProblemsPanel(PipelineDocument* document, QWidget* parent = nullptr);

 Q_SIGNALS:
  void problemActivated(const QString& nodeId, const QString& property);
  void countChanged(int errors, int warnings);

 private:
  void refresh();

  PipelineDocument* doc_;
};

}  // namespace sc::designer
