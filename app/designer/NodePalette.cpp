#include "app/designer/NodePalette.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

#include "app/designer/CanvasStyle.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/Translations.h"

namespace sc::designer {

namespace {

constexpr int kTypeRole = Qt::UserRole + 1;
constexpr int kSearchRole = Qt::UserRole + 2;

// Serves the node type of dragged entries.
class NodeTypeModel : public QStandardItemModel {
 public:
  using QStandardItemModel::QStandardItemModel;
  QStringList mimeTypes() const override { return {QString::fromLatin1(NodePalette::kMimeType)}; }
  QMimeData* mimeData(const QModelIndexList& indexes) const override {
    for (const QModelIndex& index : indexes) {
      const QString type = index.data(kTypeRole).toString();
      if (!type.isEmpty()) return NodePalette::mimeDataForType(type);
    }
    return nullptr;
  }
};

}  // namespace

QMimeData* NodePalette::mimeDataForType(const QString& type) {
  auto* mime = new QMimeData;
  mime->setData(QString::fromLatin1(kMimeType), type.toUtf8());
  mime->setText(type);
  return mime;
}

NodePalette::NodePalette(const NodeRegistry& registry, QWidget* parent)
    : QWidget(parent),
      filter_(new QLineEdit(this)),
      view_(new QTreeView(this)),
      model_(new NodeTypeModel(this)),
      proxy_(new QSortFilterProxyModel(this)) {
  filter_->setPlaceholderText(tr("Search nodes"));
  filter_->setClearButtonEnabled(true);

  QHash<QString, QStandardItem*> categories;
  std::vector<const NodeSpec*> specs = registry.all();  // by category, then type
  std::stable_sort(specs.begin(), specs.end(), [](const NodeSpec* a, const NodeSpec* b) {
    return categoryRank(qstr(a->category)) < categoryRank(qstr(b->category));
  });
  for (const NodeSpec* spec : specs) {
    const QString category = qstr(spec->category);  // the English name picks icon and colour
    QStandardItem*& group = categories[category];
    if (!group) {
      group = new QStandardItem(specText(spec->category));
      group->setFlags(Qt::ItemIsEnabled);
      QFont bold = group->font();
      bold.setBold(true);
      group->setFont(bold);
      model_->appendRow(group);
    }
    const QString title = spec->title.empty() ? qstr(spec->type) : specText(spec->title);
    const QString summary = specText(spec->summary);
    auto* entry = new QStandardItem(categoryIcon(category), title);
    entry->setData(qstr(spec->type), kTypeRole);
    // Found by the words shown and by the English ones the documentation uses.
    entry->setData(
        QStringList{title, qstr(spec->type), summary, qstr(spec->title), qstr(spec->summary)}.join(
            ' '),
        kSearchRole);
    QString tip =
        QStringLiteral("<b>%1</b> <code>%2</code><br>%3")
            .arg(title.toHtmlEscaped(), qstr(spec->type).toHtmlEscaped(), summary.toHtmlEscaped());
    if (!spec->description.empty())
      tip += QStringLiteral("<p>%1</p>")
                 .arg(specText(spec->description).toHtmlEscaped().replace('\n', "<br>"));
    entry->setToolTip(tip);
    entry->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    group->appendRow(entry);
  }

  proxy_->setSourceModel(model_);
  proxy_->setFilterRole(kSearchRole);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setRecursiveFilteringEnabled(true);
  view_->setModel(proxy_);
  view_->setHeaderHidden(true);
  view_->setDragEnabled(true);
  view_->setDragDropMode(QAbstractItemView::DragOnly);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->setRootIsDecorated(false);
  view_->setIndentation(8);
  view_->expandAll();

  connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
    proxy_->setFilterFixedString(text);
    view_->expandAll();
  });
  connect(view_, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
    const QString type = index.data(kTypeRole).toString();
    if (!type.isEmpty()) Q_EMIT addRequested(type);
  });

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(filter_);
  layout->addWidget(view_);
}

QStringList NodePalette::visibleTypes() const {
  QStringList types;
  for (int g = 0; g < proxy_->rowCount(); ++g) {
    const QModelIndex group = proxy_->index(g, 0);
    for (int r = 0; r < proxy_->rowCount(group); ++r)
      types << proxy_->index(r, 0, group).data(kTypeRole).toString();
  }
  return types;
}

}  // namespace sc::designer

namespace sc::designer {

QModelIndex NodePalette::indexOfType(const QString& type) const {
  for (int g = 0; g < proxy_->rowCount(); ++g) {
    const QModelIndex group = proxy_->index(g, 0);
    for (int r = 0; r < proxy_->rowCount(group); ++r) {
      const QModelIndex entry = proxy_->index(r, 0, group);
      if (entry.data(kTypeRole).toString() == type) return entry;
    }
  }
  return {};
}

}  // namespace sc::designer
