// TopicBrowser's messages: the newest of a topic, following it, reading a range with a filter,
// the table (MessageTableModel), a message whole, export and produce.
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <algorithm>

#include "app/designer/MessageTableModel.h"
#include "app/designer/TopicBrowser.h"
#include "app/designer/TopicBrowserCalls.h"
#include "engine/kafka/KafkaConnection.h"
#include "nodes/browse/TopicScan.h"

namespace sc::designer {

using kafka::ClusterAdmin;
using kafka::KafkaMessage;
using kafka::ReadPosition;
using kafka::Result;
using kafka::TopicInfo;

namespace {

// 16 bytes a line: offset, hex, printable ASCII.
QString hexDump(const std::string& bytes) {
  QString out;
  for (size_t at = 0; at < bytes.size(); at += 16) {
    out += QStringLiteral("%1  ").arg(qulonglong(at), 8, 16, QLatin1Char('0'));
    QString ascii;
    for (size_t i = at; i < at + 16; ++i) {
      if (i < bytes.size()) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        out += QStringLiteral("%1 ").arg(uint(c), 2, 16, QLatin1Char('0'));
        ascii += c >= 0x20 && c < 0x7f ? QChar(c) : QChar(u'.');
      } else {
        out += QStringLiteral("   ");
      }
    }
    out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
  }
  return out;
}

// "name=value, other=value" as produce headers; a name without '=' has a null value.
std::vector<kafka::MessageHeader> parseHeaders(const QString& text) {
  std::vector<kafka::MessageHeader> out;
  for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const qsizetype eq = part.indexOf(QLatin1Char('='));
    kafka::MessageHeader h;
    h.name = (eq < 0 ? part : part.left(eq)).trimmed().toStdString();
    if (eq >= 0) h.value = part.mid(eq + 1).trimmed().toStdString();
    if (!h.name.empty()) out.push_back(std::move(h));
  }
  return out;
}

QString headersText(const std::vector<kafka::MessageHeader>& headers) {
  QStringList parts;
  for (const auto& h : headers)
    parts << QString::fromStdString(h.name) +
                 (h.value ? QLatin1Char('=') + QString::fromStdString(*h.value) : QString());
  return parts.join(QStringLiteral(", "));
}

}  // namespace

const std::vector<KafkaMessage>& TopicBrowser::shownMessages() const {
  return messageModel_->messages();
}

void TopicBrowser::clearMessages() {
  const QSignalBlocker block(messages_->selectionModel());
  messageModel_->clear();
  detail_->clear();
  export_->setEnabled(false);
  again_->setEnabled(false);
}

void TopicBrowser::showTopic(const QString& topic) {
  auto admin = this->admin();
  if (!admin) return;
  cancelRead();
  ++readGeneration_;
  topic_ = topic;
  produce_->setEnabled(true);
  clearMessages();
  partitions_->setRowCount(0);
  config_->clear();
  next_.clear();
  followFilter_.clear();
  produced_.reset();
  struct Read {
    std::string error;
    TopicInfo info;
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
        read.info = info.value;
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
          clearMessages();
          setStatus(tr("Cannot read %1: %2").arg(topic, QString::fromStdString(read.error)), true);
          return;
        }
        showPartitions(read.info);
        showConfig(topic);
        next_ = read.next;
        appendMessages(read.messages, true);
        setStatus(tr("%1: the newest %n messages", nullptr, messageModel_->rowCount()).arg(topic));
      });
}

void TopicBrowser::readNew() {
  // New messages (following, or after Produce) continue the read shown: from where it ended in
  // each partition, through its filter, to each partition's end (never a capped page, which fell
  // behind a busy topic).
  auto admin = this->admin();
  if (!admin || topic_.isEmpty() || isBusy() || next_.isEmpty()) return;
  struct Read {
    Result<kafka::ScanResult> scan = Result<kafka::ScanResult>::failure("");
    int64_t count = -1;  // the topic's messages now (-1: unknown)
  };
  kafka::ScanOptions options;
  options.topic = topic_.toStdString();
  options.startOffsets = std::map<int32_t, int64_t>(next_.toStdMap());
  options.filter = followFilter_;
  options.keep = kKeptMessages;
  const QString topic = topic_;
  const kafka::ResolvedConnection connection = admin->connection();
  runAsync<Read>(
      [admin, connection, options] {
        Read read;
        if (const Result<TopicInfo> info = admin->describeTopic(options.topic, kTimeoutMs);
            info.ok())
          read.count = info.value.messages();
        read.scan = kafka::scanTopic(connection, options);
        return read;
      },
      [this, topic, filter = options.filter, generation = readGeneration_](const Read& read) {
        if (generation != readGeneration_ || topic != topic_ || filter != followFilter_)
          return;  // another read replaced it
        if (!read.scan.ok()) {
          setStatus(tr("Cannot follow %1: %2").arg(topic, QString::fromStdString(read.scan.error)),
                    true);
          return;
        }
        for (const auto& [partition, offset] : read.scan.value.nextOffsets)
          next_[partition] = std::max(next_.value(partition), offset);
        appendMessages(read.scan.value.messages, true);
        if (read.count >= 0) showCount(topic, read.count);
        // More new matches than one follow step keeps (the first ones): say so, the newest are
        // a Read from the end away.
        const int64_t left =
            read.scan.value.progress.matched - int64_t(read.scan.value.messages.size());
        if (left > 0)
          setStatus(tr("%n newer messages arrived at once and are not shown; Read with an empty "
                       "start shows the newest.",
                       nullptr, int(std::min<int64_t>(left, 1 << 30))),
                    true);
        if (!produced_) return;
        // The message just produced: shown, or why not.
        const auto [partition, offset] = *produced_;
        if (next_.value(partition, -1) <= offset) return;  // not read yet
        produced_.reset();
        const bool shown = std::any_of(
            read.scan.value.messages.begin(), read.scan.value.messages.end(),
            [&](const KafkaMessage& m) { return m.partition == partition && m.offset == offset; });
        if (!shown && !filter.empty())
          setStatus(status_->text() + QLatin1Char('\n') +
                    tr("It does not match the filter %1, so it is not shown.")
                        .arg(QString::fromStdString(filter)));
      });
}

void TopicBrowser::startRead() {
  ++readGeneration_;
  if (topic_.isEmpty()) {
    setStatus(tr("Select a topic to read (press Refresh to list the topics)."), true);
    return;
  }
  auto admin = this->admin();
  if (!admin) return;
  const QString fromText = readFrom_->text().trimmed();
  const std::string filter = filter_->text().trimmed().toStdString();
  if (fromText.isEmpty() && filter.empty()) {
    showTopic(topic_);  // the newest messages
    return;
  }
  const int64_t now = QDateTime::currentMSecsSinceEpoch();
  kafka::ScanOptions options;
  options.topic = topic_.toStdString();
  if (!fromText.isEmpty()) {
    auto range = kafka::ScanRange::parse(fromText.toStdString(), now);
    if (!range.ok()) {
      setStatus(tr("Read from: %1").arg(QString::fromStdString(range.error)), true);
      readFrom_->setFocus();
      return;
    }
    options.range = range.value;
  } else {
    options.range.from = kafka::ScanRange::From::Beginning;
  }
  if (const std::string bad = kafka::checkScanFilter(filter); !bad.empty()) {
    setStatus(QString::fromStdString(bad), true);  // "filter, column 4: ..."
    filter_->setFocus();
    return;
  }
  options.filter = filter;
  options.keep = kKeptMessages;
  options.offsetsByTime = !embeddedChosen();
  if (spill_->isChecked()) {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Matches Past the First %L1").arg(kKeptMessages),
                                     QString(), tr("JSON lines (*.jsonl)"));
    if (path.isEmpty()) return;
    options.spillPath = path.toStdString();
  }
  cancelRead();
  followTimer_.stop();
  follow_->setChecked(false);
  clearMessages();
  next_.clear();  // until the read ends: new messages continue from where it ended
  produced_.reset();
  followFilter_ = filter;
  auto state = std::make_shared<ScanState>();
  scan_ = state;
  options.cancel = &state->cancel;
  options.progress = [state](const kafka::ScanProgress& p) {
    state->scanned = p.scanned;
    state->total = p.total;
    state->matched = p.matched;
  };
  read_->setEnabled(false);
  cancel_->setEnabled(true);
  progress_->setVisible(true);
  progress_->setRange(0, 0);
  progressTimer_.start();
  const QString topic = topic_;
  setStatus(filter.empty() ? tr("Reading %1…").arg(topic)
                           : tr("Scanning %1 for %2…").arg(topic, QString::fromStdString(filter)));
  const kafka::ResolvedConnection connection = admin->connection();
  runAsync<Result<kafka::ScanResult>>(
      [connection, options, state] { return kafka::scanTopic(connection, options); },
      [this, topic, state](const Result<kafka::ScanResult>& r) {
        if (scan_ != state) return;  // cancelled and replaced, or the topic changed
        scan_.reset();
        progressTimer_.stop();
        progress_->setVisible(false);
        read_->setEnabled(true);
        cancel_->setEnabled(false);
        if (!r.ok()) {
          setStatus(tr("Cannot read %1: %2").arg(topic, QString::fromStdString(r.error)), true);
          return;
        }
        next_.clear();
        for (const auto& [partition, offset] : r.value.nextOffsets)
          next_[partition] = offset;
        appendMessages(r.value.messages, false);
        QString text = tr("%1: %L2 of %L3 messages read, %L4 matched, %L5 shown")
                           .arg(topic)
                           .arg(r.value.progress.scanned)
                           .arg(r.value.progress.total)
                           .arg(r.value.progress.matched)
                           .arg(qlonglong(r.value.messages.size()));
        if (r.value.spilled > 0) text += tr("; %L1 more saved to the file").arg(r.value.spilled);
        if (r.value.cancelled) text += tr(" (cancelled)");
        for (const std::string& note : r.value.notes)
          text += QLatin1Char('\n') + QString::fromStdString(note);
        if (r.value.newestTimestampMs)
          text += QLatin1Char('\n') +
                  (*r.value.newestTimestampMs < 0
                       ? tr("%1 has no messages.").arg(topic)
                       : tr("Nothing was written to %1 since the start of the range: its newest "
                            "message is from %2.")
                             .arg(topic, utcTimeText(*r.value.newestTimestampMs)));
        setStatus(text);
      });
}

void TopicBrowser::cancelRead() {
  if (!scan_) return;
  scan_->cancel = true;
  // The worker ends at its next batch and its answer is still shown (marked cancelled).
  cancel_->setEnabled(false);
}

void TopicBrowser::appendMessages(const std::vector<KafkaMessage>& batch, bool sortByTime) {
  // One row insertion: the view renders only the rows in view, whatever the page's size.
  messageModel_->append(batch, sortByTime, kKeptMessages);
  for (int column = 0; column < MessageTableModel::Value; ++column)  // the value takes the rest
    messages_->resizeColumnToContents(column);
  if (!batch.empty() && sortByTime) messages_->scrollToBottom();
  export_->setEnabled(!shownMessages().empty());
}

void TopicBrowser::showDetail() {
  const auto rows = messages_->selectionModel()->selectedRows();
  again_->setEnabled(!rows.isEmpty());
  if (rows.isEmpty() || rows.first().row() >= int(shownMessages().size())) {
    detail_->clear();
    return;
  }
  const KafkaMessage& m = shownMessages()[size_t(rows.first().row())];
  QString text = tr("Partition %1 · offset %2 · %3 (%4 ms)")
                     .arg(m.partition)
                     .arg(m.offset)
                     .arg(utcTimeText(m.timestamp))
                     .arg(m.timestamp) +
                 QLatin1Char('\n') + tr("Key: %1").arg(optionalText(m.key)) + QLatin1Char('\n');
  if (!m.headers.empty()) text += tr("Headers: %1").arg(headersText(m.headers)) + QLatin1Char('\n');
  text += QLatin1Char('\n');
  const QString mode = decode_->currentData().toString();
  if (!m.value) {
    text += tr("(no value: a tombstone)");
  } else if (mode == QLatin1String("hex")) {
    text += hexDump(*m.value);
  } else if (mode == QLatin1String("json")) {
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(QByteArray::fromStdString(*m.value), &error);
    if (error.error == QJsonParseError::NoError)
      text += QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    else
      text += tr("(not JSON: %1 at byte %2; shown as text)")
                  .arg(error.errorString())
                  .arg(error.offset) +
              QLatin1Char('\n') + QString::fromStdString(*m.value);
  } else {
    text += QString::fromStdString(*m.value);
  }
  detail_->setPlainText(text);
}

QString TopicBrowser::exportMessages(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
    return tr("Cannot write %1: %2").arg(path, file.errorString());
  const bool csv = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
  std::string out = csv ? kafka::messageCsvHeader() : std::string();
  for (const KafkaMessage& m : shownMessages()) {
    if (csv) {
      out += kafka::messageCsvLine(m);
    } else {
      out += kafka::messageJsonLine(m);
      out += '\n';
    }
  }
  if (file.write(out.data(), qint64(out.size())) != qint64(out.size()) || !file.flush())
    return tr("Cannot write %1: %2").arg(path, file.errorString());
  return {};
}

void TopicBrowser::exportShown() {
  QString selectedFilter;
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export Messages"), topic_ + QStringLiteral(".jsonl"),
                                   tr("JSON lines (*.jsonl);;CSV (*.csv)"), &selectedFilter);
  if (path.isEmpty()) return;
  const QString error = exportMessages(path);
  if (!error.isEmpty())
    setStatus(error, true);
  else
    setStatus(tr("Exported %n messages to %1", nullptr, int(shownMessages().size())).arg(path));
}

void TopicBrowser::produceAgain() {
  const auto rows = messages_->selectionModel()->selectedRows();
  if (rows.isEmpty() || rows.first().row() >= int(shownMessages().size())) return;
  const KafkaMessage& m = shownMessages()[size_t(rows.first().row())];
  key_->setText(m.key ? QString::fromStdString(*m.key) : QString());
  value_->setText(m.value ? QString::fromStdString(*m.value) : QString());
  headers_->setText(headersText(m.headers));
  partition_->setValue(m.partition);
  value_->setFocus();
  setStatus(tr("Edit the message and press Produce to send it to %1 again.").arg(topic_));
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
  const std::vector<kafka::MessageHeader> headers = parseHeaders(headers_->text());
  const int32_t partition = partition_->value();
  produce_->setEnabled(false);
  setStatus(tr("Producing to %1…").arg(topic_));
  runAsync<Result<KafkaMessage>>(
      [admin, topic, key, value, headers, partition] {
        return admin->produce(topic, partition, key, value, headers, kTimeoutMs);
      },
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
        if (QString::fromStdString(r.value.topic) != topic_) return;
        produced_ = std::make_pair(r.value.partition, r.value.offset);
        if (!follow_->isChecked()) readNew();
      });
}

}  // namespace sc::designer
