#include "app/designer/GraphScene.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "app/designer/EdgeItem.h"
#include "app/designer/GroupItem.h"
#include "app/designer/NodeGeometry.h"
#include "app/designer/Translations.h"
#include "engine/graph/Repartition.h"

namespace sc::designer {

GraphScene::GraphScene(PipelineDocument* document, QObject* parent)
    : QGraphicsScene(parent), doc_(document), colors_(canvasColors(palette())) {
  // A large fixed area: panning is not limited to where nodes happen to be.
  setSceneRect(-50000, -50000, 100000, 100000);
  connect(doc_, &PipelineDocument::documentReset, this, &GraphScene::rebuild);
  connect(doc_, &PipelineDocument::nodeAdded, this, [this](const QString& id) {
    if (const PipelineNode* node = doc_->pipeline().node(sstr(id))) addNodeItem(*node);
  });
  connect(doc_, &PipelineDocument::nodeRemoved, this, &GraphScene::removeNodeItem);
  connect(doc_, &PipelineDocument::nodeMoved, this, [this](const QString& id) {
    if (NodeItem* item = nodes_.value(id)) {
      const QPointF pos = doc_->nodePosition(sstr(id));
      if (item->pos() != pos) item->setPos(pos);
      fitGroups(id);
    }
  });
  connect(doc_, &PipelineDocument::nodeRenamed, this, &GraphScene::renameNodeItem);
  connect(doc_, &PipelineDocument::edgeAdded, this, &GraphScene::addEdgeItem);
  connect(doc_, &PipelineDocument::edgeRemoved, this, &GraphScene::removeEdgeItem);
  connect(doc_, &PipelineDocument::selectionChanged, this, &GraphScene::syncSelectionFromDocument);
  // Members come and go with their nodes (a group of deleted nodes has no frame).
  connect(doc_, &PipelineDocument::groupsChanged, this, &GraphScene::syncGroups);
  connect(doc_, &PipelineDocument::nodeAdded, this, &GraphScene::syncGroups);
  connect(doc_, &PipelineDocument::nodeRemoved, this, &GraphScene::syncGroups);
  connect(doc_, &PipelineDocument::validated, this, &GraphScene::showProblems);
  connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::syncSelectionToDocument);
  // After the handlers above (slots run in the order they were connected), so that new and
  // re-created wires are there to be marked. A hop depends on settings.scale_out and the
  // pipeline's name, the window's key, the source's topics and the edges between them.
  connect(doc_, &PipelineDocument::settingsChanged, this, &GraphScene::syncRepartitions);
  connect(doc_, &PipelineDocument::nodePropertiesChanged, this, &GraphScene::syncRepartitions);
  connect(doc_, &PipelineDocument::nodeRemoved, this, &GraphScene::syncRepartitions);
  connect(doc_, &PipelineDocument::nodeRenamed, this, &GraphScene::syncRepartitions);
  connect(doc_, &PipelineDocument::edgeAdded, this, &GraphScene::syncRepartitions);
  connect(doc_, &PipelineDocument::edgeRemoved, this, &GraphScene::syncRepartitions);
  rebuild();
}

GraphScene::~GraphScene() {
  // Removing the items changes the selection: the document must not hear about it.
  blockSignals(true);
  clear();
}

void GraphScene::setExporting(bool exporting) {
  exporting_ = exporting;
  applyCacheMode();
  update();
}

void GraphScene::setZooming(bool zooming) {
  if (zooming_ == zooming) return;
  zooming_ = zooming;
  applyCacheMode();
}

QGraphicsItem::CacheMode GraphScene::nodeCacheMode() const {
  // Panning and editing blit cached pixmaps instead of re-drawing text; pictures are drawn
  // directly, so SVG output stays vector; zoom frames paint directly (see setZooming).
  return exporting_ || zooming_ ? QGraphicsItem::NoCache : QGraphicsItem::DeviceCoordinateCache;
}

void GraphScene::applyCacheMode() {
  const QGraphicsItem::CacheMode mode = nodeCacheMode();
  for (NodeItem* item : nodes_)
    item->setCacheMode(mode);
}

bool GraphScene::event(QEvent* event) {
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
    colors_ = canvasColors(palette());
    for (NodeItem* item : nodes_)
      item->update();  // drops the item's cached pixmap
    // The views cache the background (CacheBackground): Qt asks for resetCachedContent() when it
    // changes, else the old theme's canvas stays until the next zoom. Seen in a fresh Debian
    // root, where tst_Appearance read #17191b (dark) seconds after switching to light.
    for (QGraphicsView* view : views())
      view->resetCachedContent();
    invalidate(sceneRect(), QGraphicsScene::BackgroundLayer);
    update();
  }
  return QGraphicsScene::event(event);
}

EdgeItem* GraphScene::edgeItem(const PipelineEdge& edge) const {
  for (EdgeItem* item : edges_)
    if (item->edge() == edge) return item;
  return nullptr;
}

QRectF GraphScene::diagramRect(double margin) const {
  QRectF rect;
  for (NodeItem* item : nodes_)
    rect |= item->sceneBoundingRect();
  for (EdgeItem* item : edges_)
    rect |= item->sceneBoundingRect();
  for (GroupItem* item : groups_)
    rect |= item->sceneBoundingRect();
  if (rect.isNull()) rect = QRectF(0, 0, 200, 100);
  return rect.adjusted(-margin, -margin, margin, margin);
}

void GraphScene::rebuild() {
  clearWireHighlight();
  wireStart_.reset();
  wirePreview_ = nullptr;
  nodes_.clear();
  edges_.clear();
  groups_.clear();
  clear();
  for (const auto& node : doc_->pipeline().nodes)
    addNodeItem(node);
  for (const auto& edge : doc_->pipeline().edges)
    addEdgeItem(edge);
  syncGroups();
  syncSelectionFromDocument();
  showProblems();
  syncRepartitions();
}

void GraphScene::syncRepartitions() {
  const Pipeline& pipeline = doc_->pipeline();
  std::vector<std::pair<const PipelineEdge*, QString>> notes;
  for (const RepartitionHop& hop : repartitionHops(pipeline, doc_->registry())) {
    const QString note =
        tr("Repartitioned through topic %1: %2").arg(qstr(hop.topic), qstr(hop.reason)) + '\n' +
        tr("In scale-out mode the records go to this topic, keyed by the window's key, and are "
           "read back from it, so that every key is counted by one runner.");
    for (size_t index : hop.edges)
      if (index < pipeline.edges.size()) notes.emplace_back(&pipeline.edges[index], note);
  }
  repartitioned_ = 0;
  for (EdgeItem* item : edges_) {
    QString note;
    for (const auto& [edge, text] : notes)
      if (*edge == item->edge()) note = text;
    item->setRepartition(note);
    if (!note.isEmpty()) ++repartitioned_;
  }
}

NodeItem* GraphScene::addNodeItem(const PipelineNode& node) {
  auto* item = new NodeItem(qstr(node.id), qstr(node.type), doc_->registry().find(node.type));
  item->setPos(doc_->nodePosition(node.id));
  item->setCacheMode(nodeCacheMode());
  addItem(item);
  nodes_.insert(item->id(), item);
  refreshPorts(item);
  return item;
}

void GraphScene::removeNodeItem(const QString& id) {
  NodeItem* item = nodes_.take(id);
  if (!item) return;
  if (highlighted_ == item) highlighted_ = nullptr;
  if (wireStart_ && wireStart_->node == item) wireStart_.reset();
  for (EdgeItem* edge : std::vector<EdgeItem*>(item->edges()))
    removeEdgeItem(edge->edge());
  delete item;
}

void GraphScene::setTappedPorts(const QList<QPair<QString, QString>>& ports) {
  tappedPorts_ = ports;
  for (EdgeItem* item : edges_)
    item->setTapped(isTapped(item->edge()));
}

bool GraphScene::isTapped(const PipelineEdge& edge) const {
  return tappedPorts_.contains(qMakePair(qstr(edge.from.node), qstr(edge.fromPort())));
}

GroupItem* GraphScene::groupItem(const std::string& groupId) const {
  for (GroupItem* item : groups_)
    if (item->groupId() == groupId) return item;
  return nullptr;
}

void GraphScene::syncGroups() {
  const std::vector<PipelineDocument::NodeGroup> groups = doc_->groups();
  std::erase_if(groups_, [&](GroupItem* item) {
    const bool gone = std::none_of(groups.begin(), groups.end(),
                                   [&](const auto& g) { return g.id == item->groupId(); });
    if (gone) delete item;
    return gone;
  });
  QSet<QString> hidden;
  for (const auto& group : groups) {
    GroupItem* item = groupItem(group.id);
    if (item) {
      item->setGroup(group);
    } else {
      item = new GroupItem(group);
      addItem(item);
      groups_.push_back(item);
    }
    if (group.collapsed)
      for (const auto& id : group.nodes)
        hidden.insert(qstr(id));
  }
  for (NodeItem* node : nodes_)
    node->setVisible(!hidden.contains(node->id()));
  // Wires inside a collapsed group go; wires into it end under its box.
  for (EdgeItem* edge : edges_)
    edge->setVisible(edge->fromNode()->isVisible() || edge->toNode()->isVisible());
  fitGroups();
}

void GraphScene::fitGroups(const QString& movedNodeId) {
  for (GroupItem* item : groups_) {
    if (!movedNodeId.isEmpty() && !item->hasMember(sstr(movedNodeId))) continue;
    QRectF members;
    for (const auto& id : item->members())
      if (NodeItem* node = nodes_.value(qstr(id)))
        members |= node->mapRectToScene(node->shape().boundingRect());
    item->setMembersRect(members);
  }
}

void GraphScene::addEdgeItem(const PipelineEdge& edge) {
  NodeItem* from = nodes_.value(qstr(edge.from.node));
  NodeItem* to = nodes_.value(qstr(edge.to.node));
  if (!from || !to) return;  // dangling: reported by the validator
  auto* item = new EdgeItem(edge, from, to);
  item->setTapped(isTapped(edge));
  item->setVisible(from->isVisible() || to->isVisible());  // not inside a collapsed group
  from->addEdge(item);
  if (to != from) to->addEdge(item);
  edges_.push_back(item);
  addItem(item);
  refreshPorts(from);
  refreshPorts(to);
}

void GraphScene::removeEdgeItem(const PipelineEdge& edge) {
  EdgeItem* item = edgeItem(edge);
  if (!item) return;
  std::erase(edges_, item);
  NodeItem* from = item->fromNode();
  NodeItem* to = item->toNode();
  from->removeEdge(item);
  to->removeEdge(item);
  delete item;
  refreshPorts(from);
  refreshPorts(to);
}

void GraphScene::refreshPorts(NodeItem* item) {
  // Ports named by edges but missing from the spec are shown (in the error colour) so that the
  // edge has somewhere to end.
  const NodeSpec* spec = doc_->registry().find(sstr(item->nodeType()));
  QStringList extraIn, extraOut;
  for (EdgeItem* edge : item->edges()) {
    const PipelineEdge& e = edge->edge();
    if (edge->toNode() == item) {
      const std::string port = e.toPort();
      if ((!spec || spec->inputIndex(port) < 0) && !extraIn.contains(qstr(port)))
        extraIn << qstr(port);
    }
    if (edge->fromNode() == item) {
      const std::string port = e.fromPort();
      if ((!spec || spec->outputIndex(port) < 0) && !extraOut.contains(qstr(port)))
        extraOut << qstr(port);
    }
  }
  const auto sameNames = [](const std::vector<NodeItem::Port>& ports, const QStringList& extra) {
    QStringList names;
    for (const auto& p : ports)
      if (!p.declared) names << p.name;
    return names == extra;
  };
  if (sameNames(item->inputs(), extraIn) && sameNames(item->outputs(), extraOut)) return;
  item->setExtraPorts(extraIn, extraOut);
  for (EdgeItem* edge : item->edges())
    edge->updatePath();
}

void GraphScene::renameNodeItem(const QString& oldId, const QString& newId) {
  NodeItem* item = nodes_.take(oldId);
  if (!item) return;
  item->setId(newId);
  nodes_.insert(newId, item);
  // The edges of the node now name it differently: re-create them from the document.
  std::vector<PipelineEdge> stale;
  for (EdgeItem* edge : item->edges())
    stale.push_back(edge->edge());
  for (const auto& edge : stale)
    removeEdgeItem(edge);
  const std::string id = sstr(newId);
  for (const auto& edge : doc_->pipeline().edges)
    if (edge.from.node == id || edge.to.node == id) addEdgeItem(edge);
}

void GraphScene::syncSelectionToDocument() {
  if (syncingSelection_) return;
  std::set<std::string> nodes;
  std::vector<PipelineEdge> edges;
  for (QGraphicsItem* item : selectedItems()) {
    if (item->type() == NodeItem::Type)
      nodes.insert(sstr(static_cast<NodeItem*>(item)->id()));
    else if (item->type() == EdgeItem::Type)
      edges.push_back(static_cast<EdgeItem*>(item)->edge());
  }
  syncingSelection_ = true;
  doc_->setSelection(std::move(nodes), std::move(edges));
  syncingSelection_ = false;
}

void GraphScene::syncSelectionFromDocument() {
  if (syncingSelection_) return;
  syncingSelection_ = true;
  const auto& selectedNodes = doc_->selectedNodes();
  const auto& selectedEdges = doc_->selectedEdges();
  for (NodeItem* item : nodes_)
    item->setSelected(selectedNodes.count(sstr(item->id())) > 0);
  for (EdgeItem* item : edges_)
    item->setSelected(std::find(selectedEdges.begin(), selectedEdges.end(), item->edge()) !=
                      selectedEdges.end());
  syncingSelection_ = false;
}

void GraphScene::showProblems() {
  QHash<QString, QStringList> messages;
  for (const auto& d : doc_->diagnostics().items()) {
    const std::string id = doc_->diagnosticNode(d);
    if (!id.empty()) messages[qstr(id)] << qstr(d.message);
  }
  for (NodeItem* item : nodes_) {
    item->setProblems(doc_->problemCount(sstr(item->id())));
    const NodeSpec* spec = doc_->registry().find(sstr(item->nodeType()));
    QString tip =
        spec ? specText(spec->summary) : tr("Unknown node type '%1'").arg(item->nodeType());
    const QStringList& problems = messages[item->id()];
    if (!problems.isEmpty())
      tip += QStringLiteral("\n\n• ") + problems.join(QStringLiteral("\n• "));
    item->setToolTip(tip);
  }
}

double GraphScene::gridOpacity(double scale, double step) {
  // A grid line every `step` scene units fades in between 8 and 16 pixels apart; below 50%
  // the whole grid fades out and is gone at 25%, so a zoomed-out diagram shows its nodes
  // rather than a mesh of lines.
  const double spacing = std::clamp((step * scale - 8) / 8, 0.0, 1.0);
  const double zoom =
      std::clamp((scale - kGridGoneScale) / (kGridFullScale - kGridGoneScale), 0.0, 1.0);
  return spacing * zoom;
}

void GraphScene::drawBackground(QPainter* painter, const QRectF& rect) {
  painter->fillRect(rect, colors_.background);
  if (exporting_) return;
  // Grid lines are axis-aligned and one device pixel wide: without antialiasing they are drawn
  // by the cosmetic fast path and look the same.
  const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
  painter->setRenderHint(QPainter::Antialiasing, false);
  const double scale = painter->worldTransform().m11();
  const double minor = 20, major = 100;
  auto drawGrid = [&](double step, const QColor& colour) {
    const double opacity = gridOpacity(scale, step);
    if (opacity <= 0) return;
    // Faded by mixing with the background: opaque lines draw faster than translucent ones.
    QPen pen(blend(colors_.background, colour, opacity), 0);
    pen.setCosmetic(true);
    painter->setPen(pen);
    QVector<QLineF> lines;
    for (double x = std::floor(rect.left() / step) * step; x < rect.right(); x += step)
      lines.append(QLineF(x, rect.top(), x, rect.bottom()));
    for (double y = std::floor(rect.top() / step) * step; y < rect.bottom(); y += step)
      lines.append(QLineF(rect.left(), y, rect.right(), y));
    painter->drawLines(lines);
  };
  drawGrid(minor, colors_.gridMinor);
  drawGrid(major, colors_.gridMajor);
  painter->setRenderHint(QPainter::Antialiasing, antialiased);
}

std::optional<GraphScene::PortRef> GraphScene::portAt(QPointF scenePos, bool generous) const {
  for (QGraphicsItem* item : items(scenePos.x() - 12, scenePos.y() - 12, 24, 24,
                                   Qt::IntersectsItemBoundingRect, Qt::DescendingOrder)) {
    if (item->type() != NodeItem::Type) continue;
    auto* node = static_cast<NodeItem*>(item);
    const QPointF local = node->mapFromScene(scenePos);
    auto port = node->portAt(local);
    if (!port) continue;
    if (!generous) {
      const QPointF centre = node->portPosition(port->output, port->name);
      if (QLineF(centre, local).length() > 10) continue;
    }
    return PortRef{node, *port};
  }
  return std::nullopt;
}

PipelineEdge GraphScene::edgeBetween(const PortRef& start, const PortRef& target) const {
  // Dragging works in either direction; the edge always runs from the output side.
  const PortRef& from = start.port.output || !target.port.output ? start : target;
  const PortRef& to = &from == &start ? target : start;
  return PipelineEdge{EdgeEnd{sstr(from.node->id()), sstr(from.port.name)},
                      EdgeEnd{sstr(to.node->id()), sstr(to.port.name)}};
}

void GraphScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
  if (event->button() == Qt::LeftButton && !portAt(event->scenePos(), false)) {
    for (QGraphicsItem* item :
         items(event->scenePos(), Qt::IntersectsItemShape, Qt::DescendingOrder, QTransform())) {
      if (item->type() == NodeItem::Type) break;  // a node on top of the wire
      if (item->type() == EdgeItem::Type) {
        Q_EMIT wireActivated(static_cast<EdgeItem*>(item)->edge());
        event->accept();
        return;
      }
    }
  }
  QGraphicsScene::mouseDoubleClickEvent(event);
}

void GraphScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    if (auto port = portAt(event->scenePos(), false)) {
      wireStart_ = port;
      wirePreview_ = new QGraphicsPathItem;
      QPen pen(colors_.edge, 2, Qt::DashLine);
      pen.setCosmetic(false);
      wirePreview_->setPen(pen);
      wirePreview_->setZValue(10);
      addItem(wirePreview_);
      updateWire(event->scenePos());
      event->accept();
      return;
    }
  }
  QGraphicsScene::mousePressEvent(event);
}

void GraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
  if (wireStart_) {
    updateWire(event->scenePos());
    event->accept();
    return;
  }
  QGraphicsScene::mouseMoveEvent(event);
}

void GraphScene::updateWire(QPointF scenePos) {
  const PortRef& start = *wireStart_;
  const QPointF anchor =
      start.node->mapToScene(start.node->portPosition(start.port.output, start.port.name));
  wirePreview_->setPath(start.port.output ? EdgeItem::curve(anchor, scenePos)
                                          : EdgeItem::curve(scenePos, anchor));
  clearWireHighlight();
  auto target = portAt(scenePos, true);
  if (!target || (target->node == start.node && target->port.name == start.port.name &&
                  target->port.output == start.port.output))
    return;
  const bool ok = doc_->connectionProblem(edgeBetween(start, *target)).isEmpty();
  highlighted_ = target->node;
  highlighted_->setPortHighlight(
      target->port.name, target->port.output,
      ok ? NodeItem::PortHighlight::Accept : NodeItem::PortHighlight::Refuse);
}

void GraphScene::clearWireHighlight() {
  if (highlighted_) highlighted_->setPortHighlight({}, false, NodeItem::PortHighlight::None);
  highlighted_ = nullptr;
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  if (wireStart_) {
    const PortRef start = *wireStart_;
    wireStart_.reset();
    clearWireHighlight();
    delete wirePreview_;
    wirePreview_ = nullptr;
    event->accept();
    auto target = portAt(event->scenePos(), true);
    if (!target || (target->node == start.node && target->port.name == start.port.name &&
                    target->port.output == start.port.output))
      return;
    const PipelineEdge edge = edgeBetween(start, *target);
    QString why;
    if (doc_->connectPorts(edge, &why))
      Q_EMIT statusMessage(
          tr("Connected %1 to %2").arg(qstr(edge.from.text()), qstr(edge.to.text())));
    else
      Q_EMIT statusMessage(tr("Connection refused: %1").arg(why));
    return;
  }
  QGraphicsScene::mouseReleaseEvent(event);
  if (event->button() == Qt::LeftButton) commitMoves();
}

void GraphScene::commitMoves() {
  std::map<std::string, QPointF> moved;
  for (QGraphicsItem* item : selectedItems()) {
    if (item->type() != NodeItem::Type) continue;
    auto* node = static_cast<NodeItem*>(item);
    const std::string id = sstr(node->id());
    if (node->pos() != doc_->nodePosition(id)) moved[id] = node->pos();
  }
  if (!moved.empty()) doc_->moveNodes(moved);
}

}  // namespace sc::designer
