#pragma once
// The node palette: every type in the registry, grouped by category, filtered by a search box.
// Entries drag onto the canvas (mime type kMimeType holding the type name); a double-click asks
// for the node at the view centre.

#include <QModelIndex>
#include <QWidget>

#include "engine/graph/NodeRegistry.h"

class QLineEdit;
class QMimeData;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace sc::designer {

class NodePalette : public QWidget {
  Q_OBJECT
 public:
  static constexpr const char* kMimeType = "application/x-streamcanvas-node-type";
  // The other format the canvas accepts: a topic dragged from the Topics dock, as JSON
  // {"topic": ..., "connection": ...}.
  static constexpr const char* kTopicMimeType = "application/x-streamcanvas-topic";

  explicit NodePalette(const NodeRegistry& registry, QWidget* parent = nullptr);

  QLineEdit* filterEdit() const { return filter_; }
  QTreeView* view() const { return view_; }
  // The drag payload of a palette entry (what a drop onto the canvas expects).
  static QMimeData* mimeDataForType(const QString& type);
  // The view's index of a type's entry (invalid when filtered out or unknown).
  QModelIndex indexOfType(const QString& type) const;
  // Types currently shown (after filtering), in display order.
  QStringList visibleTypes() const;

 Q_SIGNALS:
  void addRequested(const QString& type);

 private:
  QLineEdit* filter_;
  QTreeView* view_;
  QStandardItemModel* model_;
  QSortFilterProxyModel* proxy_;
};

}  // namespace sc::designer
