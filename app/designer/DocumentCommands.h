#pragma once
// The undo commands: every change to a PipelineDocument is one of these. Commands address nodes
// by id and keep JSON snapshots of what they remove, so undo restores the exact file content.

#include <QUndoCommand>
#include <map>
#include <string>
#include <vector>

#include "app/designer/PipelineDocument.h"

namespace sc::designer {

// Appends nodes and edges (adding a node, pasting) and selects the added nodes.
class AddItemsCommand : public QUndoCommand {
 public:
  AddItemsCommand(PipelineDocument* doc, std::vector<PipelineNode> nodes,
                  std::vector<PipelineEdge> edges, const QString& text);
  void redo() override;
  void undo() override;

 private:
  PipelineDocument* doc_;
  std::vector<PipelineNode> nodes_;
  std::vector<PipelineEdge> edges_;
};

// Removes nodes (with every edge touching them) and edges; undo re-inserts them at their
// original places in the file from the snapshot.
class RemoveItemsCommand : public QUndoCommand {
 public:
  RemoveItemsCommand(PipelineDocument* doc, const std::set<std::string>& nodeIds,
                     const std::vector<PipelineEdge>& edges, const QString& text);
  void redo() override;
  void undo() override;

 private:
  PipelineDocument* doc_;
  Json
      snapshot_;  // {"nodes": [{"index": i, "node": {...}}], "edges": [{"index": j, "from", "to"}]}
};

// Sets the "ui" object of nodes. Consecutive drags of the same set of nodes merge.
class MoveNodesCommand : public QUndoCommand {
 public:
  struct Move {
    Json before;
    Json after;
  };
  MoveNodesCommand(PipelineDocument* doc, std::map<std::string, Move> moves, const QString& text,
                   bool mergeable);
  void redo() override;
  void undo() override;
  int id() const override { return mergeable_ ? 1 : -1; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  PipelineDocument* doc_;
  std::map<std::string, Move> moves_;
  bool mergeable_;
};

class ConnectCommand : public QUndoCommand {
 public:
  ConnectCommand(PipelineDocument* doc, PipelineEdge edge);
  void redo() override;
  void undo() override;

 private:
  PipelineDocument* doc_;
  PipelineEdge edge_;
};

// Sets (or with a null value removes) one property. Consecutive edits of the same field merge,
// so typing a word is one undo step.
class SetPropertyCommand : public QUndoCommand {
 public:
  SetPropertyCommand(PipelineDocument* doc, std::string nodeId, std::string property, Json before,
                     Json after);
  void redo() override;
  void undo() override;
  int id() const override { return 2; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  PipelineDocument* doc_;
  std::string nodeId_;
  std::string property_;
  Json before_;
  Json after_;
};

// Replaces the pipeline's "settings" object (one setting or one field of "restart" changed).
// Consecutive edits of the same setting merge, so typing a duration is one undo step.
class SetSettingsCommand : public QUndoCommand {
 public:
  SetSettingsCommand(PipelineDocument* doc, std::string key, Json before, Json after);
  void redo() override;
  void undo() override;
  int id() const override { return 3; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  PipelineDocument* doc_;
  std::string key_;  // "delivery", "restart/delay", ...
  Json before_;
  Json after_;
};

// Sets the pipeline's name (which also names its default checkpoint folder).
class SetPipelineNameCommand : public QUndoCommand {
 public:
  SetPipelineNameCommand(PipelineDocument* doc, std::string before, std::string after);
  void redo() override;
  void undo() override;
  int id() const override { return 4; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  PipelineDocument* doc_;
  std::string before_;
  std::string after_;
};

// Replaces the pipeline's "connections" object, and for a rename the node properties that name
// the connection. Consecutive edits with the same non-empty merge key (connection and field)
// merge into one undo step.
class EditConnectionsCommand : public QUndoCommand {
 public:
  struct PropertyChange {
    std::string nodeId;
    std::string property;
    Json before;
    Json after;
  };
  EditConnectionsCommand(PipelineDocument* doc, const QString& text, Json before, Json after,
                         std::vector<PropertyChange> properties = {}, std::string mergeKey = {});
  void redo() override;
  void undo() override;
  int id() const override { return mergeKey_.empty() ? -1 : 5; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  PipelineDocument* doc_;
  Json before_;
  Json after_;
  std::vector<PropertyChange> properties_;
  std::string mergeKey_;
};

// Renames a node and every edge end that names it.
class RenameNodeCommand : public QUndoCommand {
 public:
  RenameNodeCommand(PipelineDocument* doc, std::string oldId, std::string newId);
  void redo() override;
  void undo() override;

 private:
  PipelineDocument* doc_;
  std::string oldId_;
  std::string newId_;
};

// Replaces the document's top-level "ui" object (node groups).
class SetDocumentUiCommand : public QUndoCommand {
 public:
  SetDocumentUiCommand(PipelineDocument* doc, const QString& text, Json before, Json after);
  void redo() override;
  void undo() override;

 private:
  PipelineDocument* doc_;
  Json before_;
  Json after_;
};

}  // namespace sc::designer
