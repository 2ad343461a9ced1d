#include "app/designer/AggregateView.h"

#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <atomic>
#include <mutex>

#include "app/designer/ChartSupport.h"
#include "app/designer/RunController.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Batch.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/SlotTable.h"
#include "nodes/window/WindowOptions.h"

namespace sc::designer {

// The results leaving an aggregating node, copied on the node's thread: per record only the
// key's text, the window bounds and the aggregates' numbers. The buffer is bounded (records
// beyond it are counted, not kept) and the GUI holds its lock only to swap it out, so the engine
// never waits for the GUI.
class WindowResults final : public TapSink {
 public:
  struct Row {
    std::string key;
    int64_t start = 0, end = 0;
    std::vector<double> values;  // NaN where an aggregate is not a number
  };
  static constexpr size_t kMaxPending = 100'000;

  explicit WindowResults(std::vector<std::string> aggregates)
      : aggregates_(std::move(aggregates)) {}

  void onBatch(const Batch& batch, const SlotTable& slots) override {
    if (!resolved_) resolve(slots);
    if (keySlot_ < 0 || endSlot_ < 0) return;
    std::vector<Row> rows(batch.size());
    for (uint32_t r = 0; r < batch.size(); ++r) {
      Row& row = rows[r];
      row.key = keyText(batch.at(uint32_t(keySlot_), r));
      const Value& end = batch.at(uint32_t(endSlot_), r);
      row.end = end.isNumber() ? int64_t(end.toDouble()) : 0;
      if (startSlot_ >= 0) {
        const Value& start = batch.at(uint32_t(startSlot_), r);
        row.start = start.isNumber() ? int64_t(start.toDouble()) : row.end;
      }
      row.values.reserve(valueSlots_.size());
      for (int32_t slot : valueSlots_) {
        const Value* v = slot >= 0 ? &batch.at(uint32_t(slot), r) : nullptr;
        row.values.push_back(v && v->isNumber() ? v->toDouble()
                                                : std::numeric_limits<double>::quiet_NaN());
      }
    }
    std::lock_guard lock(mutex_);
    for (Row& row : rows) {
      if (pending_.size() >= kMaxPending) {
        ++dropped_;
        continue;
      }
      pending_.push_back(std::move(row));
    }
  }

  std::vector<Row> take() {
    std::vector<Row> out;
    std::lock_guard lock(mutex_);
    out.swap(pending_);
    return out;
  }

 private:
  void resolve(const SlotTable& slots) {
    resolved_ = true;
    keySlot_ = slots.find(window::kKeyField);
    startSlot_ = slots.find(window::kWindowStartField);
    endSlot_ = slots.find(window::kWindowEndField);
    for (const std::string& name : aggregates_)
      valueSlots_.push_back(slots.find(name));
  }
  static std::string keyText(const Value& v) {
    switch (v.kind) {
      case Kind::String:
      case Kind::Json:
        return std::string(v.str());
      case Kind::Int:
        return std::to_string(v.i);
      case Kind::Double:
        return QString::number(v.d, 'g', 15).toStdString();
      case Kind::Bool:
        return v.b ? "true" : "false";
      default:
        return "null";
    }
  }

  std::vector<std::string> aggregates_;
  bool resolved_ = false;  // the slot table is fixed for a run
  int32_t keySlot_ = -1, startSlot_ = -1, endSlot_ = -1;
  std::vector<int32_t> valueSlots_;
  std::mutex mutex_;
  std::vector<Row> pending_;
  uint64_t dropped_ = 0;
};

// Counts the records leaving a node's `late` port.
class LateRecords final : public TapSink {
 public:
  void onBatch(const Batch& batch, const SlotTable&) override {
    count_.fetch_add(batch.size(), std::memory_order_relaxed);
  }
  quint64 count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::atomic<quint64> count_{0};
};

AggregateView::AggregateView(RunController* runner, QWidget* parent)
    : QWidget(parent),
      runner_(runner),
      node_(new QComboBox(this)),
      aggregate_(new QComboBox(this)),
      topN_(new QSpinBox(this)),
      hint_(new QLabel(this)),
      chart_(new QChart),
      view_(new TimeChartView(chart_, this)),
      x_(new QDateTimeAxis),
      y_(new QValueAxis),
      lateAxis_(new QValueAxis),
      late_(new QLineSeries),
      table_(new QTableWidget(0, 4, this)) {
  node_->setObjectName(QStringLiteral("aggregateNode"));
  node_->setToolTip(tr("Node whose results are charted"));
  aggregate_->setObjectName(QStringLiteral("aggregateName"));
  aggregate_->setToolTip(tr("Aggregate charted, a line per key"));
  topN_->setObjectName(QStringLiteral("aggregateTopN"));
  topN_->setRange(1, 50);
  topN_->setValue(10);
  topN_->setPrefix(tr("top "));
  topN_->setToolTip(tr("Keys charted: those with the highest value in their latest window"));
  hint_->setObjectName(QStringLiteral("aggregateHint"));
  // The dock stays as narrow as before: the hint is elided by its width, not the other way.
  hint_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  hint_->setMinimumWidth(0);
  hint_->setText(tr("Run a pipeline with a window node to chart its aggregates per key here."));
  auto* exportButton = new QToolButton(this);
  exportButton->setObjectName(QStringLiteral("aggregateExport"));
  exportButton->setText(tr("Export…"));
  exportButton->setToolTip(tr("Save the shown series as CSV or the chart as PNG"));

  chart_->setTitle(tr("Aggregates"));
  chart_->legend()->setAlignment(Qt::AlignRight);
  chart_->setMargins(QMargins(4, 4, 4, 4));
  x_->setTitleText(tr("window end"));
  x_->setFormat(QStringLiteral("HH:mm:ss"));
  x_->setTickCount(5);
  y_->setLabelFormat(QStringLiteral("%.4g"));
  y_->setTickCount(6);
  lateAxis_->setTitleText(tr("late records"));
  lateAxis_->setLabelFormat(QStringLiteral("%d"));
  lateAxis_->setTickCount(6);
  lateAxis_->setRange(0, 5);
  chart_->addAxis(x_, Qt::AlignBottom);
  chart_->addAxis(y_, Qt::AlignLeft);
  chart_->addAxis(lateAxis_, Qt::AlignRight);
  late_->setName(tr("late records"));
  chart_->addSeries(late_);
  late_->attachAxis(x_);
  late_->attachAxis(lateAxis_);
  view_->setMinimumHeight(80);  // with the tabs and controls, the dock is no taller than before

  table_->setObjectName(QStringLiteral("aggregateTable"));
  table_->setHorizontalHeaderLabels({tr("Key"), tr("Window start"), tr("Window end"), tr("Value")});
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setSortingEnabled(true);
  table_->setWordWrap(false);
  table_->sortByColumn(3, Qt::DescendingOrder);
  for (QComboBox* box : {node_, aggregate_})
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);

  auto* controls = new QHBoxLayout;
  controls->setContentsMargins(0, 0, 0, 0);
  controls->addWidget(node_);
  controls->addWidget(aggregate_);
  controls->addWidget(topN_);
  controls->addWidget(hint_, 1);
  controls->addStretch(1);  // keeps the choosers compact when the hint is hidden
  controls->addWidget(exportButton);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(view_);
  split->addWidget(table_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({600, 400});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(controls);
  layout->addWidget(split, 1);

  connect(view_, &TimeChartView::zoomed, this, [this](double factor, double atX) {
    const double span = std::max(1000.0, double(to_ - from_) * factor);
    const double left =
        atX - (atX - double(from_)) * (span / double(std::max<qint64>(1, to_ - from_)));
    from_ = qint64(left);
    to_ = qint64(left + span);
    fitted_ = false;
    dirty_ = true;
    redraw();
  });
  connect(view_, &TimeChartView::panned, this, [this](double dx) {
    from_ += qint64(dx);
    to_ += qint64(dx);
    fitted_ = false;
    dirty_ = true;
    redraw();
  });
  connect(view_, &TimeChartView::followRequested, this, [this] {
    fitted_ = true;
    dirty_ = true;
    redraw();
  });
  connect(runner_, &RunController::starting, this, &AggregateView::pipelineStarting);
  connect(runner_, &RunController::cleared, this, &AggregateView::clearAll);
  connect(runner_, &RunController::statsUpdated, this, &AggregateView::take);
  connect(node_, &QComboBox::currentIndexChanged, this, &AggregateView::chooseNode);
  connect(aggregate_, &QComboBox::currentIndexChanged, this, [this] {
    dirty_ = true;
    redraw();
    fillTable();
  });
  connect(topN_, &QSpinBox::valueChanged, this, [this] {
    dirty_ = true;
    redraw();
  });
  connect(exportButton, &QToolButton::clicked, this, [this] {
    QList<QLineSeries*> shown;
    for (QLineSeries* s : lines_)
      if (s->isVisible()) shown << s;
    shown << late_;
    exportChartInteractively(this, view_, shown, true, tr("window end"), aggregate_->currentText());
  });
  applyChartPalette(chart_, palette());
  clearAll();
}

void AggregateView::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() != QEvent::PaletteChange) return;
  applyChartPalette(chart_, palette());  // the chart theme resets the lines' colours
  dirty_ = true;
  redraw();
}

bool AggregateView::hasAggregates() const {
  return !aggregatesOf_.isEmpty();
}

void AggregateView::pipelineStarting(const Pipeline& pipeline) {
  // Nodes with an `aggregates` list, as the file names them.
  QHash<QString, QStringList> found;
  QStringList order;
  for (const PipelineNode& n : pipeline.nodes) {
    const auto it = n.properties.find("aggregates");
    if (it == n.properties.end() || !it->is_array()) continue;
    QStringList names;
    for (const auto& a : *it)
      if (a.is_object() && a.contains("as") && a["as"].is_string())
        names << QString::fromStdString(a["as"].get<std::string>());
    if (names.isEmpty()) continue;
    const QString id = QString::fromStdString(n.id);
    found.insert(id, names);
    order << id;
  }
  const QString keep = node_->currentText();
  const bool same = found == aggregatesOf_;
  aggregatesOf_ = found;
  if (!same) {
    const QSignalBlocker block(node_);
    node_->clear();
    node_->addItems(order);
    node_->setCurrentIndex(std::max<qsizetype>(0, order.indexOf(keep)));
  }
  hint_->setVisible(order.isEmpty());
  // A new run of the same node keeps what earlier runs showed (the same windows are replaced).
  if (!same || node_->currentText() != observedNode_) chooseNode();
  observe();
}

void AggregateView::clearAll() {
  if (!observedNode_.isEmpty()) {
    runner_->setObserver(observedNode_, QStringLiteral("out"), nullptr);
    runner_->setObserver(observedNode_, QStringLiteral("late"), nullptr);
  }
  observedNode_.clear();
  results_.reset();
  lateRecords_.reset();
  aggregatesOf_.clear();
  {
    const QSignalBlocker a(node_), b(aggregate_);
    node_->clear();
    aggregate_->clear();
  }
  hint_->show();
  byKey_.clear();
  keysByEnd_.clear();
  latest_.clear();
  resultCount_ = 0;
  maxEnd_ = 0;
  latePoints_.clear();
  lastLate_ = 0;
  fitted_ = true;
  dirty_ = true;
  redraw();
  fillTable();
}

void AggregateView::chooseNode() {
  const QString id = node_->currentText();
  {
    const QSignalBlocker block(aggregate_);
    const QString keep = aggregate_->currentText();
    aggregate_->clear();
    aggregate_->addItems(aggregatesOf_.value(id));
    aggregate_->setCurrentIndex(std::max<qsizetype>(0, aggregatesOf_.value(id).indexOf(keep)));
  }
  byKey_.clear();
  keysByEnd_.clear();
  latest_.clear();
  resultCount_ = 0;
  maxEnd_ = 0;
  latePoints_.clear();
  lastLate_ = 0;
  observe();
  dirty_ = true;
  redraw();
  fillTable();
}

// Watches the chosen node's output (and its late port) in the current run and the next ones.
void AggregateView::observe() {
  const QString id = node_->currentText();
  if (id == observedNode_ && results_) return;
  if (!observedNode_.isEmpty()) {
    runner_->setObserver(observedNode_, QStringLiteral("out"), nullptr);
    runner_->setObserver(observedNode_, QStringLiteral("late"), nullptr);
  }
  observedNode_ = id;
  results_.reset();
  lateRecords_.reset();
  if (id.isEmpty()) return;
  std::vector<std::string> names;
  for (const QString& a : aggregatesOf_.value(id))
    names.push_back(a.toStdString());
  results_ = std::make_shared<WindowResults>(std::move(names));
  lateRecords_ = std::make_shared<LateRecords>();
  runner_->setObserver(id, QStringLiteral("out"), results_);
  runner_->setObserver(id, QStringLiteral("late"), lateRecords_);
}

int AggregateView::aggregateIndex() const {
  return aggregate_->currentIndex();
}

void AggregateView::take() {
  if (!results_) return;
  std::vector<WindowResults::Row> rows = results_->take();
  for (WindowResults::Row& row : rows) {
    const QString key = QString::fromStdString(row.key);
    auto found = byKey_.find(key);
    if (found == byKey_.end()) {
      if (byKey_.size() >= kMaxKeys) continue;
      found = byKey_.insert(key, {});
    }
    const QVector<double> values(row.values.begin(), row.values.end());
    auto [it, added] = found->insert_or_assign(row.end, values);
    if (added) {
      keysByEnd_[row.end] << key;
      ++resultCount_;
    }
    Latest& l = latest_[key];
    if (row.end >= l.end) l = {row.start, row.end, values};
    maxEnd_ = std::max<qint64>(maxEnd_, row.end);
    dirty_ = true;
  }
  // Bounded: the oldest windows go first.
  while (resultCount_ > kMaxResults && !keysByEnd_.empty()) {
    auto oldest = keysByEnd_.begin();
    for (const QString& key : oldest->second) {
      auto k = byKey_.find(key);
      if (k == byKey_.end()) continue;
      k->erase(oldest->first);
      --resultCount_;
    }
    keysByEnd_.erase(oldest);
  }
  // Late records: those sent to the `late` port plus those the node dropped (late_dropped).
  quint64 lateNow = lateRecords_ ? lateRecords_->count() : 0;
  for (const RunController::NodeStats& s : runner_->stats())
    if (s.id == observedNode_)
      if (const auto dropped = s.gauge(QStringLiteral("late_dropped")); dropped && *dropped > 0)
        lateNow += quint64(*dropped);
  if (maxEnd_ > 0 && (lateNow != lastLate_ || latePoints_.isEmpty())) {
    if (!latePoints_.isEmpty() && latePoints_.last().x() >= double(maxEnd_))
      latePoints_.last().setY(double(lateNow));
    else
      latePoints_.append(QPointF(double(maxEnd_), double(lateNow)));
    if (latePoints_.size() > 10'000) latePoints_.removeFirst();
    lastLate_ = lateNow;
    dirty_ = true;
  }
  if (!dirty_) return;
  redraw();
  fillTable();
}

void AggregateView::redraw() {
  if (!dirty_) return;
  dirty_ = false;
  const int a = aggregateIndex();
  // The top N keys by the value of their latest window.
  QVector<QPair<double, QString>> ranked;
  for (auto it = latest_.cbegin(); it != latest_.cend(); ++it)
    if (a >= 0 && a < it->values.size() && !std::isnan(it->values[a]))
      ranked.append({it->values[a], it.key()});
  std::sort(ranked.begin(), ranked.end(), [](const auto& l, const auto& r) {
    return l.first != r.first ? l.first > r.first : l.second < r.second;
  });
  ranked.resize(std::min<qsizetype>(ranked.size(), topN_->value()));
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& l, const auto& r) { return l.second < r.second; });
  double minY = 0, maxY = 0;
  bool anyY = false;
  qint64 minX = std::numeric_limits<qint64>::max(), maxX = 0;
  for (qsizetype i = 0; i < ranked.size(); ++i) {
    if (i >= lines_.size()) {
      auto* s = new QLineSeries;
      s->setPointsVisible(true);
      chart_->addSeries(s);
      s->attachAxis(x_);
      s->attachAxis(y_);
      lines_.append(s);
    }
    QList<QPointF> points;
    for (const auto& [end, values] : byKey_.value(ranked[i].second)) {
      if (a >= values.size() || std::isnan(values[a])) continue;
      points.append(QPointF(double(end), values[a]));
      minY = anyY ? std::min(minY, values[a]) : values[a];
      maxY = anyY ? std::max(maxY, values[a]) : values[a];
      anyY = true;
      minX = std::min(minX, end);
      maxX = std::max(maxX, end);
    }
    QPen pen(seriesColor(int(i)));
    pen.setWidth(2);
    lines_[i]->setPen(pen);
    lines_[i]->setColor(pen.color());
    lines_[i]->setName(ranked[i].second);
    lines_[i]->replace(points);
    lines_[i]->setVisible(true);
  }
  for (qsizetype i = ranked.size(); i < lines_.size(); ++i) {
    lines_[i]->clear();
    lines_[i]->setVisible(false);
  }
  QPen latePen(QColor(0xb2, 0x22, 0x22));  // set each time: chart themes reset pens
  latePen.setStyle(Qt::DotLine);
  latePen.setWidth(2);
  late_->setPen(latePen);
  late_->replace(latePoints_);
  late_->setVisible(!latePoints_.isEmpty());
  double lateMax = 0;
  for (const QPointF& p : latePoints_) {
    lateMax = std::max(lateMax, p.y());
    minX = std::min(minX, qint64(p.x()));
    maxX = std::max(maxX, qint64(p.x()));
  }
  lateAxis_->setRange(0, roundAxisTop(lateMax));
  if (maxX == 0) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    minX = now - 60'000;
    maxX = now;
  }
  // A margin, so the first and last windows' points are not cut at the edges.
  const qint64 margin = std::max<qint64>(1000, (maxX - minX) / 20);
  minX -= margin;
  maxX += margin;
  if (fitted_) {
    from_ = minX;
    to_ = maxX;
  }
  x_->setRange(QDateTime::fromMSecsSinceEpoch(from_), QDateTime::fromMSecsSinceEpoch(to_));
  x_->setFormat(to_ - from_ > 2 * 86'400'000 ? QStringLiteral("MM-dd HH:mm")
                                             : QStringLiteral("HH:mm:ss"));
  if (!anyY) {
    y_->setRange(0, 5);
  } else {
    // Values may be negative (temperatures): a margin on both sides, zero when near.
    const double span = std::max(1e-9, maxY - minY);
    double low = minY - span * 0.1, high = maxY + span * 0.1;
    if (minY >= 0 && low < 0) low = 0;
    y_->setRange(low, high);
    y_->applyNiceNumbers();
  }
  y_->setTitleText(aggregate_->currentText());
}

void AggregateView::fillTable() {
  const int a = aggregateIndex();
  table_->setSortingEnabled(false);
  table_->setRowCount(int(latest_.size()));
  int row = 0;
  auto timeText = [](qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("MM-dd HH:mm:ss"));
  };
  for (auto it = latest_.cbegin(); it != latest_.cend(); ++it, ++row) {
    auto* key = new QTableWidgetItem(it.key());
    auto* start = new QTableWidgetItem(timeText(it->start));
    start->setData(Qt::UserRole, it->start);
    start->setToolTip(QDateTime::fromMSecsSinceEpoch(it->start).toString(Qt::ISODateWithMs) +
                      QLatin1Char('\n') + QString::number(it->start));
    auto* end = new QTableWidgetItem(timeText(it->end));
    end->setToolTip(QDateTime::fromMSecsSinceEpoch(it->end).toString(Qt::ISODateWithMs) +
                    QLatin1Char('\n') + QString::number(it->end));
    auto* value = new QTableWidgetItem;
    if (a >= 0 && a < it->values.size() && !std::isnan(it->values[a]))
      value->setData(Qt::DisplayRole, it->values[a]);  // numeric, so it sorts by value
    table_->setItem(row, 0, key);
    table_->setItem(row, 1, start);
    table_->setItem(row, 2, end);
    table_->setItem(row, 3, value);
  }
  table_->setSortingEnabled(true);
  if (table_->rowCount() <= 1000) table_->resizeColumnsToContents();  // cheap while small
}

QHash<QString, QLineSeries*> AggregateView::series() const {
  QHash<QString, QLineSeries*> out;
  for (QLineSeries* s : lines_)
    if (s->isVisible()) out.insert(s->name(), s);
  return out;
}

QMap<QString, QMap<qint64, double>> AggregateView::results() const {
  QMap<QString, QMap<qint64, double>> out;
  const int a = aggregateIndex();
  for (auto it = byKey_.cbegin(); it != byKey_.cend(); ++it)
    for (const auto& [end, values] : *it)
      if (a >= 0 && a < values.size()) out[it.key()].insert(end, values[a]);
  return out;
}

bool AggregateView::exportCsv(const QString& path, QString* error) const {
  QList<QLineSeries*> shown;
  for (QLineSeries* s : lines_)
    if (s->isVisible()) shown << s;
  return writeSeriesCsv(path, shown, true, tr("window end"), error);
}

}  // namespace sc::designer
