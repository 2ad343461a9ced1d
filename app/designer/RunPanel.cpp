#include "app/designer/RunPanel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "app/designer/AggregateView.h"
#include "app/designer/CanvasStyle.h"
#include "app/designer/HistoryChart.h"
#include "app/designer/RunController.h"
#include "app/designer/RunOverlay.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/runtime/Metrics.h"

namespace sc::designer {

namespace {

// History series names: parts joined by '|' (node ids and topics hold no '|').
QString seriesName(std::initializer_list<QString> parts) {
  return QStringList(parts).join(QLatin1Char('|'));
}

// A view's lines: the history series whose first part is `kind`, named by the rest.
std::function<QString(const QString&)> pickKind(const QString& kind, bool directions) {
  return [kind, directions](const QString& name) -> QString {
    const QStringList parts = name.split(QLatin1Char('|'));
    if (parts.size() < 2 || parts[0] != kind) return {};
    if (!directions) return parts.mid(1).join(QLatin1Char(' '));
    if (parts.size() != 3) return {};
    return parts[2] + QLatin1Char(' ') +
           (parts[1] == QLatin1String("in") ? RunPanel::tr("in") : RunPanel::tr("out"));
  };
}

}  // namespace

RunPanel::RunPanel(RunController* runner, const NodeRegistry& registry, QWidget* parent)
    : QWidget(parent),
      runner_(runner),
      registry_(registry),
      summary_(new QLabel(this)),
      checkpoints_(new QLabel(this)),
      tabs_(new QTabWidget(this)) {
  summary_->setObjectName(QStringLiteral("runSummary"));
  checkpoints_->setObjectName(QStringLiteral("checkpointStats"));
  checkpoints_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  checkpoints_->hide();
  summary_->setText(idleText());
  aggregates_ = new AggregateView(runner_, this);
  aggregates_->setObjectName(QStringLiteral("aggregateView"));
  throughput_ = new HistoryChart(
      tr("Throughput"), history_,
      {{tr("Records/s in and out"), tr("records/s"), pickKind(QStringLiteral("records"), true)},
       {tr("Bytes/s in and out"), tr("bytes/s"), pickKind(QStringLiteral("bytes"), true)}},
      this);
  throughput_->setObjectName(QStringLiteral("throughputChart"));
  lag_ = new HistoryChart(
      tr("Consumer lag"), history_,
      {{tr("Messages per source"), tr("messages"), pickKind(QStringLiteral("lag"), false)},
       {tr("Messages per partition"), tr("messages"), pickKind(QStringLiteral("lagp"), false)},
       {tr("Time behind per source"), tr("seconds"), pickKind(QStringLiteral("lagms"), false)},
       {tr("Time behind per partition"), tr("seconds"), pickKind(QStringLiteral("lagmsp"), false)}},
      this);
  lag_->setObjectName(QStringLiteral("lagChart"));
  tabs_->setObjectName(QStringLiteral("runTabs"));
  tabs_->addTab(aggregates_, tr("Aggregates"));
  tabs_->addTab(throughput_, tr("Throughput"));
  tabs_->addTab(lag_, tr("Lag"));
  tabs_->setCurrentWidget(throughput_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* lines = new QHBoxLayout;
  lines->addWidget(summary_);
  lines->addStretch(1);
  lines->addWidget(checkpoints_);
  layout->addLayout(lines);
  layout->addWidget(tabs_, 1);
  layout->addWidget(RunOverlay::legend(this));

  connect(tabs_->tabBar(), &QTabBar::tabBarClicked, this, [this] { chosenTab_ = true; });
  // After the aggregate view has seen the pipeline (connected first, in its constructor).
  connect(runner_, &RunController::starting, this, [this] {
    if (!chosenTab_)
      tabs_->setCurrentWidget(aggregates_->hasAggregates() ? static_cast<QWidget*>(aggregates_)
                                                           : throughput_);
  });
  connect(runner_, &RunController::started, this, [this] {
    // Runs are compared on one time axis: each is marked where it started.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    history_.markRun(now, tr("Run %1").arg(++runNumber_));
    lastSampleMs_ = now;
    lastCounts_.clear();
    throughput_->scheduleRefresh();
    lag_->scheduleRefresh();
  });
  // Another document: nothing of the previous one's runs stays.
  connect(runner_, &RunController::cleared, this, [this] {
    history_.clear();
    runNumber_ = 0;
    lastCounts_.clear();
    chosenTab_ = false;
    throughput_->refreshNow();
    lag_->refreshNow();
    summary_->setText(idleText());
    showCheckpoints();
  });
  connect(runner_, &RunController::statsUpdated, this, &RunPanel::append);
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

QString RunPanel::idleText() {
  return tr("Run the pipeline (F5) to see its aggregates, throughput and consumer lag here.");
}

// One history sample: rates since the last sample from the counters, lag from the gauges.
void RunPanel::sample(bool final) {
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  const qint64 dt = now - lastSampleMs_;
  if (dt <= 0 || (!final && dt < kSampleMs)) return;
  QHash<QString, double> values;
  const QString in = QStringLiteral("in"), out = QStringLiteral("out");
  for (const RunController::NodeStats& s : runner_->stats()) {
    const NodeSpec* spec = registry_.find(s.type.toStdString());
    if (!spec) continue;
    Counts& last = lastCounts_[s.id];
    // Counters start again with each attempt: a smaller count means a new one.
    auto rate = [dt](quint64 count, quint64& before) {
      const double r = double(count >= before ? count - before : count) * 1000.0 / double(dt);
      before = count;
      return r;
    };
    if (!spec->inputs.empty())
      values.insert(seriesName({QStringLiteral("records"), in, s.id}),
                    rate(s.recordsIn, last.recordsIn));
    if (!spec->outputs.empty())
      values.insert(seriesName({QStringLiteral("records"), out, s.id}),
                    rate(s.recordsOut, last.recordsOut));
    if (spec->isSource() && s.bytesIn > 0)
      values.insert(seriesName({QStringLiteral("bytes"), in, s.id}), rate(s.bytesIn, last.bytesIn));
    if (spec->outputs.empty() && s.bytesOut > 0)
      values.insert(seriesName({QStringLiteral("bytes"), out, s.id}),
                    rate(s.bytesOut, last.bytesOut));
    for (const auto& [gauge, value] : s.gauges) {
      if (value < 0) continue;
      std::string name, topic;
      int32_t partition = 0;
      if (gauge == QLatin1String("lag")) {
        values.insert(seriesName({QStringLiteral("lag"), s.id}), double(value));
      } else if (gauge == QLatin1String("lag_ms")) {
        values.insert(seriesName({QStringLiteral("lagms"), s.id}), double(value) / 1000.0);
      } else if (parsePartitionGaugeName(gauge.toStdString(), name, topic, partition)) {
        const QString where =
            QStringLiteral("%1[%2]").arg(QString::fromStdString(topic)).arg(partition);
        if (name == "lag")
          values.insert(seriesName({QStringLiteral("lagp"), s.id, where}), double(value));
        else if (name == "lag_ms")
          values.insert(seriesName({QStringLiteral("lagmsp"), s.id, where}),
                        double(value) / 1000.0);
      }
    }
  }
  lastSampleMs_ = now;
  history_.append(now, values);
  throughput_->scheduleRefresh();
  lag_->scheduleRefresh();
}

void RunPanel::append() {
  const double t = runner_->elapsedSeconds();
  if (!runner_->isActive() && runner_->stats().isEmpty()) {  // discarded, or never ran
    summary_->setText(idleText());
    showCheckpoints();
    return;
  }
  // While running, once a second; when the run ends, what happened since the last sample.
  sample(!runner_->isActive());
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
