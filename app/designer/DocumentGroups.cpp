// PipelineDocument's group functions: each edit replaces the document's "ui" object through
// one SetDocumentUiCommand (moving a group is a MoveNodesCommand of its nodes).
#include "app/designer/DocumentGroups.h"

#include <algorithm>

#include "app/designer/DocumentCommands.h"
#include "app/designer/PipelineDocument.h"

namespace sc::designer {

namespace groupsjson {

Json& groupArray(Json& ui) {
  if (!ui.is_object()) ui = Json::object();
  Json& groups = ui["groups"];
  if (!groups.is_array()) groups = Json::array();
  return groups;
}

void renameMember(Json& ui, const std::string& oldId, const std::string& newId) {
  if (!ui.is_object() || !ui.contains("groups") || !ui["groups"].is_array()) return;
  for (Json& group : ui["groups"]) {
    if (!group.is_object() || !group.contains("nodes") || !group["nodes"].is_array()) continue;
    for (Json& member : group["nodes"])
      if (member.is_string() && member.get<std::string>() == oldId) member = newId;
  }
}

bool removeMembers(Json& ui, const std::set<std::string>& ids) {
  if (!ui.is_object() || !ui.contains("groups") || !ui["groups"].is_array()) return false;
  bool changed = false;
  Json kept = Json::array();
  for (Json& group : ui["groups"]) {
    if (group.is_object() && group.contains("nodes") && group["nodes"].is_array()) {
      Json members = Json::array();
      for (const Json& member : group["nodes"])
        if (!member.is_string() || !ids.count(member.get<std::string>())) members.push_back(member);
      if (members.size() != group["nodes"].size()) {
        changed = true;
        if (members.empty()) continue;  // an empty group has no frame: drop it
        group["nodes"] = std::move(members);
      }
    }
    kept.push_back(std::move(group));
  }
  ui["groups"] = std::move(kept);
  return changed;
}

}  // namespace groupsjson

namespace {

// The index of the group `id` in ui.groups, -1 when absent.
int groupIndex(const Json& ui, const std::string& id) {
  if (!ui.is_object() || !ui.contains("groups") || !ui["groups"].is_array()) return -1;
  const Json& groups = ui["groups"];
  for (size_t i = 0; i < groups.size(); ++i)
    if (groups[i].is_object() && groups[i].value("id", Json()) == Json(id)) return int(i);
  return -1;
}

}  // namespace

std::vector<PipelineDocument::NodeGroup> PipelineDocument::groups() const {
  std::vector<NodeGroup> result;
  const Json& ui = pipeline_.ui;
  if (!ui.is_object() || !ui.contains("groups") || !ui["groups"].is_array()) return result;
  std::set<std::string> taken;  // a node listed by two groups belongs to the first
  for (const Json& entry : ui["groups"]) {
    if (!entry.is_object()) continue;
    const auto id = entry.find("id");
    if (id == entry.end() || !id->is_string() || id->get<std::string>().empty()) continue;
    NodeGroup group;
    group.id = id->get<std::string>();
    if (const auto name = entry.find("name"); name != entry.end() && name->is_string())
      group.name = qstr(name->get<std::string>());
    if (const auto collapsed = entry.find("collapsed"); collapsed != entry.end())
      group.collapsed = collapsed->is_boolean() && collapsed->get<bool>();
    if (const auto nodes = entry.find("nodes"); nodes != entry.end() && nodes->is_array())
      for (const Json& member : *nodes)
        if (member.is_string() && pipeline_.node(member.get<std::string>()) &&
            taken.insert(member.get<std::string>()).second)
          group.nodes.push_back(member.get<std::string>());
    if (!group.nodes.empty()) result.push_back(std::move(group));
  }
  return result;
}

std::optional<PipelineDocument::NodeGroup> PipelineDocument::group(const std::string& id) const {
  for (auto& g : groups())
    if (g.id == id) return g;
  return std::nullopt;
}

std::string PipelineDocument::groupOf(const std::string& nodeId) const {
  for (const auto& g : groups())
    if (std::find(g.nodes.begin(), g.nodes.end(), nodeId) != g.nodes.end()) return g.id;
  return {};
}

std::string PipelineDocument::groupSelection(const QString& name) {
  if (selectedNodes_.empty()) return {};
  Json ui = pipeline_.ui.is_object() ? pipeline_.ui : Json::object();
  groupsjson::removeMembers(ui, selectedNodes_);
  std::string id;
  for (int n = 1; id.empty() || groupIndex(ui, id) >= 0; ++n)
    id = "group_" + std::to_string(n);
  Json members = Json::array();
  for (const auto& node : pipeline_.nodes)  // file order: stable, diffs cleanly
    if (selectedNodes_.count(node.id)) members.push_back(node.id);
  groupsjson::groupArray(ui).push_back(
      {{"id", id}, {"name", sstr(name)}, {"nodes", std::move(members)}, {"collapsed", false}});
  undoStack_.push(new SetDocumentUiCommand(this, tr("Group %1").arg(name), pipeline_.ui, ui));
  return id;
}

void PipelineDocument::renameGroup(const std::string& id, const QString& name) {
  Json ui = pipeline_.ui;
  const int index = groupIndex(ui, id);
  if (index < 0 || ui["groups"][size_t(index)].value("name", Json()) == Json(sstr(name))) return;
  ui["groups"][size_t(index)]["name"] = sstr(name);
  undoStack_.push(
      new SetDocumentUiCommand(this, tr("Rename group to %1").arg(name), pipeline_.ui, ui));
}

void PipelineDocument::ungroup(const std::string& id) {
  Json ui = pipeline_.ui;
  const int index = groupIndex(ui, id);
  if (index < 0) return;
  const QString name = qstr(ui["groups"][size_t(index)].value("name", std::string()));
  ui["groups"].erase(size_t(index));
  undoStack_.push(new SetDocumentUiCommand(this, tr("Ungroup %1").arg(name), pipeline_.ui, ui));
}

void PipelineDocument::setGroupCollapsed(const std::string& id, bool collapsed) {
  Json ui = pipeline_.ui;
  const int index = groupIndex(ui, id);
  if (index < 0) return;
  Json& group = ui["groups"][size_t(index)];
  if (group.value("collapsed", false) == collapsed) return;
  group["collapsed"] = collapsed;
  const QString name = qstr(group.value("name", std::string()));
  undoStack_.push(new SetDocumentUiCommand(
      this, collapsed ? tr("Collapse %1").arg(name) : tr("Expand %1").arg(name), pipeline_.ui, ui));
}

void PipelineDocument::moveGroup(const std::string& id, QPointF delta) {
  const auto g = group(id);
  if (!g) return;
  std::map<std::string, MoveNodesCommand::Move> moves;
  for (const auto& nodeId : g->nodes) {
    const PipelineNode* node = pipeline_.node(nodeId);
    Json after = node->ui.is_object() ? node->ui : Json::object();
    const QPoint p = snapped(nodePosition(nodeId) + delta);
    after["x"] = p.x();
    after["y"] = p.y();
    if (after != node->ui)
      moves.emplace(nodeId, MoveNodesCommand::Move{node->ui, std::move(after)});
  }
  if (moves.empty()) return;
  undoStack_.push(
      new MoveNodesCommand(this, std::move(moves), tr("Move group %1").arg(g->name), false));
}

void PipelineDocument::setUiRaw(const Json& ui) {
  pipeline_.ui = ui;
  Q_EMIT groupsChanged();
  changed();
}

}  // namespace sc::designer
