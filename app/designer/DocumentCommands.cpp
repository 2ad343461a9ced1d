#include "app/designer/DocumentCommands.h"

#include <QCoreApplication>
#include <algorithm>

namespace sc::designer {

AddItemsCommand::AddItemsCommand(PipelineDocument* doc, std::vector<PipelineNode> nodes,
                                 std::vector<PipelineEdge> edges, const QString& text)
    : QUndoCommand(text), doc_(doc), nodes_(std::move(nodes)), edges_(std::move(edges)) {}

void AddItemsCommand::redo() {
  std::set<std::string> added;
  for (const auto& node : nodes_) {
    doc_->insertNodeRaw(doc_->pipeline().nodes.size(), node);
    added.insert(node.id);
  }
  for (const auto& edge : edges_)
    doc_->insertEdgeRaw(doc_->pipeline().edges.size(), edge);
  doc_->setSelection(std::move(added));
}

void AddItemsCommand::undo() {
  for (auto it = edges_.rbegin(); it != edges_.rend(); ++it) {
    const int index = doc_->edgeIndex(*it);
    if (index >= 0) doc_->takeEdgeRaw(static_cast<size_t>(index));
  }
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) {
    const int index = doc_->pipeline().nodeIndex(it->id);
    if (index >= 0) doc_->takeNodeRaw(static_cast<size_t>(index));
  }
}

RemoveItemsCommand::RemoveItemsCommand(PipelineDocument* doc, const std::set<std::string>& nodeIds,
                                       const std::vector<PipelineEdge>& edges, const QString& text)
    : QUndoCommand(text), doc_(doc), snapshot_{{"nodes", Json::array()}, {"edges", Json::array()}} {
  const Pipeline& p = doc->pipeline();
  for (size_t i = 0; i < p.nodes.size(); ++i)
    if (nodeIds.count(p.nodes[i].id))
      snapshot_["nodes"].push_back({{"index", i}, {"node", nodeToJson(p.nodes[i])}});
  for (size_t i = 0; i < p.edges.size(); ++i) {
    const PipelineEdge& e = p.edges[i];
    const bool touches = nodeIds.count(e.from.node) || nodeIds.count(e.to.node);
    if (touches || std::find(edges.begin(), edges.end(), e) != edges.end())
      snapshot_["edges"].push_back({{"index", i}, {"from", e.from.text()}, {"to", e.to.text()}});
  }
}

void RemoveItemsCommand::redo() {
  // Highest index first so the recorded indices stay valid.
  const Json& edges = snapshot_["edges"];
  for (auto it = edges.rbegin(); it != edges.rend(); ++it)
    doc_->takeEdgeRaw((*it)["index"].get<size_t>());
  const Json& nodes = snapshot_["nodes"];
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it)
    doc_->takeNodeRaw((*it)["index"].get<size_t>());
  doc_->setSelection({});
}

void RemoveItemsCommand::undo() {
  std::set<std::string> restored;
  for (const Json& entry : snapshot_["nodes"]) {
    PipelineNode node = nodeFromJson(entry["node"]);
    restored.insert(node.id);
    doc_->insertNodeRaw(entry["index"].get<size_t>(), std::move(node));
  }
  for (const Json& entry : snapshot_["edges"]) {
    PipelineEdge edge{EdgeEnd::parse(entry["from"].get<std::string>()),
                      EdgeEnd::parse(entry["to"].get<std::string>())};
    doc_->insertEdgeRaw(entry["index"].get<size_t>(), std::move(edge));
  }
  doc_->setSelection(std::move(restored));
}

MoveNodesCommand::MoveNodesCommand(PipelineDocument* doc, std::map<std::string, Move> moves,
                                   const QString& text, bool mergeable)
    : QUndoCommand(text), doc_(doc), moves_(std::move(moves)), mergeable_(mergeable) {}

void MoveNodesCommand::redo() {
  for (const auto& [id, move] : moves_)
    doc_->setNodeUiRaw(id, move.after);
}

void MoveNodesCommand::undo() {
  for (const auto& [id, move] : moves_)
    doc_->setNodeUiRaw(id, move.before);
}

bool MoveNodesCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = static_cast<const MoveNodesCommand*>(other);
  if (next->moves_.size() != moves_.size()) return false;
  for (const auto& [id, move] : next->moves_)
    if (!moves_.count(id)) return false;
  for (const auto& [id, move] : next->moves_)
    moves_[id].after = move.after;
  return true;
}

ConnectCommand::ConnectCommand(PipelineDocument* doc, PipelineEdge edge)
    : QUndoCommand(PipelineDocument::tr("Connect %1 to %2")
                       .arg(qstr(edge.from.text()), qstr(edge.to.text()))),
      doc_(doc),
      edge_(std::move(edge)) {}

void ConnectCommand::redo() {
  doc_->insertEdgeRaw(doc_->pipeline().edges.size(), edge_);
}

void ConnectCommand::undo() {
  const int index = doc_->edgeIndex(edge_);
  if (index >= 0) doc_->takeEdgeRaw(static_cast<size_t>(index));
}

SetPropertyCommand::SetPropertyCommand(PipelineDocument* doc, std::string nodeId,
                                       std::string property, Json before, Json after)
    : QUndoCommand(PipelineDocument::tr("Set %1.%2").arg(qstr(nodeId), qstr(property))),
      doc_(doc),
      nodeId_(std::move(nodeId)),
      property_(std::move(property)),
      before_(std::move(before)),
      after_(std::move(after)) {}

void SetPropertyCommand::redo() {
  doc_->setPropertyRaw(nodeId_, property_, after_);
}

void SetPropertyCommand::undo() {
  doc_->setPropertyRaw(nodeId_, property_, before_);
}

bool SetPropertyCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = static_cast<const SetPropertyCommand*>(other);
  if (next->nodeId_ != nodeId_ || next->property_ != property_) return false;
  after_ = next->after_;
  setObsolete(after_ == before_);
  return true;
}

SetSettingsCommand::SetSettingsCommand(PipelineDocument* doc, std::string key, Json before,
                                       Json after)
    : QUndoCommand(PipelineDocument::tr("Set setting %1").arg(qstr(key))),
      doc_(doc),
      key_(std::move(key)),
      before_(std::move(before)),
      after_(std::move(after)) {}

void SetSettingsCommand::redo() {
  doc_->setSettingsRaw(after_);
}

void SetSettingsCommand::undo() {
  doc_->setSettingsRaw(before_);
}

bool SetSettingsCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = static_cast<const SetSettingsCommand*>(other);
  if (next->key_ != key_) return false;
  after_ = next->after_;
  setObsolete(after_ == before_);
  return true;
}

EditConnectionsCommand::EditConnectionsCommand(PipelineDocument* doc, const QString& text,
                                               Json before, Json after,
                                               std::vector<PropertyChange> properties,
                                               std::string mergeKey)
    : QUndoCommand(text),
      doc_(doc),
      before_(std::move(before)),
      after_(std::move(after)),
      properties_(std::move(properties)),
      mergeKey_(std::move(mergeKey)) {}

void EditConnectionsCommand::redo() {
  doc_->setConnectionsRaw(after_);
  for (const PropertyChange& c : properties_)
    doc_->setPropertyRaw(c.nodeId, c.property, c.after);
}

void EditConnectionsCommand::undo() {
  for (const PropertyChange& c : properties_)
    doc_->setPropertyRaw(c.nodeId, c.property, c.before);
  doc_->setConnectionsRaw(before_);
}

bool EditConnectionsCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = static_cast<const EditConnectionsCommand*>(other);
  if (next->mergeKey_ != mergeKey_ || !next->properties_.empty() || !properties_.empty())
    return false;
  after_ = next->after_;
  setObsolete(after_ == before_);
  return true;
}

SetPipelineNameCommand::SetPipelineNameCommand(PipelineDocument* doc, std::string before,
                                               std::string after)
    : QUndoCommand(PipelineDocument::tr("Rename pipeline to %1").arg(qstr(after))),
      doc_(doc),
      before_(std::move(before)),
      after_(std::move(after)) {}

void SetPipelineNameCommand::redo() {
  doc_->setNameRaw(after_);
}

void SetPipelineNameCommand::undo() {
  doc_->setNameRaw(before_);
}

bool SetPipelineNameCommand::mergeWith(const QUndoCommand* other) {
  after_ = static_cast<const SetPipelineNameCommand*>(other)->after_;
  setObsolete(after_ == before_);
  return true;
}

RenameNodeCommand::RenameNodeCommand(PipelineDocument* doc, std::string oldId, std::string newId)
    : QUndoCommand(PipelineDocument::tr("Rename %1 to %2").arg(qstr(oldId), qstr(newId))),
      doc_(doc),
      oldId_(std::move(oldId)),
      newId_(std::move(newId)) {}

void RenameNodeCommand::redo() {
  doc_->renameNodeRaw(oldId_, newId_);
}

void RenameNodeCommand::undo() {
  doc_->renameNodeRaw(newId_, oldId_);
}

SetDocumentUiCommand::SetDocumentUiCommand(PipelineDocument* doc, const QString& text, Json before,
                                           Json after)
    : QUndoCommand(text), doc_(doc), before_(std::move(before)), after_(std::move(after)) {}

void SetDocumentUiCommand::redo() {
  doc_->setUiRaw(after_);
}

void SetDocumentUiCommand::undo() {
  doc_->setUiRaw(before_);
}

}  // namespace sc::designer
