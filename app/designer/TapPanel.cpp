#include "app/designer/TapPanel.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>
#include <QToolTip>
#include <QVBoxLayout>

#include "app/designer/RunController.h"

namespace sc::designer {

namespace {

// Epoch milliseconds between 1973 and 5138: smaller numbers under these names are more likely
// seconds or counters, and are left as they are.
constexpr qint64 kMinEpochMs = 100'000'000'000LL;
constexpr qint64 kMaxEpochMs = 100'000'000'000'000LL;

const QRegularExpression& timeField() {
  static const QRegularExpression re(QStringLiteral(
      R"re("(ts|timestamp|event_time|window_start|window_end)"(\s*:\s*)(-?\d+)(?![\d.eE]))re"));
  return re;
}

const QRegularExpression& shownTime() {
  static const QRegularExpression re(
      QStringLiteral(R"re("(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ)")re"));
  return re;
}

}  // namespace

QString TapPanel::readableTimes(const QString& line) {
  QString out;
  qsizetype from = 0;
  for (auto it = timeField().globalMatch(line); it.hasNext();) {
    const QRegularExpressionMatch m = it.next();
    bool ok = false;
    const qint64 ms = m.captured(3).toLongLong(&ok);
    if (!ok || ms < kMinEpochMs || ms >= kMaxEpochMs) continue;
    out += QStringView(line).mid(from, m.capturedStart(3) - from);
    out += '"' + QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) + '"';
    from = m.capturedEnd(3);
  }
  if (from == 0) return line;
  out += QStringView(line).mid(from);
  return out;
}

TapPanel::TapPanel(RunController* runner, QWidget* parent)
    : QWidget(parent),
      runner_(runner),
      heading_(new QLabel(this)),
      records_(new QPlainTextEdit(this)) {
  heading_->setObjectName(QStringLiteral("tapHeading"));
  showNoWire();
  heading_->setWordWrap(true);
  records_->setObjectName(QStringLiteral("tapRecords"));
  records_->setReadOnly(true);
  records_->setLineWrapMode(QPlainTextEdit::NoWrap);
  records_->setMaximumBlockCount(kMaxLines);
  records_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  records_->viewport()->installEventFilter(this);
  auto* clear = new QPushButton(tr("Clear"), this);
  connect(clear, &QPushButton::clicked, records_, &QPlainTextEdit::clear);

  auto* top = new QHBoxLayout;
  top->addWidget(heading_, 1);
  top->addWidget(clear);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(top);
  layout->addWidget(records_, 1);

  connect(runner_, &RunController::statsUpdated, this, &TapPanel::refresh);
  connect(runner_, &RunController::started, records_, &QPlainTextEdit::clear);
  connect(runner_, &RunController::cleared, this, &TapPanel::showNoWire);
}

void TapPanel::showNoWire() {
  wire_.clear();
  records_->clear();
  heading_->setText(
      tr("Select a wire and choose Run ▸ Tap Selected Wire (Ctrl+T) to see the "
         "records passing it while the pipeline runs."));
}

void TapPanel::showWire(const QString& wire) {
  wire_ = wire;
  records_->clear();
  refresh();
}

void TapPanel::refresh() {
  if (wire_.isEmpty() || !runner_->hasTap()) return;
  QStringList lines = runner_->takeTapRecords();
  for (QString& line : lines)
    line = readableTimes(line);
  if (!lines.isEmpty()) records_->appendPlainText(lines.join('\n'));
  heading_->setText(tr("Wire %1: %n records passed (up to %2 of every batch shown)", nullptr,
                       int(std::min<quint64>(runner_->tapSeen(), 1u << 30)))
                        .arg(wire_)
                        .arg(RunController::kTapPerBatch));
}

}  // namespace sc::designer

namespace sc::designer {

bool TapPanel::eventFilter(QObject* watched, QEvent* event) {
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
