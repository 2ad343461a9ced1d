#pragma once
// The canvas view: zoom around the cursor (wheel), pan with the middle button or space+drag,
// rubber-band selection, fit to view, and drops of palette entries (new nodes).

#include <QGraphicsView>
#include <QTimer>
#include <QVector>

#include "app/designer/OverviewLabels.h"

namespace sc::designer {

class GraphScene;
class Minimap;

class GraphView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);

  GraphScene* graphScene() const { return graph_; }
  double zoom() const { return transform().m11(); }
  void setZoom(double zoom);  // around the view centre
  void zoomIn() { setZoom(zoom() * kStep); }
  void zoomOut() { setZoom(zoom() / kStep); }
  void fitToView();
  // Fits now and again whenever the view is resized, until the user zooms or pans: a file opened
  // before the window has its final size still fills the window.
  void fitAfterLoad();
  QPointF visibleCentre() const;
  void centreOn(const QPointF& scenePos) { centerOn(scenePos); }
  // Centres the view on `scenePos` as a user's pan does (a later resize no longer refits).
  void panTo(const QPointF& scenePos);
  // Shows `sceneRect` (a node Find found) in the middle of the view at a zoom where its text
  // reads: at least kRevealZoom, more only if the view was already closer.
  void reveal(const QRectF& sceneRect);
  Minimap* minimap() const { return minimap_; }
  // The node titles the last paint drew at a fixed on-screen size (zoom below
  // NodeItem::kFullDetailLod), in viewport pixels; empty when zoomed in.
  const QVector<OverviewLabel>& overviewLabels() const { return labels_; }

  static constexpr double kStep = 1.2;
  static constexpr double kMinZoom = 0.1;
  static constexpr double kMaxZoom = 4.0;
  static constexpr double kRevealZoom = 1.0;
  // A zoom gesture ends this long after its last step.
  static constexpr int kZoomSettleMs = 250;
  // The least size of QPixmapCache while a canvas exists, in KiB.
  static constexpr int kNodeCacheKiB = 96 * 1024;

 Q_SIGNALS:
  void zoomChanged(double zoom);

 protected:
  void resizeEvent(QResizeEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void scrollContentsBy(int dx, int dy) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void keyReleaseEvent(QKeyEvent* event) override;
  void focusOutEvent(QFocusEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void scaleBy(double factor);
  // Tells the scene a zoom gesture is under way until kZoomSettleMs after its last step.
  void noteZooming();
  // Refreshes the minimap once the current batch of changes is done.
  void scheduleMinimap();
  void diagramChanged();

  GraphScene* graph_;
  bool spaceHeld_ = false;
  bool panning_ = false;
  bool keepFitted_ = false;
  QPoint panLast_;
  QTimer zoomSettle_;
  QTimer minimapRefresh_;
  bool minimapStale_ = true;
  Minimap* minimap_;
  OverviewLabels overview_;
  QVector<OverviewLabel> labels_;
  // What decides the labels (zoom, and per label its node and node position): when it changes,
  // the whole viewport is repainted, since a partial repaint cannot move a label outside it.
  QVector<QPair<QString, QPointF>> labelsKey_;
  double labelsZoom_ = 0;
  void paintOverviewLabels(QPainter* painter, const QRegion& repainted);
};

}  // namespace sc::designer
