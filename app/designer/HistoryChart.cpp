#include "app/designer/HistoryChart.h"

#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

#include "app/designer/ChartSupport.h"
#include "app/designer/MetricHistory.h"

namespace sc::designer {

HistoryChart::HistoryChart(const QString& title, const MetricHistory& history, QVector<View> views,
                           QWidget* parent)
    : QWidget(parent),
      history_(history),
      viewList_(std::move(views)),
      chart_(new QChart),
      view_(new TimeChartView(chart_, this)),
      x_(new QDateTimeAxis),
      y_(new QValueAxis),
      views_(new QComboBox(this)),
      span_(new QComboBox(this)),
      topN_(new QSpinBox(this)) {
  chart_->setTitle(title);
  chart_->legend()->setAlignment(Qt::AlignRight);
  chart_->setMargins(QMargins(4, 4, 4, 4));
  x_->setFormat(QStringLiteral("HH:mm:ss"));
  x_->setTickCount(5);
  y_->setLabelFormat(QStringLiteral("%.4g"));
  y_->setTickCount(6);
  y_->setRange(0, 5);
  chart_->addAxis(x_, Qt::AlignBottom);
  chart_->addAxis(y_, Qt::AlignLeft);
  view_->setMinimumHeight(80);  // with the tabs and controls, the dock is no taller than before

  views_->setObjectName(QStringLiteral("chartView"));
  views_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  views_->setMinimumContentsLength(10);
  for (const View& v : viewList_)
    views_->addItem(v.label);
  span_->setObjectName(QStringLiteral("chartSpan"));
  span_->setToolTip(tr("Longest time span shown (a shorter history fills the chart)"));
  const QList<QPair<QString, int>> spans = {{tr("1 min"), 60},   {tr("5 min"), 300},
                                            {tr("15 min"), 900}, {tr("1 h"), 3600},
                                            {tr("6 h"), 21600},  {tr("24 h"), 86400}};
  for (const auto& [text, seconds] : spans)
    span_->addItem(text, seconds);
  span_->setCurrentIndex(1);
  topN_->setObjectName(QStringLiteral("chartTopN"));
  topN_->setRange(1, 50);
  topN_->setValue(8);
  topN_->setPrefix(tr("top "));
  topN_->setToolTip(
      tr("Lines shown: the highest by their mean over the span; the rest are "
         "summed as \"others\""));
  auto* exportButton = new QToolButton(this);
  exportButton->setObjectName(QStringLiteral("chartExport"));
  exportButton->setText(tr("Export…"));
  exportButton->setToolTip(tr("Save the shown series as CSV or the chart as PNG"));
  auto* follow = new QToolButton(this);
  follow->setObjectName(QStringLiteral("chartFollow"));
  follow->setText(tr("Live"));
  follow->setToolTip(tr("Follow the newest data (after zooming or panning)"));

  auto* controls = new QHBoxLayout;
  controls->setContentsMargins(0, 0, 0, 0);
  controls->addWidget(views_);
  controls->addWidget(span_);
  controls->addWidget(topN_);
  controls->addStretch(1);
  controls->addWidget(follow);
  controls->addWidget(exportButton);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(controls);
  layout->addWidget(view_, 1);

  refresh_.setSingleShot(true);
  refresh_.setInterval(100);
  connect(&refresh_, &QTimer::timeout, this, &HistoryChart::refreshNow);
  connect(views_, &QComboBox::currentIndexChanged, this, &HistoryChart::scheduleRefresh);
  connect(span_, &QComboBox::currentIndexChanged, this, [this] {
    follow_ = true;
    scheduleRefresh();
  });
  connect(topN_, &QSpinBox::valueChanged, this, &HistoryChart::scheduleRefresh);
  connect(follow, &QToolButton::clicked, this, [this] {
    follow_ = true;
    scheduleRefresh();
  });
  connect(view_, &TimeChartView::followRequested, follow, &QToolButton::click);
  connect(view_, &TimeChartView::zoomed, this, &HistoryChart::zoom);
  connect(view_, &TimeChartView::panned, this, &HistoryChart::pan);
  connect(exportButton, &QToolButton::clicked, this, [this] {
    exportChartInteractively(this, view_, shownSeries(), true, tr("time"),
                             chart_->title().toLower());
  });
  applyChartPalette(chart_, palette());
  refreshNow();
}

QString HistoryChart::othersName() {
  return tr("others");
}

qint64 HistoryChart::spanMs() const {
  return qint64(span_->currentData().toInt()) * 1000;
}

void HistoryChart::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() != QEvent::PaletteChange) return;
  applyChartPalette(chart_, palette());  // the chart theme resets the lines' colours
  refreshNow();
}

void HistoryChart::scheduleRefresh() {
  if (!refresh_.isActive()) refresh_.start();
}

void HistoryChart::zoom(double factor, double atX) {
  const double span = std::clamp(double(to_ - from_) * factor, 10'000.0, 86'400'000.0);
  const double left = atX - (atX - double(from_)) * (span / double(to_ - from_));
  from_ = qint64(left);
  to_ = qint64(left + span);
  follow_ = false;
  scheduleRefresh();
}

void HistoryChart::pan(double dx) {
  from_ += qint64(dx);
  to_ += qint64(dx);
  follow_ = false;
  scheduleRefresh();
}

QLineSeries* HistoryChart::line(QVector<QLineSeries*>& pool, int index) {
  if (index < pool.size()) return pool[index];
  auto* series = new QLineSeries;
  chart_->addSeries(series);
  series->attachAxis(x_);
  series->attachAxis(y_);
  pool.append(series);
  return series;
}

void HistoryChart::refreshNow() {
  refresh_.stop();
  if (follow_) {
    to_ = history_.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : history_.lastMs();
    // A history shorter than the span fills the width (at least 10 s of it) instead of a strip
    // at the right edge; it grows to the span as the run goes on.
    from_ = to_ - spanMs();
    if (!history_.isEmpty() && history_.firstMs() > from_)
      from_ = std::min(history_.firstMs(), to_ - kMinFollowMs);
  }
  // The candidates of this view, ranked by their mean over the span.
  const int chosen = views_->currentIndex();
  const View* v = chosen >= 0 && chosen < viewList_.size() ? &viewList_[chosen] : nullptr;
  struct Candidate {
    QString name, label;
    double mean;
  };
  QVector<Candidate> candidates;
  if (v)
    for (const QString& name : history_.names())
      if (const QString label = v->pick(name); !label.isEmpty())
        candidates.append({name, label, history_.mean(name, from_, to_)});
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.mean != b.mean ? a.mean > b.mean : a.label < b.label;
  });
  const int shown = std::min<int>(int(candidates.size()), topN_->value());
  QVector<QPair<QString, QList<QPointF>>> drawn;
  for (int i = 0; i < shown; ++i)
    drawn.append(
        {candidates[i].label, history_.points({candidates[i].name}, from_, to_, kMaxPoints)});
  if (candidates.size() > shown) {
    QStringList rest;
    for (qsizetype i = shown; i < candidates.size(); ++i)
      rest << candidates[i].name;
    drawn.append({othersName(), history_.points(rest, from_, to_, kMaxPoints)});
  }
  double maxY = 0;
  for (const auto& [label, points] : drawn)
    for (const QPointF& p : points)
      maxY = std::max(maxY, p.y());
  const double top = roundAxisTop(maxY);
  linesUsed_ = int(drawn.size());
  for (int i = 0; i < linesUsed_; ++i) {
    QLineSeries* s = line(lines_, i);
    QPen pen(seriesColor(i));
    pen.setWidth(2);
    s->setPen(pen);
    s->setColor(pen.color());
    s->setName(drawn[i].first);
    s->replace(drawn[i].second);
    s->setVisible(true);
  }
  for (qsizetype i = linesUsed_; i < lines_.size(); ++i) {
    lines_[i]->clear();
    lines_[i]->setVisible(false);
  }
  // Where each run started, as a dashed vertical line.
  marksUsed_ = 0;
  for (const MetricHistory::RunMark& r : history_.runs()) {
    if (r.ms < from_ || r.ms > to_) continue;
    QLineSeries* s = line(marks_, marksUsed_++);
    QPen pen(palette().color(QPalette::PlaceholderText));  // each time: themes reset pens
    pen.setStyle(Qt::DashLine);
    s->setPen(pen);
    s->setName(r.label);
    s->replace({QPointF(double(r.ms), 0), QPointF(double(r.ms), top)});
    s->setVisible(true);
  }
  for (qsizetype i = marksUsed_; i < marks_.size(); ++i) {
    marks_[i]->clear();
    marks_[i]->setVisible(false);
  }
  for (QLineSeries* s : marks_)
    for (QLegendMarker* m : chart_->legend()->markers(s))
      m->setVisible(false);
  x_->setRange(QDateTime::fromMSecsSinceEpoch(from_), QDateTime::fromMSecsSinceEpoch(to_));
  x_->setFormat(to_ - from_ > 6 * 3600 * 1000 ? QStringLiteral("dd HH:mm")
                                              : QStringLiteral("HH:mm:ss"));
  y_->setTitleText(v ? v->unit : QString());
  y_->setRange(0, top);
}

QList<QLineSeries*> HistoryChart::shownSeries() const {
  return lines_.mid(0, linesUsed_).toList();
}

QHash<QString, QLineSeries*> HistoryChart::series() const {
  QHash<QString, QLineSeries*> out;
  for (QLineSeries* s : shownSeries())
    out.insert(s->name(), s);
  return out;
}

int HistoryChart::runMarkCount() const {
  return marksUsed_;
}

bool HistoryChart::exportCsv(const QString& path, QString* error) const {
  return writeSeriesCsv(path, shownSeries(), true, tr("time"), error);
}

bool HistoryChart::exportPng(const QString& path) const {
  return view_->grab().save(path, "PNG");
}

}  // namespace sc::designer
