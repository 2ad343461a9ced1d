#include "app/designer/GroupLagView.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>
#include <set>

#include "app/designer/ClusterCallPool.h"
#include "app/designer/PipelineDocument.h"

namespace sc::designer {

using kafka::ClusterAdmin;
using kafka::GroupInfo;
using kafka::GroupSummary;
using kafka::Result;

namespace {

QTableWidgetItem* numberCell(int64_t v) {
  auto* item = new QTableWidgetItem;
  item->setData(Qt::DisplayRole, qlonglong(v));
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

}  // namespace

GroupLagView::GroupLagView(PipelineDocument* document, AdminSource admin, QWidget* parent)
    : QWidget(parent),
      doc_(document),
      admin_(std::move(admin)),
      group_(new QComboBox(this)),
      show_(new QPushButton(tr("Show"), this)),
      table_(new QTableWidget(0, 5, this)),
      summary_(new QLabel(this)),
      chart_(new QChartView(this)),
      lag_(new QLineSeries) {
  group_->setObjectName(QStringLiteral("groupId"));
  group_->setEditable(true);
  group_->lineEdit()->setPlaceholderText(tr("consumer group id"));
  table_->setObjectName(QStringLiteral("groupOffsets"));
  table_->setHorizontalHeaderLabels(
      {tr("Topic"), tr("Partition"), tr("Committed"), tr("End"), tr("Lag")});
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setSortingEnabled(true);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* chart = new QChart;
  chart->addSeries(lag_);
  lag_->setName(tr("Total lag (messages)"));
  auto* x = new QValueAxis;
  x->setTitleText(tr("seconds since shown"));
  x->setLabelFormat(QStringLiteral("%d"));
  auto* y = new QValueAxis;
  y->setLabelFormat(QStringLiteral("%d"));
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  lag_->attachAxis(x);
  lag_->attachAxis(y);
  chart->legend()->setVisible(false);
  chart->setMargins(QMargins(2, 2, 2, 2));
  chart_->setChart(chart);
  chart_->setRenderHint(QPainter::Antialiasing);
  chart_->setMinimumHeight(120);

  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Group:"), this));
  row->addWidget(group_, 1);
  row->addWidget(show_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(row);
  layout->addWidget(summary_);
  layout->addWidget(table_, 2);
  layout->addWidget(chart_, 1);

  timer_.setInterval(kRefreshMs);
  connect(&timer_, &QTimer::timeout, this, &GroupLagView::refresh);
  connect(show_, &QPushButton::clicked, this, &GroupLagView::showGroup);
  connect(group_->lineEdit(), &QLineEdit::returnPressed, this, &GroupLagView::showGroup);
  connect(doc_, &PipelineDocument::documentReset, this, &GroupLagView::documentReset);
  summary_->setText(tr("Choose a consumer group to see its lag per partition."));
}

int GroupLagView::historyPoints() const {
  return int(lag_->count());
}

QStringList GroupLagView::documentGroups() const {
  // The group each kafka.source of the document consumes as: its group_id, or the default a
  // run gives it (KafkaSourceNode: "streamcanvas-" and the pipeline's name).
  std::set<QString> ids;
  const Pipeline& pipeline = doc_->pipeline();
  for (const PipelineNode& n : pipeline.nodes) {
    if (n.type != "kafka.source") continue;
    const Json id = n.properties.value("group_id", Json());
    if (id.is_string() && !id.get<std::string>().empty())
      ids.insert(QString::fromStdString(id.get<std::string>()));
    else
      ids.insert(QString::fromStdString("streamcanvas-" + pipeline.name));
  }
  return QStringList(ids.begin(), ids.end());
}

void GroupLagView::documentReset() {
  // Nothing of the previous document's group stays; its sources' groups are offered.
  clear();
  group_->clear();
  group_->addItems(documentGroups());
  group_->setEditText(QString());
}

void GroupLagView::offerGroups() {
  const QString typed = group_->currentText();
  const QStringList offered = documentGroups();
  const std::set<QString> ids(offered.begin(), offered.end());
  group_->clear();
  group_->addItems(offered);
  group_->setEditText(typed);
  // The cluster's own groups, where it describes them (real clusters).
  auto admin = admin_ ? admin_() : nullptr;
  if (!admin || admin->connection().cluster) return;
  auto* watcher = new QFutureWatcher<Result<std::vector<GroupSummary>>>(this);
  connect(watcher, &QFutureWatcher<Result<std::vector<GroupSummary>>>::finished, this,
          [this, watcher, ids] {
            const auto r = watcher->result();
            watcher->deleteLater();
            if (!r.ok()) return;
            for (const GroupSummary& g : r.value)
              if (!ids.count(QString::fromStdString(g.groupId)))
                group_->addItem(QString::fromStdString(g.groupId));
          });
  watcher->setFuture(
      QtConcurrent::run(clusterCallPool(), [admin] { return admin->listGroups(5000); }));
}

void GroupLagView::clear() {
  timer_.stop();
  shown_.clear();
  table_->setRowCount(0);
  lag_->clear();
  summary_->setText(tr("Choose a consumer group to see its lag per partition."));
}

void GroupLagView::showGroup() {
  const QString id = group_->currentText().trimmed();
  if (id.isEmpty()) {
    summary_->setText(tr("Enter a consumer group id."));
    return;
  }
  if (id != shown_) {
    lag_->clear();
    started_ = QDateTime::currentDateTimeUtc();
  }
  shown_ = id;
  refresh();
  if (isVisible()) timer_.start();
}

void GroupLagView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (!shown_.isEmpty()) timer_.start();
}

void GroupLagView::hideEvent(QHideEvent* event) {
  QWidget::hideEvent(event);
  timer_.stop();
}

void GroupLagView::refresh() {
  if (shown_.isEmpty() || busy_) return;
  auto admin = admin_ ? admin_() : nullptr;
  if (!admin) {
    summary_->setText(tr("Choose a cluster and press Refresh first."));
    return;
  }
  struct Answer {
    Result<GroupInfo> offsets = Result<GroupInfo>::failure("");
    std::optional<GroupSummary> summary;
    std::string summaryError;
  };
  busy_ = true;
  const std::string id = shown_.toStdString();
  const QString group = shown_;
  auto* watcher = new QFutureWatcher<Answer>(this);
  connect(watcher, &QFutureWatcher<Answer>::finished, this, [this, watcher, group] {
    busy_ = false;
    const Answer a = watcher->result();
    watcher->deleteLater();
    if (group != shown_) return;
    if (!a.offsets.ok()) {
      table_->setRowCount(0);
      summary_->setText(
          tr("Cannot read group '%1': %2").arg(group, QString::fromStdString(a.offsets.error)));
      return;
    }
    const GroupInfo& info = a.offsets.value;
    table_->setSortingEnabled(false);
    table_->setRowCount(int(info.offsets.size()));
    for (int r = 0; r < int(info.offsets.size()); ++r) {
      const auto& o = info.offsets[size_t(r)];
      table_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(o.topic)));
      table_->setItem(r, 1, numberCell(o.partition));
      table_->setItem(r, 2, numberCell(o.committed));
      table_->setItem(r, 3, numberCell(o.high));
      table_->setItem(r, 4, numberCell(o.lag));
    }
    table_->setSortingEnabled(true);
    table_->resizeColumnsToContents();
    QString text = info.offsets.empty() ? tr("Group '%1' has no committed offsets.").arg(group)
                                        : tr("Group '%1': total lag %2 messages on %n partitions",
                                             nullptr, int(info.offsets.size()))
                                              .arg(group)
                                              .arg(info.totalLag());
    if (a.summary) {
      QStringList members;
      for (const auto& m : a.summary->members)
        members << QStringLiteral("%1 (%2) %3")
                       .arg(QString::fromStdString(m.clientId), QString::fromStdString(m.host),
                            QString::fromStdString(m.assignment));
      text += QLatin1Char('\n') + tr("State %1, %n members", nullptr, int(members.size()))
                                      .arg(QString::fromStdString(a.summary->state));
      if (!members.isEmpty()) text += QStringLiteral(": ") + members.join(QStringLiteral("; "));
    } else if (!a.summaryError.empty()) {
      text += QLatin1Char('\n') +
              tr("State and members: %1").arg(QString::fromStdString(a.summaryError));
    }
    summary_->setText(text);
    const double seconds = started_.msecsTo(QDateTime::currentDateTimeUtc()) / 1000.0;
    lag_->append(seconds, double(info.totalLag()));
    auto* x = static_cast<QValueAxis*>(chart_->chart()->axes(Qt::Horizontal).first());
    auto* y = static_cast<QValueAxis*>(chart_->chart()->axes(Qt::Vertical).first());
    double top = 1;
    for (const QPointF& p : lag_->points())
      top = std::max(top, p.y());
    x->setRange(0, std::max(10.0, seconds));
    y->setRange(0, top * 1.1);
  });
  watcher->setFuture(QtConcurrent::run(clusterCallPool(), [admin, id] {
    Answer a;
    a.offsets = admin->describeGroup(id, {}, 5000);
    if (!admin->connection().cluster) {
      auto groups = admin->listGroups(5000);
      if (groups.ok()) {
        for (const auto& g : groups.value)
          if (g.groupId == id) a.summary = g;
      } else {
        a.summaryError = groups.error;
      }
    } else {
      a.summaryError = "the embedded cluster does not describe groups";
    }
    return a;
  }));
}

}  // namespace sc::designer
