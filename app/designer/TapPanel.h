#pragma once
// The Tap dock: the records passing one wire of a running pipeline, as JSON lines, newest at
// the bottom. Which wire is chosen in the canvas (select a wire, Run > Tap Selected Wire).
// Event times are shown readably: a whole number of epoch milliseconds (1973..5138) under the
// name ts, timestamp, event_time, window_start or window_end is shown as an ISO 8601 UTC time
// ("2026-03-01T12:00:00.000Z"); hovering it shows the raw number.

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
  // No wire tapped (another document was opened): the hint, no records.
  void showNoWire();

  static constexpr int kMaxLines = 1000;

  // `line` (one JSON record) with its event-time fields as quoted UTC times.
  static QString readableTimes(const QString& line);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refresh();

  RunController* runner_;
  QLabel* heading_;
  QPlainTextEdit* records_;
  QString wire_;
};

}  // namespace sc::designer
