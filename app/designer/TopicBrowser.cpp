#include "app/designer/TopicBrowser.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDrag>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "app/designer/CanvasStyle.h"
#include "app/designer/ClusterCallPool.h"
#include "app/designer/GroupLagView.h"
#include "app/designer/MessageTableModel.h"
#include "app/designer/NodePalette.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/RunController.h"
#include "app/designer/TopicBrowserCalls.h"
#include "engine/graph/Pipeline.h"
#include "engine/kafka/KafkaConnection.h"
#include "nodes/browse/TopicScan.h"

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
constexpr int kEmbeddedNameRole = Qt::UserRole + 2;  // the connection it was started for

// A read-only table of whole rows, one selected at a time, the last column taking the rest.
void setUpTable(QTableView* table) {
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->verticalHeader()->hide();
  table->horizontalHeader()->setStretchLastSection(true);
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
  auto* table = new QTableWidget(0, int(headers.size()), parent);
  table->setHorizontalHeaderLabels(headers);
  setUpTable(table);
  return table;
}

QTableView* makeTableView(QAbstractItemModel* model, QWidget* parent) {
  auto* table = new QTableView(parent);
  table->setModel(model);
  setUpTable(table);
  return table;
}

// host:port[,host:port...] (or "embedded"): no spaces inside an address, no parentheses.
bool looksLikeBootstrapServers(const QString& text) {
  static const QRegularExpression pattern(QStringLiteral(R"(^[^\s(),]+(\s*,\s*[^\s(),]+)*$)"));
  return pattern.match(text).hasMatch();
}

QTableWidgetItem* cell(const QString& text) {
  auto* item = new QTableWidgetItem(text);
  item->setToolTip(text);
  return item;
}

// The topics table drags the selected topic, with how a node reaches the cluster it came from
// (TopicBrowser::dropConnection), to the canvas. It offers a copy only: a drop with Shift (a
// sink) must not make the view clear the dragged row as a move would.
class TopicTable : public QTableWidget {
 public:
  TopicTable(const QStringList& headers, std::function<Json()> connection, QWidget* parent)
      : QTableWidget(0, int(headers.size()), parent), connection_(std::move(connection)) {
    setHorizontalHeaderLabels(headers);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
  }

 protected:
  Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }
  QStringList mimeTypes() const override {
    return {QString::fromLatin1(NodePalette::kTopicMimeType)};
  }
  QMimeData* mimeData(const QList<QTableWidgetItem*>& items) const override {
    if (items.isEmpty()) return nullptr;
    const QTableWidgetItem* name = item(items.first()->row(), 0);
    if (!name) return nullptr;
    auto* mime = new QMimeData;
    Json data = connection_();
    data["topic"] = name->text().toStdString();
    mime->setData(QString::fromLatin1(NodePalette::kTopicMimeType),
                  QByteArray::fromStdString(data.dump()));
    mime->setText(name->text());
    return mime;
  }

 private:
  std::function<Json()> connection_;
};

}  // namespace

TopicBrowser::TopicBrowser(PipelineDocument* document, RunController* runner, QWidget* parent)
    : QWidget(parent),
      doc_(document),
      runner_(runner),
      cluster_(new QComboBox(this)),
      refresh_(new QPushButton(tr("Refresh"), this)),
      tabs_(new QTabWidget(this)),
      topics_(new TopicTable(
          {tr("Topic"), tr("Partitions"), tr("Messages")}, [this] { return dropConnection(); },
          this)),
      partitions_(makeTable(
          {tr("Partition"), tr("First offset"), tr("End offset"), tr("Messages"), tr("Leader")},
          this)),
      config_(new QLabel(this)),
      groups_(new GroupLagView(
          document, [this] { return admin(); }, this)),
      readFrom_(new QLineEdit(this)),
      filter_(new QLineEdit(this)),
      read_(new QPushButton(tr("Read"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)),
      spill_(new QCheckBox(tr("Save the rest to a file"), this)),
      messageModel_(new MessageTableModel(this)),
      messages_(makeTableView(messageModel_, this)),
      decode_(new QComboBox(this)),
      detail_(new QPlainTextEdit(this)),
      export_(new QPushButton(tr("Export…"), this)),
      again_(new QPushButton(tr("Produce Again"), this)),
      follow_(new QCheckBox(tr("Follow"), this)),
      key_(new QLineEdit(this)),
      value_(new QLineEdit(this)),
      headers_(new QLineEdit(this)),
      partition_(new QSpinBox(this)),
      produce_(new QPushButton(tr("Produce"), this)),
      status_(new QLabel(this)) {
  cluster_->setObjectName(QStringLiteral("topicCluster"));
  cluster_->setEditable(true);
  cluster_->setMinimumContentsLength(24);
  cluster_->lineEdit()->setPlaceholderText(tr("bootstrap servers, e.g. localhost:9092"));
  topics_->setObjectName(QStringLiteral("topicTable"));
  topics_->setSortingEnabled(true);
  topics_->sortByColumn(0, Qt::AscendingOrder);
  topics_->setToolTip(
      tr("Drag a topic onto the canvas for a Kafka source reading it; hold "
         "Shift while dropping for a Kafka sink writing to it"));
  partitions_->setObjectName(QStringLiteral("partitionTable"));
  config_->setObjectName(QStringLiteral("topicConfig"));
  config_->setWordWrap(true);
  config_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  messages_->setObjectName(QStringLiteral("messageTable"));
  // Column widths from the rows in view, not from all 10,000 (which stalls the window).
  messages_->horizontalHeader()->setResizeContentsPrecision(100);
  topics_->horizontalHeader()->setResizeContentsPrecision(100);
  readFrom_->setObjectName(QStringLiteral("readFrom"));
  readFrom_->setPlaceholderText(tr("newest · beginning · offset · -N · s@TIME e@TIME · -10m"));
  readFrom_->setToolTip(
      tr("Where to read, as kcat's -o: beginning, end, an offset, -N (the last N of each "
         "partition), s@TIME (from a time), e@TIME (up to a time) or a relative time such as "
         "-10m, -2h, -1d. TIME is epoch milliseconds, 2026-06-01T12:00:00Z or relative. Empty: "
         "the newest messages."));
  filter_->setObjectName(QStringLiteral("messageFilter"));
  filter_->setPlaceholderText(tr("filter, e.g. temperature > 30 && $key == \"a\""));
  filter_->setToolTip(tr("An expression in the pipeline's language over the value's fields, $key, "
                         "$headers.NAME, $partition, $offset and $timestamp. The whole range is "
                         "scanned; the first %L1 matches are kept.")
                          .arg(kKeptMessages));
  cancel_->setEnabled(false);
  progress_->setObjectName(QStringLiteral("readProgress"));
  progress_->setTextVisible(true);
  progress_->setVisible(false);
  spill_->setToolTip(tr("Matches past the first %L1 are written to a JSON lines file you choose")
                         .arg(kKeptMessages));
  decode_->setObjectName(QStringLiteral("decodeAs"));
  decode_->addItem(tr("JSON"), QStringLiteral("json"));
  decode_->addItem(tr("Text"), QStringLiteral("text"));
  decode_->addItem(tr("Hex"), QStringLiteral("hex"));
  detail_->setObjectName(QStringLiteral("messageDetail"));
  detail_->setReadOnly(true);
  detail_->setLineWrapMode(QPlainTextEdit::NoWrap);
  detail_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  detail_->setPlaceholderText(tr("Select a message to see it whole"));
  export_->setToolTip(tr("Save the shown messages as JSON lines (as kcat -J prints them) or CSV"));
  export_->setEnabled(false);
  again_->setToolTip(tr("Copy the selected message into the fields below, to edit and produce"));
  again_->setEnabled(false);
  key_->setPlaceholderText(tr("key (optional)"));
  value_->setPlaceholderText(tr("value"));
  headers_->setObjectName(QStringLiteral("produceHeaders"));
  headers_->setPlaceholderText(tr("headers: name=value, …"));
  partition_->setObjectName(QStringLiteral("producePartition"));
  partition_->setRange(-1, 100000);
  partition_->setValue(-1);
  partition_->setSpecialValueText(tr("any partition"));
  partition_->setToolTip(tr("The partition to produce to; \"any\" lets the partitioner choose"));
  status_->setObjectName(QStringLiteral("topicStatus"));
  status_->setWordWrap(true);
  follow_->setToolTip(tr("Show new messages of the selected topic as they arrive"));
  produce_->setEnabled(false);

  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Cluster:"), this));
  top->addWidget(cluster_, 1);
  top->addWidget(refresh_);

  auto* topicPage = new QSplitter(Qt::Vertical, this);
  topicPage->addWidget(topics_);
  auto* details = new QWidget(this);
  auto* detailsLayout = new QVBoxLayout(details);
  detailsLayout->setContentsMargins(0, 0, 0, 0);
  detailsLayout->addWidget(partitions_, 1);
  detailsLayout->addWidget(config_);
  topicPage->addWidget(details);
  topicPage->setStretchFactor(0, 2);
  tabs_->addTab(topicPage, tr("Topics"));
  tabs_->addTab(groups_, tr("Consumer Groups"));

  auto* readRow = new QHBoxLayout;
  readRow->addWidget(readFrom_, 2);
  readRow->addWidget(filter_, 3);
  readRow->addWidget(read_);
  readRow->addWidget(cancel_);
  auto* progressRow = new QHBoxLayout;
  progressRow->addWidget(progress_, 1);
  progressRow->addWidget(spill_);
  auto* detailRow = new QHBoxLayout;
  detailRow->addWidget(new QLabel(tr("Show value as:"), this));
  detailRow->addWidget(decode_);
  detailRow->addStretch(1);
  detailRow->addWidget(export_);
  detailRow->addWidget(again_);
  auto* produceRow = new QHBoxLayout;
  produceRow->addWidget(follow_);
  produceRow->addWidget(key_, 1);
  produceRow->addWidget(value_, 3);
  produceRow->addWidget(headers_, 1);
  produceRow->addWidget(partition_);
  produceRow->addWidget(produce_);
  auto* messageSplit = new QSplitter(Qt::Vertical, this);
  messageSplit->addWidget(messages_);
  messageSplit->addWidget(detail_);
  messageSplit->setStretchFactor(0, 3);
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addLayout(readRow);
  rightLayout->addLayout(progressRow);
  rightLayout->addWidget(messageSplit, 1);
  rightLayout->addLayout(detailRow);
  rightLayout->addLayout(produceRow);
  auto* split = new QSplitter(this);
  split->addWidget(tabs_);
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
  progressTimer_.setInterval(100);
  connect(&progressTimer_, &QTimer::timeout, this, [this] {
    if (!scan_) return;
    const int64_t total = std::max<int64_t>(scan_->total.load(), 1);
    progress_->setRange(0, 1000);
    progress_->setValue(int(1000 * std::min<int64_t>(scan_->scanned.load(), total) / total));
    progress_->setFormat(tr("%L1 of %L2 messages read, %L3 matches")
                             .arg(scan_->scanned.load())
                             .arg(scan_->total.load())
                             .arg(scan_->matched.load()));
  });
  connect(refresh_, &QPushButton::clicked, this, &TopicBrowser::listTopics);
  connect(cluster_->lineEdit(), &QLineEdit::returnPressed, this, &TopicBrowser::listTopics);
  connect(topics_, &QTableWidget::itemSelectionChanged, this, [this] {
    const auto rows = topics_->selectionModel()->selectedRows();
    if (!rows.isEmpty()) showTopic(topics_->item(rows.first().row(), 0)->text());
  });
  connect(read_, &QPushButton::clicked, this, &TopicBrowser::startRead);
  connect(readFrom_, &QLineEdit::returnPressed, this, &TopicBrowser::startRead);
  connect(filter_, &QLineEdit::returnPressed, this, &TopicBrowser::startRead);
  connect(cancel_, &QPushButton::clicked, this, &TopicBrowser::cancelRead);
  connect(messages_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &TopicBrowser::showDetail);
  connect(decode_, &QComboBox::currentIndexChanged, this, &TopicBrowser::showDetail);
  connect(export_, &QPushButton::clicked, this, &TopicBrowser::exportShown);
  connect(again_, &QPushButton::clicked, this, &TopicBrowser::produceAgain);
  connect(produce_, &QPushButton::clicked, this, &TopicBrowser::produceMessage);
  connect(value_, &QLineEdit::returnPressed, this, &TopicBrowser::produceMessage);
  connect(doc_, &PipelineDocument::documentReset, this, &TopicBrowser::documentReset);
  connect(doc_, &PipelineDocument::connectionsChanged, this, &TopicBrowser::offerPipelineClusters);
  if (runner_) {
    connect(runner_, &RunController::started, this, &TopicBrowser::offerPipelineClusters);
    connect(runner_, &RunController::finished, this, &TopicBrowser::offerPipelineClusters);
  }
  offerPipelineClusters();
  setStatus(
      tr("Enter a cluster's bootstrap servers (for example what streamcanvas-run "
         "--sandbox prints) and press Refresh."));
}

TopicBrowser::~TopicBrowser() {
  // A read still running stops at its next batch; it holds its own state.
  if (scan_) scan_->cancel = true;
}

void TopicBrowser::documentReset() {
  // Another document (File > New or Open): nothing shown belongs to it, and the cluster entries
  // are rebuilt for its connections, the first one chosen.
  clearShown();
  admin_.reset();
  adminFor_.clear();
  offerClusters(false);
  setStatus(cluster_->currentText().isEmpty()
                ? tr("Enter a cluster's bootstrap servers (for example what streamcanvas-run "
                     "--sandbox prints) and press Refresh.")
                : tr("Choose a cluster and press Refresh."));
}

void TopicBrowser::offerPipelineClusters() {
  offerClusters(true);
}

void TopicBrowser::offerClusters(bool keepChoice) {
  // The document's Kafka connections, then the embedded clusters of this designer's runs that no
  // connection of the document names. Each entry says what it is; ${VAR} values are not shown
  // (they may be secret), only whether a connection resolves to the embedded cluster.
  // The choice is kept by what it stands for, never by its label: a label that no entry has
  // any more is not an address.
  const QString typed = cluster_->currentText();
  const int chosen = cluster_->findText(typed);
  const QString chosenConnection =
      chosen >= 0 ? cluster_->itemData(chosen, kConnectionRole).toString() : QString();
  const QString chosenBoot =
      chosen >= 0 ? cluster_->itemData(chosen, kEmbeddedBootRole).toString() : QString();
  const QString chosenRun =
      chosen >= 0 ? cluster_->itemData(chosen, kEmbeddedNameRole).toString() : QString();
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
      cluster_->setItemData(index, name, kEmbeddedNameRole);
      cluster_->setItemData(
          index,
          tr("The embedded cluster that a run started for connection '%1' in this designer")
              .arg(name),
          Qt::ToolTipRole);
    }
  int select = cluster_->count() > 0 ? 0 : -1;
  if (keepChoice && chosen < 0 && !typed.isEmpty()) {
    cluster_->setEditText(typed);  // an address the user typed
    return;
  }
  if (keepChoice && chosen >= 0) {
    // The same cluster under another entry counts too: a run's embedded cluster is reached by
    // the connection of its name once one is added (a dropped topic adds it), and the other way
    // round when that is undone.
    int kept = -1;
    for (int i = 0; i < cluster_->count() && kept < 0; ++i) {
      const QString connection = cluster_->itemData(i, kConnectionRole).toString();
      const QString run = cluster_->itemData(i, kEmbeddedNameRole).toString();
      if ((!chosenConnection.isEmpty() &&
           (connection == chosenConnection || run == chosenConnection)) ||
          (!chosenBoot.isEmpty() &&
           cluster_->itemData(i, kEmbeddedBootRole).toString() == chosenBoot) ||
          (!chosenRun.isEmpty() && connection == chosenRun))
        kept = i;
    }
    if (kept >= 0)
      select = kept;
    else
      clearShown();  // the cluster shown is gone: show nothing of it under another entry
  }
  cluster_->setCurrentIndex(select);
  if (select < 0) cluster_->setEditText(QString());
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

Json TopicBrowser::dropConnection() const {
  // The browsed cluster as a node reaches it: a connection of the document by name; else a
  // connection of the document that resolves to the same bootstrap servers (a ${VAR} entry stays
  // a reference); else one to add with the node ("add", under a name based on "connection").
  const int index = cluster_->findText(cluster_->currentText());
  const QString connection =
      index >= 0 ? cluster_->itemData(index, kConnectionRole).toString() : QString();
  if (!connection.isEmpty()) return Json{{"connection", connection.toStdString()}};
  const QString boot = index >= 0 ? cluster_->itemData(index, kEmbeddedBootRole).toString()
                                  : cluster_->currentText().trimmed();
  if (boot.isEmpty() || (index < 0 && !looksLikeBootstrapServers(boot))) return Json::object();
  std::string base = "kafka";
  Json entry = {{"type", "kafka"}, {"bootstrap_servers", boot.toStdString()}};
  if (index >= 0) {
    // A run's embedded cluster is found by its connection's name: a connection of that name set
    // to "embedded" reaches it in the designer's runs. A name the document already uses for
    // another cluster gets the address, which works while the designer keeps the cluster.
    const std::string name = cluster_->itemData(index, kEmbeddedNameRole).toString().toStdString();
    if (!name.empty() && !doc_->pipeline().connections.contains(name)) {
      base = name;
      entry["bootstrap_servers"] = "embedded";
    }
  }
  for (const auto& [name, written] : doc_->pipeline().connections.items()) {
    if (!written.is_object() || written.value("type", "") != "kafka") continue;
    const auto settings = resolveSettings(QString::fromStdString(name));
    if (settings.ok() && !settings.value.embedded() &&
        settings.value.bootstrapServers == boot.toStdString())
      return Json{{"connection", name}};
  }
  return Json{{"connection", base}, {"add", entry}};
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
  } else if (!embeddedBoot.isEmpty()) {
    settings.name = "browser";
    settings.bootstrapServers = embeddedBoot.toStdString();
  } else if (!looksLikeBootstrapServers(text)) {
    // Never send an entry's label (or other prose) to librdkafka as an address.
    failed(tr("'%1' is no cluster address. Choose an entry of the list, or type bootstrap "
              "servers such as localhost:9092 or host1:9092,host2:9092.")
               .arg(text));
    return nullptr;
  } else {
    settings.name = "browser";
    settings.bootstrapServers = text.toStdString();
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
  ++readGeneration_;
  followTimer_.stop();
  {
    const QSignalBlocker block(follow_);
    follow_->setChecked(false);
  }
  cancelRead();
  const QSignalBlocker block(topics_);
  topics_->setRowCount(0);
  partitions_->setRowCount(0);
  config_->clear();
  clearMessages();
  groups_->clear();
  topic_.clear();
  next_.clear();
  produce_->setEnabled(false);
}

void TopicBrowser::failed(const QString& text) {
  clearShown();
  setStatus(text, true);
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

bool TopicBrowser::embeddedChosen() const {
  if (admin_ && admin_->connection().cluster) return true;
  const int index = cluster_->findText(cluster_->currentText());
  return index >= 0 && !cluster_->itemData(index, kEmbeddedBootRole).toString().isEmpty();
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
  groups_->offerGroups();
  runAsync<Result<std::vector<TopicInfo>>>(
      [admin] { return admin->listTopics(kTimeoutMs); },
      [this, admin](const Result<std::vector<TopicInfo>>& r) {
        if (admin != admin_) return;  // another cluster was chosen meanwhile
        if (!r.ok()) {
          // The cluster's answer without its own "cannot list topics of ADDRESS: ": the entry
          // says which cluster (and a resolved ${VAR} address is not shown).
          QString reason = QString::fromStdString(r.error);
          static const QRegularExpression prefix(QStringLiteral("^cannot list topics of .*?: "));
          reason.remove(prefix);
          failed(tr("Cannot list topics of %1: %2").arg(adminFor_, reason));
          return;
        }
        const QString selected = topic_;
        const QSignalBlocker block(topics_);
        topics_->setSortingEnabled(false);
        topics_->setRowCount(int(r.value.size()));
        int row = 0;
        for (const TopicInfo& t : r.value) {
          topics_->setItem(row, 0, cell(QString::fromStdString(t.name)));
          auto* parts = new QTableWidgetItem;
          parts->setData(Qt::DisplayRole, int(t.partitions.size()));
          topics_->setItem(row, 1, parts);
          auto* count = new QTableWidgetItem;
          count->setData(Qt::DisplayRole, qlonglong(t.messages()));
          topics_->setItem(row, 2, count);
          ++row;
        }
        topics_->setSortingEnabled(true);
        for (int i = 0; i < topics_->rowCount(); ++i)
          if (topics_->item(i, 0)->text() == selected) topics_->selectRow(i);
        topics_->resizeColumnsToContents();
        // English has no numerus translation: its singular is a string of its own.
        const int count = int(r.value.size());
        setStatus((count == 1 ? tr("1 topic on %1") : tr("%n topics on %1", nullptr, count))
                      .arg(adminFor_));
      });
}

void TopicBrowser::showPartitions(const TopicInfo& info) {
  partitions_->setRowCount(int(info.partitions.size()));
  int row = 0;
  for (const kafka::PartitionInfo& p : info.partitions) {
    const int64_t values[] = {p.partition, p.low, p.high, p.messages(), p.leader};
    for (int c = 0; c < 5; ++c) {
      auto* item = new QTableWidgetItem;
      item->setData(Qt::DisplayRole, qlonglong(values[c]));
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      partitions_->setItem(row, c, item);
    }
    ++row;
  }
  partitions_->resizeColumnsToContents();
}

void TopicBrowser::showConfig(const QString& topic) {
  // Asked apart from the messages, which show at once: a cluster that cannot answer (the mock
  // cluster reached by its address) only delays this line.
  auto admin = this->admin();
  if (!admin) return;
  config_->setText(tr("Configuration: asking…"));
  using Entries = Result<std::vector<std::pair<std::string, std::string>>>;
  auto* watcher = new QFutureWatcher<Entries>(this);
  connect(watcher, &QFutureWatcher<Entries>::finished, this, [this, watcher, topic] {
    const Entries r = watcher->result();
    watcher->deleteLater();
    if (topic != topic_) return;
    if (!r.ok()) {
      config_->setText(tr("Configuration: %1").arg(QString::fromStdString(r.error)));
      return;
    }
    // The settings people look for first, then the rest.
    static const char* kFirst[] = {"retention.ms", "retention.bytes", "cleanup.policy",
                                   "min.insync.replicas", "max.message.bytes"};
    QStringList first, rest;
    for (const auto& [k, v] : r.value)
      (std::find(std::begin(kFirst), std::end(kFirst), k) != std::end(kFirst) ? first : rest)
          << QString::fromStdString(k + "=" + v);
    config_->setText(tr("Configuration: %1").arg((first + rest).join(QStringLiteral(", "))));
  });
  const std::string name = topic.toStdString();
  watcher->setFuture(QtConcurrent::run(clusterCallPool(),
                                       [admin, name] { return admin->topicConfig(name, 3000); }));
}

void TopicBrowser::showCount(const QString& topic, int64_t count) {
  for (int row = 0; row < topics_->rowCount(); ++row)
    if (topics_->item(row, 0) && topics_->item(row, 0)->text() == topic)
      topics_->item(row, 2)->setData(Qt::DisplayRole, qlonglong(count));
}

}  // namespace sc::designer
