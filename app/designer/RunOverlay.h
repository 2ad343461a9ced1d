#pragma once
// What a run shows on the canvas beyond the counters: each wire's rate and how full its queue
// is (green, amber, red), each event-time node's watermark and how far it trails the wall clock
// and its newest record, a window's open windows, state and late count, and a hint on a node
// whose output stalled while its inputs kept coming (why its windows cannot fire). Computed from
// RunController's last poll (a few times a second), never from the engine directly.

#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

class QLabel;
class QWidget;

namespace sc::designer {

class GraphScene;
class RunController;

class RunOverlay {
  Q_DECLARE_TR_FUNCTIONS(RunOverlay)

 public:
  // Queue fill (0..1) from which a wire turns amber, and red.
  static constexpr double kAmberFill = 0.25;
  static constexpr double kRedFill = 0.75;
  // A node that produced nothing for this long while its inputs kept coming gets a hint, and a
  // partition without data for this long is named in it.
  static constexpr qint64 kStallMs = 3000;

  static QColor queueColour(double fill);
  // Updates every node and wire of `scene` from the run's last poll; clears them when the run
  // has no stats (a new document, before the first run).
  static void show(GraphScene& scene, const RunController& run);
  // Marks every wire whose port has a breakpoint (with or without a condition, holding a
  // record or not); also called by show().
  static void showBreakpoints(GraphScene& scene, const RunController& run);
  // The legend of the wire colours, for the Run dock.
  static QLabel* legend(QWidget* parent);

  // "3 s", "2 min": how long, for hints and tooltips.
  static QString duration(qint64 ms);
  // An epoch-ms event time as UTC: "10:15:30 UTC" (short) or with the date and milliseconds.
  static QString utcTime(qint64 epochMs, bool withDate);
};

}  // namespace sc::designer
