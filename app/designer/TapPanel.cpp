#include "app/designer/TapPanel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "app/designer/RunController.h"

namespace sc::designer {

TapPanel::TapPanel(RunController* runner, QWidget* parent)
    : QWidget(parent),
      runner_(runner),
      heading_(new QLabel(this)),
      records_(new QPlainTextEdit(this)) {
  heading_->setObjectName(QStringLiteral("tapHeading"));
  heading_->setText(
      tr("Select a wire and choose Run ▸ Tap Selected Wire (Ctrl+T) to see the "
         "records passing it while the pipeline runs."));
  heading_->setWordWrap(true);
  records_->setObjectName(QStringLiteral("tapRecords"));
  records_->setReadOnly(true);
  records_->setLineWrapMode(QPlainTextEdit::NoWrap);
  records_->setMaximumBlockCount(kMaxLines);
  records_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
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
}

void TapPanel::showWire(const QString& wire) {
  wire_ = wire;
  records_->clear();
  refresh();
}

void TapPanel::refresh() {
  if (wire_.isEmpty() || !runner_->hasTap()) return;
  const QStringList lines = runner_->takeTapRecords();
  if (!lines.isEmpty()) records_->appendPlainText(lines.join('\n'));
  heading_->setText(tr("Wire %1: %n records passed (up to %2 of every batch shown)", nullptr,
                       int(std::min<quint64>(runner_->tapSeen(), 1u << 30)))
                        .arg(wire_)
                        .arg(RunController::kTapPerBatch));
}

}  // namespace sc::designer
