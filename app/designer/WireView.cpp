#include "app/designer/WireView.h"

#include <QCheckBox>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "app/designer/CanvasStyle.h"
#include "app/designer/RecordFilter.h"
#include "app/designer/RunController.h"
#include "app/designer/TapPanel.h"

namespace sc::designer {

namespace {

const QRegularExpression& shownTime() {
  static const QRegularExpression re(
      QStringLiteral(R"re("(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ)")re"));
  return re;
}

QString isoTime(qint64 ms) {
  return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QPlainTextEdit* monospaceView(const QString& name, QWidget* parent) {
  auto* view = new QPlainTextEdit(parent);
  view->setObjectName(name);
  view->setReadOnly(true);
  view->setLineWrapMode(QPlainTextEdit::NoWrap);
  view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  return view;
}

}  // namespace

WireView::WireView(RunController* runner, const QString& nodeId, const QString& port,
                   const QString& wire, QWidget* parent)
    : QWidget(parent),
      runner_(runner),
      nodeId_(nodeId),
      port_(port),
      wire_(wire),
      heading_(new QLabel(this)),
      pause_(new QPushButton(tr("Pause"), this)),
      filter_(new QLineEdit(this)),
      filterError_(new QLabel(this)),
      pretty_(new QCheckBox(tr("Pretty JSON"), this)),
      metadata_(new QCheckBox(tr("Metadata"), this)),
      records_(monospaceView(QStringLiteral("tapRecords"), this)) {
  if (!isOutput()) tap_ = runner_->setTap(nodeId_, port_);
  heading_->setObjectName(QStringLiteral("tapHeading"));
  heading_->setWordWrap(true);
  pause_->setObjectName(QStringLiteral("pause"));
  pause_->setCheckable(true);
  pause_->setToolTip(tr("While paused, records are counted but not copied or shown"));
  filter_->setObjectName(QStringLiteral("filter"));
  filter_->setPlaceholderText(tr("Filter, e.g. amount > 100 && currency == \"EUR\""));
  filter_->setClearButtonEnabled(true);
  filter_->setToolTip(
      tr("Shows only the records for which this expression is true (the pipeline's expression "
         "language; fields, and $key, $topic, $partition, $offset, $timestamp, $headers.NAME). "
         "Press Enter to apply."));
  filterError_->setObjectName(QStringLiteral("filterError"));
  filterError_->setWordWrap(true);
  filterError_->hide();
  pretty_->setObjectName(QStringLiteral("pretty"));
  metadata_->setObjectName(QStringLiteral("metadata"));
  metadata_->setToolTip(
      tr("Shows each record's topic, partition, offset, key, headers, event time and the time "
         "it passed"));
  records_->setMaximumBlockCount(kMaxRecords * 40);
  records_->viewport()->installEventFilter(this);
  auto* clear = new QPushButton(tr("Clear"), this);
  clear->setObjectName(QStringLiteral("clear"));

  auto* top = new QHBoxLayout;
  top->addWidget(heading_, 1);
  top->addWidget(clear);
  auto* controls = new QHBoxLayout;
  controls->addWidget(pause_);
  controls->addWidget(filter_, 1);
  controls->addWidget(pretty_);
  controls->addWidget(metadata_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(top);
  layout->addLayout(controls);
  layout->addWidget(filterError_);

  if (!isOutput()) {
    break_ = new QCheckBox(tr("Break when"), this);
    break_->setObjectName(QStringLiteral("break"));
    break_->setToolTip(
        tr("Holds the first record for which the condition is true (any record when it is "
           "empty): that branch of the pipeline waits until Step or Continue"));
    condition_ = new QLineEdit(this);
    condition_->setObjectName(QStringLiteral("breakCondition"));
    condition_->setPlaceholderText(tr("Condition (empty: every record)"));
    breakError_ = new QLabel(this);
    breakError_->setObjectName(QStringLiteral("breakError"));
    breakError_->setWordWrap(true);
    breakError_->hide();
    // The tooltips name the Run menu's keys, which act on the shown tab's breakpoint.
    auto withKey = [](const QString& text, const QKeySequence& key) {
      return QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText));
    };
    step_ = new QPushButton(tr("Step"), this);
    step_->setObjectName(QStringLiteral("step"));
    step_->setToolTip(withKey(tr("Passes the held record and holds the next one"), stepKey()));
    stepBatch_ = new QPushButton(tr("Step Batch"), this);
    stepBatch_->setObjectName(QStringLiteral("stepBatch"));
    stepBatch_->setToolTip(
        withKey(tr("Passes the held record and the rest of its batch, and holds the first "
                   "record of the next batch"),
                stepBatchKey()));
    continue_ = new QPushButton(tr("Continue"), this);
    continue_->setObjectName(QStringLiteral("continue"));
    continue_->setToolTip(
        withKey(tr("Passes the held record and runs to the next one that matches"), continueKey()));
    step_->setEnabled(false);
    stepBatch_->setEnabled(false);
    continue_->setEnabled(false);
    held_ = monospaceView(QStringLiteral("heldRecord"), this);
    held_->setMaximumHeight(held_->fontMetrics().lineSpacing() * 5);
    held_->hide();
    auto* breaking = new QHBoxLayout;
    breaking->addWidget(break_);
    breaking->addWidget(condition_, 1);
    breaking->addWidget(step_);
    breaking->addWidget(stepBatch_);
    breaking->addWidget(continue_);
    layout->addLayout(breaking);
    layout->addWidget(breakError_);
    layout->addWidget(held_);
    connect(break_, &QCheckBox::toggled, this, &WireView::applyBreakpoint);
    connect(condition_, &QLineEdit::editingFinished, this, &WireView::applyBreakpoint);
    connect(step_, &QPushButton::clicked, this, &WireView::step);
    connect(stepBatch_, &QPushButton::clicked, this, &WireView::stepBatch);
    connect(continue_, &QPushButton::clicked, this, &WireView::continueRun);
  }
  layout->addWidget(records_, 1);

  connect(clear, &QPushButton::clicked, this, &WireView::clearRecords);
  connect(pause_, &QPushButton::toggled, this, [this](bool paused) {
    tap()->setPaused(paused);
    pause_->setText(paused ? tr("Resume") : tr("Pause"));
    refresh();
  });
  connect(filter_, &QLineEdit::editingFinished, this, &WireView::applyFilter);
  connect(pretty_, &QCheckBox::toggled, this, &WireView::rebuild);
  connect(metadata_, &QCheckBox::toggled, this, &WireView::rebuild);
  refresh();
}

WireTap* WireView::tap() const {
  return tap_ ? tap_.get() : &runner_->output();
}

void WireView::showError(QLabel* label, const QString& text) {
  QPalette pal = palette();
  pal.setColor(QPalette::WindowText, canvasColors(palette()).error);
  label->setPalette(pal);
  label->setText(text);
  label->setVisible(!text.isEmpty());
}

void WireView::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) {  // keep the error colour readable
    for (QLabel* label : {filterError_, breakError_})
      if (label) showError(label, label->text());
  }
}

void WireView::applyFilter() {
  const QString text = filter_->text().trimmed();
  if (QString::fromStdString(tap()->filter()) == text) return;
  if (!text.isEmpty()) {
    const std::string error = RecordFilter::check(text.toStdString());
    if (!error.empty()) {
      showError(filterError_, tr("The filter does not apply: %1. Fix it and press Enter.")
                                  .arg(QString::fromStdString(error)));
      return;
    }
  }
  showError(filterError_, {});
  tap()->setFilter(text.toStdString());
  clearRecords();  // what is shown from now on matches
}

void WireView::applyBreakpoint() {
  const QString text = condition_->text().trimmed();
  if (break_->isChecked() && !text.isEmpty()) {
    const std::string error = RecordFilter::check(text.toStdString());
    if (!error.empty()) {
      showError(breakError_, tr("The condition does not apply: %1. Fix it and press Enter.")
                                 .arg(QString::fromStdString(error)));
      runner_->setBreakpoint(nodeId_, port_, false, {});
      refresh();
      return;
    }
  }
  showError(breakError_, {});
  runner_->setBreakpoint(nodeId_, port_, break_->isChecked(), text);
  refresh();
}

bool WireView::isHolding() const {
  if (isOutput()) return false;
  const auto bp = runner_->breakpoint(nodeId_, port_);
  return bp && bp->paused() && runner_->isActive();
}

void WireView::step() {
  if (auto bp = runner_->breakpoint(nodeId_, port_)) bp->step();
  refresh();
}

void WireView::stepBatch() {
  if (auto bp = runner_->breakpoint(nodeId_, port_)) bp->stepBatch();
  refresh();
}

void WireView::continueRun() {
  if (auto bp = runner_->breakpoint(nodeId_, port_)) bp->resume();
  refresh();
}

void WireView::clearRecords() {
  ring_.clear();
  records_->clear();
}

QString WireView::metadataLine(const TapRecord& r) const {
  QStringList parts;
  if (!r.topic.empty()) parts << tr("topic %1").arg(QString::fromStdString(r.topic));
  if (r.partition >= 0) parts << tr("partition %1").arg(r.partition);
  if (r.offset >= 0) parts << tr("offset %1").arg(r.offset);
  if (r.key)
    parts << tr("key %1").arg(QString::fromStdString(
        nlohmann::json(*r.key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  if (!r.headers.empty()) parts << tr("headers %1").arg(QString::fromStdString(r.headers));
  parts << tr("event time %1").arg(isoTime(r.eventTime));
  parts << tr("arrived %1").arg(isoTime(r.arrivalTime));
  return QStringLiteral("# ") + parts.join(QStringLiteral(", "));
}

QString WireView::render(const TapRecord& r) const {
  QString json = QString::fromStdString(r.json);
  if (pretty_->isChecked()) {
    // ordered_json keeps the record's field order and its numbers as they are.
    const auto parsed = nlohmann::ordered_json::parse(r.json, nullptr, false);
    if (!parsed.is_discarded())
      json = QString::fromStdString(
          parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }
  json = TapPanel::readableTimes(json);
  return metadata_->isChecked() ? metadataLine(r) + '\n' + json : json;
}

void WireView::rebuild() {
  QStringList shown;
  for (const TapRecord& r : ring_)
    shown << render(r);
  // setPlainText scrolls to the top: a view that followed the newest records goes on following
  // them, one scrolled back stays about where it was (the same share of the text: Pretty JSON
  // changes the number of lines).
  QScrollBar* bar = records_->verticalScrollBar();
  const bool following = bar->value() >= bar->maximum();
  const double at = bar->maximum() > 0 ? double(bar->value()) / bar->maximum() : 0;
  records_->setPlainText(shown.join('\n'));
  bar->setValue(following ? bar->maximum() : int(at * bar->maximum()));
}

void WireView::refresh() {
  std::vector<TapRecord> fresh = tap()->take();
  if (!fresh.empty()) {
    QStringList shown;
    for (TapRecord& r : fresh)
      shown << render(r);
    for (TapRecord& r : fresh)
      ring_.push_back(std::move(r));
    const bool overflow = ring_.size() > size_t(kMaxRecords);
    while (ring_.size() > size_t(kMaxRecords))
      ring_.pop_front();
    if (overflow)
      rebuild();  // the view holds exactly the ring, whole records
    else
      records_->appendPlainText(shown.join('\n'));
  }
  const int seen = int(std::min<quint64>(tap()->seen(), 1u << 30));
  QString text =
      isOutput()
          ? (runner_->consoleSinks() > 0
                 ? tr("Console sinks printed %n records (the newest %1 are kept here)", nullptr,
                      seen)
                       .arg(RunController::kOutputKeep)
                 : tr("Records that console sinks print appear here while the pipeline runs. "
                      "To watch any wire, select it and choose Run ▸ Tap Selected Wire "
                      "(Ctrl+T)."))
      : tap()->sampled()
          ? tr("Wire %1: %n records passed (a sample shown: up to %2 of every batch, %3 a "
               "second)",
               nullptr, seen)
                .arg(wire_)
                .arg(RunController::kTapPerBatch)
                .arg(RunController::kTapPerTenth * 10)
          : tr("Wire %1: %n records passed (none skipped; the newest %2 are kept here)", nullptr,
               seen)
                .arg(wire_)
                .arg(kMaxRecords);
  if (pause_->isChecked()) text += ' ' + tr("(paused)");
  heading_->setText(text);
  if (isOutput()) return;
  const auto bp = runner_->breakpoint(nodeId_, port_);
  const bool holding = isHolding();
  step_->setEnabled(holding);
  stepBatch_->setEnabled(holding);
  continue_->setEnabled(holding);
  held_->setVisible(holding);
  if (holding) {
    const std::optional<TapRecord> record = bp->heldRecord();
    const QString shown =
        (bp->heldByStep()
             ? tr("Held before this record, after a step:")
             : tr("Held before this record (the condition's hit %1):").arg(bp->hits())) +
        '\n' + (record ? TapPanel::readableTimes(QString::fromStdString(record->json)) : QString());
    if (held_->toPlainText() != shown) held_->setPlainText(shown);
  }
}

bool WireView::eventFilter(QObject* watched, QEvent* event) {
  // Hovering a shown time gives its raw value, as the record carries it.
  if (watched != records_->viewport() || event->type() != QEvent::ToolTip) return false;
  auto* help = static_cast<QHelpEvent*>(event);
  const QTextCursor cursor = records_->cursorForPosition(help->pos());
  const QString line = cursor.block().text();
  const int column = cursor.positionInBlock();
  for (auto it = shownTime().globalMatch(line); it.hasNext();) {
    const QRegularExpressionMatch m = it.next();
    if (column < m.capturedStart(0) || column > m.capturedEnd(0)) continue;
    const QDateTime time = QDateTime::fromString(m.captured(1), Qt::ISODateWithMs);
    QToolTip::showText(help->globalPos(),
                       tr("%1 (milliseconds since 1970-01-01 UTC)").arg(time.toMSecsSinceEpoch()),
                       records_->viewport());
    return true;
  }
  QToolTip::hideText();
  event->ignore();
  return true;
}

}  // namespace sc::designer
