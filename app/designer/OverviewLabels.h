#pragma once
// Node titles of a zoomed-out canvas, drawn by the view at a fixed on-screen size (at least
// kMinPointSize) over the tiny node boxes, so they read at Fit even for hundreds of nodes. Labels
// that would overlap one already placed are left out; selected nodes and nodes with problems are
// placed first.

#include <QFont>
#include <QHash>
#include <QRectF>
#include <QString>
#include <QVector>

class QPainter;

namespace sc::designer {

struct CanvasColors;

struct OverviewLabel {
  enum class Mark { None, Selected, Error, Warning };
  QString nodeId;
  QString text;  // the node id, elided to kMaxWidthEm
  QRectF rect;   // viewport pixels, background included
  Mark mark = Mark::None;
};

class OverviewLabels {
 public:
  static constexpr double kMinPointSize = 9;
  static constexpr double kMaxWidthEm = 12;  // longer ids are elided

  struct Candidate {
    QString nodeId;
    QRectF nodeRect;  // viewport pixels
    OverviewLabel::Mark mark = OverviewLabel::Mark::None;
  };

  // The label font for the canvas font `base`: bold, at least kMinPointSize.
  static QFont labelFont(const QFont& base);
  // Places one label per candidate centred on its node, marked ones first (selected, errors,
  // warnings), then top to bottom and left to right; a label that would overlap one already
  // placed, or that lies outside `viewport`, is left out.
  QVector<OverviewLabel> layout(QVector<Candidate> candidates, const QFont& base,
                                const QRectF& viewport);
  static void paint(QPainter* painter, const QVector<OverviewLabel>& labels, const QFont& base,
                    const CanvasColors& colors);

 private:
  // Text width per node id for the font it was measured with (ids change rarely).
  QFont measuredWith_;
  QHash<QString, QPair<QString, double>> measured_;
};

}  // namespace sc::designer
