#include "app/designer/RunOverlay.h"

#include <QDateTime>
#include <QHash>
#include <QLabel>
#include <QLocale>
#include <QMultiHash>
#include <QSet>
#include <limits>
#include <optional>

#include "app/designer/EdgeItem.h"
#include "app/designer/GraphScene.h"
#include "app/designer/NodeItem.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "app/designer/WireWatch.h"
#include "engine/runtime/Metrics.h"

namespace sc::designer {

namespace {

constexpr qint64 kNone = std::numeric_limits<qint64>::min();

QString rate(double perSecond) {
  if (perSecond < 10'000) return RunOverlay::tr("%1/s").arg(qRound64(perSecond));
  if (perSecond < 1e6) return RunOverlay::tr("%1k/s").arg(perSecond / 1e3, 0, 'f', 1);
  return RunOverlay::tr("%1M/s").arg(perSecond / 1e6, 0, 'f', 1);
}

// A source's partitions as its WatermarkGenerator publishes them (see publishTo()).
struct PartitionTime {
  QString topic;
  int partition = 0;
  qint64 eventTime = kNone;
  qint64 lastSeen = kNone;
};

QVector<PartitionTime> partitions(const RunController::NodeStats& s) {
  QVector<PartitionTime> out;
  QHash<QString, int> index;
  for (const auto& [name, value] : s.gauges) {
    std::string gauge, topic;
    int32_t partition = 0;
    if (!parsePartitionGaugeName(name.toStdString(), gauge, topic, partition)) continue;
    if (gauge != "event_time" && gauge != "last_seen") continue;
    const QString key = QString::fromStdString(topic) + '/' + QString::number(partition);
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.insert(key, int(out.size()));
      out.push_back({QString::fromStdString(topic), partition});
    }
    (gauge == "event_time" ? out[*it].eventTime : out[*it].lastSeen) = value;
  }
  return out;
}

// Nodes upstream of `id` (not itself), through the wires (`inputsOf`: node -> its upstream nodes).
QSet<QString> upstreamOf(const QMultiHash<QString, QString>& inputsOf, const QString& id) {
  QSet<QString> seen;
  QList<QString> todo{id};
  while (!todo.isEmpty()) {
    const QString at = todo.takeLast();
    for (auto it = inputsOf.constFind(at); it != inputsOf.cend() && it.key() == at; ++it)
      if (!seen.contains(*it)) {
        seen.insert(*it);
        todo.push_back(*it);
      }
  }
  return seen;
}

struct NodeView {
  QStringList lines;
  QStringList tip;
  bool hint = false;
};

// Why a node stalled: the first partition upstream that has had no data for a while and holds
// the watermark back (idle_timeout 0), else what the watermark is doing.
QString stallReason(const RunController::NodeStats& s,
                    const QVector<const RunController::NodeStats*>& sources, qint64 wallMs) {
  QString quietest;
  qint64 quietFor = 0;
  for (const RunController::NodeStats* src : sources) {
    if (src->gauge(QStringLiteral("idle_timeout_ms")).value_or(0) > 0) continue;
    for (const PartitionTime& p : partitions(*src)) {
      if (p.lastSeen == kNone) continue;
      const qint64 quiet = wallMs - p.lastSeen;
      if (quiet >= RunOverlay::kStallMs && quiet > quietFor) {
        quietFor = quiet;
        quietest = p.topic + '/' + QString::number(p.partition);
      }
    }
  }
  if (!quietest.isEmpty())
    return RunOverlay::tr(
               "partition %1 has had no data for %2 and idle_timeout is 0, so windows cannot fire")
        .arg(quietest, RunOverlay::duration(quietFor));
  if (!s.watermark)
    return RunOverlay::tr("no watermark has reached this node yet, so windows cannot fire");
  return RunOverlay::tr("the watermark (%1) has not passed the end of a window for %2")
      .arg(RunOverlay::utcTime(*s.watermark, false), RunOverlay::duration(wallMs - *s.watermark));
}

NodeView describe(const RunController::NodeStats& s, const NodeItem& item,
                  const QVector<const RunController::NodeStats*>& sources, qint64 runMs,
                  qint64 wallMs, bool running) {
  NodeView v;
  const std::optional<qint64> openWindows = s.gauge(QStringLiteral("open_windows"));
  // The newest record's event time: the node's own (a source), else its sources' newest.
  qint64 newest = s.gauge(QStringLiteral("event_time_newest")).value_or(kNone);
  for (const RunController::NodeStats* src : sources)
    newest = std::max(newest, src->gauge(QStringLiteral("event_time_newest")).value_or(kNone));
  if (s.watermark) {
    const qint64 wm = *s.watermark;
    QString line = RunOverlay::tr("watermark %1, %2 behind")
                       .arg(RunOverlay::utcTime(wm, false), RunOverlay::duration(wallMs - wm));
    v.lines << line;
    v.tip << RunOverlay::tr("Watermark: %1").arg(RunOverlay::utcTime(wm, true))
          << RunOverlay::tr("Behind the wall clock: %1").arg(RunOverlay::duration(wallMs - wm));
    if (newest != kNone)
      v.tip << RunOverlay::tr("Behind the newest record (%1): %2")
                   .arg(RunOverlay::utcTime(newest, true),
                        RunOverlay::duration(std::max<qint64>(0, newest - wm)));
  } else if (openWindows || s.gauge(QStringLiteral("event_time_newest"))) {
    v.lines << RunOverlay::tr("no watermark yet");
    v.tip << RunOverlay::tr("No watermark yet");
  }
  if (openWindows) {
    const qint64 keys = s.gauge(QStringLiteral("window_keys")).value_or(0);
    const qint64 bytes = s.gauge(QStringLiteral("window_state_bytes")).value_or(0);
    const qint64 late = s.gauge(QStringLiteral("late_dropped")).value_or(0);
    const QString size = QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
    v.lines << RunOverlay::tr("%1 open · %2 keys · %3 · %4 late")
                   .arg(*openWindows)
                   .arg(keys)
                   .arg(size)
                   .arg(late);
    v.tip << RunOverlay::tr("Open windows: %1").arg(*openWindows)
          << RunOverlay::tr("State: %1 keys, %2").arg(keys).arg(size)
          << RunOverlay::tr("Late records dropped: %1").arg(late);
  }
  const QVector<PartitionTime> parts = partitions(s);
  if (!parts.isEmpty()) {
    const qint64 idleTimeout = s.gauge(QStringLiteral("idle_timeout_ms")).value_or(0);
    v.tip << RunOverlay::tr("Partitions (idle_timeout %1):")
                 .arg(idleTimeout > 0 ? RunOverlay::duration(idleTimeout) : QStringLiteral("0"));
    for (const PartitionTime& p : parts) {
      const QString name = p.topic + '/' + QString::number(p.partition);
      const qint64 quiet = p.lastSeen == kNone ? 0 : wallMs - p.lastSeen;
      const bool idle = idleTimeout > 0 && quiet >= idleTimeout;
      // As the stall hint says it: a partition without data yet has had none for so long.
      QString row =
          p.eventTime == kNone
              ? RunOverlay::tr("%1: no data for %2").arg(name, RunOverlay::duration(quiet))
              : RunOverlay::tr("%1: newest %2, last record %3 ago")
                    .arg(name, RunOverlay::utcTime(p.eventTime, true), RunOverlay::duration(quiet));
      if (idle) row += ' ' + RunOverlay::tr("(idle, not holding the watermark)");
      v.tip << QStringLiteral("  ") + row;
    }
  }
  // A stall: the node's input kept coming, yet it produced nothing for kStallMs.
  // Only windows wait for the watermark (a filter may rightly drop everything).
  const bool eventTime = openWindows.has_value();
  const bool inputFlows = s.inputGrewMs >= 0 && runMs - s.inputGrewMs < RunOverlay::kStallMs;
  const qint64 silentSince = s.outputGrewMs >= 0 ? s.outputGrewMs : 0;
  if (running && eventTime && !item.inputs().empty() && !item.outputs().empty() && inputFlows &&
      runMs - silentSince >= RunOverlay::kStallMs) {
    const QString reason = stallReason(s, sources, wallMs);
    v.lines << QStringLiteral("⚠ ") + reason;
    v.tip << RunOverlay::tr("No output for %1 while input arrives: %2")
                 .arg(RunOverlay::duration(runMs - silentSince), reason);
    v.hint = true;
  }
  return v;
}

}  // namespace

QColor RunOverlay::queueColour(double fill) {
  if (fill >= kRedFill) return QColor(0xd3, 0x2f, 0x2f);
  if (fill >= kAmberFill) return QColor(0xe6, 0x9a, 0x00);
  return QColor(0x2e, 0x9d, 0x4f);
}

QString RunOverlay::duration(qint64 ms) {
  ms = std::max<qint64>(0, ms);
  if (ms < 10'000) return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
  if (ms < 120'000) return tr("%1 s").arg(ms / 1000);
  if (ms < 7'200'000) return tr("%1 min").arg(ms / 60'000);
  if (ms < 172'800'000) return tr("%1 h").arg(ms / 3'600'000);
  return tr("%1 days").arg(ms / 86'400'000);
}

QString RunOverlay::utcTime(qint64 epochMs, bool withDate) {
  const QDateTime t = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC);
  return t.toString(withDate ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")
                             : QStringLiteral("HH:mm:ss")) +
         QStringLiteral(" UTC");
}

void RunOverlay::showBreakpoints(GraphScene& scene, const RunController& run) {
  for (const PipelineEdge& e : scene.document()->pipeline().edges) {
    EdgeItem* item = scene.edgeItem(e);
    if (!item) continue;
    const auto bp = run.breakpoint(qstr(e.from.node), qstr(e.fromPort()));
    using Mark = EdgeItem::BreakMark;
    item->setBreakMark(!bp                              ? Mark::None
                       : bp->paused() && run.isActive() ? Mark::Holding
                       : !bp->condition().empty()       ? Mark::Conditional
                                                        : Mark::Always);
  }
}

void RunOverlay::show(GraphScene& scene, const RunController& run) {
  showBreakpoints(scene, run);
  const Pipeline& pipeline = scene.document()->pipeline();
  const auto& stats = run.stats();
  const bool running = run.state() == RunController::State::Running;
  QHash<QString, const RunController::NodeStats*> byId;
  for (const RunController::NodeStats& s : stats)
    byId.insert(s.id, &s);

  auto queueKey = [](const QString& from, const QString& to, const QString& port) {
    return from + QChar(0) + to + QChar(0) + port;
  };
  QHash<QString, const RunController::EdgeStats*> queues;
  for (const RunController::EdgeStats& q : run.edgeStats())
    if (q.capacity > 0) queues.insert(queueKey(q.from, q.to, q.toPort), &q);
  // Wires: the producer's rate, coloured by the fill of the queue between them (a wire inside
  // one thread has no queue: it cannot back up). A wire too short for its label: the queue's
  // fill goes under the node it feeds instead.
  QHash<QString, QStringList> queuesShownAtNode;
  for (const PipelineEdge& e : pipeline.edges) {
    EdgeItem* item = scene.edgeItem(e);
    if (!item) continue;
    const RunController::NodeStats* from = byId.value(qstr(e.from.node));
    if (!from || !running) {
      item->setRunLoad({}, {});
      item->setRunToolTip({});
      continue;
    }
    const RunController::EdgeStats* queue =
        queues.value(queueKey(qstr(e.from.node), qstr(e.to.node), qstr(e.toPort())));
    const double fill = queue ? double(queue->fill) / double(queue->capacity) : 0;
    const qint64 perSecond = qRound64(from->outPerSecond);
    item->setRunLoad(queueColour(fill), queue ? QStringLiteral("%1 · %2/%3")
                                                    .arg(rate(from->outPerSecond))
                                                    .arg(queue->fill)
                                                    .arg(queue->capacity)
                                              : rate(from->outPerSecond));
    item->setRunToolTip(queue ? tr("%1 records/s; queue %2 of %3 batches full")
                                    .arg(perSecond)
                                    .arg(queue->fill)
                                    .arg(queue->capacity)
                              : tr("%1 records/s; no queue (same thread)").arg(perSecond));
    if (queue && !item->runLabelShown())
      queuesShownAtNode[qstr(e.to.node)]
          << QStringLiteral("%1/%2").arg(queue->fill).arg(queue->capacity);
  }

  QMultiHash<QString, QString> inputsOf;
  for (const PipelineEdge& e : pipeline.edges)
    inputsOf.insert(qstr(e.to.node), qstr(e.from.node));
  const qint64 runMs = qint64(run.elapsedSeconds() * 1000);
  const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();
  for (const PipelineNode& node : pipeline.nodes) {
    NodeItem* item = scene.nodeItem(qstr(node.id));
    if (!item) continue;
    const RunController::NodeStats* s = byId.value(qstr(node.id));
    if (!s) {
      item->setRunDetail({}, {}, false);
      continue;
    }
    // Only event-time nodes look upstream (a search per node: keep it to those).
    QVector<const RunController::NodeStats*> sources;
    const bool eventTime = s->watermark || s->gauge(QStringLiteral("open_windows"));
    for (const QString& up : eventTime ? upstreamOf(inputsOf, s->id) : QSet<QString>())
      if (const RunController::NodeStats* u = byId.value(up);
          u && scene.nodeItem(up) && scene.nodeItem(up)->inputs().empty())
        sources.push_back(u);
    NodeView v = describe(*s, *item, sources, runMs, wallMs, running);
    if (const QStringList queued = queuesShownAtNode.value(qstr(node.id)); !queued.isEmpty())
      v.lines.prepend(tr("input queue %1 full").arg(queued.join(QStringLiteral(", "))));
    item->setRunDetail(v.lines, v.tip.join('\n'), v.hint);
  }
}

QLabel* RunOverlay::legend(QWidget* parent) {
  auto swatch = [](const QColor& c) {
    return QStringLiteral("<span style=\"color:%1\">&#9644;</span>").arg(c.name());
  };
  auto* label = new QLabel(parent);
  label->setObjectName(QStringLiteral("queueLegend"));
  label->setText(tr("Wires: %1 queue under %4 % full · %2 filling · %3 over %5 % full: the "
                    "node it feeds cannot keep up (back-pressure)")
                     .arg(swatch(queueColour(0)), swatch(queueColour(kAmberFill)),
                          swatch(queueColour(kRedFill)))
                     .arg(int(kAmberFill * 100))
                     .arg(int(kRedFill * 100)));
  label->setWordWrap(true);
  return label;
}

}  // namespace sc::designer
