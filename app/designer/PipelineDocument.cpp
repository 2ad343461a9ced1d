#include "app/designer/PipelineDocument.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "app/designer/AutoLayout.h"
#include "app/designer/DocumentCommands.h"
#include "app/designer/DocumentGroups.h"
#include "app/designer/NodeGeometry.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/runtime/Planner.h"

namespace sc::designer {

namespace {

bool validNodeId(const std::string& id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

bool uiPosition(const Json& ui, QPointF* pos) {
  if (!ui.is_object()) return false;
  auto x = ui.find("x"), y = ui.find("y");
  if (x == ui.end() || y == ui.end() || !x->is_number() || !y->is_number()) return false;
  *pos = QPointF(x->get<double>(), y->get<double>());
  return true;
}

}  // namespace

Json nodeToJson(const PipelineNode& node) {
  Json j = {{"id", node.id}, {"type", node.type}, {"properties", node.properties}};
  if (!node.ui.is_null()) j["ui"] = node.ui;
  return j;
}

PipelineNode nodeFromJson(const Json& json) {
  PipelineNode node;
  if (auto it = json.find("id"); it != json.end() && it->is_string())
    node.id = it->get<std::string>();
  if (auto it = json.find("type"); it != json.end() && it->is_string())
    node.type = it->get<std::string>();
  if (auto it = json.find("properties"); it != json.end() && it->is_object()) node.properties = *it;
  if (auto it = json.find("ui"); it != json.end()) node.ui = *it;
  return node;
}

PipelineDocument::PipelineDocument(const NodeRegistry& registry, QObject* parent)
    : QObject(parent), registry_(registry) {
  validateTimer_.setSingleShot(true);
  validateTimer_.setInterval(0);
  connect(&validateTimer_, &QTimer::timeout, this, &PipelineDocument::validateNow);
  connect(&undoStack_, &QUndoStack::cleanChanged, this,
          [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
  validateNow();
}

void PipelineDocument::setPipeline(Pipeline pipeline, const QString& path) {
  pipeline_ = std::move(pipeline);
  selectedNodes_.clear();
  selectedEdges_.clear();
  fallbackPositions_.clear();
  computeFallbackPositions();
  undoStack_.clear();
  pasteCount_ = 0;
  filePath_ = path;
  Q_EMIT documentReset();
  Q_EMIT selectionChanged();
  Q_EMIT filePathChanged(filePath_);
  Q_EMIT modifiedChanged(false);
  validateNow();
}

bool PipelineDocument::openFile(const QString& path, QString* errors) {
  LoadResult result;
  try {
    result = loadPipelineFile(QFile::encodeName(path).toStdString());
  } catch (const std::exception& e) {
    if (errors) *errors = tr("%1: could not load: %2").arg(path, QString::fromUtf8(e.what()));
    return false;
  }
  if (!result.pipeline || result.diagnostics.hasErrors()) {
    if (errors) {
      *errors = qstr(result.diagnostics.format()).trimmed();
      if (errors->isEmpty()) *errors = tr("%1: not a pipeline file").arg(path);
    }
    return false;
  }
  setPipeline(std::move(*result.pipeline), path);
  return true;
}

bool PipelineDocument::saveFile(const QString& path, QString* error) {
  QSaveFile file(path);
  const std::string text = fileText();
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(text.data(), static_cast<qint64>(text.size())) !=
          static_cast<qint64>(text.size()) ||
      !file.commit()) {
    if (error) *error = tr("Could not write %1: %2").arg(path, file.errorString());
    return false;
  }
  undoStack_.setClean();
  if (filePath_ != path) {
    filePath_ = path;
    Q_EMIT filePathChanged(filePath_);
  }
  return true;
}

std::string PipelineDocument::fileText() const {
  return savePipeline(pipeline_);
}

QPointF PipelineDocument::nodePosition(const std::string& id) const {
  QPointF pos;
  if (const PipelineNode* node = pipeline_.node(id); node && uiPosition(node->ui, &pos)) return pos;
  auto it = fallbackPositions_.find(id);
  return it == fallbackPositions_.end() ? QPointF() : it->second;
}

void PipelineDocument::computeFallbackPositions() {
  QPointF pos;
  bool missing = false;
  for (const auto& node : pipeline_.nodes)
    if (!uiPosition(node.ui, &pos) && !fallbackPositions_.count(node.id)) missing = true;
  if (!missing) return;
  LayoutMetrics metrics;
  metrics.nodeHeight = [this](const PipelineNode& node) {
    const NodeSpec* spec = registry_.find(node.type);
    return spec ? geometry::nodeHeight(spec->inputs.size(), spec->outputs.size())
                : geometry::nodeHeight(1, 1);
  };
  for (const auto& [id, p] : layeredLayout(pipeline_, metrics))
    if (!fallbackPositions_.count(id)) fallbackPositions_[id] = p;
}

void PipelineDocument::setSelection(std::set<std::string> nodes, std::vector<PipelineEdge> edges) {
  std::erase_if(nodes, [this](const std::string& id) { return !pipeline_.node(id); });
  std::erase_if(edges, [this](const PipelineEdge& e) { return edgeIndex(e) < 0; });
  if (nodes == selectedNodes_ && edges == selectedEdges_) return;
  selectedNodes_ = std::move(nodes);
  selectedEdges_ = std::move(edges);
  Q_EMIT selectionChanged();
}

void PipelineDocument::selectAll() {
  std::set<std::string> all;
  for (const auto& node : pipeline_.nodes)
    all.insert(node.id);
  setSelection(std::move(all), pipeline_.edges);
}

ProblemCount PipelineDocument::problemCount(const std::string& nodeId) const {
  auto it = problemCounts_.find(nodeId);
  return it == problemCounts_.end() ? ProblemCount{} : it->second;
}

std::string PipelineDocument::diagnosticNode(const Diagnostic& d) const {
  if (!d.nodeId.empty()) return d.nodeId;
  static const QRegularExpression nodePointer(QStringLiteral("^/nodes/(\\d+)(/|$)"));
  const auto match = nodePointer.match(qstr(d.pointer));
  if (!match.hasMatch()) return {};
  const size_t index = match.captured(1).toULongLong();
  return index < pipeline_.nodes.size() ? pipeline_.nodes[index].id : std::string();
}

void PipelineDocument::validateNow() {
  validateTimer_.stop();
  try {
    diagnostics_ = planPipeline(pipeline_, registry_, PlanPurpose::Check).diagnostics;
    fields_ = PipelineFields::infer(pipeline_, registry_);
  } catch (const std::exception& e) {
    diagnostics_ = Diagnostics{};
    diagnostics_.error("", sstr(tr("The validator failed: %1").arg(QString::fromUtf8(e.what()))));
  }
  problemCounts_.clear();
  for (const auto& d : diagnostics_.items()) {
    const std::string id = diagnosticNode(d);
    if (id.empty()) continue;
    auto& count = problemCounts_[id];
    (d.severity == Severity::Error ? count.errors : count.warnings)++;
  }
  Q_EMIT validated();
}

FieldSet PipelineDocument::inputFields(const std::string& nodeId) const {
  return fields_.input(nodeId);
}

FieldSet PipelineDocument::outputFields(const std::string& nodeId, const std::string& port) const {
  return fields_.output(nodeId, port);
}

void PipelineDocument::changed() {
  validateTimer_.start();
}

QPoint PipelineDocument::snapped(QPointF pos) {
  return QPoint(static_cast<int>(std::lround(pos.x() / geometry::kGrid) * geometry::kGrid),
                static_cast<int>(std::lround(pos.y() / geometry::kGrid) * geometry::kGrid));
}

std::string PipelineDocument::uniqueId(const std::string& type,
                                       const std::set<std::string>& alsoTaken) const {
  std::string base;
  for (char c : type)
    base += ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-')
                ? c
                : '_';
  if (base.empty()) base = "node";
  auto taken = [&](const std::string& id) { return pipeline_.node(id) || alsoTaken.count(id); };
  if (!taken(base)) return base;
  for (int n = 2;; ++n) {
    std::string id = base + '_' + std::to_string(n);
    if (!taken(id)) return id;
  }
}

std::string PipelineDocument::addNode(const std::string& type, QPointF pos,
                                      const Json& properties) {
  PipelineNode node;
  node.id = uniqueId(type);
  node.type = type;
  if (properties.is_object()) node.properties = properties;
  const QPoint p = snapped(pos);
  node.ui = {{"x", p.x()}, {"y", p.y()}};
  const std::string id = node.id;
  undoStack_.push(new AddItemsCommand(this, {std::move(node)}, {}, tr("Add %1").arg(qstr(id))));
  return id;
}

void PipelineDocument::moveNodes(const std::map<std::string, QPointF>& positions, bool mergeable) {
  std::map<std::string, MoveNodesCommand::Move> moves;
  for (const auto& [id, pos] : positions) {
    const PipelineNode* node = pipeline_.node(id);
    if (!node) continue;
    Json after = node->ui.is_object() ? node->ui : Json::object();
    const QPoint p = snapped(pos);
    after["x"] = p.x();
    after["y"] = p.y();
    if (after != node->ui) moves.emplace(id, MoveNodesCommand::Move{node->ui, std::move(after)});
  }
  if (moves.empty()) return;
  const QString text = mergeable ? tr("Move %n node(s)", nullptr, static_cast<int>(moves.size()))
                                 : tr("Auto-layout");
  undoStack_.push(new MoveNodesCommand(this, std::move(moves), text, mergeable));
}

void PipelineDocument::setNodeUiEntry(const std::string& id, const std::string& key,
                                      const Json& value, const QString& text) {
  const PipelineNode* node = pipeline_.node(id);
  if (!node) return;
  Json after = node->ui.is_object() ? node->ui : Json::object();
  if (value.is_null())
    after.erase(key);
  else
    after[key] = value;
  if (after == node->ui) return;
  std::map<std::string, MoveNodesCommand::Move> change;
  change.emplace(id, MoveNodesCommand::Move{node->ui, std::move(after)});
  undoStack_.push(new MoveNodesCommand(this, std::move(change), text, false));
}

QString PipelineDocument::connectionProblem(const PipelineEdge& edge) const {
  const PipelineNode* from = pipeline_.node(edge.from.node);
  const PipelineNode* to = pipeline_.node(edge.to.node);
  if (!from) return tr("There is no node '%1'.").arg(qstr(edge.from.node));
  if (!to) return tr("There is no node '%1'.").arg(qstr(edge.to.node));
  if (from == to) return tr("A node cannot be connected to itself.");
  const NodeSpec* fromSpec = registry_.find(from->type);
  const NodeSpec* toSpec = registry_.find(to->type);
  const std::string fromPort = edge.fromPort(), toPort = edge.toPort();
  if (fromSpec && fromSpec->outputIndex(fromPort) < 0) {
    if (fromSpec->inputIndex(fromPort) >= 0) return tr("Connect an output port to an input port.");
    return tr("'%1' has no output port '%2'.").arg(qstr(from->id), qstr(fromPort));
  }
  if (toSpec && toSpec->inputIndex(toPort) < 0) {
    if (toSpec->outputIndex(toPort) >= 0) return tr("Connect an output port to an input port.");
    return tr("'%1' has no input port '%2'.").arg(qstr(to->id), qstr(toPort));
  }
  for (const auto& e : pipeline_.edges)
    if (e.from.node == edge.from.node && e.fromPort() == fromPort && e.to.node == edge.to.node &&
        e.toPort() == toPort)
      return tr("%1 is already connected to %2.").arg(qstr(edge.from.text()), qstr(edge.to.text()));
  // A cycle: the new edge's source is reachable from its target.
  std::set<std::string> seen{edge.to.node};
  std::deque<std::string> queue{edge.to.node};
  while (!queue.empty()) {
    const std::string id = queue.front();
    queue.pop_front();
    if (id == edge.from.node)
      return tr("Connecting %1 to %2 would make a cycle.")
          .arg(qstr(edge.from.node), qstr(edge.to.node));
    for (const auto& e : pipeline_.edges)
      if (e.from.node == id && seen.insert(e.to.node).second) queue.push_back(e.to.node);
  }
  return {};
}

bool PipelineDocument::connectPorts(const PipelineEdge& edge, QString* why) {
  const QString problem = connectionProblem(edge);
  if (!problem.isEmpty()) {
    if (why) *why = problem;
    return false;
  }
  // Default ports are left implicit, as people write them by hand.
  PipelineEdge e = edge;
  if (e.from.port == "out") e.from.port.clear();
  if (e.to.port == "in") e.to.port.clear();
  undoStack_.push(new ConnectCommand(this, std::move(e)));
  return true;
}

void PipelineDocument::disconnectEdge(const PipelineEdge& edge) {
  if (edgeIndex(edge) < 0) return;
  undoStack_.push(new RemoveItemsCommand(this, {}, {edge}, tr("Disconnect")));
}

void PipelineDocument::removeSelection() {
  if (!hasSelection()) return;
  // Deleted nodes leave their groups in the same undo step (a later node of the same id must
  // not join a group by accident).
  Json ui = pipeline_.ui;
  const bool regroup = groupsjson::removeMembers(ui, selectedNodes_);
  if (regroup) undoStack_.beginMacro(tr("Delete"));
  undoStack_.push(new RemoveItemsCommand(this, selectedNodes_, selectedEdges_, tr("Delete")));
  if (regroup) {
    undoStack_.push(new SetDocumentUiCommand(this, tr("Delete"), pipeline_.ui, ui));
    undoStack_.endMacro();
  }
}

void PipelineDocument::setProperty(const std::string& nodeId, const std::string& name,
                                   const Json& value) {
  const PipelineNode* node = pipeline_.node(nodeId);
  if (!node) return;
  auto it = node->properties.find(name);
  Json before = it == node->properties.end() ? Json() : *it;
  if (before == value) return;
  undoStack_.push(new SetPropertyCommand(this, nodeId, name, std::move(before), value));
}

Json PipelineDocument::setting(const std::string& key) const {
  const Json& settings = pipeline_.settings;
  if (!settings.is_object()) return Json();
  const size_t slash = key.find('/');
  const std::string top = key.substr(0, slash);
  auto it = settings.find(top);
  if (it == settings.end()) return Json();
  if (slash == std::string::npos) return *it;
  if (!it->is_object()) return Json();
  auto field = it->find(key.substr(slash + 1));
  return field == it->end() ? Json() : *field;
}

void PipelineDocument::setSetting(const std::string& key, const Json& value) {
  const Json before = pipeline_.settings;
  Json after = before.is_object() ? before : Json::object();
  const size_t slash = key.find('/');
  if (slash == std::string::npos) {
    if (value.is_null())
      after.erase(key);
    else
      after[key] = value;
  } else {
    const std::string top = key.substr(0, slash), field = key.substr(slash + 1);
    Json object = after.contains(top) && after[top].is_object() ? after[top] : Json::object();
    if (value.is_null())
      object.erase(field);
    else
      object[field] = value;
    if (object.empty())
      after.erase(top);
    else
      after[top] = std::move(object);
  }
  if (after == before) return;
  undoStack_.push(new SetSettingsCommand(this, key, before, std::move(after)));
}

void PipelineDocument::setName(const std::string& name) {
  if (name == pipeline_.name) return;
  undoStack_.push(new SetPipelineNameCommand(this, pipeline_.name, name));
}

QStringList PipelineDocument::connectionNames(const std::string& type) const {
  QStringList names;
  if (!pipeline_.connections.is_object()) return names;
  for (const auto& [name, entry] : pipeline_.connections.items())
    if (type.empty() || (entry.is_object() && entry.value("type", "") == type)) names << qstr(name);
  return names;
}

Json PipelineDocument::connection(const std::string& name) const {
  if (!pipeline_.connections.is_object() || !pipeline_.connections.contains(name)) return Json();
  return pipeline_.connections[name];
}

std::string PipelineDocument::uniqueConnectionName(const std::string& base) const {
  const std::string stem = base.empty() ? std::string("kafka") : base;
  if (connection(stem).is_null()) return stem;
  for (int n = 2;; ++n) {
    std::string candidate = stem + '_' + std::to_string(n);
    if (connection(candidate).is_null()) return candidate;
  }
}

std::string PipelineDocument::addConnection(const std::string& base, const Json& entry) {
  const std::string name = uniqueConnectionName(base);
  const Json before = pipeline_.connections.is_object() ? pipeline_.connections : Json::object();
  Json after = before;
  after[name] = entry;
  undoStack_.push(
      new EditConnectionsCommand(this, tr("Add connection %1").arg(qstr(name)), before, after));
  return name;
}

void PipelineDocument::setConnection(const std::string& name, const Json& entry,
                                     const std::string& field) {
  const Json before = pipeline_.connections.is_object() ? pipeline_.connections : Json::object();
  if (!before.contains(name) || before[name] == entry) return;
  Json after = before;
  after[name] = entry;
  undoStack_.push(new EditConnectionsCommand(this, tr("Edit connection %1").arg(qstr(name)), before,
                                             after, {},
                                             field.empty() ? std::string() : name + '\n' + field));
}

bool PipelineDocument::renameConnection(const std::string& oldName, const std::string& newName,
                                        QString* why) {
  auto fail = [why](const QString& message) {
    if (why) *why = message;
    return false;
  };
  if (oldName == newName) return true;
  if (connection(oldName).is_null())
    return fail(tr("There is no connection '%1'.").arg(qstr(oldName)));
  if (!validNodeId(newName))
    return fail(tr("'%1' is not a valid connection name: use letters, digits, '_' and '-'.")
                    .arg(qstr(newName)));
  if (!connection(newName).is_null())
    return fail(tr("A connection named '%1' exists already.").arg(qstr(newName)));
  // Rebuilt in order, so the renamed entry keeps its place in the file.
  Json after = Json::object();
  for (const auto& [name, entry] : pipeline_.connections.items())
    after[name == oldName ? newName : name] = entry;
  std::vector<EditConnectionsCommand::PropertyChange> references;
  for (const PipelineNode& node : pipeline_.nodes) {
    const NodeSpec* spec = registry_.find(node.type);
    if (!spec) continue;
    for (const PropertySpec& property : spec->properties) {
      if (property.connectionType.empty()) continue;
      auto value = node.properties.find(property.name);
      if (value != node.properties.end() && *value == Json(oldName))
        references.push_back({node.id, property.name, *value, Json(newName)});
    }
  }
  undoStack_.push(new EditConnectionsCommand(
      this, tr("Rename connection %1 to %2").arg(qstr(oldName), qstr(newName)),
      pipeline_.connections, after, std::move(references)));
  return true;
}

void PipelineDocument::removeConnection(const std::string& name) {
  if (connection(name).is_null()) return;
  Json after = pipeline_.connections;
  after.erase(name);
  undoStack_.push(new EditConnectionsCommand(this, tr("Delete connection %1").arg(qstr(name)),
                                             pipeline_.connections, after));
}

QStringList PipelineDocument::clearSecrets() const {
  QStringList found;
  if (!pipeline_.connections.is_object()) return found;
  for (const auto& [name, entry] : pipeline_.connections.items()) {
    if (!entry.is_object() || !entry.contains("properties") || !entry["properties"].is_object())
      continue;
    for (const auto& [key, value] : entry["properties"].items()) {
      if (!kafka::isSecretProperty(key) || !value.is_string()) continue;
      const std::string text = value.get<std::string>();
      if (!text.empty() && text.find("${") == std::string::npos)
        found << QStringLiteral("%1: %2").arg(qstr(name), qstr(key));
    }
  }
  return found;
}

QString PipelineDocument::secretVariableName(const QString& connection, const QString& property) {
  QString name = (connection + '_' + property).toUpper();
  for (QChar& c : name)
    if (!(c.isLetterOrNumber() && c.unicode() < 128)) c = '_';
  return name;
}

void PipelineDocument::setConnectionsRaw(const Json& connections) {
  pipeline_.connections = connections;
  Q_EMIT connectionsChanged();
  changed();
}

void PipelineDocument::setSettingsRaw(const Json& settings) {
  pipeline_.settings = settings;
  Q_EMIT settingsChanged();
  changed();
}

void PipelineDocument::setNameRaw(const std::string& name) {
  pipeline_.name = name;
  Q_EMIT settingsChanged();
  changed();
}

bool PipelineDocument::renameNode(const std::string& oldId, const std::string& newId,
                                  QString* why) {
  auto fail = [why](const QString& message) {
    if (why) *why = message;
    return false;
  };
  if (oldId == newId) return true;
  if (!pipeline_.node(oldId)) return fail(tr("There is no node '%1'.").arg(qstr(oldId)));
  if (!validNodeId(newId))
    return fail(
        tr("'%1' is not a valid node id: use letters, digits, '_' and '-'.").arg(qstr(newId)));
  if (pipeline_.node(newId)) return fail(tr("A node named '%1' exists already.").arg(qstr(newId)));
  undoStack_.push(new RenameNodeCommand(this, oldId, newId));
  return true;
}

void PipelineDocument::autoLayout() {
  LayoutMetrics metrics;
  metrics.nodeHeight = [this](const PipelineNode& node) {
    const NodeSpec* spec = registry_.find(node.type);
    return spec ? geometry::nodeHeight(spec->inputs.size(), spec->outputs.size())
                : geometry::nodeHeight(1, 1);
  };
  moveNodes(layeredLayout(pipeline_, metrics), false);
}

QString PipelineDocument::selectionAsJson() const {
  Pipeline sub;
  for (const auto& node : pipeline_.nodes)
    if (selectedNodes_.count(node.id)) sub.nodes.push_back(node);
  for (const auto& edge : pipeline_.edges)
    if (selectedNodes_.count(edge.from.node) && selectedNodes_.count(edge.to.node))
      sub.edges.push_back(edge);
  // Nodes laid out only by the editor carry their on-screen position into the copy.
  for (auto& node : sub.nodes) {
    QPointF pos;
    if (!uiPosition(node.ui, &pos)) {
      const QPoint p = snapped(nodePosition(node.id));
      if (!node.ui.is_object()) node.ui = Json::object();
      node.ui["x"] = p.x();
      node.ui["y"] = p.y();
    }
  }
  return qstr(savePipeline(sub));
}

bool PipelineDocument::paste(const QString& text, QString* why) {
  auto fail = [why](const QString& message) {
    if (why) *why = message;
    return false;
  };
  Json json;
  try {
    json = Json::parse(text.toStdString());
  } catch (const std::exception& e) {
    return fail(
        tr("The clipboard does not hold pipeline JSON: %1").arg(QString::fromUtf8(e.what())));
  }
  Json nodes, edges = Json::array();
  if (json.is_object() && json.contains("nodes")) {
    nodes = json["nodes"];
    if (json.contains("edges")) edges = json["edges"];
  } else if (json.is_object() && json.contains("type")) {
    nodes = Json::array({json});
  } else if (json.is_array()) {
    nodes = json;
  }
  if (!nodes.is_array() || !edges.is_array())
    return fail(tr("Paste a pipeline, a node object or an array of nodes."));

  std::vector<PipelineNode> added;
  std::map<std::string, std::string> renamed;  // id in the text -> id in the document
  std::set<std::string> taken;
  bool clash = false;
  for (const Json& nj : nodes) {
    if (!nj.is_object() || !nj.contains("type") || !nj["type"].is_string())
      return fail(tr("Every pasted node needs a \"type\"."));
    PipelineNode node = nodeFromJson(nj);
    const std::string original = node.id;
    if (!validNodeId(node.id) || pipeline_.node(node.id) || taken.count(node.id)) {
      clash = clash || pipeline_.node(node.id);
      node.id = uniqueId(node.type, taken);
    }
    taken.insert(node.id);
    if (!original.empty()) renamed[original] = node.id;
    added.push_back(std::move(node));
  }
  if (added.empty()) return fail(tr("There are no nodes to paste."));

  // Copies of nodes already here are offset so they do not hide the originals; nodes without a
  // position are laid out to the right of the diagram.
  const double offset = clash ? 30.0 * ++pasteCount_ : 0.0;
  double right = 0;
  for (const auto& node : pipeline_.nodes)
    right = std::max(right, nodePosition(node.id).x());
  Pipeline unplaced;
  for (auto& node : added) {
    QPointF pos;
    if (uiPosition(node.ui, &pos)) {
      const QPoint p = snapped(pos + QPointF(offset, offset));
      node.ui["x"] = p.x();
      node.ui["y"] = p.y();
    } else {
      unplaced.nodes.push_back(node);
    }
  }
  std::vector<PipelineEdge> addedEdges;
  for (const Json& ej : edges) {
    if (!ej.is_object() || !ej.contains("from") || !ej.contains("to") || !ej["from"].is_string() ||
        !ej["to"].is_string())
      continue;
    PipelineEdge edge{EdgeEnd::parse(ej["from"].get<std::string>()),
                      EdgeEnd::parse(ej["to"].get<std::string>())};
    auto from = renamed.find(edge.from.node), to = renamed.find(edge.to.node);
    if (from == renamed.end() || to == renamed.end()) continue;
    edge.from.node = from->second;
    edge.to.node = to->second;
    addedEdges.push_back(edge);
    if (unplaced.node(edge.from.node) && unplaced.node(edge.to.node))
      unplaced.edges.push_back(edge);
  }
  if (!unplaced.nodes.empty()) {
    const auto layout = layeredLayout(unplaced);
    const double left = pipeline_.nodes.empty() ? 0 : right + geometry::kNodeWidth + 60;
    for (auto& node : added) {
      auto it = layout.find(node.id);
      if (it == layout.end()) continue;
      const QPoint p = snapped(it->second + QPointF(left, 0));
      if (!node.ui.is_object()) node.ui = Json::object();
      node.ui["x"] = p.x();
      node.ui["y"] = p.y();
    }
  }
  undoStack_.push(new AddItemsCommand(this, std::move(added), std::move(addedEdges), tr("Paste")));
  return true;
}

void PipelineDocument::insertNodeRaw(size_t index, PipelineNode node) {
  index = std::min(index, pipeline_.nodes.size());
  const QString id = qstr(node.id);
  pipeline_.nodes.insert(pipeline_.nodes.begin() + static_cast<std::ptrdiff_t>(index),
                         std::move(node));
  computeFallbackPositions();
  Q_EMIT nodeAdded(id);
  changed();
}

PipelineNode PipelineDocument::takeNodeRaw(size_t index) {
  PipelineNode node = std::move(pipeline_.nodes.at(index));
  pipeline_.nodes.erase(pipeline_.nodes.begin() + static_cast<std::ptrdiff_t>(index));
  if (selectedNodes_.erase(node.id)) Q_EMIT selectionChanged();
  Q_EMIT nodeRemoved(qstr(node.id));
  changed();
  return node;
}

void PipelineDocument::insertEdgeRaw(size_t index, PipelineEdge edge) {
  index = std::min(index, pipeline_.edges.size());
  pipeline_.edges.insert(pipeline_.edges.begin() + static_cast<std::ptrdiff_t>(index), edge);
  Q_EMIT edgeAdded(edge);
  changed();
}

PipelineEdge PipelineDocument::takeEdgeRaw(size_t index) {
  PipelineEdge edge = pipeline_.edges.at(index);
  pipeline_.edges.erase(pipeline_.edges.begin() + static_cast<std::ptrdiff_t>(index));
  if (std::erase(selectedEdges_, edge)) Q_EMIT selectionChanged();
  Q_EMIT edgeRemoved(edge);
  changed();
  return edge;
}

int PipelineDocument::edgeIndex(const PipelineEdge& edge) const {
  auto it = std::find(pipeline_.edges.begin(), pipeline_.edges.end(), edge);
  return it == pipeline_.edges.end() ? -1 : static_cast<int>(it - pipeline_.edges.begin());
}

void PipelineDocument::setNodeUiRaw(const std::string& id, const Json& ui) {
  PipelineNode* node = pipeline_.node(id);
  if (!node) return;
  auto sample = [](const Json& u) {
    return u.is_object() ? u.value(kSampledFieldsKey, Json()) : Json();
  };
  const bool fieldsChanged = sample(node->ui) != sample(ui);
  node->ui = ui;
  Q_EMIT nodeMoved(qstr(id));
  if (fieldsChanged) changed();  // the validator reads sampled fields
}

void PipelineDocument::setPropertyRaw(const std::string& id, const std::string& name,
                                      const Json& value) {
  PipelineNode* node = pipeline_.node(id);
  if (!node) return;
  if (value.is_null()) {
    node->properties.erase(name);
  } else if (node->properties.contains(name)) {
    node->properties[name] = value;
  } else {
    // The file keeps properties in spec order: a new one goes before the first property that
    // the spec lists after it.
    const NodeSpec* spec = registry_.find(node->type);
    auto specIndex = [spec](const std::string& property) {
      if (spec)
        for (size_t i = 0; i < spec->properties.size(); ++i)
          if (spec->properties[i].name == property) return i;
      return std::numeric_limits<size_t>::max();
    };
    const size_t index = specIndex(name);
    Json ordered = Json::object();
    bool inserted = false;
    for (auto it = node->properties.begin(); it != node->properties.end(); ++it) {
      if (!inserted && index < specIndex(it.key())) {
        ordered[name] = value;
        inserted = true;
      }
      ordered[it.key()] = it.value();
    }
    if (!inserted) ordered[name] = value;
    node->properties = std::move(ordered);
  }
  Q_EMIT nodePropertiesChanged(qstr(id));
  changed();
}

void PipelineDocument::renameNodeRaw(const std::string& oldId, const std::string& newId) {
  PipelineNode* node = pipeline_.node(oldId);
  if (!node) return;
  node->id = newId;
  for (auto& edge : pipeline_.edges) {
    if (edge.from.node == oldId) edge.from.node = newId;
    if (edge.to.node == oldId) edge.to.node = newId;
  }
  groupsjson::renameMember(pipeline_.ui, oldId, newId);
  if (auto it = fallbackPositions_.find(oldId); it != fallbackPositions_.end()) {
    fallbackPositions_[newId] = it->second;
    fallbackPositions_.erase(oldId);
  }
  selectedEdges_.clear();
  if (selectedNodes_.erase(oldId)) selectedNodes_.insert(newId);
  Q_EMIT nodeRenamed(qstr(oldId), qstr(newId));
  Q_EMIT groupsChanged();
  Q_EMIT selectionChanged();
  changed();
}

}  // namespace sc::designer
