#pragma once
// One tab of the Tap dock: the records passing one wire (a tap), or the Output view (what the
// run's console sinks print). Both have pause and resume, a filter in the pipeline's expression
// language, pretty or raw JSON, optional metadata (topic, partition, offset, key, headers,
// event time, arrival time) and a bounded ring of the newest kMaxRecords records. A wire's tab
// also carries its breakpoint: a condition, and Step and Continue while it holds a record.

#include <QKeySequence>
#include <QWidget>
#include <deque>
#include <memory>

#include "app/designer/WireWatch.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace sc::designer {

class RunController;

class WireView : public QWidget {
  Q_OBJECT
 public:
  // The Output view (empty nodeId) or the tap of nodeId:port, labelled `wire`.
  WireView(RunController* runner, const QString& nodeId, const QString& port, const QString& wire,
           QWidget* parent = nullptr);

  bool isOutput() const { return nodeId_.isEmpty(); }
  QString nodeId() const { return nodeId_; }
  QString port() const { return port_; }
  QLabel* heading() const { return heading_; }
  QPlainTextEdit* records() const { return records_; }

  // Takes the tap's new records and shows the breakpoint's state.
  void refresh();

  // The breakpoint holds a record of the running pipeline (Step and Continue apply).
  bool isHolding() const;
  // Step passes the held record and holds the next one, Step Batch the rest of its batch too,
  // Continue runs to the next match: what the buttons and the Run menu's debugger keys do.
  void step();
  void stepBatch();
  void continueRun();
  // The debugger keys of the Run menu, as Visual Studio and Qt Creator have them.
  static QKeySequence continueKey() { return QKeySequence(Qt::Key_F5); }
  static QKeySequence stepKey() { return QKeySequence(Qt::Key_F10); }
  static QKeySequence stepBatchKey() { return QKeySequence(Qt::Key_F11); }
  // Empties the view (a run starts, another document is opened).
  void clearRecords();

  static constexpr int kMaxRecords = 1000;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  WireTap* tap() const;
  void applyFilter();
  void applyBreakpoint();
  void rebuild();
  QString render(const TapRecord& record) const;
  QString metadataLine(const TapRecord& record) const;
  void showError(QLabel* label, const QString& text);

  RunController* runner_;
  QString nodeId_, port_, wire_;
  std::shared_ptr<WireTap> tap_;  // null for the Output view (the runner's)
  QLabel* heading_;
  QPushButton* pause_;
  QLineEdit* filter_;
  QLabel* filterError_;
  QCheckBox* pretty_;
  QCheckBox* metadata_;
  QCheckBox* break_ = nullptr;
  QLineEdit* condition_ = nullptr;
  QLabel* breakError_ = nullptr;
  QPushButton* step_ = nullptr;
  QPushButton* stepBatch_ = nullptr;
  QPushButton* continue_ = nullptr;
  QPlainTextEdit* held_ = nullptr;
  QPlainTextEdit* records_;
  std::deque<TapRecord> ring_;
};

}  // namespace sc::designer
