#include "app/designer/MessageTableModel.h"

#include <QDateTime>
#include <algorithm>
#include <tuple>

namespace sc::designer {

using kafka::KafkaMessage;

QString optionalText(const std::optional<std::string>& text) {
  return text ? QString::fromStdString(*text) : QStringLiteral("(null)");
}

QString utcTimeText(int64_t ms) {
  return ms >= 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)
                 : QString();
}

MessageTableModel::MessageTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void MessageTableModel::append(const std::vector<KafkaMessage>& batch, bool sortByTime,
                               size_t limit) {
  if (!batch.empty()) {
    const int first = rowCount();
    beginInsertRows({}, first, first + int(batch.size()) - 1);
    messages_.insert(messages_.end(), batch.begin(), batch.end());
    if (sortByTime)
      std::stable_sort(messages_.begin() + first, messages_.end(),
                       [](const KafkaMessage& a, const KafkaMessage& b) {
                         return std::tie(a.timestamp, a.partition, a.offset) <
                                std::tie(b.timestamp, b.partition, b.offset);
                       });
    endInsertRows();
  }
  if (messages_.size() > limit) {  // following a topic for long keeps the newest
    const int extra = int(messages_.size() - limit);
    beginRemoveRows({}, 0, extra - 1);
    messages_.erase(messages_.begin(), messages_.begin() + extra);
    endRemoveRows();
  }
}

void MessageTableModel::clear() {
  beginResetModel();
  messages_.clear();
  endResetModel();
}

int MessageTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(messages_.size());
}

int MessageTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString MessageTableModel::text(const KafkaMessage& m, int column) const {
  switch (column) {
    case Partition:
      return QString::number(m.partition);
    case Offset:
      return QString::number(m.offset);
    case Time:  // UTC with its 'Z', unambiguous; the raw milliseconds on hover
      return utcTimeText(m.timestamp);
    case Key:
      return optionalText(m.key);
    case Value: {
      QString value = optionalText(m.value);
      if (value.size() > kShownValueChars) value = value.left(kShownValueChars) + QChar(0x2026);
      return value;
    }
  }
  return {};
}

QVariant MessageTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const KafkaMessage& m = messages_[size_t(index.row())];
  if (role == Qt::DisplayRole) return text(m, index.column());
  if (role == Qt::ToolTipRole) {
    if (index.column() == Time)
      return m.timestamp >= 0
                 ? tr("%1 (milliseconds since 1970-01-01 UTC)").arg(QString::number(m.timestamp))
                 : QVariant();
    if (index.column() == Value) return {};  // the detail below shows it whole
    return text(m, index.column());
  }
  return {};
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Partition:
      return tr("Partition");
    case Offset:
      return tr("Offset");
    case Time:
      return tr("Time");
    case Key:
      return tr("Key");
    case Value:
      return tr("Value");
  }
  return {};
}

}  // namespace sc::designer
