#include "app/designer/RunPanel.h"

#include "app/designer/RunOverlay.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

#include "app/designer/CanvasStyle.h"
#include "app/designer/RunController.h"
#include "engine/graph/NodeRegistry.h"

namespace sc::designer {

RunPanel::RunPanel(RunController* runner, const NodeRegistry& registry, QWidget* parent)
    : QWidget(parent),
      runner_(runner),
      registry_(registry),
      summary_(new QLabel(this)),
      checkpoints_(new QLabel(this)) {
  summary_->setObjectName(QStringLiteral("runSummary"));
  checkpoints_->setObjectName(QStringLiteral("checkpointStats"));
  checkpoints_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  checkpoints_->hide();
  summary_->setText(idleText());
  throughput_ = makeChart(tr("Throughput"), tr("records/s"));
  lag_ = makeChart(tr("Consumer lag"), tr("records"));
  throughput_.view->setObjectName(QStringLiteral("throughputChart"));
  lag_.view->setObjectName(QStringLiteral("lagChart"));

  auto* charts = new QHBoxLayout;
  charts->addWidget(throughput_.view, 1);
  charts->addWidget(lag_.view, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* lines = new QHBoxLayout;
  lines->addWidget(summary_);
  lines->addStretch(1);
  lines->addWidget(checkpoints_);
  layout->addLayout(lines);
  layout->addLayout(charts, 1);
  layout->addWidget(RunOverlay::legend(this));

  applyPalette();
  connect(runner_, &RunController::started, this, &RunPanel::reset);
  // Another document: nothing of the previous one's run stays.
  connect(runner_, &RunController::cleared, this, [this] {
    reset();
    summary_->setText(idleText());
    showCheckpoints();
  });
  connect(runner_, &RunController::statsUpdated, this, &RunPanel::append);
}

RunPanel::Chart RunPanel::makeChart(const QString& title, const QString& unit) {
  Chart c;
  c.chart = new QChart;
  c.chart->setTitle(title);
  c.chart->legend()->setAlignment(Qt::AlignRight);
  c.chart->setMargins(QMargins(4, 4, 4, 4));
  c.x = new QValueAxis;
  c.x->setTitleText(tr("seconds"));
  c.x->setLabelFormat(QStringLiteral("%d"));
  c.x->setTickCount(6);
  c.x->setRange(0, 10);
  c.y = new QValueAxis;
  c.y->setTitleText(unit);
  c.y->setLabelFormat(QStringLiteral("%.0f"));
  c.y->setTickCount(6);
  c.y->setRange(0, 5);
  c.chart->addAxis(c.x, Qt::AlignBottom);
  c.chart->addAxis(c.y, Qt::AlignLeft);
  c.view = new QChartView(c.chart, this);
  c.view->setRenderHint(QPainter::Antialiasing);
  c.view->setMinimumHeight(160);
  return c;
}

void RunPanel::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) applyPalette();
}

void RunPanel::applyPalette() {
  // Charts have their own themes: pick the one matching the window, on the window's colours.
  const bool dark = isDarkPalette(palette());
  for (Chart* c : {&throughput_, &lag_}) {
    c->chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    c->chart->setBackgroundBrush(palette().color(QPalette::Base));
    c->chart->setTitleBrush(palette().color(QPalette::Text));
    for (QAbstractAxis* axis :
         {static_cast<QAbstractAxis*>(c->x), static_cast<QAbstractAxis*>(c->y)}) {
      axis->setLabelsColor(palette().color(QPalette::Text));
      axis->setTitleBrush(palette().color(QPalette::Text));
    }
    c->chart->legend()->setLabelColor(palette().color(QPalette::Text));
  }
}

namespace {

// Engine times come in whole ms (alignment, duration) or µs (pauses): no invented precision.
QString durationText(double ms) {
  if (ms <= 0) return QStringLiteral("0 ms");
  if (ms < 1) return QStringLiteral("%1 µs").arg(ms * 1000, 0, 'f', 0);
  if (ms < 10) return QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
  if (ms < 10'000) return QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
  return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
}

QString ageText(qint64 ms) {
  const qint64 s = ms / 1000;
  if (s < 120) return RunPanel::tr("%1 s ago").arg(s);
  if (s < 7200) return RunPanel::tr("%1 min ago").arg(s / 60);
  return RunPanel::tr("%1 h ago").arg(s / 3600);
}

}  // namespace

void RunPanel::showCheckpoints() {
  const CheckpointStats& c = runner_->checkpointStats();
  const QString sep = QStringLiteral("  ·  ");
  QString text;
  if (c.lastId == 0) {
    text = runner_->isActive() ? tr("No checkpoint completed yet") : QString();
  } else {
    const qint64 age = std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - c.lastCompletedMs);
    text = (c.lastWasSavepoint ? tr("Savepoint %1") : tr("Checkpoint %1")).arg(c.lastId) + sep +
           ageText(age) + sep + tr("took %1").arg(durationText(double(c.lastDurationMs))) + sep +
           locale().formattedDataSize(qint64(c.lastBytes), 1, QLocale::DataSizeTraditionalFormat) +
           sep + tr("alignment %1").arg(durationText(double(c.lastAlignmentMs))) + sep +
           tr("pause %1").arg(durationText(double(c.lastPauseUs) / 1000));
  }
  if (!text.isEmpty() || c.failed > 0)
    text += (text.isEmpty() ? QString() : sep) + tr("%n failed", nullptr, int(c.failed));
  // Restarts under the pipeline's restart strategy (settings.restart).
  const int restarts = runner_->restarts();
  if (runner_->restartInMs() > 0)
    text +=
        (text.isEmpty() ? QString() : sep) + tr("failed, restart %1 in %2")
                                                 .arg(restarts)
                                                 .arg(durationText(double(runner_->restartInMs())));
  else if (restarts > 0)
    text += (text.isEmpty() ? QString() : sep) + tr("%n restart(s)", nullptr, restarts);
  QString tip =
      tr("Checkpoints completed in this run: %1; failed: %2").arg(c.completed).arg(c.failed);
  if (!runner_->checkpointDir().isEmpty())
    tip += '\n' + tr("Folder: %1").arg(runner_->checkpointDir());
  if (c.maxPauseUs > 0)
    tip += '\n' + tr("Longest synchronous pause in this run: %1")
                      .arg(durationText(double(c.maxPauseUs) / 1000));
  if (!c.lastError.empty())
    tip += '\n' + tr("Last failure: %1").arg(QString::fromStdString(c.lastError));
  checkpoints_->setText(text);
  checkpoints_->setToolTip(tip);
  // A failure shows in the theme's error colour, the rest in the normal text colour.
  QPalette pal = palette();
  if (c.failed > 0 || restarts > 0)
    pal.setColor(QPalette::WindowText, canvasColors(palette()).error);
  checkpoints_->setPalette(pal);
  checkpoints_->setVisible(!text.isEmpty());
}

void RunPanel::reset() {
  for (Chart* c : {&throughput_, &lag_}) {
    c->chart->removeAllSeries();  // deletes them
    c->series.clear();
    c->maxY = 0;
    c->x->setRange(0, 10);
    c->y->setRange(0, 5);
  }
}

void RunPanel::addPoint(Chart& chart, const QString& id, double t, double value) {
  QLineSeries*& series = chart.series[id];
  if (!series) {
    series = new QLineSeries;
    series->setName(id);
    chart.chart->addSeries(series);
    series->attachAxis(chart.x);
    series->attachAxis(chart.y);
  }
  series->append(t, value);
  // Points older than the window go: a long run keeps a fixed amount of memory.
  int old = 0;
  while (old < series->count() && series->at(old).x() < t - kWindowSeconds)
    ++old;
  if (old > 0) series->removePoints(0, old);
  chart.maxY = std::max(chart.maxY, value);
}

void RunPanel::rescale(Chart& chart, double t) {
  chart.x->setRange(std::max(0.0, t - kWindowSeconds), std::max(10.0, t));
  // A round upper bound, 5, 10, 20 or 50 times a power of ten, so that five intervals
  // give whole-number labels.
  const double want = chart.maxY * 1.05;
  double top = 5;
  for (double base = 1; top < want; base *= 10)
    for (double m : {5.0, 10.0, 20.0, 50.0})
      if ((top = base * m) >= want) break;
  chart.y->setRange(0, top);
}

QString RunPanel::idleText() {
  return tr("Run the pipeline (F5) to see its throughput and consumer lag here.");
}

void RunPanel::append() {
  const double t = runner_->elapsedSeconds();
  if (!runner_->isActive() && runner_->stats().isEmpty()) {  // discarded, or never ran
    summary_->setText(idleText());
    showCheckpoints();
    return;
  }
  if (runner_->isActive()) {
    for (const RunController::NodeStats& s : runner_->stats()) {
      const NodeSpec* spec = registry_.find(s.type.toStdString());
      if (!spec) continue;
      if (spec->inputs.empty()) addPoint(throughput_, s.id, t, s.outPerSecond);
      if (spec->outputs.empty()) addPoint(throughput_, s.id, t, s.inPerSecond);
      if (const auto lag = s.gauge(QStringLiteral("lag")); lag && *lag >= 0)
        addPoint(lag_, s.id, t, double(*lag));
    }
    rescale(throughput_, t);
    rescale(lag_, t);
  }
  quint64 produced = 0, received = 0;
  for (const RunController::NodeStats& s : runner_->stats()) {
    const NodeSpec* spec = registry_.find(s.type.toStdString());
    if (spec && spec->inputs.empty()) produced += s.recordsOut;
    if (spec && spec->outputs.empty()) received += s.recordsIn;
  }
  summary_->setText(tr("%1 s: sources produced %2 records, sinks received %3")
                        .arg(t, 0, 'f', 1)
                        .arg(produced)
                        .arg(received));
  showCheckpoints();
}

}  // namespace sc::designer
