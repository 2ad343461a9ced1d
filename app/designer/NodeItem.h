#pragma once
// A node on the canvas: title (the node id), type icon and name, ports from the node's spec
// (plus any port an edge names that the spec lacks, drawn as a problem) and a badge with the
// node's validation problems. Geometry is in NodeGeometry.h.

#include <QCoreApplication>
#include <QFont>
#include <QGraphicsItem>
#include <QIcon>
#include <QPainterPath>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "app/designer/PipelineDocument.h"

namespace sc::designer {

class EdgeItem;
struct CanvasColors;

class NodeItem : public QGraphicsItem {
  Q_DECLARE_TR_FUNCTIONS(sc::designer::NodeItem)

 public:
  enum { Type = UserType + 1 };
  struct Port {
    QString name;
    bool output = false;
    bool declared = true;  // false: named by an edge but not in the spec
  };
  enum class PortHighlight { None, Accept, Refuse };
  // What a paint draws at a level of detail (the view's scale): everything, or, where port
  // labels and the type line would be too small to read, the node id as large as the node
  // allows in a tinted box (ports, icon and run counters left out).
  enum class Detail { Full, Title };
  static constexpr double kFullDetailLod = 0.45;
  static Detail detailFor(double lod) {
    return lod >= kFullDetailLod ? Detail::Full : Detail::Title;
  }

  NodeItem(const QString& id, const QString& type, const NodeSpec* spec);

  int type() const override { return Type; }
  const QString& id() const { return id_; }
  void setId(const QString& id);
  const QString& nodeType() const { return type_; }
  const QColor& accent() const { return accent_; }

  // Ports: the spec's, plus `extraInputs`/`extraOutputs` named by edges.
  void setExtraPorts(const QStringList& extraInputs, const QStringList& extraOutputs);
  const std::vector<Port>& inputs() const { return inputs_; }
  const std::vector<Port>& outputs() const { return outputs_; }
  // Centre of a port in item coordinates (the first port row when unknown).
  QPointF portPosition(bool output, const QString& name) const;
  // The port within grabbing distance of `itemPos`.
  std::optional<Port> portAt(QPointF itemPos) const;
  void setPortHighlight(const QString& name, bool output, PortHighlight highlight);
  PortHighlight portHighlight(const QString& name, bool output) const {
    return highlightPort_ == name && highlightOutput_ == output ? highlight_ : PortHighlight::None;
  }

  void setProblems(ProblemCount count);
  ProblemCount problems() const { return problems_; }

  void addEdge(EdgeItem* edge) { edges_.push_back(edge); }
  void removeEdge(EdgeItem* edge);
  const std::vector<EdgeItem*>& edges() const { return edges_; }

  // Counters of a run in the designer, shown under the node; cleared with clearRunStats().
  void setRunStats(quint64 recordsIn, quint64 recordsOut, double perSecond, quint64 errors,
                   bool failed);
  void clearRunStats();
  const QString& runText() const { return runText_; }
  // Event-time and window state of a run, lines under the counters (each wrapped to the node's
  // width, on at most 3 rows), with everything in full in the tooltip. `hint` true: the last line
  // explains a stall and is drawn in the warning colour. Empty lines clear it (clearRunStats() does
  // too).
  void setRunDetail(const QStringList& lines, const QString& tip, bool hint);
  // The canvas's small font of run counters, detail lines and wire labels.
  static QFont runFont(const QGraphicsScene* scene);
  const QStringList& runDetail() const { return runDetail_; }
  // The rows drawn for runDetail(), after wrapping.
  QStringList runDetailRows() const;
  bool hasRunHint() const { return runHint_; }

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

 private:
  double height() const;
  void paintPort(QPainter* painter, const Port& port, int row) const;
  void elideLabels(const QFont& titleFont, const QFont& smallFont);
  void paintTitleOnly(QPainter* painter, double lod);
  void paintRunDetail(QPainter* painter, const QFont& font, const CanvasColors& colors) const;

  QString id_;
  QString type_;
  const NodeSpec* spec_;
  QString typeLabel_;
  QString runText_;
  bool runFailed_ = false;
  QStringList runDetail_;
  struct DetailRow {
    QString text;
    bool hint = false;
  };
  QVector<DetailRow> runRows_;  // runDetail_ wrapped to the node's width
  bool runHint_ = false;
  QString designToolTip_;  // the tooltip outside of runs
  // Title and type line elided to the node's width, for the font they were measured with.
  QFont elidedFor_;
  QString elidedTitle_;
  QString elidedType_;
  // The zoomed-out title, fitted to a device size (pixels) and a base font.
  struct FittedTitle {
    QFont baseFont;
    QSize box;
    QFont font;
    QString title;
    QFont typeFont;
    QString type;
  };
  FittedTitle fitted_;
  QColor accent_;
  QIcon icon_;
  QPainterPath headerPath_;  // cached: the header tint and the category stripe
  QPainterPath stripePath_;
  std::vector<Port> inputs_;
  std::vector<Port> outputs_;
  ProblemCount problems_;
  std::vector<EdgeItem*> edges_;
  QString highlightPort_;
  bool highlightOutput_ = false;
  PortHighlight highlight_ = PortHighlight::None;
};

}  // namespace sc::designer
