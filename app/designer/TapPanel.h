#pragma once
// The Tap dock: the records passing one wire of a running pipeline, as JSON lines, newest at
// the bottom. Which wire is chosen in the canvas (select a wire, Run > Tap Selected Wire).

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace sc::designer {

class RunController;

class TapPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TapPanel(RunController* runner, QWidget* parent = nullptr);

  QPlainTextEdit* records() const { return records_; }
  QLabel* heading() const { return heading_; }
  // Shows the wire a tap was set on (from "node:port" to "node:port") and empties the view.
  void showWire(const QString& wire);

  static constexpr int kMaxLines = 1000;

 private:
  void refresh();

  RunController* runner_;
  QLabel* heading_;
  QPlainTextEdit* records_;
  QString wire_;
};

}  // namespace sc::designer
