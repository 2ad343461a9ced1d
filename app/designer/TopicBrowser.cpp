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

#include "app/designer/CanvasStyle.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "engine/graph/Pipeline.h"
#include "engine/kafka/KafkaConnection.h"

namespace sc::designer {

using kafka::ClusterAdmin;
using kafka::KafkaMessage;
using kafka::ReadPosition;
using kafka::Result;
using kafka::TopicInfo;

namespace {

// What a cluster entry stands for, stored with it.
constexpr int kConnectionRole = Qt::UserRole;        // a document connection's name
constexpr int kEmbeddedBootRole = Qt::UserRole + 1;  // a running embedded cluster's address

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
  // The document's Kafka connections, then the embedded clusters of this designer's runs that no
  // connection of the document names. Each entry says what it is; ${VAR} values are not shown
  // (they may be secret), only whether a connection resolves to the embedded cluster.
  const QString typed = cluster_->currentText();
  cluster_->clear();
  QSet<QString> offered;
  for (const auto& [name, entry] : doc_->pipeline().connections.items()) {
    if (!entry.is_object() || entry.value("type", "") != "kafka") continue;
    const QString connection = QString::fromStdString(name);
    const std::string written = entry.value("bootstrap_servers", std::string());
    const auto settings = resolveSettings(connection);
    const bool embedded = settings.ok() && settings.value.embedded();
    const QString where = embedded ? tr("embedded") : QString::fromStdString(written);
    cluster_->addItem(tr("connection %1 (%2)").arg(connection, where));
    const int index = cluster_->count() - 1;
    cluster_->setItemData(index, connection, kConnectionRole);
    cluster_->setItemData(
        index,
        embedded ? tr("Connection '%1' of this pipeline: the designer's embedded cluster, started "
                      "when needed and shared with its runs")
                       .arg(connection)
                 : tr("Connection '%1' of this pipeline, with its librdkafka properties; "
                      "${VAR} references are read from the environment")
                       .arg(connection),
        Qt::ToolTipRole);
    if (embedded) offered.insert(connection);
  }
  if (runner_)
    for (const auto& [name, boot] : runner_->embeddedClusters()) {
      if (offered.contains(name)) continue;  // the connection entry above reaches it
      cluster_->addItem(tr("%1 run's embedded cluster (%2)").arg(name, boot));
      const int index = cluster_->count() - 1;
      cluster_->setItemData(index, boot, kEmbeddedBootRole);
      cluster_->setItemData(
          index,
          tr("The embedded cluster that a run started for connection '%1' in this designer")
              .arg(name),
          Qt::ToolTipRole);
    }
  if (!typed.isEmpty()) cluster_->setEditText(typed);
}

Result<kafka::ConnectionSettings> TopicBrowser::resolveSettings(const QString& connection) const {
  // ${VAR} substituted from the environment, as a run would.
  const std::string name = connection.toStdString();
  Pipeline only;
  only.connections = Json::object();
  only.connections[name] = doc_->pipeline().connections.value(name, Json::object());
  Diagnostics diags;
  std::vector<std::string> secrets;
  const Pipeline resolved =
      substituteVariables(only, doc_->registry(), processEnvironment(), diags, &secrets);
  if (diags.hasErrors()) return Result<kafka::ConnectionSettings>::failure(diags.format());
  return kafka::ConnectionSettings::fromJson(name, resolved.connections[name]);
}

std::shared_ptr<ClusterAdmin> TopicBrowser::admin() {
  const QString text = cluster_->currentText().trimmed();
  if (text.isEmpty()) return nullptr;
  if (admin_ && text == adminFor_) return admin_;
  // Another cluster: nothing shown of the previous one stays (its topics are not there).
  if (text != adminFor_) clearShown();
  admin_.reset();
  adminFor_ = text;
  kafka::ResolvedConnection c;
  const int index = cluster_->findText(text);
  const QString connection =
      index >= 0 ? cluster_->itemData(index, kConnectionRole).toString() : QString();
  const QString embeddedBoot =
      index >= 0 ? cluster_->itemData(index, kEmbeddedBootRole).toString() : QString();
  kafka::ConnectionSettings settings;
  if (!connection.isEmpty()) {
    auto resolved = resolveSettings(connection);
    if (!resolved.ok()) {
      failed(tr("Cannot use connection '%1': %2")
                 .arg(connection, QString::fromStdString(resolved.error)));
      return nullptr;
    }
    settings = resolved.value;
  } else {
    settings.name = "browser";
    settings.bootstrapServers = (embeddedBoot.isEmpty() ? text : embeddedBoot).toStdString();
  }
  if (settings.embedded()) {
    // "embedded" is no broker address: it names the designer's embedded cluster of this
    // connection, the one its runs use (started here if no run has yet).
    if (!runner_) {
      failed(tr("Connection '%1' uses the embedded cluster, which only runs inside the "
                "designer's window.")
                 .arg(connection));
      return nullptr;
    }
    auto resolved = kafka::resolveConnection(settings, runner_->resources());
    if (!resolved.ok()) {
      failed(tr("Cannot start the embedded cluster of connection '%1': %2")
                 .arg(connection, QString::fromStdString(resolved.error)));
      return nullptr;
    }
    c = std::move(resolved.value);
  } else {
    c.settings = settings;
    c.bootstrapServers = settings.bootstrapServers;
  }
  admin_ = std::make_shared<ClusterAdmin>(std::move(c));
  return admin_;
}

void TopicBrowser::clearShown() {
  followTimer_.stop();
  {
    const QSignalBlocker block(follow_);
    follow_->setChecked(false);
  }
  const QSignalBlocker block(topics_);
  topics_->setRowCount(0);
  messages_->setRowCount(0);
  topic_.clear();
  next_.clear();
  produce_->setEnabled(false);
}

void TopicBrowser::failed(const QString& text) {
  clearShown();
  setStatus(text, true);
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
  statusIsError_ = error;
  applyStatusColour();
}

void TopicBrowser::applyStatusColour() {
  // The theme's error colour, readable on the window in light and dark themes.
  QPalette pal = palette();
  if (statusIsError_) pal.setColor(QPalette::WindowText, canvasColors(palette()).error);
  status_->setPalette(pal);
}

void TopicBrowser::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) applyStatusColour();
}

void TopicBrowser::listTopics() {
  admin_.reset();  // Refresh connects afresh: variables and the cluster may have changed
  auto admin = this->admin();
  if (!admin) {
    if (cluster_->currentText().trimmed().isEmpty())
      failed(tr("Enter the cluster's bootstrap servers first."));
    return;
  }
  setStatus(tr("Listing topics of %1…").arg(adminFor_));
  runAsync<Result<std::vector<TopicInfo>>>(
      [admin] { return admin->listTopics(kTimeoutMs); },
      [this, admin](const Result<std::vector<TopicInfo>>& r) {
        if (admin != admin_) return;  // another cluster was chosen meanwhile
        if (!r.ok()) {
          failed(tr("Cannot list topics: %1").arg(QString::fromStdString(r.error)));
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
          messages_->setRowCount(0);
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
    int64_t count = -1;  // the topic's messages now (-1: unknown)
  };
  const std::string name = topic_.toStdString();
  const QMap<int32_t, int64_t> from = next_;
  const QString topic = topic_;
  runAsync<Read>(
      [admin, name, from] {
        Read read;
        if (const Result<TopicInfo> info = admin->describeTopic(name, kTimeoutMs); info.ok())
          read.count = info.value.messages();
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
        if (read.count >= 0) showCount(topic, read.count);
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
    // UTC with its 'Z', unambiguous; the raw milliseconds on hover.
    QTableWidgetItem* time =
        cell(m->timestamp >= 0
                 ? QDateTime::fromMSecsSinceEpoch(m->timestamp, Qt::UTC).toString(Qt::ISODateWithMs)
                 : QString());
    if (m->timestamp >= 0)
      time->setToolTip(
          tr("%1 (milliseconds since 1970-01-01 UTC)").arg(QString::number(m->timestamp)));
    messages_->setItem(row, 2, time);
    messages_->setItem(row, 3, cell(optional(m->key)));
    messages_->setItem(row, 4, cell(optional(m->value)));
  }
  while (messages_->rowCount() > kShownMessages)
    messages_->removeRow(0);
  for (int column = 0; column < 4; ++column)  // the value column takes the rest
    messages_->resizeColumnToContents(column);
  if (!sorted.empty()) messages_->scrollToBottom();
}

void TopicBrowser::showCount(const QString& topic, int64_t count) {
  for (int row = 0; row < topics_->rowCount(); ++row)
    if (topics_->item(row, 0) && topics_->item(row, 0)->text() == topic) {
      topics_->item(row, 2)->setText(QString::number(count));
      topics_->item(row, 2)->setToolTip(QString::number(count));
    }
}

void TopicBrowser::produceMessage() {
  // Every press says what happened: sent (where), or why not.
  if (cluster_->currentText().trimmed().isEmpty()) {
    setStatus(tr("Choose a cluster and press Refresh, then select a topic to produce to."), true);
    return;
  }
  auto admin = this->admin();
  if (!admin) return;  // admin() said why
  if (topic_.isEmpty()) {
    setStatus(tr("Select a topic to produce to (press Refresh to list the topics)."), true);
    return;
  }
  const std::string topic = topic_.toStdString();
  const std::optional<std::string> key =
      key_->text().isEmpty() ? std::nullopt : std::optional(key_->text().toStdString());
  const std::string value = value_->text().toStdString();
  produce_->setEnabled(false);
  setStatus(tr("Producing to %1…").arg(topic_));
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
