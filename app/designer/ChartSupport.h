#pragma once
// What the Run dock's charts share: a chart view whose horizontal axis zooms with the wheel and
// pans with a drag (double-click goes back to following the newest data), colours that follow
// the window's palette, round axis tops, and export of the shown series as CSV or PNG.

#include <QChartView>
#include <QList>

class QLineSeries;
class QValueAxis;

namespace sc::designer {

class TimeChartView : public QChartView {
  Q_OBJECT
 public:
  explicit TimeChartView(QChart* chart, QWidget* parent = nullptr);

 Q_SIGNALS:
  // factor < 1 zooms in around the plot's x value atX; dx is in the x axis's units.
  void zoomed(double factor, double atX);
  void panned(double dx);
  void followRequested();

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;

 private:
  double xAt(const QPointF& viewPos) const;
  bool dragging_ = false;
  double dragX_ = 0;
};

// 5, 10, 20 or 50 times a power of ten, at least max × 1.05: five intervals give whole labels.
double roundAxisTop(double max);
// The i-th line's colour: ten distinct ones (Tableau 10), then again, so neighbours differ.
QColor seriesColor(int i);
// Chart, axes and legend in the palette's colours (light or dark chart theme).
void applyChartPalette(QChart* chart, const QPalette& palette);
// Writes `series` as CSV: a first column of x (ISO 8601 UTC times when xIsTime, x is then ms
// since the epoch), one column per series named after it, a row per distinct x, empty cells
// where a series has no point. False with *error on failure.
bool writeSeriesCsv(const QString& path, const QList<QLineSeries*>& series, bool xIsTime,
                    const QString& xHeader, QString* error);
// A chart's title as a file name: lower case, words joined by '-' ("Consumer lag" ->
// "consumer-lag").
QString fileBaseName(const QString& title);
// Asks for a file and writes the chart as CSV or PNG (by the chosen filter), offering
// fileBaseName(baseName) with the chosen suffix.
void exportChartInteractively(QWidget* parent, QChartView* view, const QList<QLineSeries*>& series,
                              bool xIsTime, const QString& xHeader, const QString& baseName);

}  // namespace sc::designer
