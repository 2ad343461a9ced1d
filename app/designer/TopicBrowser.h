#pragma once
// The Topics dock: a Kafka topic browser in the designer, like kcat or kafka-ui for the cluster
// a pipeline talks to. Lists topics with partitions and message counts, shows the newest
// messages of a topic (and follows new ones), and produces messages. Every cluster call runs on
// a worker thread with a timeout, so a slow or lost broker never freezes the window.

#include <QFutureWatcher>
#include <QMap>
#include <QTimer>
#include <QWidget>
#include <memory>

#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/KafkaConnection.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace sc::designer {

class PipelineDocument;
class RunController;

class TopicBrowser : public QWidget {
  Q_OBJECT
 public:
  // `runner` (may be null) offers the embedded clusters of the designer's runs.
  TopicBrowser(PipelineDocument* document, RunController* runner, QWidget* parent = nullptr);
  ~TopicBrowser() override;

  QComboBox* clusterEdit() const { return cluster_; }
  QPushButton* refreshButton() const { return refresh_; }
  QTableWidget* topicTable() const { return topics_; }
  QTableWidget* messageTable() const { return messages_; }
  QCheckBox* followBox() const { return follow_; }
  QLineEdit* keyEdit() const { return key_; }
  QLineEdit* valueEdit() const { return value_; }
  QPushButton* produceButton() const { return produce_; }
  QLabel* statusLabel() const { return status_; }
  bool isBusy() const { return busy_ > 0; }

  static constexpr int kTimeoutMs = 5000;
  static constexpr int kShownMessages = 200;
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
  void offerPipelineClusters();
  std::shared_ptr<kafka::ClusterAdmin> admin();
  void listTopics();
  void showTopic(const QString& topic);
  void readNew();
  void produceMessage();
  void appendMessages(const std::vector<kafka::KafkaMessage>& batch);
  void setStatus(const QString& text, bool error = false);
  template <typename T, typename Work, typename Done>
  void runAsync(Work work, Done done);

  PipelineDocument* doc_;
  RunController* runner_;
  QComboBox* cluster_;
  QPushButton* refresh_;
  QTableWidget* topics_;
  QTableWidget* messages_;
  QCheckBox* follow_;
  QLineEdit* key_;
  QLineEdit* value_;
  QPushButton* produce_;
  QLabel* status_;
  QTimer followTimer_;
  int busy_ = 0;
  bool statusIsError_ = false;

  QString adminFor_;
  std::shared_ptr<kafka::ClusterAdmin> admin_;
  QString topic_;
  QMap<int32_t, int64_t> next_;  // per partition: the offset to read next when following
};

}  // namespace sc::designer
