#pragma once
// The run charts' memory: one sample a second of every charted quantity (rates, lag), kept while
// the designer is open, up to 24 hours, across Stop and Run, with a mark where each run started.
//
// Memory: a sample time costs 8 bytes and a value 4 (float), so a day is 86,400 × 8 = 675 KiB
// of times plus 337.5 KiB per series. At most kMaxSeries = 512 series are kept (later ones are
// not recorded, and seriesRefused() counts them): at most 169 MiB after a full day with 512
// series; a pipeline of ten nodes (about 30 series) needs about 10 MiB per day. Memory grows
// with the time the designer is open and stops growing after 24 hours (the oldest second goes).

#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <deque>

namespace sc::designer {

class MetricHistory {
 public:
  static constexpr int kCapacity = 24 * 3600;  // samples, one a second
  static constexpr int kMaxSeries = 512;

  // One sample at tMs (later than the last one); series absent from `values` have no value then.
  void append(qint64 tMs, const QHash<QString, double>& values);
  // A run started at tMs (shown as a vertical line labelled `label`).
  void markRun(qint64 tMs, const QString& label);
  void clear();

  struct RunMark {
    qint64 ms = 0;
    QString label;
  };
  const QVector<RunMark>& runs() const { return runs_; }
  QStringList names() const { return series_.keys(); }
  bool isEmpty() const { return times_.empty(); }
  int sampleCount() const { return int(times_.size()); }
  qint64 firstMs() const { return times_.empty() ? 0 : times_.front(); }
  qint64 lastMs() const { return times_.empty() ? 0 : times_.back(); }
  int seriesRefused() const { return refused_; }
  // Bytes held by samples (times and values).
  size_t bytes() const;

  // The sum of `names` between fromMs and toMs, in at most maxPoints buckets: each bucket is
  // the sum over the names of their mean in the bucket (x: the bucket's first sample time, in
  // ms). Buckets where none of them has a value are left out.
  QList<QPointF> points(const QStringList& names, qint64 fromMs, qint64 toMs, int maxPoints) const;
  // Mean of one series between fromMs and toMs (0 without values), to rank series.
  double mean(const QString& name, qint64 fromMs, qint64 toMs) const;

 private:
  struct Series {
    qint64 first = 0;  // absolute sample number of values.front()
    std::deque<float> values;
  };
  // Absolute sample numbers [from, to) of the samples in [fromMs, toMs].
  std::pair<qint64, qint64> range(qint64 fromMs, qint64 toMs) const;

  std::deque<qint64> times_;
  qint64 base_ = 0;  // absolute sample number of times_.front()
  QHash<QString, Series> series_;
  QVector<RunMark> runs_;
  int refused_ = 0;
};

}  // namespace sc::designer
