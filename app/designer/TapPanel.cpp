#include "app/designer/TapPanel.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "app/designer/RunController.h"
#include "app/designer/WireView.h"

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
    : QWidget(parent), runner_(runner), tabs_(new QTabWidget(this)) {
  tabs_->setObjectName(QStringLiteral("tapTabs"));
  tabs_->setDocumentMode(true);
  tabs_->setTabsClosable(true);
  tabs_->setMovable(false);
  output_ = new WireView(runner_, {}, {}, {}, tabs_);
  output_->setObjectName(QStringLiteral("outputView"));
  tabs_->addTab(output_, tr("Output"));
  tabs_->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);  // Output stays
  tabs_->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tabs_);

  connect(tabs_, &QTabWidget::tabCloseRequested, this, [this](int index) {
    auto* view = qobject_cast<WireView*>(tabs_->widget(index));
    if (!view || view->isOutput()) return;
    runner_->removeTap(view->nodeId(), view->port());
    tabs_->removeTab(index);
    view->deleteLater();
  });
  connect(runner_, &RunController::statsUpdated, this, &TapPanel::refresh);
  connect(runner_, &RunController::started, this, [this] {
    for (int i = 0; i < tabs_->count(); ++i)
      if (auto* view = qobject_cast<WireView*>(tabs_->widget(i))) view->clearRecords();
    refresh();
  });
  connect(runner_, &RunController::cleared, this, &TapPanel::showNoWire);
}

WireView* TapPanel::current() const {
  return qobject_cast<WireView*>(tabs_->currentWidget());
}

QPlainTextEdit* TapPanel::records() const {
  return current()->records();
}

QLabel* TapPanel::heading() const {
  return current()->heading();
}

WireView* TapPanel::view(const QString& nodeId, const QString& port) const {
  for (int i = 1; i < tabs_->count(); ++i) {
    auto* view = qobject_cast<WireView*>(tabs_->widget(i));
    if (view && view->nodeId() == nodeId && view->port() == port) return view;
  }
  return nullptr;
}

WireView* TapPanel::showWire(const QString& nodeId, const QString& port, const QString& wire) {
  WireView* shown = view(nodeId, port);
  if (shown) {
    runner_->setTap(nodeId, port);  // the latest tap
  } else {
    shown = new WireView(runner_, nodeId, port, wire, tabs_);
    tabs_->addTab(shown, wire);
    tabs_->setTabToolTip(tabs_->count() - 1, wire);
  }
  tabs_->setCurrentWidget(shown);
  return shown;
}

WireView* TapPanel::holdingView() const {
  if (WireView* shown = current(); shown && shown->isHolding()) return shown;
  for (int i = 1; i < tabs_->count(); ++i)
    if (auto* view = qobject_cast<WireView*>(tabs_->widget(i)); view && view->isHolding())
      return view;
  return nullptr;
}

void TapPanel::showNoWire() {
  tabs_->setCurrentIndex(0);
  while (tabs_->count() > 1) {
    QWidget* view = tabs_->widget(1);
    tabs_->removeTab(1);
    delete view;
  }
  output_->clearRecords();
  output_->refresh();
}

void TapPanel::refresh() {
  for (int i = 0; i < tabs_->count(); ++i)
    if (auto* view = qobject_cast<WireView*>(tabs_->widget(i))) view->refresh();
}

}  // namespace sc::designer
