#pragma once
// The Run dock's aggregate chart: pick a node that aggregates (a window node: its `aggregates`
// property) and one of its aggregates, and see a line per key over window time for the top N
// keys by their latest value, with the node's late records counted on the same chart (right
// axis), and beside it a sortable table of each key's latest window.
//
// The engine hands over the node's results through an observer on its output port (see
// WindowResults): per result it copies the key, the window bounds and the aggregates' numbers,
// nothing else, into a bounded buffer; the GUI takes the buffer on each poll (4 times a second)
// and replaces the chart's series in bulk.

#include <QHash>
#include <QMap>
#include <QWidget>
#include <map>
#include <memory>

class QChart;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QSpinBox;
class QTableWidget;
class QValueAxis;

namespace sc {
struct Pipeline;
}

namespace sc::designer {

class RunController;
class TimeChartView;
class WindowResults;
class LateRecords;

class AggregateView : public QWidget {
  Q_OBJECT
 public:
  explicit AggregateView(RunController* runner, QWidget* parent = nullptr);

  QComboBox* nodeChooser() const { return node_; }
  QComboBox* aggregateChooser() const { return aggregate_; }
  QSpinBox* topN() const { return topN_; }
  QTableWidget* table() const { return table_; }
  QChart* chart() const { return chart_; }
  TimeChartView* view() const { return view_; }
  // Lines by key (the late-record line is lateSeries()).
  QHash<QString, QLineSeries*> series() const;
  QLineSeries* lateSeries() const { return late_; }
  // Every result received for the shown node: key -> window end (ms) -> the shown aggregate.
  QMap<QString, QMap<qint64, double>> results() const;
  bool hasAggregates() const;
  bool exportCsv(const QString& path, QString* error = nullptr) const;

  static constexpr int kMaxResults = 500'000;  // windows × keys kept; the oldest windows go
  static constexpr int kMaxKeys = 100'000;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void pipelineStarting(const Pipeline& pipeline);
  void clearAll();
  void chooseNode();
  void observe();
  void take();
  void redraw();
  void fillTable();
  int aggregateIndex() const;

  struct Latest {
    qint64 start = 0, end = 0;
    QVector<double> values;
  };
  RunController* runner_;
  QComboBox* node_;
  QComboBox* aggregate_;
  QSpinBox* topN_;
  QLabel* hint_;
  QChart* chart_;
  TimeChartView* view_;
  QDateTimeAxis* x_;
  QValueAxis* y_;
  QValueAxis* lateAxis_;
  QLineSeries* late_;
  QVector<QLineSeries*> lines_;
  QTableWidget* table_;
  QHash<QString, QStringList> aggregatesOf_;  // node id -> aggregate names, from the pipeline
  QString observedNode_;
  std::shared_ptr<WindowResults> results_;
  std::shared_ptr<LateRecords> lateRecords_;
  // key -> window end -> aggregates (in aggregatesOf_ order); by window end for eviction.
  QHash<QString, std::map<qint64, QVector<double>>> byKey_;
  std::map<qint64, QStringList> keysByEnd_;
  QHash<QString, Latest> latest_;
  qsizetype resultCount_ = 0;
  qint64 maxEnd_ = 0;
  QList<QPointF> latePoints_;
  quint64 lastLate_ = 0;
  bool dirty_ = false;
  // The time axis: fitted to the data, or as the user zoomed and panned it (double-click: fit).
  bool fitted_ = true;
  qint64 from_ = 0, to_ = 0;
};

}  // namespace sc::designer
