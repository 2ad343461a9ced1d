#pragma once
// The editor's document: the pipeline file model itself, plus the selection, the file path and
// the validation result. Every edit is an undo command (DocumentCommands.h) pushed through the
// edit functions below; the scene, inspector and problems panel only react to the signals.

#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUndoStack>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/graph/FieldSchema.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

namespace sc::designer {

inline QString qstr(const std::string& s) {
  return QString::fromStdString(s);
}
inline std::string sstr(const QString& s) {
  return s.toStdString();
}

struct ProblemCount {
  int errors = 0;
  int warnings = 0;
};

class PipelineDocument : public QObject {
  Q_OBJECT
 public:
  explicit PipelineDocument(const NodeRegistry& registry, QObject* parent = nullptr);

  const NodeRegistry& registry() const { return registry_; }
  const Pipeline& pipeline() const { return pipeline_; }
  QUndoStack* undoStack() { return &undoStack_; }

  // --- file ---
  QString filePath() const { return filePath_; }
  bool isModified() const { return !undoStack_.isClean(); }
  // Replaces the document (clears undo history and selection).
  void setPipeline(Pipeline pipeline, const QString& path = {});
  void newDocument() { setPipeline(Pipeline{}); }
  // Loads `path`; a file that does not load leaves the document untouched and returns false with
  // the loader's messages in `errors`. Validation problems do not prevent opening.
  bool openFile(const QString& path, QString* errors);
  bool saveFile(const QString& path, QString* error);
  // The canonical file text of the document (what saveFile writes).
  std::string fileText() const;

  // --- positions ---
  // The node's "ui" position, or a layout position for nodes saved without one.
  QPointF nodePosition(const std::string& id) const;

  // --- selection ---
  const std::set<std::string>& selectedNodes() const { return selectedNodes_; }
  const std::vector<PipelineEdge>& selectedEdges() const { return selectedEdges_; }
  void setSelection(std::set<std::string> nodes, std::vector<PipelineEdge> edges = {});
  void selectAll();
  bool hasSelection() const { return !selectedNodes_.empty() || !selectedEdges_.empty(); }

  // --- validation: planPipeline()'s checks, the same as --validate and Run make ---
  const Diagnostics& diagnostics() const { return diagnostics_; }
  ProblemCount problemCount(const std::string& nodeId) const;
  // The node a diagnostic is about: its nodeId, else the node its pointer points into.
  std::string diagnosticNode(const Diagnostic& d) const;
  void validateNow();
  // The fields arriving at the node's first input, and leaving its `port` ("out" when empty), as
  // of the last validation (FieldSchema.h).
  FieldSet inputFields(const std::string& nodeId) const;
  // The fields the node's expressions read (its input's; a source's own).
  FieldSet fieldsSeenBy(const std::string& nodeId) const { return fields_.seenBy(nodeId); }
  FieldSet outputFields(const std::string& nodeId, const std::string& port = {}) const;

  // --- edits: each pushes one undo command ---
  // Adds a node of `type` at `pos`, with `properties` set (one undo step); returns its id.
  std::string addNode(const std::string& type, QPointF pos,
                      const Json& properties = Json::object());
  // Moves nodes to new positions (snapped to the grid); consecutive moves of the same set of
  // nodes merge into one undo step unless `mergeable` is false.
  void moveNodes(const std::map<std::string, QPointF>& positions, bool mergeable = true);
  // Sets one entry of a node's "ui" data other than its position ("sampled_fields"); a null
  // value removes it. One undo step named `text`.
  void setNodeUiEntry(const std::string& id, const std::string& key, const Json& value,
                      const QString& text);
  // Why an edge may not be added (empty when it may): unknown nodes or ports, output to output,
  // same node, duplicate, cycle.
  QString connectionProblem(const PipelineEdge& edge) const;
  bool connectPorts(const PipelineEdge& edge, QString* why = nullptr);
  void disconnectEdge(const PipelineEdge& edge);
  void removeSelection();
  // Sets a property; a null value removes it (the spec default applies again). Consecutive
  // edits of the same property merge into one undo step.
  void setProperty(const std::string& nodeId, const std::string& name, const Json& value);
  bool renameNode(const std::string& oldId, const std::string& newId, QString* why = nullptr);
  // Sets one pipeline setting ("delivery") or one field of an object setting ("restart/delay");
  // a null value removes it (the default applies again; an emptied object goes too).
  // Consecutive edits of the same setting merge into one undo step.
  void setSetting(const std::string& key, const Json& value);
  // The setting's value in the document (null: not set).
  Json setting(const std::string& key) const;
  void setName(const std::string& name);

  // --- connections: the entries of the file's "connections" object ---
  // Names of the connections (of `type` when given: "kafka"), in file order.
  QStringList connectionNames(const std::string& type = {}) const;
  // The connection's entry (null: no such connection).
  Json connection(const std::string& name) const;
  // A name not used yet: base, base_2, base_3, ...
  std::string uniqueConnectionName(const std::string& base) const;
  // Adds a connection under a unique name derived from `base`; returns the name.
  std::string addConnection(const std::string& base, const Json& entry);
  // Replaces one connection's entry. Consecutive edits of the same `field` of the same
  // connection merge into one undo step (typing a password is one step).
  void setConnection(const std::string& name, const Json& entry, const std::string& field = {});
  // Renames a connection and every node property that refers to it, in one undo step.
  bool renameConnection(const std::string& oldName, const std::string& newName,
                        QString* why = nullptr);
  void removeConnection(const std::string& name);
  // Secret properties of connections written in clear (not a ${VAR} reference), as
  // "connection: property" for a warning; their values are never returned.
  QStringList clearSecrets() const;
  // The ${VAR} name offered for a secret typed in clear: LOCAL_SASL_PASSWORD.
  static QString secretVariableName(const QString& connection, const QString& property);
  void autoLayout();
  // The selection as pipeline JSON (nodes and the edges among them), canonical file text.
  QString selectionAsJson() const;
  // Adds nodes from JSON text: a pipeline document, a node array or a single node object.
  // Clashing ids are renamed, positions offset; the pasted nodes become the selection.
  bool paste(const QString& text, QString* why = nullptr);
  // A type-derived id not used yet: filter, filter_2, filter_3, ...
  std::string uniqueId(const std::string& type, const std::set<std::string>& alsoTaken = {}) const;

  // --- groups: named frames around nodes, in the file's top-level "ui" object, which the engine
  // ignores: {"groups": [{"id": "group_1", "name": "Ingest", "nodes": ["a", "b"],
  // "collapsed": true}]}. A node is in one group at most. (DocumentGroups.cpp)
  struct NodeGroup {
    std::string id;
    QString name;
    std::vector<std::string> nodes;  // members that exist, in file order of the group
    bool collapsed = false;
  };
  // The groups with at least one existing member (entries a hand edit broke are skipped).
  std::vector<NodeGroup> groups() const;
  std::optional<NodeGroup> group(const std::string& id) const;
  // The group of a node (empty: none).
  std::string groupOf(const std::string& nodeId) const;
  // Groups the selected nodes (taking them out of other groups); returns the new group's id,
  // empty when nothing is selected.
  std::string groupSelection(const QString& name);
  void renameGroup(const std::string& id, const QString& name);
  void ungroup(const std::string& id);
  void setGroupCollapsed(const std::string& id, bool collapsed);
  // Moves every node of the group by `delta` (one undo step).
  void moveGroup(const std::string& id, QPointF delta);

  // Snaps a scene position to the 10 px grid.
  static QPoint snapped(QPointF pos);

  // --- raw mutations, for the undo commands only: they Q_EMIT signals and schedule validation ---
  void insertNodeRaw(size_t index, PipelineNode node);
  PipelineNode takeNodeRaw(size_t index);
  void insertEdgeRaw(size_t index, PipelineEdge edge);
  PipelineEdge takeEdgeRaw(size_t index);
  int edgeIndex(const PipelineEdge& edge) const;
  void setNodeUiRaw(const std::string& id, const Json& ui);
  void setPropertyRaw(const std::string& id, const std::string& name, const Json& value);
  void renameNodeRaw(const std::string& oldId, const std::string& newId);
  void setSettingsRaw(const Json& settings);
  void setNameRaw(const std::string& name);
  void setConnectionsRaw(const Json& connections);
  void setUiRaw(const Json& ui);

 Q_SIGNALS:
  void documentReset();
  void nodeAdded(const QString& id);
  void nodeRemoved(const QString& id);
  void nodeMoved(const QString& id);
  void nodePropertiesChanged(const QString& id);
  void nodeRenamed(const QString& oldId, const QString& newId);
  // The pipeline's settings or name changed.
  void settingsChanged();
  // The "connections" object changed (added, renamed, removed or edited entries).
  void connectionsChanged();
  // The groups changed (created, renamed, collapsed, ungrouped, or their members renamed).
  void groupsChanged();
  void edgeAdded(const sc::PipelineEdge& edge);
  void edgeRemoved(const sc::PipelineEdge& edge);
  void selectionChanged();
  void validated();
  void filePathChanged(const QString& path);
  void modifiedChanged(bool modified);

 private:
  void changed();
  void computeFallbackPositions();

  const NodeRegistry& registry_;
  Pipeline pipeline_;
  QString filePath_;
  QUndoStack undoStack_;
  std::set<std::string> selectedNodes_;
  std::vector<PipelineEdge> selectedEdges_;
  Diagnostics diagnostics_;
  PipelineFields fields_;
  std::map<std::string, ProblemCount> problemCounts_;
  std::map<std::string, QPointF> fallbackPositions_;
  QTimer validateTimer_;
  int pasteCount_ = 0;
};

// One node as it appears in a file's "nodes" array, and back.
Json nodeToJson(const PipelineNode& node);
PipelineNode nodeFromJson(const Json& json);

}  // namespace sc::designer
