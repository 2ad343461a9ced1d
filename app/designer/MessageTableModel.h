#pragma once
// The Topics dock's message table: the shown messages themselves, rendered cell by cell only
// when the view asks (the rows in view). Adding a page of 10,000 messages is one row insertion,
// not 50,000 table items built on the GUI thread (which took 50-110 ms and froze the window).

#include <QAbstractTableModel>
#include <vector>

#include "engine/kafka/ClusterAdmin.h"

namespace sc::designer {

class MessageTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Partition, Offset, Time, Key, Value, ColumnCount };
  static constexpr int kShownValueChars = 400;  // of a value in the table; all in the detail

  explicit MessageTableModel(QObject* parent = nullptr);

  const std::vector<kafka::KafkaMessage>& messages() const { return messages_; }
  // Appends `batch` (sorted by time, partition and offset when `sortByTime`), then drops the
  // oldest rows past `limit`.
  void append(const std::vector<kafka::KafkaMessage>& batch, bool sortByTime, size_t limit);
  void clear();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  QString text(const kafka::KafkaMessage& m, int column) const;

  std::vector<kafka::KafkaMessage> messages_;
};

// "(null)" for a missing key or value, else the text.
QString optionalText(const std::optional<std::string>& text);
// Epoch milliseconds as an ISO 8601 UTC time with its 'Z' (empty when negative: no timestamp).
QString utcTimeText(int64_t ms);

}  // namespace sc::designer
