#pragma once
// An overview of the whole diagram in the bottom-right corner of the canvas: every node as a
// small box in its category colour, groups as outlines, and the part the view shows as a
// frame. A click or a drag on it centres the view there. It shows itself only while part of
// the diagram is out of view.

#include <QWidget>

namespace sc::designer {

class GraphView;

class Minimap : public QWidget {
  Q_OBJECT
 public:
  explicit Minimap(GraphView* view);

  // The user's choice (View menu); the map still hides while the whole diagram is in view.
  void setEnabledByUser(bool enabled);
  bool isEnabledByUser() const { return enabledByUser_; }
  // Places the map in the view's corner and shows or hides it; the view calls this whenever
  // its scale, scroll position or size changes, and the scene when the diagram changes.
  void refresh();
  // The diagram changed (nodes, groups, selection): the map's picture is redrawn.
  void diagramChanged();

  // Scene rectangle the map shows, and the mapping between the two (for tests too).
  QRectF worldRect() const { return world_; }
  QPointF toScene(QPointF mapPos) const;
  QPointF toMap(QPointF scenePos) const;

  static constexpr int kWidth = 220;
  static constexpr int kHeight = 150;
  static constexpr int kMargin = 12;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  void updateMapping();
  void drawDiagram();

  GraphView* view_;
  bool enabledByUser_ = true;
  bool dragging_ = false;
  QRectF world_;
  double scale_ = 1;  // map pixels per scene unit
  QPointF offset_;    // map position of world_.topLeft()
  // The nodes and groups, drawn once per change of the diagram: a scroll only moves the frame.
  QPixmap picture_;
  bool pictureStale_ = true;
};

}  // namespace sc::designer
