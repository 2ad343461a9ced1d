#pragma once
// The Tap dock: a tab per tapped wire (WireView) with the records passing it, newest at the
// bottom, and first the Output tab with what the run's console sinks print. A wire is tapped
// from the canvas (select it, Run > Tap Selected Wire, or double-click it); closing its tab
// removes the tap and its breakpoint. Event times are shown readably: a whole number of epoch
// milliseconds (1973..5138) under the name ts, timestamp, event_time, window_start or
// window_end is shown as an ISO 8601 UTC time ("2026-03-01T12:00:00.000Z"); hovering it shows
// the raw number.

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace sc::designer {

class RunController;
class WireView;

class TapPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TapPanel(RunController* runner, QWidget* parent = nullptr);

  // The shown tab's records and heading.
  QPlainTextEdit* records() const;
  QLabel* heading() const;
  QTabWidget* tabs() const { return tabs_; }
  WireView* outputView() const { return output_; }
  // The tab of a tapped port (null: not tapped).
  WireView* view(const QString& nodeId, const QString& port) const;
  // Taps nodeId:port (labelled `wire`, "node:port → node:port"), adding its tab if it has none,
  // and shows its tab.
  WireView* showWire(const QString& nodeId, const QString& port, const QString& wire);
  // The tab the Run menu's Step and Continue act on: the shown tab when its breakpoint holds a
  // record, else the first tab whose breakpoint does; null when none holds one.
  WireView* holdingView() const;
  // No wire tapped (another document was opened): only the empty Output tab.
  void showNoWire();

  // `line` (one JSON record) with its event-time fields as quoted UTC times.
  static QString readableTimes(const QString& line);

 private:
  WireView* current() const;
  void refresh();

  RunController* runner_;
  QTabWidget* tabs_;
  WireView* output_;
};

}  // namespace sc::designer
