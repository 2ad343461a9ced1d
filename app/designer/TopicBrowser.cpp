#include "app/designer/TopicBrowser.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "engine/graph/Pipeline.h"

namespace sc::designer {

using kafka::ClusterAdmin;
using kafka::KafkaMessage;
using kafka::ReadPosition;
using kafka::Result;
using kafka::TopicInfo;

namespace {

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
  auto* table = new QTableWidget(0, int(headers.size()), parent);
  table->setHorizontalHeaderLabels(headers);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->verticalHeader()->hide();
  table->horizontalHeader()->setStretchLastSection(true);
  return table;
}

QTableWidgetItem* cell(const QString& text) {
  auto* item = new QTableWidgetItem(text);
  item->setToolTip(text);
  return item;
}

QString optional(const std::optional<std::string>& text) {
  return text ? QString::fromStdString(*text) : QStringLiteral("(null)");
}

}  // namespace

TopicBrowser::TopicBrowser(PipelineDocument* document, RunController* runner, QWidget* parent)
    : QWidget(parent),
      doc_(document),
      runner_(runner),
      cluster_(new QComboBox(this)),
      refresh_(new QPushButton(tr("Refresh"), this)),
      topics_(makeTable({tr("Topic"), tr("Partitions"), tr("Messages")}, this)),
      messages_(
          makeTable({tr("Partition"), tr("Offset"), tr("Time"), tr("Key"), tr("Value")}, this)),
      follow_(new QCheckBox(tr("Follow"), this)),
      key_(new QLineEdit(this)),
      value_(new QLineEdit(this)),
      produce_(new QPushButton(tr("Produce"), this)),
      status_(new QLabel(this)) {
  cluster_->setObjectName(QStringLiteral("topicCluster"));
  cluster_->setEditable(true);
  cluster_->setMinimumContentsLength(24);
  cluster_->lineEdit()->setPlaceholderText(tr("bootstrap servers, e.g. localhost:9092"));
  topics_->setObjectName(QStringLiteral("topicTable"));
  messages_->setObjectName(QStringLiteral("messageTable"));
  key_->setPlaceholderText(tr("key (optional)"));
  value_->setPlaceholderText(tr("value"));
  status_->setObjectName(QStringLiteral("topicStatus"));
  status_->setWordWrap(true);
  follow_->setToolTip(tr("Show new messages of the selected topic as they arrive"));
  produce_->setEnabled(false);

  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Cluster:"), this));
  top->addWidget(cluster_, 1);
  top->addWidget(refresh_);
  auto* produceRow = new QHBoxLayout;
  produceRow->addWidget(follow_);
  produceRow->addWidget(key_, 1);
  produceRow->addWidget(value_, 3);
  produceRow->addWidget(produce_);
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(messages_, 1);
  rightLayout->addLayout(produceRow);
  auto* split = new QSplitter(this);
  split->addWidget(topics_);
  split->addWidget(right);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(top);
  layout->addWidget(split, 1);
  layout->addWidget(status_);

  followTimer_.setInterval(kFollowMs);
  connect(&followTimer_, &QTimer::timeout, this, &TopicBrowser::readNew);
  connect(follow_, &QCheckBox::toggled, this, [this](bool on) {
    if (on)
      followTimer_.start();
    else
      followTimer_.stop();
  });
  connect(refresh_, &QPushButton::clicked, this, &TopicBrowser::listTopics);
  connect(cluster_->lineEdit(), &QLineEdit::returnPressed, this, &TopicBrowser::listTopics);
  connect(topics_, &QTableWidget::itemSelectionChanged, this, [this] {
    const auto rows = topics_->selectionModel()->selectedRows();
    if (!rows.isEmpty()) showTopic(topics_->item(rows.first().row(), 0)->text());
  });
  connect(produce_, &QPushButton::clicked, this, &TopicBrowser::produceMessage);
  connect(value_, &QLineEdit::returnPressed, this, &TopicBrowser::produceMessage);
  connect(doc_, &PipelineDocument::documentReset, this, &TopicBrowser::offerPipelineClusters);
  if (runner_) {
    connect(runner_, &RunController::started, this, &TopicBrowser::offerPipelineClusters);
    connect(runner_, &RunController::finished, this, &TopicBrowser::offerPipelineClusters);
  }
  offerPipelineClusters();
  setStatus(
      tr("Enter a cluster's bootstrap servers (for example what streamcanvas-run "
         "--sandbox prints) and press Refresh."));
}

TopicBrowser::~TopicBrowser() = default;

void TopicBrowser::offerPipelineClusters() {
  // The embedded clusters of this designer's runs, then the document's Kafka connections with a
  // literal bootstrap list (${VAR} values are not resolved here: they may be secret).
  const QString typed = cluster_->currentText();
  cluster_->clear();
  if (runner_)
    for (const auto& [name, boot] : runner_->embeddedClusters()) {
      cluster_->addItem(boot);
      cluster_->setItemData(
          cluster_->count() - 1,
          tr("The embedded cluster of connection '%1' in this designer").arg(name),
          Qt::ToolTipRole);
    }
  for (const auto& [name, entry] : doc_->pipeline().connections.items()) {
    if (!entry.is_object() || entry.value("type", "") != "kafka") continue;
    const std::string boot = entry.value("bootstrap_servers", "");
    if (boot.empty() || boot == kafka::ConnectionSettings::kEmbedded) continue;
    // Shown with its name and unresolved text (a ${VAR} reference, never a value); chosen, it
    // is resolved from the environment with its librdkafka properties (SASL, TLS).
    cluster_->addItem(
        QStringLiteral("%1: %2").arg(QString::fromStdString(name), QString::fromStdString(boot)),
        QString::fromStdString(name));
  }
  if (!typed.isEmpty()) cluster_->setEditText(typed);
}

std::shared_ptr<ClusterAdmin> TopicBrowser::admin() {
  const QString text = cluster_->currentText().trimmed();
  if (text.isEmpty()) return nullptr;
  if (admin_ && text == adminFor_) return admin_;
  kafka::ResolvedConnection c;
  const int index = cluster_->findText(text);
  const QString connection = index >= 0 ? cluster_->itemData(index).toString() : QString();
  if (!connection.isEmpty()) {
    // A connection of the document: ${VAR} substituted from the environment, as a run would.
    Pipeline only;
    only.connections = Json::object();
    only.connections[connection.toStdString()] =
        doc_->pipeline().connections.value(connection.toStdString(), Json::object());
    Diagnostics diags;
    std::vector<std::string> secrets;
    const Pipeline resolved =
        substituteVariables(only, doc_->registry(), processEnvironment(), diags, &secrets);
    auto settings = kafka::ConnectionSettings::fromJson(
        connection.toStdString(), resolved.connections[connection.toStdString()]);
    if (diags.hasErrors() || !settings.ok()) {
      setStatus(tr("Cannot use connection '%1': %2")
                    .arg(connection, QString::fromStdString(diags.hasErrors() ? diags.format()
                                                                              : settings.error)),
                true);
      return nullptr;
    }
    c.settings = settings.value;
  } else {
    c.settings.name = "browser";
    c.settings.bootstrapServers = text.toStdString();
  }
  c.bootstrapServers = c.settings.bootstrapServers;
  admin_ = std::make_shared<ClusterAdmin>(std::move(c));
  adminFor_ = text;
  topic_.clear();
  next_.clear();
  return admin_;
}

template <typename T, typename Work, typename Done>
void TopicBrowser::runAsync(Work work, Done done) {
  ++busy_;
  auto* watcher = new QFutureWatcher<T>(this);
  connect(watcher, &QFutureWatcher<T>::finished, this, [this, watcher, done] {
    --busy_;
    done(watcher->result());
    watcher->deleteLater();
  });
  watcher->setFuture(QtConcurrent::run(std::move(work)));
}

void TopicBrowser::setStatus(const QString& text, bool error) {
  status_->setText(text);
  status_->setForegroundRole(error ? QPalette::BrightText : QPalette::WindowText);
}

void TopicBrowser::listTopics() {
  admin_.reset();  // Refresh connects afresh: variables and the cluster may have changed
  auto admin = this->admin();
  if (!admin) {
    if (cluster_->currentText().trimmed().isEmpty())
      setStatus(tr("Enter the cluster's bootstrap servers first."), true);
    return;
  }
  setStatus(tr("Listing topics of %1…").arg(adminFor_));
  runAsync<Result<std::vector<TopicInfo>>>(
      [admin] { return admin->listTopics(kTimeoutMs); },
      [this](const Result<std::vector<TopicInfo>>& r) {
        if (!r.ok()) {
          setStatus(tr("Cannot list topics: %1").arg(QString::fromStdString(r.error)), true);
          return;
        }
        const QString selected = topic_;
        const QSignalBlocker block(topics_);
        topics_->setRowCount(0);
        for (const TopicInfo& t : r.value) {
          const int row = topics_->rowCount();
          topics_->insertRow(row);
          topics_->setItem(row, 0, cell(QString::fromStdString(t.name)));
          topics_->setItem(row, 1, cell(QString::number(t.partitions.size())));
          topics_->setItem(row, 2, cell(QString::number(t.messages())));
          if (QString::fromStdString(t.name) == selected) topics_->selectRow(row);
        }
        topics_->resizeColumnsToContents();
        setStatus(tr("%n topics on %1", nullptr, int(r.value.size())).arg(adminFor_));
      });
}

void TopicBrowser::showTopic(const QString& topic) {
  auto admin = this->admin();
  if (!admin) return;
  topic_ = topic;
  produce_->setEnabled(true);
  messages_->setRowCount(0);
  next_.clear();
  struct Read {
    std::string error;
    std::vector<KafkaMessage> messages;
    QMap<int32_t, int64_t> next;
  };
  const std::string name = topic.toStdString();
  runAsync<Read>(
      [admin, name] {
        Read read;
        const Result<TopicInfo> info = admin->describeTopic(name, kTimeoutMs);
        if (!info.ok()) {
          read.error = info.error;
          return read;
        }
        const auto& parts = info.value.partitions;
        const int64_t each =
            std::max<int64_t>(1, kShownMessages / std::max<size_t>(1, parts.size()));
        for (const kafka::PartitionInfo& p : parts) {
          read.next[p.partition] = std::max<int64_t>(p.high, 0);
          auto r = admin->readMessages(name, p.partition, ReadPosition::last(each), size_t(each),
                                       kTimeoutMs);
          if (!r.ok()) {
            read.error = r.error;
            return read;
          }
          read.messages.insert(read.messages.end(), r.value.begin(), r.value.end());
        }
        return read;
      },
      [this, topic](const Read& read) {
        if (topic != topic_) return;  // another topic was chosen meanwhile
        if (!read.error.empty()) {
          setStatus(tr("Cannot read %1: %2").arg(topic, QString::fromStdString(read.error)), true);
          return;
        }
        next_ = read.next;
        appendMessages(read.messages);
        setStatus(tr("%1: the newest %n messages", nullptr, messages_->rowCount()).arg(topic));
      });
}

void TopicBrowser::readNew() {
  auto admin = this->admin();
  if (!admin || topic_.isEmpty() || isBusy() || next_.isEmpty()) return;
  struct Read {
    std::string error;
    std::vector<KafkaMessage> messages;
  };
  const std::string name = topic_.toStdString();
  const QMap<int32_t, int64_t> from = next_;
  const QString topic = topic_;
  runAsync<Read>(
      [admin, name, from] {
        Read read;
        for (auto it = from.begin(); it != from.end(); ++it) {
          auto r = admin->readMessages(name, it.key(), ReadPosition::offset(it.value()),
                                       kShownMessages, kTimeoutMs);
          if (!r.ok()) {
            read.error = r.error;
            break;
          }
          read.messages.insert(read.messages.end(), r.value.begin(), r.value.end());
        }
        return read;
      },
      [this, topic](const Read& read) {
        if (topic != topic_) return;
        if (!read.error.empty()) {
          setStatus(tr("Cannot follow %1: %2").arg(topic, QString::fromStdString(read.error)),
                    true);
          return;
        }
        for (const KafkaMessage& m : read.messages)
          next_[m.partition] = std::max(next_.value(m.partition), m.offset + 1);
        appendMessages(read.messages);
      });
}

void TopicBrowser::appendMessages(const std::vector<KafkaMessage>& batch) {
  std::vector<const KafkaMessage*> sorted;
  for (const KafkaMessage& m : batch)
    sorted.push_back(&m);
  std::stable_sort(sorted.begin(), sorted.end(), [](const KafkaMessage* a, const KafkaMessage* b) {
    return std::tie(a->timestamp, a->partition, a->offset) <
           std::tie(b->timestamp, b->partition, b->offset);
  });
  for (const KafkaMessage* m : sorted) {
    const int row = messages_->rowCount();
    messages_->insertRow(row);
    messages_->setItem(row, 0, cell(QString::number(m->partition)));
    messages_->setItem(row, 1, cell(QString::number(m->offset)));
    messages_->setItem(
        row, 2,
        cell(m->timestamp >= 0
                 ? QDateTime::fromMSecsSinceEpoch(m->timestamp).toString(Qt::ISODateWithMs)
                 : QString()));
    messages_->setItem(row, 3, cell(optional(m->key)));
    messages_->setItem(row, 4, cell(optional(m->value)));
  }
  while (messages_->rowCount() > kShownMessages)
    messages_->removeRow(0);
  for (int column = 0; column < 4; ++column)  // the value column takes the rest
    messages_->resizeColumnToContents(column);
  if (!sorted.empty()) messages_->scrollToBottom();
}

void TopicBrowser::produceMessage() {
  auto admin = this->admin();
  if (!admin || topic_.isEmpty()) return;
  const std::string topic = topic_.toStdString();
  const std::optional<std::string> key =
      key_->text().isEmpty() ? std::nullopt : std::optional(key_->text().toStdString());
  const std::string value = value_->text().toStdString();
  produce_->setEnabled(false);
  runAsync<Result<KafkaMessage>>(
      [admin, topic, key, value] { return admin->produce(topic, -1, key, value, {}, kTimeoutMs); },
      [this](const Result<KafkaMessage>& r) {
        produce_->setEnabled(!topic_.isEmpty());
        if (!r.ok()) {
          setStatus(tr("Cannot produce: %1").arg(QString::fromStdString(r.error)), true);
          return;
        }
        value_->clear();
        setStatus(tr("Produced to %1, partition %2, offset %3")
                      .arg(QString::fromStdString(r.value.topic))
                      .arg(r.value.partition)
                      .arg(r.value.offset));
        if (!follow_->isChecked()) readNew();
      });
}

}  // namespace sc::designer
