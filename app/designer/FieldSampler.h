#pragma once
// "Sample fields": reads the first records of a file or Kafka source on a worker thread and
// stores the fields it saw in the node's "ui" data (ui.sampled_fields) as one undoable edit.
// With them the editor completes field names after the source and the validator warns about
// misspelled ones; a run never needs them. NodeFieldsView shows a node's fields in the
// inspector with the button.

#include <QSet>
#include <QWidget>
#include <memory>
#include <string>

#include "engine/graph/FieldSchema.h"

namespace sc {
class ResourceRegistry;
}

class QLabel;
class QPushButton;

namespace sc::designer {

class PipelineDocument;

class FieldSampler : public QObject {
  Q_OBJECT
 public:
  // `resources` (may be null): where the designer's embedded clusters live, for connections to
  // "embedded".
  FieldSampler(PipelineDocument* document, std::shared_ptr<ResourceRegistry> resources,
               QObject* parent = nullptr);

  static constexpr int kSampleRecords = 100;
  static constexpr int kTimeoutMs = 5000;

  // Whether the node reads records that can be sampled (file and Kafka sources).
  bool canSample(const std::string& nodeId) const;
  bool isBusy(const QString& nodeId) const { return busy_.contains(nodeId); }
  // Starts sampling; finished() tells the outcome. Never blocks the GUI thread.
  void sample(const QString& nodeId);

 Q_SIGNALS:
  void started(const QString& nodeId);
  // `message` says what was found or why nothing was (for the status line).
  void finished(const QString& nodeId, const QString& message, bool ok);

 private:
  PipelineDocument* doc_;
  std::shared_ptr<ResourceRegistry> resources_;
  QSet<QString> busy_;
};

// The fields leaving a node, and for a source that can be sampled the "Sample fields" button
// with what the last sample found. Follows the document's validation.
class NodeFieldsView : public QWidget {
  Q_OBJECT
 public:
  NodeFieldsView(PipelineDocument* document, FieldSampler* sampler, const QString& nodeId,
                 QWidget* parent);
  QPushButton* sampleButton() const { return sample_; }
  QLabel* fieldsLabel() const { return fields_; }
  QLabel* statusLabel() const { return status_; }

 private:
  void refresh();

  PipelineDocument* doc_;
  FieldSampler* sampler_;
  QString nodeId_;
  QLabel* fields_;
  QPushButton* sample_ = nullptr;
  QLabel* status_ = nullptr;
};

// "device (string), temperature (number)" as rich text; `links` makes each name a link
// "field:NAME". Empty for a set with no fields.
QString fieldListText(const FieldSet& fields, bool links);

}  // namespace sc::designer
