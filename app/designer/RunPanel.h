#pragma once
// The Run dock: charts of the running pipeline, fed by RunController's polls. Throughput shows
// records per second of every source (produced) and sink (received); consumer lag shows each
// node that publishes a "lag" gauge (Kafka sources). The last two minutes are kept. Which
// nodes are sources and sinks comes from their specs, so nothing here is node-specific. A line
// under the summary shows the last completed checkpoint.

#include <QHash>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace sc {
class NodeRegistry;
}

namespace sc::designer {

class RunController;

class RunPanel : public QWidget {
  Q_OBJECT
 public:
  RunPanel(RunController* runner, const NodeRegistry& registry, QWidget* parent = nullptr);

  struct Chart {
    QChart* chart = nullptr;
    QChartView* view = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    QHash<QString, QLineSeries*> series;  // by node id
    double maxY = 0;
  };
  const Chart& throughput() const { return throughput_; }
  const Chart& lag() const { return lag_; }
  // One line about the run's checkpoints: the last completed one (id, age, duration, size,
  // alignment, synchronous pause) and how many failed.
  QLabel* checkpointLabel() const { return checkpoints_; }

  static constexpr double kWindowSeconds = 120;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  static QString idleText();
  void applyPalette();
  void reset();
  void append();
  void showCheckpoints();
  Chart makeChart(const QString& title, const QString& unit);
  void addPoint(Chart& chart, const QString& id, double t, double value);
  void rescale(Chart& chart, double t);

  RunController* runner_;
  const NodeRegistry& registry_;
  QLabel* summary_;
  QLabel* checkpoints_;
  Chart throughput_;
  Chart lag_;
};

}  // namespace sc::designer
