#include "app/designer/MetricHistory.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sc::designer {

void MetricHistory::append(qint64 tMs, const QHash<QString, double>& values) {
  if (!times_.empty() && tMs <= times_.back()) return;
  const qint64 index = base_ + qint64(times_.size());
  times_.push_back(tMs);
  for (auto it = values.cbegin(); it != values.cend(); ++it) {
    auto found = series_.find(it.key());
    if (found == series_.end()) {
      if (series_.size() >= kMaxSeries) {
        ++refused_;
        continue;
      }
      found = series_.insert(it.key(), Series{index, {}});
    }
    Series& s = *found;
    // A series missing from some samples has gaps (NaN) there.
    while (s.first + qint64(s.values.size()) < index)
      s.values.push_back(std::numeric_limits<float>::quiet_NaN());
    s.values.push_back(float(it.value()));
  }
  if (times_.size() > size_t(kCapacity)) {
    times_.pop_front();
    ++base_;
    for (auto it = series_.begin(); it != series_.end();) {
      Series& s = *it;
      if (s.first < base_ && !s.values.empty()) {
        s.values.pop_front();
        ++s.first;
      }
      if (s.values.empty())
        it = series_.erase(it);
      else
        ++it;
    }
    while (!runs_.isEmpty() && runs_.front().ms < times_.front())
      runs_.removeFirst();
  }
}

void MetricHistory::markRun(qint64 tMs, const QString& label) {
  runs_.append({tMs, label});
}

void MetricHistory::clear() {
  times_.clear();
  base_ = 0;
  series_.clear();
  runs_.clear();
  refused_ = 0;
}

size_t MetricHistory::bytes() const {
  size_t n = times_.size() * sizeof(qint64);
  for (const Series& s : series_)
    n += s.values.size() * sizeof(float);
  return n;
}

std::pair<qint64, qint64> MetricHistory::range(qint64 fromMs, qint64 toMs) const {
  const auto from = std::lower_bound(times_.begin(), times_.end(), fromMs);
  const auto to = std::upper_bound(times_.begin(), times_.end(), toMs);
  return {base_ + (from - times_.begin()), base_ + (to - times_.begin())};
}

QList<QPointF> MetricHistory::points(const QStringList& names, qint64 fromMs, qint64 toMs,
                                     int maxPoints) const {
  QList<QPointF> out;
  const auto [from, to] = range(fromMs, toMs);
  if (to <= from || maxPoints <= 0) return out;
  const qint64 step = std::max<qint64>(1, (to - from + maxPoints - 1) / maxPoints);
  QVector<const Series*> picked;
  for (const QString& name : names)
    if (auto it = series_.constFind(name); it != series_.cend()) picked.append(&*it);
  for (qint64 b = from; b < to; b += step) {
    const qint64 end = std::min(to, b + step);
    double sum = 0;
    bool any = false;
    for (const Series* s : picked) {
      double bucket = 0;
      int count = 0;
      for (qint64 i = std::max(b, s->first); i < end && i < s->first + qint64(s->values.size());
           ++i) {
        const float v = s->values[size_t(i - s->first)];
        if (std::isnan(v)) continue;
        bucket += v;
        ++count;
      }
      if (count == 0) continue;
      sum += bucket / count;
      any = true;
    }
    if (any) out.append(QPointF(double(times_[size_t(b - base_)]), sum));
  }
  return out;
}

double MetricHistory::mean(const QString& name, qint64 fromMs, qint64 toMs) const {
  const auto it = series_.constFind(name);
  if (it == series_.cend()) return 0;
  const auto [from, to] = range(fromMs, toMs);
  double sum = 0;
  int count = 0;
  for (qint64 i = std::max(from, it->first); i < to && i < it->first + qint64(it->values.size());
       ++i) {
    const float v = it->values[size_t(i - it->first)];
    if (std::isnan(v)) continue;
    sum += v;
    ++count;
  }
  return count ? sum / count : 0;
}

}  // namespace sc::designer
