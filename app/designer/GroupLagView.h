#pragma once
// The Topics dock's "Consumer groups" tab: a group's committed offsets, end offsets and lag per
// partition, its state and members where the cluster describes them, and its total lag charted
// every few seconds while the tab is shown. The groups offered are the cluster's (real clusters)
// and the group of every kafka.source in the document (its group_id or the run's default).

#include <QDateTime>
#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <memory>

#include "engine/kafka/ClusterAdmin.h"

class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QPushButton;
class QTableWidget;

namespace sc::designer {

class PipelineDocument;

class GroupLagView : public QWidget {
  Q_OBJECT
 public:
  using AdminSource = std::function<std::shared_ptr<kafka::ClusterAdmin>()>;
  GroupLagView(PipelineDocument* document, AdminSource admin, QWidget* parent = nullptr);

  QComboBox* groupEdit() const { return group_; }
  QPushButton* showButton() const { return show_; }
  QTableWidget* offsetTable() const { return table_; }
  QLabel* summaryLabel() const { return summary_; }
  // Points of the total-lag history: one per refresh while shown.
  int historyPoints() const;

  // Offers the groups of the document's kafka.sources (their group_id, or the default
  // "streamcanvas-<pipeline name>") and, on real clusters, the cluster's groups.
  void offerGroups();
  // The groups the document's kafka.sources consume as, sorted.
  QStringList documentGroups() const;
  // Forgets the shown group (another cluster was chosen).
  void clear();

  static constexpr int kRefreshMs = 5000;

 protected:
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  void documentReset();
  void showGroup();
  void refresh();

  PipelineDocument* doc_;
  AdminSource admin_;
  QComboBox* group_;
  QPushButton* show_;
  QTableWidget* table_;
  QLabel* summary_;
  QChartView* chart_;
  QLineSeries* lag_;
  QTimer timer_;
  QString shown_;  // the group being watched
  bool busy_ = false;
  QDateTime started_;
};

}  // namespace sc::designer
