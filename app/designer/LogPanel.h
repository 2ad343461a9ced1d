#pragma once
// The Log dock: the engine's log lines (what streamcanvas-run prints on stderr: the embedded
// cluster's address, skipped bad lines with file:line, Kafka state changes, failures), with
// secrets already masked by the Logger. While a LogPanel exists it is the Logger's sink; lines
// come from any engine thread and are shown a few times a second.

#include <QTimer>
#include <QWidget>
#include <memory>

class QPlainTextEdit;

namespace sc::designer {

class LogPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LogPanel(QWidget* parent = nullptr);
  ~LogPanel() override;  // gives stderr back to the Logger

  QPlainTextEdit* text() const { return text_; }

  static constexpr int kMaxLines = 5000;
  static constexpr int kFlushMs = 200;

 private:
  void flush();

  struct Shared;
  std::shared_ptr<Shared> shared_;
  QPlainTextEdit* text_;
  QTimer flush_;
};

}  // namespace sc::designer
