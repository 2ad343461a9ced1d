#pragma once
// The Topics dock: a Kafka topic browser in the designer, like kcat or kafka-ui for the cluster
// a pipeline talks to.
// - Topics with partitions, watermarks, message counts and (on real clusters) configuration;
//   consumer groups with committed offsets and lag per partition, and the lag's history while
//   the dock is open.
// - Reads from the newest messages, the beginning, an offset or a time (kcat's syntax), with a
//   filter in the pipeline's expression language that scans the whole range with progress and
//   cancel, keeping the first 10,000 matches (the rest to a file on request).
// - Shows a message's value as JSON, text or hex with its key, headers and metadata; exports the
//   shown messages as JSONL (kcat -J's shape) or CSV; produces with key, headers and partition,
//   or again from a shown message.
// - Topics can be dragged onto the canvas: a kafka.source (with Shift: a kafka.sink) set to the
//   topic and its connection.
// Every cluster call runs on a worker thread with a timeout, so a slow or lost broker never
// freezes the window.

#include <QFutureWatcher>
#include <QMap>
#include <QTimer>
#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/graph/Json.h"
#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/KafkaConnection.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace sc::designer {

class PipelineDocument;
class RunController;
class GroupLagView;
class MessageTableModel;

class TopicBrowser : public QWidget {
  Q_OBJECT
 public:
  // `runner` (may be null) offers the embedded clusters of the designer's runs.
  TopicBrowser(PipelineDocument* document, RunController* runner, QWidget* parent = nullptr);
  ~TopicBrowser() override;

  QComboBox* clusterEdit() const { return cluster_; }
  QPushButton* refreshButton() const { return refresh_; }
  QTableWidget* topicTable() const { return topics_; }
  QTableWidget* partitionTable() const { return partitions_; }
  // The shown messages (MessageTableModel.h), the newest last.
  QTableView* messageTable() const { return messages_; }
  QCheckBox* followBox() const { return follow_; }
  QLineEdit* readFromEdit() const { return readFrom_; }
  QLineEdit* filterEdit() const { return filter_; }
  QPushButton* readButton() const { return read_; }
  QPushButton* cancelButton() const { return cancel_; }
  QProgressBar* progressBar() const { return progress_; }
  QComboBox* decodeBox() const { return decode_; }
  QPlainTextEdit* detailView() const { return detail_; }
  QPushButton* produceAgainButton() const { return again_; }
  QLineEdit* keyEdit() const { return key_; }
  QLineEdit* valueEdit() const { return value_; }
  QLineEdit* headersEdit() const { return headers_; }
  QSpinBox* partitionBox() const { return partition_; }
  QPushButton* produceButton() const { return produce_; }
  QLabel* statusLabel() const { return status_; }
  QTabWidget* tabs() const { return tabs_; }
  GroupLagView* groupView() const { return groups_; }
  bool isBusy() const { return busy_ > 0; }
  bool isScanning() const { return scan_ != nullptr; }
  // The messages the table shows, in its order.
  const std::vector<kafka::KafkaMessage>& shownMessages() const;
  // Writes the shown messages to `path`: CSV when it ends in .csv, else JSON lines. Returns an
  // empty string or what went wrong.
  QString exportMessages(const QString& path) const;
  // The admin of the chosen cluster (null with the reason shown); for the groups view.
  std::shared_ptr<kafka::ClusterAdmin> admin();
  QString clusterLabel() const { return adminFor_; }
  // How a node dropped from the topic list reaches the browsed cluster, for the drag data:
  // {"connection": NAME} of the document, or with "add": the connection entry to add under a
  // name based on NAME (GraphView adds it with the node). Empty: no cluster chosen.
  Json dropConnection() const;

  static constexpr int kTimeoutMs = 5000;
  static constexpr int kShownMessages = 200;   // newest messages shown when a topic is chosen
  static constexpr int kKeptMessages = 10000;  // matches a read keeps in memory
  static constexpr int kFollowMs = 1000;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  // A document connection's settings with ${VAR} substituted from the environment.
  kafka::Result<kafka::ConnectionSettings> resolveSettings(const QString& connection) const;
  // Empties the topic and message lists (they belong to a cluster no longer shown).
  void clearShown();
  // An error: stale content cleared, the text shown in the theme's error colour.
  void failed(const QString& text);
  void applyStatusColour();
  void showCount(const QString& topic, int64_t count);
  // Rebuilds the cluster entries; `keepChoice`: the chosen entry (by what it stands for) or the
  // typed address stays chosen, else the first entry is.
  void offerClusters(bool keepChoice);
  void offerPipelineClusters();
  void documentReset();
  void listTopics();
  void showTopic(const QString& topic);
  void showPartitions(const kafka::TopicInfo& info);
  void showConfig(const QString& topic);
  void readNew();
  // Reads the range in the "from" field, filtered, with progress; Cancel stops it.
  void startRead();
  void cancelRead();
  void produceMessage();
  void produceAgain();
  void showDetail();
  void exportShown();
  void clearMessages();
  void appendMessages(const std::vector<kafka::KafkaMessage>& batch, bool sortByTime);
  void setStatus(const QString& text, bool error = false);
  bool embeddedChosen() const;
  template <typename T, typename Work, typename Done>
  void runAsync(Work work, Done done);

  PipelineDocument* doc_;
  RunController* runner_;
  QComboBox* cluster_;
  QPushButton* refresh_;
  QTabWidget* tabs_;
  QTableWidget* topics_;
  QTableWidget* partitions_;
  QLabel* config_;
  GroupLagView* groups_;
  QLineEdit* readFrom_;
  QLineEdit* filter_;
  QPushButton* read_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QCheckBox* spill_;
  MessageTableModel* messageModel_;
  QTableView* messages_;
  QComboBox* decode_;
  QPlainTextEdit* detail_;
  QPushButton* export_;
  QPushButton* again_;
  QCheckBox* follow_;
  QLineEdit* key_;
  QLineEdit* value_;
  QLineEdit* headers_;
  QSpinBox* partition_;
  QPushButton* produce_;
  QLabel* status_;
  QTimer followTimer_;
  QTimer progressTimer_;
  int busy_ = 0;
  bool statusIsError_ = false;

  // A running read: the worker writes the counts, the GUI thread shows them.
  struct ScanState {
    std::atomic<bool> cancel{false};
    std::atomic<int64_t> scanned{0};
    std::atomic<int64_t> total{0};
    std::atomic<int64_t> matched{0};
  };
  std::shared_ptr<ScanState> scan_;

  QString adminFor_;
  std::shared_ptr<kafka::ClusterAdmin> admin_;
  QString topic_;
  // Per partition: where new messages (following, after Produce) are read from: the end of the
  // read shown. They pass the filter of that read.
  QMap<int32_t, int64_t> next_;
  // Counts the reads that replace what is shown (showTopic, startRead, clearShown): a follow
  // read that finishes after one of them is dropped, not mixed into the new read's rows.
  quint64 readGeneration_ = 0;
  std::string followFilter_;
  // The message the dock produced last, until new messages are read past it.
  std::optional<std::pair<int32_t, int64_t>> produced_;
};

}  // namespace sc::designer
