#pragma once
// One chart of the Run dock's history (throughput or lag): a choice of views (what is charted,
// in which unit), the time span shown (1 min to 24 h; the wheel zooms and a drag pans, a
// double-click follows the newest data again), the top N series by their mean over the shown
// span plus one "others" line summing the rest, a dashed line where each run started, and
// export of the shown series as CSV or PNG. Series are replaced in bulk, at most 10 times a
// second.

#include <QHash>
#include <QTimer>
#include <QVector>
#include <QWidget>
#include <functional>

class QChart;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QSpinBox;
class QValueAxis;

namespace sc::designer {

class MetricHistory;
class TimeChartView;

class HistoryChart : public QWidget {
  Q_OBJECT
 public:
  struct View {
    QString label;  // in the view chooser
    QString unit;   // the y axis title
    // The line's name for a history series shown in this view; empty: not shown.
    std::function<QString(const QString& name)> pick;
  };
  HistoryChart(const QString& title, const MetricHistory& history, QVector<View> views,
               QWidget* parent = nullptr);

  // Redraws from the history soon (at most every 100 ms).
  void scheduleRefresh();
  void refreshNow();

  // The lines shown now, by name ("others" included; run marks not).
  QHash<QString, QLineSeries*> series() const;
  QList<QLineSeries*> shownSeries() const;
  // The run-start marks inside the shown span.
  int runMarkCount() const;
  QChart* chart() const { return chart_; }
  TimeChartView* view() const { return view_; }
  QComboBox* viewChooser() const { return views_; }
  QComboBox* spanChooser() const { return span_; }
  QSpinBox* topN() const { return topN_; }
  bool following() const { return follow_; }
  // The shown time range (ms since the epoch).
  qint64 shownFrom() const { return from_; }
  qint64 shownTo() const { return to_; }
  bool exportCsv(const QString& path, QString* error = nullptr) const;
  bool exportPng(const QString& path) const;
  static QString othersName();

  static constexpr int kMaxPoints = 600;  // per line: enough for a chart's width
  static constexpr qint64 kMinFollowMs = 10'000;  // the narrowest span while following

 protected:
  void changeEvent(QEvent* event) override;

 private:
  qint64 spanMs() const;
  void zoom(double factor, double atX);
  void pan(double dx);
  QLineSeries* line(QVector<QLineSeries*>& pool, int index);

  const MetricHistory& history_;
  QVector<View> viewList_;
  QChart* chart_;
  TimeChartView* view_;
  QDateTimeAxis* x_;
  QValueAxis* y_;
  QComboBox* views_;
  QComboBox* span_;
  QSpinBox* topN_;
  QVector<QLineSeries*> lines_;  // in use: the first linesUsed_
  QVector<QLineSeries*> marks_;
  int linesUsed_ = 0, marksUsed_ = 0;
  bool follow_ = true;
  qint64 from_ = 0, to_ = 0;
  QTimer refresh_;
};

}  // namespace sc::designer
