#pragma once
// The Run dock: the running pipeline's aggregates, throughput and lag, fed by RunController's
// polls. Aggregates: a line per key of a window node's results (AggregateView). Throughput: per
// node, records and bytes per second in and out. Lag: per Kafka source, in messages and as time
// behind, in total or per partition. Throughput and lag are sampled once a second into a
// MetricHistory that is kept while the designer is open (24 h at most), across Stop and Run,
// with each run marked; opening another document clears it. Which nodes are sources and sinks
// comes from their specs, so nothing here is node-specific. A line under the summary shows the
// last completed checkpoint.

#include <QHash>
#include <QWidget>

#include "app/designer/MetricHistory.h"

class QLabel;
class QTabWidget;

namespace sc {
class NodeRegistry;
}

namespace sc::designer {

class AggregateView;
class HistoryChart;
class RunController;

class RunPanel : public QWidget {
  Q_OBJECT
 public:
  RunPanel(RunController* runner, const NodeRegistry& registry, QWidget* parent = nullptr);

  HistoryChart* throughput() const { return throughput_; }
  HistoryChart* lag() const { return lag_; }
  AggregateView* aggregates() const { return aggregates_; }
  QTabWidget* tabs() const { return tabs_; }
  const MetricHistory& history() const { return history_; }
  // One line about the run's checkpoints: the last completed one (id, age, duration, size,
  // alignment, synchronous pause) and how many failed.
  QLabel* checkpointLabel() const { return checkpoints_; }

  // History series names: "records in|out NODE", "bytes in|out NODE", "lag NODE",
  // "lag NODE TOPIC[P]", "lag_ms NODE", "lag_ms NODE TOPIC[P]".
  static constexpr qint64 kSampleMs = 1000;

 private:
  static QString idleText();
  void append();
  void sample(bool final);
  void showCheckpoints();

  RunController* runner_;
  const NodeRegistry& registry_;
  QLabel* summary_;
  QLabel* checkpoints_;
  QTabWidget* tabs_;
  MetricHistory history_;
  AggregateView* aggregates_;
  HistoryChart* throughput_;
  HistoryChart* lag_;
  qint64 lastSampleMs_ = 0;
  int runNumber_ = 0;
  bool chosenTab_ = false;  // the user picked a tab: runs leave it alone
  struct Counts {
    quint64 recordsIn = 0, recordsOut = 0, bytesIn = 0, bytesOut = 0;
  };
  QHash<QString, Counts> lastCounts_;  // by node id, at the last sample
};

}  // namespace sc::designer
