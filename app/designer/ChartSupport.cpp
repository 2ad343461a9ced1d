#include "app/designer/ChartSupport.h"

#include <QAbstractAxis>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QLegend>
#include <QLineSeries>
#include <QMessageBox>
#include <QMouseEvent>
#include <QSaveFile>
#include <QTextStream>
#include <QWheelEvent>
#include <map>

#include "app/designer/CanvasStyle.h"

namespace sc::designer {

TimeChartView::TimeChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent) {
  setRenderHint(QPainter::Antialiasing);
  setToolTip(tr("Wheel: zoom the time axis · drag: pan · double-click: follow the newest data"));
}

double TimeChartView::xAt(const QPointF& viewPos) const {
  return chart()->mapToValue(chart()->mapFromScene(mapToScene(viewPos.toPoint()))).x();
}

void TimeChartView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0) return QChartView::wheelEvent(event);
  Q_EMIT zoomed(std::pow(0.8, steps), xAt(event->position()));
  event->accept();
}

void TimeChartView::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QChartView::mousePressEvent(event);
  dragging_ = true;
  dragX_ = xAt(event->position());
  event->accept();
}

void TimeChartView::mouseMoveEvent(QMouseEvent* event) {
  if (!dragging_) return QChartView::mouseMoveEvent(event);
  const double x = xAt(event->position());
  if (x != dragX_) Q_EMIT panned(dragX_ - x);
  dragX_ = xAt(event->position());  // the axis moved under the pointer
  event->accept();
}

void TimeChartView::mouseReleaseEvent(QMouseEvent* event) {
  dragging_ = false;
  QChartView::mouseReleaseEvent(event);
}

void TimeChartView::mouseDoubleClickEvent(QMouseEvent* event) {
  Q_EMIT followRequested();
  event->accept();
}

double roundAxisTop(double max) {
  const double want = max * 1.05;
  double top = 5;
  for (double base = 1; top < want; base *= 10)
    for (double m : {5.0, 10.0, 20.0, 50.0})
      if ((top = base * m) >= want) break;
  return top;
}

QColor seriesColor(int i) {
  static constexpr QRgb kColors[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                     0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
  return QColor(kColors[size_t(i) % std::size(kColors)]);
}

void applyChartPalette(QChart* chart, const QPalette& palette) {
  chart->setTheme(isDarkPalette(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
  chart->setBackgroundBrush(palette.color(QPalette::Base));
  chart->setTitleBrush(palette.color(QPalette::Text));
  for (QAbstractAxis* axis : chart->axes()) {
    axis->setLabelsColor(palette.color(QPalette::Text));
    axis->setTitleBrush(palette.color(QPalette::Text));
  }
  chart->legend()->setLabelColor(palette.color(QPalette::Text));
}

namespace {

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
      !text.contains(QLatin1Char('\n')))
    return text;
  QString quoted = text;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

}  // namespace

bool writeSeriesCsv(const QString& path, const QList<QLineSeries*>& series, bool xIsTime,
                    const QString& xHeader, QString* error) {
  std::map<double, QVector<QString>> rows;
  for (qsizetype i = 0; i < series.size(); ++i)
    for (const QPointF& p : series[i]->points()) {
      QVector<QString>& row = rows[p.x()];
      row.resize(series.size());
      row[i] = QString::number(p.y(), 'g', 10);
    }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
    if (error) *error = file.errorString();
    return false;
  }
  QTextStream out(&file);
  out << csvField(xHeader);
  for (QLineSeries* s : series)
    out << ',' << csvField(s->name());
  out << '\n';
  for (auto& [x, row] : rows) {
    row.resize(series.size());
    out << (xIsTime ? QDateTime::fromMSecsSinceEpoch(qint64(x), Qt::UTC).toString(Qt::ISODateWithMs)
                    : QString::number(x, 'g', 15));
    for (const QString& cell : row)
      out << ',' << cell;
    out << '\n';
  }
  out.flush();
  if (!file.commit()) {
    if (error) *error = file.errorString();
    return false;
  }
  return true;
}

QString fileBaseName(const QString& title) {
  QString name = title.toLower().simplified();
  name.replace(QLatin1Char(' '), QLatin1Char('-'));
  return name;
}

void exportChartInteractively(QWidget* parent, QChartView* view, const QList<QLineSeries*>& series,
                              bool xIsTime, const QString& xHeader, const QString& baseName) {
  const QString csv = TimeChartView::tr("CSV of the shown series (*.csv)");
  const QString png = TimeChartView::tr("PNG picture (*.png)");
  QString filter;
  QString path = QFileDialog::getSaveFileName(parent, TimeChartView::tr("Export Chart"),
                                              fileBaseName(baseName) + QStringLiteral(".csv"),
                                              csv + QStringLiteral(";;") + png, &filter);
  if (path.isEmpty()) return;
  QString error;
  bool ok;
  if (filter == png || path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive)) {
    if (!path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive)) path += QStringLiteral(".png");
    ok = view->grab().save(path, "PNG");
    if (!ok) error = TimeChartView::tr("the picture could not be written");
  } else {
    ok = writeSeriesCsv(path, series, xIsTime, xHeader, &error);
  }
  if (!ok)
    QMessageBox::warning(parent, TimeChartView::tr("Export Chart"),
                         TimeChartView::tr("Cannot write %1: %2").arg(path, error));
}

}  // namespace sc::designer
