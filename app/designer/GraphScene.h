#pragma once
// The canvas scene: reflects a PipelineDocument (one NodeItem per node, one EdgeItem per edge),
// rebuilt on reset and updated from the document's fine-grained signals. User gestures on the
// scene (wiring, moving) become document edits; the scene never changes the pipeline itself.

#include <QGraphicsScene>
#include <QHash>
#include <optional>
#include <vector>

#include "app/designer/CanvasStyle.h"
#include "app/designer/NodeItem.h"
#include "app/designer/PipelineDocument.h"

class QGraphicsPathItem;

namespace sc::designer {

class EdgeItem;
class GroupItem;

class GraphScene : public QGraphicsScene {
  Q_OBJECT
 public:
  explicit GraphScene(PipelineDocument* document, QObject* parent = nullptr);
  ~GraphScene() override;

  PipelineDocument* document() const { return doc_; }
  const CanvasColors& colors() const { return colors_; }
  // While exporting, the grid and selection highlights are not drawn.
  bool isExporting() const { return exporting_; }
  void setExporting(bool exporting);
  // Whether a view draws the titles of zoomed-out nodes itself (OverviewLabels): then the
  // nodes leave them out, except while exporting.
  bool titlesDrawnByView() const { return titlesByView_ && !exporting_; }
  void setTitlesDrawnByView(bool byView) { titlesByView_ = byView; }
  // While the view changes scale, nodes paint directly: a pixmap cached at a scale that lasts
  // one frame costs more than it saves. Between zooms (panning, editing) nodes are cached.
  void setZooming(bool zooming);

  // How strongly the grid with lines `step` scene units apart is drawn at `scale` (0: not at
  // all, 1: in full colour).
  static double gridOpacity(double scale, double step);
  static constexpr double kGridFullScale = 0.5;
  static constexpr double kGridGoneScale = 0.25;

  NodeItem* nodeItem(const QString& id) const { return nodes_.value(id); }
  const QHash<QString, NodeItem*>& nodeItems() const { return nodes_; }
  EdgeItem* edgeItem(const PipelineEdge& edge) const;
  int edgeItemCount() const { return static_cast<int>(edges_.size()); }
  GroupItem* groupItem(const std::string& groupId) const;
  const std::vector<GroupItem*>& groupItems() const { return groups_; }
  // Marks the wires leaving these {node, port}s as tapped; kept across edits.
  void setTappedPorts(const QList<QPair<QString, QString>>& ports);
  // The wires marked as repartitioned (scale-out mode), as of the document's last change.
  int repartitionedEdgeCount() const { return repartitioned_; }
  // Bounding box of the diagram with a margin (empty diagram: a small rect at the origin).
  QRectF diagramRect(double margin = 40) const;

  struct PortRef {
    NodeItem* node = nullptr;
    NodeItem::Port port;
  };
  // The port at a scene position; `generous` also counts the port's label (drop targets).
  std::optional<PortRef> portAt(QPointF scenePos, bool generous) const;

 Q_SIGNALS:
  void statusMessage(const QString& message);
  // A wire was double-clicked (the window taps it).
  void wireActivated(const PipelineEdge& edge);

 protected:
  bool event(QEvent* event) override;
  void drawBackground(QPainter* painter, const QRectF& rect) override;
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;

 private:
  void rebuild();
  NodeItem* addNodeItem(const PipelineNode& node);
  void removeNodeItem(const QString& id);
  void addEdgeItem(const PipelineEdge& edge);
  void removeEdgeItem(const PipelineEdge& edge);
  void refreshPorts(NodeItem* item);
  void renameNodeItem(const QString& oldId, const QString& newId);
  // Makes the group frames match the document's groups, hides the nodes of collapsed groups
  // (and the wires among them) and fits the frames around their nodes.
  void syncGroups();
  void fitGroups(const QString& movedNodeId = {});
  // Marks the wires that the document's repartition hops replace (engine/graph/Repartition.h),
  // and clears the others: run after every change that can change the hops.
  void syncRepartitions();
  void syncSelectionToDocument();
  void syncSelectionFromDocument();
  void showProblems();
  PipelineEdge edgeBetween(const PortRef& start, const PortRef& target) const;
  void updateWire(QPointF scenePos);
  void clearWireHighlight();
  void commitMoves();
  QGraphicsItem::CacheMode nodeCacheMode() const;
  void applyCacheMode();

  PipelineDocument* doc_;
  CanvasColors colors_;
  QHash<QString, NodeItem*> nodes_;
  std::vector<EdgeItem*> edges_;
  std::vector<GroupItem*> groups_;
  bool syncingSelection_ = false;
  bool titlesByView_ = false;
  bool exporting_ = false;
  bool zooming_ = false;
  std::optional<PortRef> wireStart_;
  QGraphicsPathItem* wirePreview_ = nullptr;
  NodeItem* highlighted_ = nullptr;
  bool isTapped(const PipelineEdge& edge) const;
  QList<QPair<QString, QString>> tappedPorts_;
  int repartitioned_ = 0;
};

}  // namespace sc::designer
